"""WeChat markup that is not the sender's own words: cards, quotes, replies, mentions, emoji codes."""

from __future__ import annotations

import html
import re
from typing import NamedTuple

# A shared link arrives as an XML payload; only its title and description are prose. The sender
# may write a comment before or after it: that comment is their own words.
_CARD_START = re.compile(r"^\s*<(?:\?xml|msg\b|appmsg\b)", re.IGNORECASE)
_CARD = re.compile(r"(?:<\?xml[^>]*>\s*)?<(msg|appmsg)\b.*?</\1>", re.IGNORECASE | re.DOTALL)
_CARD_FIELD = re.compile(r"<(title|des)>(.*?)</\1>", re.IGNORECASE | re.DOTALL)
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)

# Desktop/puppet quote: 「张三：quoted words」 then a dashed rule, then the reply.
_QUOTE_BLOCK = re.compile(
    r"^\s*「(?P<quoted>.*?)」\s*\n?\s*(?:-\s*){3,}\s*(?P<reply>.*)$", re.DOTALL
)
# Mobile reply: "回复 @张书记：..." / "回复张书记: ..." at the start.
_REPLY_PREFIX = re.compile(r"^\s*回[复覆]\s*@?(?P<to>[^\s:：@]{1,16})\s*[:：]\s*")
# Inline quotations of someone else's words, when the message has words of its own as well.
_INLINE_QUOTE = re.compile(r"「[^「」]{1,200}」|“[^“”]{1,200}”|\"[^\"]{1,200}\"")

# @mentions end with U+2005 (WeChat) or a space, or run to the end of the text.
_MENTION = re.compile(r"@(?P<name>[^\s\u2005@，,：:。！!？?]{1,20})(?:[\u2005\s]+|$)")
_MENTION_ALL = ("所有人", "全体成员", "all", "All")

# WeChat emoji codes such as [强] or [捂脸]; real emoji are symbols of category So.
_EMOJI_CODE = re.compile(r"\[(?P<name>[\u4e00-\u9fffA-Za-z]{1,6})\]")


# Every kind of markup below starts with one of these; a message without any has none.
_ANY_MARKUP = re.compile(r"[<「“\"@\[]|回[复覆]")


class Markup(NamedTuple):
    """The sender's own words plus what was stripped around them."""

    body: str
    mentions: tuple[str, ...] = ()
    mentions_all: bool = False
    quoted: str = ""
    reply_to: str = ""
    emojis: tuple[str, ...] = ()
    card: bool = False
    commented: bool = False  # the card came with the sender's own comment (body), its words quoted


def strip_markup(text: str) -> Markup:
    """Separate the sender's words from cards, quotes, replies, mentions and emoji codes."""
    if _ANY_MARKUP.search(text) is None:
        return Markup(text)  # most messages: nothing but the sender's words
    card = False
    shared = ""  # a card's words, when the sender wrote a comment of their own beside it
    payload = _CARD.search(text) if "<" in text else None
    if payload:
        card = True
        comment = f"{text[: payload.start()]} {text[payload.end() :]}".strip()
        if comment:
            shared, text = _card_text(payload.group(0)), comment
        else:
            text = _card_text(payload.group(0))
    elif _CARD_START.match(text):
        card = True
        text = _card_text(text)
    quoted = ""
    block = _QUOTE_BLOCK.match(text) if "「" in text else None
    if block:
        quoted, text = block.group("quoted"), block.group("reply")
    reply_to = ""
    if text.lstrip().startswith(("回复", "回覆")):
        reply = _REPLY_PREFIX.match(text)
        if reply:
            reply_to, text = reply.group("to"), text[reply.end() :]
    if not quoted and ("「" in text or "“" in text or '"' in text):
        text, quoted = _drop_inline_quotes(text)
    mentions: tuple[str, ...] = ()
    mentions_all = False
    if "@" in text:
        mentions = tuple(m.group("name") for m in _MENTION.finditer(text))
        mentions_all = any(name in _MENTION_ALL for name in mentions)
        text = _MENTION.sub(" ", text)
    emojis: tuple[str, ...] = ()
    if "[" in text:
        emojis = tuple(m.group("name") for m in _EMOJI_CODE.finditer(text))
        text = _EMOJI_CODE.sub(" ", text)
    if shared:
        quoted = f"{shared} {quoted}".strip()
    return Markup(
        text, mentions, mentions_all, quoted, reply_to, emojis, card, commented=bool(shared)
    )


def _card_text(payload: str) -> str:
    fields = [_CDATA.sub(r"\1", value) for _, value in _CARD_FIELD.findall(payload)]
    return html.unescape(" ".join(f.strip() for f in fields if f.strip()))


def _drop_inline_quotes(text: str) -> tuple[str, str]:
    quotes = _INLINE_QUOTE.findall(text)
    rest = _INLINE_QUOTE.sub(" ", text)
    if not quotes or not rest.strip():
        return text, ""  # the quotation is the whole message: it is the sender's words
    return rest, " ".join(q[1:-1] for q in quotes)
