"""/kb: editors keep the knowledge base current from Discord, through the real discord.py client and the sandbox.

The data file is a temporary copy; every change is previewed, confirmed with a button, written to the file and
imported, so /countdown and the news posts follow at once."""

from __future__ import annotations

import asyncio
import shutil
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.config import DEFAULT_DATA_FILE
from bot.sandbox import Member, SandboxError, visible_text
from bot.sandbox.interactions import InteractionResult
from bot.sandbox.permissions import Permissions
from bot.services.editing import changed_lines
from tests.e2e.conftest import Harness
from tests.e2e.test_fan_commands import embed_text

# Already the file's [sources.wikipedia]: a change citing it adds no source entry.
WIKIPEDIA = "https://en.wikipedia.org/wiki/Heartstopper_Forever"
TUDUM = "https://www.netflix.com/tudum/articles/heartstopper-forever-release-date"


def read(path: Path) -> bytes:
    return path.read_bytes()


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def comment_lines(data: bytes) -> list[str]:
    return [line for line in data.decode("utf-8").splitlines() if line.lstrip().startswith("#")]


def release_block(data: bytes) -> list[str]:
    lines = data.decode("utf-8").splitlines()
    start = lines.index("[release]")
    end = lines.index("", start)
    return lines[start:end]


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "heartstopper_forever.toml"
    shutil.copyfile(DEFAULT_DATA_FILE, path)
    return path


def buttons(message: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    assert message is not None
    return {
        button["label"]: button for row in message.get("components") or [] for button in row["components"]
    }


async def press(harness: Harness, result: InteractionResult, label: str, member: Member) -> InteractionResult:
    message = result.original
    assert message is not None
    return await harness.sandbox.click(message["id"], buttons(message)[label]["custom_id"], member=member)


async def confirmed(harness: Harness, result: InteractionResult, member: Member) -> str:
    """Press Confirm and return what the preview turned into. The bot answers the press at once (deferred)
    and edits the preview once the file is written and imported, which may take a moment longer."""
    pressed = await press(harness, result, "Confirm", member)
    for _ in range(500):  # 0.02 s apart: 10 s in all
        message = pressed.original
        if message is not None and not visible_text(message).startswith("Change the knowledge base?"):
            assert not message.get("components"), "the buttons go once the change is made"
            return visible_text(message)
        await asyncio.sleep(0.02)
    raise AssertionError("the preview was not replaced by the outcome")


async def preview(harness: Harness, command: str, options: dict[str, Any]) -> InteractionResult:
    result = await harness.invoke(f"kb {command}", options, member=harness.demo.admin)
    assert result.ephemeral
    assert embed_text(result.embeds[0]).startswith("Change the knowledge base?"), embed_text(result.embeds[0])
    assert set(buttons(result.original)) == {"Confirm", "Cancel"}
    return result


def news_posts(harness: Harness, channel: Any) -> list[dict[str, Any]]:
    return [
        post for post in harness.sandbox.channel_messages(channel) if "Release news" in visible_text(post)
    ]


async def test_an_editor_sets_the_release_date_and_every_channel_gets_one_news_post(
    editors: Harness, data_file: Path
) -> None:
    harness, demo = editors, editors.demo
    for channel in (demo.announcements, demo.general):
        await harness.invoke("announcements setup", {"channel": channel}, member=demo.admin)
    before = read(data_file)
    assert "date to be announced" in (await harness.invoke("countdown")).text

    shown = await preview(
        harness, "release", {"date": "2026-12-24", "source": WIKIPEDIA, "status": "confirmed"}
    )
    text = embed_text(shown.embeds[0])
    assert '-date = "2026"' in text and '+date = "2026-12-24"' in text and WIKIPEDIA in text
    assert read(data_file) == before, "a preview writes nothing"

    result = await confirmed(harness, shown, demo.admin)
    assert "Knowledge base changed" in result and "release date 2026 → 2026-12-24" in result
    after = read(data_file)
    changed = changed_lines(before.decode(), after.decode(), context=0)
    assert [line for line in changed if line[:1] == "-" and line[1:] not in release_block(before)] == []
    assert [line for line in changed if line[:1] == "+" and line[1:] not in release_block(after)] == []
    assert comment_lines(after) == comment_lines(before)

    await harness.sandbox.settle()
    countdown = (await harness.invoke("countdown")).text
    assert "Countdown to Heartstopper Forever" in countdown and "24 December 2026" in countdown
    for channel in (demo.announcements, demo.general):
        [news] = news_posts(harness, channel)
        assert "24 December 2026" in visible_text(news)
    await harness.restart()  # the news is not posted again
    await harness.sandbox.settle()
    assert [len(news_posts(harness, channel)) for channel in (demo.announcements, demo.general)] == [1, 1]

    history = embed_text((await harness.invoke("kb history", member=demo.admin)).embeds[0])
    assert f"<@{demo.admin.id}>" in history and "release date 2026 → 2026-12-24" in history
    assert WIKIPEDIA in history


async def test_a_non_editor_cannot_see_or_use_kb(editors: Harness, data_file: Path) -> None:
    harness, demo = editors, editors.demo
    before = read(data_file)
    [kb] = [command for command in harness.sandbox.commands() if command["name"] == "kb"]
    assert int(kb["default_member_permissions"]) == int(Permissions.ADMINISTRATOR)
    options = {"date": "2026-12-24", "source": WIKIPEDIA}
    with pytest.raises(SandboxError, match="permission"):
        await harness.invoke("kb release", options, member=demo.fan)

    # Another administrator of the server is not an editor: the data is global, not this server's.
    moderator = demo.guild.add_member("Mod", permissions=Permissions.ADMIN)
    refused = await harness.invoke("kb release", options, member=moderator)
    assert (
        refused.ephemeral
        and "Only the bot's owners (OWNER_IDS) and the knowledge base's editors"
        in embed_text(refused.embeds[0])
    )
    harness.sandbox.open_command_to_everyone(demo.guild, "kb")
    for command, extra in (("release", options), ("undo", {}), ("history", {}), ("fact remove", {})):
        refused = await harness.invoke(
            f"kb {command}",
            extra | {"fact": "what-is-it", "source": WIKIPEDIA} if command == "fact remove" else extra,
            member=demo.fan,
        )
        assert refused.ephemeral and "Editors only" in embed_text(refused.embeds[0])
    assert (
        await harness.autocomplete("kb fact edit", {"fact": "season"}, focused="fact", member=demo.fan) == []
    )

    # Nor can anyone but the editor who asked press the buttons of the editor's preview.
    shown = await preview(harness, "release", options)
    not_yours = await press(harness, shown, "Confirm", moderator)
    assert not_yours.ephemeral and "Only the editor who asked" in embed_text(not_yours.embeds[0])
    assert read(data_file) == before


async def test_a_file_changed_between_preview_and_confirm_is_not_overwritten(
    editors: Harness, data_file: Path
) -> None:
    harness, demo = editors, editors.demo
    await harness.invoke("announcements setup", {"channel": demo.announcements}, member=demo.admin)
    shown = await preview(harness, "release", {"date": "2026-12-24", "source": TUDUM})
    by_hand = read(data_file).decode().replace('date = "2026"', 'date = "2026-11"', 1)
    write(data_file, by_hand)  # an operator edits the file on the server meanwhile

    text = await confirmed(harness, shown, demo.admin)
    assert "Nothing changed" in text and "changed since this preview" in text
    assert read(data_file).decode() == by_hand
    await harness.sandbox.settle()
    assert news_posts(harness, demo.announcements) == []
    assert "No changes" in embed_text((await harness.invoke("kb history", member=demo.admin)).embeds[0])


async def test_undo_restores_the_file_byte_for_byte_once(editors: Harness, data_file: Path) -> None:
    harness, demo = editors, editors.demo
    original = read(data_file)
    shown = await preview(
        harness,
        "release",
        {"date": "2026-05-01", "time": "08:00", "timezone": "Europe/London", "source": TUDUM},
    )
    assert "Knowledge base changed" in await confirmed(harness, shown, demo.admin)
    assert read(data_file) != original
    eight_in_london = datetime(2026, 5, 1, 7, 0, tzinfo=UTC)  # 08:00 BST
    assert f"<t:{int(eight_in_london.timestamp())}" in (await harness.invoke("countdown")).text

    undo = await preview(harness, "undo", {})
    assert "undo #1" in embed_text(undo.embeds[0])
    assert "Knowledge base changed" in await confirmed(harness, undo, demo.admin)
    assert read(data_file) == original
    assert "date to be announced" in (await harness.invoke("countdown")).text

    again = await harness.invoke("kb undo", member=demo.admin)
    assert again.ephemeral and "already undone" in embed_text(again.embeds[0])
    history = embed_text((await harness.invoke("kb history", member=demo.admin)).embeds[0])
    assert "undone by #2" in history


async def test_cancel_changes_nothing_and_bad_input_is_refused(editors: Harness, data_file: Path) -> None:
    harness, demo = editors, editors.demo
    before = read(data_file)
    shown = await preview(harness, "fact add", {"statement": "The film runs 95 minutes.", "source": TUDUM})
    cancelled = await press(harness, shown, "Cancel", demo.admin)
    assert cancelled.original is not None and "Cancelled" in visible_text(cancelled.original)
    for options, expected in (
        ({"date": "2026-12-24", "source": "netflix.com/tudum"}, "address of its source"),
        ({"date": "2026-02-30", "source": TUDUM}, "not a real date"),
        ({"date": "2026-12-24", "time": "25:00", "timezone": "Etc/UTC", "source": TUDUM}, "24-hour clock"),
    ):
        refused = await harness.invoke("kb release", options, member=demo.admin)
        assert refused.ephemeral and expected in embed_text(refused.embeds[0]) and not refused.components
    assert read(data_file) == before


async def test_editors_get_autocomplete_and_add_facts_people_and_credits(
    editors: Harness, data_file: Path
) -> None:
    harness, admin = editors, editors.demo.admin
    facts = await harness.autocomplete("kb fact edit", {"fact": "season"}, focused="fact", member=admin)
    assert "why-no-season-4" in facts
    people = await harness.autocomplete(
        "kb credit add", {"role": "writer", "person": "kit"}, focused="person", member=admin
    )
    assert people == ["kit-connor"]
    sources = await harness.autocomplete(
        "kb release", {"date": "2026", "source": "wiki"}, focused="source", member=admin
    )
    assert sources == [WIKIPEDIA]

    for command, options in (
        ("person add", {"name": "Yasmin Finney", "role": "cast", "character": "tara", "source": TUDUM}),
        (
            "fact add",
            {
                "statement": "The first trailer for Heartstopper Forever was released by Netflix on 14 February 2026.",
                "keywords": "trailer, teaser",
                "source": TUDUM,
            },
        ),
    ):
        assert "Knowledge base changed" in await confirmed(
            harness, await preview(harness, command, options), admin
        )
    cast = embed_text((await harness.invoke("cast", {"person": "Tara"})).embeds[0])
    assert "Yasmin Finney" in cast
    answer = embed_text((await harness.invoke("ask", {"question": "is there a trailer?"})).embeds[0])
    assert "14 February 2026" in answer
    assert "[people.yasmin-finney]" in read(data_file).decode()

    help_text = embed_text((await harness.invoke("help", member=admin)).embeds[0])
    assert "`/kb release date source" in help_text and "For the knowledge base's editors" in help_text


async def test_confirm_pressed_twice_makes_the_change_once_and_says_it_was_made(
    editors: Harness, data_file: Path
) -> None:
    harness, demo = editors, editors.demo
    shown = await preview(harness, "release", {"date": "2026-12-24", "source": TUDUM})
    message = shown.original
    assert message is not None
    confirm = buttons(message)["Confirm"]["custom_id"]
    # A double click: both presses reach the bot before the buttons are gone.
    await asyncio.gather(
        harness.sandbox.click(message["id"], confirm, member=demo.admin),
        harness.sandbox.click(message["id"], confirm, member=demo.admin),
    )
    for _ in range(500):  # 0.02 s apart: 10 s in all, until the preview is replaced by an outcome
        if not visible_text(shown.original).startswith("Change the knowledge base?"):
            break
        await asyncio.sleep(0.02)
    await harness.sandbox.settle()  # and whatever the second press does after that
    outcome = visible_text(shown.original)
    # The second press used to be applied too, met the file the first had written, and replaced the
    # outcome with "Nothing changed ... someone else edited it" though the change was made.
    assert outcome.startswith("Knowledge base changed"), outcome
    history = embed_text((await harness.invoke("kb history", member=demo.admin)).embeds[0])
    assert "#1" in history and "#2" not in history


async def test_an_unanswered_preview_expires_and_changes_nothing(
    editors: Harness, data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The module the running bot loaded: discord.py's load_extension puts a fresh one in sys.modules, and an
    # earlier plain import (the catalog check's) would leave the package attribute the stale one.
    knowledge_admin = sys.modules["bot.cogs.knowledge_admin"]
    # The real wait is 10 minutes; the view reads the constant when the preview is made.
    monkeypatch.setattr(knowledge_admin, "CONFIRM_TIMEOUT", timedelta(seconds=0.2))
    harness = editors
    before = read(data_file)
    shown = await preview(harness, "release", {"date": "2026-12-24", "source": TUDUM})
    for _ in range(500):  # 0.02 s apart: 10 s in all
        if "expired" in visible_text(shown.original):
            break
        await asyncio.sleep(0.02)
    assert shown.original is not None
    assert visible_text(shown.original).startswith("Nothing changed\nThe preview expired")
    assert not shown.original.get("components"), "no button is left to press"
    assert read(data_file) == before


async def test_confirm_under_a_preview_from_before_a_restart_says_it_is_gone(
    editors: Harness, data_file: Path
) -> None:
    harness, demo = editors, editors.demo
    before = read(data_file)
    shown = await preview(harness, "release", {"date": "2026-12-24", "source": TUDUM})
    await harness.restart()  # the preview (and what it would write) lived in the old process
    # The press used to get no answer at all: Discord then shows "This interaction failed".
    pressed = await press(harness, shown, "Confirm", demo.admin)
    assert pressed.original is not None
    text = visible_text(pressed.original)
    assert text.startswith("Nothing changed") and "restarted" in text and "again" in text, text
    assert not pressed.original.get("components")
    assert read(data_file) == before
