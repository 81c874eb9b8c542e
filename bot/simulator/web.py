"""The simulator's web chat page and the HTTP API behind it (aiohttp).

GET  /                 the chat page (Chinese UI, phone-sized screens too)
GET  /api/status       is the bot online
GET  /api/groups       [{id, name}]
GET  /api/members      [{id, name, role, role_label, groups}]
POST /api/members      {name, group}: somebody not on the roster joins a group
POST /api/messages     {group, from, text, mentions?} or {to_bot: true, from, text}
GET  /api/messages     ?group=ID or ?private=MEMBER, &after=SEQ
GET  /api/tickets      ?group=ID: the group's open tickets
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.simulator.world import SimMessage, World, WorldError
from bot.wechat_text import AT_SEPARATOR
from handlers import texts

PAGE = Path(__file__).resolve().parent / "static" / "index.html"
MAX_BODY = 1_000_000

TicketSource = Callable[[str], Awaitable[list[dict[str, Any]]]]
OnlineProbe = Callable[[], bool]
StatsProbe = Callable[[], dict[str, int]]

WORLD: web.AppKey[World] = web.AppKey("world", World)
TICKETS: web.AppKey[TicketSource] = web.AppKey("tickets", object)  # type: ignore[arg-type]
ONLINE: web.AppKey[OnlineProbe] = web.AppKey("online", object)  # type: ignore[arg-type]
VILLAGE: web.AppKey[str] = web.AppKey("village", str)
STATS: web.AppKey[StatsProbe] = web.AppKey("stats", object)  # type: ignore[arg-type]
ZONE: web.AppKey[tzinfo] = web.AppKey("zone", tzinfo)


def build_app(
    world: World,
    *,
    tickets: TicketSource,
    online: OnlineProbe,
    village: str,
    zone: tzinfo,
    stats: StatsProbe | None = None,
) -> web.Application:
    """The page and its API over one World; `tickets` reads a group's open tickets."""
    app = web.Application(client_max_size=MAX_BODY, middlewares=[_json_errors])
    app[WORLD] = world
    app[TICKETS] = tickets
    app[ONLINE] = online
    app[VILLAGE] = village
    app[ZONE] = zone
    app[STATS] = stats or dict
    app.router.add_get("/", _page)
    app.router.add_get("/api/status", _status)
    app.router.add_get("/api/groups", _groups)
    app.router.add_get("/api/members", _members)
    app.router.add_post("/api/members", _add_member)
    app.router.add_get("/api/messages", _messages)
    app.router.add_post("/api/messages", _post_message)
    app.router.add_get("/api/tickets", _tickets)
    return app


@web.middleware
async def _json_errors(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    try:
        return await handler(request)
    except WorldError as exc:
        return _json({"error": str(exc)}, status=404 if str(exc).startswith("没有") else 400)
    except web.HTTPException as exc:
        if request.path.startswith("/api/"):
            return _json({"error": exc.reason}, status=exc.status)
        raise


async def _page(_: web.Request) -> web.StreamResponse:
    if not PAGE.exists():
        raise web.HTTPNotFound(reason="the chat page is missing from this installation")
    return web.FileResponse(PAGE, headers={"Cache-Control": "no-cache"})


async def _status(request: web.Request) -> web.Response:
    world = request.app[WORLD]
    return _json(
        {
            "bot_online": request.app[ONLINE](),
            "bot_id": world.bot.id,
            "bot_name": world.bot.name,
            "village": request.app[VILLAGE],
            "adapter": request.app[STATS](),  # messages received, ignored, sent, failed
        }
    )


async def _groups(request: web.Request) -> web.Response:
    rooms = request.app[WORLD].rooms.values()
    return _json([{"id": r.group_id, "name": r.topic} for r in rooms])


async def _members(request: web.Request) -> web.Response:
    world = request.app[WORLD]
    people = [c for c in world.contacts.values() if c.id != world.bot.id]
    return _json([_person(c.id, c.name, c.role, c.groups) for c in people])


async def _add_member(request: web.Request) -> web.Response:
    body = await _body(request)
    name, group = body.get("name"), body.get("group")
    if not isinstance(name, str) or not isinstance(group, str):
        raise WorldError("需要 name（名字）和 group（群）")
    contact = request.app[WORLD].add_guest(name, group)
    return _json(_person(contact.id, contact.name, contact.role, contact.groups), status=201)


async def _messages(request: web.Request) -> web.Response:
    world = request.app[WORLD]
    after = _int(request.query.get("after", "0"), "after")
    if "group" in request.query:
        room = world.room_of_group(request.query["group"])
        found = world.room_messages(room.id, after=after)
    elif "private" in request.query:
        found = world.private_messages(world.contact(request.query["private"]).id, after=after)
    else:
        raise WorldError("需要 group=群编号 或 private=成员编号")
    return _json([_message(world, m, request.app[ZONE]) for m in found])


async def _post_message(request: web.Request) -> web.Response:
    world = request.app[WORLD]
    body = await _body(request)
    sender, text = body.get("from"), body.get("text")
    if not isinstance(sender, str) or not isinstance(text, str):
        raise WorldError("需要 from（发信人编号）和 text（文字）")
    mentions = body.get("mentions") or []
    if not isinstance(mentions, list) or not all(isinstance(m, str) for m in mentions):
        raise WorldError("mentions 应该是成员编号的列表")
    if body.get("to_bot"):
        message = world.say(from_id=sender, text=text, to_id=world.bot.id)
    elif isinstance(body.get("group"), str):
        room = world.room_of_group(body["group"])
        message = world.say(
            from_id=sender,
            text=_with_mentions(world, text, mentions),
            room_id=room.id,
            mention_ids=mentions,
        )
    else:
        raise WorldError("需要 group（群编号），私聊机器人请用 to_bot: true")
    return _json({"id": message.id, "seq": message.seq}, status=201)


async def _tickets(request: web.Request) -> web.Response:
    group = request.query.get("group")
    if not group:
        raise WorldError("需要 group=群编号")
    request.app[WORLD].room_of_group(group)
    return _json(await request.app[TICKETS](group))


def _with_mentions(world: World, text: str, mentions: list[str]) -> str:
    """WeChat writes every @name into the text; a script may give only the ids."""
    missing = [
        f"@{world.contact(m).name}" for m in mentions if f"@{world.contact(m).name}" not in text
    ]
    return (AT_SEPARATOR.join(missing) + AT_SEPARATOR + text) if missing else text


def _message(world: World, message: SimMessage, zone: tzinfo) -> dict[str, Any]:
    sender = world.contacts.get(message.from_id)
    data: dict[str, Any] = {
        "seq": message.seq,
        "id": message.id,
        "from": message.from_id,
        "from_name": sender.name if sender else message.from_id,
        "text": message.text,
        "mentions": list(message.mention_ids),
        "at": datetime.fromtimestamp(message.timestamp_ms / 1000, zone).isoformat(
            timespec="seconds"
        ),
        "bot": message.from_id == world.bot.id,
        # The bot's urgent messages open with 【紧急 after the @names.
        "urgent": "【紧急" in message.text[:80],
    }
    if message.room_id:
        data["group"] = world.rooms[message.room_id].group_id
    elif message.to_id == world.bot.id:
        data["to_bot"] = True
    else:
        data["to"] = message.to_id
    return data


def _person(member_id: str, name: str, role: str, groups: list[str]) -> dict[str, Any]:
    label = texts.ROLE_NAMES.get(role, texts.ROLE_GUEST)
    return {"id": member_id, "name": name, "role": role, "role_label": label, "groups": groups}


async def _body(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise WorldError(f"请求不是有效的 JSON：{exc}") from exc
    if not isinstance(body, dict):
        raise WorldError("请求应该是一个 JSON 对象")
    return body


def _int(value: str, name: str) -> int:
    try:
        return int(value)
    except ValueError as exc:
        raise WorldError(f"{name} 应该是整数") from exc


def _json(data: Any, *, status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=lambda d: json.dumps(d, ensure_ascii=False))
