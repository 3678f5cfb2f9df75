"""What fans never see: stack traces, oversize messages, or a crash, whatever the data or a failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import DEFAULT_DATA_FILE
from tests.e2e.conftest import Harness
from tests.e2e.test_fan_commands import embed_text

EXTRA_PEOPLE = 120


def grown_data(tmp_path: Path) -> Path:
    """The real data file plus a very long cast, crew and timeline, as a much later edition might hold."""
    lines = [DEFAULT_DATA_FILE.read_text(encoding="utf-8")]
    for index in range(EXTRA_PEOPLE):
        lines.append(f'[people.extra-{index}]\nname = "Extra Person Number {index} With A Long Name"\n')
        lines.append(f'[characters.role-{index}]\nname = "Background Character {index} Of Truham Grammar"\n')
        lines.append(
            f'[[credits]]\nrole = "cast"\nperson = "extra-{index}"\ncharacter = "role-{index}"\n'
            'status = "reported"\nsource = "wikipedia"\nas_of = 2025-07-28\n'
        )
        lines.append(
            f'[[credits]]\nrole = "executive-producer"\nperson = "extra-{index}"\nstatus = "reported"\n'
            'source = "wikipedia"\nas_of = 2025-07-28\n'
        )
        lines.append(
            f'[[events]]\nid = "extra-event-{index}"\ndate = "2025-08-{index % 28 + 1:02d}"\nkind = "filming"\n'
            f'title = "A long event title number {index}"\nsummary = "{"Something happened on set. " * 12}"\n'
            'source = "wikipedia"\nas_of = 2025-07-28\n'
        )
    path = tmp_path / "grown.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return grown_data(tmp_path)


async def test_replies_stay_within_discord_limits_however_large_the_data(harness: Harness) -> None:
    # The sandbox refuses (and records in problems, asserted at teardown) anything over Discord's limits.
    for command, options in [
        ("cast", {}),
        ("crew", {}),
        ("timeline", {}),
        ("about", {}),
        ("ask", {"question": "who plays Nick?"}),
    ]:
        result = await harness.invoke(command, options)
        assert result.embeds, command
        assert result.error is None
    cast = embed_text((await harness.invoke("cast")).embeds[0])
    assert "Kit Connor" in cast and "more" in cast


async def test_an_unexpected_failure_gets_a_friendly_private_reply(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert harness.bot is not None

    async def broken() -> None:
        raise RuntimeError("database is on fire: secret internals")

    monkeypatch.setattr(harness.bot.knowledge, "timeline", broken)
    result = await harness.invoke("timeline")
    assert result.ephemeral
    text = embed_text(result.embeds[0])
    assert "Something went wrong on my side" in text
    assert "RuntimeError" not in text and "secret internals" not in text and "Traceback" not in text
    # The bot carries on.
    assert "Wash Westmoreland" in embed_text((await harness.invoke("director")).embeds[0])


async def test_a_voice_channel_in_the_server_does_not_disturb_the_bot(harness: Harness) -> None:
    # Found by the option fuzzing: a voice channel payload the client cannot read would kill its connection.
    await harness.sandbox.create_text_channel(harness.demo.guild, "hangout", type=2)
    result = await harness.invoke("countdown")
    assert "Heartstopper Forever" in result.text
