"""Inbound messages (durable dedupe) and jobs that must run once."""

from __future__ import annotations

from datetime import datetime

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


def job_done(session: Session, *, key: str) -> bool:
    """True when the job with this key has run."""
    return session.get(JobRow, key) is not None


def mark_job(session: Session, *, key: str, at: datetime) -> None:
    """Remember that a job ran."""
    session.add(JobRow(key=key, at=at))
    session.flush()
