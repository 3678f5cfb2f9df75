"""The restart-after-the-nonce-window lookup with the sandbox clock years ahead of the real one: the bot pages
the channel from a snowflake of the claim's time, so message ids must encode the sandbox clock's time (as
Discord's encode Discord's)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.sandbox import VirtualClock
from tests.e2e.conftest import Harness
from tests.e2e.test_announcements import data_with_release
from tests.e2e.test_outages import MESSAGES, message_posts, until

SEVEN_DAYS_BEFORE = datetime(2031, 1, 8, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(start=datetime(2031, 1, 1, 12, 0, tzinfo=UTC))


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return data_with_release(tmp_path, "2031-01-15")


async def test_restart_after_the_nonce_window_with_the_clock_ahead_of_real_time(harness: Harness) -> None:
    demo = harness.demo
    await harness.invoke("announcements setup", {"channel": demo.announcements}, member=demo.admin)
    harness.sandbox.fail_next("POST", MESSAGES, status=503, after_processing=True)
    await harness.sandbox.advance_to(SEVEN_DAYS_BEFORE)
    await until(lambda: len(message_posts(harness)) >= 1)
    await harness.stop_bot()
    await harness.sandbox.advance(timedelta(minutes=10))
    await harness.start_bot()
    await harness.sandbox.settle()
    assert len(harness.sandbox.channel_messages(demo.announcements)) == 1
