"""Turn rule hits and readings into one kind, with the reason it won."""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter
from typing import NamedTuple

from nlp.kinds import ACTION_KINDS, Kind
from nlp.matcher import Hit


class Decision(NamedTuple):
    """The winning kind, whether it is urgent, every kind's score, and the hits that added
    nothing because a heavier hit of the same kind had used their words."""

    kind: Kind
    urgent: bool
    scores: dict[Kind, float]
    repeated: frozenset[str] = frozenset()


def decide(hits: Sequence[Hit], *, threshold: float, priority: Sequence[Kind]) -> Decision:
    """Action beats routine beats chat: a request that needs someone wins over a report."""
    if not hits:
        return _NOTHING
    scores, repeated = _score(hits)
    actions = [k for k, score in scores.items() if score >= threshold and k in _ACTIONS]
    if actions:
        best = actions[0]
        if len(actions) > 1:
            rank = {kind: n for n, kind in enumerate(priority)}
            best = max(actions, key=lambda k: (scores[k], -rank.get(k, len(rank))))
        if scores[best] > scores.get(Kind.CHAT, 0.0):
            urgent = any(h.makes_urgent(best) for h in hits)
            return Decision(best, urgent, scores, repeated)
    if scores.get(Kind.TEMPERATURE, 0.0) >= threshold:
        return Decision(Kind.TEMPERATURE, False, scores, repeated)
    return Decision(Kind.CHAT, False, scores, repeated)


def without_request(decision: Decision, *, threshold: float) -> Decision:
    """The same scores read as if no request had won: a report if readings carry it, else chat."""
    scores = decision.scores
    kind = Kind.TEMPERATURE if scores.get(Kind.TEMPERATURE, 0.0) >= threshold else Kind.CHAT
    return Decision(kind, False, scores, decision.repeated)


_NOTHING = Decision(Kind.CHAT, False, {})
_ACTIONS = frozenset(ACTION_KINDS)


def _score(hits: Sequence[Hit]) -> tuple[dict[Kind, float], frozenset[str]]:
    """Sum the weights per kind, heaviest first; a hit whose words were all used already by a
    heavier hit of the same kind adds nothing (one word should not count twice)."""
    counting = sorted((h for h in hits if not h.cancelled_by), key=_WEIGHT, reverse=True)
    if len({h.kind for h in counting}) == len(counting):
        # One hit per kind (the usual case): nothing can repeat another's words.
        return {h.kind: h.weight for h in counting}, _NONE
    scores: dict[Kind, float] = {}
    used: dict[Kind, set[str]] = {}
    repeated: set[str] = set()
    for hit in counting:
        words = used.setdefault(hit.kind, set())
        if hit.evidence and words.issuperset(hit.evidence):
            repeated.add(hit.rule_id)
            continue
        words.update(hit.evidence)
        scores[hit.kind] = scores.get(hit.kind, 0.0) + hit.weight
    return scores, frozenset(repeated)


_WEIGHT = attrgetter("weight")
_NONE: frozenset[str] = frozenset()
