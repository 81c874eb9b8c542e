"""One inbound message -> replies. `build_router` lists every route in priority order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from handlers import texts
from handlers.binding import handle_binding, remember_sender
from handlers.commands import Command, Parsed, recognise
from handlers.deps import Deps
from handlers.points import leaderboard, my_points
from handlers.roles import Role
from handlers.temperature import record_report
from handlers.tickets import handle_command, is_overdue, open_ticket, sender_reply
from handlers.types import Inbound, Reply
from nlp.kinds import Kind
from storage import inbox
from storage import tickets as ticket_repo

# Raw length past which a message cannot be a command (recognise allows 40 normalized chars,
# plus room for @mentions and emoji codes that normalization strips).
_LONGEST_COMMAND = 80

Route = Callable[[Inbound, Deps, str | None], list[Reply] | None]


@dataclass(frozen=True, slots=True)
class Router:
    """Routes tried in order; the first that returns replies (even none) handles the message."""

    routes: tuple[tuple[str, Route], ...]

    def handle(self, msg: Inbound, deps: Deps) -> list[Reply]:
        """Handle one message inside the caller's transaction; duplicates and own messages do nothing."""
        if msg.sender_id == deps.settings.bot_id:
            return []
        claimed = inbox.claim(
            deps.session,
            group_id=msg.group_id or "",
            message_id=msg.message_id,
            sender_id=msg.sender_id,
            text=msg.text,
            at=msg.at,
        )
        if not claimed:
            return []  # the same WeChat message delivered again

        if msg.mentions_all:
            return []  # a broadcast to everyone is never answered
        group_id = msg.group_id if msg.group_id in deps.roster.groups else None
        if msg.is_group and group_id is None:
            return []  # a group that is not on the roster
        remember_sender(msg, deps, group_id)
        for _name, route in self.routes:
            replies = route(msg, deps, group_id)
            if replies is not None:
                return replies
        return []


def build_router() -> Router:
    """Every route, highest priority first."""
    return Router(
        routes=(
            ("command", _command),
            ("report", _report),
        )
    )


def _command(msg: Inbound, deps: Deps, group_id: str | None) -> list[Reply] | None:
    if len(msg.text) > _LONGEST_COMMAND:
        return None  # commands are a few words; a long message is never one
    parsed = recognise(deps.parser.normalize(msg.text))
    if parsed is None:
        return None
    if parsed.command in (Command.BIND, Command.CONFIRM_BIND):
        return handle_binding(msg, parsed, deps, group_id)
    if parsed.command is Command.POINTS:
        return [sender_reply(msg, my_points(deps, msg.sender_id), group_id=group_id)]
    if parsed.command is Command.LEADERBOARD:
        board_group = group_id or deps.roster.home_group(msg.sender_id)
        return [
            sender_reply(
                msg,
                leaderboard(deps, board_group) if board_group else texts.LEADERBOARD_EMPTY,
                group_id=group_id,
            )
        ]
    if parsed.command is Command.TICKETS:
        return [sender_reply(msg, _ticket_list(msg, deps, group_id), group_id=group_id)]
    if parsed.command is Command.HELP:
        return [sender_reply(msg, _help(deps.roster.role(msg.sender_id)), group_id=group_id)]
    return handle_command(msg, parsed, deps, group_id=group_id)


def _report(msg: Inbound, deps: Deps, group_id: str | None) -> list[Reply] | None:
    intent = deps.parser.parse(msg.text)
    target = group_id or deps.roster.home_group(msg.sender_id)
    if target is None:
        return []
    if intent.kind is Kind.TEMPERATURE:
        return record_report(msg, intent, deps, group_id=target)
    if intent.is_ticket:
        replies = open_ticket(msg, intent, deps, group_id=target)
        if replies and not msg.is_group:
            replies.append(
                Reply(
                    text=texts.PRIVATE_REPORT_TAKEN.format(group=deps.roster.groups[target].name),
                    to=msg.sender_id,
                )
            )
        return replies
    return []


def _ticket_list(msg: Inbound, deps: Deps, group_id: str | None) -> str:
    role = deps.roster.role(msg.sender_id)
    if role in (Role.SECRETARY, Role.GRID_LEADER):
        tickets = ticket_repo.active_in_group(deps.session, group_id=group_id)
    elif role is not None and role.is_staff:
        tickets = ticket_repo.assigned_active(
            deps.session, assignee_id=msg.sender_id, group_id=group_id
        )
    else:
        return texts.REFUSE_NOT_STAFF
    if not tickets:
        return texts.TICKETS_NONE
    tickets.sort(key=lambda t: (not (t.resolve_due <= msg.at), t.created_at))
    lines = [texts.TICKETS_HEAD.format(count=len(tickets))]
    for ticket in tickets[:15]:
        overdue = texts.TICKETS_OVERDUE if is_overdue(ticket, msg.at) else ""
        line = texts.TICKETS_LINE.format(
            code=ticket.code,
            kind=texts.KIND_NAMES[ticket.kind],
            status=texts.STATUS_NAMES[ticket.status],
            assignee=deps.roster.name(ticket.assignee_id),
            overdue=overdue,
        )
        if group_id is None:  # asked privately: codes are per group, so say whose
            line = texts.TICKETS_GROUP.format(group=deps.roster.groups[ticket.group_id].name) + line
        lines.append(line)
    return "\n".join(lines)


def _help(role: Role | None) -> str:
    if role in (Role.SECRETARY, Role.GRID_LEADER):
        return texts.HELP_SECRETARY
    if role is not None and role.is_staff:
        return texts.HELP_STAFF
    return texts.HELP_VILLAGER


__all__ = ["Parsed", "Router", "build_router"]
