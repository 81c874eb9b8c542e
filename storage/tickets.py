"""Tickets and their audit trail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from storage.models import TicketEventRow, TicketRow

ACTIVE = ("open", "acknowledged")


def next_code(session: Session, *, group_id: str) -> int:
    """The next per-group ticket number (#1, #2, ...)."""
    current = session.exec(
        select(func.max(TicketRow.code)).where(TicketRow.group_id == group_id)
    ).one()
    return int(current or 0) + 1


def add_ticket(session: Session, *, ticket: TicketRow) -> TicketRow:
    """Store a new ticket and give it an id."""
    session.add(ticket)
    session.flush()
    return ticket


def add_event(
    session: Session,
    *,
    ticket: TicketRow,
    type: str,
    at: datetime,
    actor_id: str | None = None,
    detail: str = "",
) -> None:
    """Record one step in a ticket's life."""
    assert ticket.id is not None
    session.add(
        TicketEventRow(ticket_id=ticket.id, type=type, actor_id=actor_id, at=at, detail=detail)
    )


def by_code(session: Session, *, group_id: str, code: int) -> TicketRow | None:
    """A ticket by its group and number."""
    return session.exec(
        select(TicketRow).where(TicketRow.group_id == group_id, TicketRow.code == code)
    ).first()


def assigned_active(
    session: Session, *, assignee_id: str, group_id: str | None = None
) -> list[TicketRow]:
    """Open or acknowledged tickets held by a member, oldest first."""
    query = select(TicketRow).where(
        TicketRow.assignee_id == assignee_id, col(TicketRow.status).in_(ACTIVE)
    )
    if group_id is not None:
        query = query.where(TicketRow.group_id == group_id)
    return list(session.exec(query.order_by(col(TicketRow.created_at), col(TicketRow.id))))


def awaiting_rating(
    session: Session, *, reporter_id: str, group_id: str | None = None
) -> list[TicketRow]:
    """Resolved tickets whose reporter has not rated them yet, newest first."""
    query = select(TicketRow).where(
        TicketRow.reporter_id == reporter_id, TicketRow.status == "resolved"
    )
    if group_id is not None:
        query = query.where(TicketRow.group_id == group_id)
    return list(
        session.exec(query.order_by(col(TicketRow.resolved_at).desc(), col(TicketRow.id).desc()))
    )


def active_in_group(session: Session, *, group_id: str | None = None) -> list[TicketRow]:
    """Every open or acknowledged ticket (of a group), oldest first."""
    query = select(TicketRow).where(col(TicketRow.status).in_(ACTIVE))
    if group_id is not None:
        query = query.where(TicketRow.group_id == group_id)
    return list(session.exec(query.order_by(col(TicketRow.created_at), col(TicketRow.id))))


def due_by(session: Session, *, now: datetime) -> list[TicketRow]:
    """Tickets with a deadline at or before `now` that has not been handled yet."""
    query = select(TicketRow).where(
        or_(
            (col(TicketRow.status) == "open")
            & (~col(TicketRow.reminded))
            & (col(TicketRow.ack_due) <= now),
            (col(TicketRow.status) == "open")
            & (~col(TicketRow.escalated))
            & (col(TicketRow.escalate_due) <= now),
            col(TicketRow.status).in_(ACTIVE)
            & (~col(TicketRow.overdue_notified))
            & (col(TicketRow.resolve_due) <= now),
            (col(TicketRow.status) == "resolved") & (col(TicketRow.close_due) <= now),
        )
    )
    return list(session.exec(query.order_by(col(TicketRow.created_at), col(TicketRow.id))))


def next_deadline(session: Session, *, after: datetime) -> datetime | None:
    """The earliest pending deadline strictly after `after`, for the replay clock."""
    candidates = (
        select(func.min(TicketRow.ack_due)).where(
            TicketRow.status == "open", ~col(TicketRow.reminded), col(TicketRow.ack_due) > after
        ),
        select(func.min(TicketRow.escalate_due)).where(
            TicketRow.status == "open",
            ~col(TicketRow.escalated),
            col(TicketRow.escalate_due) > after,
        ),
        select(func.min(TicketRow.resolve_due)).where(
            col(TicketRow.status).in_(ACTIVE),
            ~col(TicketRow.overdue_notified),
            col(TicketRow.resolve_due) > after,
        ),
        select(func.min(TicketRow.close_due)).where(
            TicketRow.status == "resolved", col(TicketRow.close_due) > after
        ),
    )
    # MIN over no rows is NULL, whatever the column's own type says.
    values: list[datetime | None] = [session.exec(query).one() for query in candidates]
    found = [v for v in values if v is not None]
    return min(found) if found else None


def all_tickets(session: Session) -> list[TicketRow]:
    """Every ticket, by group and number."""
    return list(
        session.exec(select(TicketRow).order_by(col(TicketRow.group_id), col(TicketRow.code)))
    )


def events_of(session: Session, *, ticket_id: int) -> list[TicketEventRow]:
    """A ticket's audit trail in order."""
    return list(
        session.exec(
            select(TicketEventRow)
            .where(TicketEventRow.ticket_id == ticket_id)
            .order_by(col(TicketEventRow.id))
        )
    )


def tickets_between(session: Session, *, start: datetime, end: datetime) -> list[TicketRow]:
    """Tickets created in [start, end)."""
    query = select(TicketRow).where(
        col(TicketRow.created_at) >= start, col(TicketRow.created_at) < end
    )
    return list(session.exec(query.order_by(col(TicketRow.group_id), col(TicketRow.code))))


def events_between(
    session: Session, *, start: datetime, end: datetime, type: str
) -> list[TicketEventRow]:
    """Events of one type in [start, end)."""
    query = select(TicketEventRow).where(
        TicketEventRow.type == type, col(TicketEventRow.at) >= start, col(TicketEventRow.at) < end
    )
    return list(session.exec(query.order_by(col(TicketEventRow.id))))
