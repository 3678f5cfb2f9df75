"""The sandbox's virtual clock past 2026 with the release still known only as "2026"."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest

from bot.sandbox import VirtualClock
from tests.e2e.conftest import Harness
from tests.e2e.test_fan_commands import embed_text


@pytest.fixture
def clock() -> VirtualClock:
    # Start in the last minutes of 2026, so the test does not spend its time simulating the whole year.
    return VirtualClock(start=datetime(2026, 12, 31, 23, 58, tzinfo=UTC))


async def test_countdown_and_about_after_the_year_passed_without_a_date(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    before = embed_text((await harness.invoke("countdown")).embeds[0])
    assert "exact date has not been announced" in before
    with caplog.at_level(logging.WARNING, logger="bot.services.countdown"):
        await harness.sandbox.advance_to(datetime(2027, 1, 1, tzinfo=UTC))
        countdown = embed_text((await harness.invoke("countdown")).embeds[0])
        about = embed_text((await harness.invoke("about")).embeds[0])
        await harness.invoke("countdown")  # noticed again: still one warning for this data version
    for text in (countdown, about):
        assert "Expected in 2026; no date has been announced" in text, text
        assert "Out now" not in text and "Released" not in text
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
