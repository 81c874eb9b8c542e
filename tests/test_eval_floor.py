"""The parser against labeled sets, scored by the shared scorer; the run fails below a floor."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from bot.parse_command import parse_lines
from nlp.parser import Parser
from tests.corpus import DATA, SHARED

SCORER = SHARED / "eval" / "score_parse.py"

# (labeled set, floors). dev.jsonl is shared; the others were written for this project by
# separate helpers who saw only the contract and dev.jsonl, each measured once on rules that had
# never seen it before it was used to tune them (figures in README "Parser quality"). Floors sit
# a little under today's scores so a rule change that breaks a set is caught.
_TUNED = {
    "kind_macro_f1": 0.92,
    "temperature_pairs_exact": 0.90,
    "fever_recall": 1.0,
    "urgent_recall": 0.95,
}
# Sets whose floors differ from _TUNED; every other labelled set in tests/data/ uses _TUNED.
_OWN_FLOORS: dict[str, dict[str, float]] = {
    "holdout_i": {**_TUNED, "kind_macro_f1": 0.90},
    "holdout_n": {**_TUNED, "kind_macro_f1": 0.90},
    "holdout_o": {**_TUNED, "kind_macro_f1": 0.91},
    "holdout_p": {**_TUNED, "kind_macro_f1": 0.90, "urgent_recall": 0.90},
    "holdout_x": {**_TUNED, "kind_macro_f1": 0.90},
    # Set Y holds no temperature reports: 200 hard chit-chat lines and 100 requests beside them.
    "holdout_y": {"kind_macro_f1": 0.93, "urgent_recall": 0.95},
    # Set AF (Cantonese and Hakka, an urban village) was tuned only lightly.
    "holdout_af": {**_TUNED, "kind_macro_f1": 0.86},
    # Set AZ (Minnan, southern Fujian) came last and was tuned only lightly.
    "holdout_az": {**_TUNED, "kind_macro_f1": 0.90},
    # Set CJ (Cantonese and Minnan written in dialect throughout) was tuned only lightly.
    "holdout_cj": {**_TUNED, "kind_macro_f1": 0.84},
    # Set CR (community safety) came last and was tuned only lightly.
    "holdout_cr": {**_TUNED, "kind_macro_f1": 0.91},
    # Session 8's sets (CS-CZ) were tuned lightly; CS (a flu season: fevers, the clinic, medicine)
    # is the hardest set for chat so far.
    "holdout_cs": {**_TUNED, "kind_macro_f1": 0.89},
    "holdout_cu": {**_TUNED, "kind_macro_f1": 0.91},
    "holdout_cv": {**_TUNED, "kind_macro_f1": 0.91},
    "holdout_cw": {**_TUNED, "kind_macro_f1": 0.90},
    "holdout_cx": {**_TUNED, "kind_macro_f1": 0.90},
    # Session 8's second batch (DA-DH) met every held-back bar on first sight and was tuned
    # only for its missed emergencies; DA (market days, vendors' adverts) reads worst.
    "holdout_da": {**_TUNED, "kind_macro_f1": 0.90},
    # Session 8's third batch (EA-EH) came last: its misses were looked at, not tuned on.
    "holdout_ea": {**_TUNED, "urgent_recall": 0.94},
    "holdout_eb": {**_TUNED, "kind_macro_f1": 0.89},
    "holdout_ec": {**_TUNED, "kind_macro_f1": 0.90},
    "holdout_ed": {**_TUNED, "kind_macro_f1": 0.89, "urgent_recall": 0.94},
    "holdout_ee": {**_TUNED, "kind_macro_f1": 0.89},
    "holdout_eh": {**_TUNED, "kind_macro_f1": 0.88},
}
# Sets allowed more chat false-tickets than CHAT_FALSE_TICKET_CEILING.
_OWN_CHAT_CEILINGS = {"holdout_cs": 0.09}
FLOORS: list[tuple[Path, dict[str, float]]] = [
    (
        SHARED / "eval" / "dev.jsonl",
        {**_TUNED, "kind_macro_f1": 0.93, "temperature_pairs_exact": 0.97},
    ),
    *((path, _OWN_FLOORS.get(path.stem, _TUNED)) for path in sorted(DATA.glob("*.jsonl"))),
]
CHAT_FALSE_TICKET_CEILING = 0.05


def _scorer() -> ModuleType:
    if not SCORER.exists():
        pytest.fail(f"the shared scorer is missing: {SCORER} (shared/ must sit beside the project)")
    spec = importlib.util.spec_from_file_location("score_parse", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score(parser: Parser, gold_path: Path) -> dict[str, Any]:
    scorer = _scorer()
    lines = gold_path.read_bytes().splitlines()
    predictions = {str(p["id"]): p for p in parse_lines(parser, lines)}
    gold = {str(json.loads(line)["id"]): json.loads(line) for line in lines if line.strip()}
    result: dict[str, Any] = scorer.score(gold, predictions)
    return result


@pytest.mark.parametrize(("gold_path", "floors"), FLOORS, ids=[p.name for p, _ in FLOORS])
def test_scores_reach_their_floors(
    parser: Parser, gold_path: Path, floors: dict[str, float]
) -> None:
    result = _score(parser, gold_path)
    assert result["missing_predictions"] == 0
    short = {metric: result[metric] for metric, floor in floors.items() if result[metric] < floor}
    assert not short, f"{gold_path.name} below its floor: {short}"
    ceiling = _OWN_CHAT_CEILINGS.get(gold_path.stem, CHAT_FALSE_TICKET_CEILING)
    assert result["chat_false_ticket_rate"] <= ceiling
