"""The bot and the sandbox as an operator runs them: `python -m bot` and `python -m bot.sandbox` in processes.

Also imported by ``bench/chaos.py`` (run from the project root): :class:`ShiftedBotProcess`, the bot process it
kills and restarts, as tests/e2e/test_live_countdown_kill.py does. Imports nothing of the bot at run time.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.sandbox import Sandbox, ShiftedWallClock

PROJECT_ROOT = Path(__file__).resolve().parents[2]


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


def bot_environment(tmp_path: Path, port: int, log_level: str = "INFO", **settings: str) -> dict[str, str]:
    """This process's environment without its Discord and health settings, aimed at a sandbox on ``port``."""
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("DISCORD_", "HEALTH_"))
    }
    environment.update(
        DISCORD_API_BASE=f"http://127.0.0.1:{port}",
        DISCORD_TOKEN="sandbox-token",
        DATABASE_PATH=str(tmp_path / "bot.sqlite3"),
        HEALTH_FILE=str(tmp_path / "health.json"),
        LOG_LEVEL=log_level,
        **settings,
    )
    return environment


def run_bot(environment: dict[str, str], *arguments: str) -> subprocess.CompletedProcess[str]:
    """``python -m bot <arguments>`` to its end."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *arguments],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def stop(process: subprocess.Popen[str]) -> int:
    """SIGTERM (what Docker sends) and its exit code."""
    if process.poll() is None:
        process.terminate()
    return process.wait(timeout=20)


@dataclass
class SandboxProcess:
    process: subprocess.Popen[str]
    port: int


@contextlib.contextmanager
def standalone_sandbox(*options: str) -> Iterator[SandboxProcess]:
    """``python -m bot.sandbox --port <free port> <options>``, listening."""
    port = free_port()
    sandbox = subprocess.Popen(
        [sys.executable, "-m", "bot.sandbox", "--port", str(port), *options],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert sandbox.stdout is not None
        assert "api_base" in sandbox.stdout.readline()  # listening
        yield SandboxProcess(sandbox, port)
    finally:
        stop(sandbox)


@contextlib.contextmanager
def running_bot(environment: dict[str, str]) -> Iterator[tuple[subprocess.Popen[str], Lines]]:
    """``python -m bot`` with its standard error readable line by line; stopped (SIGTERM) at the end."""
    bot = subprocess.Popen(
        [sys.executable, "-m", "bot"],
        cwd=PROJECT_ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield bot, Lines(bot)
    finally:
        stop(bot)


class ShiftedBotProcess:
    """``python -m bot`` against a sandbox running in this process, both on one shifted wall clock (the sandbox a
    ``ShiftedWallClock``, the bot ``CLOCK_OFFSET_SECONDS``), so the bot can be down for ten minutes without
    waiting them. Started again after every stop on the same database; its output is appended to ``log``.
    ``settings`` are more environment variables for the bot (LOG_LEVEL is INFO unless given)."""

    def __init__(
        self,
        sandbox: Sandbox,
        clock: ShiftedWallClock,
        database: Path,
        data_file: Path,
        log: Path,
        **settings: str,
    ) -> None:
        self.sandbox, self.clock, self.database, self.data_file, self.log = (
            sandbox,
            clock,
            database,
            data_file,
            log,
        )
        self.settings = settings
        self.process: asyncio.subprocess.Process | None = None
        self._identified = 0

    def environment(self) -> dict[str, str]:
        """This process's environment without the bot's own settings (a developer's .env or shell must not
        change the run), aimed at the sandbox and its clock."""
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DISCORD_", "DATABASE_", "DATA_FILE", "CLOCK_", "HEALTH_"))
        }
        environment.update(
            DISCORD_TOKEN=self.sandbox.token,
            DISCORD_API_BASE=self.sandbox.api_base,
            DATABASE_PATH=str(self.database),
            DATA_FILE=str(self.data_file),
            HEALTH_FILE=str(self.database.with_suffix(".health.json")),
            CLOCK_OFFSET_SECONDS=f"{self.clock.offset_seconds:.6f}",
            LOG_LEVEL="INFO",
            OWNER_IDS="",  # set, even empty: a developer's .env must not change the run
            DEV_GUILD_ID="",
        )
        environment.update(self.settings)
        return environment

    async def launch(self) -> None:
        """Start the process; it connects on its own (:meth:`until_connected` waits for that)."""
        self._identified = len(self.sandbox.identifies)
        with self.log.open("a", encoding="utf-8") as log:
            log.write(f"--- start at {self.clock.now().isoformat()}\n")
            log.flush()
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                cwd=PROJECT_ROOT,
                env=self.environment(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )

    async def until_connected(self, within: float = 60.0) -> None:
        """Until the process launched last has its own gateway session, ready (TimeoutError after ``within``).
        A restarted bot does not sync its unchanged commands: its IDENTIFY is what tells it is back."""
        deadline = asyncio.get_running_loop().time() + within
        while len(self.sandbox.identifies) <= self._identified:
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"the bot did not connect within {within:.0f} s")
            await asyncio.sleep(0.01)
        await self.sandbox.wait_for_ready(timeout=within)

    async def start(self) -> None:
        """Launch the process and wait until it is connected."""
        await self.launch()
        await self.until_connected()

    def send(self, signal_number: int) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(signal_number)

    async def wait_exit(self, within: float) -> float | None:
        """Seconds until the process exits (None if it is still running after ``within``; then it is killed)."""
        if self.process is None:
            return 0.0
        started = time.perf_counter()
        try:
            await asyncio.wait_for(self.process.wait(), within)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()
            return None
        return time.perf_counter() - started

    async def stop(self, signal_number: int = signal.SIGTERM, within: float = 30.0) -> float | None:
        """``signal_number`` (SIGTERM: what Docker sends) and the seconds until the exit, as :meth:`wait_exit`."""
        self.send(signal_number)
        return await self.wait_exit(within)
