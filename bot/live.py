"""The bot live: WeChat messages in, replies out through the send governor, deadlines swept.

Database work runs on one worker thread, in arrival order, so the event loop never waits on it
and SQLite sees one writer. Replies pass the governor (send limits, merging, urgent first) and go
out only while WeChat is connected; a reply that cannot be sent stays queued. The watchdog tells
the party secretaries when the bot was offline, and from when to when.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlmodel import Session

from bot.directory import Directory
from bot.governor import SendGovernor
from bot.runtime import Runtime
from bot.scheduler import CATCH_UP, SWEEP_SECONDS, DeadlineClock
from bot.wechat import NotConnected, WechatAdapter
from handlers import texts
from handlers.tickets import is_overdue
from handlers.types import Inbound, Reply
from storage import inbox, outbox
from storage import tickets as ticket_repo
from storage.reset import clear_activity

log = logging.getLogger("gridbot.live")

OFFLINE_NOTICE = timedelta(minutes=1)  # shorter outages are not worth a message
SEND_ATTEMPTS = 3

T = TypeVar("T")


class LiveBot:
    """The runtime connected to WeChat through the adapter."""

    def __init__(
        self,
        runtime: Runtime,
        *,
        endpoint: str,
        token: str | None,
        cache_dir: Path,
        now: Callable[[], datetime] | None = None,
        silence_limit: float | None = None,
    ) -> None:
        self.runtime = runtime
        runtime.keep_outbox = True
        self.zone = runtime.settings.zone
        self._now = now or (lambda: datetime.now(self.zone))
        self.directory = Directory(runtime.roster)
        self.governor = SendGovernor(runtime.settings.send_limits)
        extra: dict[str, Any] = {} if silence_limit is None else {"silence_limit": silence_limit}
        self.adapter = WechatAdapter(
            endpoint=endpoint,
            token=token,
            directory=self.directory,
            on_message=self.receive,
            on_state=self._state,
            cache_dir=cache_dir,
            zone=self.zone,
            **extra,
        )
        self.deadlines = DeadlineClock(runtime, now=self._now)
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gridbot-db")
        self._wake = asyncio.Event()
        self._attempts: dict[Reply, int] = {}
        self._offline_since: datetime | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._scheduler: AsyncIOScheduler | None = None

    # ------------------------------------------------------------------ life cycle

    async def start(self) -> None:
        """Connect to WeChat and start sending and sweeping."""
        last_alive = await self._db_call(self._mark_live)
        self.directory = self.adapter.directory = Directory(self.runtime.roster)  # as reloaded
        self.submit(await self._db_call(self._unsent))
        now = self._now()
        if last_alive is not None and now - last_alive >= OFFLINE_NOTICE:
            self._offline_since = last_alive  # the process itself was down
        self._tasks = [
            asyncio.create_task(self.adapter.run(), name="wechat"),
            asyncio.create_task(self._send_loop(), name="sender"),
        ]
        scheduler = AsyncIOScheduler(timezone=self.zone)
        scheduler.add_job(
            self._sweep,
            "interval",
            seconds=SWEEP_SECONDS,
            max_instances=1,
            coalesce=True,
            next_run_time=now,
        )
        scheduler.add_job(self._log_counts, "interval", minutes=10, coalesce=True)
        scheduler.start()
        self._scheduler = scheduler

    async def stop(self) -> None:
        """Leave WeChat, stop the jobs, finish the database work in hand."""
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
        await self.adapter.stop()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        pending = self.governor.flush()
        if pending:
            log.warning(
                "%d replies wait in the outbox; they go out at the next start", len(pending)
            )
        self._db.shutdown(wait=True)

    # ------------------------------------------------------------------ inbound

    async def receive(self, message: Inbound) -> None:
        """Handle one message from WeChat and queue the replies."""
        self.submit(await self._db_call(self.runtime.handle, message))

    def submit(self, replies: list[Reply]) -> None:
        """Queue replies for the governor to release."""
        if replies:
            self.governor.submit(replies, self._now())
            self._wake.set()

    async def open_tickets(self, group_id: str) -> list[dict[str, Any]]:
        """A group's open tickets, overdue first, for the simulator's side panel."""
        return await self._db_call(self._open_tickets, group_id)

    # ------------------------------------------------------------------ sending

    async def _send_loop(self) -> None:
        while True:
            await self.adapter.online.wait()
            self._wake.clear()
            for sent in self.governor.release(self._now()):
                await self._send(sent.reply)
            upcoming = self.governor.next_release()
            timeout = (
                None if upcoming is None else max(0.05, (upcoming - self._now()).total_seconds())
            )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout)

    async def _send(self, reply: Reply) -> None:
        try:
            await self.adapter.send(reply)
            self._attempts.pop(reply, None)
            if reply.outbox_ids:
                await self._db_call(self._mark_sent, reply.outbox_ids)
            return
        except NotConnected:
            pass  # not an attempt: it waits for the connection
        except Exception as exc:
            self.adapter.stats.send_failures += 1
            tries = self._attempts.get(reply, 0) + 1
            if tries >= SEND_ATTEMPTS:
                self._attempts.pop(reply, None)
                log.error("gave up sending to %s after %d tries: %s", reply.target, tries, exc)
                return
            self._attempts[reply] = tries
            log.warning("sending to %s failed (%s); will retry", reply.target, exc)
        self.governor.submit([reply], self._now())

    # ------------------------------------------------------------------ deadlines and watchdog

    async def _sweep(self) -> None:
        try:
            self.submit(await self._db_call(self.deadlines.tick))
        except Exception:
            log.exception("deadline sweep failed; the next one retries")

    def _log_counts(self) -> None:
        """What crossed the adapter so far, in the log every few minutes."""
        counts = ", ".join(f"{k} {v}" for k, v in asdict(self.adapter.stats).items())
        log.info("WeChat %s; %s", "online" if self.adapter.online.is_set() else "OFFLINE", counts)

    async def _state(self, online: bool) -> None:
        at = self._now()
        if not online:
            self._offline_since = self._offline_since or at
            log.warning("WeChat offline since %s", at.isoformat(timespec="seconds"))
            return
        since, self._offline_since = self._offline_since, None
        if since is None or at - since < OFFLINE_NOTICE:
            return
        minutes = max(1, round((at - since).total_seconds() / 60))
        text = texts.BOT_WAS_OFFLINE.format(
            start=_clock(since, at), end=at.strftime("%H:%M"), minutes=minutes
        )
        secretaries = {
            s for g in self.runtime.roster.groups if (s := self.runtime.roster.secretary(g))
        }
        self.submit([Reply(text, to=s, urgent=True) for s in sorted(secretaries)])

    # ------------------------------------------------------------------ database thread

    async def _db_call(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._db, partial(fn, *args))

    def _mark_live(self) -> datetime | None:
        """Mark the database as a live bot's; the moment the bot was last alive, if ever.

        A database that holds only a replay's rehearsal (`gridbot replay` writes to the config's
        database) is cleared first, as the next replay would clear it: rehearsal tickets must
        not reach real people.
        """
        with Session(self.runtime.engine) as session:
            if inbox.database_use(session) == "replay":
                log.warning("%s held a replay's rehearsal data; cleared", self.runtime.engine.url)
                clear_activity(session)
                session.commit()
                self.runtime.reload_roster()
            last = inbox.last_sweep(session)
            if not inbox.job_done(session, key=inbox.LIVE_MARK):
                inbox.mark_job(session, key=inbox.LIVE_MARK, at=self._now())
            session.commit()
        return last

    def _unsent(self) -> list[Reply]:
        """What an earlier run produced but never sent; replies older than half a day are
        dropped (a round reminder from yesterday only confuses)."""
        now = self._now()
        with Session(self.runtime.engine, expire_on_commit=False) as session:
            dropped = outbox.give_up(session, before=now - CATCH_UP, at=now)
            rows = outbox.unsent(session, since=now - CATCH_UP)
            session.commit()
        if dropped:
            log.warning("%d replies from more than %s ago were not sent", dropped, CATCH_UP)
        if rows:
            log.info("%d replies left unsent by the last run go out now", len(rows))
        return [
            Reply(
                text=row.text,
                group_id=row.group_id,
                to=row.to_id,
                mentions=tuple(row.mentions.split()),
                urgent=row.urgent,
                outbox_ids=(row.id,) if row.id is not None else (),
            )
            for row in rows
        ]

    def _mark_sent(self, ids: tuple[int, ...]) -> None:
        try:
            with Session(self.runtime.engine) as session:
                outbox.mark_sent(session, ids=ids, at=self._now())
                session.commit()
        except Exception:
            log.exception("could not mark replies %s as sent; they may go out again", ids)

    def _open_tickets(self, group_id: str) -> list[dict[str, Any]]:
        roster, now = self.runtime.roster, self._now()
        with Session(self.runtime.engine) as session:
            rows = ticket_repo.active_in_group(session, group_id=group_id)
        tickets = [
            {
                "code": t.code,
                "kind": t.kind,
                "kind_label": texts.KIND_NAMES.get(t.kind, t.kind),
                "status": t.status,
                "status_label": texts.STATUS_NAMES.get(t.status, t.status),
                "assignee": t.assignee_id,
                "assignee_name": roster.name(t.assignee_id),
                "reporter": t.reporter_id,
                "reporter_name": roster.name(t.reporter_id),
                "urgent": t.urgent,
                "overdue": is_overdue(t, now),  # as the 工单 command says it
                "opened_at": t.created_at.astimezone(self.zone).isoformat(),
            }
            for t in rows
        ]
        return sorted(tickets, key=lambda t: (not t["overdue"], t["code"]))


def _clock(moment: datetime, today: datetime) -> str:
    """HH:MM, with the date when it was not today."""
    local = moment.astimezone(today.tzinfo)
    return (
        local.strftime("%H:%M")
        if local.date() == today.date()
        else local.strftime("%m月%d日 %H:%M")
    )
