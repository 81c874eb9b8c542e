"""`gridbot parse`: JSON Lines in, intents out (contracts/parse.md), and `--explain`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from bot.config import load_settings
from bot.explain import render_explanation
from nlp.parser import Intent, Parser
from nlp.rules import RuleFile, apply_overrides, default_rules, load_rules
from nlp.yamlfile import ConfigError

# Past this, a line is not a chat message; it is answered with an error rather than parsed.
MAX_LINE_BYTES = 1_000_000


def run_parse(args: argparse.Namespace) -> int:
    """Run the parse command; exit 0 unless the input or the settings could not be read."""
    try:
        parser = build_parser(rules_path=args.rules, config_path=args.config)
    except (ConfigError, ValueError) as exc:
        sys.stderr.write(f"gridbot parse: {exc}\n")
        return 2
    if args.explain is not None:
        sys.stdout.write(render_explanation(parser.analyze(args.explain), parser) + "\n")
        return 0
    try:
        source: IO[bytes] = open(args.file, "rb") if args.file else sys.stdin.buffer  # noqa: SIM115
    except OSError as exc:
        sys.stderr.write(f"gridbot parse: cannot read {args.file}: {exc.strerror}\n")
        return 1
    with source:
        out = sys.stdout
        try:
            for result in parse_lines(parser, source):
                out.write(json.dumps(result, ensure_ascii=False) + "\n")
            out.flush()
        except BrokenPipeError:
            # The reader went away (`gridbot parse … | head`): stop quietly, like other tools.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def build_parser(*, rules_path: str | None, config_path: str | None) -> Parser:
    """A parser with the shipped (or given) rules and the village's overrides applied."""
    rules: RuleFile = load_rules(Path(rules_path)) if rules_path else default_rules()
    fever = None
    if config_path:
        settings = load_settings(Path(config_path))
        rules = apply_overrides(rules, settings.nlp)
        fever = settings.temperature.fever_celsius
    return Parser(rules) if fever is None else Parser(rules, fever_celsius=fever)


def parse_lines(parser: Parser, lines: Iterable[bytes]) -> Iterator[dict[str, Any]]:
    """One output object per non-blank input line, in order."""
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            record = _read_record(raw)
        except ValueError as exc:
            yield {"id": _salvage_id(raw), "line": number, "error": str(exc)}
            continue
        yield {"id": record["id"], **intent_json(parser.parse(record["text"]))}


def intent_json(intent: Intent) -> dict[str, Any]:
    """The contract's fields first, then the extras (rules, fever, slots with a masked phone)."""
    slots = intent.slots
    return {
        "kind": str(intent.kind),
        "urgent": intent.urgent,
        "temperatures": [{"name": r.name, "celsius": r.celsius} for r in intent.readings],
        "fever": intent.fever,
        "rules": list(intent.rule_ids),
        "slots": {
            k: v
            for k, v in (
                ("address", slots.address),
                ("person", slots.person),
                ("phone", slots.masked_phone if slots.phone else ""),
            )
            if v
        },
    }


def _read_record(raw: bytes) -> dict[str, Any]:
    if len(raw) > MAX_LINE_BYTES:
        raise ValueError(f"line is {len(raw)} bytes, over the {MAX_LINE_BYTES} byte limit")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (bad byte at {exc.start})") from exc
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc.msg} at column {exc.colno}") from exc
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, got {type(record).__name__}")
    if "text" not in record:
        raise ValueError('no "text" field')
    if not isinstance(record["text"], str):
        raise ValueError(f'"text" must be a string, got {type(record["text"]).__name__}')
    record.setdefault("id", None)
    return record


def _salvage_id(raw: bytes) -> Any:
    """The id of a line that could not be used, when it can still be read."""
    try:
        record = json.loads(raw.decode("utf-8", errors="replace"))
    except ValueError:
        return None
    return record.get("id") if isinstance(record, dict) else None
