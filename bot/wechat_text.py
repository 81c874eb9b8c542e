"""What the WeChat adapter writes and reads besides the SDK: @-mentions as text, message times,
the login QR code. Pure functions, so they are tested without a puppet."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

log = logging.getLogger("gridbot.wechat")

AT_SEPARATOR = "\u2005"  # WeChat ends an @name with U+2005


def show_login_qr(qr_code: str) -> None:
    """Show the login QR code in the terminal (and its link in the log), for a real puppet."""
    import qrcode

    log.warning("scan this QR code with the bot's WeChat account to log in: %s", qr_code)
    code = qrcode.QRCode(border=1)
    code.add_data(qr_code)
    code.print_ascii(invert=True)


def with_plain_mentions(text: str, names: list[str]) -> str:
    """The text with "@name" in front for each name it does not already @-mention."""
    names = [name for name in names if f"@{name}" not in text]
    if not names:
        return text
    return AT_SEPARATOR.join(f"@{name}" for name in names) + " " + text


def names_in_text(text: str, names: list[str]) -> bool:
    """True when the text already @-names every one of them."""
    return all(f"@{name}" in text for name in names)


def wechat_mentions(text: str, names: list[str]) -> str:
    """WeChat ends an @name with U+2005, which is how clients recognize the mention."""
    for name in names:
        text = text.replace(f"@{name} ", f"@{name}{AT_SEPARATOR}")
    return text


def sent_at(timestamp: int | None, zone: Any) -> datetime:
    """The message's own time (seconds or milliseconds), or now when the puppet gave none."""
    if not timestamp:
        return datetime.now(zone)
    seconds = timestamp / 1000 if timestamp > 2_145_888_000 else timestamp
    return datetime.fromtimestamp(seconds, UTC).astimezone(zone)
