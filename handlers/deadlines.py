"""Everything that falls due: reminders, escalations, overdue notices, auto-close, rounds, digest.

Deadlines are data (due times on the tickets, job keys for rounds and digests), so `sweep(now)`
is idempotent and replays deterministically; nothing here keeps state between calls.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from handlers import texts
from handlers.deps import Deps
from handlers.points import award
from handlers.roles import EventType, Role, TicketStatus
from handlers.settings import QuietHours
from handlers.tickets import at_name, auto_close, secretary_brief
from handlers.types import Reply
from storage import inbox, ledger
from storage import tickets as ticket_repo
from storage.models import TicketRow


def sweep(deps: Deps, now: datetime, *, since: datetime) -> list[Reply]:
    """Everything due at or before `now`; rounds and digests only if their time is after `since`."""
    replies: list[Reply] = []
    for ticket in ticket_repo.due_by(deps.session, now=now):
        replies.extend(_ticket_deadlines(ticket, deps, now))
    for moment, label in _daily_moments(deps, since, now):
        replies.extend(_daily_job(deps, moment, label))
    return replies


def next_due(deps: Deps, *, after: datetime) -> datetime | None:
    """The next moment something falls due after `after` (a deadline, a round or the digest)."""
    moments = [m for m, _ in _daily_moments(deps, after, after + timedelta(days=1))]
    deadline = ticket_repo.next_deadline(deps.session, after=after)
    if deadline is not None:
        moments.append(deadline)
    return min(moments) if moments else None


def _ticket_deadlines(ticket: TicketRow, deps: Deps, now: datetime) -> list[Reply]:
    replies: list[Reply] = []
    quiet_until = None if ticket.urgent else _quiet_until(deps, now)
    if ticket.status == TicketStatus.RESOLVED:
        if ticket.close_due and ticket.close_due <= now:
            auto_close(ticket, deps, ticket.close_due)
        return replies
    if ticket.status == TicketStatus.OPEN and not ticket.reminded and ticket.ack_due <= now:
        if quiet_until:
            ticket.ack_due = quiet_until
        else:
            replies.append(_remind(ticket, deps, now))
    if ticket.status == TicketStatus.OPEN and not ticket.escalated and ticket.escalate_due <= now:
        if quiet_until:
            ticket.escalate_due = max(quiet_until, ticket.escalate_due)
        else:
            replies.extend(_escalate(ticket, deps, now))
    if (
        TicketStatus(ticket.status).is_active
        and not ticket.overdue_notified
        and ticket.resolve_due <= now
    ):
        if quiet_until:
            ticket.resolve_due = quiet_until
        else:
            replies.append(_overdue(ticket, deps, now))
    return replies


def _remind(ticket: TicketRow, deps: Deps, now: datetime) -> Reply:
    ticket.reminded = True
    ticket_repo.add_event(deps.session, ticket=ticket, type=EventType.REMINDED, at=now)
    award(deps, member_id=ticket.assignee_id, reason="reminder", at=now, ticket_id=ticket.id)
    minutes = int((now - ticket.created_at).total_seconds() // 60)
    text = texts.REMINDER.format(
        assignee=at_name(deps, ticket.assignee_id),
        code=ticket.code,
        kind=texts.KIND_NAMES[ticket.kind],
        minutes=minutes,
    )
    return Reply(
        text=text, group_id=ticket.group_id, mentions=(ticket.assignee_id,), urgent=ticket.urgent
    )


def _escalate(ticket: TicketRow, deps: Deps, now: datetime) -> list[Reply]:
    ticket.escalated = True
    ticket_repo.add_event(
        deps.session, ticket=ticket, type=EventType.ESCALATED, at=now, detail="missed deadline"
    )
    award(deps, member_id=ticket.assignee_id, reason="escalation", at=now, ticket_id=ticket.id)
    secretary = deps.roster.secretary(ticket.group_id)
    if secretary is None:
        return []
    kind = texts.KIND_NAMES[ticket.kind]
    minutes = int((now - ticket.created_at).total_seconds() // 60)
    return [
        Reply(
            text=texts.ESCALATED.format(
                code=ticket.code, kind=kind, secretary=at_name(deps, secretary)
            ),
            group_id=ticket.group_id,
            mentions=(secretary,),
            urgent=ticket.urgent,
        ),
        secretary_brief(
            ticket, deps, texts.ESCALATED_PRIVATE, secretary, urgent=ticket.urgent, minutes=minutes
        ),
    ]


def _overdue(ticket: TicketRow, deps: Deps, now: datetime) -> Reply:
    ticket.overdue_notified = True
    ticket_repo.add_event(deps.session, ticket=ticket, type=EventType.OVERDUE, at=now)
    secretary = deps.roster.secretary(ticket.group_id)
    hours = (ticket.resolve_due - ticket.created_at).total_seconds() / 3600
    mentions = tuple(m for m in (ticket.assignee_id, secretary) if m)
    text = texts.OVERDUE.format(
        code=ticket.code,
        kind=texts.KIND_NAMES[ticket.kind],
        hours=round(hours, 1),
        assignee=at_name(deps, ticket.assignee_id),
        secretary=at_name(deps, secretary) if secretary else "",
    )
    return Reply(text=text, group_id=ticket.group_id, mentions=mentions)


def _quiet_until(deps: Deps, now: datetime) -> datetime | None:
    """The end of the quiet hours if `now` falls inside them, else None."""
    quiet: QuietHours = deps.settings.quiet_hours
    start, end = _clock(quiet.start), _clock(quiet.end)
    local = deps.local(now)
    moment = local.time()
    inside = (start <= moment or moment < end) if start > end else (start <= moment < end)
    if not inside:
        return None
    day = local.date() if moment < end else local.date() + timedelta(days=1)
    return datetime.combine(day, end, tzinfo=deps.settings.zone)


# ---------------------------------------------------------------- daily jobs


def _daily_moments(deps: Deps, since: datetime, until: datetime) -> list[tuple[datetime, str]]:
    """Round and digest times in (since, until], in order, with a label."""
    settings = deps.settings
    labels = [(r, f"round:{r}") for r in settings.temperature.rounds] + [
        (settings.digest_time, "digest")
    ]
    found = []
    day = deps.local(since).date()
    last = deps.local(until).date()
    while day <= last:
        for clock, label in labels:
            moment = datetime.combine(day, _clock(clock), tzinfo=settings.zone)
            if since < moment <= until:
                found.append((moment, label))
        day += timedelta(days=1)
    return sorted(found)


def _daily_job(deps: Deps, moment: datetime, label: str) -> list[Reply]:
    key = f"{label}:{deps.local(moment).isoformat()}"
    if inbox.job_done(deps.session, key=key):
        return []
    inbox.mark_job(deps.session, key=key, at=moment)
    if label == "digest":
        return _digest(deps, moment)
    return _round(deps, moment, label.split(":", 1)[1])


def _round(deps: Deps, moment: datetime, clock: str) -> list[Reply]:
    """At a round's deadline each officer hears which of their households have not reported."""
    day = deps.local(moment).date().isoformat()
    replies = []
    for group_id in deps.roster.groups:
        reported = ledger.households_reported(deps.session, group_id=group_id, day=day)
        for officer in deps.roster.with_role(group_id, Role.OFFICER):
            households = deps.roster.officers_households(group_id, officer.id)
            if not households:
                continue
            missing = [h for h in households if h.id not in reported]
            if not missing:
                award(deps, member_id=officer.id, reason="round_complete", at=moment)
                continue
            listed = "、".join(h.name + (texts.ROUND_CARE if h.care else "") for h in missing)
            text = texts.ROUND_MISSING.format(
                officer=at_name(deps, officer.id), time=clock, households=listed
            )
            replies.append(Reply(text=text, group_id=group_id, mentions=(officer.id,)))
    return replies


def _digest(deps: Deps, moment: datetime) -> list[Reply]:
    """The secretary's daily summary, one private message per secretary."""
    local = deps.local(moment)
    start = datetime.combine(local.date(), time(0), tzinfo=deps.settings.zone)
    by_secretary: dict[str, list[str]] = {}
    for group_id in deps.roster.groups:
        secretary = deps.roster.secretary(group_id)
        if secretary:
            by_secretary.setdefault(secretary, []).append(group_id)
    replies = []
    for secretary, groups in by_secretary.items():
        replies.append(Reply(text=_digest_text(deps, groups, start, moment), to=secretary))
    return replies


def _digest_text(deps: Deps, groups: list[str], start: datetime, end: datetime) -> str:
    created = [
        t
        for t in ticket_repo.tickets_between(deps.session, start=start, end=end)
        if t.group_id in groups
    ]
    everything = [t for t in ticket_repo.all_tickets(deps.session) if t.group_id in groups]
    closed = [t for t in everything if t.closed_at and start <= t.closed_at < end]
    overdue = [t for t in everything if TicketStatus(t.status).is_active and t.resolve_due <= end]
    escalated_events = ticket_repo.events_between(
        deps.session, start=start, end=end, type=EventType.ESCALATED
    )
    ids = {t.id for t in everything}
    escalated = {e.ticket_id for e in escalated_events if e.ticket_id in ids}
    fevers = [
        r for r in ledger.fevers_between(deps.session, start=start, end=end) if r.group_id in groups
    ]
    fever_list = (
        "："
        + "，".join(f"{r.person or deps.roster.name(r.reporter_id)} {r.celsius:g}℃" for r in fevers)
        if fevers
        else ""
    )
    day = deps.local(start).date().isoformat()
    missing = []
    for group_id in groups:
        reported = ledger.households_reported(deps.session, group_id=group_id, day=day)
        missing += [h.name for h in deps.roster.group_households(group_id) if h.id not in reported]
    missing_list = (
        "：" + "、".join(missing[:20]) + ("…" if len(missing) > 20 else "") if missing else ""
    )
    slow = _slow_officers(deps, created)
    slow_text = texts.DIGEST_SLOW.format(names="、".join(slow)) if slow else texts.DIGEST_ALL_FAST
    return texts.DIGEST.format(
        date=day,
        new=len(created),
        closed=len(closed),
        overdue=len(overdue),
        escalated=len(escalated),
        fevers=len(fevers),
        fever_list=fever_list,
        missing=len(missing),
        missing_list=missing_list,
        slow=slow_text,
    )


def _slow_officers(deps: Deps, tickets: list[TicketRow]) -> list[str]:
    """Assignees of today's tickets who were reminded or escalated, slowest first."""
    misses: dict[str, int] = {}
    for ticket in tickets:
        if ticket.reminded or (ticket.escalated and ticket.acknowledged_at is None):
            misses[ticket.assignee_id] = misses.get(ticket.assignee_id, 0) + 1
    return [deps.roster.name(m) for m, _ in sorted(misses.items(), key=lambda kv: -kv[1])][:5]


def _clock(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def today(deps: Deps, at: datetime) -> date:
    """The village's local date at a moment."""
    return deps.local(at).date()
