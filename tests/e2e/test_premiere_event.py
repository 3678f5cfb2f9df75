"""The premiere as a Guild Scheduled Event, through the real bot and discord.py against the sandbox."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.sandbox import Permissions
from bot.sandbox.scheduled_events import ScheduledEvent
from tests.e2e.conftest import Harness
from tests.e2e.test_announcements import data_with_release, move_release, setup_countdown
from tests.e2e.test_fan_commands import embed_text

EXACT = "2026-01-15T20:00"
PREMIERE = datetime(2026, 1, 15, 20, 0, tzinfo=UTC)
EVENTS = "/guilds/{guild_id}/scheduled-events"


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return data_with_release(tmp_path, EXACT, 'timezone = "Etc/UTC"\n')


@pytest.fixture(autouse=True)
def bot_may_create_events(harness: Harness) -> None:
    harness.demo.guild.bot_role.permissions |= Permissions.CREATE_EVENTS


async def until(condition: Callable[[], object], what: str) -> None:
    async with asyncio.timeout(10):  # a TimeoutError here: `what` never happened
        while not condition():  # noqa: ASYNC110 - the sandbox's state has no event to wait on
            await asyncio.sleep(0.01)


async def reconciled(harness: Harness) -> None:
    """Wait for the bot's premiere-event run in progress (runs are serialised) and make one more: the bot's own
    runs start on triggers and timers a test cannot see."""
    assert harness.bot is not None
    await harness.bot.premiere_events.reconcile()
    await harness.sandbox.settle()


def events(harness: Harness, *, include_finished: bool = False) -> list[ScheduledEvent]:
    return harness.sandbox.scheduled_events(harness.demo.guild, include_finished=include_finished)


def creates(harness: Harness) -> int:
    return sum(
        1 for r in harness.sandbox.requests if r.method == "POST" and r.route == EVENTS and r.status == 200
    )


async def status_text(harness: Harness) -> str:
    result = await harness.invoke("announcements status", member=harness.demo.admin)
    return embed_text(result.embeds[0])


async def status_shows(harness: Harness, text: str) -> None:
    """Wait until ``/announcements status`` shows ``text``: Discord (the sandbox) has the bot's change a moment
    before the bot has recorded it, and a fresh run would record the next reason instead."""
    shown = ""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(10):
            while text not in (shown := await status_text(harness)):  # noqa: ASYNC110 - polled as a user would
                await asyncio.sleep(0.05)
    assert text in shown


async def test_one_event_per_server_edited_when_the_date_moves_across_restarts(
    harness: Harness, data_file: Path
) -> None:
    demo = harness.demo
    second_channel = await harness.sandbox.create_text_channel(demo.guild, "countdown")
    await setup_countdown(harness)
    await harness.invoke("announcements setup", {"channel": second_channel}, member=demo.admin)
    await until(lambda: events(harness), "the event")
    await harness.sandbox.settle()
    [event] = events(harness)
    assert event.name == "Heartstopper Forever premieres on Netflix"
    assert event.location == "Netflix" and event.start == PREMIERE
    assert event.image_bytes > 0 and event.creator.id == harness.sandbox.bot_user_id

    harness.sandbox.mark_interested(event, demo.fan, demo.admin)
    text = await status_text(harness)
    assert f"https://discord.com/events/{demo.guild.id}/{event.id}" in text
    assert "Interested: 2" in text

    await harness.restart()
    await reconciled(harness)
    move_release(data_file, EXACT, "2026-01-22T20:00")
    await harness.restart()
    await until(lambda: event.start == datetime(2026, 1, 22, 20, 0, tzinfo=UTC), "the edit")
    await harness.restart()
    await reconciled(harness)
    assert events(harness) == [event]
    assert creates(harness) == 1


async def test_a_crash_between_create_and_record_makes_no_second_event(harness: Harness) -> None:
    # Discord creates the event but the answer is lost (discord.py does not retry a 503): the bot cannot know
    # the id, and is restarted. It must find its event rather than create another.
    harness.sandbox.fail_next("POST", EVENTS, status=503, after_processing=True)
    await setup_countdown(harness)
    await until(lambda: events(harness), "the event")
    await harness.sandbox.settle()
    await harness.restart()
    await reconciled(harness)
    await harness.restart()
    await reconciled(harness)
    [event] = events(harness)
    assert creates(harness) == 0  # the one create Discord carried out was answered 503
    assert f"/events/{harness.demo.guild.id}/{event.id}" in await status_text(harness)


async def test_a_create_discord_retried_after_a_500_leaves_one_event(harness: Harness) -> None:
    # Discord makes the event but answers 500; discord.py sends the create again by itself, making a twin.
    harness.sandbox.fail_next("POST", EVENTS, status=500, after_processing=True)
    await setup_countdown(harness)
    await until(lambda: creates(harness) == 1, "the retried create")
    await reconciled(harness)
    assert len(harness.sandbox.state.scheduled_events.by_id) == 2  # the twin was made, then removed
    [event] = events(harness)
    assert f"/events/{harness.demo.guild.id}/{event.id}" in await status_text(harness)


async def test_withdrawn_exact_time_cancels_the_event(harness: Harness, data_file: Path) -> None:
    await setup_countdown(harness)
    await until(lambda: events(harness), "the event")
    [event] = events(harness)
    move_release(data_file, EXACT, "2026-01")
    await harness.restart()
    await until(lambda: event.status == 4, "the cancellation")
    assert events(harness) == []
    await status_shows(harness, "Cancelled: the release no longer has an exact time")


async def test_an_event_deleted_by_a_moderator_is_not_recreated(harness: Harness, data_file: Path) -> None:
    await setup_countdown(harness)
    await until(lambda: events(harness), "the event")
    [event] = events(harness)
    await harness.sandbox.delete_event_as_moderator(event)
    assert harness.bot is not None
    repository = harness.bot.premiere_events.repository
    async with asyncio.timeout(10):  # the bot heard GUILD_SCHEDULED_EVENT_DELETE (nothing else tells it here)
        while (record := await repository.get(harness.demo.guild.id)) is None or record.state != "deleted":  # noqa: ASYNC110
            await asyncio.sleep(0.01)
    move_release(data_file, EXACT, "2026-01-22T20:00")
    await harness.restart()
    await reconciled(harness)
    await harness.invoke(
        "announcements setup", {"channel": harness.demo.announcements}, member=harness.demo.admin
    )
    await reconciled(harness)
    assert events(harness) == [] and creates(harness) == 1
    assert "deleted by a moderator" in await status_text(harness)


async def test_day_precision_waits_and_says_so(harness: Harness, data_file: Path) -> None:
    move_release(data_file, EXACT, "2026-01-15")
    await harness.restart()
    await setup_countdown(harness)
    await reconciled(harness)
    assert events(harness) == []
    assert "waiting for the exact release time" in await status_text(harness)


async def test_missing_create_events_is_reported_then_works_once_granted(harness: Harness) -> None:
    demo = harness.demo
    demo.guild.bot_role.permissions &= ~Permissions.CREATE_EVENTS
    await harness.sandbox.update_role(demo.guild.bot_role)
    reply = await setup_countdown(harness)
    assert "Create Events" in embed_text(reply.embeds[0])  # type: ignore[attr-defined]
    await reconciled(harness)
    assert events(harness) == []
    assert "Create Events" in await status_text(harness)

    demo.guild.bot_role.permissions |= Permissions.CREATE_EVENTS
    await harness.sandbox.update_role(demo.guild.bot_role)
    await setup_countdown(harness)
    await until(lambda: events(harness), "the event")
    assert "Create Events" not in await status_text(harness)


class TestDiscordDownAcrossServers:
    @pytest.fixture
    def servers(self) -> int:
        return 3

    async def test_one_request_per_run_while_down_then_every_event_once(
        self, harness: Harness, caplog: pytest.LogCaptureFixture
    ) -> None:
        assert harness.bot is not None
        service = harness.bot.premiere_events
        await service.stop()  # the runs are made by hand below
        for server in harness.demo.servers:
            server.guild.bot_role.permissions |= Permissions.CREATE_EVENTS
            await harness.bot.announcements.setup(server.guild.id, server.channels["announcements"].id)
            await service.set_wanted(server.guild.id, True)
        # Discord's events API is down (503) for longer than any retry: the run stops at the first server.
        harness.sandbox.fail_for("POST", EVENTS, seconds=600)
        harness.sandbox.fail_for("GET", EVENTS, seconds=600)
        before = len(harness.sandbox.requests)
        for _ in range(3):
            await reconciled(harness)
        tried = [r for r in harness.sandbox.requests[before:] if r.route == EVENTS]
        assert len(tried) == 3  # one per run, not one per server
        unavailable = [r for r in caplog.records if "Discord is unavailable" in r.getMessage()]
        assert len(unavailable) == 3
        assert all(not harness.sandbox.scheduled_events(s.guild) for s in harness.demo.servers)

        harness.sandbox.state.failures.clear()  # Discord is back
        await reconciled(harness)
        await reconciled(harness)
        assert [len(harness.sandbox.scheduled_events(s.guild)) for s in harness.demo.servers] == [1, 1, 1]


async def test_a_create_answered_at_once_costs_one_request(harness: Harness) -> None:
    # No repeat by discord.py, so no twin to look for: one request of the global budget per server, not two.
    before = len(harness.sandbox.requests)
    await setup_countdown(harness)
    await until(lambda: events(harness), "the event")
    await reconciled(harness)
    assert [(r.method, r.status) for r in harness.sandbox.requests[before:] if r.route == EVENTS] == [
        ("POST", 200)
    ]


async def test_a_premiere_past_before_the_event_could_be_made_is_not_created(harness: Harness) -> None:
    # Create Events is granted only after the premiere: Discord would refuse a start in the past, and the event
    # would be pointless. Nothing is asked of Discord, then or on any later run, and status says why.
    demo = harness.demo
    demo.guild.bot_role.permissions &= ~Permissions.CREATE_EVENTS
    await harness.sandbox.update_role(demo.guild.bot_role)
    await setup_countdown(harness)
    await harness.sandbox.advance_to(datetime(2026, 1, 15, 20, 5, tzinfo=UTC))
    demo.guild.bot_role.permissions |= Permissions.CREATE_EVENTS
    await harness.sandbox.update_role(demo.guild.bot_role)
    await reconciled(harness)
    before = len(harness.sandbox.requests)
    for _ in range(3):
        await reconciled(harness)
    assert events(harness) == []
    assert [r for r in harness.sandbox.requests[before:] if r.route.startswith(EVENTS)] == []
    assert "the premiere time has passed" in await status_text(harness)


async def test_a_premiere_moved_earlier_into_the_past_cancels_the_event(
    harness: Harness, data_file: Path
) -> None:
    await setup_countdown(harness)
    await until(lambda: events(harness), "the event")
    [event] = events(harness)
    # At 19:00 the data learns the premiere was at 18:00: the event must not announce it for 20:00.
    await harness.sandbox.advance_to(datetime(2026, 1, 15, 19, 0, tzinfo=UTC))
    move_release(data_file, EXACT, "2026-01-15T18:00")
    await harness.restart()
    await until(lambda: event.status == 4, "the cancellation")
    await status_shows(harness, "Cancelled: the premiere moved earlier")
    await reconciled(harness)
    assert events(harness) == [] and creates(harness) == 1


async def test_a_spanish_servers_event_is_written_in_spanish(harness: Harness) -> None:
    """The event is a post of sorts: in the server's language, like its countdown posts."""
    harness.demo.guild.locale = "es-ES"
    await harness.restart()  # the bot learns the server's language from GUILD_CREATE
    await setup_countdown(harness)
    await until(lambda: events(harness), "the event")
    [event] = events(harness)
    assert event.name == "Heartstopper Forever se estrena en Netflix"
    assert event.description.startswith(
        "Heartstopper Forever, el final en formato largometraje de Heartstopper, se estrena en Netflix."
    )
