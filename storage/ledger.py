"""Temperature readings and the points ledger."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, insert
from sqlmodel import Session, col, select

from storage.models import PointsRow, ReadingRow


def add_reading(session: Session, *, reading: ReadingRow) -> None:
    """Record one temperature reading."""
    session.add(reading)


def add_readings(session: Session, *, rows: list[dict[str, object]]) -> None:
    """Record several readings in one statement (the keys are ReadingRow's columns)."""
    if rows:
        session.connection().execute(_INSERT_READING, rows)


_INSERT_READING = insert(ReadingRow.__table__)  # type: ignore[attr-defined]


def households_reported(session: Session, *, group_id: str, day: str) -> set[str]:
    """Households of a group with at least one reading on a local day."""
    query = select(ReadingRow.household_id).where(
        ReadingRow.group_id == group_id,
        ReadingRow.day == day,
        col(ReadingRow.household_id).is_not(None),
    )
    return {h for h in session.exec(query).all() if h}


def fevers_between(session: Session, *, start: datetime, end: datetime) -> list[ReadingRow]:
    """Fever readings in [start, end)."""
    query = select(ReadingRow).where(
        ReadingRow.fever, col(ReadingRow.at) >= start, col(ReadingRow.at) < end
    )
    return list(session.exec(query.order_by(col(ReadingRow.id))))


def add_points(
    session: Session,
    *,
    member_id: str,
    delta: int,
    reason: str,
    at: datetime,
    ticket_id: int | None = None,
) -> None:
    """Add one entry to the ledger (delta may be negative)."""
    if delta:
        session.add(
            PointsRow(member_id=member_id, delta=delta, reason=reason, ticket_id=ticket_id, at=at)
        )


def total(session: Session, *, member_id: str) -> int:
    """A member's current points."""
    value = session.exec(
        select(func.coalesce(func.sum(PointsRow.delta), 0)).where(PointsRow.member_id == member_id)
    ).one()
    return int(value)


def totals(session: Session) -> dict[str, int]:
    """Every member's current points."""
    rows = session.exec(
        select(PointsRow.member_id, func.sum(PointsRow.delta)).group_by(PointsRow.member_id)
    ).all()
    return {member_id: int(value) for member_id, value in rows}


def recent(session: Session, *, member_id: str, limit: int = 5) -> list[PointsRow]:
    """A member's latest ledger entries, newest first."""
    query = select(PointsRow).where(PointsRow.member_id == member_id)
    return list(session.exec(query.order_by(col(PointsRow.id).desc()).limit(limit)))


def ledger(session: Session) -> list[PointsRow]:
    """The whole ledger in order, for export."""
    return list(session.exec(select(PointsRow).order_by(col(PointsRow.id))))
