"""The chat gate: its features, its arithmetic, its file, and where the parser asks it."""

from __future__ import annotations

import gzip
import math

import pytest

from bot.explain import render_explanation
from nlp.gate import GateModel, _contributions, gram_features, word_features
from nlp.kinds import Kind
from nlp.parser import GATE_RULE_ID, Parser
from nlp.rules import RuleOverrides, apply_overrides, default_rules
from tests.corpus import corpus_digest, labelled_files

# Chat the rules alone read as requests (each a labelled chat line in tests/data).
GATED = [
    "书记说得对 烧秸秆害人害己 罚得好",
    "装修的事俺去说过了 他们答应八点以后再开工",
    "吵架的声音是阮兜的电视 歹势 太大声了 已经关小了",
]


def _model(lines: list[str]) -> bytes:
    return gzip.compress(("\n".join(lines) + "\n").encode("utf-8"))


@pytest.fixture(scope="module")
def rules_only() -> Parser:
    return Parser(default_rules().model_copy(update={"chat_gate": None}))


def test_shipped_model_was_trained_on_the_labelled_corpus_as_it_is() -> None:
    # Adding or relabelling a set means retraining: python tools/train_chat_gate.py
    assert GateModel.load().digest == corpus_digest(labelled_files())


def test_features_are_words_and_one_and_two_character_grams() -> None:
    assert word_features(["谢谢", "师傅", "", "谢谢"]) == {"谢谢", "师傅"}
    assert gram_features("修好了  OK 好") == {
        *["修", "好", "了", " ", "o", "k"],
        *["修好", "好了", "了 ", " o", "ok", "k ", " 好"],
    }
    assert gram_features("") == set()


def test_probability_is_the_logistic_of_each_block_over_its_length() -> None:
    model = GateModel.load(
        _model(["#\tabc\t0", "b\t\t-0.5", "w\t谢谢\t1.5", "w\t修\t-1", "c\t好\t0.1"])
    )
    assert model.digest == "abc"
    # words: 谢谢 (however often), 修 and 别的 (unknown, but it counts in the length);
    # grams: 好 alone.
    words = (1.5 - 1.0) / math.sqrt(3)
    expected = 1 / (1 + math.exp(-(-0.5 + words + 0.1)))
    assert model.probability("好", ["谢谢", "修", "谢谢", "别的"]) == pytest.approx(expected)
    assert model.probability("", []) == pytest.approx(1 / (1 + math.exp(0.5)))
    assert [f for f, _ in model.strongest("好", ["谢谢", "修"], count=2)] == ["谢谢", "修"]


@pytest.mark.parametrize(
    "text", [*GATED, "有个快递到镇上驿站了 谁顺路给捎回来", "哈哈哈  OK了", ""]
)
def test_the_fast_score_adds_up_the_explained_contributions(parser: Parser, text: str) -> None:
    model, norm = parser.gate, parser.normalize(text)
    assert model is not None
    tokens = parser.tokens(norm)
    parts = [
        *_contributions(model.words, word_features(tokens)),
        *_contributions(model.grams, gram_features(norm)),
    ]
    score = model.intercept + sum(value for _, value in parts)
    assert model.probability(norm, tokens) == pytest.approx(1 / (1 + math.exp(-score)))


@pytest.mark.parametrize(
    ("lines", "problem"),
    [
        (["w\t谢谢"], "line 1: expected 3 tab-separated fields"),
        (["w\t谢谢\tone"], "line 1: the coefficient must be a number"),
        (["w\t谢谢\t1", "x\t好\t1"], "line 2: unknown block 'x'"),
        (["b\t\t1"], "no features"),
    ],
)
def test_a_damaged_model_file_names_the_line(lines: list[str], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        GateModel.load(_model(lines))


@pytest.mark.parametrize("text", GATED)
def test_the_gate_turns_talk_about_a_request_into_chat(
    parser: Parser, rules_only: Parser, text: str
) -> None:
    assert rules_only.parse(text).kind.is_ticket
    intent = parser.parse(text)
    assert intent.kind is Kind.CHAT
    assert intent.rule_ids[-1] == GATE_RULE_ID


def test_the_gate_leaves_requests_strong_evidence_reports_and_emergencies_alone(
    parser: Parser,
) -> None:
    request = parser.analyze("有个快递到镇上驿站了 俺腿不方便 谁顺路给捎回来")
    assert request.intent.kind is Kind.SUPPLIES
    assert request.chat_probability is not None and request.chat_probability < 0.1
    emergency = parser.analyze("着火了 后院柴火垛烧起来了 快来人")
    assert emergency.intent.urgent and emergency.chat_probability is None
    strong = parser.analyze("楼道灯不亮了 麻烦物业给换个灯泡")
    assert strong.intent.kind is Kind.REPAIR and strong.chat_probability is None
    report = parser.analyze("王大爷36.5 王大娘36.4")
    assert report.intent.kind is Kind.TEMPERATURE and report.chat_probability is None


def test_explain_says_the_gate_overruled_the_rules(parser: Parser) -> None:
    text = render_explanation(parser.analyze(GATED[0]), parser)
    assert "闲聊判别：是闲聊的把握" in text
    assert "规则判为安全隐患，但聊天判别模型认为是闲聊的把握" in text


def test_a_village_sets_or_turns_off_its_gate() -> None:
    base = default_rules()
    assert base.chat_gate == 0.9
    assert apply_overrides(base, RuleOverrides()).chat_gate == 0.9
    assert apply_overrides(base, RuleOverrides(chat_gate=0.97)).chat_gate == 0.97
    assert apply_overrides(base, RuleOverrides(chat_gate=False)).chat_gate is None
    assert Parser(apply_overrides(base, RuleOverrides(chat_gate=False))).gate is None
    with pytest.raises(ValueError, match="outside"):
        RuleOverrides(chat_gate=0.3)
    with pytest.raises(ValueError, match="or false"):
        RuleOverrides.model_validate({"chat_gate": True})
