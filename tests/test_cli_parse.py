"""`gridbot parse` from the outside: JSON Lines contract, bad lines, --explain, a light import path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bot.cli import main

LINES = [
    b'{"id": "ok1", "text": "3\xe5\x8f\xb7\xe6\xa5\xbc\xe7\x8e\x8b\xe5\xa4\xa7\xe7\x88\xb736.5"}',
    b"not json at all",
    b'{"id": "no-text"}',
    b'{"id": "num", "text": 42}',
    b"\xff\xfe\x00binary",
    b"",
    '{"id": "ok2", "text": "收到"}'.encode(),
    b'["a", "list"]',
]


def _run(tmp_path: Path, lines: list[bytes], *args: str) -> list[dict[str, object]]:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    out = subprocess.run(
        [sys.executable, "-m", "bot.cli", "parse", str(source), *args],
        capture_output=True,
        check=True,
        cwd=tmp_path,
    )
    return [json.loads(line) for line in out.stdout.decode().splitlines()]


def test_one_output_per_line_in_order_with_errors_on_bad_lines(tmp_path: Path) -> None:
    results = _run(tmp_path, LINES)
    assert [r.get("id") for r in results] == ["ok1", None, "no-text", "num", None, "ok2", None]
    assert results[0]["kind"] == "temperature"
    assert results[0]["temperatures"] == [{"name": "3号楼王大爷", "celsius": 36.5}]
    assert "not valid JSON" in str(results[1]["error"])
    assert 'no "text" field' in str(results[2]["error"])
    assert "must be a string" in str(results[3]["error"])
    assert "UTF-8" in str(results[4]["error"])
    assert results[5]["kind"] == "chat"
    assert "JSON object" in str(results[6]["error"])


def test_phone_numbers_are_masked_in_output(tmp_path: Path) -> None:
    line = '{"id": "p", "text": "家里停水了 电话13864012345"}'.encode()
    result = _run(tmp_path, [line])[0]
    assert result["slots"] == {"phone": "138****2345"}
    assert "13864012345" not in json.dumps(result)


def test_unreadable_file_exits_non_zero(tmp_path: Path) -> None:
    assert main(["parse", str(tmp_path / "missing.jsonl")]) == 1


def test_explain_is_readable(capsys: object) -> None:
    assert main(["parse", "--explain", "全家体温正常 就是热水器打不着火了"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "规范化" in out and "分词" in out
    assert "repair.fault" in out
    assert "报修" in out


def test_parse_path_does_not_import_the_bot_stack(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "text": "家里灯不亮了"}\n', encoding="utf-8")
    probe = (
        "import sys\n"
        "from bot.cli import main\n"
        f"main(['parse', {str(source)!r}])\n"
        "heavy = [m for m in ('wechaty', 'sqlmodel', 'sqlalchemy', 'aiohttp', 'redis', 'apscheduler') "
        "if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, cwd=tmp_path)


def test_village_config_overrides_rules_and_bad_config_says_where(tmp_path: Path) -> None:
    config = tmp_path / "village.yaml"
    config.write_text(
        "nlp:\n  extra_rules:\n    - {id: village.rose, kind: agriculture, any: [鲜花合作社], weight: 3}\n",
        encoding="utf-8",
    )
    line = '{"id": "r", "text": "鲜花合作社今年还来不来"}'.encode()
    assert _run(tmp_path, [line], "--config", str(config))[0]["kind"] == "agriculture"
    config.write_text("nlp:\n  disabled_rules: [no.such]\n", encoding="utf-8")
    assert main(["parse", "--config", str(config), "--explain", "x"]) == 2


def test_explain_never_shows_a_phone_number(capsys: object) -> None:
    assert main(["parse", "--explain", "家里停水了 电话13864012345"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "13864012345" not in out
    assert "138****2345" in out


def test_explain_names_the_cues_a_plea_switched_off(capsys: object) -> None:
    text = "说来你们别笑 俺还以为是烧荒 走近一看是老刘家草垛着了 快来人"
    assert main(["parse", "--explain", text]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    cues = next(line for line in out.splitlines() if line.startswith("语境线索"))
    assert "plea" in cues and "压下" in cues and "mistaken" in cues
