"""The WeChat adapter on python-wechaty: the only module that imports wechaty.

It turns room text messages into transport-neutral `Inbound` values and sends `Reply` values
with `room.say(text, mention_ids=...)` or `contact.say(text)`. The SDK's own reconnection
sleeps a minute and then crashes, or stops the event loop (shared/notes/wechaty.md, pitfall 9),
so this adapter drives the SDK's steps itself and owns reconnection: every session gets a fresh
`Wechaty` with the SDK's process-wide caches cleared, and a dead or silent connection is retried
with exponential backoff.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
import warnings
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from bot.directory import Directory
from bot.wechat_text import (
    names_in_text,
    sent_at,
    show_login_qr,
    wechat_mentions,
    with_plain_mentions,
)
from handlers.types import Inbound, Reply

log = logging.getLogger("gridbot.wechat")

BACKOFF_FIRST = 1.0
BACKOFF_MAX = 60.0
SILENCE_LIMIT = 90.0  # no event (heartbeat or message) for this long: the connection is dead
HEALTHY_SESSION = 30.0  # a session that lasted this long resets the backoff


@dataclass(slots=True)
class AdapterStats:
    """Counters for what crossed the adapter, for logs and the status page."""

    received: int = 0
    handled: int = 0
    own: int = 0
    non_text: int = 0
    unknown_room: int = 0
    payload_errors: int = 0
    sent: int = 0
    send_failures: int = 0
    plain_mentions: int = 0
    sessions: int = 0


class NotConnected(RuntimeError):
    """The puppet service is not connected; the reply stays queued."""


StateListener = Callable[[bool], Awaitable[None]]


def _sdk(cache_dir: Path) -> Any:
    """Import wechaty with the Python 3.11 fix applied and its cache kept out of the work dir."""
    os.environ.setdefault("CACHE_DIR", str(cache_dir))
    os.environ.setdefault("WECHATY_LOG", "warn")  # its loggers print on their own handlers
    cache_dir.mkdir(parents=True, exist_ok=True)
    import wechaty_puppet.schemas.puppet as puppet_schema

    # 3.11 rejects an unhashable dataclass default, which WechatyOptions has.
    puppet_schema.PuppetOptions.__hash__ = object.__hash__
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # telnetlib, pkg_resources: theirs
        import wechaty
        import wechaty_puppet_service.puppet as service

    # The SDK pings the endpoint with a blocking telnet that never closes its socket; every
    # session checks the endpoint first with `_reachable`, without blocking the event loop.
    setattr(service, "ping_endpoint", lambda end_point: True)  # noqa: B010

    return SimpleNamespace(
        Wechaty=wechaty.Wechaty,
        WechatyOptions=wechaty.WechatyOptions,
        PuppetOptions=puppet_schema.PuppetOptions,
        MessageType=wechaty.MessageType,
    )


class WechatAdapter:
    """One WeChat account, connected to a puppet service, for the whole life of the process."""

    def __init__(
        self,
        *,
        endpoint: str,
        token: str | None,
        directory: Directory,
        on_message: Callable[[Inbound], Awaitable[None]],
        on_state: StateListener | None = None,
        cache_dir: Path,
        zone: Any,
        silence_limit: float = SILENCE_LIMIT,
    ) -> None:
        self.endpoint = endpoint
        self.token = token or "gridbot"
        self.directory = directory
        self.stats = AdapterStats()
        self.online = asyncio.Event()
        self.self_id: str | None = None
        self._on_message = on_message
        self._on_state = on_state
        self._sdk = _sdk(cache_dir)
        self._zone = zone
        self._silence_limit = silence_limit
        self._bot: Any = None
        self._stopping = asyncio.Event()
        self._last_event = time.monotonic()
        self._room_members: dict[str, set[str]] = {}
        self._last_qr = ""

    # ------------------------------------------------------------------ connection

    async def run(self) -> None:
        """Keep a session with the puppet service until `stop()`, reconnecting with backoff."""
        delay = BACKOFF_FIRST
        while not self._stopping.is_set():
            started = time.monotonic()
            try:
                await self._session()
                log.warning("puppet service %s ended the event stream", self.endpoint)
            except asyncio.CancelledError:
                if self._stopping.is_set():
                    break
                raise
            except Exception as exc:
                log.warning("puppet service %s: %s", self.endpoint, _describe(exc))
            finally:
                await self._close_session()
            if self._stopping.is_set():
                break
            if time.monotonic() - started > HEALTHY_SESSION:
                delay = BACKOFF_FIRST
            log.info("reconnecting to %s in %.0f s", self.endpoint, delay)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=delay)
            delay = min(delay * 2, BACKOFF_MAX)

    async def stop(self) -> None:
        """Leave the puppet service; `run()` returns."""
        self._stopping.set()
        if self._bot is not None:
            _shut(self._bot)  # closing the channel ends the event stream, and the session
        await self._close_session()

    async def _session(self) -> None:
        await _reachable(self.endpoint)
        sdk = self._sdk
        _clear_sdk_caches()
        self.stats.sessions += 1
        options = sdk.WechatyOptions(
            puppet_options=sdk.PuppetOptions(end_point=self.endpoint, token=self.token),
            host="127.0.0.1",
            port=_free_port(),  # the plugin manager probes this port at login (pitfall 6)
        )
        bot = sdk.Wechaty(options)
        bot.on("login", self._login)
        bot.on("logout", self._logout)
        bot.on("message", self._message)
        bot.on("heartbeat", self._beat)
        bot.on("scan", self._scan)
        self._bot = bot
        listening: asyncio.Future[None] | None = None
        try:
            await bot.init_puppet()
            await bot.init_puppet_event_bridge(bot.puppet)
            bot.puppet.on("error", self._payload_error)
            if self._stopping.is_set():
                return
            self._last_event = time.monotonic()
            listening = asyncio.ensure_future(bot.puppet.start())
            while not listening.done():
                await asyncio.wait({listening}, timeout=self._silence_limit / 3)
                if time.monotonic() - self._last_event > self._silence_limit:
                    raise ConnectionError(f"no heartbeat for {self._silence_limit:.0f} s")
            listening.result()
        finally:
            if self._bot is bot:
                self._bot = None
            _shut(bot)  # first, with no await before it: a cancelled task still closes it
            try:
                if listening is not None:
                    await _cancel(listening)
            finally:
                _shut(bot)  # the SDK reconnects in its own clean-up (start() after stop())

    async def _close_session(self) -> None:
        """The session is over: say so once."""
        if self.online.is_set():
            self.online.clear()
            await self._state(False)

    async def _state(self, online: bool) -> None:
        if self._on_state is not None:
            try:
                await self._on_state(online)
            except Exception:
                log.exception("state listener failed")

    # ------------------------------------------------------------------ events

    async def _login(self, contact: Any) -> None:
        self._last_event = time.monotonic()
        self.self_id = contact.contact_id
        self._last_qr = ""
        log.info("logged in to WeChat as %s (%s)", contact.name, contact.contact_id)
        await self._learn_rooms()
        self.online.set()
        await self._state(True)

    async def _logout(self, contact: Any) -> None:
        log.warning("WeChat account %s logged out", getattr(contact, "contact_id", "?"))
        await self._close_session()
        # The SDK handles login once per session: a fresh session waits for the next login.
        if self._bot is not None:
            _shut(self._bot)

    async def _beat(self, _data: Any) -> None:
        self._last_event = time.monotonic()

    async def _scan(self, qr_code: str | None, status: Any, _data: Any = None) -> None:
        self._last_event = time.monotonic()
        if qr_code and qr_code != self._last_qr:
            self._last_qr = qr_code
            show_login_qr(qr_code)
        log.info("login QR status: %s", status)

    async def _payload_error(self, payload: Any) -> None:
        # An RPC for a message's talker, room or text failed: the SDK drops that message
        # silently (pitfall 4), so it is at least logged and counted here.
        if payload and not hasattr(payload, "data"):
            self.stats.payload_errors += 1
            log.error("a WeChat message was lost: the puppet could not describe it (%s)", payload)

    async def _message(self, msg: Any) -> None:
        self._last_event = time.monotonic()
        self.stats.received += 1
        try:
            inbound = await self._inbound(msg)
        except Exception:
            self.stats.payload_errors += 1
            log.exception("could not read WeChat message %s", getattr(msg, "message_id", "?"))
            return
        if inbound is None:
            return
        try:
            await self._on_message(inbound)
            self.stats.handled += 1
        except Exception:
            log.exception("handling WeChat message %s failed", inbound.message_id)

    async def _inbound(self, msg: Any) -> Inbound | None:
        """The message as the handlers see it, or None for what the bot does not read."""
        payload = msg.payload
        talker_id = payload.from_id
        if talker_id and talker_id == self.self_id:
            self.stats.own += 1
            return None
        if msg.type() != self._sdk.MessageType.MESSAGE_TYPE_TEXT:
            self.stats.non_text += 1
            log.info("ignored a %s message from %s", msg.type().name, talker_id)
            return None
        group_id = None
        room = msg.room()
        if room is not None:
            topic = room.payload.topic if room.payload else ""
            group_id = self.directory.group(room.room_id, topic)
            if group_id is None:
                self.stats.unknown_room += 1
                log.info(
                    "ignored a message in room %s (%s), not on the roster", room.room_id, topic
                )
                return None
            members = self._room_members.get(room.room_id)
            if members is None:
                members = self._room_members[room.room_id] = set(room.payload.member_ids or ())
            members.add(talker_id)  # somebody who just joined writes before the payload knows
        talker = msg.talker()
        return Inbound(
            message_id=msg.message_id,
            sender_id=self.directory.member(talker_id),
            text=payload.text or "",
            at=sent_at(payload.timestamp, self._zone),
            group_id=group_id,
            mentions=tuple(self.directory.member(m) for m in payload.mention_ids or ()),
            mentions_all="@所有人" in (payload.text or ""),
            sender_name=talker.name if talker is not None and talker.payload else "",
        )

    async def _learn_rooms(self) -> None:
        """Map the account's rooms to roster groups by id or topic, once per login."""
        puppet = self._bot.puppet
        try:
            room_ids = await puppet.room_list()
        except Exception as exc:
            log.warning("could not list the account's rooms: %s", _describe(exc))
            return
        for room_id in room_ids:
            try:
                payload = await puppet.room_payload(room_id)
            except Exception as exc:
                log.warning("room %s: %s", room_id, _describe(exc))
                continue
            if self.directory.group(room_id, payload.topic) is not None:
                self._room_members[room_id] = set(payload.member_ids or ())
        missing = self.directory.unmapped()
        if missing:
            log.warning("no WeChat room found for groups %s (check `room:` in the config)", missing)

    # ------------------------------------------------------------------ sending

    async def send(self, reply: Reply) -> None:
        """Say a reply in its group (with @-mentions) or privately; NotConnected when offline."""
        bot = self._bot
        if bot is None or not self.online.is_set():
            raise NotConnected("not connected to WeChat")
        if reply.group_id is None:
            contact = bot.Contact.load(self.directory.contact(reply.to or ""))
            await contact.ready()
            await contact.say(reply.text)
        else:
            await self._say_in_room(bot, reply)
        self.stats.sent += 1

    async def _say_in_room(self, bot: Any, reply: Reply) -> None:
        assert reply.group_id is not None
        room_id = self.directory.room(reply.group_id)
        if room_id is None:
            raise LookupError(f"no WeChat room known for group {reply.group_id}")
        room = bot.Room.load(room_id)
        await room.ready()
        members = self._room_members.get(room_id)
        names = {m: self.directory.name(m) for m in reply.mentions}
        wanted = [(m, self.directory.contact(m)) for m in reply.mentions]
        mentionable = [c for _, c in wanted if members is None or c in members]
        plain = [m for m, c in wanted if c not in mentionable]
        text = with_plain_mentions(reply.text, [names[m] for m in plain])
        try:
            if mentionable and names_in_text(text, list(names.values())):
                # The text already @-names them where the sentence needs it ("请 @李红 处理");
                # room.say would put the names in front a second time.
                await room.puppet.message_send_text(
                    conversation_id=room_id,
                    message=wechat_mentions(text, list(names.values())),
                    mention_ids=mentionable,
                )
            else:
                await room.say(text, mention_ids=mentionable or None)
        except Exception as exc:
            if not mentionable:
                raise
            # Some puppets refuse mentions (a member with a group alias, stale data): say it
            # with plain-text @names instead, so the message still goes out.
            log.warning("mention failed in %s (%s); sending plain @names", room_id, exc)
            await room.say(with_plain_mentions(reply.text, list(names.values())))
            plain = list(reply.mentions)
        self.stats.plain_mentions += len(plain)


def _shut(bot: Any) -> None:
    """Close what one SDK session opened; safe to call twice."""
    with contextlib.suppress(Exception):
        bot.puppet._event_stream.remove_all_listeners()
    with contextlib.suppress(Exception):
        channel = bot.puppet.channel
        if channel is not None:
            channel.close()
    with contextlib.suppress(Exception):
        scheduler = bot._plugin_manager.scheduler
        if scheduler.running:
            scheduler.shutdown(wait=False)


async def _cancel(future: asyncio.Future[Any]) -> None:
    """Cancel and wait for a future, without swallowing our own cancellation."""
    future.cancel()
    try:
        await future
    except asyncio.CancelledError:
        task = asyncio.current_task()
        if task is not None and task.cancelling():
            raise
    except Exception as exc:
        log.debug("session ended with %s", _describe(exc))


def _clear_sdk_caches() -> None:
    """Contacts, rooms and seen message ids are process-wide and bound to the first puppet."""
    from wechaty.user.contact import Contact
    from wechaty.user.room import Room
    from wechaty.user.tag import Tag
    from wechaty.utils.async_helper import SingleIdContainer

    for cls in (Contact, Room, Tag):
        cls._pool.clear()
    SingleIdContainer._instance = None


async def _reachable(endpoint: str, timeout: float = 5.0) -> None:
    """Fail fast (and without blocking the loop) when the endpoint does not answer."""
    host, _, port = endpoint.rpartition(":")
    _, writer = await asyncio.wait_for(asyncio.open_connection(host, int(port)), timeout)
    writer.close()
    with contextlib.suppress(Exception):
        await writer.wait_closed()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
