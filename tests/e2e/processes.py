"""The bot and the sandbox as an operator runs them: `python -m bot` and `python -m bot.sandbox` in processes."""

from __future__ import annotations

import contextlib
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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
