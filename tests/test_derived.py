"""Anchors and canonical rule words kept between runs: same answers, and no harm when the file
is missing, damaged or unwritable."""

from __future__ import annotations

from pathlib import Path

from nlp.anchors import anchors
from nlp.derived import DerivedCache

_PATTERN = "(谁|哪个)(能|会)帮.{0,6}(看看|照看)"


def test_values_survive_a_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "derived.json"
    first = DerivedCache(path)
    assert first.anchors(_PATTERN) == anchors(_PATTERN)
    assert first.anchors("[\\u4e00-\\u9fff]") is None  # nothing known: always tried
    assert first.word("冇回來", lambda w: "没回来") == "没回来"
    first.save()
    calls: list[str] = []
    second = DerivedCache(path)
    assert second.anchors(_PATTERN) == anchors(_PATTERN)
    assert second.anchors("[\\u4e00-\\u9fff]") is None
    assert second.word("冇回來", lambda w: calls.append(w) or w) == "没回来"
    assert calls == []  # read from the file, not recomputed


def test_a_damaged_file_is_recomputed_and_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "derived.json"
    path.write_text("{not json", encoding="utf-8")
    cache = DerivedCache(path)
    assert cache.anchors(_PATTERN) == anchors(_PATTERN)
    cache.save()
    assert DerivedCache(path).anchors(_PATTERN) == anchors(_PATTERN)


def test_an_unwritable_place_costs_only_the_next_start(tmp_path: Path) -> None:
    cache = DerivedCache(tmp_path / "missing-dir" / "derived.json")
    assert cache.anchors(_PATTERN) == anchors(_PATTERN)
    cache.save()  # no directory to write into: nothing raised
