"""The health check against the real bot connected to the sandbox, run as Docker's HEALTHCHECK would run it.

The command is taken from the Dockerfile's HEALTHCHECK line (its `.venv/bin/python` is this test's Python), and
runs as a separate process reading the heartbeat file the bot writes, as it does in a container.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import Settings
from bot.health import Heartbeat
from tests.deploy_files import ROOT, dockerfile_instructions, exec_form
from tests.e2e.conftest import Harness


def healthcheck_command() -> list[str]:
    """The Dockerfile's HEALTHCHECK CMD, with the image's venv Python swapped for this test's."""
    (healthcheck,) = [arguments for name, arguments in dockerfile_instructions() if name == "HEALTHCHECK"]
    command = exec_form(healthcheck.split(" CMD ", 1)[1])
    assert command[0] == ".venv/bin/python", command
    return [sys.executable, *command[1:]]


async def run_healthcheck(settings: Settings, **limits: str) -> tuple[int, str]:
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("HEALTH_", "DISCORD_"))
    }
    environment.update({"HEALTH_FILE": str(settings.health_file), **limits})
    process = await asyncio.create_subprocess_exec(
        *healthcheck_command(),
        cwd=ROOT,  # the Dockerfile's WORKDIR is the project folder
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    return process.returncode, output.decode()


async def wait_for_heartbeat(path: Path, condition: Callable[[Heartbeat], bool]) -> Heartbeat:
    """The first heartbeat in ``path`` that meets ``condition`` (within 20 s)."""
    async with asyncio.timeout(20):
        while True:
            with contextlib.suppress(OSError, ValueError):  # not written yet
                heartbeat = Heartbeat.from_json(await asyncio.to_thread(path.read_text))
                if condition(heartbeat):
                    return heartbeat
            await asyncio.sleep(0.05)


def connected(heartbeat: Heartbeat) -> bool:
    return heartbeat.gateway_connected


@pytest.fixture
async def health_harness(tmp_path: Path, harness: Harness) -> AsyncIterator[Harness]:
    """The e2e harness, restarted with a heartbeat file in tmp_path (tests build Settings with none)."""
    harness.base_settings = replace(Settings(), health_file=tmp_path / "health.json")
    await harness.restart()
    yield harness


async def test_healthy_while_connected_then_unhealthy_once_the_gateway_is_gone_too_long(
    health_harness: Harness,
) -> None:
    assert health_harness.bot is not None
    settings = health_harness.bot.settings
    assert settings.health_file is not None
    heartbeat = await wait_for_heartbeat(settings.health_file, connected)
    assert heartbeat.guilds == 1 and heartbeat.dispatcher_running is True

    code, output = await run_healthcheck(settings)
    assert code == 0, output
    assert output.startswith("healthy: gateway connected for") and output.count("\n") == 1

    # Discord goes away: the sandbox drops the gateway and refuses every new connection.
    await health_harness.sandbox.close()
    dropped = await wait_for_heartbeat(settings.health_file, lambda beat: not connected(beat))
    # Within the limit it is an outage discord.py rides out by reconnecting; past it, the bot is unhealthy.
    code, output = await run_healthcheck(settings, HEALTH_DISCONNECT_SECONDS="60")
    assert code == 0 and "gateway reconnecting for" in output, output
    await asyncio.sleep(max(0.0, 1.2 - (time.time() - dropped.gateway_since.timestamp())))
    code, output = await run_healthcheck(settings, HEALTH_DISCONNECT_SECONDS="1")
    assert code == 1, output
    assert output.startswith("unhealthy: the Discord gateway has been disconnected for")
    assert output.count("\n") == 1


async def test_unhealthy_after_the_bot_is_closed(health_harness: Harness) -> None:
    assert health_harness.bot is not None
    settings = health_harness.bot.settings
    assert settings.health_file is not None
    await wait_for_heartbeat(settings.health_file, connected)
    assert (await run_healthcheck(settings))[0] == 0

    await health_harness.stop_bot()
    code, output = await run_healthcheck(settings)
    assert code == 1 and output.startswith("unhealthy: the bot stopped"), output
