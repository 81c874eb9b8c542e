"""Bad input never raises: random Unicode, control characters, huge and binary lines."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.parse_command import parse_lines
from nlp.kinds import Kind
from nlp.parser import Parser

PARSER = Parser()  # hypothesis reruns the test body; build the parser once for the module

chinese = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=40)
messy = st.text(max_size=300)
pieces = st.lists(
    st.one_of(
        chinese,
        messy,
        st.sampled_from(
            [
                "36.5",
                "三十六度八",
                "@张三\u2005",
                "[强]",
                "「",
                "」",
                "回复 @李书记：",
                "<msg><title>",
                "\x00",
                "℃",
            ]
        ),
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(messy, chinese, pieces.map("".join)))
def test_any_text_parses_to_a_valid_intent(text: str) -> None:
    intent = PARSER.parse(text)
    assert isinstance(intent.kind, Kind)
    if intent.kind is not Kind.TEMPERATURE:
        assert intent.readings == ()
    for reading in intent.readings:
        assert 34.0 <= reading.celsius <= 43.0


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_line_gets_one_answer(raw: bytes) -> None:
    lines = [raw.replace(b"\n", b" ")]
    results = list(parse_lines(PARSER, lines))
    assert len(results) == (1 if raw.replace(b"\n", b" ").strip() else 0)
    for result in results:
        json.dumps(result)


def test_edge_cases_do_not_raise() -> None:
    for text in [
        "",
        " ",
        "[捂脸]",
        "👍👍👍",
        "\x00\x01\x02",
        "水" * 100_000,
        "36." * 30_000,
        "\ud800",
        "<?xml",
        "@",
        "「」",
        "回复",
    ]:
        PARSER.parse(text)
