"""The `gridbot` command line. Heavy imports happen inside each command, so `parse` starts fast."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

DEFAULT_CONFIG = "config.example.yaml"


def build_parser() -> argparse.ArgumentParser:
    """Every subcommand and its options."""
    parser = argparse.ArgumentParser(
        prog="gridbot", description="Village grid governance over WeChat."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    parse = commands.add_parser("parse", help="read messages as JSON Lines and print their intents")
    parse.add_argument("file", nargs="?", help="JSON Lines input (default: standard input)")
    parse.add_argument(
        "--explain", metavar="TEXT", help="show how one message is read, step by step"
    )
    parse.add_argument("--config", help="village config whose `nlp:` section overrides the rules")
    parse.add_argument("--rules", help="a complete rules file to use instead of the shipped one")

    replay = commands.add_parser(
        "replay", help="run the bot over a chat transcript on a simulated clock"
    )
    replay.add_argument(
        "transcript", type=Path, help="transcript, JSON Lines (contracts/replay.md)"
    )
    replay.add_argument("--config", type=Path, default=Path(DEFAULT_CONFIG))
    replay.add_argument("--database", help="database URL (default: the config's database.url)")
    replay.add_argument(
        "--append", action="store_true", help="add to the database's state instead of starting over"
    )

    run = commands.add_parser(
        "run", help="run the bot: on the puppet service in the config, else on the simulator"
    )
    run.add_argument("--config", type=Path, default=Path(DEFAULT_CONFIG))
    run.add_argument("--database", help="database URL (default: the config's database.url)")
    run.add_argument(
        "--port", type=int, default=8080, help="simulator page port (0: any free port)"
    )
    run.add_argument("--host", default="127.0.0.1", help="simulator page address")
    run.add_argument(
        "--data-dir", default=".gridbot", help="simulator chat history and wechaty cache"
    )
    run.add_argument("--verbose", action="store_true", help="log the SDK's chatter too")

    for name, help_text in (
        ("tickets", "show tickets from the database"),
        ("points", "show points from the database"),
    ):
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--config", type=Path, default=Path(DEFAULT_CONFIG))
        sub.add_argument("--database", help="database URL (default: the config's database.url)")
        sub.add_argument("--json", action="store_true", help="JSON for tools instead of a table")
        if name == "points":
            sub.add_argument(
                "--csv", action="store_true", help="the full ledger as CSV for the township"
            )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `gridbot` console script."""
    args = build_parser().parse_args(argv)
    if args.command == "parse":
        from bot.parse_command import run_parse

        return run_parse(args)
    if args.command == "replay":
        from bot.replay import run_replay

        return run_replay(
            args.config, args.transcript, database_url=args.database, append=args.append
        )
    if args.command == "run":
        from bot.run_command import run_live

        return run_live(args)
    from bot.reports import run_report

    return run_report(args)


if __name__ == "__main__":
    sys.exit(main())
