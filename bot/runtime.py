"""The composition root: settings, database, parser, router; one transaction per message."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from typing import NamedTuple

from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import Session

from handlers.binding import restore as restore_bindings
from handlers.deadlines import next_due, sweep
from handlers.deps import Deps
from handlers.roster import Roster
from handlers.router import Router, build_router
from handlers.settings import Settings
from handlers.types import Inbound, Reply
from nlp.parser import Parser
from nlp.rules import apply_overrides, default_rules
from storage import bindings, outbox
from storage.db import create_schema, make_engine
from storage.roster import GroupSpec, Household, MemberSpec, sync_roster

log = logging.getLogger("gridbot")


class Runtime:
    """Everything the bot needs to handle a message or a deadline, wired once."""

    def __init__(
        self, settings: Settings, *, parser: Parser | None = None, database_url: str | None = None
    ) -> None:
        self.settings = settings
        self.engine = make_engine(database_url or settings.database.url)
        create_schema(self.engine)
        self.roster = Roster(settings)
        self.parser = parser or Parser(
            apply_overrides(default_rules(), settings.nlp),
            fever_celsius=settings.temperature.fever_celsius,
        )
        self.router: Router = build_router()
        self._session = self._handling_session()
        # The live bot keeps every reply in the outbox, in the same transaction as the change
        # that produced it, so a restart sends what a crash or Ctrl-C left unsent.
        self.keep_outbox = False
        with Session(self.engine) as session:
            specs = _roster_specs(settings, self.roster)
            sync_roster(
                session, groups=specs.groups, members=specs.members, households=specs.households
            )
            session.commit()
            restore_bindings(self.roster, bindings.every(session))

    def reload_roster(self) -> None:
        """The config's roster plus the bindings stored in the database."""
        roster = Roster(self.settings)
        with Session(self.engine) as session:
            restore_bindings(roster, bindings.every(session))
        self.roster = roster

    def handle(self, msg: Inbound, *, retry: bool = True) -> list[Reply]:
        """Handle one inbound message in one transaction; a failure changes nothing.

        Not thread-safe: one thread handles messages (the live bot's database thread). One
        session on one held connection serves message after message, emptied after each
        transaction: a session and a trip through the pool per message cost more than storing
        the reading (a fifth of the throughput). A connection the database dropped is replaced
        and the message handled again on the new one.
        """
        session = self._session
        try:
            replies = self._kept(session, self.router.handle(msg, self._deps(session)), msg.at)
            session.commit()
        except IntegrityError:
            session.rollback()  # the same message delivered twice at once: the first one won
            return []
        except DBAPIError as exc:
            log.warning("database error on message %s (%s); new connection", msg.message_id, exc)
            self._replace_session(invalidated=exc.connection_invalidated)
            if retry:
                return self.handle(msg, retry=False)
            log.exception("handling message %s failed twice", msg.message_id)
            return []
        except Exception:
            session.rollback()
            log.exception("handling message %s from %s failed", msg.message_id, msg.sender_id)
            return []
        finally:
            session.expunge_all()
        return replies

    def close(self) -> None:
        """Give back the held connection and the engine's pool."""
        connection = self._session.bind
        self._session.close()
        if isinstance(connection, Connection):
            connection.close()
        self.engine.dispose()

    def _handling_session(self) -> Session:
        return Session(bind=self.engine.connect(), expire_on_commit=False)

    def _replace_session(self, *, invalidated: bool) -> None:
        old = self._session
        connection = old.bind
        try:
            old.rollback()
            old.close()
            if isinstance(connection, Connection):
                if invalidated:
                    connection.invalidate()
                connection.close()
        except DBAPIError:
            log.warning("the old database connection could not be closed cleanly")
        self._session = self._handling_session()

    def sweep(self, now: datetime, *, since: datetime) -> list[Reply]:
        """Fire everything due by `now` in one transaction."""
        with Session(self.engine, expire_on_commit=False) as session:
            replies = self._kept(session, sweep(self._deps(session), now, since=since), now)
            session.commit()
        return replies

    def _kept(self, session: Session, replies: list[Reply], at: datetime) -> list[Reply]:
        if not self.keep_outbox:
            return replies
        return [
            replace(
                reply,
                outbox_ids=(
                    outbox.add(
                        session,
                        group_id=reply.group_id,
                        to_id=reply.to,
                        text=reply.text,
                        mentions=reply.mentions,
                        urgent=reply.urgent,
                        at=at,
                    ),
                ),
            )
            for reply in replies
        ]

    def next_due(self, after: datetime) -> datetime | None:
        """The next moment anything falls due after `after`."""
        with Session(self.engine) as session:
            return next_due(self._deps(session), after=after)

    def _deps(self, session: Session) -> Deps:
        return Deps(session=session, settings=self.settings, roster=self.roster, parser=self.parser)


class _RosterSpecs(NamedTuple):
    """The roster as `sync_roster` takes it."""

    groups: list[GroupSpec]
    members: list[MemberSpec]
    households: list[Household]


def _roster_specs(settings: Settings, roster: Roster) -> _RosterSpecs:
    groups = [GroupSpec(g.id, g.name, roster.secretary(g.id), g.room) for g in settings.groups]
    members = [
        MemberSpec(m.id, m.name, str(m.role), tuple(m.groups), m.wechat) for m in settings.members
    ]
    households = [h for h in roster.households.values() if h.group_id]
    return _RosterSpecs(groups=groups, members=members, households=households)
