"""The adapter's text helpers: mentions as WeChat writes them, and message times."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.wechat_text import names_in_text, sent_at, wechat_mentions, with_plain_mentions

ZONE = ZoneInfo("Asia/Shanghai")


def test_plain_mentions_go_in_front_once() -> None:
    assert with_plain_mentions("收到请回“收到 #1”", ["李红"]) == "@李红 收到请回“收到 #1”"
    assert with_plain_mentions("请 @李红 处理", ["李红"]) == "请 @李红 处理"
    assert with_plain_mentions("请处理", ["李红", "王甲军"]) == "@李红\u2005@王甲军 请处理"
    assert with_plain_mentions("请处理", []) == "请处理"


def test_mentions_already_in_the_text_get_wechats_separator() -> None:
    text = "请 @李红 处理，@王甲军 已同步。"
    assert names_in_text(text, ["李红", "王甲军"])
    assert not names_in_text(text, ["李红", "赵红梅"])
    assert wechat_mentions(text, ["李红", "王甲军"]) == "请 @李红\u2005处理，@王甲军\u2005已同步。"


def test_message_times_in_seconds_or_milliseconds_are_local_and_aware() -> None:
    moment = datetime(2026, 3, 2, 0, 5, tzinfo=UTC)
    seconds = int(moment.timestamp())
    assert sent_at(seconds, ZONE) == moment
    assert sent_at(seconds * 1000, ZONE).isoformat() == "2026-03-02T08:05:00+08:00"
    assert sent_at(None, ZONE).tzinfo is not None
