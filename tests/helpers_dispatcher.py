"""The dispatcher's test world, shared by the dispatcher, outage and live-countdown tests: one bot "process"
(:class:`Env`) with a database file, a manual clock and a fake Discord; the ``env`` fixture is in conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.db import Database
from bot.db.announcements import AnnouncementRepository
from bot.domain.release import Precision, ReleaseDate
from bot.services.announcements import AnnouncementService
from bot.services.delivery import Dispatcher, RateLimiter
from tests.helpers_announcements import FakeSender, ManualClock, ReleaseSource, utc

RELEASE = ReleaseDate(Precision.DAY, 2026, 5, 1)
GUILD = 10
A, B, C = 101, 102, 103


class Env:
    """One bot "process": a database file, a manual clock, a fake Discord, the service and dispatchers."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.clock = ManualClock(utc(2026, 4, 20, 12, 0))
        self.sender = FakeSender()
        self.source = ReleaseSource(RELEASE)
        self.databases: list[Database] = []
        self.dispatchers: list[Dispatcher] = []
        self.database: Database
        self.service: AnnouncementService

    async def open(self) -> Database:
        database = await Database.open(self.path)
        self.databases.append(database)
        self.database = database
        self.service = AnnouncementService(database, self.clock, self.source)
        return database

    def dispatcher(self, database: Database | None = None, **options: object) -> Dispatcher:
        options = {
            "rate_limiter": RateLimiter(10_000, burst=1_000),
            "retry_delays": (0.0, 0.0),
        } | options
        dispatcher = Dispatcher(
            database or self.database,
            self.clock,
            self.sender,
            self.source,
            **options,  # type: ignore[arg-type]
        )
        self.service.on_change = dispatcher.wake
        self.dispatchers.append(dispatcher)
        return dispatcher

    async def restart(self, **options: object) -> Dispatcher:
        """Stop every dispatcher, close the database, open it again with a new dispatcher (a new process)."""
        for dispatcher in self.dispatchers:
            await dispatcher.stop()
        await self.database.close()
        await self.open()
        return self.dispatcher(**options)

    @property
    def repository(self) -> AnnouncementRepository:
        return AnnouncementRepository(self.database)

    async def rows(self, target: int, kind: str = "channel") -> list:
        return await self.repository.deliveries_for_target(kind, target)

    async def close(self) -> None:
        for dispatcher in self.dispatchers:
            await dispatcher.stop()
        for database in self.databases:
            await database.close()


async def setup(
    env: Env, channel: int, schedule: str = "milestones", at: str = "09:00", zone: str = "Etc/UTC"
):
    return await env.service.setup(GUILD, channel, 7, schedule, at, zone)


async def round_cut_before_recording(dispatcher: Dispatcher, monkeypatch: pytest.MonkeyPatch) -> None:
    """One round of ``dispatcher`` that dies after Discord answered, before the outcomes were written (a power
    cut): what was sent stays 'sending' in the database."""

    async def power_cut(*args: object, **kwargs: object) -> None:
        raise RuntimeError("power cut before the write")

    monkeypatch.setattr(dispatcher.repository, "record_outcomes", power_cut)
    with pytest.raises(RuntimeError, match="power cut"):
        await dispatcher.run_due_now()
