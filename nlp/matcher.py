"""Match compiled rules and cues against a message's tokens and normalized text."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from nlp.kinds import Kind
from nlp.rules import CueSpec, Matcher, RuleFile, RuleSpec

# A rule word matches a run of up to this many adjacent tokens, so "煤/气味" still reads 煤气味.
MAX_NGRAM_TOKENS = 3
# Tokens this long that the rules do not know are searched for rule words inside them.
MIN_SPLIT_TOKEN = 3


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule that matched: the words or pattern that made it fire, and the cues that cancelled it."""

    rule_id: str
    kind: Kind
    weight: float
    urgent: bool
    evidence: tuple[str, ...]
    cancelled_by: tuple[str, ...] = ()

    @property
    def counts(self) -> bool:
        """True when the hit was not cancelled."""
        return not self.cancelled_by


@dataclass(frozen=True, slots=True)
class _Compiled:
    spec_id: str
    groups: int
    patterns: tuple[re.Pattern[str], ...]
    unless: frozenset[str]


class RuleMatcher:
    """Every rule and cue of a rule file, indexed by word for one pass over the tokens."""

    def __init__(self, rules: RuleFile) -> None:
        self._sets = {name: frozenset(words) for name, words in rules.sets.items()}
        self._index: dict[str, list[tuple[str, int]]] = defaultdict(list)
        self._cues = [self._compile(cue) for cue in rules.cues]
        self._rules = [self._compile(rule) for rule in rules.rules]
        self._specs: dict[str, RuleSpec] = {rule.id: rule for rule in rules.rules}
        self._always = list(rules.always_cancel)
        self.max_word_len = max((len(w) for w in self._index), default=1)

    def vocabulary(self) -> set[str]:
        """Every word the rules and cues look for, so the tokenizer can keep each one whole."""
        return set(self._index)

    def match(self, tokens: Sequence[str], text: str) -> tuple[list[Hit], list[str]]:
        """The rule hits (cancelled ones included) and the active cue ids."""
        found = self._lookup(tokens)
        cues = [
            c.spec_id
            for c in self._cues
            if (c.spec_id in found or not c.groups) and self._fires(c, found, text) is not None
        ]
        active = set(cues)
        hits = []
        for compiled in self._rules:
            if compiled.groups and compiled.spec_id not in found:
                continue  # most rules: none of their words is in the message
            evidence = self._fires(compiled, found, text)
            if evidence is None:
                continue
            spec = self._specs[compiled.spec_id]
            cancels = spec.cancel if spec.kind is Kind.CHAT else [*spec.cancel, *self._always]
            cancelled = tuple(dict.fromkeys(cue for cue in cancels if cue in active))
            hits.append(Hit(spec.id, spec.kind, spec.weight, spec.urgent, evidence, cancelled))
        return hits, cues

    def _compile(self, spec: CueSpec | RuleSpec | Matcher) -> _Compiled:
        spec_id = getattr(spec, "id", "")
        groups = spec.groups()
        for number, group in enumerate(groups):
            for word in self._expand(group):
                self._index[word].append((spec_id, number))
        unless = frozenset(getattr(spec, "unless", ()))
        patterns = tuple(re.compile(p) for p in spec.patterns)
        return _Compiled(spec_id, len(groups), patterns, unless)

    def _expand(self, group: list[str]) -> set[str]:
        words: set[str] = set()
        for word in group:
            words |= self._sets[word[1:]] if word.startswith("$") else {word}
        return words

    def _lookup(self, tokens: Sequence[str]) -> dict[str, dict[int, str]]:
        """For each spec id, the word that satisfied each of its groups."""
        found: dict[str, dict[int, str]] = defaultdict(dict)
        index, limit, count = self._index, self.max_word_len, len(tokens)
        for i in range(count):
            key = ""
            for j in range(i, min(i + MAX_NGRAM_TOKENS, count)):
                key += tokens[j]
                if len(key) > limit:
                    break
                for spec_id, group in index.get(key, ()):
                    found[spec_id].setdefault(group, key)
            token = tokens[i]
            if len(token) >= MIN_SPLIT_TOKEN and token not in index:
                self._inside(token, found)
        return found

    def _inside(self, token: str, found: dict[str, dict[int, str]]) -> None:
        """Rule words that end a longer dictionary word: 流感疫苗 is a 疫苗, 有线电视费 an 电视费.

        Chinese compounds put their head last, so only endings count (不动产 is no 不动). Only
        jieba's own words are opened up; a word the rules registered (打不着火) is a deliberate
        unit and never yields the words inside it (着火).
        """
        index = self._index
        for start in range(1, len(token) - 1):
            tail = token[start:]
            for spec_id, group in index.get(tail, ()):
                found[spec_id].setdefault(group, tail)

    def _fires(
        self, compiled: _Compiled, found: dict[str, dict[int, str]], text: str
    ) -> tuple[str, ...] | None:
        evidence: tuple[str, ...] = ()
        if compiled.groups:
            got = found.get(compiled.spec_id)
            if not got or len(got) < compiled.groups:
                return None
            evidence = tuple(got[g] for g in range(compiled.groups))
        if compiled.patterns:
            match = next((m for p in compiled.patterns if (m := p.search(text))), None)
            if match is None:
                return None
            evidence = (*evidence, match.group(0))
        if compiled.unless and any(word in text for word in compiled.unless):
            return None
        return evidence
