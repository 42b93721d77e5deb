"""UI event logic without a browser: chat, point and map-click checks, red line, report, public filtering."""

import pytest
from fixtures.layer_db import lonlat_at
from fixtures.make_txt_redlines import OUT as TXT_DIR
from fixtures.make_txt_redlines import VARIANTS as TXT_VARIANTS
from ui_fakes import POLICY_QUOTE, FakeAssistant, redline_txt, ui_settings

from assistant.errors import InputError
from assistant.pipeline import Conversation
from assistant.web.actions import Actions, MapState


@pytest.fixture(scope="module")
def staff(tmp_path_factory):
    settings = ui_settings(tmp_path_factory.mktemp("staff"))
    return Actions(FakeAssistant(settings.db_path), settings)


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    settings = ui_settings(tmp_path_factory.mktemp("public"), mode="public", rate="2")
    return Actions(FakeAssistant(settings.db_path, public=True), settings)


class Req:
    def __init__(self, host):
        self.client = type("C", (), {"host": host})()


def test_staff_chat_shows_citation_and_sql(staff):
    text, image = staff.ask("生态控制区能否开发？", Conversation())
    assert POLICY_QUOTE in text and "<details>" in text and "```sql" in text and image is None


def test_chat_plan_map_request_renders_map(staff):
    text, image = staff.ask("三条控制线维护前图（标明调出）", Conversation())
    assert "三条控制线维护前图（标明调出）" in text and image.demo


def test_point_check_then_click_then_report(staff):
    state = MapState()
    lon, lat = lonlat_at(500, 500)  # inside JBNT-1
    text, image = staff.check_point(lon, lat, "维护后", state)
    assert "永久基本农田" in text and "| 永久基本农田 | 维护后 | 是 |" in text
    text2, _ = staff.click(image.width / 2, image.height / 2, "维护后", state)
    assert "地图点选" in text2
    pdf = staff.report(state, "pdf")
    assert open(pdf, "rb").read(5) == b"%PDF-"


def test_redline_check_and_report(staff, tmp_path):
    state = MapState()
    text, image = staff.check_redline(str(redline_txt(tmp_path / "红线.txt")), "维护后", state)
    assert "永久基本农田" in text and "公顷" in text
    assert dict(state.last_summary)["红线面积"].startswith("60.0000 公顷（900.00 亩）")
    assert staff.report(state, "docx").endswith(".docx")


def test_report_before_any_check_is_refused(staff):
    with pytest.raises(InputError, match="请先完成一次"):
        staff.report(MapState())


def test_public_point_check_has_bands_no_metres_no_codes(public):
    lon, lat = lonlat_at(1070, 500)  # 70 m east of JBNT-1
    text, image = public.check_point(lon, lat, "维护后", MapState())
    assert "50–100 米" in text and "JBNT" not in text and "最近距离" not in text
    assert image.title == "选址核查位置图"


def test_public_refuses_layer_maps_redlines_reports(public, tmp_path):
    text, image = public.ask("看一下永久基本农田维护后图", Conversation())
    assert "不提供管控线图件" in text and image is None
    with pytest.raises(InputError):
        public.check_redline(str(redline_txt(tmp_path / "r.txt")), "维护后", MapState())
    with pytest.raises(InputError):
        public.plan_map("永久基本农田", "维护后", None, MapState())
    text = public.chat_api("生态控制区能否开发？", Req("10.0.0.9"))
    assert "SELECT" not in text and POLICY_QUOTE in text


def test_public_rate_limit_per_client(public):
    assert public.allowed(Req("10.0.0.1")) is None
    assert public.allowed(Req("10.0.0.1")) is None
    assert "请求过于频繁" in public.allowed(Req("10.0.0.1"))
    assert public.allowed(Req("10.0.0.2")) is None


def test_build_app_without_browser(tmp_path):
    from assistant.web.ui import build_app

    settings = ui_settings(tmp_path)
    app = build_app(FakeAssistant(settings.db_path), settings)
    names = [d.api_name for d in app.fns.values()]
    assert "chat" in names


@pytest.mark.parametrize("name", [v.name for v in TXT_VARIANTS])
def test_txt_variants_through_the_upload_path_and_report(staff, name):
    """Issue 14: the generated 界址点 TXT variants read the same way when uploaded; attributes reach the report."""
    import io

    from docx import Document

    variant = next(v for v in TXT_VARIANTS if v.name == name)
    state = MapState()
    text, _ = staff.check_redline(str(TXT_DIR / f"{name}.txt"), "维护后", state)
    for part in variant.expect_notes:
        assert part in text
    plot = variant.plots[0]
    assert f"第 1 地块“{plot.fields[2]}”（编号 {plot.fields[1]}" in text
    assert ("近似结果" in text) is variant.approximate
    assert ("坐标精度" in dict(state.last_summary)) is variant.approximate
    document = Document(io.BytesIO(open(staff.report(state, "docx"), "rb").read()))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {plot.fields[1], plot.fields[2], plot.fields[5], plot.fields[6]} <= cells
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert ("【近似结果" in paragraphs) is variant.approximate
    if variant.approximate:
        assert open(staff.report(state, "pdf"), "rb").read(5) == b"%PDF-"
