"""Clear the activity tables (messages, tickets, readings, points, bindings, jobs); keep the roster."""

from __future__ import annotations

from sqlmodel import Session, delete

from storage.models import (
    BindingRow,
    InboundMessageRow,
    JobRow,
    OutboxRow,
    PointsRow,
    ReadingRow,
    TicketEventRow,
    TicketRow,
)


def clear_activity(session: Session) -> None:
    """Delete every message, ticket, reading, points entry, binding and job record."""
    tables = (
        TicketEventRow,
        PointsRow,
        TicketRow,
        ReadingRow,
        InboundMessageRow,
        BindingRow,
        OutboxRow,
        JobRow,
    )
    for table in tables:
        session.exec(delete(table))
    session.flush()
