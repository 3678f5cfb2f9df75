"""What the log says when the bot runs: the ready line, each command at DEBUG, and Discord outages."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.e2e.conftest import Harness

PROJECT_ROOT = Path(__file__).resolve().parents[2]


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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Lines:
    """A subprocess's standard error, read line by line in a thread so a test can wait for a line."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        assert process.stderr is not None
        stream = process.stderr
        threading.Thread(target=lambda: [self.lines.put(line) for line in stream], daemon=True).start()

    def wait_for(self, text: str, within: float) -> None:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            try:
                self.seen.append(self.lines.get(timeout=0.1))
            except queue.Empty:
                continue
            if text in self.seen[-1]:
                return
        raise AssertionError(f"no {text!r} within {within} s; stderr:\n{''.join(self.seen)}")

    def collect(self, seconds: float) -> list[str]:
        start = len(self.seen)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with contextlib.suppress(queue.Empty):
                self.seen.append(self.lines.get(timeout=0.1))
        return self.seen[start:]


def test_an_unreachable_discord_is_one_line_per_attempt_without_tracebacks(tmp_path: Path) -> None:
    port = free_port()
    sandbox = subprocess.Popen(
        [sys.executable, "-m", "bot.sandbox", "--port", str(port)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    bot: subprocess.Popen[str] | None = None
    try:
        assert sandbox.stdout is not None
        assert "api_base" in sandbox.stdout.readline()  # listening
        environment = {key: value for key, value in os.environ.items() if not key.startswith("DISCORD_")}
        environment.update(
            DISCORD_API_BASE=f"http://127.0.0.1:{port}",
            DISCORD_TOKEN="sandbox-token",
            DATABASE_PATH=str(tmp_path / "bot.sqlite3"),
            HEALTH_FILE=str(tmp_path / "health.json"),
            LOG_LEVEL="INFO",
        )
        bot = subprocess.Popen(
            [sys.executable, "-m", "bot"],
            cwd=PROJECT_ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        stderr = Lines(bot)
        stderr.wait_for("logged in as", within=30)
        sandbox.terminate()  # Discord goes away
        sandbox.wait(timeout=10)
        after = stderr.collect(6.0)
        attempts = [line for line in after if "cannot reach Discord (" in line and "; retrying in " in line]
        print(f"\n{len(after)} lines in 6 s of outage, {len(attempts)} reconnect attempts")
        assert len(attempts) >= 2, "".join(after)
        assert not any("Traceback" in line for line in after), "".join(after)
        # Nothing but the attempts (and discord.py's one-line notices) while Discord is away.
        assert len(after) <= len(attempts) + 3, "".join(after)
    finally:
        for process in (bot, sandbox):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(timeout=10)


def test_discord_unreachable_at_start_is_one_line(tmp_path: Path) -> None:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DISCORD_")}
    environment.update(
        DISCORD_API_BASE=f"http://127.0.0.1:{free_port()}",  # nothing listens there
        DISCORD_TOKEN="sandbox-token",
        DATABASE_PATH=str(tmp_path / "bot.sqlite3"),
        HEALTH_FILE=str(tmp_path / "health.json"),
        LOG_LEVEL="WARNING",
    )
    finished = subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert finished.returncode == 1
    assert (
        finished.stderr.startswith("error: cannot reach http://127.0.0.1:")
        and finished.stderr.count("\n") == 1
    )
