"""`python -m bot db import` run beside the running bot: the bot notices the newer import and follows it.

The import runs as a real separate process on the bot's database file, as an operator would run it; the bot
notices through its data-version check (its poll, or /reload-data) and every reply and post follows the new date.
"""

from __future__ import annotations

import asyncio
import os
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import Settings
from bot.sandbox import visible_text
from tests.e2e.conftest import Harness
from tests.e2e.processes import PROJECT_ROOT
from tests.e2e.test_announcements import (
    RELEASE_DAY,
    data_with_release,
    move_release,
    posts,
    setup_countdown,
)
from tests.e2e.test_fan_commands import embed_text

MOVED_DAY = "2026-01-20"
# 14 days before the moved date (the clock starts on 1 January 2026 at 12:00 UTC), at the default 09:00 UTC.
FOURTEEN_DAYS_BEFORE_MOVED = datetime(2026, 1, 6, 9, 0, tzinfo=UTC)


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return data_with_release(tmp_path, RELEASE_DAY)


async def import_in_another_process(database: Path, data_file: Path) -> str:
    """`python -m bot db import --file DATA_FILE` on the bot's database, as an operator runs it."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DISCORD_")}
    environment.update(DATABASE_PATH=str(database), DATA_FILE=str(data_file))
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "db",
        "import",
        "--file",
        str(data_file),
        cwd=PROJECT_ROOT,
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, output.decode()
    return output.decode()


async def what_fans_see(harness: Harness) -> tuple[str, str]:
    countdown = (await harness.invoke("countdown")).text
    ask = embed_text((await harness.invoke("ask", {"question": "when does it come out?"})).embeds[0])
    return countdown, ask


async def test_reload_data_picks_up_an_import_by_another_process_and_posts_the_news_once(
    harness: Harness, data_file: Path
) -> None:
    demo = harness.demo
    assert harness.bot is not None
    harness.bot.owner_id, harness.bot.owner_ids = None, {demo.admin.id}  # as OWNER_IDS would set it
    await setup_countdown(harness)
    countdown, ask = await what_fans_see(harness)  # both are now kept by the bot for the old date
    assert "14 days" in countdown and "15 January 2026" in ask

    move_release(data_file, RELEASE_DAY, MOVED_DAY)
    assert "Imported" in await import_in_another_process(harness.database_path, data_file)

    reloaded = embed_text((await harness.invoke("reload-data", member=demo.admin)).embeds[0])
    assert "newer import" in reloaded and "unchanged" in reloaded  # the file itself is what the bot last saw
    assert "on 15 January 2026 → on 20 January 2026" in reloaded
    countdown, ask = await what_fans_see(harness)
    assert "19 days" in countdown and "20 January 2026" in ask
    await harness.sandbox.settle()
    [news] = posts(harness)
    assert "20 January 2026" in visible_text(news)

    # Noticing again (another /reload-data, the bot's own check) changes and posts nothing more.
    again = embed_text((await harness.invoke("reload-data", member=demo.admin)).embeds[0])
    assert "newer import" not in again and "unchanged" in again
    assert await harness.bot.check_data_version() is None
    await harness.sandbox.settle()
    assert len(posts(harness)) == 1


async def test_the_running_bot_notices_an_import_by_another_process_by_itself(
    harness: Harness, data_file: Path
) -> None:
    demo = harness.demo
    # The check runs every 30 s in production; a test does not wait that long.
    harness.base_settings = replace(Settings(), data_version_check=timedelta(seconds=0.05))
    await harness.restart()
    await setup_countdown(harness)
    countdown, _ = await what_fans_see(harness)
    assert "14 days" in countdown
    status = embed_text((await harness.invoke("announcements status", member=demo.admin)).embeds[0])
    assert f"<t:{int(FOURTEEN_DAYS_BEFORE_MOVED.timestamp())}:" not in status

    move_release(data_file, RELEASE_DAY, MOVED_DAY)
    await import_in_another_process(harness.database_path, data_file)
    async with asyncio.timeout(10):  # the bot's own check, no command: the news post is the sign
        while not posts(harness):
            await asyncio.sleep(0.05)  # the bot's check runs every 0.05 s here
            await harness.sandbox.settle(quiet=0.05)
    [news] = posts(harness)
    assert "20 January 2026" in visible_text(news)
    countdown, ask = await what_fans_see(harness)
    assert "19 days" in countdown and "20 January 2026" in ask
    # The dispatcher plans for the new date: 14 days before it is the next post, and it goes out then.
    status = embed_text((await harness.invoke("announcements status", member=demo.admin)).embeds[0])
    assert f"<t:{int(FOURTEEN_DAYS_BEFORE_MOVED.timestamp())}:" in status
    await harness.sandbox.advance_to(FOURTEEN_DAYS_BEFORE_MOVED)
    assert len(posts(harness)) == 2 and "14 days" in visible_text(posts(harness)[-1])
