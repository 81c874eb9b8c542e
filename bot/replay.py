"""`gridbot replay`: run the whole bot over a transcript on a simulated clock (contracts/replay.md)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from sqlmodel import Session

from bot.governor import SendGovernor, Sent
from bot.runtime import Runtime
from handlers.types import Inbound
from storage import inbox, ledger
from storage import tickets as ticket_repo
from storage.reset import clear_activity


@dataclass(frozen=True, slots=True)
class Line:
    """One transcript line: a message, or a tick that only moves the clock."""

    number: int
    at: datetime
    message: Inbound | None


class TranscriptError(ValueError):
    """A transcript line that cannot be used; the message names the line."""


def read_transcript(source: IO[str], *, zone: Any) -> Iterator[Line | TranscriptError]:
    """Transcript lines in order; a bad line yields an error and the rest goes on."""
    for number, raw in enumerate(source, 1):
        if not raw.strip():
            continue
        try:
            yield _line(number, raw, zone)
        except TranscriptError as exc:
            yield exc


def _line(number: int, raw: str, zone: Any) -> Line:
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError as exc:  # bytes that were not UTF-8, kept as surrogates on reading
        raise TranscriptError(f"line {number}: not UTF-8 text") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise TranscriptError(f"line {number}: not valid JSON: {exc.msg}") from exc
    if not isinstance(data, dict):
        raise TranscriptError(f"line {number}: expected a JSON object")
    try:
        at = datetime.fromisoformat(str(data["at"]))
    except (KeyError, ValueError) as exc:
        raise TranscriptError(
            f"line {number}: 'at' must be an ISO time like 2026-03-02T08:05:00+08:00"
        ) from exc
    if at.tzinfo is None:
        at = at.replace(tzinfo=zone)
    if data.get("tick"):
        return Line(number, at, None)
    sender, text = data.get("from"), data.get("text")
    if not isinstance(sender, str) or not sender:
        raise TranscriptError(f"line {number}: 'from' (the sender's member id) is missing")
    if not isinstance(text, str):
        raise TranscriptError(f"line {number}: 'text' must be a string")
    group = data.get("group")
    if group is None and not data.get("to_bot"):
        raise TranscriptError(f"line {number}: a message needs 'group', or 'to_bot': true")
    mentions = data.get("mentions") or []
    message = Inbound(
        message_id=str(data.get("id", f"line-{number}")),
        sender_id=sender,
        text=text,
        at=at,
        group_id=str(group) if group is not None else None,
        mentions=tuple(str(m) for m in mentions if isinstance(m, str)),
        mentions_all="@所有人" in text,
        sender_name=str(data.get("name") or ""),
    )
    return Line(number, at, message)


def replay(
    runtime: Runtime, lines: Iterator[Line | TranscriptError], out: IO[str], err: IO[str]
) -> int:
    """Run the transcript; print every message the bot would send, then the summary."""
    governor = SendGovernor(runtime.settings.send_limits)
    zone = runtime.settings.zone
    clock: datetime | None = None
    errors = 0
    for line in lines:
        if isinstance(line, TranscriptError):
            err.write(f"gridbot replay: {line}\n")
            errors += 1
            continue
        if clock is None:
            clock = line.at
        if line.at < clock:
            err.write(
                f"gridbot replay: line {line.number}: time goes backwards; handled at {clock.isoformat()}\n"
            )
        clock = _advance(runtime, governor, clock, max(line.at, clock), out)
        if line.message is not None:
            message = line.message if line.message.at >= clock else _at(line.message, clock)
            governor.submit(runtime.handle(message), clock)
        _emit(governor.release(clock), out, zone)
    _emit(governor.flush(), out, zone)
    out.write(json.dumps(summary(runtime), ensure_ascii=False) + "\n")
    return 1 if errors and clock is None else 0


def _advance(
    runtime: Runtime, governor: SendGovernor, clock: datetime, until: datetime, out: IO[str]
) -> datetime:
    """Fire everything that falls due between the clock and `until`, each at its own time."""
    while True:
        due = runtime.next_due(clock)
        release = governor.next_release()
        candidates = [t for t in (due, release) if t is not None and t <= until]
        if not candidates:
            break
        moment = min(candidates)
        if due is not None and due == moment:
            governor.submit(runtime.sweep(moment, since=clock), moment)
        _emit(governor.release(moment), out, runtime.settings.zone)
        clock = max(clock, moment)
    governor.submit(runtime.sweep(until, since=clock), until)
    return until


def _emit(sent: list[Sent], out: IO[str], zone: Any) -> None:
    for item in sent:
        reply = item.reply
        line: dict[str, Any] = {"at": item.at.astimezone(zone).isoformat(), "type": "say"}
        if reply.group_id is not None:
            line["group"] = reply.group_id
        else:
            line["to"] = reply.to
        line["text"] = reply.text
        line["mentions"] = list(reply.mentions)
        if reply.urgent:
            line["urgent"] = True
        out.write(json.dumps(line, ensure_ascii=False) + "\n")


def _at(message: Inbound, at: datetime) -> Inbound:
    return replace(message, at=at)


def summary(runtime: Runtime) -> dict[str, Any]:
    """Every ticket and every member's points, as the contract's last line."""
    with Session(runtime.engine) as session:
        tickets = [
            {
                "group": t.group_id,
                "code": t.code,
                "kind": t.kind,
                "status": t.status,
                "reporter": t.reporter_id,
                "assignee": t.assignee_id,
                "urgent": t.urgent,
                "escalated": t.escalated,
            }
            for t in ticket_repo.all_tickets(session)
        ]
        totals = ledger.totals(session)
    points = {member_id: totals.get(member_id, 0) for member_id in runtime.roster.members}
    points.update({m: v for m, v in totals.items() if m not in points})
    return {"type": "summary", "tickets": tickets, "points": points}


def run_replay(
    config: Path, transcript: Path, *, database_url: str | None = None, append: bool = False
) -> int:
    """The CLI entry: exit 0 unless the config or the transcript could not be read."""
    from bot.config import load_settings
    from nlp.yamlfile import ConfigError

    try:
        settings = load_settings(config)
    except ConfigError as exc:
        sys.stderr.write(f"gridbot replay: {exc}\n")
        return 2
    try:
        source = transcript.open(encoding="utf-8", errors="surrogateescape")
    except OSError as exc:
        sys.stderr.write(f"gridbot replay: cannot read {transcript}: {exc.strerror}\n")
        return 1
    runtime = Runtime(settings, database_url=database_url)
    problem = prepare_database(runtime, append=append)
    if problem:
        sys.stderr.write(f"gridbot replay: {problem}\n")
        runtime.close()
        return 2
    try:
        with source:
            return replay(
                runtime, read_transcript(source, zone=settings.zone), sys.stdout, sys.stderr
            )
    finally:
        runtime.close()


def prepare_database(runtime: Runtime, *, append: bool) -> str | None:
    """A replay starts from the roster alone, unless asked to append; it never touches live data.

    The database may hold an earlier replay's state (cleared), nothing (used as is), or a running
    bot's messages (refused: point `--database` elsewhere, or pass `--append` to add to it).
    """
    with Session(runtime.engine) as session:
        use = inbox.database_use(session)
        if use == "live" and not append:
            return (
                f"{runtime.engine.url} holds a live bot's data; replay into another database "
                "(--database sqlite:///rehearsal.db) or pass --append to add to it"
            )
        if use == "replay" and not append:
            clear_activity(session)
        if not inbox.job_done(session, key=inbox.REPLAY_MARK) and use != "live":
            inbox.mark_job(session, key=inbox.REPLAY_MARK, at=datetime.now(runtime.settings.zone))
        session.commit()
    if use == "replay" and not append:
        runtime.reload_roster()  # bindings were cleared with the rest
    return None
