"""UI event logic without a browser: chat, point and map-click checks, red line, report, public filtering."""

import json

import pytest
from fixtures.layer_db import lonlat_at
from fixtures.make_txt_redlines import OUT as TXT_DIR
from fixtures.make_txt_redlines import VARIANTS as TXT_VARIANTS
from ui_fakes import POLICY_QUOTE, FakeAssistant, redline_txt, ui_settings

from assistant.conversation import Conversation
from assistant.errors import InputError
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
    text, image, command = staff.ask("生态控制区能否开发？", Conversation())
    assert POLICY_QUOTE in text and "<details>" in text and "```sql" in text and image is None and command is None


def test_chat_plan_map_request_renders_map(staff):
    text, image, _ = staff.ask("三条控制线维护前图（标明调出）", Conversation())
    assert "三条控制线维护前图（标明调出）" in text and image.demo


def test_chat_location_becomes_the_exportable_check(staff):
    state = MapState()
    lon, lat = lonlat_at(500, 500)  # inside JBNT-1
    _, _, command = staff.ask(f"东经{lon:.6f} 北纬{lat:.6f}", Conversation(), state, "维护前")
    assert command["version"] == "维护前" and command["lon"] == pytest.approx(lon, abs=1e-6)
    assert "维护前：位于永久基本农田内" in command["popup"] and "JBNT-1" in command["popup"]
    assert staff.report_bytes(state, "pdf")[1][:5] == b"%PDF-"


def test_point_check_then_map_click_then_report(staff):
    state = MapState()
    lon, lat = lonlat_at(500, 500)  # inside JBNT-1
    text, command = staff.check_point(lon, lat, "维护后", state)
    assert "维护后：位于永久基本农田内" in text and "<td>永久基本农田</td>" in text
    assert command["fly"] and "JBNT-1" in command["popup"] and "公顷" in command["popup"]
    lon2, lat2 = lonlat_at(-1200, -200)  # 200 m west of JBNT-1, inside 洪涝风险控制线 only
    text2, command2, version = staff.map_event(json.dumps({"kind": "click", "lon": lon2, "lat": lat2}),
                                               "维护后", state)
    assert "地图点选" in state.last_question and version == "维护后"
    assert "维护后：不涉及三条控制线（永久基本农田最近约 1.2 公里" in text2 and command2["lat"] == pytest.approx(lat2, abs=1e-6)
    assert staff.report_bytes(state, "pdf")[1][:5] == b"%PDF-"


def test_version_switch_restates_the_same_check(staff):
    state = MapState()
    lon, lat = lonlat_at(2200, 200)  # JBNT-2 exists only 维护前
    after, _ = staff.check_point(lon, lat, "维护后", state)
    before, command, version = staff.map_event(json.dumps({"kind": "version", "version": "维护前"}), "维护后", state)
    assert "维护后：不涉及三条控制线" in after and "当前查看：维护后" in after
    assert "维护前：位于永久基本农田内" in before and "当前查看：维护前" in before
    assert version == "维护前" and command["version"] == "维护前" and "JBNT-2" in command["popup"]
    assert "<td>永久基本农田</td><td>在内（JBNT-2）</td><td>不在（约 800 米）</td><td>调出</td>" in before


def test_map_search_understands_each_location_form(staff):
    state = MapState()
    lon, lat = lonlat_at(500, 500)
    text, command = staff.search(f"东经{lon:.6f} 北纬{lat:.6f}", "维护后", state)  # the fake reads this form
    assert "位于永久基本农田内" in text and command["fly"]
    with pytest.raises(InputError, match="请输入坐标"):
        staff.search("  ", "维护后", state)


def test_redline_check_and_report(staff, tmp_path):
    state = MapState()
    text, command = staff.check_redline(str(redline_txt(tmp_path / "tmpab12.txt")), "维护后", state,
                                        shown_name="东区 红线.txt")
    assert "永久基本农田" in text and "公顷" in text and command["redline"]["type"] == "Polygon"
    assert dict(state.last_summary)["红线面积"].startswith("60.0000 公顷（900.00 亩）")
    assert dict(state.last_summary)["文件"] == "东区 红线.txt"
    assert staff.report_bytes(state, "docx")[0].endswith(".docx")
    name, csv_data = staff.table_bytes(state, "csv")
    assert name == "核查结果.csv" and csv_data.decode("utf-8-sig").startswith("图层,版本,是否在内")
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(staff.table_bytes(state, "xlsx")[1]))
    assert book.sheetnames == ["逐图层结论", "明细", "涉及图斑（维护后）"]
    patches = [[c.value for c in row] for row in book["涉及图斑（维护后）"].iter_rows(min_row=2)]
    jbnt = next(r for r in patches if r[0] == "永久基本农田")
    assert jbnt[1] == "JBNT-1" and float(jbnt[3]) == pytest.approx(800 * 500 / 10000, abs=1e-4)


def test_report_before_any_check_is_refused(staff):
    with pytest.raises(InputError, match="请先完成一次"):
        staff.report_bytes(MapState())


def test_public_point_check_has_bands_no_metres_no_codes(public):
    lon, lat = lonlat_at(1070, 500)  # 70 m east of JBNT-1
    text, command = public.check_point(lon, lat, "维护后", MapState())
    assert "维护后：不涉及三条控制线（永久基本农田距边界50–100 米" in text
    assert "JBNT" not in text + command["popup"] and "最近距离" not in text and "redline" not in command
    assert "<td>规划分区</td>" in text


def test_public_refuses_layer_maps_redlines_reports(public, tmp_path):
    text, image, _ = public.ask("看一下永久基本农田维护后图", Conversation())
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
    document = Document(io.BytesIO(staff.report_bytes(state, "docx")[1]))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {plot.fields[1], plot.fields[2], plot.fields[5], plot.fields[6]} <= cells
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert ("【近似结果" in paragraphs) is variant.approximate
    if variant.approximate:
        assert staff.report_bytes(state, "pdf")[1][:5] == b"%PDF-"


def test_the_chat_api_builds_no_map_command(staff, monkeypatch):
    """API callers see only the Markdown: a location answer costs no map command (and no nearby 图斑 query)."""
    lon, lat = lonlat_at(500, 500)  # inside JBNT-1
    monkeypatch.setattr(staff, "map_command", lambda *a, **k: pytest.fail("map command built for the API"))
    text = staff.chat_api(f"东经{lon:.6f} 北纬{lat:.6f}", Req("127.0.0.9"))
    assert "永久基本农田" in text
    with pytest.raises(pytest.fail.Exception):
        staff.ask(f"东经{lon:.6f} 北纬{lat:.6f}", Conversation(), MapState(), "维护后")  # the page still draws
