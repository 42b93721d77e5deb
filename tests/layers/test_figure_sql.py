"""Golden tests for figure_*.sql on a tiny hand-written plan_figures table."""

from __future__ import annotations

import pytest
from pg_server import BACKENDS, runner_on

from assistant.layers import db
from assistant.layers.sql import SQL_DIR

FIXTURE_ROWS = [
    # figure_id, indicator, scope, phase, version, value, value_text, unit, norm_value, norm_unit, quote, note, ordinal
    ("市辖区·永久基本农田·维护前", "永久基本农田", "市辖区", "维护前", "维护前", 8.2593, "8.2593", "万亩",
     8.2593 * 10000 / 15, "公顷", "确定的永久基本农田 8.2593 万亩，维护后 8.2831 万亩。", None, 1),
    ("市辖区·永久基本农田·维护后", "永久基本农田", "市辖区", "维护后", "维护后", 8.2831, "8.2831", "万亩",
     8.2831 * 10000 / 15, "公顷", "确定的永久基本农田 8.2593 万亩，维护后 8.2831 万亩。", None, 2),
    ("市辖区·生态保护红线·维护前", "生态保护红线", "市辖区", "维护前", "维护前", 10, "10", "平方千米", 1000, "公顷",
     "生态保护红线 10 平方千米，不涉及调整。", "不涉及调整", 3),
    ("中心城区·城市绿线·维护前", "城市绿线", "中心城区", "维护前", "维护前", 300.76, "300.76", "公顷", 300.76, "公顷",
     "确定的城市绿线 300.76 公顷。", None, 4),
    ("中心城区·城市绿线·维护后", "城市绿线", "中心城区", "维护后", "维护后", 301.11, "301.11", "公顷", 301.11, "公顷",
     "维护后城市绿线 301.11 公顷。", None, 5),
    ("中心城区·城市紫线·调出", "城市紫线", "中心城区", "调出", None, 734.46, "734.46", "平方米", 0.073446, "公顷",
     "调出面积 734.46 平方米，调入面积 982.80 平方米。", None, 6),
    ("中心城区·城市紫线·调入", "城市紫线", "中心城区", "调入", None, 982.8, "982.80", "平方米", 0.09828, "公顷",
     "调出面积 734.46 平方米，调入面积 982.80 平方米。", None, 7),
    ("市辖区·城镇开发边界·扩展规模·维护前", "城镇开发边界", "市辖区", "扩展规模", "维护前", 973.98, "973.98", "公顷",
     973.98, "公顷", "扩展规模 973.98 公顷。", None, 8),
    ("市辖区·城镇开发边界·扩展规模·维护后", "城镇开发边界", "市辖区", "扩展规模", "维护后", 944.17, "944.17", "公顷",
     944.17, "公顷", "维护后扩展规模 944.17 公顷。", None, 9),
    ("市辖区·城镇开发边界·预留机动·维护后", "城镇开发边界", "市辖区", "预留机动", "维护后", 29.81, "29.81", "公顷",
     29.81, "公顷", "预留机动规模 29.81 公顷。", None, 13),
    ("市域·重点建设项目·实施", "重点建设项目", "市域", "实施", None, 118, "118", "项", 118, "项",
     "其中，实施 118 项。", None, 10),
    ("市域·重点建设项目·总数", "重点建设项目", "市域", "总数", None, 564, "564", "项", 564, "项",
     "共 564 项。", None, 11),
    ("市域·重点建设项目·延续", "重点建设项目", "市域", "延续", None, 229, "229", "项", 229, "项",
     "延续 229 项。", None, 12),
]


@pytest.fixture(scope="module", params=BACKENDS)
def figures_runner(request, tmp_path_factory):
    """The tiny fixture database, shared (every statement under test is read-only), on DuckDB and on PostGIS."""
    path = tmp_path_factory.mktemp("figures") / "plan.duckdb"
    con = db.connect(path)
    con.execute((SQL_DIR / "schema_figures.sql").read_text(encoding="utf-8"))
    con.executemany(
        "INSERT INTO plan_figures (figure_id, indicator, scope, phase, version, value, value_text, unit, norm_value,"
        " norm_unit, quote, note, ordinal, doc, section) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '测试', '测试节')",
        FIXTURE_ROWS)
    con.close()
    return runner_on(request, request.param, path)


def _cols(result, *names):
    idx = [result.columns.index(n) for n in names]
    return [tuple(row[i] for i in idx) for row in result.rows]


def test_figure_lookup_filters_and_blank_means_any(figures_runner):
    run = figures_runner.run
    got = run("figure_lookup", indicator="城市绿线", phase="", version="", scope="")
    assert _cols(got, "figure_id", "value_text", "unit") == [
        ("中心城区·城市绿线·维护前", "300.76", "公顷"), ("中心城区·城市绿线·维护后", "301.11", "公顷")]
    got = run("figure_lookup", indicator="城镇开发边界", phase="扩展规模", version="维护后", scope="市辖区")
    assert _cols(got, "value_text") == [("944.17",)]
    got = run("figure_lookup", indicator="", phase="调出", version="", scope="中心城区")
    assert _cols(got, "indicator", "value_text", "unit") == [("城市紫线", "734.46", "平方米")]
    got = run("figure_lookup", indicator=None, phase="维护前", version=None, scope="市辖区")
    assert [r[0] for r in got.rows] == ["市辖区·永久基本农田·维护前", "市辖区·生态保护红线·维护前"]
    assert run("figure_lookup", indicator="GDP", phase="", version="", scope="").rows == []


def test_figure_change_in_the_plans_unit_and_in_mu(figures_runner):
    got = figures_runner.run("figure_change", indicator="城市绿线", measure="", unit="")
    assert _cols(got, "before_text", "after_text", "unit", "before_value", "after_value", "difference") == [
        ("300.76", "301.11", "公顷", 300.76, 301.11, 0.35)]
    got = figures_runner.run("figure_change", indicator="永久基本农田", measure="", unit="亩")
    assert _cols(got, "before_value", "after_value", "difference", "before_unit") == [
        (82593.0, 82831.0, 238.0, "万亩")]
    got = figures_runner.run("figure_change", indicator="永久基本农田", measure="", unit="万亩")
    assert _cols(got, "difference") == [(0.0238,)]


def test_figure_change_of_a_measure_and_of_an_unchanged_line(figures_runner):
    got = figures_runner.run("figure_change", indicator="城镇开发边界", measure="扩展规模", unit="")
    assert _cols(got, "before_text", "after_text", "difference") == [("973.98", "944.17", -29.81)]
    # The plan states no 维护后 figure for 生态保护红线: no row, the answer layer quotes the text instead.
    assert figures_runner.run("figure_change", indicator="生态保护红线", measure="", unit="").rows == []
    # Areas never convert to counts.
    assert figures_runner.run("figure_change", indicator="城市绿线", measure="", unit="项").rows == []


def test_figure_net_is_in_minus_out(figures_runner):
    got = figures_runner.run("figure_net", indicator="城市紫线", unit="")
    assert _cols(got, "out_text", "in_text", "unit", "net") == [("734.46", "982.80", "平方米", 248.34)]
    got = figures_runner.run("figure_net", indicator="城市紫线", unit="公顷")
    assert _cols(got, "out_value", "in_value", "net") == [(0.073446, 0.09828, 0.024834)]
    assert figures_runner.run("figure_net", indicator="城市绿线", unit="").rows == []


def test_figure_convert_shows_the_factor(figures_runner):
    got = figures_runner.run("figure_convert", figure_id="市辖区·永久基本农田·维护后", unit="公顷")
    assert _cols(got, "value_text", "from_unit", "to_unit", "factor_num", "factor_den") == [
        ("8.2831", "万亩", "公顷", 10000.0, 15.0)]
    assert got.rows[0][got.columns.index("converted")] == pytest.approx(5522.066666667)
    got = figures_runner.run("figure_convert", figure_id="市辖区·生态保护红线·维护前", unit="亩")
    assert _cols(got, "converted") == [(15000.0,)]
    got = figures_runner.run("figure_convert", figure_id="中心城区·城市紫线·调出", unit="公顷")
    assert _cols(got, "converted") == [(0.073446,)]
    assert figures_runner.run("figure_convert", figure_id="市域·重点建设项目·实施", unit="公顷").rows == []


def test_figure_pair_sum_difference_and_share(figures_runner):
    got = figures_runner.run("figure_pair", a="市域·重点建设项目·实施", b="市域·重点建设项目·总数")
    assert _cols(got, "a_text", "b_text", "total", "difference", "share_percent_2dp") == [
        ("118", "564", 682.0, -446.0, 20.92)]
    # the first of two as a share of both together: 118 of 118 + 229
    got = figures_runner.run("figure_pair", a="市域·重点建设项目·实施", b="市域·重点建设项目·延续")
    assert _cols(got, "total", "part_percent_2dp") == [(347.0, 34.01)]
    # Different units never combine.
    assert figures_runner.run("figure_pair", a="市域·重点建设项目·实施", b="中心城区·城市绿线·维护前").rows == []


def test_figure_same_value_finds_another_figure_stated_so(figures_runner):
    got = figures_runner.run("figure_same_value", value=29.81, unit="公顷", indicator="城镇开发边界")
    assert _cols(got, "figure_id", "value_text") == [("市辖区·城镇开发边界·预留机动·维护后", "29.81")]
    # the indicator's own sizes are what the difference came from, and another unit is another quantity
    assert figures_runner.run("figure_same_value", value=944.17, unit="公顷", indicator="城镇开发边界").rows == []
    assert figures_runner.run("figure_same_value", value=29.81, unit="平方米", indicator="城镇开发边界").rows == []


def test_figure_sum_share_adds_two_and_divides_by_the_whole(figures_runner):
    got = figures_runner.run("figure_sum_share", a="市域·重点建设项目·实施", b="市域·重点建设项目·延续",
                             whole="市域·重点建设项目·总数")
    assert _cols(got, "a_text", "b_text", "whole_text", "total", "share_percent_2dp") == [
        ("118", "229", "564", 347.0, 61.52)]
    assert figures_runner.run("figure_sum_share", a="市域·重点建设项目·实施", b="市域·重点建设项目·延续",
                              whole="中心城区·城市绿线·维护前").rows == []


def test_figure_rest_share_divides_by_the_whole_less_a_part(figures_runner):
    got = figures_runner.run("figure_rest_share", part="市域·重点建设项目·实施", taken="市域·重点建设项目·延续",
                             whole="市域·重点建设项目·总数")
    assert _cols(got, "part_text", "taken_text", "whole_text", "rest", "share_percent_2dp") == [
        ("118", "229", "564", 335.0, 35.22)]  # 118 ÷ (564 − 229)
    assert figures_runner.run("figure_rest_share", part="市域·重点建设项目·实施", taken="市域·重点建设项目·延续",
                              whole="中心城区·城市绿线·维护前").rows == []  # a count is no part of an area


def test_figure_share_takes_both_in_their_norm_unit(figures_runner):
    got = figures_runner.run("figure_share", a="中心城区·城市紫线·调入", b="中心城区·城市绿线·维护后")
    assert _cols(got, "a_text", "a_unit", "b_text", "b_unit", "norm_unit", "a_definition") == [
        ("982.80", "平方米", "301.11", "公顷", "公顷", "1 公顷 = 10000 平方米")]
    assert _cols(got, "a_norm_exact", "share_percent_2dp") == [(0.09828, 0.03)]
    got = figures_runner.run("figure_share", a="市辖区·永久基本农田·维护后", b="市辖区·生态保护红线·维护前")
    assert _cols(got, "share_percent_2dp") == [(552.21,)]  # 8.2831 万亩 = 5522.07 公顷 of 10 平方千米
    # An area is never a share of a count.
    assert figures_runner.run("figure_share", a="中心城区·城市绿线·维护前", b="市域·重点建设项目·总数").rows == []


def test_rounded_columns_for_reading(figures_runner):
    got = figures_runner.run("figure_change", indicator="城镇开发边界", measure="扩展规模", unit="")
    assert _cols(got, "difference_2dp", "change_percent_2dp") == [(-29.81, -3.06)]
    got = figures_runner.run("figure_convert", figure_id="市辖区·永久基本农田·维护后", unit="公顷")
    assert _cols(got, "converted_2dp") == [(5522.07,)]


def test_figure_round_is_half_away_from_zero_in_exact_decimals(figures_runner):
    rows = [figures_runner.run("figure_round", value=v, decimals=d).rows[0]
            for v, d in ((31.914893617, 1), (0.145, 2), (140812.5, 0), (-248.345, 2), (14.336932107, 3))]
    assert [r[2] for r in rows] == [31.9, 0.15, 140813.0, -248.35, 14.337]  # a double would give 0.14
    assert rows[0][:2] == (31.914893617, 1)



def test_figure_compare_takes_both_in_one_unit(figures_runner):
    got = figures_runner.run("figure_compare", a="市辖区·生态保护红线·维护前", b="中心城区·城市绿线·维护后", unit="公顷")
    assert _cols(got, "a_text", "a_unit", "b_text", "unit", "difference") == [("10", "平方千米", "301.11", "公顷", 698.89)]
    assert _cols(got, "ratio_2dp", "ratio_percent_2dp") == [(3.32, 332.1)]  # 1000 ÷ 301.11 = 3.3210
    assert _cols(got, "total", "total_2dp") == [(1301.11, 1301.11)]  # 10 平方千米 = 1000 公顷, + 301.11
    got = figures_runner.run("figure_compare", a="市辖区·永久基本农田·维护后", b="中心城区·城市紫线·调入", unit="万亩")
    assert _cols(got, "a_in_unit", "b_in_unit") == [(8.2831, 0.000147420)]  # 982.80 平方米 = 0.09828 公顷
    assert _cols(got, "total_2dp") == [(8.28,)]
    got = figures_runner.run("figure_compare", a="市域·重点建设项目·实施", b="市域·重点建设项目·总数", unit="项")
    assert _cols(got, "difference") == [(-446.0,)]
    # Counts and areas never compare.
    assert figures_runner.run("figure_compare", a="市域·重点建设项目·实施", b="中心城区·城市绿线·维护前",
                              unit="公顷").rows == []
