"""Render a parser analysis for a village secretary who is tuning the rules."""

from __future__ import annotations

from handlers import texts
from nlp.kinds import Kind
from nlp.normalize import MAX_PARSE_CHARS
from nlp.parser import Analysis, Parser
from nlp.slots import mask_phones


def render_explanation(analysis: Analysis, parser: Parser) -> str:
    """A readable, line-by-line account of how one message was read."""
    norm, intent, decision = analysis.normalized, analysis.intent, analysis.decision
    lines = [f"{texts.EXPLAIN_ORIGINAL}：{_clip(mask_phones(norm.original))}"]
    normalized = mask_phones(norm.text) + (
        texts.EXPLAIN_TRUNCATED.format(chars=MAX_PARSE_CHARS) if norm.truncated else ""
    )
    lines.append(f"{texts.EXPLAIN_NORMALIZED}：{normalized}")
    stripped = _stripped(analysis)
    if stripped:
        lines.append(f"{texts.EXPLAIN_MARKUP}：{'；'.join(stripped)}")
    lines.append(
        f"{texts.EXPLAIN_TOKENS}：{mask_phones(' | '.join(analysis.tokens))}"
        + (f"   [{' '.join(analysis.markers)}]" if analysis.markers else "")
    )
    cues = ", ".join(analysis.cues) or texts.EXPLAIN_NO_CUES
    if analysis.overridden_cues:
        cues += texts.EXPLAIN_OVERRIDDEN.format(cues=", ".join(analysis.overridden_cues))
    lines.append(f"{texts.EXPLAIN_CUES}：{cues}")
    lines.append(f"{texts.EXPLAIN_RULES}：" + ("" if analysis.hits else texts.EXPLAIN_NO_RULES))
    for hit in analysis.hits:
        mark = "✓" if hit.counts and hit.rule_id not in decision.repeated else "✗"
        line = f"  {mark} {hit.rule_id:<28} {_kind(hit.kind):<8} +{hit.weight:g}  [{'、'.join(hit.evidence)}]"
        if hit.urgent:
            line += f" {texts.EXPLAIN_URGENT}"
        if hit.cancelled_by:
            line += "  " + texts.EXPLAIN_CANCELLED.format(cues=", ".join(hit.cancelled_by))
        elif hit.rule_id in decision.repeated:
            line += "  " + texts.EXPLAIN_REPEATED
        lines.append(line)
    if analysis.candidate_readings:
        shown = "，".join(
            f"{r.name or texts.EXPLAIN_NOBODY} {r.celsius:g}℃" for r in analysis.candidate_readings
        )
        dropped = "" if intent.readings else texts.EXPLAIN_READINGS_DROPPED
        lines.append(f"{texts.EXPLAIN_READINGS}：{shown}{dropped}")
    scores = "，".join(
        f"{_kind(k)} {s:g}" for k, s in sorted(decision.scores.items(), key=lambda ks: -ks[1])
    )
    threshold = texts.EXPLAIN_THRESHOLD.format(threshold=parser.rules.threshold)
    lines.append(f"{texts.EXPLAIN_SCORES}：{scores or '—'}（{threshold}）")
    if analysis.chat_probability is not None and parser.gate is not None:
        strongest = parser.gate.strongest(analysis.normalized.text, analysis.tokens)
        features = "、".join(f"{f.replace(' ', '␣')} {v:+.2f}" for f, v in strongest)
        line = texts.EXPLAIN_GATE_LINE.format(
            probability=analysis.chat_probability,
            gate=parser.gate_threshold,
            features=features or "—",
        )
        lines.append(f"{texts.EXPLAIN_GATE}：{line}")
    verdict = [
        _kind(intent.kind),
        texts.EXPLAIN_URGENT if intent.urgent else texts.EXPLAIN_NOT_URGENT,
    ]
    if intent.fever:
        verdict.append(texts.EXPLAIN_FEVER.format(fever=parser.fever_celsius))
    lines.append(f"{texts.EXPLAIN_RESULT}：{' · '.join(verdict)}  ({intent.kind})")
    lines.append(f"{texts.EXPLAIN_WHY}：{_reason(analysis, parser)}")
    slots = _slots(analysis)
    if slots:
        lines.append(f"{texts.EXPLAIN_SLOTS}：{'；'.join(slots)}")
    return "\n".join(lines)


def _reason(analysis: Analysis, parser: Parser) -> str:
    """Why the kind won, in words a secretary reads."""
    kind, scores = analysis.intent.kind, analysis.decision.scores
    threshold = parser.rules.threshold
    if analysis.gated_from is not None and analysis.chat_probability is not None:
        return texts.WHY_GATED.format(
            kind=_kind(analysis.gated_from),
            probability=analysis.chat_probability,
            gate=parser.gate_threshold,
        )
    if kind.is_ticket:
        others = [(k, v) for k, v in scores.items() if k.is_ticket and k is not kind]
        reason = texts.WHY_TICKET.format(kind=_kind(kind), score=scores[kind], threshold=threshold)
        if others:
            other, value = max(others, key=lambda kv: kv[1])
            reason += texts.WHY_AHEAD_OF.format(kind=_kind(other), score=value)
        return reason
    if kind is Kind.TEMPERATURE:
        return texts.WHY_TEMPERATURE.format(score=scores[kind])
    cancelled = sorted({c for h in analysis.hits for c in h.cancelled_by})
    if cancelled and not any(h.counts and h.kind.is_ticket for h in analysis.hits):
        return texts.WHY_CHAT_CANCELLED.format(cues="、".join(cancelled))
    best = max((v for k, v in scores.items() if k.is_ticket), default=0.0)
    if best >= threshold:
        return texts.WHY_CHAT_OUTSCORED.format(score=scores.get(Kind.CHAT, 0.0))
    if best:
        return texts.WHY_CHAT_BELOW.format(score=best, threshold=threshold)
    return texts.WHY_CHAT_NOTHING


def _kind(kind: Kind) -> str:
    return f"{texts.KIND_NAMES[kind]}"


def _clip(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else f"{text[:limit]}…（共 {len(text)} 字）"


def _stripped(analysis: Analysis) -> list[str]:
    markup = analysis.normalized.markup
    parts = []
    if markup.card:
        parts.append(texts.EXPLAIN_CARD)
    if markup.reply_to:
        parts.append(f"{texts.EXPLAIN_REPLY_TO} {markup.reply_to}")
    if markup.quoted:
        parts.append(f"{texts.EXPLAIN_QUOTED}「{_clip(markup.quoted, 40)}」")
    if markup.mentions:
        parts.append(f"{texts.EXPLAIN_MENTIONS} " + " ".join(f"@{m}" for m in markup.mentions))
    if markup.emojis:
        parts.append(f"{texts.EXPLAIN_EMOJI} " + "".join(f"[{e}]" for e in markup.emojis))
    return parts


def _slots(analysis: Analysis) -> list[str]:
    slots = analysis.intent.slots
    found = [
        (texts.EXPLAIN_ADDRESS, slots.address),
        (texts.EXPLAIN_PERSON, slots.person),
        (texts.EXPLAIN_PHONE, slots.masked_phone if slots.phone else ""),
    ]
    return [f"{label} {value}" for label, value in found if value]
