"""Find a CJK font on this machine and register it with matplotlib and reportlab (no downloads)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..errors import DataError

# Debian/Ubuntu package locations first; the Noto .ttc holds SC at a known sub-font index.
CANDIDATES: list[tuple[str, int]] = [
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
]


@cache
def cjk_font_file() -> tuple[str, int]:
    """(path, sub-font index) of the first installed CJK font."""
    for path, index in CANDIDATES:
        if Path(path).is_file():
            return path, index
    raise DataError("未找到中文字体，地图和报告无法显示中文。请安装字体：sudo apt-get install fonts-wqy-microhei")


@cache
def matplotlib_family() -> str:
    """Register the CJK font with matplotlib and return its family name."""
    from matplotlib import font_manager, rcParams

    path, _ = cjk_font_file()
    font_manager.fontManager.addfont(path)
    family = font_manager.FontProperties(fname=path).get_name()
    rcParams["font.family"] = "sans-serif"
    rcParams["font.sans-serif"] = [family, *rcParams["font.sans-serif"]]
    rcParams["axes.unicode_minus"] = False  # the CJK font lacks U+2212
    return family


@cache
def reportlab_font() -> str:
    """Register the CJK font with reportlab and return the registered font name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path, index = cjk_font_file()
    name = "YqCJK"
    kwargs = {"subfontIndex": index} if path.endswith(".ttc") else {}
    pdfmetrics.registerFont(TTFont(name, path, **kwargs))
    return name
