"""Fixtures: a small fan world, a running Sandbox, and a bare discord.py client pointed at it."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime

import discord
import pytest
from discord import app_commands

from bot.harness import point_client_at, running_client
from bot.sandbox import DemoWorld, Sandbox, VirtualClock, build_demo_world

TOKEN = "sandbox-token"


@pytest.fixture
def fan_world() -> DemoWorld:
    """One fan server with #announcements and a #staff channel the bot may not post in (no #general)."""
    return build_demo_world(channels=("announcements",))


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(start=datetime(2026, 1, 1, tzinfo=UTC))


@pytest.fixture
async def sandbox(fan_world: DemoWorld, clock: VirtualClock) -> AsyncIterator[Sandbox]:
    async with Sandbox(fan_world.world, clock=clock, token=TOKEN) as sb:
        yield sb


@pytest.fixture
def point_discord_at() -> Iterator[Callable[[Sandbox], None]]:
    """Aim discord.py's REST base and gateway address at a sandbox (back at Discord after the test)."""

    def aim(sb: Sandbox) -> None:
        point_client_at(sb.api_base)

    yield aim
    point_client_at(None)


def running(client: discord.Client, sb: Sandbox) -> contextlib.AbstractAsyncContextManager[discord.Client]:
    """Start ``client`` against ``sb``; wait for READY and the command sync; close it afterwards."""
    return running_client(client, sb.token, sandbox=sb)


def make_client(**kwargs: object) -> tuple[discord.Client, app_commands.CommandTree[discord.Client]]:
    client = discord.Client(intents=discord.Intents.default(), guild_ready_timeout=0.05, **kwargs)  # type: ignore[arg-type]
    tree = app_commands.CommandTree(client)
    return client, tree


@pytest.fixture
def run_client() -> Callable[..., contextlib.AbstractAsyncContextManager[discord.Client]]:
    """``async with run_client(client, sandbox): ...`` (test modules cannot import conftest reliably)."""
    return running


@pytest.fixture
def new_client() -> Callable[..., tuple[discord.Client, app_commands.CommandTree[discord.Client]]]:
    return make_client
