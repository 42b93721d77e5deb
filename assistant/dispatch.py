"""One ask answered by what it was routed to: a location check, a plan map, a refusal, layer statistics, the
project list, a line's trend, a figure, or the plan's text (`Dispatch`, the answering half of `Assistant`)."""

from __future__ import annotations

import re
from typing import Any

from .answer_types import Answer
from .check import answer as location_answer
from .plan.vocabulary import OTHER_COUNTIES, find_layer
from .qa import asked_things, asker, elsewhere, followup, kinds_asked, referent, scope, scope_fit, unsaid
from .qa.each_amount import unnamed_parts
from .qa.figure_query import asks_amount
from .qa.figure_unstated import unnamed_zone
from .qa.plan_maps import asks_for_maps
from .qa.quotes import refusal
from .qa.route import Route
from .qa.spatial_query import SpatialRequest
from .qa.subject import DESCRIBES_LINE
from .qa.uncounted import uncounted_level, uncounted_thing, unranked_member


class Dispatch:
    """Answers one routed ask; mixed into `Assistant`, whose settings, runner, answerers and checker it reads."""

    def _answer(self, question: str, r: Route, context: dict[str, Any]) -> Answer:
        if r.intent == "location":
            if r.detail["kind"] == "place" and asker.asks_parcel(question):
                # "我家在义井镇有块地，在不在开发边界里？": a town's point decides nothing about one plot in it
                return refusal(question, f"“{r.detail['value']}”是一个地名，范围内可能跨越多个管控区。"
                               + asker.PARCEL_REASON)
            if r.detail["kind"] == "place" and elsewhere.asks_villages(question):
                return refusal(question, elsewhere.VILLAGE_REASON)  # "杨家庄乡有哪些村划在中心城区里？"
            context["place"] = r.detail  # "这个地块在不在城镇开发边界里？" next asks about the same place
            return self._location(question, r.detail)
        if r.intent == "map":
            return self._plan_map(question)
        if r.intent == "out_of_scope":
            return refusal(question, r.detail["reason"])
        # One piece of land checked: in the question as asked, not only in the last one it was rewritten from.
        parcel = asker.asks_parcel(question) and asker.asks_parcel(context.get("asked", question))
        if parcel and context.get("place") and re.search(r"这|那|该", question):
            return self._location(question, context["place"])  # the place just checked
        if parcel or asker.about_assistant(question):  # no location given: ask for one
            return refusal(question, asker.PARCEL_REASON if parcel else asker.ASSISTANT_REASON)
        if r.intent == "stats":
            # The layers decide what they cover (平定县, 盂县), with the SQL as evidence, and class words come
            # from the layer data: scope judges the rest of the question (another city, another topic).
            request = r.detail["request"]
            neutral = question.replace(request.term.term, request.layer) if request.term else question
            for county in OTHER_COUNTIES:
                neutral = neutral.replace(county, "郊区").replace(county.rstrip("县"), "郊区")
            reason = elsewhere.out_of_scope(neutral, self.corpus_text, self.place_names) or asker.asks_advice(question) \
                or (elsewhere.VILLAGE_REASON if elsewhere.asks_villages(question) else None)
            unstated = scope.unstated_kind(question, self.corpus_text)
            if unstated and not reason:  # "那里面住一个月要多少钱？" after a place: the layers hold no prices
                reason = self._unstated_reason(question, unstated)
            if reason:
                return refusal(question, reason)
            return self._with_related_line(question, request, self._stats(question, r.detail), context)
        name = self.extractor.documents.plan_name(question)  # "这方案全名叫啥": the cover's title, whatever word asks it
        if name is not None:
            return name
        reason = elsewhere.out_of_scope(question, self.corpus_text, self.place_names) or asker.asks_advice(question) \
            or asker.asks_opinion(question) or asker.asks_composition(question)
        # "今天天气怎么样": never the last figure or passage (read only when no other reason refuses it)
        idle = [] if reason else scope.idle_talk(question, self.text.covered)
        if reason or idle:
            return refusal(question, reason or scope.idle_reason(idle))
        unstated = scope.unstated_kind(question, self.corpus_text)
        if unstated:
            return refusal(question, self._unstated_reason(question, unstated))
        short = asked_things.unexpanded_name(question, self.corpus_text)
        if short:
            return refusal(question, f"方案原文只写作“{short}”，没有给出它的全称，无法回答。")
        ranked = unranked_member(followup.without_carried(question))
        if ranked:  # "延续类里规模最大的是哪个项目": the plan sizes none of them
            return refusal(question, ranked)
        uncounted = uncounted_thing(question, self.text.covered) \
            if not asks_for_maps(question, context.get("sections") or []) else None  # ("分区图有几个版本")
        if uncounted:
            return refusal(question, f"本方案未提到{uncounted}，也没有给出其数量，无法根据方案原文回答。")
        zone = unnamed_zone(followup.without_carried(question), self.corpus_text)
        if zone:  # "永久基本农田储备区这次补了多少？": the line's name, and a zone of it the plan never names
            return refusal(question, f"本方案未提到“{zone}”，无法根据方案原文回答。")
        parts = unnamed_parts(question, lambda word: scope.present(word, self.corpus_text))
        if parts:  # "其中水浇地、旱地各多少": kinds the plan never names, so never counts
            return refusal(question, f"本方案未提到{'、'.join(parts)}，也没有分别给出它们的数字，无法根据方案原文回答。")
        unknown = unsaid.pointed_unknown(followup.without_carried(question), self._known_word, self.text.plan_words)
        if unknown:  # "那娘子关呢？" after the sites counted: a place the plan never names
            return refusal(question, f"方案原文没有提到“{unknown}”，无法回答。")
        if r.intent == "projects":
            return self._projects(question)
        if self.runner is not None:  # "维护后面积变大的控制线有哪些？": every line's two figures compared
            from .qa.line_trends import answer_extremes, answer_trends, level_extremes

            # ("哪条线增加最多？": the most of a way, before the lines of that way)
            trend = answer_extremes(question, self.runner, context) or answer_trends(question, self.runner, context) \
                or level_extremes(question, self.runner)
            if trend is not None:
                return trend
        action = scope.unsupported_action(question, self.text.covered)
        if action:
            return refusal(question, f"本方案未涉及“{action}”的内容，无法根据方案原文回答。")
        # "具体是哪几处？" asks the members of a count, "改了什么内容" what was done, which a figure answer would
        # only repeat; a reason ("为什么变大了？") is in the plan's text, never in its figures; nor is a count at a
        # level the plan never counts at ("市级文物保护单位有几处").
        if self.runner is not None and not scope_fit.ASKS_REASON.search(question) and not scope_fit.asks_members(question) \
                and not scope_fit.asks_details(question) \
                and not asked_things.asks_thing(question) and not uncounted_level(question, self.corpus_text) \
                and not scope_fit.counted_by_other_measure(question) \
                and not ((which := kinds_asked.which_one(followup.without_carried(question)))
                         and (not asks_amount(question) or any(k[-1] in kinds_asked.PLACE_KINDS for k in which))):
            # ("变化是因为哪栋建筑？": one thing of a kind is asked, not an amount; the text names it, 南山宾馆;
            # "差出来的是哪几个县，各自多大": places, which no figure is of)
            from .qa.figure_answer import answer_figure
            from .qa.figure_composer import not_given
            from .qa.figure_query import parse

            figure = answer_figure(question, self.runner, context)
            asked = parse(question) if figure is not None and not figure.refused else None
            elsewhere_reason = referent.points_elsewhere(question, asked.indicators, asked.scope, context) \
                if asked is not None else None
            if elsewhere_reason:  # "它占地多大？" after the passage naming 特勤消防站: not 中心城区's 271.23
                return refusal(question, elsewhere_reason)
            missing = not_given(figure.answer) if figure is not None and figure.citations else None
            if missing:  # "扩展倍数动没动": 1.28 倍 before, and the plan's words on it after (不突破)
                return self.extractor.with_mentions(figure, missing)
            if figure is not None:
                return figure
        answer = self.text.answer(question, context)
        return self._figure_of_passage(question, answer, context) or answer

    def _figure_of_passage(self, question: str, answer: Answer, context: dict[str, Any]) -> Answer | None:
        """"保护南山宾馆那种老房子的那圈线，原来多少公顷、改完多少公顷": the thing described is found in one
        line's passage (城市紫线); the amounts asked are that line's figures, answered beside the passage."""
        from .qa.figure_answer import answer_figure
        from .qa.figure_query import parse
        from .qa.figure_words import CONTROL_LINES

        # Only a line described is asked ("那圈线"): "南山宾馆的保护范围多大" asks one building's, not the line's.
        if self.runner is None or answer.refused or not answer.citations or not asks_amount(question) \
                or not DESCRIBES_LINE.search(question) or parse(question).indicators:
            return None
        lines = {(find_layer(c.section) or ("",))[0] for c in answer.citations}
        if len(lines) != 1 or not lines <= set(CONTROL_LINES):
            return None
        line = lines.pop()
        figure = answer_figure(f"{question}（{line}）", self.runner, context)
        if figure is None or figure.refused:
            return None
        figure.question = question
        figure.answer = f"{figure.answer}\n\n{answer.answer}"
        figure.citations += [c for c in answer.citations if c not in figure.citations]
        figure.notes.insert(0, f"问题所说的范围见于方案“{line}”一节，数字按“{line}”回答。")
        return figure

    def _known_word(self, word: str) -> bool:
        """A word the answers read as a figure's (line, measure, phase, unit, scope) or a place's name."""
        from .qa.figure_query import parse

        asked = parse(word)
        return bool([i for i in asked.indicators if i] or [m for m in asked.measures if m] or asked.version
                    or asked.unit or asked.scope or word in self.place_names or find_layer(word))

    def _unstated_reason(self, question: str, kind: str) -> str:
        question = re.sub(r"（[^）]*）", "", question)  # the subject carried from the last turn names no span
        about = [n for n in scope.content_nouns(question) if scope.present(n, self.corpus_text)]
        # The span from the first to the last such noun names the thing ("新城大道一级消防站").
        span = question[question.find(about[0]):question.rfind(about[-1]) + len(about[-1])] if about else ""
        subject = f"“{span}”的" if 3 <= len(span) <= 16 else ""
        return f"本方案未给出{subject}{kind}，无法根据方案原文回答。"

    def _location(self, question: str, detail: dict[str, Any]) -> Answer:
        from .check import coords

        checker = self.checker
        kind, value = detail["kind"], detail["value"]
        if kind == "point":
            p = coords.parse_point(value, detail.get("crs", "cgcs2000"))
            result = checker.check_point(p.lon, p.lat)
            result["notes"] = list(p.notes) + list(result.get("notes", []))
        elif kind == "xy":
            p = coords.parse_xy(value)
            result = checker.check_point(p.lon, p.lat)
            result["notes"] = list(p.notes) + list(result.get("notes", []))
        elif kind == "parcel":
            if detail.get("unit_id"):
                from .layers.unit_id import parse_unit_id

                parse_unit_id(value)  # the user said 不动产单元号: tell exactly what is wrong with it
            result = checker.check_parcel(value)
        else:
            result = checker.check_place(value)
            return self.extractor.with_mentions(location_answer.compose(question, result), value)
        return location_answer.compose(question, result)

    def _plan_map(self, question: str) -> Answer:
        from .qa.plan_maps import answer_plan_map

        return answer_plan_map(question, self.mapview, self.sections, self.settings.public)

    def _with_related_line(self, question: str, request: SpatialRequest, stats: Answer,
                           context: dict[str, Any]) -> Answer:
        """"城里的公园绿地…面积少了没有": a class of the layers the plan never names, read as one of its lines
        (see `Subjects.line_of_class`), gets that line's passage before the layer's statistics."""
        from .qa.stats_answer import with_line_passage

        term = request.term
        line = self.subjects.line_of_class(term.term) if term is not None and not term.plan_counts \
            and request.show == "summary" and not stats.refused else None
        if line is None or line == request.layer:
            return stats
        said = self.text.answer(f"{question}（{line}）", context)
        if said.refused or not any((find_layer(c.section) or ("",))[0] == line for c in said.citations):
            return stats
        return with_line_passage(stats, said, term.term, line)

    def _stats(self, question: str, detail: dict[str, Any]) -> Answer:
        from .qa.stats_answer import answer_spatial

        return answer_spatial(question, self.runner, self.sections, detail["request"])

    def _projects(self, question: str) -> Answer:
        from .qa.stats_answer import answer_projects

        return answer_projects(question, self.runner, self.sections)
