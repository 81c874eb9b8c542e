"""Inbound messages (durable dedupe) and jobs that must run once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, select

from storage.models import InboundMessageRow, JobRow


def seen(session: Session, *, group_id: str, message_id: str) -> bool:
    """True when this WeChat message was received before."""
    query = select(InboundMessageRow.id).where(
        InboundMessageRow.group_id == group_id, InboundMessageRow.message_id == message_id
    )
    return session.exec(query).first() is not None


def record(
    session: Session, *, group_id: str, message_id: str, sender_id: str, text: str, at: datetime
) -> None:
    """Store an inbound message; the unique key rejects a second delivery."""
    session.add(
        InboundMessageRow(
            group_id=group_id, message_id=message_id, sender_id=sender_id, text=text, at=at
        )
    )
    session.flush()


def claim(
    session: Session, *, group_id: str, message_id: str, sender_id: str, text: str, at: datetime
) -> bool:
    """Store an inbound message unless it was stored before; False for a second delivery.

    One statement (INSERT ... ON CONFLICT DO NOTHING) on SQLite and PostgreSQL, so a duplicate
    never costs a failed transaction; other databases fall back to look-then-insert.
    """
    values = {
        "group_id": group_id,
        "message_id": message_id,
        "sender_id": sender_id,
        "text": text,
        "at": at,
    }
    connection = session.connection()
    statement = _CLAIM.get(connection.dialect.name)
    if statement is not None:
        return bool(connection.execute(statement, values).rowcount)
    if seen(session, group_id=group_id, message_id=message_id):
        return False
    record(session, group_id=group_id, message_id=message_id, sender_id=sender_id, text=text, at=at)
    return True


_TABLE = InboundMessageRow.__table__  # type: ignore[attr-defined]
_CLAIM = {
    "sqlite": sqlite_insert(_TABLE).on_conflict_do_nothing(
        index_elements=["group_id", "message_id"]
    ),
    "postgresql": pg_insert(_TABLE).on_conflict_do_nothing(
        index_elements=["group_id", "message_id"]
    ),
}


def job_done(session: Session, *, key: str) -> bool:
    """True when the job with this key has run."""
    return session.get(JobRow, key) is not None


def mark_job(session: Session, *, key: str, at: datetime) -> None:
    """Remember that a job ran."""
    session.add(JobRow(key=key, at=at))
    session.flush()


REPLAY_MARK = "db:replay"
LIVE_MARK = "db:live"


def database_use(session: Session) -> str:
    """ "empty", "replay" (state left by an earlier replay) or "live" (a running bot's data)."""
    if job_done(session, key=LIVE_MARK):
        return "live"
    if job_done(session, key=REPLAY_MARK):
        return "replay"
    return (
        "live"
        if session.exec(select(InboundMessageRow.id).limit(1)).first() is not None
        else "empty"
    )


SWEEP_MARK = "sweep:last"


def last_sweep(session: Session) -> datetime | None:
    """When the live bot last swept its deadlines (None before the first sweep)."""
    row = session.get(JobRow, SWEEP_MARK)
    return row.at if row else None


def set_last_sweep(session: Session, *, at: datetime) -> None:
    """Remember the moment of the latest sweep, so a restart picks up where it stopped."""
    row = session.get(JobRow, SWEEP_MARK)
    if row is None:
        session.add(JobRow(key=SWEEP_MARK, at=at))
    else:
        row.at = at
    session.flush()
