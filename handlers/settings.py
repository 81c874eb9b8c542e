"""The village settings handlers work with; bot/config.py reads and validates the file once."""

from __future__ import annotations

import re
from datetime import time
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic.dataclasses import dataclass

from handlers.roles import Role
from nlp.kinds import Kind
from nlp.parser import DEFAULT_FEVER_CELSIUS
from nlp.rules import RuleOverrides

Id = Annotated[str, StringConstraints(min_length=1, max_length=64, strip_whitespace=True)]
_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# The roster can be large (a township: thousands of groups, a hundred thousand households), so
# its entries are slotted pydantic dataclasses: validated like models, a tenth of the memory.
_ENTRY = ConfigDict(extra="forbid", str_strip_whitespace=True)


@dataclass(frozen=True, slots=True, config=_ENTRY)
class GroupSettings:
    """One micro-grid WeChat group."""

    id: Id
    name: str
    secretary: Id | None = None
    room: str | None = None  # the WeChat room id or topic this group maps to (adapter)


@dataclass(frozen=True, slots=True, config=_ENTRY)
class MemberSettings:
    """A person the bot knows, by a stable id (a WeChat contact id in live mode)."""

    id: Id
    name: str
    role: Role
    groups: tuple[Id, ...] = ()
    wechat: str | None = None


@dataclass(frozen=True, slots=True, config=_ENTRY)
class HouseholdSettings:
    """A household, its members and the officer (信息员) responsible for it."""

    id: Id
    name: str
    officer: Id
    members: tuple[Id, ...] = ()
    care: bool = False
    group: Id | None = None  # defaults to the officer's first group


class SlaOverride(_Section):
    """Per-kind deadlines; unset fields fall back to the defaults."""

    ack_minutes: int | None = Field(default=None, gt=0)
    escalate_minutes: int | None = Field(default=None, gt=0)
    resolve_hours: float | None = Field(default=None, gt=0)


class SlaSettings(_Section):
    """Deadlines, in minutes unless named otherwise."""

    ack_minutes: int = Field(default=30, gt=0)
    escalate_minutes: int = Field(default=60, gt=0)
    resolve_hours: float = Field(default=48, gt=0)
    urgent_ack_minutes: int = Field(default=5, gt=0)
    rating_close_hours: float = Field(default=24, gt=0)
    kinds: dict[Kind, SlaOverride] = Field(default_factory=dict)


class TemperatureSettings(_Section):
    """Fever threshold and the daily report rounds."""

    fever_celsius: float = Field(default=DEFAULT_FEVER_CELSIUS, ge=35, le=42)
    rounds: list[str] = Field(default_factory=lambda: ["10:00", "16:00"])

    @field_validator("rounds")
    @classmethod
    def _clock_times(cls, rounds: list[str]) -> list[str]:
        for value in rounds:
            if not _CLOCK.match(value):
                raise ValueError(f"{value!r} is not a time of day like 10:00")
        return sorted(rounds)


class PointsSettings(_Section):
    """Points rules; every entry is earned from a measured fact."""

    ack_on_time: int = 2
    resolved_on_time: int = 3
    satisfied: int = 2
    unsatisfied: int = -2
    reminder: int = -1
    escalation: int = -3
    round_complete: int = 1


class QuietHours(_Section):
    """No reminders between start and end (local time), except for urgent tickets."""

    start: str = "22:00"
    end: str = "07:00"

    @field_validator("start", "end")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        if not _CLOCK.match(value):
            raise ValueError(f"{value!r} is not a time of day like 22:00")
        return value


class SendLimits(_Section):
    """WeChat bans accounts that send too fast: at most this often."""

    group_interval_seconds: float = Field(default=3.0, ge=0)
    account_per_minute: int = Field(default=20, gt=0)


class DatabaseSettings(_Section):
    """Any SQLAlchemy URL; SQLite by default, postgresql+psycopg://... at scale."""

    url: str = "sqlite:///gridbot.db"


class WechatySettings(_Section):
    """The puppet service; without an endpoint `gridbot run` starts the built-in simulator."""

    endpoint: str | None = None
    token: str | None = None

    @field_validator("endpoint")
    @classmethod
    def _host_and_port(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        host, _, port = value.strip().rpartition(":")
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError(f"{value!r} is not host:port, like puppet.example.com:8788")
        return value.strip()


class Settings(_Section):
    """The whole village config (contracts/replay.md fixes the roster part)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    village: str = ""  # shown on the simulator page
    timezone: str = "Asia/Shanghai"
    bot_id: Id = "bot"
    groups: list[GroupSettings] = Field(default_factory=list)
    members: list[MemberSettings] = Field(default_factory=list)
    households: list[HouseholdSettings] = Field(default_factory=list)
    routing: dict[Kind, Role] = Field(default_factory=lambda: {Kind.ILLNESS: Role.GRID_MEMBER})
    sla: SlaSettings = Field(default_factory=SlaSettings)
    temperature: TemperatureSettings = Field(default_factory=TemperatureSettings)
    points: PointsSettings = Field(default_factory=PointsSettings)
    quiet_hours: QuietHours = Field(default_factory=QuietHours)
    digest_time: str = "20:00"
    send_limits: SendLimits = Field(default_factory=SendLimits)
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    wechaty: WechatySettings = Field(default_factory=WechatySettings)
    nlp: RuleOverrides = Field(default_factory=RuleOverrides)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("digest_time")
    @classmethod
    def _digest_clock(cls, value: str) -> str:
        if not _CLOCK.match(value):
            raise ValueError(f"{value!r} is not a time of day like 20:00")
        return value

    @model_validator(mode="after")
    def _roster_is_consistent(self) -> Settings:
        _unique("group", [g.id for g in self.groups])
        _unique("member", [m.id for m in self.members])
        _unique("household", [h.id for h in self.households])
        groups = {g.id for g in self.groups}
        members = {m.id: m for m in self.members}
        for member in self.members:
            for group_id in member.groups:
                if group_id not in groups:
                    raise ValueError(f"member {member.id} is in unknown group {group_id!r}")
        for group in self.groups:
            if group.secretary and group.secretary not in members:
                raise ValueError(f"group {group.id} names unknown secretary {group.secretary!r}")
        for household in self.households:
            if household.officer not in members:
                raise ValueError(
                    f"household {household.id} names unknown officer {household.officer!r}"
                )
            for member_id in household.members:
                if member_id not in members:
                    raise ValueError(f"household {household.id} names unknown member {member_id!r}")
            if household.group and household.group not in groups:
                raise ValueError(
                    f"household {household.id} is in unknown group {household.group!r}"
                )
        return self

    @property
    def zone(self) -> ZoneInfo:
        """The village's time zone."""
        return ZoneInfo(self.timezone)


def clock_time(value: str) -> time:
    """ "10:00" as a time of day."""
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def _unique(what: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"{what} id {item!r} appears twice")
        seen.add(item)
