"""After the release: every reply speaks in the past tense (the sandbox's virtual clock past the release)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.sandbox import VirtualClock
from tests.e2e.conftest import Harness
from tests.e2e.test_announcements import data_with_release
from tests.e2e.test_fan_commands import embed_text

RELEASE_QUESTIONS = ("when does it come out?", "is it out yet?", "when can I watch Heartstopper Forever?")


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(start=datetime(2026, 5, 1, 15, 0, tzinfo=UTC))  # an hour before the release


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    # 09:00 in Los Angeles: 16:00 UTC.
    return data_with_release(tmp_path, "2026-05-01T09:00", 'timezone = "America/Los_Angeles"\n')


async def replies(harness: Harness) -> dict[str, str]:
    texts = {command: (await harness.invoke(command)).text for command in ("countdown", "about", "timeline")}
    for question in RELEASE_QUESTIONS:
        texts[question] = embed_text((await harness.invoke("ask", {"question": question})).embeds[0])
    return texts


async def test_once_the_release_instant_passed_every_reply_is_in_the_past_tense(harness: Harness) -> None:
    before = await replies(harness)
    for question in RELEASE_QUESTIONS:
        assert "comes out on Netflix today, 1 May 2026" in before[question], before[question]
    assert "It's release day" in before["countdown"] and "It's release day" in before["about"]

    await harness.sandbox.advance_to(datetime(2026, 5, 1, 16, 0, tzinfo=UTC))
    after = await replies(harness)
    for command in ("countdown", "about"):
        assert "Out now on Netflix! Released" in after[command], after[command]
        assert "release day" not in after[command]
    for question in (*RELEASE_QUESTIONS, "timeline"):
        text = after[question]
        assert "Heartstopper Forever came out on Netflix on 1 May 2026." in text, text
        assert "comes out" not in text and "is due" not in text and "today" not in text, text
    assert "due to be released" not in after["timeline"]  # the data file's own words, before the release

    # Weeks later, the same.
    await harness.sandbox.advance_to(datetime(2026, 6, 15, tzinfo=UTC))
    later = await replies(harness)
    assert "came out on Netflix on 1 May 2026" in later["when does it come out?"]
