"""Temperature reports: record the readings silently, alert on a fever."""

from __future__ import annotations

from handlers import texts
from handlers.deps import Deps
from handlers.roles import Role
from handlers.tickets import at_name
from handlers.types import Inbound, Reply
from nlp.parser import Intent
from storage import ledger


def record_report(msg: Inbound, intent: Intent, deps: Deps, *, group_id: str) -> list[Reply]:
    """Store each reading under the sender's household; only a fever gets a reply."""
    household = deps.roster.household_of(msg.sender_id, group_id)
    day = deps.local(msg.at).date().isoformat()
    fevers = []
    # "全家体温正常" carries no values but still counts for the round: one row without a value.
    pairs: list[tuple[str | None, float | None]] = [(r.name, r.celsius) for r in intent.readings]
    pairs = pairs or [(None, None)]
    rows: list[dict[str, object]] = []
    for person, celsius in pairs:
        fever = celsius is not None and celsius >= deps.settings.temperature.fever_celsius
        rows.append(
            {
                "group_id": group_id,
                "household_id": household.id if household else None,
                "reporter_id": msg.sender_id,
                "person": person,
                "celsius": celsius,
                "fever": fever,
                "day": day,
                "at": msg.at,
            }
        )
        if fever:
            fevers.append(f"{person or deps.roster.name(msg.sender_id)} {celsius:g}℃")
    ledger.add_readings(deps.session, rows=rows)
    if not fevers:
        return []
    staff = _fever_staff(deps, group_id)
    reporter = deps.roster.name(msg.sender_id)
    if household:
        reporter = f"{reporter}（{household.name}）"
    text = texts.FEVER_ALERT.format(
        who=reporter, people="，".join(fevers), staff=" ".join(at_name(deps, m) for m in staff)
    )
    return [Reply(text=text, group_id=group_id, mentions=tuple(staff))]


def _fever_staff(deps: Deps, group_id: str) -> list[str]:
    """The grid member and the secretary of the group (whoever of them exists)."""
    people = [m.id for m in deps.roster.with_role(group_id, Role.GRID_MEMBER)[:1]]
    secretary = deps.roster.secretary(group_id)
    if secretary and secretary not in people:
        people.append(secretary)
    return people
