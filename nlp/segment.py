"""jieba's segmentation without HMM, run as one tight loop over the tokenizer's own dictionary.

`jieba.Tokenizer.lcut(text, HMM=False)` builds a DAG of dictionary words, takes the most probable
route through it, and hands the words out through three layers of generators. The words are the
point; the layers cost more than the route itself on a 15-character chat message. `Segmenter`
walks the same DAG with the same probabilities and the same tie-breaking, so its output is
exactly jieba's (tests/test_segment.py checks that on every labelled message and on random text),
in about half the time.
"""

from __future__ import annotations

import re
from math import inf, log

import jieba

# jieba's own block split: runs of Han characters, ASCII letters and digits, and +#&._%- are
# segmented; anything else is cut one character at a time, except whitespace runs.
_HAN_BLOCK = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)")
_WHITESPACE = re.compile(r"(\r\n|\s)")
# What the graph answers for a string that is neither a word nor a prefix: no log probability
# is +inf, so this cannot be mistaken for a word.
_ABSENT = inf
# How many distinct blocks keep their route (about 15 MB when full).
_ROUTES_KEPT = 50_000
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


class Segmenter:
    """The segmentation of an initialized `jieba.Tokenizer`, with HMM off.

    Build it after the last `add_word`: it copies the dictionary's probabilities.
    """

    def __init__(self, tokenizer: jieba.Tokenizer) -> None:
        tokenizer.check_initialized()
        self.tokenizer = tokenizer
        log_total = log(tokenizer.total)
        # FREQ holds every word with its count and every proper prefix of a word with 0: one
        # lookup tells a word (its log probability), a bare prefix (None) and neither (absent).
        self._graph: dict[str, float | None] = {
            word: log(count) - log_total if count else None
            for word, count in tokenizer.FREQ.items()
        }
        # A character jieba has never seen counts as frequency 1.
        self._unseen = -log_total
        # Chat repeats its phrases (报体温, 收到, 都正常): a block's route, once found, is kept.
        self._routes: dict[str, tuple[str, ...]] = {}

    def cut(self, text: str) -> list[str]:
        """The words of `text` in order; whitespace is dropped."""
        words: list[str] = []
        routes = self._routes
        for block in _HAN_BLOCK.split(text):
            if not block:
                continue
            if _HAN_BLOCK.match(block):
                known = routes.get(block)
                if known is None:
                    start = len(words)
                    self._route(block, words)
                    if len(routes) < _ROUTES_KEPT:
                        routes[block] = tuple(words[start:])
                else:
                    words.extend(known)
                continue
            for piece in _WHITESPACE.split(block):
                if not piece or piece.isspace():
                    continue
                words.extend(piece)
        return words

    def _route(self, block: str, words: list[str]) -> None:
        """Append the most probable dictionary route through `block` (jieba's `calc`)."""
        graph, unseen, absent = self._graph, self._unseen, _ABSENT
        n = len(block)
        best = [0.0] * (n + 1)
        ends = [0] * n
        for start in range(n - 1, -1, -1):
            # jieba's DAG gives a character that is no word an edge to itself, scored as count 1.
            top = None
            top_end = start
            end = start + 1
            p = graph.get(block[start], absent)
            while p != absent:
                if p is not None:
                    score = p + best[end]
                    # jieba takes max((score, end)): on a tie the longer word wins.
                    if top is None or score >= top:
                        top, top_end = score, end - 1
                if end == n:
                    break
                end += 1
                p = graph.get(block[start:end], absent)
            best[start] = unseen + best[start + 1] if top is None else top
            ends[start] = top_end
        _emit(block, ends, words)


def _emit(block: str, ends: list[int], words: list[str]) -> None:
    """Walk the route; single ASCII letters and digits in a row join into one word, as in jieba."""
    start, n, run = 0, len(block), ""
    while start < n:
        stop = ends[start] + 1
        word = block[start:stop]
        if len(word) == 1 and word in _ASCII_ALNUM:
            run += word
        else:
            if run:
                words.append(run)
                run = ""
            words.append(word)
        start = stop
    if run:
        words.append(run)
