"""Guild Scheduled Events through the sandbox with the real discord.py client: create, read with counts, edit,
cancel, delete, the gateway events, and the rules Discord applies (permissions, times, location, image)."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import discord
import pytest

from bot.harness import running_client
from bot.sandbox import Sandbox
from bot.sandbox.permissions import Permissions

# The smallest valid PNG (1x1, one grey pixel), made here rather than read from anywhere.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=="
)
START = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


class EventLog:
    def __init__(self) -> None:
        self.seen: list[tuple[str, discord.ScheduledEvent]] = []
        self.changed = asyncio.Event()

    def add(self, kind: str, event: discord.ScheduledEvent) -> None:
        self.seen.append((kind, event))
        self.changed.set()

    async def wait_for(self, kind: str) -> discord.ScheduledEvent:
        async with asyncio.timeout(5):
            while True:
                for seen_kind, event in self.seen:
                    if seen_kind == kind:
                        return event
                self.changed.clear()
                await self.changed.wait()


@pytest.fixture
async def client(
    sandbox: Sandbox, fan_world: Any, point_discord_at: Any, new_client: Any
) -> AsyncIterator[tuple[discord.Client, EventLog]]:
    fan_world.guild.bot_role.permissions |= Permissions.CREATE_EVENTS
    point_discord_at(sandbox)
    bot, _ = new_client()
    log = EventLog()

    @bot.event
    async def on_scheduled_event_create(event: discord.ScheduledEvent) -> None:
        log.add("create", event)

    @bot.event
    async def on_scheduled_event_update(
        before: discord.ScheduledEvent, after: discord.ScheduledEvent
    ) -> None:
        log.add("update", after)

    @bot.event
    async def on_scheduled_event_delete(event: discord.ScheduledEvent) -> None:
        log.add("delete", event)

    async with running_client(bot, sandbox.token, sandbox=sandbox, wait_for_commands=False) as running:
        yield running, log


async def create(guild: discord.Guild, **overrides: Any) -> discord.ScheduledEvent:
    kwargs: dict[str, Any] = dict(
        name="Heartstopper Forever premieres on Netflix",
        start_time=START,
        end_time=START + timedelta(hours=2),
        entity_type=discord.EntityType.external,
        location="Netflix",
        privacy_level=discord.PrivacyLevel.guild_only,
        description="The premiere.",
        image=PNG,
    )
    kwargs.update(overrides)
    return await guild.create_scheduled_event(**kwargs)


async def test_create_read_with_counts_edit_cancel(
    sandbox: Sandbox, fan_world: Any, client: tuple[discord.Client, EventLog]
) -> None:
    bot, log = client
    guild = bot.get_guild(fan_world.guild.id)
    assert guild is not None
    event = await create(guild)
    assert (await log.wait_for("create")).id == event.id
    assert event.location == "Netflix" and event.creator_id == sandbox.bot_user_id
    stored = sandbox.scheduled_event(event.id)
    assert stored.image_hash is not None and stored.image_bytes == len(PNG)

    sandbox.mark_interested(stored, fan_world.fan, fan_world.admin)
    fetched = await guild.fetch_scheduled_event(event.id, with_counts=True)
    assert fetched.user_count == 2
    listed = await guild.fetch_scheduled_events(with_counts=True)
    assert [(e.id, e.user_count) for e in listed] == [(event.id, 2)]

    moved = START + timedelta(days=3)
    edited = await event.edit(start_time=moved, end_time=moved + timedelta(hours=2))
    assert edited.start_time == moved
    assert (await log.wait_for("update")).start_time == moved

    await edited.cancel()
    assert sandbox.scheduled_event(event.id).status == 4
    assert sandbox.scheduled_events(fan_world.guild) == []  # a cancelled event is no longer listed
    with pytest.raises(discord.HTTPException) as finished:
        await edited.edit(name="again")
    assert finished.value.code == 180000


async def test_delete_by_the_bot_and_by_a_moderator(
    sandbox: Sandbox, fan_world: Any, client: tuple[discord.Client, EventLog]
) -> None:
    bot, log = client
    guild = bot.get_guild(fan_world.guild.id)
    assert guild is not None
    first = await create(guild)
    await first.delete()
    assert (await log.wait_for("delete")).id == first.id
    with pytest.raises(discord.NotFound):
        await guild.fetch_scheduled_event(first.id)

    log.seen.clear()
    second = await create(guild)
    await sandbox.delete_event_as_moderator(sandbox.scheduled_event(second.id))
    assert (await log.wait_for("delete")).id == second.id
    assert await guild.fetch_scheduled_events() == []


async def test_permissions_and_discords_rules(
    sandbox: Sandbox, fan_world: Any, client: tuple[discord.Client, EventLog]
) -> None:
    bot, _ = client
    guild = bot.get_guild(fan_world.guild.id)
    assert guild is not None
    good: dict[str, Any] = {
        "name": "Heartstopper Forever premieres on Netflix",
        "scheduled_start_time": START.isoformat(),
        "scheduled_end_time": (START + timedelta(hours=2)).isoformat(),
        "privacy_level": 2,
        "entity_type": 3,
        "entity_metadata": {"location": "Netflix"},
    }
    png_uri = "data:image/png;base64," + base64.b64encode(PNG).decode()
    # Sent raw (discord.py would refuse some of these itself): Discord's answer is what is tested.
    bad: list[dict[str, Any]] = [
        {"scheduled_end_time": None},  # external events need an end
        {"scheduled_end_time": (START - timedelta(hours=1)).isoformat()},
        {
            "scheduled_start_time": "2025-01-01T00:00:00+00:00",
            "scheduled_end_time": "2025-01-01T02:00:00+00:00",
        },
        {"entity_metadata": {}},
        {"image": "data:image/png;base64," + base64.b64encode(b"not an image").decode()},
        {"image": "data:text/plain;base64,aGk="},
        {"image": png_uri.replace("iVBOR", "iV!OR")},
        {"name": "x" * 101},
        {"description": "x" * 1001},
    ]
    for overrides in bad:
        before = len(sandbox.problems)
        with pytest.raises(discord.HTTPException) as refused:
            await bot.http.create_guild_scheduled_event(guild.id, **{**good, **overrides})
        assert refused.value.status == 400, overrides
        assert len(sandbox.problems) == before + 1, overrides
    await bot.http.create_guild_scheduled_event(guild.id, **{**good, "image": png_uri})
    assert len(sandbox.scheduled_events(fan_world.guild)) == 1
    sandbox.problems.clear()

    # Create Events covers the bot's own events only; without it or Manage Events nothing is allowed.
    own = await create(guild)
    by_moderator = sandbox.state.scheduled_events.create(
        fan_world.guild,
        fan_world.admin.user,
        {
            "name": "Watch party",
            "scheduled_start_time": START.isoformat(),
            "scheduled_end_time": (START + timedelta(hours=1)).isoformat(),
            "privacy_level": 2,
            "entity_type": 3,
            "entity_metadata": {"location": "Someone's sofa"},
        },
        sandbox.clock.now(),
    )
    others = await guild.fetch_scheduled_event(by_moderator.id)
    with pytest.raises(discord.Forbidden) as forbidden:
        await others.edit(name="Mine now")
    assert forbidden.value.code == 50013
    await own.edit(description="Still mine to edit.")

    fan_world.guild.bot_role.permissions &= ~Permissions.CREATE_EVENTS
    with pytest.raises(discord.Forbidden):
        await create(guild)
    fan_world.guild.bot_role.permissions |= Permissions.MANAGE_EVENTS
    await others.edit(name="Watch party (moved)")
    assert sandbox.scheduled_event(others.id).name == "Watch party (moved)"
