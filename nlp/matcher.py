"""Match compiled rules and cues against a message's tokens and normalized text."""

from __future__ import annotations

import operator
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick

from nlp.anchors import Anchors, anchors
from nlp.kinds import Kind
from nlp.rules import (
    CueSpec,
    LazyPattern,
    RuleFile,
    RuleSpec,
    combined_patterns,
    stands_apart,
)

# A rule word matches a run of up to this many adjacent tokens, so "煤/气味" still reads 煤气味.
MAX_NGRAM_TOKENS = 3
# Tokens this long that the rules do not know are searched for rule words inside them.
MIN_SPLIT_TOKEN = 3
# The last character of a word that leaves its head intact: noun suffixes (老人家 is a 老人) and
# the particles of a finished action (联系不上了 is 联系不上).
_OPEN_SUFFIXES = frozenset("儿子家们者了啦")


class Hit(NamedTuple):
    """A rule that matched: the words or pattern that made it fire, and the cues that cancelled it."""

    rule_id: str
    kind: Kind
    weight: float
    urgent: bool
    evidence: tuple[str, ...]
    cancelled_by: tuple[str, ...] = ()
    urgent_kinds: tuple[Kind, ...] = ()

    def makes_urgent(self, kind: Kind) -> bool:
        """True when this hit makes a message of the winning `kind` urgent."""
        return self.urgent and self.counts and (not self.urgent_kinds or kind in self.urgent_kinds)

    @property
    def counts(self) -> bool:
        """True when the hit was not cancelled."""
        return not self.cancelled_by


@dataclass(frozen=True, slots=True)
class _Compiled:
    spec_id: str
    groups: int
    patterns: tuple[LazyPattern, ...]  # a word rule's patterns, combined (`combined_patterns`)
    unless: re.Pattern[str] | None  # any of the words, as one search
    is_cue: bool
    order: int  # place in the rule file: hits and cues are reported in it
    # A pattern rule's patterns one by one, each with whether it stands apart from the
    # alternation: the anchor index tries only those whose anchors a message holds.
    singles: tuple[tuple[LazyPattern, bool], ...] = ()


_FILE_ORDER = operator.attrgetter("order")


class RuleMatcher:
    """Every rule and cue of a rule file, indexed by word for one pass over the tokens."""

    def __init__(
        self,
        rules: RuleFile,
        canonical: Callable[[str], str] = str,
        anchors_of: Callable[[str], Anchors] = anchors,
    ) -> None:
        """`canonical` brings a rule word to the form messages take after normalization, so a
        word written in traditional script or Cantonese (冇回来) still matches (没回来)."""
        self._canonical = canonical
        self._domain_words = frozenset(self._words(rules.words))
        self._sets = {name: frozenset(self._words(words)) for name, words in rules.sets.items()}
        self._index: dict[str, list[tuple[str, int]]] = defaultdict(list)
        specs: list[CueSpec | RuleSpec] = [*rules.cues, *rules.rules]
        compiled = [self._compile(spec, order) for order, spec in enumerate(specs)]
        self._cues = compiled[: len(rules.cues)]
        self._rules = compiled[len(rules.cues) :]
        self._by_id = {c.spec_id: c for c in (*self._cues, *self._rules)}
        pattern_only = [c for c in (*self._cues, *self._rules) if not c.groups]
        self._pattern_only = _AnchorIndex(pattern_only, anchors_of)
        # What every hit of a rule carries besides its evidence and cancelling cues.
        self._hit_fields = {
            rule.id: (rule.kind, rule.weight, rule.urgent, tuple(rule.urgent_kinds))
            for rule in rules.rules
        }
        self._cancels = {rule.id: _cancelling_cues(rule, rules) for rule in rules.rules}
        self._overrides = {cue: frozenset(off) for cue, off in rules.overrides.items()}
        # Every proper prefix of a rule word: an n-gram of tokens grows only while it is one.
        self._prefixes = {word[:n] for word in self._index for n in range(1, len(word))}

    def vocabulary(self) -> set[str]:
        """Every word the rules and cues look for, and the domain words, so the tokenizer can
        keep each one whole."""
        return set(self._index) | self._domain_words

    def match(
        self, tokens: Sequence[str], text: str
    ) -> tuple[list[Hit], list[str], tuple[str, ...]]:
        """The rule hits (cancelled ones included), the active cue ids, and the cues that were
        present but switched off by another (`overrides` in the rule file)."""
        found = self._lookup(tokens)
        by_id = self._by_id
        # Only specs with a word for every group can fire; most words found fill one of two.
        candidates = [
            spec for spec_id, got in found.items() if len(got) >= (spec := by_id[spec_id]).groups
        ]
        by_pattern, narrowed = self._pattern_only.candidates(text)
        candidates += by_pattern
        if len(candidates) > 1:
            candidates.sort(key=_FILE_ORDER)
        cues: list[str] = []
        firing: list[tuple[_Compiled, tuple[str, ...]]] = []
        for compiled in candidates:
            evidence = self._fires(compiled, found, text, narrowed.get(compiled.order))
            if evidence is None:
                continue
            if compiled.is_cue:
                cues.append(compiled.spec_id)
            else:
                firing.append((compiled, evidence))
        overridden: tuple[str, ...] = ()
        if self._overrides and cues:
            # A plea made now (快来人, 谁能, 这咋整) outweighs the framing around it: "还以为…
            # 出门一看…火苗都窜上来了 快来人" is no mistake, "说个笑话… 说正经的…咋回事" no joke.
            off = set().union(*(self._overrides[c] for c in cues if c in self._overrides))
            overridden = tuple(c for c in cues if c in off)
            cues = [c for c in cues if c not in off]
        active = set(cues)
        hits = []
        for compiled, evidence in firing:
            spec_id = compiled.spec_id
            cancelled = tuple(c for c in self._cancels[spec_id] if c in active) if active else ()
            kind, weight, urgent, urgent_kinds = self._hit_fields[spec_id]
            hits.append(Hit(spec_id, kind, weight, urgent, evidence, cancelled, urgent_kinds))
        return hits, cues, overridden

    def _compile(self, spec: CueSpec | RuleSpec, order: int) -> _Compiled:
        spec_id = getattr(spec, "id", "")
        groups = spec.groups()
        for number, group in enumerate(groups):
            for word in self._expand(group):
                self._index[word].append((spec_id, number))
        unless = _any_of(self._words(getattr(spec, "unless", ())))
        is_cue = isinstance(spec, CueSpec)
        patterns: tuple[LazyPattern, ...] = ()
        singles: tuple[tuple[LazyPattern, bool], ...] = ()
        if groups:
            patterns = tuple(map(LazyPattern, combined_patterns(spec.patterns)))
        else:
            singles = tuple((LazyPattern(p), stands_apart(p)) for p in spec.patterns)
        return _Compiled(spec_id, len(groups), patterns, unless, is_cue, order, singles)

    def _expand(self, group: list[str]) -> set[str]:
        words: set[str] = set()
        for word in group:
            words |= self._sets[word[1:]] if word.startswith("$") else set(self._words([word]))
        return words

    def _words(self, words: Sequence[str]) -> list[str]:
        # Markers (<@all>, <card>) are the parser's own tokens, not text to normalize: as text,
        # <@all> would lose its mention.
        canonical = self._canonical
        forms = (word if _is_marker(word) else canonical(word) for word in words)
        return [form for form in forms if form]

    def _lookup(self, tokens: Sequence[str]) -> dict[str, dict[int, str]]:
        """For each spec id, the word that satisfied each of its groups."""
        found: dict[str, dict[int, str]] = {}
        index, prefixes, count = self._index, self._prefixes, len(tokens)
        for i in range(count):
            key = tokens[i]
            entries = index.get(key)
            if entries:
                _record(found, entries, key)
            elif len(key) >= MIN_SPLIT_TOKEN:
                self._inside(key, found)
            j = i + 1
            while key in prefixes and j < count and j < i + MAX_NGRAM_TOKENS:
                key += tokens[j]
                j += 1
                entries = index.get(key)
                if entries:
                    _record(found, entries, key)
        return found

    def _inside(self, token: str, found: dict[str, dict[int, str]]) -> None:
        """Rule words that end a longer dictionary word: 流感疫苗 is a 疫苗, 有线电视费 an 电视费.

        Chinese compounds put their head last, so only endings count (不动产 is no 不动),
        except before a noun suffix (儿, 子, 家, 们, 者) or 了. Only
        jieba's own words are opened up; a word the rules registered (打不着火) is a deliberate
        unit and never yields the words inside it (着火).
        """
        index = self._index
        for start in range(1, len(token) - 1):
            tail = token[start:]
            entries = index.get(tail)
            if entries:
                _record(found, entries, tail)
        if token[-1] in _OPEN_SUFFIXES:
            # ... except a word with a noun suffix or 了, whose head is the word: 老人家 is a
            # 老人, 小孩子 a 小孩, 中毒者 someone 中毒, 联系不上了 联系不上.
            entries = index.get(token[:-1])
            if entries:
                _record(found, entries, token[:-1])

    def _fires(
        self,
        compiled: _Compiled,
        found: dict[str, dict[int, str]],
        text: str,
        only: Sequence[int] | None = None,
    ) -> tuple[str, ...] | None:
        """The evidence a spec fires on, or None. A pattern rule tries only the patterns in
        `only` (those whose anchors the message holds); the result is what the combined search of
        all its patterns would find."""
        evidence: tuple[str, ...] = ()
        if compiled.groups:
            got = found.get(compiled.spec_id)
            if not got or len(got) < compiled.groups:
                return None
            evidence = (
                (got[0],)
                if compiled.groups == 1
                else tuple(map(got.__getitem__, range(compiled.groups)))
            )
        if only is not None:
            hit = _first_match(compiled.singles, only, text)
            if hit is None:
                return None
            evidence = (hit,)
        elif compiled.patterns:
            for pattern in compiled.patterns:
                match = pattern.search(text)
                if match:
                    evidence = (*evidence, match.group(0))
                    break
            else:
                return None
        if compiled.unless is not None and compiled.unless.search(text):
            return None
        return evidence


def _first_match(
    singles: tuple[tuple[LazyPattern, bool], ...], only: Sequence[int], text: str
) -> str | None:
    """What the combined search of a spec's patterns would find, trying only `only`: the
    leftmost match of the joined patterns (the earlier pattern on a tie), else the first of
    the patterns kept apart."""
    best: re.Match[str] | None = None
    for number in only:
        pattern, apart = singles[number]
        if apart:
            continue
        found = pattern.search(text)
        if found and (best is None or found.start() < best.start()):
            best = found
    if best is not None:
        return best.group(0)
    for number in only:
        pattern, apart = singles[number]
        if apart and (found := pattern.search(text)):
            return found.group(0)
    return None


def _any_of(words: Sequence[str]) -> re.Pattern[str] | None:
    """One search for any of `words` (longest first, so the alternation is unambiguous)."""
    if not words:
        return None
    return re.compile("|".join(map(re.escape, sorted(set(words), key=len, reverse=True))))


def _cancelling_cues(rule: RuleSpec, rules: RuleFile) -> tuple[str, ...]:
    """The rule's own cancelling cues, then those of the whole file that apply to its kind."""
    cues = list(rule.cancel)
    if rule.kind.is_ticket:
        cues += rules.always_cancel
        cues += [cue for cue, kinds in rules.cancel_kinds.items() if rule.kind in kinds]
    return tuple(dict.fromkeys(cues))


def _record(found: dict[str, dict[int, str]], entries: list[tuple[str, int]], word: str) -> None:
    for spec_id, group in entries:
        groups = found.get(spec_id)
        if groups is None:
            found[spec_id] = {group: word}
        elif group not in groups:
            groups[group] = word


class _AnchorIndex:
    """Pattern-only rules or cues, indexed by the anchors of their patterns (nlp/anchors.py):
    a spec is tried on a message only when one of its anchors occurs in it. One Aho-Corasick
    pass over the message finds every anchor at once."""

    def __init__(
        self, specs: list[_Compiled], anchors_of: Callable[[str], Anchors] = anchors
    ) -> None:
        self._always: list[_Compiled] = []  # specs with a pattern that has no anchors
        self._specs: dict[int, _Compiled] = {}
        by_anchor: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for spec in specs:
            sets = [anchors_of(pattern.pattern) for pattern, _apart in spec.singles]
            if not sets or any(found is None for found in sets):
                self._always.append(spec)
                continue
            self._specs[spec.order] = spec
            for number, found in enumerate(sets):
                for anchor in found or ():
                    by_anchor[anchor].append((spec.order, number))
        self._automaton = ahocorasick.Automaton()
        for anchor, admitted in by_anchor.items():
            self._automaton.add_word(anchor, tuple(admitted))
        self._searchable = bool(by_anchor)  # an automaton with no words cannot be built
        if self._searchable:
            self._automaton.make_automaton()
        # The specs tried on every message, with all their patterns.
        self._always_tried = {s.order: list(range(len(s.singles))) for s in self._always}

    def candidates(self, text: str) -> tuple[list[_Compiled], dict[int, list[int]]]:
        """The specs that might match `text`, each once, and for each the patterns (by number,
        in file order) worth trying, keyed by the spec's file order."""
        if not text or not self._searchable:
            return list(self._always), self._always_tried
        found: set[tuple[int, int]] = set()
        for _end, admitted in self._automaton.iter(text):
            found.update(admitted)
        narrowed: dict[int, list[int]] = {}
        for order, number in sorted(found):
            narrowed.setdefault(order, []).append(number)
        specs = [*self._always, *(self._specs[order] for order in narrowed)]
        narrowed.update(self._always_tried)
        return specs, narrowed


def _is_marker(word: str) -> bool:
    return len(word) > 2 and word[0] == "<" and word[-1] == ">"
