"""The kinds of message the parser recognises."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """What a villager's message asks for; `chat` asks for nothing."""

    TEMPERATURE = "temperature"
    REPAIR = "repair"
    ILLNESS = "illness"
    SUPPLIES = "supplies"
    DISPUTE = "dispute"
    HAZARD = "hazard"
    SANITATION = "sanitation"
    AGRICULTURE = "agriculture"
    POLICY = "policy"
    HELP = "help"
    CHAT = "chat"

    @property
    def is_ticket(self) -> bool:
        """True for kinds that open a ticket (everything but routine reports and chat)."""
        return self not in (Kind.TEMPERATURE, Kind.CHAT)


ACTION_KINDS: tuple[Kind, ...] = tuple(k for k in Kind if k.is_ticket)
