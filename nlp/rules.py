"""The rule file: keyword rules with stable ids, cues that cancel them, and the domain words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from nlp.kinds import Kind
from nlp.yamlfile import load_model, parse_model

RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")]
CueId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Word = Annotated[str, StringConstraints(min_length=1, max_length=24, strip_whitespace=True)]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Matcher(_Spec):
    """Words (matched against tokens) and regular expressions (against the normalized text).

    `all` lists groups that must each be present; `any` is a single group; a word starting with
    `$` stands for a named set (a group may be just "$set"). When both words and patterns are
    given, both must match; a word of `unless` anywhere in the text stops the match.
    """

    all: list[list[Word]] = Field(default_factory=list)
    any: list[Word] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    unless: list[Word] = Field(default_factory=list)

    @field_validator("all", mode="before")
    @classmethod
    def _bare_set_is_a_group(cls, groups: object) -> object:
        if isinstance(groups, list):
            return [[g] if isinstance(g, str) else g for g in groups]
        return groups

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, patterns: list[str], info: ValidationInfo) -> list[str]:
        # The shipped file's patterns are checked by the test suite, not at every start-up: the
        # matcher compiles each only when a message first needs it.
        if info.context and info.context.get(CHECKED):
            return patterns
        for pattern in patterns:
            try:
                compiled_pattern(pattern)
            except re.error as exc:
                raise ValueError(f"bad regular expression {pattern!r}: {exc}") from exc
        return patterns

    @model_validator(mode="after")
    def _not_empty(self) -> Matcher:
        if not (self.all or self.any or self.patterns):
            raise ValueError("needs at least one of all, any, patterns")
        return self

    def groups(self) -> list[list[str]]:
        """All word groups, `any` included."""
        return [*self.all, self.any] if self.any else list(self.all)


# Validation context: the patterns were checked already (the shipped file, or a merge of it with
# a village's overrides, each checked when its config was read).
CHECKED = "patterns_checked"


@cache
def compiled_pattern(pattern: str) -> re.Pattern[str]:
    """`re.compile`, kept for the process: the rule file holds more patterns than `re`'s own
    cache (512), which would otherwise compile each twice, once to validate and once to match."""
    return re.compile(pattern)


class LazyPattern:
    """A regular expression compiled the first time it is searched: start-up compiles none of
    the rule file's patterns (about 700), and a run pays only for those its messages reach."""

    __slots__ = ("_compiled", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def search(self, text: str) -> re.Match[str] | None:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = compiled_pattern(self.pattern)
        return compiled.search(text)


_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P[=<]")


def stands_apart(pattern: str) -> bool:
    """True for a pattern with a backreference or a named group: joined to others in one
    alternation its group numbers would change, so it is searched on its own."""
    return _BACKREFERENCE.search(pattern) is not None


def combined_patterns(patterns: Sequence[str]) -> tuple[str, ...]:
    """A spec's patterns as one alternation, searched once per message, then those that stand
    apart."""
    apart = [p for p in patterns if stands_apart(p)]
    joinable = [p for p in patterns if p not in apart]
    joined = ["|".join(f"(?:{p})" for p in joinable)] if joinable else []
    return (*joined, *apart)


class CueSpec(Matcher):
    """Context that cancels rules: a resolved event, an advert, a quoted notice..."""

    id: CueId
    note: str = ""


class RuleSpec(Matcher):
    """One keyword rule: when it matches and no cancelling cue is present, `kind` gains `weight`."""

    id: RuleId
    kind: Kind
    weight: float = Field(default=1.0, gt=-10, le=10)
    cancel: list[str] = Field(default_factory=list)
    urgent: bool = False
    # With `urgent_kinds`, the rule adds no weight of its own: it makes the message urgent when
    # the kind that wins is one of these (an explicit call for help in a fire, a fight ...).
    urgent_kinds: list[Kind] = Field(default_factory=list)
    note: str = ""


class TemperatureSpec(_Spec):
    """Vocabulary that decides whether a number is a body temperature."""

    body: list[Word]
    weather: list[Word]
    not_units: list[Word]
    thresholds_before: list[Word]
    thresholds_after: list[Word]
    vague_after: list[Word]
    fillers: list[Word]


class RuleFile(_Spec):
    """The whole rules.yaml."""

    version: int
    threshold: float = Field(gt=0)
    priority: list[Kind]
    # How sure the chat gate (nlp/gate.py) must be before a routine request is read as chat;
    # None leaves every decision to the rules.
    chat_gate: float | None = Field(default=None, gt=0.5, le=1.0)
    sets: dict[str, list[Word]] = Field(default_factory=dict)
    words: list[Word] = Field(default_factory=list)
    always_cancel: list[str] = Field(default_factory=list)
    cancel_kinds: dict[str, list[Kind]] = Field(default_factory=dict)
    overrides: dict[str, list[str]] = Field(default_factory=dict)
    temperature: TemperatureSpec
    cues: list[CueSpec]
    rules: list[RuleSpec]

    @model_validator(mode="after")
    def _consistent(self) -> RuleFile:
        _check_unique([c.id for c in self.cues], "cue")
        _check_unique([r.id for r in self.rules], "rule")
        cue_ids = {c.id for c in self.cues}
        overridden = [cue for cues in self.overrides.values() for cue in cues]
        for field, named in (
            ("always_cancel", self.always_cancel),
            ("cancel_kinds", self.cancel_kinds),
            ("overrides", [*self.overrides, *overridden]),
        ):
            if set(named) - cue_ids:
                raise ValueError(f"{field} names unknown cue(s) {sorted(set(named) - cue_ids)}")
        for rule in self.rules:
            unknown = set(rule.cancel) - cue_ids
            if unknown:
                raise ValueError(f"rule {rule.id} cancels on unknown cue(s) {sorted(unknown)}")
        matchers: list[CueSpec | RuleSpec] = [*self.cues, *self.rules]
        for matcher in matchers:
            for group in matcher.groups():
                missing = {w[1:] for w in group if w.startswith("$")} - set(self.sets)
                if missing:
                    raise ValueError(f"{matcher.id} uses unknown set(s) {sorted(missing)}")
        return self


class RuleOverrides(_Spec):
    """A village's changes to the shipped rules (config `nlp:` section)."""

    extra_words: list[Word] = Field(default_factory=list)
    extra_sets: dict[str, list[Word]] = Field(default_factory=dict)
    extra_rules: list[RuleSpec] = Field(default_factory=list)
    disabled_rules: list[str] = Field(default_factory=list)
    # A village's own chat-gate threshold; false turns the gate off, absent keeps the shipped one.
    chat_gate: float | Literal[False] | None = Field(default=None)

    @field_validator("chat_gate", mode="before")
    @classmethod
    def _gate_range(cls, value: object) -> object:
        if value is True:
            raise ValueError("chat_gate is a probability between 0.5 and 1, or false")
        if isinstance(value, int | float) and not isinstance(value, bool) and not 0.5 < value <= 1:
            raise ValueError(f"chat_gate {value} is outside (0.5, 1]")
        return value


def default_rules() -> RuleFile:
    """The rules shipped with the package."""
    source = resources.files("nlp").joinpath("data/rules.yaml").read_text(encoding="utf-8")
    return parse_model(source, RuleFile, name="nlp/data/rules.yaml", context={CHECKED: True})


def load_rules(path: Path) -> RuleFile:
    """A complete rules file from disk."""
    return load_model(path, RuleFile)


def apply_overrides(base: RuleFile, overrides: RuleOverrides) -> RuleFile:
    """The shipped rules with a village's extra words, sets and rules, minus its disabled rules."""
    known = {r.id for r in base.rules} | {r.id for r in overrides.extra_rules}
    unknown = set(overrides.disabled_rules) - known
    if unknown:
        raise ValueError(f"disabled_rules names unknown rule(s): {', '.join(sorted(unknown))}")
    sets = {name: list(words) for name, words in base.sets.items()}
    for name, words in overrides.extra_sets.items():
        sets[name] = [*sets.get(name, []), *words]
    replaced = {r.id for r in overrides.extra_rules}
    rules = [r for r in base.rules if r.id not in replaced] + list(overrides.extra_rules)
    rules = [r for r in rules if r.id not in set(overrides.disabled_rules)]
    merged = base.model_dump()
    merged.update(
        sets=sets,
        words=[*base.words, *overrides.extra_words],
        rules=[r.model_dump() for r in rules],
    )
    if overrides.chat_gate is not None:
        merged["chat_gate"] = overrides.chat_gate or None
    return RuleFile.model_validate(merged, context={CHECKED: True})


def _check_unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for rule_id in ids:
        if rule_id in seen:
            raise ValueError(f"duplicate {what} id {rule_id}")
        seen.add(rule_id)
