"""End-to-end harness: the real FanBot (real discord.py client) connected over loopback to the sandbox."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.app import FanBot
from bot.config import DEFAULT_DATA_FILE, Settings
from bot.harness import running_fan_bot
from bot.sandbox import Channel, DemoWorld, Member, Sandbox, VirtualClock, build_demo_world

TOKEN = "sandbox-token"


@dataclass
class Harness:
    """A sandbox and the bot connected to it; ``restart()`` stops the bot and starts a new one on the same files."""

    sandbox: Sandbox
    demo: DemoWorld
    clock: VirtualClock
    database_path: Path
    data_file: Path
    bot: FanBot | None = None
    #: Settings the bot starts from (the sandbox's address, database and data file are filled in).
    base_settings: Settings | None = None
    #: Sync the slash commands at start even if unchanged (`python -m bot run --sync-commands`).
    force_command_sync: bool = False
    _running: contextlib.AsyncExitStack | None = field(default=None, repr=False)

    async def start_bot(self) -> FanBot:
        running = contextlib.AsyncExitStack()
        self.bot = await running.enter_async_context(
            running_fan_bot(
                self.sandbox,
                self.database_path,
                clock=self.clock,
                data_file=self.data_file,
                base_settings=self.base_settings,
                force_command_sync=self.force_command_sync,
            )
        )
        self._running = running
        return self.bot

    async def stop_bot(self) -> None:
        if self._running is not None:
            await self._running.aclose()
        self.bot, self._running = None, None

    async def restart(self) -> FanBot:
        await self.stop_bot()
        return await self.start_bot()

    async def invoke(
        self,
        command: str,
        options: dict[str, Any] | None = None,
        *,
        member: Member | None = None,
        channel: Channel | None = None,
    ) -> Any:
        return await self.sandbox.invoke(
            command,
            options or {},
            guild=self.demo.guild,
            member=member or self.demo.fan,
            channel=channel or self.demo.general,
        )

    async def autocomplete(
        self, command: str, options: dict[str, Any], *, focused: str, member: Member | None = None
    ) -> list[str]:
        """The choice values the bot offers while ``member`` types the ``focused`` option."""
        choices = await self.sandbox.autocomplete(
            command,
            options,
            focused=focused,
            guild=self.demo.guild,
            member=member or self.demo.fan,
            channel=self.demo.general,
        )
        return [choice["value"] for choice in choices]


def assert_no_unwanted_pings(sandbox: Sandbox, *, allowed_roles: set[int]) -> None:
    """No message the bot sent may ping @everyone, @here, a user, or a role no admin configured.

    The sandbox works out who each message would really ping, from its content and allowed_mentions."""
    bot_id = str(sandbox.bot_user_id)
    for message in sandbox.messages.values():
        if message["author"]["id"] != bot_id:
            continue
        assert not message["mention_everyone"], message
        assert message["mentions"] == [], message
        assert {int(role) for role in message["mention_roles"]} <= allowed_roles, message


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(start=datetime(2026, 1, 1, 12, 0, tzinfo=UTC))


@pytest.fixture
def data_file() -> Path:
    return DEFAULT_DATA_FILE


@pytest.fixture
def servers() -> int:
    """How many fan servers the demo world has (a test or class may override it)."""
    return 1


@pytest.fixture
async def harness(
    tmp_path: Path, clock: VirtualClock, data_file: Path, servers: int, imported_database_file: Path
) -> AsyncIterator[Harness]:
    demo = build_demo_world(servers=servers)
    if data_file == DEFAULT_DATA_FILE:
        # The bot's start-up import finds the file already imported (as after any restart): ~0.1 s a test.
        shutil.copyfile(imported_database_file, tmp_path / "bot.sqlite3")
    async with Sandbox(demo.world, clock=clock, token=TOKEN) as sandbox:
        harness = Harness(sandbox, demo, clock, tmp_path / "bot.sqlite3", data_file)
        try:
            await harness.start_bot()
            yield harness
            assert sandbox.problems == [], "the sandbox saw requests Discord would refuse"
            assert_no_unwanted_pings(sandbox, allowed_roles={demo.role.id})
        finally:
            await harness.stop_bot()


@pytest.fixture
async def editors(harness: Harness) -> Harness:
    """The bot restarted with the demo server's admin as its one editor (EDITOR_IDS), not an owner: the /kb
    tests' bot."""
    harness.base_settings = replace(Settings(), editor_ids=frozenset({harness.demo.admin.id}))
    await harness.restart()
    return harness
