"""Questions about the document itself: who issued it and when, its name, its outline, why it was made, and
from when its rules apply."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

import jieba.posseg

from ..answer_types import Answer, Citation
from ..plan.corpus import Section
from ..plan.vocabulary import find_layer
from .asked_things import NUMBERED_TITLE, asks_thing
from .followup import without_carried
from .ordinals import number_of
from .quotes import HEADING_NUMBER, compose, heading_name, unspaced
from .scope import asks_in_force

# "方案是谁、什么时候发布的": answered by the cover page (issuing body and date).
_COVER_QUESTION = re.compile(r"(哪个|什么|哪家)(单位|部门|机关)|谁(发布|编制|制定|印发|批准)|(发布|印发|出台|编制)(时间|日期|单位)|什么时候(发布|印发|出台)|哪一?年")
# "谁编的？", "什么时候公布的？": who or when, asked of nothing but the document itself.
_WHO_OR_WHEN = re.compile(r"谁|哪(个|家|级)?(单位|部门|机关|机构|政府)|(?:什么|啥)(时候|时间)|何时|几月|日期|落款|"
                          r"哪一?个?[天日月]|几号")
# "哪年哪月", "哪天", "几月几号": a date asked, one token or several.
_DATE_ASKED = re.compile(r"(?:[哪几何]一?个?(?:年|月份?|日|天|号))+")
# "这方案是哪个衙门出的": which body issued it, named in any word ("衙门", "口子").
_ISSUER = re.compile(r"(?P<which>哪个|哪家|哪一?级|什么|啥)(?!时)[\u4e00-\u9fff]{1,3}?(?P<verb>(?:出|发|编|定|制定|印发|发布|颁布|公布)的)")
# "这方案全名叫啥？", "方案名字叫什么": the document's own name, which its cover prints.
_NAME_ASKED = re.compile(r"全名|全称|名字|名称|标题|叫(?:什么|啥)")
# "这次为啥要搞动态维护？", "动态维护想达到什么目的": why the work is done, asked of nothing but the document itself.
_WHY = re.compile(r"(?:想|要|希望)?(?:达到|实现|起到)(?:什么|啥|哪些|怎样的?)?(?:目的|目标|效果|作用)|为啥|为什么|为何|干啥|干嘛|图个?(?:啥|什么)|为了(?:啥|什么)|目的|缘由|原因|起因|背景|初衷")
# When a plan's rules apply: "方案获批后严格执行…", "自印发之日起施行".
_IN_FORCE_FROM = re.compile(r"(?:获批|批准|通过|发布|印发|公布)(?:后|之日)")
# Verbs of doing the work ("为啥要搞", "为什么要编"): the work itself, no other topic.
# ("为啥要调整规划": the plan's work is a 调整 of the master plan)
_DOING = frozenset({"搞", "做", "要", "编", "要编", "要搞", "要做", "开展", "进行", "弄", "干", "出", "出台", "调整", "调", "改"})
# "都调了些什么", "改了些啥", "动了哪些地方": what was changed, asked with nothing named it was changed in.
# ("主要维护了哪些方面", "维护内容分哪几大块", "到底弄了些啥": the same, asked by its parts)
_CHANGED = re.compile(r"(?:调整?|改动?|修改|动|变动?|维护|弄|搞|干)了?(?:些|哪些)(?:什么|啥|东西|内容|地方|方面)?|"
                      r"(?:调整?|改动?|修改|动|变动?|维护)了?(?:什么|啥)(?:东西|内容|地方)?|"
                      r"(?:调整?|改动?|修改|动|维护)了?(?:哪几|几)个?大?(?:方面|块|部分)|"
                      r"(?:维护|调整)的?(?:主要)?内容(?:都|一共)?(?:有|分|分为|包括)?(?:哪些|哪几|几|什么|啥)个?大?(?:方面|块|部分)?|"
                      r"(?:维护|调整)(?:主要|都)?(?:涉及|包括|包含)了?(?:哪些|哪几|什么|啥)个?大?(?:内容|方面|块)?")
# jieba's tags of words saying how, not what: adverbs, adjectives, idioms, state words (好端端, 突然, 无缘无故),
# distinguishing words (主要).
_MANNER_TAGS = frozenset({"d", "ad", "a", "z", "i", "l", "b"})
# The headings under which plans say why they were made (工作背景, 编制目的, 规划意义).
_PURPOSE_HEADING = re.compile(r"背景|目的|缘由|意义|必要性")
# Words that name the document, or ask who made it and when: a cover question has no other word.
_DOCUMENT_WORDS = frozenset({
    "方案", "规划", "文件", "本次", "这次", "这回", "这份", "这个", "这是", "该", "动态", "维护", "调整", "国土", "空间", "总体",
    "阳泉", "阳泉市", "年度", "编制", "编写", "编发", "编", "制定", "发布", "印发", "出台", "公布", "颁布",
    "批准", "出", "发", "写", "定", "谁", "谁定", "做", "搞", "弄", "整", "啥", "东西", "时候", "啥时候", "时间", "日期", "单位", "部门", "机关",
    "机构", "政府", "落款", "出来", "出炉", "名义", "署名", "月份", "几月份", "它", "这版", "这一版", "本版", "版", "版本",
    "年", "哪年", "一年", "哪一年", "月", "几月", "今年", "此次", "国土空间", "总体规划", "空间规划", "国土空间规划", "阳泉市国土空间总体规划",
})
# Words that point at what was just said: they name the document only with a word of its own ("这个方案").
_POINTERS = frozenset({"这个", "这", "该", "它", "这是", "这一", "那个"})
# The document named by a question: the plan, or this version of it ("这版是谁发布的").
_DOCUMENT_NAMED = re.compile(r"方案|规划|文件|(?:这|本|该)一?版")
# "方案正文分几大部分", "由哪几部分组成", "目录是什么": the plan's own outline.
_OUTLINE = re.compile(r"几大?个?大?(?:部分|章|大块|篇)|哪(?:几|些)大?个?大?(?:部分|章|大块|篇)|目录|章节|提纲|框架结构")


# A document the plan cites, as found (NUMBERED_TITLE), with the sentence citing it, its issuers and its title's words.
class _Cited(NamedTuple):
    found: re.Match[str]
    citation: Citation
    bodies: list[str]
    words: frozenset[str]


# The issuers of a document the plan cites are the bodies its title names before 关于.
_ISSUERS = re.compile(r"^(?P<bodies>.+?)\s*关于")
# "38号文是哪几个部门联合发的", "自然资源部和哪个部门联合发的那份": the bodies that issued a document cited.
_BODY_ASKED = re.compile(r"(?:哪个|哪些|哪几个?|哪[两三]个|哪家|什么|啥)(?:部门|单位|机关|机构|部委|厅|部|局)|谁|和哪")
_ISSUED = re.compile(r"联合|印发|下发|发的|发布|出台|制定|颁布|出的")
_NUMBER_SAID = re.compile(r"(\d+)\s*号")


# "第四部分", "第二章": a top-level heading by its number.
_NTH_PART = re.compile(r"第\s*([一二三四五六七八九十1-9])\s*(?:大?部分|章)")
# "下面有几个小节", "分哪几节": the headings under the one named.
_SUB_OUTLINE = re.compile(r"(?:几|哪几|哪些)个?小?节|(?:下面|下边|底下|里面)(?:有|分|包括)?(?:几|哪几)个?(?:部分|方面|板块|小标题)")


class DocumentQuestions:
    """Answers what is asked of the plan as a document, from its cover and headings; None for anything else."""

    def __init__(self, sections: Sequence[Section], sentences: dict[str, list[str]],
                 tokenize: Callable[[str], list[str]], rarity: Callable[[str], float]):
        self.sections = list(sections)
        self.sentences = sentences
        self.tokenize = tokenize
        self.rarity = rarity
        # The words of the plan's own title (its cover lines) name the document itself.
        self._title_words = frozenset(t for s in self.sections if s.path == ("封面",)
                                      for line in self.sentences[s.section] for t in tokenize(line))
        # The documents the plan cites by title and number, each with the sentence citing it, its issuers and the
        # words of its title.
        self._cited = [_Cited(m, Citation(s.doc, s.section, sent), _bodies(m["title"]), frozenset(tokenize(m["title"])))
                       for s in self.sections for sent in self.sentences[s.section]
                       for m in NUMBERED_TITLE.finditer(sent)]

    def answer(self, question: str) -> Answer | None:
        """The cover, the outline, the background, the rule of force or what was changed the question asks of;
        None otherwise."""
        return self._cover(question) or self._cited_issuers(question) or self._outline(question) \
            or self._purpose(question) or self._in_force(question) or self._changed(question)

    def _cited_issuers(self, question: str) -> Answer | None:
        """"38号文是哪几个部门联合发的？": the bodies a cited document's title names as its issuers, when the
        question points at one document by its number, one of its issuers or its title's words; None otherwise."""
        asked = without_carried(question)
        if not (_BODY_ASKED.search(asked) and _ISSUED.search(asked)):
            return None
        number = _NUMBER_SAID.search(asked)
        if number:
            chosen = [c for c in self._cited if c.found["number"].endswith(f"〕{number.group(1)}号")]
        else:  # an issuer named ("自然资源部和哪个部门"), or else the title's rarest words said
            chosen = [c for c in self._cited if any(b in asked for b in c.bodies)]
            if "联合" in asked or "和哪" in asked:
                chosen = [c for c in chosen if len(c.bodies) >= 2]
            if not chosen:
                said = {t for t in self.tokenize(asked) if len(t) >= 2 and self.rarity(t) >= 3.0}
                overlap = {c.found["title"]: len(said & c.words) for c in self._cited}
                best = max(overlap.values(), default=0)
                chosen = [c for c in self._cited if best and overlap[c.found["title"]] == best]
        titles = list(dict.fromkeys(c.found["title"] for c in chosen))
        if not titles or len(titles) > 2:
            return None
        lines = []
        for title in titles:
            m, _, bodies, _ = next(c for c in chosen if c.found["title"] == title)  # (its first citing sentence)
            who = "、".join(bodies) + ("联合印发" if len(bodies) > 1 else "印发")
            named = " ".join(title.split())  # (as printed: the bodies one space apart)
            lines.append(f"《{named}》（{m['number']}）由{who}（据文件标题）。")
        citations = list(dict.fromkeys(c.citation for c in chosen))
        return Answer(question, "policy", "\n".join(lines) + "\n\n" + compose(citations), citations)

    def _changed(self, question: str) -> Answer | None:
        """"这次都调了些什么？", "这回改了些啥": what the work changed, asked of the document as a whole (no
        topic of its own), is the list of headings under the body's part on the maintenance itself."""
        asked = without_carried(question)
        # ("那维护了哪些内容？" after 市辖区's area: what the level just named holds, not the whole work)
        if asked != question or not _CHANGED.search(asked) or re.match(r"\s*(?:那|它|这个|这里|其)", asked) \
                or asks_thing(asked):  # ("动态维护涉及哪些部门": the bodies, not what was changed)
            return None
        # ("咱阳泉这回…到底弄了些啥": adverbs, distinguishing words and the asker's pronouns name no topic)
        manner = {w.word for w in jieba.posseg.cut(asked) if w.flag in ("d", "b", "r")}
        if not self._only_the_work(self._words_left(_CHANGED.sub("", asked)), manner):
            return None
        part = next((s for s in self.sections if len(s.path) == 1 and HEADING_NUMBER.match(s.path[0])
                     and "维护" in s.path[0]), None)
        under = [s for s in self.sections if part is not None and s.path[:-1] == part.path]
        if len(under) < 2:
            return None
        citations = [Citation(s.doc, s.section, s.path[-1]) for s in under]
        return Answer(question, "policy", f"本次动态维护的内容在“{part.path[0]}”下分为 {len(under)} 项：\n\n"
                      f"{compose(citations, numbered=False)}", citations)

    def _cover(self, question: str) -> Answer | None:
        # "方案是谁发布的？（时期）": a question naming the document is about it, not about the subject
        # carried from the last turn ("这个是谁定的？（城镇开发边界）" is about that line)
        if _DOCUMENT_NAMED.search(without_carried(question)):
            question = without_carried(question)
        # "哪个衙门出的": the noun asked after, whatever its word, is who issued it
        issuer = _ISSUER.sub(r"\g<which>单位\g<verb>", question)
        if not ((_COVER_QUESTION.search(issuer) or _WHO_OR_WHEN.search(issuer)) and self._about_document(issuer)):
            return None
        covers = [s for s in self.sections if s.path == ("封面",)]
        citations = [Citation(c.doc, c.section, line) for c in covers for line in self.sentences[c.section]]
        if not citations:
            return None
        # The cover's last two lines are the issuing body and the date, as the plan prints them
        # (without the PDF's spacing between digits and characters).
        issued = "，".join(unspaced(c.quote) for c in citations[-2:])
        return Answer(question, "policy", f"落款：{issued}。\n\n" + compose(citations), citations)

    def plan_name(self, question: str) -> Answer | None:
        """"这方案全名叫啥？": the title the cover prints above its issuer and date, when nothing but the document
        is asked of; None otherwise."""
        asked = without_carried(question)
        # the document is named ("这方案全名叫啥"): "都叫什么名字？" after a list asks the names of its things
        if not _NAME_ASKED.search(asked) or not _DOCUMENT_NAMED.search(asked) \
                or not self._about_document(_NAME_ASKED.sub("", asked)):
            return None
        cover = [Citation(c.doc, c.section, line) for c in self.sections if c.path == ("封面",)
                 for line in self.sentences[c.section]]
        if len(cover) < 3:  # title lines, then the issuer and the date
            return None
        titles = cover[:-2]
        name = "".join(unspaced(c.quote) for c in titles)
        if _WHO_OR_WHEN.search(_NAME_ASKED.sub("", asked)):  # "叫什么名字，谁发的": the issuer and date too
            issued = "，".join(unspaced(c.quote) for c in cover[-2:])
            return Answer(question, "policy", f"方案全称：{name}；落款：{issued}。\n\n" + compose(cover), cover)
        return Answer(question, "policy", f"方案全称：{name}。\n\n" + compose(titles), titles)

    def _outline(self, question: str) -> Answer | None:
        """"方案正文分几大部分？": the plan's numbered top-level headings (and what is appended after them),
        when the question names no heading or line of its own; "动态维护方案部分下面有几个小节？": the headings
        under the one it names."""
        asked = without_carried(question)  # the subject carried from the last turn is not asked
        named = [s for s in self.sections if s.path != ("封面",) and len(heading_name(s)) >= 2
                 and heading_name(s) in asked]
        part = _NTH_PART.search(asked)
        if part and not named:  # "第四部分有几个小节": the body's fourth top-level heading
            body = [s for s in self.sections if len(s.path) == 1 and HEADING_NUMBER.match(s.path[0])]
            named = body[number_of(part.group(1)) - 1:][:1]
        if named and _SUB_OUTLINE.search(asked):
            parent = max(named, key=lambda s: len(heading_name(s)))
            under = [s for s in self.sections if s.path[:-1] == parent.path]
            if len(under) >= 2:
                citations = [Citation(s.doc, s.section, s.path[-1]) for s in under]
                return Answer(question, "policy", f"{parent.path[-1]}下面分为 {len(under)} 个小节：\n\n"
                              f"{compose(citations, numbered=False)}", citations)
        # ("维护内容分哪几大块": the parts of the maintenance, not of the document, see `_changed`)
        if not _OUTLINE.search(asked) or find_layer(asked) or named or _CHANGED.search(asked):
            return None
        tops = [s for s in self.sections if len(s.path) == 1 and s.path != ("封面",)]
        body = [s for s in tops if HEADING_NUMBER.match(s.path[0])]
        if len(body) < 2:
            return None
        citations = [Citation(s.doc, s.section, s.path[0]) for s in body]
        appended = [s.path[0] for s in tops if s not in body]
        after = f"正文之后另有：{'、'.join(appended)}。\n\n" if appended else ""
        return Answer(question, "policy", f"方案正文分为 {len(body)} 个部分：\n\n{compose(citations, numbered=False)}"
                      f"\n\n{after}".rstrip(), citations)

    def _purpose(self, question: str) -> Answer | None:
        """"这次为啥要搞动态维护？": why the document was made is said under its background heading."""
        asked = without_carried(question)
        # "好端端的", "突然": how the asker feels about it, in words the plan never uses, names no topic
        # ("主要", "到底": adverbs and distinguishing words name no topic even where the plan uses them)
        manner = {w.word for w in jieba.posseg.cut(asked)
                  if w.flag in _MANNER_TAGS and (w.flag in ("d", "b") or not self.rarity(w.word))}
        rest = self._words_left(_WHY.sub("", asked))
        if not _WHY.search(asked) or not self._only_the_work(rest, manner):
            return None
        if asked != question and not any(self._names_document(t) and t not in _DOING and t not in _POINTERS for t in rest):
            # "目的是什么？（协同）": the purpose of the passage just quoted, not of the document; "为什么要做这个
            #调整？（城市紫线）": 这个 points at the change just spoken of
            return None
        citations = [Citation(s.doc, s.section, sent) for s in self.sections
                     if _PURPOSE_HEADING.search(s.path[-1]) for sent in self.sentences[s.section]]
        return Answer(question, "policy", compose(citations), citations) if citations else None

    def _in_force(self, question: str) -> Answer | None:
        """"这规矩啥时候开始管？": the plan gives no date, but says from when its rules apply."""
        if not asks_in_force(question):
            return None
        citations = [Citation(s.doc, s.section, sent) for s in self.sections for sent in self.sentences[s.section]
                     if _IN_FORCE_FROM.search(sent)]
        if not citations:
            return None
        return Answer(question, "policy", "方案原文没有给出具体日期，只说明了从何时起执行：\n\n" + compose(citations),
                      citations)

    def _words_left(self, text: str) -> list[str]:
        """The words of a question once its asking part is taken out, 这回 read as 这次 (jieba cuts 这回调 as
        这/回调)."""
        return self.tokenize(text.replace("这回", "这次"))

    def _only_the_work(self, words: list[str], manner: set[str]) -> bool:
        """The words name nothing but doing the work (搞, 调整), the document, or how it is asked (`manner`)."""
        return all(t in _DOING or t in manner or self._names_document(t) for t in words)

    def _about_document(self, question: str) -> bool:
        """The question names nothing but the document ("这个方案是谁编的", "这份动态维护方案…"): words of
        asking and the words of the plan's own title, not 规划期限 or 地铁; adverbs and distinguishing words
        say how it is asked ("这个方案主要是谁编的")."""
        manner = {w.word for w in jieba.posseg.cut(question) if w.flag in ("d", "b")}
        return all(self._names_document(t) or t in manner for t in self.tokenize(question))

    def _names_document(self, token: str) -> bool:
        # (a year names the edition; "更新的那15项" counts things of the plan's, no document)
        return token in _DOCUMENT_WORDS or token in self._title_words or token.isdigit() and len(token) == 4 \
            or bool(_DATE_ASKED.fullmatch(token))


def _bodies(title: str) -> list[str]:
    """The issuers a document's title names ("自然资源部 国家林业和草原局关于…" -> both bodies)."""
    head = _ISSUERS.match(title)
    return head["bodies"].split() if head else []
