"""Statistics questions in the chat, on the real assistant: the version asked for, the right number.

The fixture's 维护前 and 维护后 differ for every layer; expected numbers come from shapely + pyproj
(tests/fixtures/stats_reference.py), not from the SQL under test.
"""

from __future__ import annotations

import re

import pytest
from fixtures import stats_reference as ref

from assistant.conversation import Conversation

LAYERS = ("永久基本农田", "生态保护红线", "城镇开发边界", "历史文化保护线", "洪涝风险控制线", "城市绿线", "城市紫线",
          "规划分区")
ANSWER = re.compile(r"(?P<area>\S+?)内(?P<version>维护[前后])的(?P<layer>\S+?)面积为 (?P<ha>[\d.]+) 公顷"
                    r"（(?P<mu>[\d.]+) 亩），涉及 (?P<n>\d+) 个图斑")


@pytest.mark.parametrize("layer", LAYERS)
@pytest.mark.parametrize("version", ["维护前", "维护后"])
def test_layer_area_answer_uses_the_version_asked_for(fixture_assistant, layer, version):
    for area in ref.COUNTIES:
        answer = fixture_assistant.ask(f"{version}{area}{layer}面积多少公顷？")
        m = ANSWER.search(answer.answer)
        assert answer.intent == "stats" and m, answer.answer
        count, m2 = ref.layer_area(layer, version, area)
        assert (m["area"], m["version"], m["layer"], int(m["n"])) == (area, version, layer, count)
        assert float(m["ha"]) == pytest.approx(m2 / ref.M2_PER_HA, abs=2e-4)
        assert float(m["mu"]) == pytest.approx(m2 / ref.M2_PER_MU, abs=0.01)
        assert answer.tables[0]["title"].endswith(f"（{version}）") and "ST_Intersection" in answer.tables[0]["sql"]
        assert answer.citations or layer == "规划分区"  # the plan has no passage on 规划分区 as a whole


def test_a_follow_up_switches_the_version(fixture_assistant):
    conversation = Conversation()
    after = fixture_assistant.ask("维护后郊区永久基本农田面积多少公顷？", conversation)
    before = fixture_assistant.ask("维护前呢？", conversation)
    numbers = [float(ANSWER.search(a.answer)["ha"]) for a in (after, before)]
    expected = [ref.layer_area("永久基本农田", v, "郊区")[1] / ref.M2_PER_HA for v in ("维护后", "维护前")]
    assert numbers == pytest.approx(expected, abs=2e-4) and numbers[0] != numbers[1]


@pytest.mark.parametrize("version", ["维护前", "维护后"])
def test_land_use_composition_answer(fixture_assistant, version):
    answer = fixture_assistant.ask(f"{version}中心城区用地构成")
    expected = ref.land_use(version)
    total = sum(expected.values())
    assert answer.intent == "stats" and f"中心城区用地（{version}）共 {len(expected)} 类" in answer.answer
    for (code, name), m2 in expected.items():
        ha = f"{m2 / ref.M2_PER_HA:f}".rstrip("0").rstrip(".")
        assert f"{code} {name} {ha} 公顷（{m2 / total * 100:.1f}%）" in answer.answer
