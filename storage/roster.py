"""The roster (groups, members, households) as stored, synced from the config at start-up."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import Session, col, delete, select

from storage.models import GroupMemberRow, GroupRow, HouseholdMemberRow, HouseholdRow, MemberRow


@dataclass(frozen=True, slots=True)
class GroupSpec:
    """A group as the config describes it."""

    id: str
    name: str
    secretary_id: str | None
    room: str | None


@dataclass(frozen=True, slots=True)
class MemberSpec:
    """A member as the config describes them."""

    id: str
    name: str
    role: str
    groups: tuple[str, ...]
    wechat_id: str | None


@dataclass(frozen=True, slots=True)
class HouseholdSpec:
    """A household as the config describes it."""

    id: str
    name: str
    group_id: str
    officer_id: str
    care: bool
    members: tuple[str, ...]


def sync_roster(
    session: Session,
    *,
    groups: Iterable[GroupSpec],
    members: Iterable[MemberSpec],
    households: Iterable[HouseholdSpec],
) -> None:
    """Make the stored roster equal the config; tickets and points keep their member ids."""
    session.exec(delete(HouseholdMemberRow))
    session.exec(delete(GroupMemberRow))
    session.exec(delete(HouseholdRow))
    for group in groups:
        session.merge(
            GroupRow(id=group.id, name=group.name, secretary_id=group.secretary_id, room=group.room)
        )
    session.flush()
    members = list(members)
    for member in members:
        session.merge(
            MemberRow(id=member.id, name=member.name, role=member.role, wechat_id=member.wechat_id)
        )
    session.flush()
    for member in members:
        for group_id in member.groups:
            session.add(GroupMemberRow(group_id=group_id, member_id=member.id))
    session.flush()
    for household in households:
        session.add(
            HouseholdRow(
                id=household.id,
                name=household.name,
                group_id=household.group_id,
                officer_id=household.officer_id,
                care=household.care,
            )
        )
        session.flush()
        for member_id in household.members:
            session.add(HouseholdMemberRow(household_id=household.id, member_id=member_id))
    session.flush()


def get_member(session: Session, *, member_id: str) -> MemberRow | None:
    """One member by id."""
    return session.get(MemberRow, member_id)


def get_group(session: Session, *, group_id: str) -> GroupRow | None:
    """One group by id."""
    return session.get(GroupRow, group_id)


def list_groups(session: Session) -> list[GroupRow]:
    """Every group, by id."""
    return list(session.exec(select(GroupRow).order_by(col(GroupRow.id))))


def group_members(session: Session, *, group_id: str) -> list[MemberRow]:
    """The members of a group, by id."""
    query = (
        select(MemberRow)
        .join(GroupMemberRow, col(GroupMemberRow.member_id) == MemberRow.id)
        .where(GroupMemberRow.group_id == group_id)
        .order_by(col(MemberRow.id))
    )
    return list(session.exec(query))


def household_of(
    session: Session, *, member_id: str, group_id: str | None = None
) -> HouseholdRow | None:
    """The household a member belongs to (in the given group when there are several)."""
    query = (
        select(HouseholdRow)
        .join(
            HouseholdMemberRow,
            col(HouseholdMemberRow.household_id) == HouseholdRow.id,
        )
        .where(HouseholdMemberRow.member_id == member_id)
    )
    rows = list(session.exec(query.order_by(col(HouseholdRow.id))))
    if group_id is not None:
        in_group = [row for row in rows if row.group_id == group_id]
        rows = in_group or rows
    return rows[0] if rows else None


def group_households(session: Session, *, group_id: str) -> list[HouseholdRow]:
    """The households of a group, by id."""
    return list(
        session.exec(
            select(HouseholdRow)
            .where(HouseholdRow.group_id == group_id)
            .order_by(col(HouseholdRow.id))
        )
    )
