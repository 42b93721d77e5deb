"""A thing the plan never names, asked of the passage just given (停车场 after 城市紫线's passage), is refused with
that passage quoted; a word that is always of something (顺序, 名称) is asked of the passage and answered from it."""

from conversation_helpers import dialogue


def test_a_thing_the_plan_never_names_asked_of_the_last_passage_is_refused(fixture_assistant):
    turns = dialogue(fixture_assistant, "城市紫线这次为什么调整？", "南山宾馆周边的停车场有没有变化？")
    assert not turns[0].refused, turns[0].answer
    assert turns[1].refused and "“停车场”" in turns[1].answer, turns[1].answer
    assert "南山宾馆" in turns[1].answer and turns[1].citations, turns[1].answer  # what the plan does say, quoted


def test_a_gloss_like_the_question_does_not_vouch_for_a_word_it_does_not_speak_of(fixture_assistant):
    turns = dialogue(fixture_assistant, "家里老人多，规划里有没有养老的地方？", "那附近有没有菜市场？")
    assert not turns[0].refused and "养老" in turns[0].answer, turns[0].answer
    assert turns[1].refused and "菜市场" in turns[1].answer, turns[1].answer


def test_a_word_always_of_something_is_asked_of_the_last_passage(fixture_assistant):
    turns = dialogue(fixture_assistant, "方案获批后怎么执行？", "建设项目审批按什么顺序来？")
    assert not turns[1].refused and "先规划、后建设" in turns[1].answer, turns[1].answer


def test_an_everyday_word_in_a_first_question_is_read_as_before(fixture_assistant):
    answer = fixture_assistant.ask("家门口有没有照看小孩的托儿所？")  # no passage yet: the glosses find 托育
    assert not answer.refused and "托育" in answer.answer, answer.answer
