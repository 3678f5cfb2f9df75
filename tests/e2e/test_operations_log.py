"""What the log says when the bot runs: the ready line, each command at DEBUG, and Discord outages."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from tests.e2e.conftest import Harness
from tests.e2e.processes import bot_environment, free_port, run_bot, running_bot, standalone_sandbox, stop


@pytest.fixture
def observability_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """INFO and DEBUG lines of bot.observability, captured from before the bot starts."""
    caplog.set_level(logging.DEBUG, logger="bot.observability")
    return caplog


async def test_ready_line_and_each_command_at_debug(
    observability_logs: pytest.LogCaptureFixture, harness: Harness
) -> None:
    caplog = observability_logs
    assert harness.bot is not None
    await (
        harness.bot.wait_until_ready()
    )  # on_ready follows the guilds' arrival, maybe after the harness's wait
    for _ in range(100):  # the listener does two database reads before it logs
        # The line may come while the harness fixture is still setting up, or after: look in both phases.
        records = [*caplog.get_records("setup"), *caplog.records]
        ready_lines = [r.getMessage() for r in records if r.getMessage().startswith("logged in as")]
        if ready_lines:
            break
        await asyncio.sleep(0.05)
    [ready] = ready_lines
    assert " in 1 server on 1 shard, 0 subscriptions, data version " in ready
    await harness.invoke("countdown")
    [line] = [r for r in caplog.records if r.getMessage().startswith("command /countdown")]
    assert line.levelno == logging.DEBUG
    assert f"in guild {harness.demo.guild.id} answered in " in line.getMessage()


def test_an_unreachable_discord_is_one_line_per_attempt_without_tracebacks(tmp_path: Path) -> None:
    with (
        standalone_sandbox() as sandbox,
        running_bot(bot_environment(tmp_path, sandbox.port)) as (_, stderr),
    ):
        stderr.wait_for("logged in as", within=30)
        stop(sandbox.process)  # Discord goes away
        after = stderr.collect(6.0)
    attempts = [line for line in after if "cannot reach Discord (" in line and "; retrying in " in line]
    print(f"\n{len(after)} lines in 6 s of outage, {len(attempts)} reconnect attempts")
    assert len(attempts) >= 2, "".join(after)
    assert not any("Traceback" in line for line in after), "".join(after)
    # Nothing but the attempts (and discord.py's one-line notices) while Discord is away.
    assert len(after) <= len(attempts) + 3, "".join(after)


def test_discord_unreachable_at_start_is_one_line(tmp_path: Path) -> None:
    # Nothing listens on a free port.
    finished = run_bot(bot_environment(tmp_path, free_port(), log_level="WARNING"))
    assert finished.returncode == 1
    assert (
        finished.stderr.startswith("error: cannot reach http://127.0.0.1:")
        and finished.stderr.count("\n") == 1
    )
