"""The runtime's held database connection: a dropped one is replaced, nothing else breaks."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Connection

from bot.runtime import Runtime
from handlers.types import Inbound
from tests.transcripts import settings, shared_parser

ZONE = ZoneInfo("Asia/Shanghai")


def _message(number: int, text: str) -> Inbound:
    return Inbound(f"m{number}", "m_v1", text, datetime(2026, 3, 2, 8, number, tzinfo=ZONE), "g1")


def test_a_connection_the_database_dropped_is_replaced(tmp_path: Path) -> None:
    village = settings({"database": {"url": f"sqlite:///{tmp_path / 'g.db'}"}})
    runtime = Runtime(village, parser=shared_parser())
    try:
        assert runtime.handle(_message(1, "家里灯不亮了"))
        held = runtime._session.bind
        assert isinstance(held, Connection)
        held.connection.dbapi_connection.close()  # the server went away under us

        replies = runtime.handle(_message(2, "楼道灯也坏了"))  # handled on a new connection
        assert replies and "#2" in replies[0].text
        assert "#3" in runtime.handle(_message(3, "水管漏水了"))[0].text
    finally:
        runtime.close()
