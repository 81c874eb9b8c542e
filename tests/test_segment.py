"""The fast segmenter cuts exactly as jieba does with HMM off."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.parser import Parser
from tests.corpus import DATA, SHARED

PARSER = Parser()  # hypothesis reruns the test body; build the parser once for the module


def _jieba(text: str) -> list[str]:
    words = PARSER.segmenter.tokenizer.lcut(text, HMM=False)
    return [word for word in words if not word.isspace()]


def test_every_labelled_message_is_cut_as_jieba_cuts_it() -> None:
    files = [SHARED / "eval" / "dev.jsonl", *sorted(DATA.glob("*.jsonl"))]
    texts = [
        json.loads(line)["text"] for path in files for line in path.read_text("utf-8").splitlines()
    ]
    assert len(texts) > 5000
    differ = []
    for raw in texts:
        for text in (raw, PARSER.normalize(raw)):
            if PARSER.segmenter.cut(text) != _jieba(text):
                differ.append(text)
    assert differ == []


def test_ascii_runs_spaces_and_symbols_follow_jieba() -> None:
    for text in (
        "3号楼2单元501 王大爷36.5",
        "wifi连不上了a1b2",
        "  \n好的!!\r\n收到。",
        "",
        "℃℃ x",
    ):
        assert PARSER.segmenter.cut(text) == _jieba(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x9FFF), max_size=60))
def test_random_text_is_cut_as_jieba_cuts_it(text: str) -> None:
    assert PARSER.segmenter.cut(text) == _jieba(text)
