"""Plan documents -> clean sections with their real heading path (一、/（一）/1.), for citation."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError


@dataclass(frozen=True)
class Section:
    doc: str               # document title, e.g. 阳泉市国土空间总体规划2026年度动态维护方案
    path: tuple[str, ...]  # e.g. ("四、动态维护方案", "（一）三条控制线维护", "3.城镇开发边界")
    text: str              # repaired body text of this section alone (not its sub-sections)
    order: int             # position in the document, for stable ordering

    @property
    def section(self) -> str:
        """The citation's section path: 四、动态维护方案 > （一）三条控制线维护 > 3.城镇开发边界."""
        return " > ".join(self.path)


SUFFIXES = (".txt", ".md", ".pdf", ".docx")
# Notes about the corpus itself (where the files came from), not plan text to cite.
NOTE_STEMS = frozenset({"readme", "sources", "license", "changelog"})
COVER = "封面"
APPENDIX = "附图"

_CN_NUM = "一二三四五六七八九十"
_LEVEL1 = re.compile(rf"^[{_CN_NUM}]+、")
_LEVEL2 = re.compile(rf"^[（(][{_CN_NUM}]+[）)]")
# "3.06%" is a number, not a heading, so the marker must not be followed by a digit.
_LEVEL3 = re.compile(r"^\d{1,2}\s*[.．、](?!\d)")
_APPENDIX_HEADING = re.compile(r"^附\s*图$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_FINAL_PUNCT = "。；：！？!?;:"
_CLOSERS = "”’」』）)》"
_PROSE_MARKS = "，、。；：,"
_HEADING_MAX_LEN = 40
_CJK = r"\u4e00-\u9fff"
_DOC_TYPE_END = re.compile(r"(方案|规划|报告|说明|纲要|办法|细则|意见|通知|文本)$")
_ISSUER_OR_DATE = re.compile(r"(政府|局|委员会|研究院|设计院|公司)$|^\d{4}\s*年\s*\d{1,2}\s*月")


# ---------------------------------------------------------------- text repair

def _heading_level(line: str) -> int | None:
    """Level of a numbered heading line (一、 -> 1, （一） -> 2, 1. -> 3), else None."""
    line = line.strip()
    if "\n" in line or not line or len(line) > _HEADING_MAX_LEN or line.endswith("。"):
        return None
    if _LEVEL1.match(line):
        return 1
    if _LEVEL2.match(line):
        return 2
    if _LEVEL3.match(line):
        return 3
    return None


def _starts_like_heading(paragraph: str) -> bool:
    first = paragraph.lstrip().split("\n", 1)[0]
    return bool(_MD_HEADING.match(first) or _APPENDIX_HEADING.match(first.strip())
                or _LEVEL1.match(first) or _LEVEL2.match(first) or _LEVEL3.match(first))


def _ends_sentence(paragraph: str) -> bool:
    tail = paragraph.rstrip()
    while tail and tail[-1] in _CLOSERS:
        if len(tail) > 1 and tail[-2] in _FINAL_PUNCT:
            return True
        tail = tail[:-1]
    return bool(tail) and tail[-1] in _FINAL_PUNCT


def _is_prose(paragraph: str) -> bool:
    """Body text (not a title, heading or caption): has clause punctuation or is long."""
    return any(ch in paragraph for ch in _PROSE_MARKS) or len(paragraph) >= 30


def _split_paragraphs(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    lines = ["" if not line.strip() else line.rstrip() for line in text.split("\n")]
    paragraphs = re.split(r"\n{2,}", "\n".join(lines))
    return [p.strip("\n") for p in paragraphs if p.strip()]


def repair_page_breaks(text: str) -> str:
    """Rejoin words split across pages ("扩展规\\n\\n模" -> "扩展规模"); paragraphs end up "\\n\\n"-separated."""
    out: list[str] = []
    for paragraph in _split_paragraphs(text):
        if out:
            prev = out[-1]
            if (_is_prose(prev) and not _ends_sentence(prev) and not _starts_like_heading(prev)
                    and not _starts_like_heading(paragraph)):
                out[-1] = prev + paragraph.lstrip()
                continue
        out.append(paragraph)
    return "\n\n".join(out)


# ---------------------------------------------------------------- sentences

_OPEN = {"“": "”", "（": "）", "(": ")", "《": "》", "〈": "〉", "「": "」", "‘": "’"}
_SENT_END = "。！？；!?;"


def entry_number(sentence: str) -> int | None:
    """The number a listed entry starts with ("5. 国土空间用途分区图（维护前）" -> 5), else None."""
    found = re.match(r"\s*(\d+)\s*[.．、]", sentence)
    return int(found.group(1)) if found else None


def split_sentences(text: str) -> list[str]:
    """Sentences ending in 。！？； (kept), never split inside “”/（）/《》; a line break also ends one."""
    sentences: list[str] = []
    stack: list[str] = []
    start = 0
    for i, ch in enumerate(text):
        if ch == "\n":
            sentences.append(text[start:i])
            start, stack = i + 1, []
        elif ch in _OPEN:
            stack.append(_OPEN[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif ch in _SENT_END and not stack:
            sentences.append(text[start:i + 1])
            start = i + 1
    sentences.append(text[start:])
    return [s.strip() for s in sentences if s.strip()]


# ---------------------------------------------------------------- extraction

def _read_txt(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataError(f"无法识别文件编码：{path.name}。请将其另存为 UTF-8 编码的文本后重建索引。")


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader

    try:
        pages = [page.extract_text() or "" for page in PdfReader(str(path)).pages]
    except Exception as exc:  # pypdf raises many types for damaged files
        raise DataError(f"无法读取 PDF：{path.name}（{exc}）。请确认文件未加密、未损坏后重建索引。") from exc
    # Each extracted line becomes a paragraph; repair_page_breaks rejoins wrapped prose lines.
    lines = [line for page in pages for line in page.split("\n")]
    return "\n\n".join(lines)


def _read_docx(path: Path) -> str:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises zip/xml errors for damaged files
        raise DataError(f"无法读取 Word 文件：{path.name}（{exc}）。请确认是 .docx 格式后重建索引。") from exc
    blocks = []
    for para in document.paragraphs:
        text = para.text.strip()
        style = (para.style.name if para.style is not None else "") or ""
        match = re.match(r"Heading (\d)", style)
        if text and style == "Title":
            blocks.append(f"# {text}")
        elif text and match:
            # Word heading styles become Markdown headings so both share one parser.
            blocks.append(f"{'#' * (int(match.group(1)) + 1)} {text}")
        else:
            blocks.append(text)
    return "\n\n".join(blocks)


def read_document(path: str | Path) -> str:
    """Raw text of one plan document (.txt/.md/.pdf/.docx)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".txt", ".md"):
        return _read_txt(path)
    if suffix == ".pdf":
        return _read_pdf(path)
    if suffix == ".docx":
        return _read_docx(path)
    raise DataError(f"不支持的文件类型：{path.name}。请使用 PDF、DOCX、MD 或 TXT。")


# ---------------------------------------------------------------- sections

def _squeeze(text: str) -> str:
    """Drop spaces between CJK and digits: "2026 年度" -> "2026年度"."""
    text = re.sub(rf"(?<=[{_CJK}])\s+(?=[0-9{_CJK}])", "", text.strip())
    return re.sub(rf"(?<=[0-9])\s+(?=[{_CJK}])", "", text)


def _cover_title(cover: list[str]) -> str:
    """Title from the cover lines: a title line plus its continuation, not the issuer or date."""
    lines = [line.strip() for paragraph in cover for line in paragraph.split("\n") if line.strip()]
    if not lines:
        return ""
    title = lines[0]
    if len(lines) > 1 and not _ISSUER_OR_DATE.search(lines[1]):
        # A second cover line like "2026 年度动态维护方案" continues the title.
        if re.match(r"^\d{4}\s*年度", lines[1]) or _DOC_TYPE_END.search(lines[1]):
            title += lines[1]
    return _squeeze(title)


@dataclass
class _Block:
    text: str
    level: int | None = None   # heading level; None for body text
    md_hashes: int = 0         # number of '#' when the heading came from Markdown


def _blocks(repaired: str) -> list[_Block]:
    blocks = []
    for paragraph in repaired.split("\n\n"):
        md = _MD_HEADING.match(paragraph.strip())
        if md and "\n" not in paragraph.strip():
            text = md.group(2).strip()
            blocks.append(_Block(text, _heading_level(text) or 0, len(md.group(1))))
        elif _APPENDIX_HEADING.match(paragraph.strip()):
            blocks.append(_Block(paragraph.strip(), 1))
        else:
            blocks.append(_Block(paragraph, _heading_level(paragraph)))
    return blocks


def parse_sections(repaired: str, fallback_title: str, first_order: int = 0) -> list[Section]:
    """Sections of one repaired document, each with its heading path and own body text."""
    blocks = _blocks(repaired)
    title = ""
    # A leading unnumbered Markdown '#' heading is the document title, not a section.
    if blocks and blocks[0].md_hashes == 1 and blocks[0].level == 0:
        title = _squeeze(blocks.pop(0).text)
    md_offset = 1 if title else 0

    cover: list[str] = []
    while blocks and blocks[0].level is None:
        cover.append(blocks.pop(0).text)
    title = title or _cover_title(cover) or fallback_title

    sections: list[tuple[tuple[str, ...], list[str]]] = []
    if cover:
        sections.append(((COVER,), cover))
    stack: list[tuple[int, str]] = []
    in_appendix = False
    skip_caption = False
    running_header = re.sub(r"\s+", "", title)
    for block in blocks:
        flat = re.sub(r"\s+", "", block.text)
        if flat == running_header:
            skip_caption = in_appendix  # in the map pages the header is followed by the map's title
            continue
        if skip_caption and block.level is None and not _is_prose(block.text):
            skip_caption = False
            continue
        skip_caption = False
        level = block.level
        if level == 0:  # unnumbered Markdown heading: its '#' count gives the level
            level = max(1, block.md_hashes - md_offset)
        if in_appendix and level is not None and level > 1:
            level = None  # the numbered map list is body text of 附图, not headings
        if level is None:
            if not sections:
                sections.append(((COVER,), []))
            sections[-1][1].append(block.text)
            continue
        in_appendix = bool(_APPENDIX_HEADING.match(block.text.strip()))
        heading = APPENDIX if in_appendix else block.text.strip()
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, heading))
        sections.append((tuple(h for _, h in stack), []))

    return [Section(doc=title, path=path, text="\n\n".join(body), order=first_order + i)
            for i, (path, body) in enumerate(sections)]


def corpus_files(corpus_dir: str | Path) -> list[Path]:
    """The plan documents of a folder, sorted by name (other files, notes and temp files are ignored)."""
    folder = Path(corpus_dir)
    if not folder.is_dir():
        raise DataError(f"规划文本目录不存在：{folder}。请检查 YQPLAN_CORPUS_DIR 设置。")
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in SUFFIXES and p.stem.lower() not in NOTE_STEMS
                  and not p.name.startswith((".", "~$")))


def load_corpus(corpus_dir: str | Path) -> list[Section]:
    """Every plan document in the folder as Sections with their real heading paths."""
    sections: list[Section] = []
    for path in corpus_files(corpus_dir):
        repaired = repair_page_breaks(read_document(path))
        if repaired.strip():
            sections.extend(parse_sections(repaired, path.stem, first_order=len(sections)))
    if not sections:
        raise DataError(f"规划文本目录中没有可读取的文件：{corpus_dir}。请放入 PDF、DOCX、MD 或 TXT 文件。")
    return sections


def corpus_fingerprint(corpus_dir: str | Path) -> str:
    """sha256 over the names and bytes of the ingested files; changes whenever the corpus does."""
    digest = hashlib.sha256()
    for path in corpus_files(corpus_dir):
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
