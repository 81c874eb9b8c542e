"""Live mode: APScheduler (in bot/live.py) drives the same `sweep(now)` that replay runs on its simulated clock.

Deadlines live in the database, not in the scheduler: the job only asks "what is due now?" every
few seconds, and the moment of the last sweep is stored, so after a restart the first sweep
fires everything that fell due while the bot was down (rounds and digests included) exactly once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.runtime import Runtime
from handlers.types import Reply
from storage import inbox

log = logging.getLogger("gridbot.scheduler")
SWEEP_SECONDS = 15
# After a long outage, rounds and digests older than this are not sent late.
CATCH_UP = timedelta(hours=12)


class DeadlineClock:
    """Sweeps the runtime's deadlines and hands what falls due to `deliver`."""

    def __init__(
        self,
        runtime: Runtime,
        deliver: Callable[[list[Reply], datetime], None] | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self._runtime = runtime
        self._deliver = deliver
        self._now = now or (lambda: datetime.now(runtime.settings.zone))

    def tick(self) -> list[Reply]:
        """One sweep at the current time; safe to call at any rate."""
        now = self._now()
        with Session(self._runtime.engine) as session:
            since = inbox.last_sweep(session) or now
            inbox.set_last_sweep(session, at=now)
            session.commit()
        replies = self._runtime.sweep(now, since=max(since, now - CATCH_UP))
        if replies and self._deliver is not None:
            self._deliver(replies, now)
        return replies
