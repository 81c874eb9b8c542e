"""The simulator's puppet service: the wechaty `Puppet` gRPC service, served by grpclib on loopback.

The real python-wechaty client connects to it exactly as it would to a production puppet
(shared/notes/wechaty.md lists the RPCs one session uses and the event formats). Only the
protocol package `wechaty_grpc` is imported here, never the SDK.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from grpclib.const import Cardinality, Handler, Status
from grpclib.exceptions import GRPCError
from grpclib.server import Server, Stream
from wechaty_grpc.wechaty import puppet as pb

from bot.simulator.world import SimMessage, World, WorldError

log = logging.getLogger("gridbot.simulator")

HEARTBEAT_SECONDS = 15.0
SCAN_URL = "https://login.weixin.qq.com/l/gridbot-simulator"


class PuppetService:
    """The `wechaty.Puppet` service over a World."""

    def __init__(self, world: World, *, heartbeat_seconds: float = HEARTBEAT_SECONDS) -> None:
        self.world = world
        self.heartbeat_seconds = heartbeat_seconds
        self.closing = asyncio.Event()
        self.streams = 0  # open event streams: 1 while the bot is connected

    def __mapping__(self) -> dict[str, Handler]:
        unary: list[tuple[str, Callable[[Any], Awaitable[Any]], type, type]] = [
            ("Start", self._start, pb.StartRequest, pb.StartResponse),
            ("Stop", self._stop, pb.StopRequest, pb.StopResponse),
            ("Version", self._version, pb.VersionRequest, pb.VersionResponse),
            ("Ding", self._ding, pb.DingRequest, pb.DingResponse),
            ("Logout", self._logout, pb.LogoutRequest, pb.LogoutResponse),
            ("DirtyPayload", self._dirty, pb.DirtyPayloadRequest, pb.DirtyPayloadResponse),
            ("ContactList", self._contact_list, pb.ContactListRequest, pb.ContactListResponse),
            ("ContactPayload", self._contact, pb.ContactPayloadRequest, pb.ContactPayloadResponse),
            ("ContactAlias", self._alias, pb.ContactAliasRequest, pb.ContactAliasResponse),
            ("MessagePayload", self._message, pb.MessagePayloadRequest, pb.MessagePayloadResponse),
            ("MessageSendText", self._send, pb.MessageSendTextRequest, pb.MessageSendTextResponse),
            ("RoomList", self._room_list, pb.RoomListRequest, pb.RoomListResponse),
            ("RoomPayload", self._room, pb.RoomPayloadRequest, pb.RoomPayloadResponse),
            ("RoomMemberList", self._members, pb.RoomMemberListRequest, pb.RoomMemberListResponse),
            (
                "RoomMemberPayload",
                self._member,
                pb.RoomMemberPayloadRequest,
                pb.RoomMemberPayloadResponse,
            ),
        ]
        mapping = {
            f"/wechaty.Puppet/{name}": Handler(
                _unary(method), Cardinality.UNARY_UNARY, request, response
            )
            for name, method, request, response in unary
        }
        mapping["/wechaty.Puppet/Event"] = Handler(
            self._events, Cardinality.UNARY_STREAM, pb.EventRequest, pb.EventResponse
        )
        return mapping

    # ------------------------------------------------------------------ the event stream

    async def _events(self, stream: Stream[pb.EventRequest, pb.EventResponse]) -> None:
        await stream.recv_message()
        queue = self.world.subscribe()
        self.streams += 1
        log.info("bot connected to the simulator")
        try:
            while not self.closing.is_set():
                if not self.world.logged_in.is_set():
                    await self._wait_for_scan(stream)
                    continue
                await stream.send_message(_event(pb.EventType.EVENT_TYPE_LOGIN, contactId=self._me))
                await stream.send_message(_event(pb.EventType.EVENT_TYPE_READY, data="ready"))
                await self._forward(stream, queue)
                if not self.world.logged_in.is_set():
                    await stream.send_message(
                        _event(pb.EventType.EVENT_TYPE_LOGOUT, contactId=self._me, data="logout")
                    )
        finally:
            self.streams -= 1
            self.world.unsubscribe(queue)
            log.info("bot disconnected from the simulator")

    async def _wait_for_scan(self, stream: Stream[pb.EventRequest, pb.EventResponse]) -> None:
        """Logged out: show the login QR code until somebody 'scans' it (World.login)."""
        await stream.send_message(
            _event(pb.EventType.EVENT_TYPE_SCAN, status=2, qrcode=SCAN_URL, data="")
        )
        await _next(None, [self.world.logged_in, self.closing], self.heartbeat_seconds)

    async def _forward(
        self, stream: Stream[pb.EventRequest, pb.EventResponse], queue: asyncio.Queue[SimMessage]
    ) -> None:
        """Messages and heartbeats while logged in, until logout or shutdown."""
        # What people said while the bot was away arrives first, as a puppet's backlog does.
        for message in self.world.undelivered():
            await self._deliver(stream, message)
        stops = [self.closing, self.world.logged_out]
        while not any(stop.is_set() for stop in stops):
            message = await _next(queue, stops, self.heartbeat_seconds)
            if message is None:
                if not any(stop.is_set() for stop in stops):
                    await stream.send_message(
                        _event(pb.EventType.EVENT_TYPE_HEARTBEAT, data="heartbeat")
                    )
            elif message.seq > self.world.delivered_seq:
                await self._deliver(stream, message)

    async def _deliver(
        self, stream: Stream[pb.EventRequest, pb.EventResponse], message: SimMessage
    ) -> None:
        await stream.send_message(_event(pb.EventType.EVENT_TYPE_MESSAGE, messageId=message.id))
        self.world.delivered_seq = max(self.world.delivered_seq, message.seq)

    # ------------------------------------------------------------------ unary RPCs

    @property
    def _me(self) -> str:
        return self.world.bot.id

    async def _start(self, _: pb.StartRequest) -> pb.StartResponse:
        return pb.StartResponse()

    async def _stop(self, _: pb.StopRequest) -> pb.StopResponse:
        return pb.StopResponse()

    async def _version(self, _: pb.VersionRequest) -> pb.VersionResponse:
        return pb.VersionResponse(version="gridbot-simulator")

    async def _ding(self, request: pb.DingRequest) -> pb.DingResponse:
        return pb.DingResponse()

    async def _logout(self, _: pb.LogoutRequest) -> pb.LogoutResponse:
        return pb.LogoutResponse()

    async def _dirty(self, _: pb.DirtyPayloadRequest) -> pb.DirtyPayloadResponse:
        return pb.DirtyPayloadResponse()

    async def _contact_list(self, _: pb.ContactListRequest) -> pb.ContactListResponse:
        return pb.ContactListResponse(ids=list(self.world.contacts))

    async def _contact(self, request: pb.ContactPayloadRequest) -> pb.ContactPayloadResponse:
        contact = _found(self.world.contacts.get(request.id), "contact", request.id)
        return pb.ContactPayloadResponse(
            id=contact.id,
            name=contact.name,
            type=pb.ContactType.CONTACT_TYPE_PERSONAL,
            friend=True,
            weixin=contact.id,
        )

    async def _alias(self, _: pb.ContactAliasRequest) -> pb.ContactAliasResponse:
        return pb.ContactAliasResponse(alias=None)

    async def _message(self, request: pb.MessagePayloadRequest) -> pb.MessagePayloadResponse:
        message = _found(self.world.message(request.id), "message", request.id)
        return pb.MessagePayloadResponse(
            id=message.id,
            text=message.text,
            timestamp=message.timestamp_ms,
            type=message.type,
            from_id=message.from_id,
            room_id=message.room_id,
            to_id=message.to_id,
            mention_ids=list(message.mention_ids),
        )

    async def _send(self, request: pb.MessageSendTextRequest) -> pb.MessageSendTextResponse:
        target = request.conversation_id
        in_room = target in self.world.rooms
        try:
            message = self.world.say(
                from_id=self._me,
                text=request.text,
                room_id=target if in_room else "",
                to_id="" if in_room else target,
                mention_ids=request.mentonal_ids,  # sic: the field's name in wechaty-grpc 0.20
            )
        except WorldError as exc:
            raise GRPCError(Status.INVALID_ARGUMENT, str(exc)) from exc
        return pb.MessageSendTextResponse(id=message.id)

    async def _room_list(self, _: pb.RoomListRequest) -> pb.RoomListResponse:
        return pb.RoomListResponse(ids=list(self.world.rooms))

    async def _room(self, request: pb.RoomPayloadRequest) -> pb.RoomPayloadResponse:
        room = _found(self.world.rooms.get(request.id), "room", request.id)
        return pb.RoomPayloadResponse(
            id=room.id,
            topic=room.topic,
            owner_id=room.owner_id,
            admin_ids=[room.owner_id],
            member_ids=list(room.member_ids),
        )

    async def _members(self, request: pb.RoomMemberListRequest) -> pb.RoomMemberListResponse:
        room = _found(self.world.rooms.get(request.id), "room", request.id)
        return pb.RoomMemberListResponse(member_ids=list(room.member_ids))

    async def _member(self, request: pb.RoomMemberPayloadRequest) -> pb.RoomMemberPayloadResponse:
        room = _found(self.world.rooms.get(request.id), "room", request.id)
        if request.member_id not in room.member_ids:
            raise GRPCError(Status.NOT_FOUND, f"{request.member_id} is not in room {room.id}")
        contact = self.world.contacts[request.member_id]
        return pb.RoomMemberPayloadResponse(id=contact.id, name=contact.name, room_alias="")


class PuppetServer:
    """The puppet service listening on loopback; stop and start it again to test reconnection."""

    def __init__(self, world: World, *, heartbeat_seconds: float = HEARTBEAT_SECONDS) -> None:
        self.world = world
        self.heartbeat_seconds = heartbeat_seconds
        self.port = 0
        self._server: Server | None = None
        self._service: PuppetService | None = None

    @property
    def endpoint(self) -> str:
        """host:port for WECHATY_PUPPET_SERVICE_ENDPOINT."""
        return f"127.0.0.1:{self.port}"

    @property
    def connected(self) -> bool:
        """True while a bot holds the event stream open."""
        return self._service is not None and self._service.streams > 0

    async def start(self, port: int = 0) -> None:
        """Listen on 127.0.0.1 (`port` 0: a free port, kept across restarts)."""
        self._service = PuppetService(self.world, heartbeat_seconds=self.heartbeat_seconds)
        self._server = Server([self._service])
        await self._server.start("127.0.0.1", port or self.port or 0)
        listening = self._server._server
        assert isinstance(listening, asyncio.Server)
        self.port = listening.sockets[0].getsockname()[1]
        log.info("simulated puppet service on %s", self.endpoint)

    async def stop(self) -> None:
        """End every event stream and stop listening."""
        if self._server is None or self._service is None:
            return
        self._service.closing.set()
        self._server.close()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._server.wait_closed(), timeout=5)
        self._server = None


def _unary(
    method: Callable[[Any], Awaitable[Any]],
) -> Callable[[Stream[Any, Any]], Awaitable[None]]:
    async def handle(stream: Stream[Any, Any]) -> None:
        request = await stream.recv_message()
        await stream.send_message(await method(request))

    return handle


def _found(value: Any, what: str, key: str) -> Any:
    if value is None:
        raise GRPCError(Status.NOT_FOUND, f"no {what} {key!r}")
    return value


def _event(kind: pb.EventType, **payload: object) -> pb.EventResponse:
    return pb.EventResponse(type=kind, payload=json.dumps(payload, ensure_ascii=False))


async def _next(
    queue: asyncio.Queue[Any] | None, stops: list[asyncio.Event], timeout: float
) -> Any:
    """The next queued item, or None after `timeout` or when any of `stops` is set."""
    waiters = {asyncio.ensure_future(stop.wait()) for stop in stops}
    getter = asyncio.ensure_future(queue.get()) if queue is not None else None
    if getter is not None:
        waiters.add(getter)
    done, pending = await asyncio.wait(
        waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
    )
    for task in pending:
        task.cancel()
    if getter is not None and getter in done:
        return getter.result()
    return None
