"""The Prometheus endpoint (METRICS_PORT) of the real bot on the sandbox, scraped over HTTP as Prometheus would."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import psutil
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.config import Settings
from bot.harness import running_fan_bot
from bot.sandbox import Sandbox, build_demo_world
from tests.e2e.conftest import TOKEN, Harness
from tests.e2e.processes import free_port
from tests.e2e.test_announcements import (
    SEVEN_DAYS_BEFORE,
    data_with_release,
    posts,
    setup_countdown,
)
from tests.e2e.test_fan_commands import embed_text
from tests.helpers_announcements import eventually

MESSAGES = "/channels/{channel_id}/messages"
THREE_DAYS_BEFORE = datetime(2026, 1, 12, 9, 0, tzinfo=UTC)


@pytest.fixture
def metrics_port() -> int:
    return free_port()


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return data_with_release(tmp_path, "2026-01-15")


@pytest.fixture
async def harness(harness: Harness, metrics_port: int) -> Harness:
    """The e2e harness, its bot restarted with METRICS_PORT set (as the environment would set it)."""
    harness.base_settings = Settings(metrics_port=metrics_port)
    await harness.restart()
    return harness


async def scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """GET /metrics and parse it with prometheus_client's own parser: {(sample name, labels): value}."""
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{port}/metrics") as response,
    ):
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/plain")
        text = await response.text()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(samples: dict, name: str, **labels: str) -> float:
    return samples[(name, tuple(sorted(labels.items())))]


async def test_an_operator_sees_answers_posts_429s_and_paused_channels(
    harness: Harness, metrics_port: int
) -> None:
    demo = harness.demo
    before = await scrape(metrics_port)
    assert value(before, "fanbot_posts_sent_total", target="channel") == 0
    assert value(before, "fanbot_paused_channels") == 0

    known = await harness.invoke("ask", {"question": "who directs Heartstopper Forever?"})
    unknown = await harness.invoke("ask", {"question": "what is the budget?"})
    assert known.embeds[0]["title"] == "Heartstopper Forever"
    assert unknown.embeds[0]["title"] == "I don't know that one"

    # The countdown post seven days before goes out after a 429 that discord.py waits out itself.
    await setup_countdown(harness)
    harness.sandbox.fail_next("POST", MESSAGES, status=429, retry_after=0.2)
    await harness.sandbox.advance_to(SEVEN_DAYS_BEFORE)
    await eventually(lambda: len(posts(harness)) == 1, within=15)
    await harness.sandbox.settle()

    samples = await scrape(metrics_port)
    assert value(samples, "fanbot_ask_answers_total", outcome="answered") == 1
    assert value(samples, "fanbot_ask_answers_total", outcome="dont_know") == 1
    assert value(samples, "fanbot_ask_answers_total", outcome="refused") == 0
    assert value(samples, "fanbot_command_latency_seconds_count", command="ask") == 2
    assert value(samples, "fanbot_command_latency_seconds_count", command="announcements setup") == 1
    assert value(samples, "fanbot_command_latency_seconds_sum", command="ask") > 0
    assert value(samples, "fanbot_discord_rate_limits_total", scope="user") == 1
    assert value(samples, "fanbot_discord_rate_limits_total", scope="global") == 0
    assert value(samples, "fanbot_posts_sent_total", target="channel") == 1
    assert value(samples, "fanbot_posts_lost_total", target="channel") == 0
    assert value(samples, "fanbot_post_delay_seconds_count", target="channel") == 1
    # Posted at its due instant on the sandbox's clock: well within the first bucket.
    assert value(samples, "fanbot_post_delay_seconds_bucket", target="channel", le="1.0") == 1
    assert value(samples, "fanbot_paused_channels") == 0

    # The bot loses Send Messages in the channel: the next post pauses it, and the gauge shows it at once.
    harness.sandbox.fail_next("POST", MESSAGES, status=403, code=50013, message="Missing Permissions")
    await harness.sandbox.advance_to(THREE_DAYS_BEFORE)
    await harness.sandbox.settle()
    status = embed_text((await harness.invoke("announcements status", member=demo.admin)).embeds[0])
    assert "Paused" in status
    samples = await scrape(metrics_port)
    assert value(samples, "fanbot_paused_channels") == 1
    assert value(samples, "fanbot_posts_failed_total", target="channel") == 1
    assert value(samples, "fanbot_posts_sent_total", target="channel") == 1
    # No label names a server, a user or a question.
    label_names = {name for _, labels in samples for name, _ in labels}
    assert label_names <= {"target", "outcome", "scope", "command", "le"}, label_names


async def test_a_post_found_after_a_restart_counts_as_a_duplicate_prevented(
    harness: Harness, metrics_port: int
) -> None:
    """Discord created the post but the reply was lost; ten minutes later (past Discord's nonce memory) the
    restarted bot finds it instead of posting twice, and says so in the metrics."""
    await setup_countdown(harness)
    harness.sandbox.fail_next("POST", MESSAGES, status=503, after_processing=True)
    await harness.sandbox.advance_to(SEVEN_DAYS_BEFORE)
    await eventually(lambda: len(posts(harness)) == 1, within=15)
    await harness.stop_bot()
    await harness.sandbox.advance(timedelta(minutes=10))
    await harness.start_bot()  # the same METRICS_PORT: the stopped bot freed it
    await harness.sandbox.settle()
    assert len(posts(harness)) == 1
    samples = await scrape(metrics_port)
    assert value(samples, "fanbot_posts_duplicates_prevented_total", target="channel") == 1
    # It is delivered (recorded with the message found), ten minutes after its due instant.
    assert value(samples, "fanbot_posts_sent_total", target="channel") == 1
    assert value(samples, "fanbot_post_delay_seconds_bucket", target="channel", le="300.0") == 0
    assert value(samples, "fanbot_post_delay_seconds_bucket", target="channel", le="900.0") == 1


def listening_ports() -> set[int]:
    return {
        connection.laddr.port
        for connection in psutil.Process().net_connections(kind="tcp")
        if connection.status == psutil.CONN_LISTEN
    }


async def test_without_metrics_port_the_bot_listens_on_nothing(tmp_path: Path) -> None:
    demo = build_demo_world()
    async with Sandbox(demo.world, token=TOKEN) as sandbox:
        before = listening_ports()  # the sandbox's own
        async with running_fan_bot(sandbox, tmp_path / "bot.sqlite3", base_settings=Settings()) as bot:
            assert bot.metrics_server is None
            assert listening_ports() == before
            # Still counted in memory (cheap), just not served.
            await sandbox.invoke("ask", {"question": "who directs it?"}, guild=demo.guild, member=demo.fan)
            await sandbox.settle()
            assert bot.metrics.ask_answers.labels(outcome="answered")._value.get() == 1
