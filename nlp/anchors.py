"""Strings a regular expression cannot match without, to skip patterns cheaply.

Every match of `(谁|哪个)(能|会)帮.{0,6}(看看|照看)` contains one of 谁能, 谁会, 哪个能, 哪个会 (and
one of 看看, 照看). Knowing such a set for every pattern lets the matcher try, for each message,
only the patterns one of whose anchors occurs in it, which rules out nearly all of them before
any regular expression runs. Patterns with no knowable anchor (`[\\u4e00-\\u9fff]`, `.`, an empty
match) are always tried.
"""

from __future__ import annotations

import re
import re._constants as c  # type: ignore[import-not-found]
import re._parser as parser  # type: ignore[import-not-found]
from collections.abc import Callable
from itertools import product
from typing import Any

Anchors = frozenset[str] | None  # None: nothing is known, always try the pattern
_MAX_CHOICES = 256  # a set of alternatives larger than this is not worth spelling out
_MAX_RANGE = 64
_MAX_REPEAT = 3
_REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT))
_ZERO_WIDTH = (c.AT, c.ASSERT, c.ASSERT_NOT)

Strings = frozenset[str]


def anchors(pattern: str) -> Anchors:
    """Strings one of which occurs in every match of `pattern`; None when no such set is known."""
    try:
        found = _required(list(parser.parse(pattern)))
    except (re.error, TypeError, ValueError, AttributeError, RecursionError):
        return None
    return found


def _required(items: list[tuple[Any, Any]]) -> Strings | None:
    """The best anchor set of a sequence: a run of adjacent exact items, spelled out, or the
    anchors of one item."""
    best: Strings | None = None
    run: Strings | None = None
    for op, value in items:
        exact = _exact(op, value)
        if exact is None:
            run = None
            best = _better(best, _inside(op, value))
            continue
        joined = exact if run is None else _join(run, exact)
        run = exact if joined is None else joined
        if run is not None and "" not in run:
            best = _better(best, run)
    return best


def _inside(op: Any, value: Any) -> Strings | None:
    """Anchors of an item that is not one of a few exact strings, such as `(帮.{0,8}看看)`."""
    if op is c.SUBPATTERN:
        return _required(list(value[-1]))
    if op is c.BRANCH:
        return _union(value[1], _required)
    if op in _REPEATS and value[0] >= 1:
        return _required(list(value[2]))
    return None


def _exact(op: Any, value: Any) -> Strings | None:
    """Every string the item can match, when they are few; None otherwise."""
    if op is c.LITERAL:
        return frozenset(chr(value))
    if op in _ZERO_WIDTH:
        return frozenset({""})
    if op is c.IN:
        return _char_class(value)
    if op is c.SUBPATTERN:
        return _exact_sequence(list(value[-1]))
    if op is c.BRANCH:
        union = _union(value[1], _exact_sequence)
        return None if union is None else _capped(set(union))
    if op in _REPEATS:
        low, high, inner = value
        once = _exact_sequence(list(inner))
        if once is None or high > _MAX_REPEAT:
            return None
        choices: set[str] = set()
        for count in range(low, high + 1):
            joined: Strings | None = frozenset({""})
            for _ in range(count):
                joined = _join(joined, once) if joined is not None else None
            if joined is None:
                return None
            choices |= joined
        return _capped(choices)
    return None


def _union(
    branches: list[Any], of: Callable[[list[tuple[Any, Any]]], Strings | None]
) -> Strings | None:
    """Every branch's strings together; None when one branch has none."""
    union: set[str] = set()
    for branch in branches:
        found = of(list(branch))
        if found is None:
            return None
        union |= found
    return frozenset(union)


def _exact_sequence(items: list[tuple[Any, Any]]) -> Strings | None:
    joined: Strings | None = frozenset({""})
    for op, value in items:
        exact = _exact(op, value)
        if exact is None or joined is None:
            return None
        joined = _join(joined, exact)
    return joined


def _char_class(value: list[tuple[Any, Any]]) -> Strings | None:
    chars: set[str] = set()
    for op, inner in value:
        if op is c.LITERAL:
            chars.add(chr(inner))
        elif op is c.RANGE and inner[1] - inner[0] < _MAX_RANGE:
            chars.update(chr(code) for code in range(inner[0], inner[1] + 1))
        elif op is c.CATEGORY and inner is c.CATEGORY_DIGIT:
            chars.update("0123456789")  # texts are normalized to half-width digits
        else:
            return None  # a negated class, a wide range, \w, \s ...
    return frozenset(chars)


def _join(left: Strings, right: Strings) -> Strings | None:
    if len(left) * len(right) > _MAX_CHOICES:
        return None
    return frozenset(a + b for a, b in product(left, right))


def _capped(strings: set[str]) -> Strings | None:
    return frozenset(strings) if len(strings) <= _MAX_CHOICES else None


def _better(best: Strings | None, other: Strings | None) -> Strings | None:
    """The more selective set: longer shortest string first, then fewer strings."""
    if other is None or not other or "" in other:
        return best
    if best is None:
        return other
    rank = (min(map(len, other)), -len(other))
    return other if rank > (min(map(len, best)), -len(best)) else best
