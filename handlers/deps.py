"""The one typed dependency object every handler receives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from handlers.roster import Roster
from handlers.settings import Settings
from nlp.kinds import Kind
from nlp.parser import Parser


@dataclass(frozen=True, slots=True)
class Deps:
    """What handling needs: the transaction's session, the settings, the roster and the parser."""

    session: Session
    settings: Settings
    roster: Roster
    parser: Parser

    def local(self, at: datetime) -> datetime:
        """A moment in the village's time zone."""
        return at.astimezone(self.settings.zone)

    def deadlines(
        self, kind: Kind, urgent: bool, at: datetime
    ) -> tuple[datetime, datetime, datetime]:
        """Acknowledge-by, escalate-by and resolve-by for a ticket created at `at`."""
        sla = self.settings.sla
        override = sla.kinds.get(kind)
        ack = (
            override.ack_minutes if override and override.ack_minutes else None
        ) or sla.ack_minutes
        escalate = (
            override.escalate_minutes if override and override.escalate_minutes else None
        ) or sla.escalate_minutes
        resolve = (
            override.resolve_hours if override and override.resolve_hours else None
        ) or sla.resolve_hours
        if urgent:
            ack = min(ack, sla.urgent_ack_minutes)
            escalate = min(escalate, 2 * sla.urgent_ack_minutes)
        return (
            at + timedelta(minutes=ack),
            at + timedelta(minutes=escalate),
            at + timedelta(hours=resolve),
        )
