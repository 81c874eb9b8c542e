"""Points (积分): awarded from measured facts, shown with 积分 and 积分排行."""

from __future__ import annotations

from datetime import datetime

from handlers import texts
from handlers.deps import Deps
from storage import ledger

REASONS = (
    "ack_on_time",
    "resolved_on_time",
    "satisfied",
    "unsatisfied",
    "reminder",
    "escalation",
    "round_complete",
)


def award(
    deps: Deps, *, member_id: str, reason: str, at: datetime, ticket_id: int | None = None
) -> None:
    """Add the configured points for `reason` to a member's ledger."""
    delta = int(getattr(deps.settings.points, reason))
    ledger.add_points(
        deps.session, member_id=member_id, delta=delta, reason=reason, at=at, ticket_id=ticket_id
    )


def my_points(deps: Deps, member_id: str) -> str:
    """The sender's total and latest entries, with reasons."""
    role = deps.roster.role(member_id)
    if role is None or not role.is_staff:
        return texts.POINTS_VILLAGER
    entries = ledger.recent(deps.session, member_id=member_id)
    if not entries:
        return texts.POINTS_NONE
    shown = "，".join(f"{texts.POINT_REASONS.get(e.reason, e.reason)}{e.delta:+d}" for e in entries)
    total = ledger.total(deps.session, member_id=member_id)
    return texts.POINTS_MINE.format(total=total, recent=texts.POINTS_RECENT.format(entries=shown))


def leaderboard(deps: Deps, group_id: str) -> str:
    """The group's staff (secretary excepted) ranked by points."""
    totals = ledger.totals(deps.session)
    staff = [m for m in deps.roster.staff(group_id) if m.role.value != "secretary"]
    if not staff:
        return texts.LEADERBOARD_EMPTY
    ranked = sorted(staff, key=lambda m: (-totals.get(m.id, 0), m.name))
    lines = [
        texts.LEADERBOARD_LINE.format(
            rank=n, name=m.name, role=texts.ROLE_NAMES[m.role], total=totals.get(m.id, 0)
        )
        for n, m in enumerate(ranked, 1)
    ]
    return texts.LEADERBOARD.format(lines="\n".join(lines))
