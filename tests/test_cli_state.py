"""`gridbot replay`, `gridbot tickets` and `gridbot points` from the outside, on one database."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[1] / "examples" / "replay_config.yaml"
TRANSCRIPT = Path(__file__).resolve().parents[1] / "examples" / "transcript.jsonl"


def _gridbot(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def test_replay_then_read_the_state_back(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path}/grid.db"
    replay = _gridbot(
        "replay", "--config", str(CONFIG), "--database", database, str(TRANSCRIPT), cwd=tmp_path
    )
    assert replay.returncode == 0, replay.stderr
    lines = [json.loads(line) for line in replay.stdout.splitlines()]
    assert lines[-1]["type"] == "summary"
    assert all(line["type"] == "say" for line in lines[:-1])

    tickets = _gridbot(
        "tickets", "--config", str(CONFIG), "--database", database, "--json", cwd=tmp_path
    )
    assert json.loads(tickets.stdout)[0]["status"] == "closed"

    table = _gridbot("tickets", "--config", str(CONFIG), "--database", database, cwd=tmp_path)
    assert "closed" in table.stdout and "李红" in table.stdout

    points = json.loads(
        _gridbot(
            "points", "--config", str(CONFIG), "--database", database, "--json", cwd=tmp_path
        ).stdout
    )
    assert {row["member"]: row["points"] for row in points}["m_off1"] == lines[-1]["points"][
        "m_off1"
    ]

    ledger = _gridbot(
        "points", "--config", str(CONFIG), "--database", database, "--csv", cwd=tmp_path
    )
    rows = list(csv.DictReader(io.StringIO(ledger.stdout)))
    assert {row["reason"] for row in rows} >= {"resolved_on_time", "satisfied"}
    assert (
        sum(int(r["delta"]) for r in rows if r["member"] == "m_off1")
        == lines[-1]["points"]["m_off1"]
    )


def test_bad_config_is_named(tmp_path: Path) -> None:
    config = tmp_path / "bad.yaml"
    config.write_text(
        "groups:\n  - {id: g1, name: x}\nmembers:\n  - {id: m1, name: y, role: boss, groups: [g1]}\n",
        encoding="utf-8",
    )
    result = _gridbot("replay", "--config", str(config), str(TRANSCRIPT), cwd=tmp_path)
    assert result.returncode == 2
    assert "line 4" in result.stderr and "members.0.role" in result.stderr


def test_run_names_a_puppet_endpoint_without_a_port(tmp_path: Path) -> None:
    config = tmp_path / "live.yaml"
    config.write_text(
        "groups:\n  - {id: g1, name: x}\nwechaty:\n  endpoint: puppet.example.com\n",
        encoding="utf-8",
    )
    result = _gridbot("run", "--config", str(config), cwd=tmp_path)
    assert result.returncode == 2
    assert "line 4" in result.stderr and "wechaty.endpoint" in result.stderr
    assert "host:port" in result.stderr


def test_replaying_twice_starts_over_instead_of_piling_up(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path}/grid.db"
    for _ in range(2):
        result = _gridbot(
            "replay", "--config", str(CONFIG), "--database", database, str(TRANSCRIPT), cwd=tmp_path
        )
        assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.splitlines()[-1])
    assert len(summary["tickets"]) == 1
    assert "收到" not in result.stderr
    says = [json.loads(line) for line in result.stdout.splitlines()[:-1]]
    assert any("#1" in s["text"] for s in says)  # the messages were not taken for duplicates


def test_a_transcript_with_bad_bytes_is_reported_line_by_line(tmp_path: Path) -> None:
    transcript = tmp_path / "t.jsonl"
    good = (
        '{"at": "2026-03-02T08:05:00+08:00", "group": "g1", "from": "m_v1", "text": "家里灯不亮了"}'
    )
    transcript.write_bytes(
        good.encode() + b"\n" + b'{"at": "x", "text": "\xff\xfe"}\n' + ("{" * 3).encode() + b"\n"
    )
    result = _gridbot(
        "replay", "--config", str(CONFIG), "--database", "sqlite://", str(transcript), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "line 2: not UTF-8" in result.stderr and "line 3: not valid JSON" in result.stderr
    assert len(json.loads(result.stdout.splitlines()[-1])["tickets"]) == 1
