"""Bounded inputs in the web handlers: question length, daily quota, client identity, uploads, temp files."""

from __future__ import annotations

import json
import logging
import os
import time

import pytest
from ui_fakes import FakeAssistant, ui_settings

from assistant.conversation import Conversation
from assistant.errors import InputError
from assistant.web import guard
from assistant.web.actions import Actions, MapState


class Req:
    def __init__(self, host):
        self.client = type("C", (), {"host": host})()


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    settings = ui_settings(tmp_path_factory.mktemp("bounded"), mode="public", rate="1000")
    return Actions(FakeAssistant(settings.db_path, public=True), settings)


def test_long_question_is_refused_before_the_assistant_sees_it(public):
    asked = len(public.assistant.asked)
    text = public.chat_api("问" * 100_000, Req("10.0.0.1"))
    assert "问题过长（100000 字）" in text and "500 字以内" in text
    text, image, command = public.ask("问" * 501, Conversation())
    assert "问题过长" in text and image is None and command is None
    assert len(public.assistant.asked) == asked
    assert "问题过长" not in public.ask("问" * 500, Conversation())[0]


def test_non_text_api_input_gets_a_chinese_answer(public):
    assert "请输入文字问题" in public.chat_api(None, Req("10.0.0.2"))


def test_log_lines_are_truncated(public, caplog, monkeypatch):
    def boom(*_args, **_kwargs):
        raise RuntimeError("kaputt")

    monkeypatch.setattr(public.assistant, "ask", boom)
    with caplog.at_level(logging.ERROR):
        text = public.chat_api("长" * 480, Req("10.0.0.3"))
    assert "内部错误" in text and "kaputt" not in text
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "长" * 200 in logged and "长" * 201 not in logged and "共 480 字" in logged


def test_daily_quota_beside_the_minute_limit():
    clock = [time.mktime((2026, 12, 2, 10, 0, 0, 0, 0, -1))]
    quota = guard.DailyQuota(3, clock=lambda: clock[0])
    assert [quota.allow("a") for _ in range(4)] == [True, True, True, False]
    assert quota.allow("b")
    clock[0] += 3600
    assert not quota.allow("a")
    clock[0] += 24 * 3600
    assert quota.allow("a")
    assert "每天最多 3 次" in quota.message()


def test_public_actions_refuse_after_the_daily_quota(tmp_path):
    settings = ui_settings(tmp_path, mode="public", rate="1000")
    from dataclasses import replace

    actions = Actions(FakeAssistant(settings.db_path, public=True), replace(settings, public_daily_quota="2"))
    answers = [actions.chat_api("生态控制区能否开发？", Req("10.9.9.9")) for _ in range(3)]
    assert "今日查询次数已达上限" not in answers[1] and "今日查询次数已达上限" in answers[2]
    assert "今日查询次数已达上限" not in actions.chat_api("生态控制区能否开发？", Req("10.9.9.8"))


@pytest.mark.parametrize("lon, lat", [("a", "b"), ("NaN", 37.9), (None, 37.9), ([1], {}), (1e400, 37.9)])
def test_map_click_with_a_bad_position_is_a_chinese_error(public, lon, lat):
    event = json.dumps({"kind": "click", "lon": lon, "lat": lat})
    with pytest.raises(InputError, match="点击位置"):
        public.map_event(event, "维护后", MapState())


def test_launch_options_bound_uploads_and_trust_no_proxy_by_default(tmp_path, monkeypatch):
    from dataclasses import replace

    from assistant.web.ui import launch_options

    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    settings = ui_settings(tmp_path)
    options = launch_options(settings)
    assert options["max_file_size"] == 20 * 1024 * 1024 and options["show_error"] is False
    assert options["state_session_capacity"] == 1000  # API calls are sessions too: memory stays bounded
    assert os.environ["FORWARDED_ALLOW_IPS"] == ""
    launch_options(replace(settings, trusted_proxies="10.0.0.5, 10.0.0.6", max_upload_mb="5"))
    assert os.environ["FORWARDED_ALLOW_IPS"] == "10.0.0.5,10.0.0.6"


def test_cli_prints_chinese_and_exits_non_zero_on_an_unexpected_error(monkeypatch, capsys):
    from assistant import cli, commands

    def boom(args, settings):
        raise ValueError("math domain error /tmp/secret")

    monkeypatch.setattr(commands, "cmd_ask", boom)
    code = cli.main(["ask", "x"])
    err = capsys.readouterr().err
    assert code == 1 and "内部错误" in err and "/tmp/secret" not in err and "Traceback" not in err
