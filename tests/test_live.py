"""End to end over real gRPC on loopback: simulator -> python-wechaty -> handlers -> back."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.config import load_settings
from bot.live import LiveBot
from bot.runtime import Runtime
from bot.simulator.puppet import PuppetServer
from bot.simulator.world import SimMessage, World
from handlers.settings import SendLimits, Settings

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Village:
    """A running bot connected to a running simulator."""

    world: World
    puppet: PuppetServer
    bot: LiveBot
    clock: FakeClock

    @property
    def g1(self) -> str:
        return self.world.room_of_group("g1").id

    def bot_said(self, room_id: str = "", to: str = "") -> list[SimMessage]:
        return [
            m
            for m in self.world.messages
            if m.from_id == self.world.bot.id
            and (m.room_id == room_id if room_id else m.to_id == to)
        ]


class FakeClock:
    """Real time plus an offset a test can move forward (an outage that lasted minutes)."""

    def __init__(self, zone: object) -> None:
        self.zone = zone
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(self.zone) + self.offset  # type: ignore[arg-type]


def _settings() -> Settings:
    settings = load_settings(ROOT / "config.example.yaml")
    fast = SendLimits(group_interval_seconds=0, account_per_minute=1000)
    return settings.model_copy(update={"send_limits": fast})


async def wait_for(check: Callable[[], object], timeout: float = 10.0) -> None:
    """Poll until `check()` is truthy; fail with the timeout."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {check}")
        await asyncio.sleep(0.05)


@pytest.fixture
async def village(tmp_path: Path) -> AsyncIterator[Village]:
    settings = _settings()
    runtime = Runtime(settings, database_url="sqlite://")
    world = World(settings)
    puppet = PuppetServer(world, heartbeat_seconds=0.5)
    await puppet.start()
    clock = FakeClock(settings.zone)
    bot = LiveBot(
        runtime,
        endpoint=puppet.endpoint,
        token="test",
        cache_dir=tmp_path / "wechaty",
        now=clock,
        silence_limit=3.0,
    )
    await bot.start()
    await asyncio.wait_for(bot.adapter.online.wait(), 10)
    yield Village(world, puppet, bot, clock)
    await bot.stop()
    await puppet.stop()
    gc.collect()  # a socket or channel left open fails this test, not a later one


async def test_a_repair_request_becomes_a_ticket_and_the_officer_is_mentioned(
    village: Village,
) -> None:
    village.world.say(from_id="v01", text="家里水管漏水了，厨房全是水", room_id=village.g1)

    await wait_for(lambda: village.bot_said(village.g1))
    reply = village.bot_said(village.g1)[0]
    assert reply.mention_ids == ("off1",)
    assert "@李红\u2005" in reply.text  # WeChat's own mention form
    assert "报修 #1" in reply.text
    assert reply.text.count("@李红") == 1
    tickets = await village.bot.open_tickets("g1")
    assert [(t["code"], t["assignee"], t["kind"]) for t in tickets] == [(1, "off1", "repair")]


async def test_the_officer_acknowledges_in_the_group(village: Village) -> None:
    village.world.say(from_id="v01", text="楼道灯坏了好几天了", room_id=village.g1)
    await wait_for(lambda: village.bot_said(village.g1))
    village.world.say(from_id="off1", text="收到", room_id=village.g1)

    await wait_for(lambda: len(village.bot_said(village.g1)) == 2)
    assert "李红 接单" in village.bot_said(village.g1)[1].text
    tickets = await village.bot.open_tickets("g1")
    assert tickets[0]["status"] == "acknowledged"


async def test_the_same_message_delivered_twice_makes_one_ticket(village: Village) -> None:
    message = village.world.say(from_id="v03", text="家里停水了", room_id=village.g1)
    await wait_for(lambda: village.bot_said(village.g1))
    # A puppet redelivers the same message id (after a reconnect, say).
    for queue in list(village.world._listeners):
        queue.put_nowait(message)
    village.world.say(from_id="v01", text="今天天气真好", room_id=village.g1)
    await asyncio.sleep(1.0)

    assert len(await village.bot.open_tickets("g1")) == 1
    assert len(village.bot_said(village.g1)) == 1


async def test_non_text_messages_are_counted_not_parsed(village: Village) -> None:
    village.world.say(from_id="v01", text="<img/>漏水", room_id=village.g1, message_type=6)
    await wait_for(lambda: village.bot.adapter.stats.non_text == 1)
    assert village.bot_said(village.g1) == []


async def test_the_bot_ignores_its_own_messages(village: Village) -> None:
    village.world.say(from_id="v01", text="下水道堵了", room_id=village.g1)
    await wait_for(lambda: village.bot_said(village.g1))
    # Its own message with 堵了 in it came back on the event stream, and was not read as a report.
    await wait_for(lambda: village.bot.adapter.stats.own >= 1)
    await asyncio.sleep(0.5)
    assert len(await village.bot.open_tickets("g1")) == 1


async def test_private_commands_are_answered_privately(village: Village) -> None:
    village.world.say(from_id="off1", text="积分", to_id=village.world.bot.id)
    await wait_for(lambda: village.bot_said(to="off1"))
    assert "积分" in village.bot_said(to="off1")[0].text


async def test_somebody_not_on_the_roster_still_gets_a_ticket(village: Village) -> None:
    guest = village.world.add_guest("新来的", "g1")
    village.world.say(from_id=guest.id, text="我家暖气不热了", room_id=village.g1)
    await wait_for(lambda: village.bot_said(village.g1))
    reply = village.bot_said(village.g1)[0]
    assert reply.mention_ids[0] == "gm1"  # routed to the grid member
    assert "绑定" in reply.text  # and an officer is asked to bind the sender to a household


async def test_after_the_puppet_restarts_the_bot_reconnects_and_nothing_is_lost(
    village: Village,
) -> None:
    await village.puppet.stop()
    await wait_for(lambda: not village.bot.adapter.online.is_set())
    # Said while the bot was away; the puppet hands it over when the bot is back.
    village.world.say(from_id="v03", text="电梯坏了 困在里面了", room_id=village.g1)
    village.clock.offset += timedelta(minutes=5)
    await village.puppet.start()

    await wait_for(lambda: village.bot.adapter.online.is_set(), timeout=15)
    await wait_for(lambda: village.bot_said(village.g1))
    assert village.bot_said(village.g1)[0].mention_ids[0] == "off1"
    assert village.bot.adapter.stats.sessions >= 2
    # The watchdog told the secretary how long the bot was away.
    await wait_for(lambda: village.bot_said(to="sec"))
    notice = village.bot_said(to="sec")[0].text
    assert "离线" in notice and "分钟" in notice

    village.world.say(from_id="v05", text="楼下路灯不亮了", room_id=village.g1)
    await wait_for(lambda: len([m for m in village.bot_said(village.g1) if "#2" in m.text]) >= 1)


async def test_a_silent_connection_is_dropped_and_reopened(village: Village) -> None:
    service = village.puppet._service
    assert service is not None
    service.heartbeat_seconds = 60  # the puppet goes quiet without closing the stream
    sessions = village.bot.adapter.stats.sessions
    await wait_for(lambda: village.bot.adapter.stats.sessions > sessions, timeout=15)


async def test_after_a_logout_the_bot_waits_for_the_scan_and_comes_back(village: Village) -> None:
    village.world.logout()
    await wait_for(lambda: not village.bot.adapter.online.is_set())
    await asyncio.sleep(1.0)  # the new session sees the login QR code, not a login
    assert not village.bot.adapter.online.is_set()

    village.world.login()
    await wait_for(lambda: village.bot.adapter.online.is_set(), timeout=15)
    village.world.say(from_id="v01", text="家里停电了", room_id=village.g1)
    await wait_for(lambda: village.bot_said(village.g1))
    assert village.bot_said(to="sec") == []  # a short outage is not worth a message


async def test_replies_waiting_at_shutdown_go_out_at_the_next_start(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'gridbot.db'}"
    slow = _settings().model_copy(
        update={"send_limits": SendLimits(group_interval_seconds=3600, account_per_minute=20)}
    )
    world = World(slow)
    puppet = PuppetServer(world, heartbeat_seconds=0.5)
    await puppet.start()
    g1 = world.room_of_group("g1").id
    said = lambda: [m for m in world.messages if m.from_id == world.bot.id]  # noqa: E731
    first = LiveBot(
        Runtime(slow, database_url=database),
        endpoint=puppet.endpoint,
        token="t",
        cache_dir=tmp_path / "wechaty",
    )
    await first.start()
    await asyncio.wait_for(first.adapter.online.wait(), 10)
    world.say(from_id="v01", text="家里停电了", room_id=g1)
    world.say(from_id="v03", text="楼道灯坏了好几天了", room_id=g1)
    await wait_for(lambda: len(said()) == 1)
    await asyncio.sleep(0.5)
    assert len(said()) == 1  # the second waits out the group's send interval
    await first.stop()  # Ctrl-C with a reply still queued

    again = LiveBot(
        Runtime(_settings(), database_url=database),
        endpoint=puppet.endpoint,
        token="t",
        cache_dir=tmp_path / "wechaty",
    )
    await again.start()
    try:
        await wait_for(lambda: len(said()) >= 2)
        await asyncio.sleep(0.5)
        texts = [m.text for m in said()]
        assert len(texts) == 2 and "#1" in texts[0] and "#2" in texts[1]  # nothing twice
    finally:
        await again.stop()
        await puppet.stop()
        gc.collect()
