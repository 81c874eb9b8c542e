"""The send governor: every outgoing message passes here.

WeChat bans accounts that send too fast. The governor holds messages in a queue and releases
them no faster than the limits allow: one message per group every few seconds, a cap per minute
for the whole account. Urgent messages jump the queue; ordinary messages to the same place that
are waiting together are merged into one. It works on whatever clock it is given, so replay
simulates the same timing the live bot has.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from handlers.settings import SendLimits
from handlers.types import Reply

_MERGE_MAX_CHARS = 1500


@dataclass(frozen=True, slots=True)
class Sent:
    """A message the governor released, and when."""

    at: datetime
    reply: Reply


@dataclass(slots=True)
class _Pending:
    reply: Reply
    ready: datetime
    order: int


class SendGovernor:
    """Queues replies and releases them within the send limits."""

    def __init__(self, limits: SendLimits) -> None:
        self._interval = timedelta(seconds=limits.group_interval_seconds)
        self._per_minute = limits.account_per_minute
        self._pending: list[_Pending] = []
        self._last_by_target: dict[str, datetime] = {}
        self._recent: deque[datetime] = deque()
        self._order = 0

    def submit(self, replies: list[Reply], now: datetime) -> None:
        """Queue replies produced at `now`."""
        for reply in replies:
            self._order += 1
            self._pending.append(_Pending(reply, now, self._order))

    def release(self, until: datetime) -> list[Sent]:
        """Every message that may go out by `until`, with the moment it goes."""
        sent: list[Sent] = []
        while self._pending:
            item, at = self._next()
            if at > until:
                break
            self._pending.remove(item)
            reply = self._merge(item, at)
            self._last_by_target[reply.target] = at
            self._recent.append(at)
            if len(self._recent) > self._per_minute:
                self._recent.popleft()
            sent.append(Sent(at, reply))
        return sent

    def next_release(self) -> datetime | None:
        """When the next queued message may go, or None when the queue is empty."""
        return self._next()[1] if self._pending else None

    def flush(self) -> list[Sent]:
        """Release everything that is queued, however long the limits make it take."""
        return (
            self.release(datetime.max.replace(tzinfo=self._pending[0].ready.tzinfo))
            if self._pending
            else []
        )

    def _next(self) -> tuple[_Pending, datetime]:
        """The message that can go soonest (urgent wins a tie, then the oldest) and when."""
        timed = [(self._earliest(p), not p.reply.urgent, p.order, p) for p in self._pending]
        at, _, _, item = min(timed, key=lambda t: t[:3])
        return item, at

    def _earliest(self, item: _Pending) -> datetime:
        at = item.ready
        if self._recent:
            at = max(at, self._recent[-1])  # one account sends one message at a time, in order
        last = self._last_by_target.get(item.reply.target)
        if last is not None:
            at = max(at, last + self._interval)
        if len(self._recent) >= self._per_minute:
            # the message may go once the oldest of the last `per_minute` sends is a minute old
            at = max(at, self._recent[-self._per_minute] + timedelta(minutes=1))
        return at

    def _merge(self, item: _Pending, at: datetime) -> Reply:
        """Fold ordinary messages for the same place that are also ready into this one."""
        reply = item.reply
        if reply.urgent:
            return reply
        for other in sorted(self._pending, key=lambda p: p.order):
            if other.reply.urgent or other.reply.target != reply.target or other.ready > at:
                continue
            if len(reply.text) + len(other.reply.text) > _MERGE_MAX_CHARS:
                break
            mentions = reply.mentions + tuple(
                m for m in other.reply.mentions if m not in reply.mentions
            )
            reply = replace(reply, text=f"{reply.text}\n{other.reply.text}", mentions=mentions)
            self._pending.remove(other)
        return reply
