"""Who is who on WeChat: roster ids on one side, WeChat room and contact ids on the other.

Identity is by ids, never by names that change. A member's WeChat contact id is their `wechat:`
in the config, else their member id (the simulator uses member ids). A group's room is its
`room:` (a room id or a topic), else its name as the room's topic; room ids are learned from the
puppet's room list at login and from every message that arrives.
"""

from __future__ import annotations

from handlers.roster import Roster


class Directory:
    """Translates between roster ids and WeChat ids, both ways."""

    def __init__(self, roster: Roster) -> None:
        self._roster = roster
        self._member_of: dict[str, str] = {}
        self._contact_of: dict[str, str] = {}
        for member in roster.members.values():
            contact_id = member.wechat or member.id
            self._member_of[contact_id] = member.id
            self._contact_of[member.id] = contact_id
        self._group_by_key: dict[str, str] = {}
        for group in roster.groups.values():
            self._group_by_key.setdefault(group.room or group.name, group.id)
        self._room_of: dict[str, str] = {}

    def member(self, contact_id: str) -> str:
        """The member id of a WeChat contact; an unknown contact keeps its contact id."""
        return self._member_of.get(contact_id, contact_id)

    def contact(self, member_id: str) -> str:
        """The WeChat contact id of a member (a bound villager's id is their contact id)."""
        return self._contact_of.get(member_id, member_id)

    def name(self, member_id: str) -> str:
        """A member's name for a plain-text @."""
        return self._roster.name(member_id)

    def group(self, room_id: str, topic: str) -> str | None:
        """The roster group a room belongs to, by its id or else its topic; learns the room id."""
        group_id = self._group_by_key.get(room_id) or self._group_by_key.get(topic)
        if group_id is not None:
            self._room_of.setdefault(group_id, room_id)
        return group_id

    def room(self, group_id: str) -> str | None:
        """The WeChat room id of a group, once known (configured as an id, or learned)."""
        known = self._room_of.get(group_id)
        if known is not None:
            return known
        group = self._roster.groups.get(group_id)
        if group is not None and group.room and group.room.endswith("@chatroom"):
            return group.room
        return None

    def unmapped(self) -> list[str]:
        """Groups whose room has not been seen yet."""
        return [g for g in self._roster.groups if self.room(g) is None]
