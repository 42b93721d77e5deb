"""Several questions asked as one conversation, for the tests of follow-ups."""

from assistant.conversation import Conversation


def dialogue(assistant, *questions):
    conversation = Conversation()
    return [assistant.ask(q, conversation) for q in questions]
