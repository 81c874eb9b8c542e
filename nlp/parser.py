"""The message parser: normalize, segment, match rules, extract readings and slots, decide."""

from __future__ import annotations

import logging
from importlib import resources
from typing import Generic, NamedTuple, TypeVar

import jieba

from nlp.classify import Decision, decide, without_request
from nlp.derived import DerivedCache
from nlp.gate import shipped_gate
from nlp.kinds import Kind
from nlp.matcher import Hit, RuleMatcher
from nlp.normalize import Normalized, Simplifier, normalize
from nlp.rules import RuleFile, TemperatureSpec, default_rules
from nlp.segment import Segmenter
from nlp.slots import NO_SLOTS, Slots, extract_slots
from nlp.temperature import Fillers, Reading, TemperatureLexicon, any_word, extract

Value = TypeVar("Value")
DEFAULT_FEVER_CELSIUS = 37.3
DEFAULT_CACHE_SIZE = 8192
_CACHE_MAX_CHARS = 200
# A message with this many readings is a household or building roster, not one sick person.
_ROSTER_READINGS = 3
# Rule words get a frequency high enough that jieba keeps each of them in one piece.
_RULE_WORD_FREQ = 50_000
# The chat gate is a second opinion on thin evidence: a request scoring this many times the
# threshold (several rules, or one strong one) is not asked about.
_GATE_BELOW_THRESHOLDS = 3.0
# Listed among the rule ids when the chat gate turned a request into chat.
GATE_RULE_ID = "chat_gate"


class Intent(NamedTuple):
    """What one message means: its kind, urgency, temperature readings, slots and the rules used."""

    kind: Kind
    urgent: bool
    readings: tuple[Reading, ...]
    slots: Slots
    rule_ids: tuple[str, ...]
    fever: bool

    @property
    def is_ticket(self) -> bool:
        """True when the message asks someone to act."""
        return self.kind.is_ticket


class Analysis(NamedTuple):
    """An intent with everything that led to it, for `gridbot parse --explain`."""

    intent: Intent
    normalized: Normalized
    tokens: tuple[str, ...]
    markers: tuple[str, ...]
    hits: tuple[Hit, ...]
    cues: tuple[str, ...]
    candidate_readings: tuple[Reading, ...]
    decision: Decision
    overridden_cues: tuple[str, ...] = ()
    # The chat gate's probability when it was asked (a routine request), else None.
    chat_probability: float | None = None
    # The request kind the rules chose when the chat gate overruled them.
    gated_from: Kind | None = None


class Parser:
    """Reads village chat. Build one per process: loading the dictionary takes a moment."""

    def __init__(
        self,
        rules: RuleFile | None = None,
        *,
        fever_celsius: float = DEFAULT_FEVER_CELSIUS,
        cache_size: int = DEFAULT_CACHE_SIZE,
    ) -> None:
        self.rules = rules or default_rules()
        self.fever_celsius = fever_celsius
        # Village chat repeats itself (收到, 好的, 36.5): identical texts get the same intent.
        self._cache: _Memo[Intent] = _Memo(cache_size)
        self._normalized: _Memo[str] = _Memo(cache_size)
        self._to_simplified = Simplifier()
        # Anchors and canonical rule words from the last start, recomputed only when missing.
        derived = DerivedCache()
        self._matcher = RuleMatcher(
            self.rules, lambda word: derived.word(word, self._normalized_word), derived.anchors
        )
        derived.save()
        self._temperature = _lexicon(self.rules.temperature)
        self._rolls: dict[tuple[str, ...], tuple[list[Hit], list[str], tuple[str, ...]]] = {}
        self.segmenter = Segmenter(_build_tokenizer(self._matcher.vocabulary()))
        self.gate = shipped_gate() if self.rules.chat_gate is not None else None
        # How sure the gate must be (it is never asked when there is none).
        self.gate_threshold = self.rules.chat_gate or 1.0

    def parse(self, text: str) -> Intent:
        """The intent of one message; never raises for any string."""
        cached = self._cache.get(text)
        if cached is None:
            cached = self._cache.put(text, self.analyze(text).intent)
        return cached

    def normalize(self, text: str) -> str:
        """The canonical form of a message (markup removed, half-width, simplified)."""
        cached = self._normalized.get(text)
        if cached is None:
            cached = self._normalized.put(text, normalize(text, self._to_simplified).text)
        return cached

    def _normalized_word(self, word: str) -> str:
        return normalize(word, self._to_simplified).text

    def clear_cache(self) -> None:
        """Forget remembered intents (after the rules change, or to measure cold speed)."""
        self._cache.clear()
        self._normalized.clear()

    def tokens(self, text: str) -> list[str]:
        """The parser's segmentation of already-normalized text, spaces dropped."""
        return self.segmenter.cut(text)

    def analyze(self, text: str) -> Analysis:
        """The intent of one message and how it was reached."""
        norm = normalize(text, self._to_simplified)
        extraction = extract(norm, self._temperature)
        readings = extraction.readings
        markers = _markers(norm, len(readings))
        if extraction.roster_only:
            # A bare roll of names and readings holds no request: only its markers are read.
            tokens: tuple[str, ...] = ()
            hits, cues, overridden = self._roll(markers)
        else:
            tokens = tuple(self.tokens(norm.text)) if norm.text else ()
            hits, cues, overridden = self._matcher.match((*tokens, *markers), norm.text)
        decision = decide(hits, threshold=self.rules.threshold, priority=self.rules.priority)
        chat_probability, gated_from = None, None
        if (
            self.gate is not None
            and decision.kind.is_ticket
            and not decision.urgent
            and decision.scores[decision.kind] < self.rules.threshold * _GATE_BELOW_THRESHOLDS
        ):
            chat_probability = self.gate.probability(norm.text, tokens)
            if chat_probability >= self.gate_threshold:
                gated_from = decision.kind
                decision = without_request(decision, threshold=self.rules.threshold)
        kept = readings if decision.kind is Kind.TEMPERATURE else ()
        rule_ids = tuple(h.rule_id for h in hits if not h.cancelled_by)
        if gated_from is not None:
            rule_ids = (*rule_ids, GATE_RULE_ID)
        intent = Intent(
            kind=decision.kind,
            urgent=decision.urgent,
            readings=kept,
            slots=extract_slots(norm.text, norm.written) if decision.kind.is_ticket else NO_SLOTS,
            rule_ids=rule_ids,
            fever=any(r.celsius >= self.fever_celsius for r in kept),
        )
        return Analysis(
            intent,
            norm,
            tokens,
            markers,
            tuple(hits),
            tuple(cues),
            readings,
            decision,
            overridden,
            chat_probability,
            gated_from,
        )

    def _roll(self, markers: tuple[str, ...]) -> tuple[list[Hit], list[str], tuple[str, ...]]:
        """What the rules make of a bare roll with these markers (the same for every roll)."""
        known = self._rolls.get(markers)
        if known is None:
            known = self._rolls[markers] = self._matcher.match(markers, "")
        return known


class _Memo(Generic[Value]):
    """A bounded memory of results for short texts; the oldest entry goes first when full."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: dict[str, Value] = {}

    def get(self, text: str) -> Value | None:
        return self._items.get(text)

    def put(self, text: str, value: Value) -> Value:
        if self._size and len(text) <= _CACHE_MAX_CHARS:
            if len(self._items) >= self._size:
                del self._items[next(iter(self._items))]
            self._items[text] = value
        return value

    def clear(self) -> None:
        self._items.clear()


def _lexicon(spec: TemperatureSpec) -> TemperatureLexicon:
    return TemperatureLexicon(
        body=any_word(tuple(spec.body)),
        weather=any_word(tuple(spec.weather)),
        not_units=tuple(spec.not_units),
        thresholds_before=tuple(spec.thresholds_before),
        thresholds_after=tuple(spec.thresholds_after),
        vague_after=tuple(spec.vague_after),
        fillers=Fillers.of(tuple(spec.fillers)),
    )


def _markers(norm: Normalized, readings: int) -> tuple[str, ...]:
    """Pseudo-tokens for facts that are not words, so rules and cues can name them."""
    markup = norm.markup
    flags = (
        ("<card>", markup.card and not markup.commented),  # a comment is the sender's own words
        ("<@all>", markup.mentions_all),
        ("<quoted>", bool(markup.quoted)),
        ("<readings>", readings > 0),
        ("<roster>", readings >= _ROSTER_READINGS),
    )
    return tuple(marker for marker, present in flags if present)


def _build_tokenizer(words: set[str]) -> jieba.Tokenizer:
    # jieba logs "Building prefix dict..." at DEBUG to stderr; keep the CLI's stderr for errors.
    jieba.setLogLevel(logging.WARNING)
    # jieba's 100,000 most frequent words (of 349,046): the same segmentation of village chat on
    # every labeled set, half the memory and a faster start. The rules' words are added below.
    core = resources.files("nlp").joinpath("data/jieba_core.txt")
    with resources.as_file(core) as path:
        tokenizer = jieba.Tokenizer(dictionary=str(path))
        tokenizer.initialize()
    lexicon = resources.files("nlp").joinpath("data/lexicon.txt")
    with lexicon.open("rb") as handle:
        tokenizer.load_userdict(handle)
    for word in sorted(words):
        tokenizer.add_word(word, _RULE_WORD_FREQ)
    return tokenizer
