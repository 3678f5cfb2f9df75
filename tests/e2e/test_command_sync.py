"""Slash commands are synced when the command tree changed, not at every start (bot/command_sync.py)."""

from __future__ import annotations

import pytest

from bot import app
from bot.sandbox import Sandbox
from tests.e2e.conftest import TOKEN, Harness
from tests.e2e.test_fan_commands import embed_text


def command_names(sandbox: Sandbox) -> set[str]:
    return {command["name"] for command in sandbox.commands()}


async def test_synced_at_first_start_not_again_until_the_tree_changes(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    sandbox = harness.sandbox
    assert sandbox.command_syncs == [None]  # a new database: the first start syncs (globally)
    assert "remindme" in command_names(sandbox)

    await harness.restart()
    assert sandbox.command_syncs == [None], "the same tree must not be synced again"
    result = await harness.invoke("ask", {"question": "who directs Heartstopper Forever?"})
    assert "Wash Westmoreland" in embed_text(result.embeds[0])  # still answered on the commands synced before

    # A new version of the bot without /remindme: its tree changed, so it syncs, and Discord drops the command.
    monkeypatch.setattr(app, "EXTENSIONS", tuple(e for e in app.EXTENSIONS if e != "bot.cogs.reminders"))
    await harness.restart()
    assert sandbox.command_syncs == [None, None]
    assert "remindme" not in command_names(sandbox) and "ask" in command_names(sandbox)

    monkeypatch.undo()  # and back: changed again
    await harness.restart()
    assert sandbox.command_syncs == [None, None, None] and "remindme" in command_names(sandbox)


async def test_sync_commands_forces_a_sync_of_an_unchanged_tree(harness: Harness) -> None:
    harness.force_command_sync = True  # what `python -m bot run --sync-commands` asks for
    await harness.restart()
    assert harness.sandbox.command_syncs == [None, None]
    harness.force_command_sync = False
    await harness.restart()
    assert harness.sandbox.command_syncs == [None, None]


async def test_synced_again_when_discord_lacks_the_commands_the_database_remembers(harness: Harness) -> None:
    """A stored hash proves only what this database sent: a Discord without the commands (a new application,
    commands deleted by hand, here a fresh sandbox) gets them synced again, found by one GET of the commands."""
    await harness.stop_bot()
    async with Sandbox(harness.demo.world, clock=harness.clock, token=TOKEN) as fresh:
        harness.sandbox = fresh
        try:
            await harness.start_bot()
            assert fresh.command_syncs == [None] and "ask" in command_names(fresh)
            result = await harness.invoke("ask", {"question": "who directs Heartstopper Forever?"})
            assert "Wash Westmoreland" in embed_text(result.embeds[0])
        finally:
            await harness.stop_bot()
    assert fresh.problems == []
