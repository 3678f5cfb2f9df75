"""Health: the verdict on a heartbeat at fixed times, the file format, the reporter and `python -m bot health`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.config import ConfigError, load_settings
from bot.health import HealthLimits, HealthReporter, Heartbeat, check_file, judge

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
LIMITS = HealthLimits(
    max_age=timedelta(seconds=60),
    disconnect_limit=timedelta(seconds=120),
    dispatcher_late=timedelta(seconds=120),
)


def seconds_ago(seconds: float) -> datetime:
    return NOW - timedelta(seconds=seconds)


def heartbeat(**changes: object) -> Heartbeat:
    """A heartbeat of a healthy bot written 5 s before NOW; ``changes`` make it less so."""
    healthy = Heartbeat(
        written_at=seconds_ago(5),
        pid=1234,
        gateway_connected=True,
        gateway_since=seconds_ago(3600),
        guilds=3,
        dispatcher_running=True,
        dispatcher_rounds=7,
        dispatcher_last_tick=seconds_ago(600),
        dispatcher_next_wake=NOW + timedelta(hours=5),
    )
    return replace(healthy, **changes)


def test_a_fresh_heartbeat_of_a_connected_bot_is_healthy() -> None:
    verdict = judge(heartbeat(), NOW, LIMITS)
    assert verdict.healthy, verdict
    assert (
        verdict.line()
        == "healthy: gateway connected for 3600s, servers: 3, dispatcher rounds: 7, next in 18000s"
    )


@pytest.mark.parametrize(("age", "healthy"), [(0, True), (59, True), (60, True), (61, False), (3600, False)])
def test_the_file_must_have_been_written_within_the_max_age(age: float, healthy: bool) -> None:
    verdict = judge(heartbeat(written_at=seconds_ago(age)), NOW, LIMITS)
    assert verdict.healthy is healthy
    if not healthy:
        assert "no heartbeat for" in verdict.reason and "limit 60s" in verdict.reason


@pytest.mark.parametrize(("down_for", "healthy"), [(1, True), (119, True), (120, True), (121, False)])
def test_a_short_gateway_outage_is_tolerated_a_long_one_is_not(down_for: float, healthy: bool) -> None:
    verdict = judge(heartbeat(gateway_connected=False, gateway_since=seconds_ago(down_for)), NOW, LIMITS)
    assert verdict.healthy is healthy, verdict
    if healthy:
        assert "reconnecting" in verdict.reason
    else:
        assert verdict.reason == "the Discord gateway has been disconnected for 121s (limit 120s)"


@pytest.mark.parametrize(("late_by", "healthy"), [(-3600, True), (0, True), (120, True), (121, False)])
def test_the_dispatcher_is_judged_against_its_own_planned_wake_up(late_by: float, healthy: bool) -> None:
    # It may sleep for hours (nothing due): only missing its own wake-up by more than the limit is unhealthy.
    verdict = judge(heartbeat(dispatcher_next_wake=seconds_ago(late_by)), NOW, LIMITS)
    assert verdict.healthy is healthy, verdict
    if not healthy:
        assert "dispatcher is 121s late" in verdict.reason


def test_a_dead_dispatcher_task_is_unhealthy() -> None:
    verdict = judge(heartbeat(dispatcher_running=False), NOW, LIMITS)
    assert not verdict.healthy and "dispatcher's task has stopped" in verdict.reason


def test_a_bot_without_a_dispatcher_is_judged_on_the_rest() -> None:
    bare = heartbeat(
        dispatcher_running=None, dispatcher_rounds=None, dispatcher_last_tick=None, dispatcher_next_wake=None
    )
    assert judge(bare, NOW, LIMITS).healthy
    assert not judge(replace(bare, written_at=seconds_ago(61)), NOW, LIMITS).healthy


def test_a_stopped_bot_is_unhealthy_at_once() -> None:
    verdict = judge(heartbeat(stopped=True, gateway_connected=False, gateway_since=NOW), NOW, LIMITS)
    assert not verdict.healthy and verdict.reason == "the bot stopped 5s ago"


def test_limits_come_from_the_settings() -> None:
    settings = load_settings(
        {
            "HEALTH_MAX_AGE_SECONDS": "5",
            "HEALTH_DISCONNECT_SECONDS": "2.5",
            "HEALTH_DISPATCHER_LATE_SECONDS": "600",
        }
    )
    assert HealthLimits.from_settings(settings) == HealthLimits(
        timedelta(seconds=5), timedelta(seconds=2.5), timedelta(seconds=600)
    )
    assert not judge(heartbeat(written_at=seconds_ago(6)), NOW, HealthLimits.from_settings(settings)).healthy


@pytest.mark.parametrize(
    ("environ", "variable"),
    [
        ({"HEALTH_MAX_AGE_SECONDS": "a minute"}, "HEALTH_MAX_AGE_SECONDS"),
        ({"HEALTH_DISCONNECT_SECONDS": "0"}, "HEALTH_DISCONNECT_SECONDS"),
        ({"HEALTH_DISPATCHER_LATE_SECONDS": "nan"}, "HEALTH_DISPATCHER_LATE_SECONDS"),
        ({"HEALTH_FILE": "data/"}, "HEALTH_FILE"),
    ],
)
def test_wrong_health_settings_name_the_variable(environ: dict[str, str], variable: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(environ)
    assert str(raised.value).startswith(variable) and "\n" not in str(raised.value)


def test_health_file_defaults_to_data_health_json(tmp_path: Path) -> None:
    assert load_settings({}).health_file.relative_to(Path(__file__).resolve().parent.parent) == Path(
        "data/health.json"
    )
    assert load_settings({"HEALTH_FILE": str(tmp_path / "h.json")}).health_file == tmp_path / "h.json"


# ------------------------------------------------------------------------------------------- the file


def test_heartbeat_round_trips_through_json() -> None:
    original = heartbeat()
    data = json.loads(original.to_json())
    assert data["written_at"] == "2026-03-01T11:59:55+00:00" and data["gateway_connected"] is True
    assert Heartbeat.from_json(original.to_json()) == original


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("not json", "is not valid"),
        ("[]", "is not valid"),
        ('{"written_at": "2026-03-01T12:00:00", "gateway_connected": true}', "is not valid"),
        ('{"written_at": "2026-03-01T12:00:00+00:00"}', "is not valid"),
    ],
)
def test_a_malformed_file_is_unhealthy_with_the_reason(tmp_path: Path, content: str, needle: str) -> None:
    path = tmp_path / "health.json"
    path.write_text(content)
    verdict = check_file(path, LIMITS, NOW)
    assert not verdict.healthy and needle in verdict.reason and str(path) in verdict.reason


def test_a_missing_file_means_the_bot_is_not_running(tmp_path: Path) -> None:
    verdict = check_file(tmp_path / "absent.json", LIMITS, NOW)
    assert not verdict.healthy and "not running" in verdict.reason


# ------------------------------------------------------------------------------------------- the reporter


class SteppingWallClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def fake_bot(*, dispatcher: object | None, clock_now: datetime) -> SimpleNamespace:
    return SimpleNamespace(
        guilds=[object(), object()],
        dispatcher=dispatcher,
        clock=SimpleNamespace(now=lambda: clock_now),
    )


def test_reporter_writes_gateway_changes_and_the_dispatcher_on_the_wall_clock(tmp_path: Path) -> None:
    wall = SteppingWallClock(NOW)
    # The bot's clock (virtual in tests) is a year ahead of the wall clock: instants are converted.
    bot_now = NOW + timedelta(days=365)
    dispatcher = SimpleNamespace(
        running=True,
        rounds=4,
        last_round=SimpleNamespace(started_at=bot_now - timedelta(minutes=2)),
        next_wakeup=bot_now + timedelta(hours=6),
    )
    path = tmp_path / "sub" / "health.json"
    reporter = HealthReporter(fake_bot(dispatcher=dispatcher, clock_now=bot_now), path, wall_clock=wall)  # type: ignore[arg-type]

    reporter.write()
    written = Heartbeat.from_json(path.read_text())
    assert written.gateway_connected is False and written.guilds == 2 and written.pid == os.getpid()
    assert written.dispatcher_running is True and written.dispatcher_rounds == 4
    assert written.dispatcher_last_tick == NOW - timedelta(minutes=2)
    assert written.dispatcher_next_wake == NOW + timedelta(hours=6)

    wall.now = NOW + timedelta(seconds=30)
    reporter._set_gateway(connected=True)  # what the on_connect / on_ready / on_resumed listeners do
    written = Heartbeat.from_json(path.read_text())
    assert written.gateway_connected and written.gateway_since == NOW + timedelta(seconds=30)
    assert written.written_at == NOW + timedelta(seconds=30)

    wall.now = NOW + timedelta(seconds=40)
    reporter._set_gateway(connected=True)  # RESUMED after READY: still connected since the first time
    assert Heartbeat.from_json(path.read_text()).gateway_since == NOW + timedelta(seconds=30)
    assert list(tmp_path.glob("sub/.*.tmp")) == []  # written through a temporary file, replaced atomically


def test_reporter_tolerates_no_dispatcher_and_an_unwritable_path(tmp_path: Path) -> None:
    bot = fake_bot(dispatcher=None, clock_now=NOW)
    path = tmp_path / "health.json"
    HealthReporter(bot, path, wall_clock=lambda: NOW).write()  # type: ignore[arg-type]
    written = Heartbeat.from_json(path.read_text())
    assert written.dispatcher_running is None and written.dispatcher_next_wake is None
    blocker = tmp_path / "file"
    blocker.write_text("")
    HealthReporter(bot, blocker / "health.json").write()  # type: ignore[arg-type]  # logged, not raised


async def test_reporter_without_a_path_writes_nothing(tmp_path: Path) -> None:
    reporter = HealthReporter(fake_bot(dispatcher=None, clock_now=NOW), None)  # type: ignore[arg-type]
    reporter.start()
    await reporter.stop()
    assert files_in(tmp_path) == []


def files_in(folder: Path) -> list[Path]:
    return list(folder.iterdir())


# ------------------------------------------------------------------------------------------- the command


def run_health(tmp_path: Path, **environ: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("HEALTH_", "DISCORD_"))
    }
    environment.update(environ)
    return subprocess.run(
        [sys.executable, "-m", "bot", "health"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        timeout=60,
        check=False,
    )


def test_health_command_exit_codes_and_one_line(tmp_path: Path) -> None:
    path = tmp_path / "health.json"
    now = datetime.now(UTC)
    path.write_text(heartbeat(written_at=now, gateway_since=now, dispatcher_next_wake=now).to_json())
    healthy = run_health(tmp_path, HEALTH_FILE=str(path))
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    assert healthy.stdout.startswith("healthy: ") and healthy.stdout.count("\n") == 1

    path.write_text(heartbeat(written_at=now - timedelta(seconds=300)).to_json())
    stale = run_health(tmp_path, HEALTH_FILE=str(path), HEALTH_MAX_AGE_SECONDS="10")
    assert stale.returncode == 1
    assert (
        stale.stdout.startswith("unhealthy: no heartbeat for 30")
        and "(limit 10s)" in stale.stdout
        and stale.stdout.count("\n") == 1
    )

    # Docker reserves exit code 2 in a HEALTHCHECK: a bad setting is plainly unhealthy.
    bad = run_health(tmp_path, HEALTH_FILE=str(path), HEALTH_MAX_AGE_SECONDS="soon")
    assert bad.returncode == 1 and bad.stdout.startswith("unhealthy: HEALTH_MAX_AGE_SECONDS")


def test_a_dispatcher_not_started_yet_is_reported_as_none_and_a_stopped_one_as_stopped(
    tmp_path: Path,
) -> None:
    dispatcher = SimpleNamespace(running=False, rounds=0, last_round=None, next_wakeup=None)
    reporter = HealthReporter(fake_bot(dispatcher=dispatcher, clock_now=NOW), tmp_path / "h.json")  # type: ignore[arg-type]
    assert reporter.snapshot().dispatcher_running is None  # the bot is still setting up
    dispatcher.rounds = 3  # it ran, and its task ended
    assert reporter.snapshot().dispatcher_running is False


# ------------------------------------------------------------------------------------------- shards


def test_with_several_shards_the_gateway_is_connected_only_while_every_shard_is(tmp_path: Path) -> None:
    wall = SteppingWallClock(NOW)
    bot = fake_bot(dispatcher=None, clock_now=NOW)
    bot.shard_count = 2
    path = tmp_path / "health.json"
    reporter = HealthReporter(bot, path, wall_clock=wall)  # type: ignore[arg-type]

    reporter._set_gateway(connected=True, shard_id=0)  # shard 1 has not connected yet
    reporter.write()
    assert Heartbeat.from_json(path.read_text()).shards_down == [1]
    wall.now = NOW + timedelta(seconds=10)
    reporter._set_gateway(connected=True, shard_id=1)
    written = Heartbeat.from_json(path.read_text())
    assert written.gateway_connected and written.gateway_since == NOW + timedelta(seconds=10)
    assert written.shards == 2 and written.shards_down is None
    assert (
        judge(written, NOW + timedelta(seconds=15), LIMITS)
        .line()
        .startswith("healthy: gateway connected for 5s on 2 shards")
    )

    # Shard 1 drops: its servers get nothing, so the bot counts as disconnected from then on.
    wall.now = NOW + timedelta(seconds=20)
    reporter._set_gateway(connected=False, shard_id=1)
    written = Heartbeat.from_json(path.read_text())
    assert not written.gateway_connected and written.gateway_since == NOW + timedelta(seconds=20)
    assert written.shards_down == [1]
    assert (
        "gateway reconnecting for 5s (shard down: 1 of 2)"
        in judge(written, wall.now + timedelta(seconds=5), LIMITS).line()
    )
    # Written fresh, but down past the limit: unhealthy, naming the shard.
    verdict = judge(
        replace(written, written_at=NOW + timedelta(seconds=195)), NOW + timedelta(seconds=200), LIMITS
    )
    assert not verdict.healthy and verdict.reason.endswith("(limit 120s) (shard down: 1 of 2)")

    wall.now = NOW + timedelta(seconds=30)
    reporter._set_gateway(connected=False, shard_id=0)  # the other one too: still down since the first drop
    written = Heartbeat.from_json(path.read_text())
    assert written.shards_down == [0, 1] and written.gateway_since == NOW + timedelta(seconds=20)

    reporter._set_gateway(connected=True, shard_id=0)
    reporter._set_gateway(connected=True, shard_id=1)  # resumed
    written = Heartbeat.from_json(path.read_text())
    assert written.gateway_connected and written.shards_down is None


@pytest.mark.parametrize("field, value", [("shards", "two"), ("shards_down", "1"), ("shards_down", ["1"])])
def test_a_heartbeat_with_malformed_shards_is_refused(tmp_path: Path, field: str, value: object) -> None:
    data = json.loads(heartbeat(shards=2).to_json())
    data[field] = value
    path = tmp_path / "health.json"
    path.write_text(json.dumps(data))
    verdict = check_file(path, LIMITS, NOW)
    assert not verdict.healthy and field in verdict.reason
