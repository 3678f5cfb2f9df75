"""Slash commands are synced when the command tree changed, not at every start (bot/command_sync.py)."""

from __future__ import annotations

import logging

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


async def test_a_sync_discord_refuses_for_now_starts_the_bot_on_the_commands_it_has_and_retries_next_start(
    harness: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Syncing has a daily limit: a new tree met with a long 429 (or Discord failing) must not stop the bot (a
    service manager restarting it would meet the same 429 at every start). It answers on the commands Discord
    already has, says so once in the log, and syncs at the next start."""
    sandbox = harness.sandbox
    monkeypatch.setattr(app, "EXTENSIONS", tuple(e for e in app.EXTENSIONS if e != "bot.cogs.reminders"))
    sandbox.fail_next("PUT", "/applications/{application_id}/commands", status=429, retry_after=3600)
    caplog.set_level(logging.WARNING, logger="bot.app")
    await harness.restart()
    assert sandbox.command_syncs == [None]  # only the first start's
    result = await harness.invoke("ask", {"question": "who directs Heartstopper Forever?"})
    assert "Wash Westmoreland" in embed_text(result.embeds[0])
    [warning] = [record.getMessage() for record in caplog.records if record.name == "bot.app"]
    assert "could not sync the slash commands" in warning and "next start" in warning, warning

    await harness.restart()
    assert sandbox.command_syncs == [None, None] and "remindme" not in command_names(sandbox)


SIX_LANGUAGES = {"en-US", "en-GB", "es-ES", "es-419", "pt-BR", "fr", "de", "it"}


async def test_every_synced_command_option_and_choice_carries_all_six_languages(harness: Harness) -> None:
    """What Discord received (the sandbox refuses an unknown locale, a bad name or a duplicate in a language)."""
    missing: list[str] = []

    def check(entry: dict, path: str) -> None:
        for field in ("name_localizations", "description_localizations"):
            if "description" in entry or field == "name_localizations":
                have = set((entry.get(field) or {}).keys())
                if not have >= SIX_LANGUAGES:
                    missing.append(f"{path}: {field} lacks {sorted(SIX_LANGUAGES - have)}")
        for option in entry.get("options") or []:
            check(option, f"{path} {option['name']}")
        for choice in entry.get("choices") or []:
            have = set((choice.get("name_localizations") or {}).keys())
            if not have >= SIX_LANGUAGES:
                missing.append(f"{path} choice {choice['name']}: lacks {sorted(SIX_LANGUAGES - have)}")

    commands = harness.sandbox.commands()
    for command in commands:
        check(command, "/" + command["name"])
    assert missing == []
    countdown = next(command for command in commands if command["name"] == "countdown")
    assert countdown["name_localizations"]["pt-BR"] == "contagem-regressiva"
    assert (
        countdown["description_localizations"]["es-419"]
        == "Cuánto falta para el estreno de Heartstopper Forever"
    )
    assert countdown["name_localizations"]["en-GB"] == "countdown"
