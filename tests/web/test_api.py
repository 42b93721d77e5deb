"""The plain JSON chat endpoint: bad or oversized bodies get a Chinese error before any answering work."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.web import api


@pytest.fixture
def asked():
    return []


@pytest.fixture
def client(asked):
    def chat_api(question, request):
        asked.append((question, request.client.host))
        return f"答：{question}"

    return TestClient(FastAPI(routes=list(api.router(chat_api, max_chars=20).routes)))


def test_answers_the_question(client, asked):
    reply = client.post(api.PATH, json={"question": "生态控制区能否开发？"})
    assert reply.status_code == 200 and reply.json() == {"answer": "答：生态控制区能否开发？"}
    assert asked == [("生态控制区能否开发？", "testclient")]  # the request goes along, for the rate limit


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'{"q": "x"}', b'{"question": 3}',
                                  b'{"question": "  "}', "{\"question\": \"字\"}".encode("gbk")])
def test_malformed_bodies_are_refused_in_chinese(client, asked, body):
    reply = client.post(api.PATH, content=body, headers={"content-type": "application/json"})
    assert reply.status_code == 400 and reply.json() == {"error": api.USAGE} and asked == []


def test_an_oversized_body_is_refused_before_it_is_read(client, asked):
    big = {"question": "字" * 2_000}  # 6 kB, over 4 × 20 + 1024 bytes
    reply = client.post(api.PATH, json=big)
    assert reply.status_code == 413 and "问题请精简到 20 字以内" in reply.json()["error"] and asked == []


def test_a_body_without_length_is_cut_off_while_streaming(client, asked):
    def chunks():
        yield b'{"question": "'
        for _ in range(100):
            yield "字".encode() * 100

    reply = client.post(api.PATH, content=chunks())  # chunked: no content-length to trust
    assert reply.status_code == 413 and "超过 1104 字节" in reply.json()["error"] and asked == []


def test_a_long_question_within_the_byte_cap_reaches_the_length_check(client, asked):
    reply = client.post(api.PATH, json={"question": "字" * 21})
    assert reply.status_code == 200 and asked == [("字" * 21, "testclient")]  # chat_api refuses it (tested there)
