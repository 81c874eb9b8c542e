"""The simulated WeChat: contacts, rooms and every message said, as a puppet service would hold them.

Built from the village roster: one room per group (topic = the group's name), one contact per
member (id = the member's `wechat` id, else the member id), and the bot's own account. People
who are not on the roster can join a room (to try 绑定). Messages and those extra people are
appended to a JSON Lines file, so a restarted simulator shows the same chat as before.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from handlers.settings import Settings

log = logging.getLogger("gridbot.simulator")

BOT_NAME = "网格助手"
MAX_TEXT = 10_000  # WeChat itself refuses longer text messages


@dataclass(slots=True)
class SimContact:
    """A WeChat account the simulator knows."""

    id: str
    name: str
    role: str  # the roster role, "guest" for somebody not on the roster, "bot" for the bot
    groups: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SimRoom:
    """A WeChat group chat."""

    id: str
    group_id: str  # the roster's group id
    topic: str
    owner_id: str
    member_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SimMessage:
    """One message said in a room or privately, in the order the simulator saw it."""

    seq: int
    id: str
    from_id: str
    text: str
    timestamp_ms: int
    room_id: str = ""
    to_id: str = ""
    mention_ids: tuple[str, ...] = ()
    type: int = 7  # the TypeScript puppet's numbering: 7 text, 6 image, 2 voice, 14 link


class WorldError(ValueError):
    """A request the simulated WeChat refuses; the text says why, in Chinese for the page."""


class World:
    """Everything the simulated WeChat holds; the puppet service and the web page share it."""

    def __init__(self, settings: Settings, *, history: Path | None = None) -> None:
        self.bot = SimContact(settings.bot_id, BOT_NAME, "bot")
        self.contacts: dict[str, SimContact] = {self.bot.id: self.bot}
        self.rooms: dict[str, SimRoom] = {}
        self.messages: list[SimMessage] = []
        self._by_id: dict[str, SimMessage] = {}
        self._listeners: set[asyncio.Queue[SimMessage]] = set()
        self._history = history
        self.delivered_seq = 0  # the last message handed to the bot's event stream
        self.logged_in = asyncio.Event()  # the bot's WeChat account, as the phone app sees it
        self.logged_out = asyncio.Event()
        self.logged_in.set()
        for member in settings.members:
            contact_id = member.wechat or member.id
            self.contacts[contact_id] = SimContact(
                contact_id, member.name, str(member.role), list(member.groups)
            )
        contact_of = {m.id: m.wechat or m.id for m in settings.members}
        for group in settings.groups:
            owner = contact_of.get(group.secretary or "") or next(
                (contact_of[m.id] for m in settings.members if group.id in m.groups), self.bot.id
            )
            room = SimRoom(f"{group.id}@chatroom", group.id, group.name, owner)
            room.member_ids = [c.id for c in self.contacts.values() if group.id in c.groups]
            room.member_ids.append(self.bot.id)
            self.rooms[room.id] = room
        if history is not None:
            self._load(history)
            self.delivered_seq = len(self.messages)

    # ------------------------------------------------------------------ look-ups

    def room_of_group(self, group_id: str) -> SimRoom:
        """The room of a roster group; WorldError if there is none."""
        for room in self.rooms.values():
            if room.group_id == group_id:
                return room
        raise WorldError(f"没有这个群：{group_id}")

    def contact(self, contact_id: str) -> SimContact:
        """A contact by id; WorldError if unknown."""
        contact = self.contacts.get(contact_id)
        if contact is None:
            raise WorldError(f"没有这个人：{contact_id}")
        return contact

    def message(self, message_id: str) -> SimMessage | None:
        """A message by id."""
        return self._by_id.get(message_id)

    def room_messages(self, room_id: str, *, after: int = 0) -> list[SimMessage]:
        """Messages said in a room after sequence number `after`."""
        return [m for m in self._since(after) if m.room_id == room_id]

    def private_messages(self, contact_id: str, *, after: int = 0) -> list[SimMessage]:
        """Messages between one person and the bot after sequence number `after`."""
        return [
            m for m in self._since(after) if not m.room_id and contact_id in (m.from_id, m.to_id)
        ]

    def undelivered(self) -> list[SimMessage]:
        """What people said that no event stream has carried to the bot yet."""
        return [m for m in self._since(self.delivered_seq) if m.from_id != self.bot.id]

    # ------------------------------------------------------------------ changes

    def logout(self) -> None:
        """The bot's account is logged out (WeChat kicked it, or somebody logged out on the phone)."""
        self.logged_in.clear()
        self.logged_out.set()

    def login(self) -> None:
        """The login QR code was scanned: the account is back."""
        self.logged_out.clear()
        self.logged_in.set()

    def add_guest(self, name: str, group_id: str) -> SimContact:
        """Somebody not on the roster joins a group's room (a new villager, to try 绑定)."""
        name = name.strip()
        if not name or len(name) > 32:
            raise WorldError("名字不能为空，也不能超过32个字")
        room = self.room_of_group(group_id)
        contact = SimContact(f"wx_{uuid.uuid4().hex[:10]}", name, "guest", [group_id])
        self.contacts[contact.id] = contact
        room.member_ids.append(contact.id)
        self._append({"contact": asdict(contact)})
        return contact

    def say(
        self,
        *,
        from_id: str,
        text: str,
        room_id: str = "",
        to_id: str = "",
        mention_ids: Iterable[str] = (),
        at: datetime | None = None,
        message_type: int = 7,
    ) -> SimMessage:
        """Record a message and tell every event stream about it."""
        sender = self.contact(from_id)
        if not text.strip():
            raise WorldError("不能发送空消息")
        if len(text) > MAX_TEXT:
            raise WorldError(f"消息太长（{len(text)}字），微信一条最多{MAX_TEXT}字")
        if room_id:
            room = self.rooms.get(room_id)
            if room is None:
                raise WorldError(f"没有这个群：{room_id}")
            if sender.id not in room.member_ids:
                raise WorldError(f"{sender.name}不在「{room.topic}」群里")
        elif not to_id or to_id not in self.contacts:
            raise WorldError("私聊需要一个收信人")
        stamp = at or datetime.now().astimezone()
        message = SimMessage(
            seq=len(self.messages) + 1,
            id=f"sim-{uuid.uuid4().hex}",
            from_id=sender.id,
            text=text,
            timestamp_ms=int(stamp.timestamp() * 1000),
            room_id=room_id,
            to_id=to_id,
            mention_ids=tuple(m for m in mention_ids if m in self.contacts),
            type=message_type,
        )
        self._record(message)
        self._append({"message": asdict(message)})
        # Like a real puppet, the event stream carries the bot's own messages back to it too.
        for queue in self._listeners:
            queue.put_nowait(message)
        return message

    def subscribe(self) -> asyncio.Queue[SimMessage]:
        """A queue that receives every message said from now on, the bot's own included."""
        queue: asyncio.Queue[SimMessage] = asyncio.Queue()
        self._listeners.add(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue[SimMessage]) -> None:
        """Stop feeding a queue."""
        self._listeners.discard(queue)

    # ------------------------------------------------------------------ persistence

    def _since(self, after: int) -> list[SimMessage]:
        return self.messages[max(after, 0) :]

    def _record(self, message: SimMessage) -> None:
        self.messages.append(message)
        self._by_id[message.id] = message

    def _append(self, entry: dict[str, Any]) -> None:
        if self._history is None:
            return
        self._history.parent.mkdir(parents=True, exist_ok=True)
        with self._history.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def _load(self, path: Path) -> None:
        if not path.exists():
            return
        with path.open(encoding="utf-8", errors="replace") as handle:
            for number, raw in enumerate(handle, 1):
                try:
                    self._restore(json.loads(raw))
                except (ValueError, TypeError, KeyError) as exc:
                    log.warning("%s line %d skipped: %s", path, number, exc)

    def _restore(self, entry: dict[str, Any]) -> None:
        if "contact" in entry:
            contact = SimContact(**entry["contact"])
            self.contacts.setdefault(contact.id, contact)
            for group_id in contact.groups:
                room = self.room_of_group(group_id)
                if contact.id not in room.member_ids:
                    room.member_ids.append(contact.id)
        elif "message" in entry:
            data = dict(entry["message"])
            data["mention_ids"] = tuple(data.get("mention_ids", ()))
            data["seq"] = len(self.messages) + 1
            self._record(SimMessage(**data))
