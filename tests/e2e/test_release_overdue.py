"""The sandbox's virtual clock past 2026 with the release still known only as "2026"."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.sandbox import VirtualClock, visible_text
from tests.e2e.conftest import Harness
from tests.e2e.test_announcements import data_with_release, move_release, posts, setup_countdown
from tests.e2e.test_fan_commands import embed_text


@pytest.fixture
def clock() -> VirtualClock:
    # Start in the last minutes of 2026, so the test does not spend its time simulating the whole year.
    return VirtualClock(start=datetime(2026, 12, 31, 23, 58, tzinfo=UTC))


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return data_with_release(tmp_path, "2026")  # the real data file, in a copy an editor may change


async def test_countdown_and_about_after_the_year_passed_without_a_date(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    before = (await harness.invoke("countdown")).text
    assert "exact date has not been announced" in before
    asked_before = embed_text((await harness.invoke("ask", {"question": "when does it come out?"})).embeds[0])
    assert "is due to be released on Netflix in 2026" in asked_before
    with caplog.at_level(logging.WARNING, logger="bot.services.countdown"):
        await harness.sandbox.advance_to(datetime(2027, 1, 1, tzinfo=UTC))
        countdown = (await harness.invoke("countdown")).text
        about = embed_text((await harness.invoke("about")).embeds[0])
        asked = [
            embed_text((await harness.invoke("ask", {"question": question})).embeds[0])
            for question in ("when does it come out?", "is it out yet?")
        ]
        await harness.invoke("countdown")  # noticed again: still one warning for this data version
    for text in (countdown, about):
        assert "Expected in 2026; no date has been announced" in text, text
        assert "Out now" not in text and "Released" not in text
    for text in asked:  # /ask says the same, not the stale "is due to be released in 2026"
        assert "expected in 2026; no date has been announced" in text, text
        assert "is due" not in text and "came out" not in text and "released" not in text.lower(), text
    warnings = [r.getMessage() for r in caplog.records if r.name == "bot.services.countdown"]
    assert len(warnings) == 1 and "expected in 2026, which has passed without a date" in warnings[0]

    # The owners' view: /reload-data's report says the data needs updating.
    demo = harness.demo
    assert harness.bot is not None
    harness.bot.owner_id, harness.bot.owner_ids = None, {demo.admin.id}  # as OWNER_IDS would set it
    reloaded = embed_text((await harness.invoke("reload-data", member=demo.admin)).embeds[0])
    assert "Warning: the data file says the release is expected in 2026" in reloaded


async def test_the_overdue_release_is_logged_at_start_up(
    caplog: pytest.LogCaptureFixture, harness: Harness
) -> None:
    await harness.sandbox.advance_to(datetime(2027, 1, 1, tzinfo=UTC))
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="bot.services.countdown"):
        await harness.restart()
    assert any("has passed without a date" in r.getMessage() for r in caplog.records)


async def test_a_date_added_only_after_the_release_is_news_in_the_past_tense(
    harness: Harness, data_file: Path
) -> None:
    """The owners update the overdue data late: the film came out on 8 January 2027, noted on the 10th."""
    demo = harness.demo
    await setup_countdown(harness)
    await harness.sandbox.advance_to(datetime(2027, 1, 10, 12, tzinfo=UTC))
    move_release(data_file, "2026", "2027-01-08")
    assert harness.bot is not None
    harness.bot.owner_id, harness.bot.owner_ids = None, {demo.admin.id}  # as OWNER_IDS would set it
    await harness.invoke("reload-data", member=demo.admin)
    await harness.sandbox.settle()
    (news,) = posts(harness)
    text = visible_text(news)
    assert "Heartstopper Forever came out on Netflix on 8 January 2027. (It was expected in 2026.)" in text
    assert "arrives" not in text and "countdown here follows" not in text
    for command in ("countdown", "about"):
        assert "Released 8 January 2027" in (await harness.invoke(command)).text
    asked = embed_text((await harness.invoke("ask", {"question": "when does it come out?"})).embeds[0])
    assert "came out on Netflix on 8 January 2027" in asked
