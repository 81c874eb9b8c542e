"""The chat gate: a second opinion on routine requests, learned from every labelled chat line.

The rules decide what a message asks for. Chat that only talks about a request (thanks for a
repair, another village's news, an officer's reply) keeps slipping past them in new words, so a
logistic model over the message's words and character n-grams, trained on the labelled sets in
`tests/data` by `tools/train_chat_gate.py`, is asked once the rules have chosen a request kind.
When it is sure (probability of chat at or above the rule file's `chat_gate`) the message is
chat. Urgent messages and temperature reports are never asked: a danger to life is not left to a
statistical guess, and readings are explicit.

The features are the ones scikit-learn's `TfidfVectorizer` computes with `sublinear_tf` and the
analyzers below: each block (words, character n-grams) weighted 1 + ln(count) times its idf and
scaled to unit length; unknown features are ignored. Scoring is a dot product, so the runtime
needs no scikit-learn.
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Sequence
from importlib import resources
from typing import NamedTuple

GATE_FILE = "data/chat_gate.tsv.gz"
GRAM_SIZES = (1, 2, 3)
_WORDS, _GRAMS = "w", "c"


def word_features(tokens: Sequence[str]) -> list[str]:
    """The word block: the parser's tokens without blanks."""
    return [t for t in (token.strip() for token in tokens) if t]


def gram_features(text: str) -> list[str]:
    """The character block: 1- to 3-grams of the normalized text, lower case, blanks collapsed."""
    flat = " ".join(text.lower().split())
    return [flat[i : i + n] for n in GRAM_SIZES for i in range(len(flat) - n + 1)]


class Weight(NamedTuple):
    """One feature's inverse document frequency and its coefficient."""

    idf: float
    coef: float


class GateModel:
    """A trained chat gate: per-block feature weights and the intercept."""

    def __init__(
        self, words: dict[str, Weight], grams: dict[str, Weight], intercept: float, digest: str
    ) -> None:
        self.words = words
        self.grams = grams
        self.intercept = intercept
        # What it was trained on (a digest of the labelled files), checked by the tests.
        self.digest = digest

    @classmethod
    def load(cls, source: bytes | None = None) -> GateModel:
        """The shipped model, or one read from `source` (the gzip'd file's bytes)."""
        if source is None:
            source = resources.files("nlp").joinpath(GATE_FILE).read_bytes()
        words: dict[str, Weight] = {}
        grams: dict[str, Weight] = {}
        intercept, digest = 0.0, ""
        lines = gzip.decompress(source).decode("utf-8").split("\n")
        for number, line in enumerate(lines, 1):
            if not line:
                continue
            block, feature, idf, coef = _fields(line, number)
            if block == _WORDS:
                words[feature] = Weight(idf, coef)
            elif block == _GRAMS:
                grams[feature] = Weight(idf, coef)
            elif block == "b":
                intercept = coef
            elif block == "#":
                digest = feature
            else:
                raise ValueError(f"{GATE_FILE} line {number}: unknown block {block!r}")
        if not words or not grams:
            raise ValueError(f"{GATE_FILE}: no features")
        return cls(words, grams, intercept, digest)

    def probability(self, text: str, tokens: Sequence[str]) -> float:
        """How sure the model is that the message is chat (0 to 1)."""
        score = self.intercept
        for weights, features in (
            (self.words, word_features(tokens)),
            (self.grams, gram_features(text)),
        ):
            score += sum(c for _, c in _contributions(weights, features))
        return 1.0 / (1.0 + math.exp(-score)) if score > -500 else 0.0

    def strongest(self, text: str, tokens: Sequence[str], count: int = 5) -> list[tuple[str, float]]:
        """The words and n-grams that pushed hardest either way, for `--explain`."""
        parts = [
            *_contributions(self.words, word_features(tokens)),
            *_contributions(self.grams, gram_features(text)),
        ]
        merged: dict[str, float] = {}
        for feature, value in parts:
            merged[feature] = merged.get(feature, 0.0) + value
        return sorted(merged.items(), key=lambda fv: -abs(fv[1]))[:count]


def _contributions(weights: dict[str, Weight], features: list[str]) -> list[tuple[str, float]]:
    """Each known feature's share of the score: tf-idf scaled to unit length, times its coef."""
    counts: dict[str, int] = {}
    for feature in features:
        if feature in weights:
            counts[feature] = counts.get(feature, 0) + 1
    if not counts:
        return []
    values = {f: (1.0 + math.log(n)) * weights[f].idf for f, n in counts.items()}
    length = math.sqrt(sum(v * v for v in values.values()))
    return [(f, v / length * weights[f].coef) for f, v in values.items()]


def _fields(line: str, number: int) -> tuple[str, str, float, float]:
    parts = line.split("\t")
    if len(parts) != 4:
        raise ValueError(f"{GATE_FILE} line {number}: expected 4 tab-separated fields")
    try:
        return parts[0], parts[1], float(parts[2]), float(parts[3])
    except ValueError:
        raise ValueError(f"{GATE_FILE} line {number}: idf and coef must be numbers") from None
