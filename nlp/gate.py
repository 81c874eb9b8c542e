"""The chat gate: a second opinion on routine requests, learned from every labelled chat line.

The rules decide what a message asks for. Chat that only talks about a request (thanks for a
repair, another village's news, an officer's reply) keeps slipping past them in new words, so a
logistic model over the message's words and character n-grams, trained on the labelled sets in
`tests/data` by `tools/train_chat_gate.py`, is asked once the rules have chosen a request kind.
When it is sure (probability of chat at or above the rule file's `chat_gate`) the message is
chat. Urgent messages and temperature reports are never asked: a danger to life is not left to a
statistical guess, and readings are explicit.

Each block of features (the words, the character 1- and 2-grams) counts every feature present
once and is scaled to unit length: a block of n distinct features gives each 1/sqrt(n), known
or not. That is scikit-learn's `TfidfVectorizer(binary=True, use_idf=False)` on the training
messages, whose every feature is in its vocabulary. The score is the intercept plus each
block's coefficients over its length; features whose coefficient is negligible are not shipped.
Scoring is a few sums, so the runtime needs no scikit-learn.
"""

from __future__ import annotations

import gzip
import math
import operator
from collections.abc import Sequence
from functools import cache
from importlib import resources
from itertools import repeat

GATE_FILE = "data/chat_gate.tsv.gz"
_WORDS, _GRAMS = "w", "c"


def word_features(tokens: Sequence[str]) -> set[str]:
    """The word block: the parser's tokens (which never hold whitespace), without blanks."""
    features = set(tokens)
    features.discard("")
    return features


def gram_features(text: str) -> set[str]:
    """The character block: 1- and 2-grams of the normalized text, lower case, blanks collapsed."""
    flat = " ".join(text.lower().split())
    return {*flat, *map(operator.add, flat, flat[1:])}


class GateModel:
    """A trained chat gate: each block's coefficients and the intercept."""

    def __init__(
        self, words: dict[str, float], grams: dict[str, float], intercept: float, digest: str
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
        blocks: dict[str, dict[str, float]] = {_WORDS: {}, _GRAMS: {}}
        intercept, digest = 0.0, ""
        lines = gzip.decompress(source).decode("utf-8").split("\n")
        for number, line in enumerate(lines, 1):
            if not line:
                continue
            block, feature, coef = _fields(line, number)
            if block in blocks:
                blocks[block][feature] = coef
            elif block == "b":
                intercept = coef
            elif block == "#":
                digest = feature
            else:
                raise ValueError(f"{GATE_FILE} line {number}: unknown block {block!r}")
        if not blocks[_WORDS] or not blocks[_GRAMS]:
            raise ValueError(f"{GATE_FILE}: no features")
        return cls(blocks[_WORDS], blocks[_GRAMS], intercept, digest)

    def probability(self, text: str, tokens: Sequence[str]) -> float:
        """How sure the model is that the message is chat (0 to 1)."""
        score = (
            self.intercept
            + _block_score(self.words, word_features(tokens))
            + _block_score(self.grams, gram_features(text))
        )
        return 1.0 / (1.0 + math.exp(-score)) if score > -500 else 0.0

    def strongest(
        self, text: str, tokens: Sequence[str], count: int = 5
    ) -> list[tuple[str, float]]:
        """The words and n-grams that pushed hardest either way, for `--explain`."""
        parts = [
            *_contributions(self.words, word_features(tokens)),
            *_contributions(self.grams, gram_features(text)),
        ]
        merged: dict[str, float] = {}
        for feature, value in parts:
            merged[feature] = merged.get(feature, 0.0) + value
        return sorted(merged.items(), key=lambda fv: -abs(fv[1]))[:count]


@cache
def shipped_gate() -> GateModel:
    """The model shipped with the package, read once per process (every parser shares it)."""
    return GateModel.load()


def _block_score(coefs: dict[str, float], features: set[str]) -> float:
    """The block's share of the score (the sum of `_contributions`, on the hot path)."""
    if not features:
        return 0.0
    return sum(map(coefs.get, features, repeat(0.0))) / math.sqrt(len(features))


def _contributions(coefs: dict[str, float], features: set[str]) -> list[tuple[str, float]]:
    """Each known feature's share of the score: its coefficient over the block's length."""
    if not features:
        return []
    length = math.sqrt(len(features))
    return [(f, coefs[f] / length) for f in sorted(features) if f in coefs]


def _fields(line: str, number: int) -> tuple[str, str, float]:
    parts = line.split("\t")
    if len(parts) != 3:
        raise ValueError(f"{GATE_FILE} line {number}: expected 3 tab-separated fields")
    try:
        return parts[0], parts[1], float(parts[2])
    except ValueError:
        raise ValueError(f"{GATE_FILE} line {number}: the coefficient must be a number") from None
