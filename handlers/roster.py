"""Who is who: an in-memory view of the config's groups, members and households."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from handlers.roles import Role
from handlers.settings import GroupSettings, HouseholdSettings, MemberSettings, Settings
from nlp.kinds import Kind
from storage.roster import Household

# Who takes a ticket when the responsible member is missing, in order.
_FALLBACK = (Role.OFFICER, Role.GRID_MEMBER, Role.GRID_LEADER, Role.SECRETARY)


class Roster:
    """Look-ups over the roster; built once from the settings."""

    def __init__(self, settings: Settings) -> None:
        self.members: dict[str, MemberSettings] = {m.id: m for m in settings.members}
        self.groups: dict[str, GroupSettings] = {g.id: g for g in settings.groups}
        self.households: dict[str, Household] = {
            h.id: _household(h, self.members) for h in settings.households
        }
        self._by_member: dict[str, list[Household]] = {}
        self._by_group: dict[str, list[Household]] = {}
        self._by_officer: dict[tuple[str, str], list[Household]] = {}
        for household in self.households.values():
            for member_id in household.members:
                self._by_member.setdefault(member_id, []).append(household)
            self._by_group.setdefault(household.group_id, []).append(household)
            self._by_officer.setdefault((household.group_id, household.officer_id), []).append(
                household
            )
        self._in_group: dict[str, list[MemberSettings]] = {}
        self._with_role: dict[tuple[str, Role], list[MemberSettings]] = {}
        for member in self.members.values():
            for group_id in member.groups:
                self._in_group.setdefault(group_id, []).append(member)
                self._with_role.setdefault((group_id, member.role), []).append(member)
        self._routing = dict(settings.routing)
        self._guests: dict[str, str] = {}  # WeChat users outside the roster: id -> name

    def name(self, member_id: str) -> str:
        """A member's name, a known WeChat user's name, or else the id itself."""
        member = self.members.get(member_id)
        if member:
            return member.name
        return self._guests.get(member_id, member_id)

    def remember(self, contact_id: str, name: str) -> None:
        """Keep the WeChat name of somebody who is not on the roster."""
        if contact_id not in self.members and name:
            self._guests[contact_id] = name

    def bind(self, contact_id: str, name: str, household_id: str) -> Household:
        """Add a WeChat user to a household as a villager (绑定); returns the household."""
        household = self.households[household_id]
        if contact_id not in self.members:
            member = MemberSettings(contact_id, name, Role.VILLAGER, (household.group_id,))
            self.members[contact_id] = member
            self._in_group.setdefault(household.group_id, []).append(member)
            self._with_role.setdefault((household.group_id, Role.VILLAGER), []).append(member)
            self._guests.pop(contact_id, None)
        if contact_id in household.members:
            return household
        bound = replace(household, members=(*household.members, contact_id))
        self.households[household_id] = bound
        lists = [
            self._by_group[household.group_id],
            self._by_officer[(household.group_id, household.officer_id)],
            *(self._by_member[m] for m in household.members),
        ]
        for entries in lists:
            entries[:] = [bound if h is household else h for h in entries]
        self._by_member.setdefault(contact_id, []).append(bound)
        return bound

    def find_household(self, group_id: str, words: str) -> Household | None:
        """The group's household a villager names (3号楼2单元501, 老王家), if exactly one fits."""
        wanted = _compact(words)
        if not wanted:
            return None
        households = self.group_households(group_id)
        exact = [h for h in households if _compact(h.name) == wanted]
        if exact:
            return exact[0]
        close = [h for h in households if wanted in _compact(h.name) or _compact(h.name) in wanted]
        return close[0] if len(close) == 1 else None

    def role(self, member_id: str) -> Role | None:
        """A member's role; None for somebody not on the roster."""
        member = self.members.get(member_id)
        return member.role if member else None

    def in_group(self, group_id: str) -> list[MemberSettings]:
        """The members of a group, in config order."""
        return self._in_group.get(group_id, [])

    def with_role(self, group_id: str, role: Role) -> list[MemberSettings]:
        """The members of a group with one role."""
        return self._with_role.get((group_id, role), [])

    def secretary(self, group_id: str) -> str | None:
        """Who receives escalations: the group's named secretary, else its first secretary."""
        group = self.groups.get(group_id)
        if group and group.secretary:
            return group.secretary
        secretaries = self.with_role(group_id, Role.SECRETARY)
        return secretaries[0].id if secretaries else None

    def household_of(self, member_id: str, group_id: str | None) -> Household | None:
        """The member's household, preferring one in the given group."""
        households = self._by_member.get(member_id, [])
        for household in households:
            if household.group_id == group_id:
                return household
        return households[0] if households else None

    def assignee(self, *, group_id: str, kind: Kind, household: Household | None) -> str | None:
        """The member responsible for a new ticket: a routed role, the household's officer, or
        the first available member down the fallback chain."""
        routed = self._routing.get(kind)
        if routed is not None and routed is not Role.OFFICER:
            chosen = self._first(group_id, [routed, *_FALLBACK[_FALLBACK.index(routed) + 1 :]])
            if chosen:
                return chosen
        if household and household.officer_id in self.members:
            return household.officer_id
        start = Role.GRID_MEMBER if household is None else Role.OFFICER
        return self._first(group_id, _FALLBACK[_FALLBACK.index(start) :])

    def home_group(self, member_id: str) -> str | None:
        """Where a member's private messages belong: their household's group, else their first."""
        households = self._by_member.get(member_id)
        if households:
            return households[0].group_id
        groups = self.groups_of(member_id)
        return groups[0] if groups else None

    def groups_of(self, member_id: str) -> list[str]:
        """The groups a member is in."""
        member = self.members.get(member_id)
        return list(member.groups) if member else []

    def officers_households(self, group_id: str, officer_id: str) -> list[Household]:
        """The households of a group that an officer is responsible for."""
        return self._by_officer.get((group_id, officer_id), [])

    def group_households(self, group_id: str) -> list[Household]:
        """Every household of a group."""
        return self._by_group.get(group_id, [])

    def staff(self, group_id: str) -> list[MemberSettings]:
        """Everyone in a group who serves the grid."""
        return [m for m in self.in_group(group_id) if m.role.is_staff]

    def _first(self, group_id: str, roles: Iterable[Role]) -> str | None:
        for role in roles:
            members = self.with_role(group_id, role)
            if members:
                return members[0].id
        return None


def _compact(text: str) -> str:
    return "".join(text.split()).strip("。，,.！!").replace("户", "")


def _household(spec: HouseholdSettings, members: dict[str, MemberSettings]) -> Household:
    officer = members.get(spec.officer)
    group_id = spec.group or (officer.groups[0] if officer and officer.groups else "")
    return Household(spec.id, spec.name, group_id, spec.officer, spec.care, tuple(spec.members))
