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
from tests.conftest import DATA, SHARED

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
FLOORS: list[tuple[Path, dict[str, float]]] = [
    (
        SHARED / "eval" / "dev.jsonl",
        {**_TUNED, "kind_macro_f1": 0.93, "temperature_pairs_exact": 0.97},
    ),
    (DATA / "extra_a.jsonl", _TUNED),
    (DATA / "holdout_b.jsonl", _TUNED),
    (DATA / "holdout_c.jsonl", _TUNED),
    (DATA / "holdout_d.jsonl", _TUNED),
    (DATA / "holdout_e.jsonl", _TUNED),
    (DATA / "holdout_f.jsonl", _TUNED),
    (DATA / "holdout_g.jsonl", _TUNED),
    (DATA / "holdout_h.jsonl", _TUNED),
    (DATA / "holdout_i.jsonl", {**_TUNED, "kind_macro_f1": 0.90}),
    (DATA / "holdout_j.jsonl", _TUNED),
    (DATA / "holdout_k.jsonl", _TUNED),
    (DATA / "holdout_l.jsonl", _TUNED),
    (DATA / "holdout_m.jsonl", _TUNED),
    (DATA / "holdout_n.jsonl", {**_TUNED, "kind_macro_f1": 0.90}),
    (DATA / "holdout_o.jsonl", {**_TUNED, "kind_macro_f1": 0.91}),
    (DATA / "holdout_p.jsonl", {**_TUNED, "kind_macro_f1": 0.90, "urgent_recall": 0.90}),
    (DATA / "holdout_q.jsonl", _TUNED),
    (DATA / "holdout_r.jsonl", _TUNED),
    (DATA / "holdout_s.jsonl", _TUNED),
    (DATA / "holdout_t.jsonl", _TUNED),
    (DATA / "holdout_u.jsonl", _TUNED),
    (DATA / "holdout_v.jsonl", _TUNED),
    (DATA / "holdout_w.jsonl", _TUNED),
    (DATA / "holdout_x.jsonl", {**_TUNED, "kind_macro_f1": 0.90}),
    # Set Y holds no temperature reports: 200 hard chit-chat lines and 100 requests beside them.
    (DATA / "holdout_y.jsonl", {"kind_macro_f1": 0.82, "urgent_recall": 0.95}),
    (DATA / "holdout_z.jsonl", _TUNED),
    (DATA / "holdout_aa.jsonl", _TUNED),
    (DATA / "holdout_ab.jsonl", _TUNED),
    (DATA / "holdout_ac.jsonl", _TUNED),
    (DATA / "holdout_ad.jsonl", _TUNED),
    (DATA / "holdout_ae.jsonl", _TUNED),
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
    assert result["chat_false_ticket_rate"] <= CHAT_FALSE_TICKET_CEILING
