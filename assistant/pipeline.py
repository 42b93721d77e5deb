"""The assistant: question -> route -> (retrieve plan text | named SQL | location check) -> cited answer."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any

from .answer_types import Answer
from .conversation import Conversation, question_too_long
from .dispatch import Dispatch
from .errors import PlanError
from .layers.sql import SqlRunner
from .plan.corpus import Section, load_corpus
from .plan.vocabulary import find_layer, in_plan_words
from .qa import asked_things, decompose, elsewhere, followup, scope, scope_fit, swaps
from .qa.answer_text import TextAnswerer
from .qa.expand import plan_vocabulary
from .qa.figure_lines import figure_of_line
from .qa.figure_values import kinds_of_count, named_by_value, ranked_kind, ranked_named
from .qa.homophones import Homophones
from .qa.list_turns import ListTurns
from .qa.policy_answer import Extractor
from .qa.route import Route, route
from .qa.subject import Subjects
from .qa.terms import dictionary_words, segment, words
from .settings import Settings

Progress = Callable[[str], None]
# One figure, one plan-text and one layer-statistics question touch every model and table an answer needs.
WARM_UP_QUESTIONS = ("维护后城镇开发边界多少公顷？", "生态控制区能否开发？", "郊区的城镇开发边界有多大？")


class Assistant(Dispatch):
    """Opened once per process; `ask` may be called from several threads."""

    def __init__(self, settings: Settings, sections: list[Section], retriever, runner: SqlRunner | None):
        from .qa.terms import tokenize

        self.settings = settings
        self.sections = sections
        self.retriever = retriever
        self.runner = runner
        self.extractor = Extractor(sections, tokenize)
        self.corpus_text = "\n".join(s.section + "\n" + s.text for s in sections)
        self._mapview = None
        self._checker_lock = threading.Lock()
        self.plan_terms = None
        self.described_layer = None
        self.glosses = None
        embeddings = getattr(getattr(retriever, "index", None), "embeddings", None)
        if embeddings is not None:
            from .qa.expand import DescribedLayer, PlanTerms
            from .qa.glosses import GlossIndex, content_words, load_glosses
            from .qa.index import read_manifest

            manifest = read_manifest(settings.index_dir) or {}
            self.plan_terms = PlanTerms(self.corpus_text, embeddings, settings.index_dir,
                                        str(manifest.get("embedding_model", "")))
            self.described_layer = DescribedLayer(embeddings)
            glosses = load_glosses(settings.corpus_dir, self.extractor.sentences)
            self.glosses = GlossIndex(glosses, embeddings, settings.index_dir, str(manifest.get("embedding_model", "")),
                                      words=content_words) if glosses else None
        self.text = TextAnswerer(sections, self.extractor, retriever, self.corpus_text, self.plan_terms, self.glosses)
        self.lists = ListTurns(self.extractor, self.text)
        vocabulary = self.plan_terms.vocabulary if self.plan_terms is not None else plan_vocabulary(self.corpus_text)
        self.homophones = Homophones(vocabulary + segment(self.corpus_text), self.corpus_text, dictionary_words())
        self.place_names: list[str] = self._place_names()
        self.class_terms = self._class_terms()
        self.subjects = Subjects(self.corpus_text, self.text, self.place_names, self._route, self.described_layer,
                                 self.glosses)
        self.llm = None
        if settings.llm_provider:
            from .qa.llm import ModelAssist
            from .qa.reader import PlanVocabulary

            self.llm = ModelAssist.from_settings(settings, PlanVocabulary(self.corpus_text, tuple(self.place_names)))

    @classmethod
    def open(cls, settings: Settings, progress: Progress | None = None) -> Assistant:
        from .layers.build import ensure_database
        from .qa.index import PlanIndex
        from .qa.retrieve import PlanRetriever

        index = PlanIndex.load_or_build(settings, progress=progress)
        if not settings.db_url.strip():  # a PostGIS store is loaded by `build/import --to`, never here
            ensure_database(settings, progress=progress)
        runner = SqlRunner(settings.store, settings.sql_timeout, settings.max_rows, cache_size=512)
        assistant = cls(settings, load_corpus(settings.corpus_dir), PlanRetriever(index), runner)
        assistant.warm_up()
        return assistant

    def warm_up(self) -> None:
        """Load what the first question would otherwise wait ~2 s for: jieba's tagger, the embedding model."""
        if self.plan_terms is not None:
            self.plan_terms.matrix()
        if self.glosses is not None:
            self.glosses.matrix()
        for question in WARM_UP_QUESTIONS:
            self._answer(question, self._route(question), {})  # no LLM call at start-up

    # -- helpers ----------------------------------------------------------------------------
    def _place_names(self) -> list[str]:
        if self.runner is None:
            return []
        try:
            return [r[0] for r in self.runner.run("place_names").rows]
        except PlanError:
            return []

    @functools.cached_property
    def figures(self) -> list[dict]:
        """The figures the plan states (plan_figures), read once from the database."""
        if self.runner is None:
            return []
        try:
            return self.runner.run("figure_lookup", indicator="", phase="", version="", scope="").records()
        except PlanError:
            return []

    def _class_terms(self) -> list:
        """The class words of the layers' features (乡村发展区, 居住用地 …), read once from the database."""
        from .layers.stats import layer_classes
        from .qa.spatial_query import class_terms

        if self.runner is None:
            return []
        try:
            return class_terms(layer_classes(self.runner).rows, self.corpus_text)
        except PlanError:
            return []

    def _route(self, question: str) -> Route:
        return route(question, self.place_names, self.class_terms)

    @property
    def checker(self):
        """The location checker: layers loaded into memory on first use, reloaded after a rebuild or import."""
        from .check.checker import get_checker

        with self._checker_lock:
            if self.settings.check_on_server:
                from .check.server import ServerChecker

                return ServerChecker.shared(self.settings.store, self.settings.corpus_dir,
                                            self.settings.version_check_s)
            return get_checker(self.settings.store, self.settings.corpus_dir, self.settings.version_check_s)

    @property
    def mapview(self):
        """The map renderer (layers cached in memory), shared with the web UI."""
        if self._mapview is None:
            from .maps.mapview import MapView

            self._mapview = MapView.from_settings(self.settings)
        return self._mapview

    def ranked_sections(self, question: str, k: int = 6) -> list[str]:
        """Distinct section paths in retrieval order."""
        return self.text.ranked_sections(question, k)

    # -- answering --------------------------------------------------------------------------
    def ask(self, question: str, conversation: Conversation | None = None) -> Answer:
        question = question.strip()
        if not question:
            return Answer(question, "out_of_scope", "请输入问题，例如：维护后城镇开发边界多少公顷？", refused=True)
        too_long = question_too_long(question, self.settings.question_limit)
        if too_long:
            # Checked before any tokenising: a 1,000,000-character message once took 1.9 GiB in the embedder.
            return Answer(question[:50] + "…", "out_of_scope", too_long, refused=True)
        conversation = conversation if conversation is not None else Conversation()
        # "最小的呢？" after "最大的那个层次面积多少？": that question again, at the other end
        read = swaps.other_extreme(question, conversation.context.get("said")) or question
        conversation.context["said"] = question
        plan_worded = in_plan_words(followup.without_opening(decompose.without_instructions(read)))
        plan_worded, typed = self.homophones.correct(plan_worded, words(plan_worded))
        plan_worded = named_by_value(plan_worded, self.figures)  # "8.2593万亩是多少公顷？"
        plan_worded = ranked_named(plan_worded, self.figures)  # "最多的比最少的多几项？"
        # "五类项目里哪类最多？", then "最少的呢？": the kind of that rank, asked by name
        ranked = ranked_kind(plan_worded, self.figures, conversation.context.pop("ranked", None))
        if ranked:
            plan_worded, conversation.context["ranked"] = ranked[0], ranked[2]
        plan_worded = kinds_of_count(plan_worded, self.figures) or plan_worded  # "重点项目按状态分了哪几类？"
        heard = f"已将{'、'.join(f'“{a}”按“{b}”' for a, b in typed)}理解。" if typed else None
        turned = self.lists.turn(question, plan_worded, conversation, self.ask) if not ranked else None
        if turned is not None:  # "第二条呢？", "一共几个？", "这是编制原则里的哪一条？": the list just given
            return turned
        conversation.context["asked"] = plan_worded
        said = plan_worded  # as asked: a rewrite below is noted as such
        quoted = conversation.context.get("quotes") or [""]
        plan_worded = followup.named_by_demonstrative(plan_worded, quoted[0], self.extractor.by_path)
        plan_worded = followup.answered_member(plan_worded, conversation.previous_question, quoted)
        plan_worded = swaps.answered_place(plan_worded, conversation.previous_question, quoted)
        full = plan_worded
        earlier_ones = conversation.earlier_questions()
        if earlier_ones and followup.names_this_plan(plan_worded) \
                and not elsewhere.other_edition(plan_worded, self.corpus_text):
            # "那2026年度这次呢？" after another edition's question, "阳泉的呢？" after another city's: that
            # question again, of this plan (not "那2027年的呢？", another edition again)
            edition = elsewhere.other_edition(earlier_ones[0], self.corpus_text)
            if edition:
                other = edition[0]
            elif elsewhere.out_of_scope(earlier_ones[0], self.corpus_text, self.place_names):
                other = swaps.named_place(earlier_ones[0])
            else:
                other = None
            # ("晋中市是多少？" asked nothing but of the other place: the question before it is what was asked)
            elliptic = bool(other) and not [n for n in scope.content_nouns(earlier_ones[0]) if n not in other]
            back = followup.back_to_plan(plan_worded, earlier_ones[0], other, elliptic)
            if back and back[1]:
                earlier_ones, full = [], back[0]
            elif back:  # "那阳泉维护后扩展规模？" after "晋中市的呢？": read against the questions before that
                plan_worded, earlier_ones = back[0], earlier_ones[1:]
        for n, earlier in enumerate(earlier_ones):  # "那南边呢？" may refer to two turns back
            if n == 0 and len(earlier_ones) > 1 and followup.unexpanded(earlier) and find_layer(plan_worded) \
                    and conversation.context.get("last_intent") != "out_of_scope":
                # "城市绿线紫线呢？" after "那三条控制线呢？", answered as said: the lines now named are asked the
                # question that one went on from (not "那维护前呢？" after "换算成亩呢？", which keeps its unit; nor
                # after "晋中的呢？", refused: the guards below read the turn before)
                continue
            if n == 0 and conversation.context.get("last_intent") == "out_of_scope" \
                    and (scope_fit.asks_members(earlier) or asked_things.asks_thing(earlier)):
                break  # "那洪涝风险控制线呢？" after a list the plan does not give: the line asked of, not that list
            if n == 0 and followup.phase_of_unnamed(plan_worded, earlier):
                break  # "维护后呢？" after "哪个多？": the figure that was read against, in the other phase
            if n == 0 and scope.unstated_kind(plan_worded, self.corpus_text):
                break  # "那南山宾馆现在还营业吗？": a kind the plan never states, asked as such (现在 is no phase)
            full = followup.rewrite(plan_worded, earlier)
            if n == 0 and full != plan_worded and len(earlier_ones) > 1 \
                    and conversation.context.get("last_intent") == "out_of_scope" \
                    and followup.only_added(earlier, full) and not followup.has_pronoun(plan_worded) \
                    and not elsewhere.out_of_scope(earlier, self.corpus_text, self.place_names):
                # "维护前的折合公顷呢？" after a detail refused ("其中水浇地、旱地各多少？"): it adds to the turn
                # answered before that one, not to the refused detail ("那农田保护区呢？" replaces a word in it: that
                # question again, of another zone; "这是哪个层面的数据？" points at the refused turn's own subject)
                full = plan_worded
                continue
            if full != plan_worded and elsewhere.out_of_scope(earlier, self.corpus_text, self.place_names) \
                    and elsewhere.out_of_scope(full, self.corpus_text, self.place_names) \
                    and not elsewhere.out_of_scope(plan_worded, self.corpus_text, self.place_names):
                # "那阳泉中心城区呢？" after "晋中市辖区呢？": not of the other city the plan never covers, but of
                # the question before ("那阳泉市辖区的呢？" after "天津市的永久基本农田": 天津 is replaced)
                full = plan_worded
                continue
            if full != plan_worded:
                break
        full = self.subjects.carried(full, conversation.context)
        # Without a model, the offline reader splits the asks and names a described line; a configured
        # model reads the question whole (issue 15) and those steps would only pre-empt its reading.
        full, described = self.subjects.described_line(full) if self.llm is None else (full, None)
        asks = decompose.with_subjects(decompose.split_asks(full), self.subjects.subject_of, self.subjects.topic_of,
                                       self.subjects.plan_topic_of) \
            if self.llm is None else [full]
        r = self._route(full)
        if len(asks) == 1 and self.llm is None and r.intent == "text" and not self._figure(full):
            asks = decompose.split_joined(full)  # "生态红线和防洪线都改了吗": each line answered
        edition = elsewhere.other_edition(full, self.corpus_text) if len(asks) > 1 else None
        if edition:  # "2027年度的方案什么时候出，会调哪些内容？": every part is of that edition
            asks = [ask if elsewhere.other_edition(ask, self.corpus_text) or elsewhere.THIS_EDITION.search(ask)
                    else f"{edition[0]}{ask}" for ask in asks]
        if len(asks) > 1:
            answer = self._answer_parts(full, asks, conversation.context)
            _as_asked(answer, question, ranked[1] if ranked else None, described, full if full != said else None,
                      heard)
            conversation.context["last_intent"] = answer.intent
            conversation.remember(full, answer)
            return answer
        turn = self.llm.turn() if self.llm is not None else None  # optional model: reads, rephrases (issue 15)
        try:
            # The model reads only what the plan may answer: never past a refusal for place, kind or topic.
            reads = turn is not None and r.intent == "text" and not (
                elsewhere.out_of_scope(full, self.corpus_text, self.place_names)
                or scope.unstated_kind(full, self.corpus_text) or scope.unsupported_topic(full, self.text.covered))
            answer = turn.read(full, lambda q: self._answer(q, self._route(q), conversation.context)) \
                if reads else None
            answer = answer or self._answer(full, r, conversation.context)
        except PlanError as exc:
            answer = Answer(full, "error", f"无法完成：{exc}")
        _as_asked(answer, question, ranked[1] if ranked else None, described, full if full != said else None, heard)
        conversation.context["last_intent"] = answer.intent
        if turn is not None:
            answer = turn.finish(answer, staff=not self.settings.public)
        followup.subject_from_answer(conversation.context, answer)
        figure_of_line(conversation.context, answer)
        conversation.remember(full, answer)
        return answer

    @staticmethod
    def _figure(question: str) -> bool:
        from .qa.figure_query import is_figure_question, parse

        return is_figure_question(question, parse(question))

    def _answer_parts(self, question: str, asks: list[str], context: dict[str, Any]) -> Answer:
        """Every ask answered on its own; a part the plan does not give says so in its place."""
        parts: list[Answer] = []
        for ask in asks:
            try:
                parts.append(self._answer(ask, self._route(ask), context))
            except PlanError as exc:
                parts.append(Answer(ask, "error", f"无法完成：{exc}"))
        return decompose.merge(question, asks, parts)


def _as_asked(answer: Answer, question: str, ranking: str | None, described: str | None, read_as: str | None,
              heard: str | None) -> None:
    """The answer given to the question as the user typed it: a ranking read off the plan's figures goes before
    the figure it picked; the notes say how the question was read (a described line, or as the turns before
    made it, and words heard as others)."""
    answer.question = question
    if ranking and not answer.refused:
        answer.answer = f"{ranking}\n\n{answer.answer}"
    if described:
        answer.notes.insert(0, described)
    elif read_as:
        answer.notes.insert(0, f"已按上文理解为：{read_as}")
    if heard:
        answer.notes.insert(0, heard)
