"""Who is who in a micro-grid group, and where a ticket stands."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A member's role in the grid (config `members[].role`)."""

    SECRETARY = "secretary"
    GRID_LEADER = "grid_leader"
    GRID_MEMBER = "grid_member"
    OFFICER = "officer"
    VILLAGER = "villager"

    @property
    def is_staff(self) -> bool:
        """Everyone who serves the grid: they hold tickets and earn points."""
        return self is not Role.VILLAGER


class TicketStatus(StrEnum):
    """The life of a ticket: open -> acknowledged -> resolved -> closed (or cancelled)."""

    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"
    CLOSED = "closed"
    CANCELLED = "cancelled"

    @property
    def is_active(self) -> bool:
        """True while somebody still has to act on the ticket."""
        return self in (TicketStatus.OPEN, TicketStatus.ACKNOWLEDGED)


class EventType(StrEnum):
    """Everything that happens to a ticket is recorded as one of these."""

    CREATED = "created"
    ASSIGNED = "assigned"
    REMINDED = "reminded"
    ACKNOWLEDGED = "acknowledged"
    ESCALATED = "escalated"
    ASSIST = "assist"
    RESOLVED = "resolved"
    OVERDUE = "overdue"
    RATED = "rated"
    REOPENED = "reopened"
    REASSIGNED = "reassigned"
    CLOSED = "closed"
