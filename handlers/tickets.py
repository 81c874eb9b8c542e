"""Tickets: opening one from a villager's request, and every step of its life after that."""

from __future__ import annotations

from datetime import datetime, timedelta

from handlers import texts
from handlers.commands import Command, Parsed
from handlers.deps import Deps
from handlers.points import award
from handlers.roles import EventType, Role, TicketStatus
from handlers.types import Inbound, Reply
from nlp.kinds import Kind
from nlp.parser import Intent
from storage import tickets as ticket_repo
from storage.models import TicketRow

SUMMARY_CHARS = 60


def open_ticket(msg: Inbound, intent: Intent, deps: Deps, *, group_id: str) -> list[Reply]:
    """A new ticket from a request: one message in the group that @-mentions the assignee."""
    roster = deps.roster
    household = roster.household_of(msg.sender_id, group_id)
    assignee = roster.assignee(group_id=group_id, kind=intent.kind, household=household)
    if assignee is None:
        return []  # nobody on the roster of this group can take it; nothing to mention
    ack_due, escalate_due, resolve_due = deps.deadlines(intent.kind, intent.urgent, msg.at)
    ticket = ticket_repo.add_ticket(
        deps.session,
        ticket=TicketRow(
            group_id=group_id,
            code=ticket_repo.next_code(deps.session, group_id=group_id),
            kind=str(intent.kind),
            urgent=intent.urgent,
            text=msg.text[:2000],
            reporter_id=msg.sender_id,
            household_id=household.id if household else None,
            assignee_id=assignee,
            status=TicketStatus.OPEN,
            created_at=msg.at,
            ack_due=ack_due,
            escalate_due=escalate_due,
            resolve_due=resolve_due,
        ),
    )
    ticket_repo.add_event(
        deps.session,
        ticket=ticket,
        type=EventType.CREATED,
        at=msg.at,
        actor_id=msg.sender_id,
        detail=",".join(intent.rule_ids),
    )
    ticket_repo.add_event(
        deps.session, ticket=ticket, type=EventType.ASSIGNED, at=msg.at, detail=assignee
    )
    return _announce(ticket, deps, known_sender=msg.sender_id in roster.members)


def handle_command(
    msg: Inbound, parsed: Parsed, deps: Deps, *, group_id: str | None
) -> list[Reply] | None:
    """Run a ticket command; None when the words were only chat in this context."""
    if parsed.command is Command.ACK:
        return _acknowledge(msg, parsed, deps, group_id)
    if parsed.command is Command.RESOLVE:
        return _resolve(msg, parsed, deps, group_id)
    if parsed.command is Command.ASSIST:
        return _assist(msg, parsed, deps, group_id)
    if parsed.command in (Command.RATE_GOOD, Command.RATE_BAD):
        return _rate(msg, parsed.command is Command.RATE_GOOD, deps, group_id)
    if parsed.command is Command.REASSIGN:
        return _reassign(msg, parsed, deps, group_id)
    return None


def describe(ticket: TicketRow, deps: Deps) -> tuple[str, str]:
    """Who reported a ticket (name and household) and a short summary of it."""
    who = deps.roster.name(ticket.reporter_id)
    if ticket.household_id and ticket.household_id in deps.roster.households:
        who = f"{who}（{deps.roster.households[ticket.household_id].name}）"
    summary = " ".join(ticket.text.split())
    if len(summary) > SUMMARY_CHARS:
        summary = summary[:SUMMARY_CHARS] + "…"
    return who, summary


def secretary_brief(
    ticket: TicketRow,
    deps: Deps,
    template: str,
    secretary: str,
    *,
    urgent: bool = False,
    **extra: object,
) -> Reply:
    """A private message to the secretary that tells which ticket, who reported it and what."""
    who, summary = describe(ticket, deps)
    text = template.format(
        group=deps.roster.groups[ticket.group_id].name,
        code=ticket.code,
        kind=texts.KIND_NAMES[ticket.kind],
        who=who,
        summary=summary,
        assignee=deps.roster.name(ticket.assignee_id),
        **extra,
    )
    return Reply(text=text, to=secretary, urgent=urgent)


def is_overdue(ticket: TicketRow, at: datetime) -> bool:
    """Past its resolve deadline, or still not acknowledged past its acknowledge deadline."""
    return ticket.resolve_due <= at or (ticket.status == TicketStatus.OPEN and ticket.ack_due <= at)


def at_name(deps: Deps, member_id: str) -> str:
    """How a member is addressed in a message: @姓名."""
    return f"@{deps.roster.name(member_id)}"


def sender_reply(msg: Inbound, text: str, *, group_id: str | None) -> Reply:
    """A reply addressed to the sender: an @-mention in the group, or a private message."""
    if group_id is not None and msg.is_group:
        return Reply(text=text, group_id=group_id, mentions=(msg.sender_id,))
    return Reply(text=text, to=msg.sender_id)


def _announce(ticket: TicketRow, deps: Deps, *, known_sender: bool) -> list[Reply]:
    kind = texts.KIND_NAMES[ticket.kind]
    who, summary = describe(ticket, deps)
    assignee = at_name(deps, ticket.assignee_id)
    secretary = deps.roster.secretary(ticket.group_id)
    if ticket.urgent and secretary and secretary != ticket.assignee_id:
        text = texts.TICKET_NEW_URGENT.format(
            kind=kind,
            code=ticket.code,
            who=who,
            summary=summary,
            assignee=assignee,
            secretary=at_name(deps, secretary),
        )
        mentions: tuple[str, ...] = (ticket.assignee_id, secretary)
    else:
        text = texts.TICKET_NEW.format(
            kind=kind, code=ticket.code, who=who, summary=summary, assignee=assignee
        )
        mentions = (ticket.assignee_id,)
    if not known_sender:
        text += texts.TICKET_UNKNOWN_SENDER.format(name=deps.roster.name(ticket.reporter_id))
        officers = [m.id for m in deps.roster.with_role(ticket.group_id, Role.OFFICER)]
        mentions = (*mentions, *[o for o in officers[:1] if o not in mentions])
    replies = [Reply(text=text, group_id=ticket.group_id, mentions=mentions, urgent=ticket.urgent)]
    if ticket.urgent and secretary:
        replies.append(secretary_brief(ticket, deps, texts.URGENT_PRIVATE, secretary, urgent=True))
    return replies


def _target(
    msg: Inbound,
    parsed: Parsed,
    deps: Deps,
    group_id: str | None,
    candidates: list[TicketRow],
    action: str,
) -> TicketRow | list[Reply] | None:
    """The ticket a command is about: the one it names, or the sender's only candidate."""
    if parsed.code is None:
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            codes = "、".join(f"#{t.code}" for t in candidates)
            return [
                sender_reply(
                    msg,
                    texts.ASK_WHICH.format(count=len(candidates), codes=codes),
                    group_id=group_id,
                )
            ]
        return None  # a bare word from somebody with nothing pending is just chat
    group = (
        group_id
        or (candidates[0].group_id if candidates else None)
        or deps.roster.home_group(msg.sender_id)
    )
    ticket = ticket_repo.by_code(deps.session, group_id=group, code=parsed.code) if group else None
    if ticket is None:
        return [
            sender_reply(msg, texts.REFUSE_NO_TICKET.format(code=parsed.code), group_id=group_id)
        ]
    return ticket


def _acknowledge(
    msg: Inbound, parsed: Parsed, deps: Deps, group_id: str | None
) -> list[Reply] | None:
    mine = [
        t
        for t in ticket_repo.assigned_active(
            deps.session, assignee_id=msg.sender_id, group_id=group_id
        )
        if t.status == TicketStatus.OPEN
    ]
    found = _target(msg, parsed, deps, group_id, mine, texts.ACTION_ACK)
    if not isinstance(found, TicketRow):
        return found
    ticket = found
    refusal = _refusal(
        msg,
        ticket,
        deps,
        group_id,
        texts.ACTION_ACK,
        allowed=ticket.assignee_id == msg.sender_id,
        states=(TicketStatus.OPEN,),
    )
    if refusal:
        return refusal
    on_time = msg.at <= ticket.ack_due
    ticket.status = TicketStatus.ACKNOWLEDGED
    ticket.acknowledged_at = msg.at
    ticket_repo.add_event(
        deps.session, ticket=ticket, type=EventType.ACKNOWLEDGED, at=msg.at, actor_id=msg.sender_id
    )
    if on_time and not ticket.reminded:
        award(deps, member_id=msg.sender_id, reason="ack_on_time", at=msg.at, ticket_id=ticket.id)
    text = (texts.ACKED if on_time else texts.ACKED_LATE).format(
        code=ticket.code, name=deps.roster.name(msg.sender_id)
    )
    return [Reply(text=text, group_id=ticket.group_id)]


def _actionable(
    msg: Inbound, parsed: Parsed, deps: Deps, group_id: str | None, action: str
) -> TicketRow | list[Reply] | None:
    """The ticket a resolve or assist command is about, the refusal, or None (just chat)."""
    mine = ticket_repo.assigned_active(deps.session, assignee_id=msg.sender_id, group_id=group_id)
    found = _target(msg, parsed, deps, group_id, mine, action)
    if not isinstance(found, TicketRow):
        return found  # "修好了" from somebody with nothing pending is news, not a command
    allowed = _may_act(msg.sender_id, found, deps)
    return _refusal(msg, found, deps, group_id, action, allowed=allowed) or found


def _resolve(msg: Inbound, parsed: Parsed, deps: Deps, group_id: str | None) -> list[Reply] | None:
    found = _actionable(msg, parsed, deps, group_id, texts.ACTION_RESOLVE)
    if not isinstance(found, TicketRow):
        return found
    ticket = found
    if ticket.acknowledged_at is None:
        ticket.acknowledged_at = msg.at
    ticket.status = TicketStatus.RESOLVED
    ticket.resolved_at = msg.at
    ticket.close_due = msg.at + timedelta(hours=deps.settings.sla.rating_close_hours)
    ticket_repo.add_event(
        deps.session, ticket=ticket, type=EventType.RESOLVED, at=msg.at, actor_id=msg.sender_id
    )
    if msg.at <= ticket.resolve_due:
        award(
            deps,
            member_id=ticket.assignee_id,
            reason="resolved_on_time",
            at=msg.at,
            ticket_id=ticket.id,
        )
    text = texts.RESOLVED.format(code=ticket.code, reporter=at_name(deps, ticket.reporter_id))
    return [Reply(text=text, group_id=ticket.group_id, mentions=(ticket.reporter_id,))]


def _assist(msg: Inbound, parsed: Parsed, deps: Deps, group_id: str | None) -> list[Reply] | None:
    found = _actionable(msg, parsed, deps, group_id, texts.ACTION_ASSIST)
    if not isinstance(found, TicketRow):
        return found
    ticket = found
    secretary = deps.roster.secretary(ticket.group_id)
    ticket.escalated = True
    ticket_repo.add_event(
        deps.session, ticket=ticket, type=EventType.ASSIST, at=msg.at, actor_id=msg.sender_id
    )
    ticket_repo.add_event(
        deps.session,
        ticket=ticket,
        type=EventType.ESCALATED,
        at=msg.at,
        actor_id=msg.sender_id,
        detail="assist",
    )
    if secretary is None:
        return []
    return [
        Reply(
            text=texts.ASSIST.format(code=ticket.code, secretary=at_name(deps, secretary)),
            group_id=ticket.group_id,
            mentions=(secretary,),
        ),
        secretary_brief(ticket, deps, texts.ASSIST_PRIVATE, secretary),
    ]


def _rate(msg: Inbound, good: bool, deps: Deps, group_id: str | None) -> list[Reply] | None:
    waiting = ticket_repo.awaiting_rating(
        deps.session, reporter_id=msg.sender_id, group_id=group_id
    )
    if not waiting:
        return None  # "满意" with nothing to rate is chat
    ticket = waiting[0]
    ticket.rating = "satisfied" if good else "unsatisfied"
    ticket_repo.add_event(
        deps.session,
        ticket=ticket,
        type=EventType.RATED,
        at=msg.at,
        actor_id=msg.sender_id,
        detail=ticket.rating,
    )
    award(deps, member_id=ticket.assignee_id, reason=ticket.rating, at=msg.at, ticket_id=ticket.id)
    if good:
        _close(ticket, deps, msg.at, actor=msg.sender_id)
        return [Reply(text=texts.RATED_GOOD.format(code=ticket.code), group_id=ticket.group_id)]
    ticket.status = TicketStatus.OPEN
    ticket.resolved_at = None
    ticket.close_due = None
    ticket.acknowledged_at = None
    ticket.reminded = False
    ticket.overdue_notified = False
    ack_due, escalate_due, resolve_due = deps.deadlines(Kind(ticket.kind), ticket.urgent, msg.at)
    ticket.ack_due, ticket.resolve_due = ack_due, resolve_due
    ticket.escalate_due = escalate_due if not ticket.escalated else ticket.escalate_due
    ticket_repo.add_event(
        deps.session, ticket=ticket, type=EventType.REOPENED, at=msg.at, actor_id=msg.sender_id
    )
    text = texts.RATED_BAD.format(code=ticket.code, assignee=at_name(deps, ticket.assignee_id))
    return [Reply(text=text, group_id=ticket.group_id, mentions=(ticket.assignee_id,))]


def _reassign(msg: Inbound, parsed: Parsed, deps: Deps, group_id: str | None) -> list[Reply]:
    role = deps.roster.role(msg.sender_id)
    if role not in (Role.SECRETARY, Role.GRID_LEADER):
        return [sender_reply(msg, texts.REFUSE_SECRETARY_ONLY, group_id=group_id)]
    if parsed.code is None:
        return [sender_reply(msg, texts.REFUSE_WHO.format(code="编号"), group_id=group_id)]
    group = group_id or deps.roster.home_group(msg.sender_id)
    ticket = ticket_repo.by_code(deps.session, group_id=group, code=parsed.code) if group else None
    if ticket is None:
        return [
            sender_reply(msg, texts.REFUSE_NO_TICKET.format(code=parsed.code), group_id=group_id)
        ]
    new = _named_member(msg, parsed.rest, deps, ticket.group_id)
    if new is None:
        return [sender_reply(msg, texts.REFUSE_WHO.format(code=ticket.code), group_id=group_id)]
    refusal = _refusal(msg, ticket, deps, group_id, texts.ACTION_REASSIGN, allowed=True)
    if refusal:
        return refusal
    ticket_repo.add_event(
        deps.session,
        ticket=ticket,
        type=EventType.REASSIGNED,
        at=msg.at,
        actor_id=msg.sender_id,
        detail=f"{ticket.assignee_id}->{new}",
    )
    ticket.assignee_id = new
    ticket.status = TicketStatus.OPEN
    ticket.acknowledged_at = None
    ticket.reminded = False
    ack_due, _, _ = deps.deadlines(Kind(ticket.kind), ticket.urgent, msg.at)
    ticket.ack_due = ack_due
    text = texts.REASSIGNED.format(code=ticket.code, assignee=at_name(deps, new))
    return [Reply(text=text, group_id=ticket.group_id, mentions=(new,))]


def _close(ticket: TicketRow, deps: Deps, at: datetime, *, actor: str | None) -> None:
    ticket.status = TicketStatus.CLOSED
    ticket.closed_at = at
    ticket.close_due = None
    ticket_repo.add_event(deps.session, ticket=ticket, type=EventType.CLOSED, at=at, actor_id=actor)


def auto_close(ticket: TicketRow, deps: Deps, at: datetime) -> None:
    """Close a resolved ticket whose reporter never rated it."""
    _close(ticket, deps, at, actor=None)


def _refusal(
    msg: Inbound,
    ticket: TicketRow,
    deps: Deps,
    group_id: str | None,
    action: str,
    *,
    allowed: bool,
    states: tuple[TicketStatus, ...] = (TicketStatus.OPEN, TicketStatus.ACKNOWLEDGED),
) -> list[Reply] | None:
    """The reply that refuses a command, with its reason; None when the command may go ahead."""
    if not allowed:
        text = texts.REFUSE_NOT_YOURS.format(code=ticket.code, action=action)
    elif ticket.status not in states:
        text = texts.REFUSE_STATE.format(
            code=ticket.code, status=texts.STATUS_NAMES[ticket.status], action=action
        )
    else:
        return None
    return [sender_reply(msg, text, group_id=group_id)]


def _may_act(member_id: str, ticket: TicketRow, deps: Deps) -> bool:
    return member_id == ticket.assignee_id or deps.roster.role(member_id) in (
        Role.SECRETARY,
        Role.GRID_LEADER,
    )


def _named_member(msg: Inbound, rest: str, deps: Deps, group_id: str) -> str | None:
    for member_id in msg.mentions:
        if member_id in deps.roster.members and member_id != msg.sender_id:
            return member_id
    wanted = rest.lstrip("@").strip()
    for member in deps.roster.in_group(group_id):
        if wanted and (
            wanted == member.name or wanted == member.id or wanted.startswith(member.name)
        ):
            return member.id
    return None
