"""The `gridbot` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `gridbot` console script."""
    args = build_parser().parse_args(argv)
    if args.command == "parse":
        from bot.parse_command import run_parse

        return run_parse(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
