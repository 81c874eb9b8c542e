"""Replies waiting to be sent: written with the change that produced them, marked when sent."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, select, update

from storage.models import OutboxRow


def add(
    session: Session,
    *,
    group_id: str | None,
    to_id: str | None,
    text: str,
    mentions: Sequence[str],
    urgent: bool,
    at: datetime,
) -> int:
    """Keep one reply until it is sent; its id."""
    row = OutboxRow(
        group_id=group_id,
        to_id=to_id,
        text=text,
        mentions=" ".join(mentions),
        urgent=urgent,
        created_at=at,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


def unsent(session: Session, *, since: datetime) -> list[OutboxRow]:
    """Replies not yet sent that were produced at or after `since`, oldest first."""
    query = (
        select(OutboxRow)
        .where(col(OutboxRow.sent_at).is_(None), col(OutboxRow.created_at) >= since)
        .order_by(col(OutboxRow.id))
    )
    return list(session.exec(query))


def mark_sent(session: Session, *, ids: Sequence[int], at: datetime) -> None:
    """Record that WeChat took these replies."""
    if ids:
        statement = update(OutboxRow).where(col(OutboxRow.id).in_(ids)).values(sent_at=at)
        session.exec(statement)


def give_up(session: Session, *, before: datetime, at: datetime) -> int:
    """Replies too old to be worth sending after an outage: marked, never sent; how many."""
    statement = (
        update(OutboxRow)
        .where(col(OutboxRow.sent_at).is_(None), col(OutboxRow.created_at) < before)
        .values(sent_at=at)
    )
    result = session.exec(statement)
    return int(result.rowcount or 0)
