"""A county morning through the whole bot: temperature reports, requests and acknowledgements.

Builds a county-sized roster (groups, households, staff), generates half an hour of traffic and
runs every message through Runtime.handle and the send governor on a simulated clock, sweeping
deadlines at each minute boundary. Reports throughput, where the time went (parser, SQL, send
governor, the rest), peak memory and what the bot produced.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import logging
import pstats
import random
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import event, func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from villagers import GIVEN_NAMES, SURNAMES

from bot.governor import SendGovernor, Sent
from bot.replay import read_transcript, replay
from bot.runtime import Runtime
from handlers.settings import Settings
from handlers.types import Inbound, Reply
from nlp.parser import Parser
from nlp.rules import apply_overrides, default_rules
from storage.models import ReadingRow, TicketRow

ZONE = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 3, 2)
ROOT = Path(__file__).resolve().parent.parent
PACKAGES = tuple(str(ROOT / name) + "/" for name in ("bot", "handlers", "nlp", "storage"))

GROUPS_PER_SECRETARY = 10
OFFICERS_PER_GROUP = 3
REPORT_SHARE = 0.9
REQUEST_SHARE = 0.03
ACK_SHARE = 0.5
FEVER_SHARE = 0.015

_KIN = ("老伴", "我妈", "我爸", "儿子", "闺女", "孙子", "媳妇")
# (kind, text); illness goes to the grid member (the default routing), the rest to the officer.
_REQUESTS = (
    ("repair", "家里灯不亮了"),
    ("repair", "水管漏水了"),
    ("repair", "厕所下水道堵了"),
    ("repair", "热水器打不着火"),
    ("repair", "窗户玻璃碎了"),
    ("repair", "自来水停了"),
    ("illness", "老伴发烧了，能不能请村医来看看"),
    ("illness", "我妈头晕，想去医院看看"),
    ("supplies", "家里没米了，能帮忙买一袋吗"),
    ("supplies", "降压药吃完了，谁去镇上帮带两盒"),
    ("sanitation", "垃圾桶满了好几天了"),
    ("dispute", "邻居家的狗天天叫"),
    ("policy", "低保怎么申请"),
    ("hazard", "楼道里有很浓的煤气味！"),
    ("help", "老人一个人在家联系不上，谁能去看看"),
)


# ---------------------------------------------------------------- roster


@dataclass(frozen=True, slots=True)
class Home:
    """A generated household as the traffic generator needs it."""

    id: str
    group: str
    officer: str
    grid_member: str
    members: tuple[str, ...]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def _staff(groups: int, rng: random.Random) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Group entries and staff members: a secretary per ten groups, a grid member, officers."""
    group_rows, members = [], []
    for s in range(0, groups, GROUPS_PER_SECRETARY):
        ids = [f"g{g:05d}" for g in range(s, min(groups, s + GROUPS_PER_SECRETARY))]
        secretary = f"sec{s // GROUPS_PER_SECRETARY:04d}"
        members.append({"id": secretary, "name": _name(rng), "role": "secretary", "groups": ids})
        for g in ids:
            group_rows.append({"id": g, "name": f"{g}网格", "secretary": secretary})
            members.append(
                {"id": f"gm{g}", "name": _name(rng), "role": "grid_member", "groups": [g]}
            )
            members.extend(
                {"id": f"of{g}-{k}", "name": _name(rng), "role": "officer", "groups": [g]}
                for k in range(OFFICERS_PER_GROUP)
            )
    return group_rows, members


def build_roster(
    groups: int, households: int, rng: random.Random
) -> tuple[dict[str, Any], list[Home]]:
    """The settings mapping of a county and its households; households go round-robin to officers."""
    group_rows, members = _staff(groups, rng)
    homes, rows = [], []
    per_group: Counter[str] = Counter()
    for h in range(households):
        group = f"g{rng.randrange(groups):05d}"
        officer = f"of{group}-{per_group[group] % OFFICERS_PER_GROUP}"
        per_group[group] += 1
        villagers = tuple(f"v{h:06d}-{j}" for j in range(rng.randint(1, 3)))
        members.extend(
            {"id": v, "name": _name(rng), "role": "villager", "groups": [group]} for v in villagers
        )
        rows.append(
            {
                "id": f"h{h:06d}",
                "name": f"{per_group[group]}号",
                "members": list(villagers),
                "officer": officer,
                "group": group,
                "care": rng.random() < 0.05,
            }
        )
        homes.append(Home(f"h{h:06d}", group, officer, f"gm{group}", villagers))
    settings = {
        "timezone": "Asia/Shanghai",
        "groups": group_rows,
        "members": members,
        "households": rows,
    }
    return settings, homes


# ---------------------------------------------------------------- traffic


@dataclass(frozen=True, slots=True)
class Traffic:
    """Generated messages in time order, with how many of each sort."""

    messages: list[Inbound]
    reports: int
    requests: int
    acks: int


def _temperature_text(rng: random.Random, people: int) -> str:
    """A household's morning report: one value, a value per person, or "all normal"."""

    def value() -> str:
        if rng.random() < FEVER_SHARE:
            return f"{rng.uniform(37.5, 39.0):.1f}"
        return f"{rng.choice((36.2, 36.3, 36.4, 36.5, 36.5, 36.6, 36.7, 36.8))}"

    pick = rng.random()
    if people == 1 or pick < 0.3:
        return rng.choice(("{}", "体温{}", "我{}", "今天{}")).format(value())
    if pick < 0.45:
        return rng.choice(("全家体温正常", "全家正常", "一家都正常"))
    kin = rng.sample(_KIN, people - 1)
    return " ".join([f"我{value()}", *(f"{k}{value()}" for k in kin)])


def build_traffic(
    homes: list[Home], rng: random.Random, *, start: datetime, minutes: int
) -> Traffic:
    """Reports from most households, a few requests, and half of those acknowledged."""
    window = minutes * 60_000
    events: list[tuple[datetime, str, str, str]] = []
    counts = Counter[str]()
    for home in homes:
        if rng.random() < REPORT_SHARE:
            at = start + timedelta(milliseconds=rng.randrange(window))
            text = _temperature_text(rng, len(home.members))
            events.append((at, home.group, rng.choice(home.members), text))
            counts["reports"] += 1
        if rng.random() < REQUEST_SHARE:
            kind, text = rng.choice(_REQUESTS)
            at = start + timedelta(milliseconds=rng.randrange(window))
            events.append((at, home.group, rng.choice(home.members), text))
            counts["requests"] += 1
            if rng.random() < ACK_SHARE:
                taker = home.grid_member if kind == "illness" else home.officer
                events.append(
                    (at + timedelta(seconds=rng.randint(120, 600)), home.group, taker, "收到")
                )
                counts["acks"] += 1
    events.sort(key=lambda e: e[0])
    messages = [
        Inbound(message_id=f"m{n}", sender_id=sender, text=text, at=at, group_id=group)
        for n, (at, group, sender, text) in enumerate(events)
    ]
    return Traffic(messages, counts["reports"], counts["requests"], counts["acks"])


# ---------------------------------------------------------------- instruments


@dataclass
class Timers:
    """Seconds and calls accumulated by the wrapped functions."""

    seconds: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    calls: Counter[str] = field(default_factory=Counter)
    errors: int = 0
    first_error: str = ""

    def wrap(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        """`func`, adding its wall time under `name`."""

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - started
                self.calls[name] += 1

        return timed


def _instrument(runtime: Runtime, timers: Timers) -> None:
    """Time the parser, the runtime entry points and every SQL statement; count handler errors."""
    parser = runtime.parser
    parser.parse = timers.wrap("parse", parser.parse)  # type: ignore[method-assign]
    parser.normalize = timers.wrap("normalize", parser.normalize)  # type: ignore[method-assign]
    for name in ("handle", "sweep", "next_due"):
        setattr(runtime, name, timers.wrap(name, getattr(runtime, name)))
    _time_sql(runtime.engine, timers)

    class _Count(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            timers.errors += 1
            if not timers.first_error:
                timers.first_error = self.format(record)

    logging.getLogger("gridbot").addHandler(_Count(logging.ERROR))


def _time_sql(engine: Engine, timers: Timers) -> None:
    started: list[float] = []

    def before(*_args: Any) -> None:
        started.append(time.perf_counter())

    def after(*_args: Any) -> None:
        timers.seconds["sql"] += time.perf_counter() - started.pop()
        timers.calls["sql"] += 1

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


# ---------------------------------------------------------------- drivers


@dataclass
class Outgoing:
    """What the bot produced and what the send governor let out."""

    produced: int = 0
    sent: int = 0
    sent_by_end: int = 0
    last_send: datetime | None = None


class _Outbox:
    """The send governor, timed, counting what goes in and what comes out."""

    def __init__(self, runtime: Runtime, timers: Timers) -> None:
        self.governor = SendGovernor(runtime.settings.send_limits)
        self.out = Outgoing()
        self._timers = timers

    def submit(self, replies: list[Reply], now: datetime) -> None:
        """Queue replies produced at `now` and release whatever may go by then."""
        started = time.perf_counter()
        self.governor.submit(replies, now)
        self._count(self.governor.release(now))
        self.out.produced += len(replies)
        self._timers.seconds["governor"] += time.perf_counter() - started

    def flush(self) -> None:
        """Release everything still queued, however long the limits make it take."""
        started = time.perf_counter()
        self.out.sent_by_end = self.out.sent
        self._count(self.governor.flush())
        self._timers.seconds["governor"] += time.perf_counter() - started

    def _count(self, sent: list[Sent]) -> None:
        self.out.sent += len(sent)
        if sent:
            self.out.last_send = sent[-1].at


def drive_direct(
    runtime: Runtime, messages: list[Inbound], *, start: datetime, until: datetime, timers: Timers
) -> Outgoing:
    """Handle each message in order; sweep at every minute boundary; govern every reply."""
    outbox = _Outbox(runtime, timers)
    end = max(until, messages[-1].at) if messages else until
    since, tick = start, start + timedelta(minutes=1)
    for msg in messages:
        while tick <= msg.at:
            outbox.submit(runtime.sweep(tick, since=since), tick)
            since, tick = tick, tick + timedelta(minutes=1)
        outbox.submit(runtime.handle(msg), msg.at)
    while tick <= end:
        outbox.submit(runtime.sweep(tick, since=since), tick)
        since, tick = tick, tick + timedelta(minutes=1)
    outbox.flush()
    return outbox.out


def drive_replay(
    runtime: Runtime, messages: list[Inbound], *, start: datetime, until: datetime, timers: Timers
) -> Outgoing:
    """The same traffic as a transcript through bot.replay.replay (sweeps and releases its way)."""
    lines: list[dict[str, Any]] = [
        {
            "at": m.at.isoformat(),
            "group": m.group_id,
            "from": m.sender_id,
            "text": m.text,
            "id": m.message_id,
        }
        for m in messages
    ]
    lines.append({"at": until.isoformat(), "tick": True})
    source = io.StringIO("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
    out, err = io.StringIO(), io.StringIO()
    replay(runtime, read_transcript(source, zone=ZONE), out, err)
    said = [json.loads(line) for line in out.getvalue().splitlines()[:-1]]
    last = datetime.fromisoformat(said[-1]["at"]) if said else None
    sent_by_end = sum(1 for s in said if datetime.fromisoformat(s["at"]) <= until)
    timers.errors += err.getvalue().count("\n")
    return Outgoing(produced=len(said), sent=len(said), sent_by_end=sent_by_end, last_send=last)


# ---------------------------------------------------------------- figures


def _outcome(runtime: Runtime) -> dict[str, Any]:
    """Tickets by status and readings, read back from the database."""
    with Session(runtime.engine) as session:
        statuses = session.exec(select(TicketRow.status, func.count()).group_by(TicketRow.status))
        by_status = {status: count for status, count in statuses}
        # SUM over a boolean column comes back as a boolean: count the true rows instead.
        flags = [
            session.exec(select(func.count()).where(col(flag))).one()
            for flag in (TicketRow.reminded, TicketRow.escalated, TicketRow.urgent)
        ]
        readings = session.exec(select(func.count(col(ReadingRow.id)))).one()
        households = session.exec(select(func.count(func.distinct(ReadingRow.household_id)))).one()
        fevers = session.exec(select(func.count()).where(col(ReadingRow.fever))).one()
    return {
        "tickets": sum(by_status.values()),
        "tickets_by_status": by_status,
        "tickets_reminded": flags[0],
        "tickets_escalated": flags[1],
        "tickets_urgent": flags[2],
        "readings": readings,
        "households_reported": households,
        "fever_readings": fevers,
    }


def _share(part: float, whole: float) -> float:
    return round(part / whole, 4) if whole else 0.0


def figures(run_s: float, timers: Timers, out: Outgoing, traffic: Traffic) -> dict[str, Any]:
    """Throughput and where the time went in the message phase."""
    s = timers.seconds
    rest = run_s - s["parse"] - s["normalize"] - s["sql"] - s["governor"]
    return {
        "messages": len(traffic.messages),
        "reports": traffic.reports,
        "requests": traffic.requests,
        "acks": traffic.acks,
        "run_s": round(run_s, 3),
        "msgs_per_s": round(len(traffic.messages) / run_s, 1) if run_s else 0.0,
        "handle_s": round(s["handle"], 3),
        "sweep_s": round(s["sweep"], 3),
        "sweeps": timers.calls["sweep"],
        "next_due_s": round(s["next_due"], 3),
        "parse_s": round(s["parse"], 3),
        "parse_share": _share(s["parse"], run_s),
        "normalize_s": round(s["normalize"], 3),
        "sql_s": round(s["sql"], 3),
        "sql_share": _share(s["sql"], run_s),
        "sql_statements": timers.calls["sql"],
        "governor_s": round(s["governor"], 3),
        "governor_share": _share(s["governor"], run_s),
        "rest_s": round(rest, 3),
        "rest_share": _share(rest, run_s),
        "handler_errors": timers.errors,
        "first_error": timers.first_error,
        "replies_produced": out.produced,
        "sent": out.sent,
        "sent_by_end": out.sent_by_end,
        "last_send": out.last_send.astimezone(ZONE).isoformat() if out.last_send else None,
    }


def report(result: dict[str, Any]) -> str:
    """A few lines for a human reader."""
    r = result
    return "\n".join(
        (
            f"county          {r['groups']} groups, {r['households']} households, {r['members']} members "
            f"(scale {r['scale']}, seed {r['seed']}, driver {r['driver']})",
            f"setup           roster {r['roster_s']:.2f} s, parser {r['parser_build_s']:.2f} s, "
            f"runtime init (schema + sync) {r['runtime_init_s']:.2f} s",
            f"traffic         {r['messages']} messages: {r['reports']} reports, {r['requests']} requests, "
            f"{r['acks']} acks",
            f"run             {r['run_s']:.2f} s  ->  {r['msgs_per_s']:,.1f} msg/s end to end"
            f" ({r['msgs_per_cpu_s']:,.1f} per CPU second)",
            f"  parser        {r['parse_s']:8.2f} s  {r['parse_share']:6.1%}  (+ normalize {r['normalize_s']:.2f} s)",
            f"  SQL execute   {r['sql_s']:8.2f} s  {r['sql_share']:6.1%}  ({r['sql_statements']} statements)",
            f"  governor      {r['governor_s']:8.2f} s  {r['governor_share']:6.1%}",
            f"  rest          {r['rest_s']:8.2f} s  {r['rest_share']:6.1%}  (ORM, handlers, sessions)",
            f"  handle {r['handle_s']:.2f} s, sweep {r['sweep_s']:.2f} s ({r['sweeps']} sweeps), "
            f"next_due {r['next_due_s']:.2f} s",
            f"tickets         {r['tickets']} {r['tickets_by_status']}, {r['tickets_urgent']} urgent, "
            f"{r['tickets_reminded']} reminded, {r['tickets_escalated']} escalated",
            f"readings        {r['readings']} from {r['households_reported']} households, "
            f"{r['fever_readings']} fevers",
            f"replies         {r['replies_produced']} produced, {r['sent']} sent after merging, "
            f"{r['sent_by_end']} by {r['until']}, last at {r['last_send']}",
            f"errors          {r['handler_errors']}"
            + (f" (first: {r['first_error'].splitlines()[0]})" if r["first_error"] else ""),
            f"peak RSS        {r['peak_rss_mb']:.1f} MB (after setup {r['rss_after_setup_mb']:.1f} MB)",
        )
    )


def top_own_functions(profile: cProfile.Profile, limit: int) -> list[str]:
    """The project's own functions with the most cumulative time, as table lines."""
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    own = [
        (ct, tt, nc, f"{Path(file).relative_to(ROOT)}:{line}({name})")
        for (file, line, name), (_cc, nc, tt, ct, _callers) in stats.items()
        if file.startswith(PACKAGES)
    ]
    own.sort(reverse=True)
    lines = [f"{'cumulative s':>12} {'own s':>8} {'calls':>9}  function"]
    lines += [f"{ct:12.3f} {tt:8.3f} {nc:9d}  {where}" for ct, tt, nc, where in own[:limit]]
    return lines


# ---------------------------------------------------------------- command line


def _args(argv: Sequence[str] | None) -> argparse.Namespace:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--groups", type=int, default=3000, help="WeChat groups (micro-grids)")
    cli.add_argument("--households", type=int, default=100_000, help="households over all groups")
    cli.add_argument("--scale", type=float, default=1.0, help="multiply groups and households")
    cli.add_argument("--seed", type=int, default=7, help="random seed for roster and traffic")
    cli.add_argument("--window", type=int, default=30, help="minutes of traffic from 08:00")
    cli.add_argument("--until", default="09:00", help="sweep deadlines up to this local time")
    cli.add_argument("--database", help="database URL (default: SQLite file in a temp dir)")
    cli.add_argument(
        "--driver",
        choices=("direct", "replay"),
        default="direct",
        help="direct: Runtime + SendGovernor, sweep each minute; replay: bot.replay.replay "
        "(its governor time counts as rest; replies are counted after merging)",
    )
    cli.add_argument("--no-cache", action="store_true", help="parser cache off (every text parsed)")
    cli.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="cProfile the message phase; print the top N own functions",
    )
    cli.add_argument(
        "--progress",
        type=int,
        default=0,
        metavar="N",
        help="report progress on stderr every N messages (and after each setup step)",
    )
    cli.add_argument("--json", action="store_true", help="print one JSON object instead")
    return cli.parse_args(argv)


def _local(clock: str) -> datetime:
    hours, minutes = clock.split(":")
    return datetime(DAY.year, DAY.month, DAY.day, int(hours), int(minutes), tzinfo=ZONE)


def _say(args: argparse.Namespace, text: str) -> None:
    if args.progress:
        print(f"replay_bench: {text}", file=sys.stderr, flush=True)


def _progress(runtime: Runtime, total: int, every: int) -> None:
    """Print how far the message phase got every `every` messages (a long run may be cut off)."""
    handle, started, done = runtime.handle, time.perf_counter(), [0]

    def counted(msg: Inbound) -> list[Reply]:
        done[0] += 1
        if done[0] % every == 0:
            elapsed = time.perf_counter() - started
            print(
                f"replay_bench: {done[0]}/{total} messages, {elapsed:.0f} s, "
                f"{done[0] / elapsed:.0f} msg/s, clock {msg.at.astimezone(ZONE):%H:%M:%S}",
                file=sys.stderr,
                flush=True,
            )
        return handle(msg)

    runtime.handle = counted  # type: ignore[method-assign]


def setup(args: argparse.Namespace, database_url: str) -> tuple[Runtime, Traffic, dict[str, Any]]:
    """The county's settings, traffic, parser and runtime (roster synced), with their timings."""
    rng = random.Random(args.seed)
    groups = max(1, round(args.groups * args.scale))
    households = max(1, round(args.households * args.scale))
    started = time.perf_counter()
    data, homes = build_roster(groups, households, rng)
    data["database"] = {"url": database_url}
    settings = Settings.model_validate(data)
    del data  # the bot keeps only the validated settings, as it would after reading its config
    roster_s = time.perf_counter() - started
    traffic = build_traffic(homes, rng, start=_local("08:00"), minutes=args.window)
    _say(
        args,
        f"roster of {len(settings.members)} members and {len(traffic.messages)} messages built",
    )
    started = time.perf_counter()
    cache = {"cache_size": 0} if args.no_cache else {}
    parser = Parser(
        apply_overrides(default_rules(), settings.nlp),
        fever_celsius=settings.temperature.fever_celsius,
        **cache,
    )
    parser_s = time.perf_counter() - started
    started = time.perf_counter()
    runtime = Runtime(settings, parser=parser, database_url=database_url)
    init_s = time.perf_counter() - started
    _say(args, f"runtime ready: schema and roster sync took {init_s:.1f} s")
    return (
        runtime,
        traffic,
        {
            "groups": groups,
            "households": households,
            "members": len(settings.members),
            "scale": args.scale,
            "seed": args.seed,
            "driver": args.driver,
            "until": args.until,
            "parser_cache": not args.no_cache,
            "roster_s": round(roster_s, 3),
            "parser_build_s": round(parser_s, 3),
            "runtime_init_s": round(init_s, 3),
            "rss_after_setup_mb": round(peak_rss_mb(), 1),
        },
    )


def run(args: argparse.Namespace, database_url: str) -> tuple[dict[str, Any], list[str]]:
    """Build the county, run the morning, return the figures and any profile lines."""
    runtime, traffic, result = setup(args, database_url)
    timers = Timers()
    _instrument(runtime, timers)
    if args.progress:
        _progress(runtime, len(traffic.messages), args.progress)
    drive = drive_replay if args.driver == "replay" else drive_direct
    profile = cProfile.Profile() if args.profile else None
    started, cpu_started = time.perf_counter(), time.process_time()
    if profile:
        profile.enable()
    out = drive(
        runtime, traffic.messages, start=_local("08:00"), until=_local(args.until), timers=timers
    )
    if profile:
        profile.disable()
    run_s = time.perf_counter() - started
    cpu_s = time.process_time() - cpu_started
    result |= figures(run_s, timers, out, traffic)
    # CPU time is steadier than wall time on a shared machine: other load does not count.
    result["cpu_s"] = round(cpu_s, 3)
    result["msgs_per_cpu_s"] = round(len(traffic.messages) / cpu_s, 1) if cpu_s else 0.0
    result |= _outcome(runtime)
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    runtime.close()
    return result, top_own_functions(profile, args.profile) if profile else []


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the report (or JSON); 1 if any message failed."""
    args = _args(argv)
    logging.getLogger("gridbot").addHandler(logging.NullHandler())
    with tempfile.TemporaryDirectory(prefix="replay_bench-") as tmp:
        url = args.database or f"sqlite:///{Path(tmp) / 'bench.db'}"
        result, profile_lines = run(args, url)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(report(result))
    if profile_lines:
        print(
            "\n".join(["", "top own functions by cumulative time (message phase)", *profile_lines]),
            file=sys.stderr if args.json else sys.stdout,
        )
    return 1 if result["handler_errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
