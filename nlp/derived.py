"""What start-up derives from the rule file, kept between runs like jieba's own cache.

Two things cost a parser most of its build time besides the dictionary: the anchors of each
pattern (`nlp/anchors.py` parses every regular expression) and the canonical form of each rule
word (every word goes through normalization). Both depend only on the pattern or word and on
this package's code, never on which rules a village runs, so one file serves every rule file.
It lives in the system's temporary directory beside jieba's cache, is named after a digest of
the code it depends on, and is rebuilt whenever it is missing, unreadable or stale. Nothing
here is required: without the file, or without a writable directory, values are computed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from functools import cache
from importlib import metadata, resources
from pathlib import Path

from nlp.anchors import Anchors, anchors

# The modules whose code decides an anchor set or a canonical word.
_SOURCES = ("anchors.py", "normalize.py", "markup.py", "numerals.py", "derived.py")


class DerivedCache:
    """Anchors by pattern and canonical forms by word, loaded once and saved if anything new
    was computed (`save`)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or _default_path()
        self._anchors: dict[str, list[str] | None] = {}
        self._words: dict[str, str] = {}
        self._changed = False
        try:
            if _foreign(self.path):
                raise OSError("written by another user")  # in a shared /tmp, trust only our own
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self._anchors = dict(data["anchors"])
            self._words = dict(data["words"])
        except (OSError, ValueError, KeyError, TypeError):
            pass  # first run, or a damaged or foreign file: compute and rewrite

    def anchors(self, pattern: str) -> Anchors:
        """`nlp.anchors.anchors(pattern)`, remembered."""
        if pattern in self._anchors:
            known = self._anchors[pattern]
            return None if known is None else frozenset(known)
        found = anchors(pattern)
        self._anchors[pattern] = None if found is None else sorted(found)
        self._changed = True
        return found

    def word(self, word: str, canonical: Callable[[str], str]) -> str:
        """`canonical(word)`, remembered."""
        known = self._words.get(word)
        if known is None:
            known = self._words[word] = canonical(word)
            self._changed = True
        return known

    def save(self) -> None:
        """Write the file if anything was added; a failure to write only costs the next start."""
        if not self._changed:
            return
        data = json.dumps({"anchors": self._anchors, "words": self._words}, ensure_ascii=False)
        try:
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".gridbot-")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(data)
            os.replace(temporary, self.path)  # atomic: instances starting together never clash
        except OSError:
            return
        self._changed = False


@cache
def _default_path() -> Path:
    digest = hashlib.sha256()
    for name in _SOURCES:
        digest.update(resources.files("nlp").joinpath(name).read_bytes())
    digest.update(metadata.version("opencc").encode())  # its tables decide simplified forms
    return Path(tempfile.gettempdir()) / f"gridbot-derived-{digest.hexdigest()[:16]}.json"


def _foreign(path: Path) -> bool:
    getuid = getattr(os, "getuid", None)  # POSIX only; elsewhere the temp dir is per user
    return getuid is not None and path.stat().st_uid != getuid()
