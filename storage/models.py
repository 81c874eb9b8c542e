"""SQLModel tables: the roster, inbound messages, tickets and their events, readings, points."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UtcDateTime


def utcnow() -> datetime:
    """The one factory for timestamps: timezone-aware UTC."""
    return datetime.now(UTC)


def _at(**kwargs: object) -> object:
    return Field(sa_column=Column(UtcDateTime(), **kwargs))  # type: ignore[arg-type]


class GroupRow(SQLModel, table=True):
    """A micro-grid WeChat group."""

    __tablename__ = "groups"
    id: str = Field(primary_key=True, max_length=64)
    name: str
    secretary_id: str | None = Field(default=None, max_length=64)
    room: str | None = None


class MemberRow(SQLModel, table=True):
    """A person on the roster."""

    __tablename__ = "members"
    id: str = Field(primary_key=True, max_length=64)
    name: str
    role: str = Field(max_length=32)
    wechat_id: str | None = None


class GroupMemberRow(SQLModel, table=True):
    """Membership of a member in a group."""

    __tablename__ = "group_members"
    group_id: str = Field(primary_key=True, foreign_key="groups.id", max_length=64)
    member_id: str = Field(primary_key=True, foreign_key="members.id", max_length=64)


class HouseholdRow(SQLModel, table=True):
    """A household and its responsible officer."""

    __tablename__ = "households"
    id: str = Field(primary_key=True, max_length=64)
    name: str
    group_id: str = Field(foreign_key="groups.id", max_length=64)
    officer_id: str = Field(foreign_key="members.id", max_length=64)
    care: bool = False


class HouseholdMemberRow(SQLModel, table=True):
    """A member of a household."""

    __tablename__ = "household_members"
    household_id: str = Field(primary_key=True, foreign_key="households.id", max_length=64)
    member_id: str = Field(primary_key=True, foreign_key="members.id", max_length=64)


class BindingRow(SQLModel, table=True):
    """A WeChat user the config does not list: seen in a group, asking to join a household, bound."""

    __tablename__ = "bindings"
    contact_id: str = Field(primary_key=True, max_length=64)
    name: str
    group_id: str = Field(max_length=64)
    household_id: str | None = Field(default=None, max_length=64)
    status: str = Field(max_length=16)  # seen | requested | bound
    bound_by: str | None = Field(default=None, max_length=64)
    updated_at: datetime = _at(nullable=False)  # type: ignore[assignment]


class InboundMessageRow(SQLModel, table=True):
    """Every message the bot received; (group, WeChat message id) is the dedupe key."""

    __tablename__ = "inbound_messages"
    __table_args__ = (UniqueConstraint("group_id", "message_id", name="uq_inbound_group_message"),)
    id: int | None = Field(default=None, primary_key=True)
    group_id: str = Field(max_length=64)  # "" for a private message to the bot
    message_id: str = Field(max_length=128)
    sender_id: str = Field(max_length=64)
    text: str
    at: datetime = _at(nullable=False)  # type: ignore[assignment]


class TicketRow(SQLModel, table=True):
    """A request that somebody must act on, with its deadlines as data."""

    __tablename__ = "tickets"
    __table_args__ = (
        UniqueConstraint("group_id", "code", name="uq_ticket_group_code"),
        Index("ix_ticket_status", "status"),
    )
    id: int | None = Field(default=None, primary_key=True)
    group_id: str = Field(foreign_key="groups.id", max_length=64)
    code: int
    kind: str = Field(max_length=32)
    urgent: bool = False
    text: str
    reporter_id: str = Field(max_length=64)
    household_id: str | None = Field(default=None, max_length=64)
    assignee_id: str = Field(max_length=64)
    status: str = Field(max_length=16)
    created_at: datetime = _at(nullable=False)  # type: ignore[assignment]
    ack_due: datetime = _at(nullable=False)  # type: ignore[assignment]
    escalate_due: datetime = _at(nullable=False)  # type: ignore[assignment]
    resolve_due: datetime = _at(nullable=False)  # type: ignore[assignment]
    close_due: datetime | None = _at(nullable=True)  # type: ignore[assignment]
    acknowledged_at: datetime | None = _at(nullable=True)  # type: ignore[assignment]
    resolved_at: datetime | None = _at(nullable=True)  # type: ignore[assignment]
    closed_at: datetime | None = _at(nullable=True)  # type: ignore[assignment]
    reminded: bool = False
    escalated: bool = False
    overdue_notified: bool = False
    rating: str | None = Field(default=None, max_length=16)


class TicketEventRow(SQLModel, table=True):
    """The audit trail: what happened to a ticket, who did it and when."""

    __tablename__ = "ticket_events"
    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="tickets.id", index=True)
    type: str = Field(max_length=32)
    actor_id: str | None = Field(default=None, max_length=64)
    at: datetime = _at(nullable=False)  # type: ignore[assignment]
    detail: str = ""


class ReadingRow(SQLModel, table=True):
    """One temperature reading, with the person as written."""

    __tablename__ = "readings"
    __table_args__ = (Index("ix_reading_group_day", "group_id", "day"),)
    id: int | None = Field(default=None, primary_key=True)
    group_id: str = Field(max_length=64)
    household_id: str | None = Field(default=None, max_length=64)
    reporter_id: str = Field(max_length=64)
    person: str | None = None
    celsius: float | None = None  # None: "all normal" with no value
    fever: bool = False
    day: str = Field(max_length=10)  # local date, YYYY-MM-DD
    at: datetime = _at(nullable=False)  # type: ignore[assignment]


class PointsRow(SQLModel, table=True):
    """One entry of the points ledger (积分)."""

    __tablename__ = "points"
    id: int | None = Field(default=None, primary_key=True)
    member_id: str = Field(max_length=64, index=True)
    delta: int
    reason: str = Field(max_length=32)
    ticket_id: int | None = Field(default=None, foreign_key="tickets.id")
    at: datetime = _at(nullable=False)  # type: ignore[assignment]


class JobRow(SQLModel, table=True):
    """A scheduled job that has run (a temperature round, a digest), so it never runs twice."""

    __tablename__ = "jobs_done"
    key: str = Field(primary_key=True, max_length=128)
    at: datetime = _at(nullable=False)  # type: ignore[assignment]


class OutboxRow(SQLModel, table=True):
    """A reply the live bot must send, kept until WeChat has taken it (a restart resends it)."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_sent_at", "sent_at"),)
    id: int | None = Field(default=None, primary_key=True)
    group_id: str | None = Field(default=None, max_length=64)
    to_id: str | None = Field(default=None, max_length=64)
    text: str
    mentions: str = ""  # member ids, space-separated
    urgent: bool = False
    created_at: datetime = _at(nullable=False)  # type: ignore[assignment]
    sent_at: datetime | None = _at(nullable=True)  # type: ignore[assignment]
