"""Which characters a regular expression can start a match with, to skip patterns cheaply.

A pattern can only match a text that contains one of its possible first characters. Knowing
them lets the matcher try, for each message, only the patterns whose first characters occur in
it. Patterns whose first character is not a small known set (a class like [\\u4e00-\\u9fff], `.`,
or an empty match) are always tried.
"""

from __future__ import annotations

import re
import re._constants as c  # type: ignore[import-not-found]
import re._parser as parser  # type: ignore[import-not-found]
from typing import Any

Firsts = frozenset[str] | None  # None: unknown, always try the pattern
_MAX_RANGE = 64


def first_chars(pattern: str) -> Firsts:
    """The set of characters every match of `pattern` starts with, or None when not knowable."""
    try:
        chars, nullable = _sequence(list(parser.parse(pattern)))
    except (re.error, TypeError, ValueError, AttributeError):
        return None
    if chars is None or nullable:
        return None
    return frozenset(chars)


def _sequence(items: list[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    found: set[str] = set()
    for op, value in items:
        chars, nullable = _item(op, value)
        if chars is None:
            return None, False
        found |= chars
        if not nullable:
            return found, False
    return found, True


def _item(op: Any, value: Any) -> tuple[set[str] | None, bool]:
    if op is c.LITERAL:
        return {chr(value)}, False
    if op is c.IN:
        chars: set[str] = set()
        for inner_op, inner_value in value:
            if inner_op is c.LITERAL:
                chars.add(chr(inner_value))
            elif inner_op is c.RANGE and inner_value[1] - inner_value[0] < _MAX_RANGE:
                chars.update(chr(code) for code in range(inner_value[0], inner_value[1] + 1))
            elif inner_op is c.CATEGORY and inner_value is c.CATEGORY_DIGIT:
                chars.update("0123456789")  # texts are normalized to half-width digits
            else:
                return None, False
        return chars, False
    if op is c.SUBPATTERN:
        return _sequence(list(value[-1]))
    if op is c.BRANCH:
        union: set[str] = set()
        nullable = False
        for branch in value[1]:
            found, empty = _sequence(list(branch))
            if found is None:
                return None, False
            union |= found
            nullable = nullable or empty
        return union, nullable
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        low, _high, inner = value
        repeated, nullable = _sequence(list(inner))
        return repeated, nullable or low == 0
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return set(), True  # zero-width: look at what follows
    return None, False
