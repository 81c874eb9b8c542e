"""Live deadlines: the sweep clock fires what fell due, once, across restarts."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.runtime import Runtime
from bot.scheduler import DeadlineClock
from handlers.types import Inbound, Reply
from tests.transcripts import settings, shared_parser

ZONE = ZoneInfo("Asia/Shanghai")


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def test_deadlines_fire_once_and_survive_a_restart(tmp_path: Path) -> None:
    village = settings({"database": {"url": f"sqlite:///{tmp_path}/live.db"}})
    clock = FakeClock(datetime(2026, 3, 2, 8, 5, tzinfo=ZONE))
    delivered: list[Reply] = []
    runtime = Runtime(village, parser=shared_parser())
    runtime.handle(Inbound("wx1", "m_v1", "家里灯不亮了", clock.now, group_id="g1"))
    ticker = DeadlineClock(runtime, lambda replies, _at: delivered.extend(replies), clock)
    ticker.tick()
    assert delivered == []

    clock.now += timedelta(minutes=31)
    restarted = DeadlineClock(
        Runtime(village, parser=shared_parser()), lambda r, _a: delivered.extend(r), clock
    )
    restarted.tick()
    restarted.tick()
    assert [r.mentions for r in delivered] == [("m_off1",)]
    assert "提醒" in delivered[0].text


def test_a_round_that_passed_while_down_is_sent_once(tmp_path: Path) -> None:
    village = settings({"database": {"url": f"sqlite:///{tmp_path}/live.db"}})
    clock = FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=ZONE))
    delivered: list[Reply] = []
    ticker = DeadlineClock(
        Runtime(village, parser=shared_parser()), lambda r, _a: delivered.extend(r), clock
    )
    ticker.tick()
    clock.now = datetime(2026, 3, 2, 10, 30, tzinfo=ZONE)
    ticker.tick()
    ticker.tick()
    assert sum("体温收集" in r.text for r in delivered) == 3  # one per officer with households
