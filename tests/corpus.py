"""The labelled corpus: the shared dev set and every set in tests/data, and its digest."""

from __future__ import annotations

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


def labelled_files() -> list[Path]:
    """dev.jsonl first, then tests/data/*.jsonl by name."""
    return [SHARED / "eval" / "dev.jsonl", *sorted(DATA.glob("*.jsonl"))]


def corpus_digest(files: list[Path]) -> str:
    """A short digest of the files' names and contents: what a trained model learned from."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
