"""Clear the activity tables (messages, tickets, readings, points, jobs) but keep the roster."""

from __future__ import annotations

from sqlmodel import Session, delete

from storage.models import (
    InboundMessageRow,
    JobRow,
    PointsRow,
    ReadingRow,
    TicketEventRow,
    TicketRow,
)


def clear_activity(session: Session) -> None:
    """Delete every message, ticket, reading, points entry and job record."""
    for table in (TicketEventRow, PointsRow, TicketRow, ReadingRow, InboundMessageRow, JobRow):
        session.exec(delete(table))
    session.flush()
