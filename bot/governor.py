"""The send governor: every outgoing message passes here.

WeChat bans accounts that send too fast. The governor holds messages in a queue per destination
and releases them no faster than the limits allow: one message per group every few seconds, a
cap per minute for the whole account. Urgent messages jump the queue; ordinary messages to the
same place that are waiting together are merged into one. It works on whatever clock it is
given, so replay simulates the same timing the live bot has. Choosing the next message looks
only at the head of each destination's queue (a heap), so a long queue stays cheap.
"""

from __future__ import annotations

import heapq
from collections import deque
from dataclasses import dataclass, field, replace
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


@dataclass(slots=True)
class _Target:
    """One destination's waiting messages: urgent ones first, each in arrival order."""

    urgent: deque[_Pending] = field(default_factory=deque)
    normal: deque[_Pending] = field(default_factory=deque)
    last_sent: datetime | None = None

    def head(self) -> _Pending | None:
        return self.urgent[0] if self.urgent else (self.normal[0] if self.normal else None)


class SendGovernor:
    """Queues replies and releases them within the send limits."""

    def __init__(self, limits: SendLimits) -> None:
        self._interval = timedelta(seconds=limits.group_interval_seconds)
        self._per_minute = limits.account_per_minute
        self._targets: dict[str, _Target] = {}
        # Destinations whose next message is urgent, and the others: (ready, order, target).
        self._urgent: list[tuple[datetime, int, str]] = []
        self._normal: list[tuple[datetime, int, str]] = []
        self._recent: deque[datetime] = deque()
        self._order = 0

    def submit(self, replies: list[Reply], now: datetime) -> None:
        """Queue replies produced at `now`."""
        for reply in replies:
            self._order += 1
            target = self._targets.setdefault(reply.target, _Target())
            was_head = target.head()
            item = _Pending(reply, now, self._order)
            (target.urgent if reply.urgent else target.normal).append(item)
            if target.head() is not was_head:
                self._push(reply.target, target)

    def release(self, until: datetime) -> list[Sent]:
        """Every message that may go out by `until`, with the moment it goes."""
        sent: list[Sent] = []
        while (step := self._next()) is not None:
            at, key = step
            if at > until:
                break
            target = self._targets[key]
            heapq.heappop(self._urgent if target.urgent else self._normal)
            reply = self._take(target, at)
            target.last_sent = at
            self._recent.append(at)
            if len(self._recent) > self._per_minute:
                self._recent.popleft()
            sent.append(Sent(at, reply))
            if target.head() is not None:
                self._push(key, target)
        return sent

    def next_release(self) -> datetime | None:
        """When the next queued message may go, or None when nothing is queued."""
        step = self._next()
        return step[0] if step else None

    def flush(self) -> list[Sent]:
        """Release everything that is queued, however long the limits make it take."""
        sent: list[Sent] = []
        while (moment := self.next_release()) is not None:
            sent.extend(self.release(moment))
        return sent

    def _next(self) -> tuple[datetime, str] | None:
        """The next send (when, where): urgent first whenever it can go no later than the rest."""
        urgent, normal = self._top(self._urgent, True), self._top(self._normal, False)
        if urgent is None and normal is None:
            return None
        floor = self._account_floor()
        candidates = []
        for rank, top in ((0, urgent), (1, normal)):
            if top is not None:
                ready = top[0] if floor is None else max(top[0], floor)
                candidates.append((ready, rank, top[1], top[2]))
        at, _, _, key = min(candidates)
        return at, key

    def _top(
        self, heap: list[tuple[datetime, int, str]], urgent: bool
    ) -> tuple[datetime, int, str] | None:
        """The heap's first entry that still describes its destination's head (lazy deletion)."""
        while heap:
            ready, order, key = heap[0]
            target = self._targets[key]
            head = target.head()
            if head is not None and head.order == order and bool(target.urgent) == urgent:
                return ready, order, key
            heapq.heappop(heap)
        return None

    def _push(self, key: str, target: _Target) -> None:
        head = target.head()
        assert head is not None
        ready = (
            head.ready
            if target.last_sent is None
            else max(head.ready, target.last_sent + self._interval)
        )
        heapq.heappush(self._urgent if target.urgent else self._normal, (ready, head.order, key))

    def _account_floor(self) -> datetime | None:
        """The earliest moment the account may send at all, given the per-minute cap."""
        if not self._recent:
            return None
        floor = self._recent[-1]  # one account sends one message at a time, in order
        if len(self._recent) >= self._per_minute:
            floor = max(floor, self._recent[-self._per_minute] + timedelta(minutes=1))
        return floor

    def _take(self, target: _Target, at: datetime) -> Reply:
        """The head message, with ordinary messages that are also ready merged into it."""
        if target.urgent:
            return target.urgent.popleft().reply
        reply = target.normal.popleft().reply
        while target.normal and target.normal[0].ready <= at:
            nxt = target.normal[0].reply
            if len(reply.text) + len(nxt.text) > _MERGE_MAX_CHARS:
                break
            target.normal.popleft()
            mentions = reply.mentions + tuple(m for m in nxt.mentions if m not in reply.mentions)
            reply = replace(
                reply,
                text=f"{reply.text}\n{nxt.text}",
                mentions=mentions,
                outbox_ids=reply.outbox_ids + nxt.outbox_ids,
            )
        return reply
