"""First characters of a pattern: exact when knowable, None (always try) otherwise."""

from __future__ import annotations

import pytest

from nlp.firstchars import first_chars
from nlp.parser import Parser


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("帮(我|俺)?(买|捎)", {"帮"}),
        ("(谁|哪个)(能)?帮", {"谁", "哪"}),
        ("(?<![\\d.])(3[4-9])", {"3"}),
        ("x*y", {"x", "y"}),
        ("[?？]", {"?", "？"}),
        ("[\u4e00-\u9fff](虫|病)", None),
        ("^.{0,10}通知[:：]", None),
        ("a?", None),
    ],
)
def test_first_chars(pattern: str, expected: set[str] | None) -> None:
    result = first_chars(pattern)
    assert (None if result is None else set(result)) == expected


def test_every_shipped_pattern_rule_still_fires_through_the_index(parser: Parser) -> None:
    # One text per pattern-only rule of the shipped file; each must fire as before the index.
    cases = {
        "supplies.buy_for_me": "谁明天去县城 帮俺带两袋尿素",
        "dispute.weapon_held": "一个拿着铁棍追着打",
        "hazard.smoke_now": "后山松林冒黄烟",
        "illness.collapsed": "老人倒在院子里了",
        "temperature.vague": "俺三十六度多",
    }
    for rule_id, text in cases.items():
        assert rule_id in parser.parse(text).rule_ids, rule_id
