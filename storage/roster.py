"""The roster (groups, members, households) as stored, synced from the config at start-up."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import islice

from sqlalchemy import Connection, Table, bindparam, insert, update
from sqlmodel import Session, SQLModel, col, delete, select

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
class Household:
    """A household with the group it belongs to, as the config describes it."""

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
    households: Iterable[Household],
) -> None:
    """Make the stored roster equal the config, in a few bulk statements.

    Groups are updated in place (tickets refer to them); members, households and memberships
    are replaced. Tickets and points keep their member ids as plain values.
    """
    connection = session.connection()
    for model in (HouseholdMemberRow, GroupMemberRow, HouseholdRow, MemberRow):
        connection.execute(delete(_table(model)))
    group_rows = [
        {"id": g.id, "name": g.name, "secretary_id": g.secretary_id, "room": g.room} for g in groups
    ]
    existing = {row[0] for row in connection.execute(select(_table(GroupRow).c.id))}
    new = [row for row in group_rows if row["id"] not in existing]
    old = [{**row, "key": row["id"]} for row in group_rows if row["id"] in existing]
    _insert(connection, GroupRow, new)
    if old:
        groups_table = _table(GroupRow)
        connection.execute(
            update(groups_table)
            .where(groups_table.c.id == bindparam("key"))
            .values(
                name=bindparam("name"),
                secretary_id=bindparam("secretary_id"),
                room=bindparam("room"),
            ),
            old,
        )
    members = list(members)
    member_rows = (
        {"id": m.id, "name": m.name, "role": m.role, "wechat_id": m.wechat_id} for m in members
    )
    _insert(connection, MemberRow, member_rows)
    links = ({"group_id": group_id, "member_id": m.id} for m in members for group_id in m.groups)
    _insert(connection, GroupMemberRow, links)
    households = list(households)
    household_rows = (
        {
            "id": h.id,
            "name": h.name,
            "group_id": h.group_id,
            "officer_id": h.officer_id,
            "care": h.care,
        }
        for h in households
    )
    _insert(connection, HouseholdRow, household_rows)
    belongs = ({"household_id": h.id, "member_id": m} for h in households for m in h.members)
    _insert(connection, HouseholdMemberRow, belongs)


_CHUNK = 5000


def _table(model: type[SQLModel]) -> Table:
    return model.__table__  # type: ignore[attr-defined,no-any-return]


def _insert(
    connection: Connection, model: type[SQLModel], rows: Iterable[Mapping[str, object]]
) -> None:
    """Insert rows in chunks, never holding more than one chunk of them at a time."""
    statement = insert(_table(model))
    iterator = iter(rows)
    while chunk := list(islice(iterator, _CHUNK)):
        connection.execute(statement, chunk)


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
