"""Anchors of a pattern: strings every match contains, or None (always try the pattern)."""

from __future__ import annotations

import json
import re

import pytest

from nlp.anchors import anchors
from nlp.parser import Parser
from tests.corpus import DATA, SHARED


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("帮(我|俺)?(买|捎)", {"帮买", "帮捎", "帮我买", "帮我捎", "帮俺买", "帮俺捎"}),
        ("(谁|哪个)(能)?帮", {"谁帮", "谁能帮", "哪个帮", "哪个能帮"}),
        ("(?<![\\d.])(3[4-9])", {"34", "35", "36", "37", "38", "39"}),
        ("(帮|麻烦).{0,8}(照看|照顾)", {"照看", "照顾"}),
        ("x*y", {"y"}),
        ("[?？]", {"?", "？"}),
        ("[\u4e00-\u9fff](虫|病)", {"虫", "病"}),
        ("^.{0,10}通知[:：]", {"通知:", "通知："}),
        ("煤气|(天然气|液化气)味", {"煤气", "天然气味", "液化气味"}),
        ("a?", None),
        ("[\u4e00-\u9fff]+", None),
        ("a|.b?", None),
    ],
)
def test_anchors(pattern: str, expected: set[str] | None) -> None:
    result = anchors(pattern)
    assert (None if result is None else set(result)) == expected


def test_every_match_of_a_shipped_pattern_contains_one_of_its_anchors(parser: Parser) -> None:
    # Soundness on real text: were an anchor set wrong, the index would skip a rule that fires.
    files = [SHARED / "eval" / "dev.jsonl", *sorted(DATA.glob("*.jsonl"))]
    texts = [
        parser.normalize(json.loads(line)["text"])
        for path in files
        for line in path.read_text("utf-8").splitlines()
    ]
    specs = [*parser.rules.rules, *parser.rules.cues]
    patterns = {p for spec in specs for p in spec.patterns}
    checked = 0
    for pattern in sorted(patterns):
        required = anchors(pattern)
        if required is None:
            continue
        compiled = re.compile(pattern)
        for text in texts:
            match = compiled.search(text)
            if match:
                checked += 1
                assert any(a in match.group(0) for a in required), (pattern, text)
    assert checked > 1000


def test_every_shipped_pattern_rule_still_fires_through_the_index(parser: Parser) -> None:
    cases = {
        "supplies.buy_for_me": "谁明天去县城 帮俺带两袋尿素",
        "dispute.weapon_held": "一个拿着铁棍追着打",
        "hazard.smoke_now": "后山松林冒黄烟",
        "illness.collapsed": "老人倒在院子里了",
        "temperature.vague": "俺三十六度多",
    }
    for rule_id, text in cases.items():
        assert rule_id in parser.parse(text).rule_ids, rule_id
