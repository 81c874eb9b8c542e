"""WeChat users outside the config's roster, and the households they are bound to (绑定)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from storage.models import BindingRow

SEEN = "seen"
REQUESTED = "requested"
BOUND = "bound"


def get(session: Session, *, contact_id: str) -> BindingRow | None:
    """What is known of one WeChat user."""
    return session.get(BindingRow, contact_id)


def seen(
    session: Session, *, contact_id: str, name: str, group_id: str, at: datetime
) -> BindingRow:
    """Remember a user's name the first time they write; later calls keep what is known."""
    row = session.get(BindingRow, contact_id)
    if row is None:
        row = BindingRow(
            contact_id=contact_id, name=name, group_id=group_id, status=SEEN, updated_at=at
        )
        session.add(row)
    elif name and row.name != name:
        row.name = name
        session.add(row)
    return row


def request(
    session: Session, *, contact_id: str, name: str, group_id: str, household_id: str, at: datetime
) -> BindingRow:
    """The user asks to be bound to a household; the household's officer confirms."""
    row = seen(session, contact_id=contact_id, name=name, group_id=group_id, at=at)
    row.group_id, row.household_id, row.status, row.updated_at = (
        group_id,
        household_id,
        REQUESTED,
        at,
    )
    session.add(row)
    return row


def bind(
    session: Session,
    *,
    contact_id: str,
    name: str,
    group_id: str,
    household_id: str,
    by: str,
    at: datetime,
) -> BindingRow:
    """Bind the user to a household."""
    row = seen(session, contact_id=contact_id, name=name, group_id=group_id, at=at)
    row.group_id, row.household_id, row.status = group_id, household_id, BOUND
    row.bound_by, row.updated_at = by, at
    session.add(row)
    return row


def pending(session: Session, *, group_id: str) -> list[BindingRow]:
    """Requests in a group that no officer has confirmed yet, oldest first."""
    query = (
        select(BindingRow)
        .where(BindingRow.group_id == group_id, BindingRow.status == REQUESTED)
        .order_by(col(BindingRow.updated_at))
    )
    return list(session.exec(query))


def every(session: Session) -> list[BindingRow]:
    """Every user outside the config's roster, for the roster at start-up."""
    return list(session.exec(select(BindingRow).order_by(col(BindingRow.updated_at))))
