"""Turn rule hits and readings into one kind, with the reason it won."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nlp.kinds import ACTION_KINDS, Kind
from nlp.matcher import Hit


@dataclass(frozen=True, slots=True)
class Decision:
    """The winning kind, whether it is urgent, every kind's score, and why the winner won."""

    kind: Kind
    urgent: bool
    scores: dict[Kind, float]
    reason: str
    repeated: frozenset[str] = frozenset()


def decide(hits: Sequence[Hit], *, threshold: float, priority: Sequence[Kind]) -> Decision:
    """Action beats routine beats chat: a request that needs someone wins over a report."""
    scores, repeated = _score(hits)
    rank = {kind: n for n, kind in enumerate(priority)}
    actions = [k for k in ACTION_KINDS if scores.get(k, 0.0) >= threshold]
    chat = scores.get(Kind.CHAT, 0.0)
    if actions:
        best = max(actions, key=lambda k: (scores[k], -rank.get(k, len(rank))))
        if scores[best] > chat:
            urgent = any(h.makes_urgent(best) for h in hits)
            runner_up = _runner_up(scores, best)
            return Decision(
                best, urgent, scores, _why_action(best, scores, runner_up, threshold), repeated
            )
    if scores.get(Kind.TEMPERATURE, 0.0) >= threshold:
        reason = f"temperature scored {scores[Kind.TEMPERATURE]:g} and no request outscored chat"
        if actions:
            reason += f"; {actions[0]} scored no more than chat ({chat:g})"
        return Decision(Kind.TEMPERATURE, False, scores, reason, repeated)
    return Decision(Kind.CHAT, False, scores, _why_chat(scores, threshold, hits), repeated)


def _score(hits: Sequence[Hit]) -> tuple[dict[Kind, float], frozenset[str]]:
    """Sum the weights per kind, heaviest first; a hit whose words were all used already by a
    heavier hit of the same kind adds nothing (one word should not count twice)."""
    scores: dict[Kind, float] = {}
    used: dict[Kind, set[str]] = {}
    repeated: set[str] = set()
    for hit in sorted((h for h in hits if h.counts), key=lambda h: -h.weight):
        words = used.setdefault(hit.kind, set())
        if hit.evidence and words.issuperset(hit.evidence):
            repeated.add(hit.rule_id)
            continue
        words.update(hit.evidence)
        scores[hit.kind] = scores.get(hit.kind, 0.0) + hit.weight
    return scores, frozenset(repeated)


def _runner_up(scores: dict[Kind, float], best: Kind) -> tuple[Kind, float] | None:
    others = [(k, s) for k, s in scores.items() if k != best and k.is_ticket]
    return max(others, key=lambda ks: ks[1]) if others else None


def _why_action(
    best: Kind, scores: dict[Kind, float], runner_up: tuple[Kind, float] | None, threshold: float
) -> str:
    reason = f"{best} scored {scores[best]:g} (needs {threshold:g})"
    if runner_up:
        reason += f", ahead of {runner_up[0]} {runner_up[1]:g}"
    return reason


def _why_chat(scores: dict[Kind, float], threshold: float, hits: Sequence[Hit]) -> str:
    if any(not h.counts for h in hits) and not any(h.counts and h.kind.is_ticket for h in hits):
        cues = sorted({c for h in hits for c in h.cancelled_by})
        return f"every rule that matched was cancelled by a cue ({', '.join(cues)})"
    best = max((s for k, s in scores.items() if k.is_ticket), default=0.0)
    if best and best >= threshold:
        return f"chat rules scored {scores.get(Kind.CHAT, 0.0):g}, at least as much as any request"
    if best:
        return f"no request reached the threshold {threshold:g} (best {best:g})"
    return "no request rule matched"
