"""Recognise chat commands (收到 #3, 已办结 #3, 满意, 积分 ...) in normalized text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Command(StrEnum):
    """What a command asks for."""

    ACK = "ack"
    RESOLVE = "resolve"
    ASSIST = "assist"
    RATE_GOOD = "rate_good"
    RATE_BAD = "rate_bad"
    POINTS = "points"
    LEADERBOARD = "leaderboard"
    TICKETS = "tickets"
    HELP = "help"
    REASSIGN = "reassign"
    BIND = "bind"
    CONFIRM_BIND = "confirm_bind"


@dataclass(frozen=True, slots=True)
class Parsed:
    """A recognised command, the ticket number it names (if any) and the rest of the text."""

    command: Command
    code: int | None = None
    rest: str = ""


_CODE = r"\s*#?\s*(?P<code>\d{1,6})?\s*[号]?"
_PATTERNS: tuple[tuple[Command, re.Pattern[str]], ...] = (
    (Command.CONFIRM_BIND, re.compile(r"^(同意绑定|确认绑定|核实绑定)\s*(?P<rest>.*?)[!！。.]*$")),
    (Command.BIND, re.compile(r"^(绑定|申请绑定|我要绑定)\s*(?P<rest>.*?)[!！。.]*$")),
    (Command.REASSIGN, re.compile(rf"^(转办|转派|改派){_CODE}\s*(?P<rest>.*)$")),
    (Command.ASSIST, re.compile(rf"^(协办|申请协办|请求协办|需要协办){_CODE}[!！。.]*$")),
    (
        Command.ACK,
        re.compile(
            rf"^(?:#(?P<pre>\d{{1,6}})\s*)?(收到|已收到|好的收到|收到收到|马上去|马上到|这就去|在路上了?|接单|我来处理){_CODE}[!！。.~]*$"
        ),
    ),
    (
        Command.RESOLVE,
        re.compile(
            rf"^(?:#(?P<pre>\d{{1,6}})\s*)?(已办结|办结|办好了|已办好|已解决|解决了|处理好了|已处理|已处理好|修好了|已修好|弄好了|搞定了?|完成了?){_CODE}[!！。.~]*$"
        ),
    ),
    (Command.RATE_BAD, re.compile(r"^(不满意|很不满意|非常不满意|差评)[!！。.~]*$")),
    (Command.RATE_GOOD, re.compile(r"^(满意|很满意|非常满意|挺满意|好评|满意满意)[!！。.~]*$")),
    (Command.LEADERBOARD, re.compile(r"^(积分排行|积分排名|积分榜|排行榜|排行)[榜]?$")),
    (Command.POINTS, re.compile(r"^(我的积分|积分|查积分|积分查询)$")),
    (Command.TICKETS, re.compile(r"^(工单|我的工单|查工单|工单列表|待办)$")),
    (Command.HELP, re.compile(r"^(帮助|菜单|help|功能|怎么用)[?？]?$")),
)


def recognise(text: str) -> Parsed | None:
    """The command in a message's normalized text, or None for ordinary chat."""
    compact = text.strip()
    if not compact or len(compact) > 40:
        return None
    for command, pattern in _PATTERNS:
        match = pattern.match(compact)
        if match:
            groups = match.groupdict()
            code = groups.get("code") or groups.get("pre")
            return Parsed(command, int(code) if code else None, (groups.get("rest") or "").strip())
    return None
