"""Run transcripts through the whole bot in-process and read back what it said."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any

import yaml

from bot.replay import read_transcript, replay
from bot.runtime import Runtime
from handlers.settings import Settings
from nlp.parser import Parser

VILLAGE = """
timezone: Asia/Shanghai
groups:
  - {id: g1, name: 站西村第一网格, secretary: m_sec}
  - {id: g2, name: 站西村第二网格, secretary: m_sec}
members:
  - {id: m_sec,  name: 王甲军, role: secretary,   groups: [g1, g2]}
  - {id: m_lead, name: 孙网长, role: grid_leader, groups: [g1, g2]}
  - {id: m_gm,   name: 赵网格, role: grid_member, groups: [g1]}
  - {id: m_gm2,  name: 钱网格, role: grid_member, groups: [g2]}
  - {id: m_off1, name: 李红,   role: officer,     groups: [g1]}
  - {id: m_off2, name: 周强,   role: officer,     groups: [g1]}
  - {id: m_off3, name: 吴敏,   role: officer,     groups: [g2]}
  - {id: m_v1,   name: 张大爷, role: villager,    groups: [g1]}
  - {id: m_v2,   name: 刘大娘, role: villager,    groups: [g1]}
  - {id: m_v3,   name: 陈叔,   role: villager,    groups: [g1]}
  - {id: m_v4,   name: 马婶,   role: villager,    groups: [g2]}
households:
  - {id: h1, name: 3号楼2单元501, members: [m_v1], officer: m_off1, care: true}
  - {id: h2, name: 3号楼2单元502, members: [m_v2], officer: m_off1}
  - {id: h3, name: 老陈家, members: [m_v3], officer: m_off2}
  - {id: h4, name: 马家, members: [m_v4], officer: m_off3}
sla: {ack_minutes: 30, escalate_minutes: 60, resolve_hours: 48, urgent_ack_minutes: 5}
temperature: {fever_celsius: 37.3, rounds: ["10:00", "16:00"]}
database: {url: "sqlite://"}
"""

_PARSER: Parser | None = None


def shared_parser() -> Parser:
    """One parser for all transcript tests (building one takes about a second)."""
    global _PARSER
    if _PARSER is None:
        _PARSER = Parser()
    return _PARSER


@dataclass
class Run:
    """What the bot said during a replay, and the summary line."""

    says: list[dict[str, Any]]
    summary: dict[str, Any]
    errors: str

    def in_group(self, group: str = "g1") -> list[dict[str, Any]]:
        """Messages said in a group."""
        return [s for s in self.says if s.get("group") == group]

    def private(self, member: str) -> list[dict[str, Any]]:
        """Private messages to one member."""
        return [s for s in self.says if s.get("to") == member]

    def ticket(self, code: int, group: str = "g1") -> dict[str, Any]:
        """A ticket from the summary."""
        return next(t for t in self.summary["tickets"] if t["code"] == code and t["group"] == group)


def settings(overrides: dict[str, Any] | None = None) -> Settings:
    """The test village, with optional top-level overrides."""
    data = yaml.safe_load(VILLAGE)
    data.update(overrides or {})
    return Settings.model_validate(data)


def say(
    at: str, sender: str, text: str, *, group: str | None = "g1", **extra: Any
) -> dict[str, Any]:
    """A transcript line: `at` is "08:05" on 2026-03-02 or a full ISO time."""
    line: dict[str, Any] = {"at": _iso(at), "from": sender, "text": text, **extra}
    if group is not None:
        line["group"] = group
    else:
        line["to_bot"] = True
    return line


def tick(at: str) -> dict[str, Any]:
    """A line that only moves the clock."""
    return {"at": _iso(at), "tick": True}


def run(
    lines: list[dict[str, Any]], *, village: Settings | None = None, runtime: Runtime | None = None
) -> Run:
    """Replay transcript lines through a fresh bot (or the given one)."""
    runtime = runtime or Runtime(village or settings(), parser=shared_parser())
    source = io.StringIO("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
    out, err = io.StringIO(), io.StringIO()
    replay(runtime, read_transcript(source, zone=runtime.settings.zone), out, err)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    return Run(says=rows[:-1], summary=rows[-1], errors=err.getvalue())


def _iso(at: str) -> str:
    if "T" in at:
        return at
    day, _, clock = at.rpartition(" ")
    return f"2026-03-{day or '02'}T{clock}:00+08:00"
