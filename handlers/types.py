"""Transport-neutral messages: what arrives from a chat and what the bot says back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Inbound:
    """One message as the bot receives it, whatever the transport."""

    message_id: str
    sender_id: str
    text: str
    at: datetime
    group_id: str | None = None  # None: a private message to the bot
    mentions: tuple[str, ...] = ()  # member ids the sender @-mentioned
    mentions_all: bool = False  # @所有人
    sender_name: str = ""  # the sender's WeChat name, for somebody not on the roster

    @property
    def is_group(self) -> bool:
        """True for a message in a group chat."""
        return self.group_id is not None


@dataclass(frozen=True, slots=True)
class Reply:
    """Something the bot says: in a group (with @-mentions) or privately to one member."""

    text: str
    group_id: str | None = None
    to: str | None = None  # member id of a private message
    mentions: tuple[str, ...] = ()
    urgent: bool = False
    outbox_ids: tuple[int, ...] = ()  # the stored rows this reply stands for (live bot)

    @property
    def target(self) -> str:
        """Where the message goes, as one key (for send limits and merging)."""
        return f"group:{self.group_id}" if self.group_id is not None else f"member:{self.to}"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What handling one message or one deadline produced."""

    replies: tuple[Reply, ...] = ()
    handled: bool = False
    notes: tuple[str, ...] = field(default=())
