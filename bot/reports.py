"""`gridbot tickets` and `gridbot points`: state from the database, for people and for tools."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any

from sqlmodel import Session

from bot.config import load_settings
from handlers import texts
from handlers.roster import Roster
from nlp.yamlfile import ConfigError
from storage import ledger
from storage import tickets as ticket_repo
from storage.db import create_schema, make_engine


def run_report(args: argparse.Namespace) -> int:
    """Print tickets or points; exit 2 when the config is invalid."""
    try:
        settings = load_settings(args.config)
    except ConfigError as exc:
        sys.stderr.write(f"gridbot {args.command}: {exc}\n")
        return 2
    engine = make_engine(args.database or settings.database.url)
    create_schema(engine)
    roster = Roster(settings)
    with Session(engine) as session:
        if args.command == "tickets":
            rows = _tickets(session, roster)
        elif getattr(args, "csv", False):
            _ledger_csv(session, roster)
            return 0
        else:
            rows = _points(session, roster)
    if args.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(_table(rows) + "\n")
    return 0


def _tickets(session: Session, roster: Roster) -> list[dict[str, Any]]:
    return [
        {
            "group": t.group_id,
            "code": t.code,
            "kind": t.kind,
            "status": t.status,
            "urgent": t.urgent,
            "escalated": t.escalated,
            "reporter": t.reporter_id,
            "assignee": t.assignee_id,
            "assignee_name": roster.name(t.assignee_id),
            "created_at": t.created_at.isoformat(),
            "rating": t.rating,
            "text": t.text[:40],
        }
        for t in ticket_repo.all_tickets(session)
    ]


def _points(session: Session, roster: Roster) -> list[dict[str, Any]]:
    totals = ledger.totals(session)
    staff = [m for m in roster.members.values() if m.role.is_staff]
    ids = [m.id for m in staff] + [m for m in totals if m not in roster.members]
    rows = [{"member": m, "name": roster.name(m), "points": totals.get(m, 0)} for m in ids]
    return sorted(rows, key=lambda r: (-r["points"], r["member"]))


def _ledger_csv(session: Session, roster: Roster) -> None:
    writer = csv.writer(sys.stdout)
    writer.writerow(["member", "name", "delta", "reason", "reason_zh", "ticket_id", "at"])
    for entry in ledger.ledger(session):
        writer.writerow(
            [
                entry.member_id,
                roster.name(entry.member_id),
                entry.delta,
                entry.reason,
                texts.POINT_REASONS.get(entry.reason, entry.reason),
                entry.ticket_id or "",
                entry.at.isoformat(),
            ]
        )


def _table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "(none)"
    columns = list(rows[0])
    widths = {c: max(_width(str(c)), *(_width(str(r[c])) for r in rows)) for c in columns}
    lines = ["  ".join(_pad(str(c), widths[c]) for c in columns)]
    lines += ["  ".join(_pad(str(r[c]), widths[c]) for c in columns) for r in rows]
    return "\n".join(lines)


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
