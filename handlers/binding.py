"""绑定: tie a WeChat user who is not on the roster to a household, so their reports find its officer.

A villager asks (`绑定 3号楼2单元501`) and the household's officer confirms (`同意绑定 @张三`);
an officer, grid member, grid leader or secretary can also bind somebody directly
(`绑定 @张三 3号楼2单元501`). Identity is the WeChat contact id, never the name.
"""

from __future__ import annotations

import re

from handlers import texts
from handlers.commands import Command, Parsed
from handlers.deps import Deps
from handlers.roles import Role
from handlers.roster import Roster
from handlers.tickets import at_name, sender_reply
from handlers.types import Inbound, Reply
from storage import bindings
from storage.models import BindingRow
from storage.roster import Household

# Words that make "绑定 …" an attempt to name a household rather than, say, a bank card.
_ADDRESS = re.compile(r"[号楼栋单元室户家组排巷街村]|\d")


def remember_sender(msg: Inbound, deps: Deps, group_id: str | None) -> None:
    """Keep the WeChat name of somebody who writes but is not on the roster."""
    if group_id is None or not msg.sender_name or deps.roster.role(msg.sender_id) is not None:
        return
    if deps.roster.name(msg.sender_id) == msg.sender_name:
        return
    bindings.seen(
        deps.session, contact_id=msg.sender_id, name=msg.sender_name, group_id=group_id, at=msg.at
    )
    deps.roster.remember(msg.sender_id, msg.sender_name)


def handle_binding(
    msg: Inbound, parsed: Parsed, deps: Deps, group_id: str | None
) -> list[Reply] | None:
    """Replies to 绑定 / 同意绑定; None when "绑定 …" was not about a household after all."""
    role = deps.roster.role(msg.sender_id)
    staff = role is not None and role.is_staff
    if parsed.command is Command.CONFIRM_BIND:
        if not staff:
            return [sender_reply(msg, texts.REFUSE_NOT_STAFF, group_id=group_id)]
        if group_id is None:
            return [sender_reply(msg, texts.BIND_IN_GROUP, group_id=None)]
        return _confirm(msg, deps, group_id, role)
    if group_id is None:
        return [sender_reply(msg, texts.BIND_IN_GROUP, group_id=None)]
    household = deps.roster.find_household(group_id, parsed.rest)
    example = _example(deps, group_id)
    if staff:
        if household is None or not msg.mentions:
            text = texts.BIND_WHO if household else _not_found(parsed.rest, example)
            return [sender_reply(msg, text, group_id=group_id)]
        return _bind_directly(msg, deps, household)
    if household is None:
        if not parsed.rest:
            return [sender_reply(msg, texts.BIND_HOW.format(example=example), group_id=group_id)]
        if role is None or _ADDRESS.search(parsed.rest):
            return [sender_reply(msg, _not_found(parsed.rest, example), group_id=group_id)]
        return None
    current = deps.roster.household_of(msg.sender_id, group_id)
    if current is not None:
        template = texts.BIND_ALREADY if current.id == household.id else texts.BIND_ON_ROSTER
        return [sender_reply(msg, template.format(household=current.name), group_id=group_id)]
    name = deps.roster.name(msg.sender_id)
    bindings.request(
        deps.session,
        contact_id=msg.sender_id,
        name=name,
        group_id=group_id,
        household_id=household.id,
        at=msg.at,
    )
    text = texts.BIND_REQUESTED.format(
        name=name, household=household.name, officer=at_name(deps, household.officer_id)
    )
    return [Reply(text=text, group_id=group_id, mentions=(household.officer_id,))]


def _confirm(msg: Inbound, deps: Deps, group_id: str, role: Role | None) -> list[Reply]:
    waiting = bindings.pending(deps.session, group_id=group_id)
    chosen = [row for row in waiting if row.contact_id in msg.mentions] if msg.mentions else waiting
    if not chosen:
        return [sender_reply(msg, texts.BIND_NONE_PENDING, group_id=group_id)]
    if len(chosen) > 1 and not msg.mentions:
        names = "、".join(row.name for row in chosen)
        text = texts.BIND_WHICH.format(count=len(chosen), names=names)
        return [sender_reply(msg, text, group_id=group_id)]
    replies: list[Reply] = []
    for row in chosen:
        household = deps.roster.households.get(row.household_id or "")
        if household is None:
            continue
        if role is Role.OFFICER and household.officer_id != msg.sender_id:
            text = texts.BIND_NOT_YOURS.format(
                household=household.name, officer=at_name(deps, household.officer_id)
            )
            replies.append(sender_reply(msg, text, group_id=group_id))
            continue
        replies.append(
            _bound(deps, household, [_bind(deps, row.contact_id, row.name, household, msg)])
        )
    return replies


def _bind_directly(msg: Inbound, deps: Deps, household: Household) -> list[Reply]:
    bound: list[str] = []
    refused: list[str] = []
    for person in msg.mentions:
        role = deps.roster.role(person)
        if role is not None and role.is_staff:
            refused.append(texts.BIND_STAFF.format(name=deps.roster.name(person)))
            continue
        bound.append(_bind(deps, person, deps.roster.name(person), household, msg))
    replies = [_bound(deps, household, bound)] if bound else []
    replies += [sender_reply(msg, text, group_id=household.group_id) for text in refused]
    return replies


def _bind(deps: Deps, contact_id: str, name: str, household: Household, msg: Inbound) -> str:
    bindings.bind(
        deps.session,
        contact_id=contact_id,
        name=name,
        group_id=household.group_id,
        household_id=household.id,
        by=msg.sender_id,
        at=msg.at,
    )
    deps.roster.bind(contact_id, name, household.id)
    return contact_id


def _bound(deps: Deps, household: Household, people: list[str]) -> Reply:
    text = texts.BOUND.format(
        names="、".join(at_name(deps, p) for p in people),
        household=household.name,
        officer=deps.roster.name(household.officer_id),
    )
    return Reply(text=text, group_id=household.group_id, mentions=tuple(people))


def _not_found(words: str, example: str) -> str:
    return texts.BIND_NOT_FOUND.format(words=words[:20], example=example)


def _example(deps: Deps, group_id: str) -> str:
    households = deps.roster.group_households(group_id)
    return households[0].name if households else "3号楼2单元501"


def restore(roster: Roster, rows: list[BindingRow]) -> None:
    """Put the bindings stored in the database back into a freshly built roster."""
    for row in rows:
        if row.status == bindings.BOUND and row.household_id in roster.households:
            roster.bind(row.contact_id, row.name, row.household_id)
        else:
            roster.remember(row.contact_id, row.name)
