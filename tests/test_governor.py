"""The send governor keeps WeChat's limits, lets urgent messages go first and merges the rest."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.governor import SendGovernor
from handlers.settings import SendLimits
from handlers.types import Reply

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_one_message_per_group_every_three_seconds() -> None:
    governor = SendGovernor(SendLimits(group_interval_seconds=3, account_per_minute=100))
    governor.submit([Reply("a", group_id="g1")], T0)
    first = governor.release(T0)
    governor.submit([Reply("b", group_id="g1")], T0 + timedelta(seconds=1))
    assert governor.release(T0 + timedelta(seconds=2)) == []
    second = governor.release(T0 + timedelta(seconds=10))
    assert [s.at - T0 for s in first + second] == [timedelta(0), timedelta(seconds=3)]


def test_waiting_ordinary_messages_to_one_group_are_merged() -> None:
    governor = SendGovernor(SendLimits(group_interval_seconds=3, account_per_minute=100))
    governor.submit([Reply("a", group_id="g1", mentions=("m1",))], T0)
    governor.release(T0)
    governor.submit(
        [Reply("b", group_id="g1", mentions=("m2",)), Reply("c", group_id="g1", mentions=("m1",))],
        T0,
    )
    [merged] = governor.release(T0 + timedelta(seconds=3))
    assert merged.reply.text == "b\nc" and merged.reply.mentions == ("m2", "m1")


def test_urgent_goes_first_when_the_account_is_saturated() -> None:
    governor = SendGovernor(SendLimits(group_interval_seconds=0, account_per_minute=2))
    governor.submit([Reply(f"n{n}", group_id=f"g{n}") for n in range(3)], T0)
    governor.submit([Reply("fire", group_id="g9", urgent=True)], T0 + timedelta(seconds=1))
    sent = governor.flush()
    assert [s.reply.text for s in sent][:2] == ["n0", "n1"]
    assert sent[2].reply.text == "fire" and sent[2].at == T0 + timedelta(minutes=1)


def test_account_cap_per_minute() -> None:
    governor = SendGovernor(SendLimits(group_interval_seconds=0, account_per_minute=20))
    governor.submit([Reply(str(n), group_id=f"g{n}") for n in range(45)], T0)
    sent = governor.flush()
    assert len(sent) == 45
    for n in range(len(sent) - 20):
        assert sent[n + 20].at - sent[n].at >= timedelta(minutes=1)
    assert [s.at for s in sent] == sorted(s.at for s in sent)


def test_private_messages_are_their_own_destination() -> None:
    governor = SendGovernor(SendLimits(group_interval_seconds=3, account_per_minute=100))
    governor.submit([Reply("a", group_id="g1"), Reply("b", to="m1")], T0)
    assert [s.at for s in governor.release(T0)] == [T0, T0]
