"""Rules are data: the shipped file validates, villages override it, bad files say where."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nlp.kinds import Kind
from nlp.parser import Parser
from nlp.rules import (
    RuleOverrides,
    RuleSpec,
    apply_overrides,
    combined_patterns,
    default_rules,
    load_rules,
)
from nlp.yamlfile import ConfigError


def test_shipped_rules_have_unique_stable_ids() -> None:
    rules = default_rules()
    ids = [r.id for r in rules.rules]
    assert len(ids) == len(set(ids))
    assert all("." in rule_id for rule_id in ids)


def test_every_shipped_pattern_compiles_alone_and_joined() -> None:
    # Start-up does not compile the shipped patterns (the matcher compiles each when a message
    # first needs it), so a broken one would only fail on the message that reaches it.
    rules = default_rules()
    for spec in [*rules.cues, *rules.rules]:
        for pattern in [*spec.patterns, *combined_patterns(spec.patterns)]:
            try:
                re.compile(pattern)
            except re.error as exc:
                pytest.fail(f"{getattr(spec, 'id', '?')}: bad pattern {pattern!r}: {exc}")


def test_extra_rule_and_word_from_a_village() -> None:
    overrides = RuleOverrides(
        extra_words=["卷帘机"],
        extra_rules=[
            RuleSpec(id="village.rose_buyer", kind=Kind.AGRICULTURE, any=["鲜花合作社"], weight=3)
        ],
    )
    parser = Parser(apply_overrides(default_rules(), overrides))
    intent = parser.parse("鲜花合作社今年还来不来")
    assert intent.kind is Kind.AGRICULTURE
    assert "village.rose_buyer" in intent.rule_ids


def test_rule_words_in_traditional_script_or_cantonese_still_match() -> None:
    # Messages are simplified and Cantonese particles read as Mandarin before matching; a rule
    # a village writes the way it speaks must be brought to the same form, or it never fires.
    overrides = RuleOverrides(
        extra_rules=[
            RuleSpec(id="village.ferry", kind=Kind.REPAIR, any=["渡船冇開"], weight=3),
        ],
    )
    parser = Parser(apply_overrides(default_rules(), overrides))
    for text in ("今朝渡船冇開", "今朝渡船没开"):
        assert "village.ferry" in parser.parse(text).rule_ids, text


def test_disabled_rule_no_longer_fires() -> None:
    overrides = RuleOverrides(disabled_rules=["hazard.burning"])
    parser = Parser(apply_overrides(default_rules(), overrides))
    assert "hazard.burning" not in parser.parse("有人在麦地边上烧秸秆").rule_ids


def test_disabling_an_unknown_rule_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"no\.such"):
        apply_overrides(default_rules(), RuleOverrides(disabled_rules=["no.such"]))


SHIPPED = Path(__file__).resolve().parents[1] / "nlp" / "data" / "rules.yaml"


def _edited_rules(tmp_path: Path, old: str, new: str) -> tuple[Path, list[str]]:
    """The shipped rule file with its first `old` replaced by `new`, and its lines."""
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text, old
    edited = tmp_path / "rules.yaml"
    edited.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edited, edited.read_text(encoding="utf-8").splitlines()


def test_bad_rule_file_names_line_and_field(tmp_path: Path) -> None:
    bad, lines = _edited_rules(tmp_path, "    weight: 4\n", "    weight: lots\n")
    line = lines.index("    weight: lots") + 1
    with pytest.raises(ConfigError, match=rf"rules.yaml line {line}: rules\.\d+\.weight"):
        load_rules(bad)


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        ('"[?？]"', '"[?？"', "bad regular expression"),
        ("    cancel: [", "    cancel: [nonsense, ", "unknown cue"),
        ("  simile: [", "  nonsense: [", "cancel_kinds names unknown cue"),
        ("  plea: [", "  plea: [nonsense, ", "overrides names unknown cue"),
    ],
)
def test_a_broken_rule_file_is_refused_with_the_reason(
    tmp_path: Path, old: str, new: str, error: str
) -> None:
    bad, _lines = _edited_rules(tmp_path, old, new)
    with pytest.raises(ConfigError, match=error):
        load_rules(bad)


def test_a_key_written_twice_is_an_error_not_a_silent_override(tmp_path: Path) -> None:
    # YAML keeps the last of two `unless:` lines; the first list would quietly stop working.
    bad, lines = _edited_rules(tmp_path, "    weight: 4\n", "    weight: 4\n    weight: 4.25\n")
    line = lines.index("    weight: 4.25") + 1
    with pytest.raises(ConfigError, match=rf"line {line}: .*'weight' is written twice"):
        load_rules(bad)


def test_cancel_kinds_cancels_every_rule_of_those_kinds_only() -> None:
    parser = Parser()
    # A figure of speech is no fire, but the neighbour's night-time noise is still a quarrel.
    simile = parser.analyze("热得我都要着火了 空调开到16度都不管用")
    assert simile.intent.kind is Kind.CHAT
    noisy = parser.parse("楼上那家天天半夜剁排骨 咚咚咚 我心脏病都要犯了")
    assert noisy.kind is Kind.DISPUTE


def test_a_plea_switches_off_the_framing_around_it() -> None:
    parser = Parser()
    framed = parser.analyze("说个笑话 俺家狗比俺勤快 说正经的 麦子根都发黑了 这是咋回事")
    assert "joke" not in framed.cues and "plea" in framed.cues
    assert parser.parse("刚才喊救命的是我家鹦鹉 大家别紧张").kind is Kind.CHAT


def test_a_broadcast_to_everybody_is_read_as_one() -> None:
    # Only a group's owner or admins can @所有人: what they post that way is a notice to all.
    parser = Parser()
    broadcast = parser.analyze("@全体成员\u2005今晚可能有雷暴 大家把电视插头拔了 莫遭雷打坏了")
    assert "<@all>" in broadcast.markers and "broadcast" in broadcast.cues
    assert broadcast.intent.kind is Kind.CHAT
    assert parser.parse("今晚可能有雷暴 我家电视打坏了 谁来修一下").kind is Kind.REPAIR


def test_an_errand_is_supplies_however_the_help_is_asked_for() -> None:
    # "She cannot use the phone" and "who has time" ask for help; what is wanted is an errand.
    parser = Parser()
    assert (
        parser.parse("电费该交了 俺不会在手机上弄 能不能帮俺交一下 户号写纸上了").kind
        is Kind.SUPPLIES
    )
    assert parser.parse("谁有空帮我去驿站拿个快递 我在厂里加班 取件码发你").kind is Kind.SUPPLIES
    # Paid labour and a job done with the hands stay help.
    assert parser.parse("能不能安排几个人帮他把煤拉回家卸下来").kind is Kind.HELP
