"""Health: the running bot writes a heartbeat file, and `python -m bot health` judges it.

A health check runs in another process (Docker runs the HEALTHCHECK command inside the container), but only the
bot's own process knows whether its gateway is connected and its dispatcher alive. So the bot writes what it
knows to a small JSON file (``HEALTH_FILE``) every few seconds and at once when the gateway connects or drops,
and the check reads it:

- the file must be fresh (written within ``HEALTH_MAX_AGE_SECONDS``): otherwise the process or its event loop is
  stuck, or the bot is not running;
- the gateway must be connected, or disconnected for less than ``HEALTH_DISCONNECT_SECONDS`` (discord.py
  reconnects by itself; a short outage is normal). The bot is sharded: connected means every shard is connected,
  and a bot with one shard down counts as disconnected since that shard dropped (its servers get nothing);
- the announcement dispatcher's task must be alive and not late: it sleeps up to 6 hours between rounds, so
  "ticked recently" is measured against its own planned wake-up, unhealthy once now is past that wake-up by more
  than ``HEALTH_DISPATCHER_LATE_SECONDS``.

Every time in the file is wall-clock UTC. The dispatcher's instants come from the bot's clock (a virtual one in
tests and the playground) and are converted to the wall clock by their distance from that clock's now.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.config import DEFAULT_HEALTH_FILE, ConfigError, Settings, load_settings

if TYPE_CHECKING:
    from discord.ext import commands

log = logging.getLogger(__name__)

# How often the bot rewrites the file; shortened when HEALTH_MAX_AGE_SECONDS is small, so one late write never
# makes a healthy bot look stale.
HEARTBEAT_INTERVAL_SECONDS = 15.0
EXIT_HEALTHY, EXIT_UNHEALTHY = 0, 1  # Docker reserves exit code 2 in a HEALTHCHECK: never use it here

WallClock = Callable[[], datetime]
_INSTANT_FIELDS = frozenset({"written_at", "gateway_since", "dispatcher_last_tick", "dispatcher_next_wake"})


def _utc_now() -> datetime:
    return datetime.now(UTC)


class HeartbeatError(ValueError):
    """The heartbeat file is not what the bot writes."""


@dataclass(frozen=True, slots=True)
class Heartbeat:
    """What the bot knows about itself at ``written_at``. ``dispatcher_*`` are None while it has no dispatcher."""

    written_at: datetime
    pid: int
    gateway_connected: bool
    gateway_since: datetime  # when the gateway last connected or dropped (or the bot started)
    guilds: int
    stopped: bool = False  # the bot closed: its last word
    dispatcher_running: bool | None = None
    dispatcher_rounds: int | None = None
    dispatcher_last_tick: datetime | None = None  # when its last round started
    dispatcher_next_wake: datetime | None = None  # when it plans its next round
    shards: int | None = None  # how many gateway shards the bot runs (None: not known yet)
    shards_down: list[int] | None = None  # the shards not connected, when some are

    def to_json(self) -> str:
        data = {
            name: value.isoformat() if isinstance(value, datetime) else value
            for name, value in asdict(self).items()
        }
        return json.dumps(data, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Heartbeat:
        try:
            data = json.loads(text)
            if not isinstance(data, dict):
                raise TypeError("not a JSON object")
            values: dict[str, Any] = {}
            for spec in fields(cls):
                value = data.get(spec.name)
                if spec.name in _INSTANT_FIELDS:
                    value = _parse_instant(value)
                values[spec.name] = value
            heartbeat = cls(**values)
        except (ValueError, TypeError) as error:
            raise HeartbeatError(str(error)) from None
        if (
            not isinstance(heartbeat.gateway_connected, bool)
            or heartbeat.written_at is None
            or heartbeat.gateway_since is None
        ):
            raise HeartbeatError("written_at, gateway_connected and gateway_since are required")
        if heartbeat.shards is not None and not isinstance(heartbeat.shards, int):
            raise HeartbeatError("shards must be a number")
        if heartbeat.shards_down is not None and not (
            isinstance(heartbeat.shards_down, list) and all(isinstance(s, int) for s in heartbeat.shards_down)
        ):
            raise HeartbeatError("shards_down must be a list of shard ids")
        return heartbeat


def _parse_instant(value: object) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not an ISO 8601 time")
    instant = datetime.fromisoformat(value)
    if instant.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone")
    return instant


@dataclass(frozen=True, slots=True)
class HealthLimits:
    max_age: timedelta = timedelta(seconds=60)
    disconnect_limit: timedelta = timedelta(seconds=120)
    dispatcher_late: timedelta = timedelta(seconds=120)

    @classmethod
    def from_settings(cls, settings: Settings) -> HealthLimits:
        return cls(settings.health_max_age, settings.health_disconnect_limit, settings.health_dispatcher_late)


@dataclass(frozen=True, slots=True)
class Verdict:
    healthy: bool
    reason: str

    def line(self) -> str:
        return f"{'healthy' if self.healthy else 'unhealthy'}: {self.reason}"


def _ago(now: datetime, then: datetime) -> str:
    return f"{max(0.0, (now - then).total_seconds()):.0f}s"


def judge(heartbeat: Heartbeat, now: datetime, limits: HealthLimits) -> Verdict:
    """Healthy or not at ``now``, with the one reason a person (or `docker inspect`) reads."""
    if heartbeat.stopped:
        return Verdict(False, f"the bot stopped {_ago(now, heartbeat.written_at)} ago")
    age = now - heartbeat.written_at
    if age > limits.max_age:
        return Verdict(
            False,
            f"no heartbeat for {_ago(now, heartbeat.written_at)} (limit {limits.max_age.total_seconds():.0f}s): "
            "the bot is stuck or not running",
        )
    down = _shards_down(heartbeat)
    if not heartbeat.gateway_connected and now - heartbeat.gateway_since > limits.disconnect_limit:
        return Verdict(
            False,
            f"the Discord gateway has been disconnected for {_ago(now, heartbeat.gateway_since)} "
            f"(limit {limits.disconnect_limit.total_seconds():.0f}s){down}",
        )
    if heartbeat.dispatcher_running is False:
        return Verdict(False, "the announcement dispatcher's task has stopped")
    wake = heartbeat.dispatcher_next_wake
    if wake is not None and now > wake + limits.dispatcher_late:
        return Verdict(
            False,
            f"the announcement dispatcher is {_ago(now, wake)} late for its planned round "
            f"(limit {limits.dispatcher_late.total_seconds():.0f}s)",
        )
    shards = f" on {heartbeat.shards} shards" if heartbeat.shards and heartbeat.shards > 1 else ""
    gateway = (
        f"gateway connected for {_ago(now, heartbeat.gateway_since)}{shards}"
        if heartbeat.gateway_connected
        else f"gateway reconnecting for {_ago(now, heartbeat.gateway_since)}{down}"
    )
    dispatcher = (
        "no dispatcher"
        if heartbeat.dispatcher_running is None
        else f"dispatcher rounds: {heartbeat.dispatcher_rounds or 0}"
        + (f", next in {max(0.0, (wake - now).total_seconds()):.0f}s" if wake is not None else "")
    )
    return Verdict(True, f"{gateway}, servers: {heartbeat.guilds}, {dispatcher}")


def _shards_down(heartbeat: Heartbeat) -> str:
    """`` (shards down: 1 of 4)``: which shards, when the bot has several and some are down."""
    if not heartbeat.shards or heartbeat.shards < 2 or not heartbeat.shards_down:
        return ""
    ids = ", ".join(str(shard) for shard in heartbeat.shards_down)
    return f" (shard{'s' if len(heartbeat.shards_down) > 1 else ''} down: {ids} of {heartbeat.shards})"


def check_file(path: Path, limits: HealthLimits, now: datetime) -> Verdict:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Verdict(
            False, f"no heartbeat file at {path}: the bot is not running (or has another HEALTH_FILE)"
        )
    except OSError as error:
        return Verdict(False, f"cannot read the heartbeat file {path}: {error.strerror or error}")
    try:
        heartbeat = Heartbeat.from_json(text)
    except HeartbeatError as error:
        return Verdict(False, f"the heartbeat file {path} is not valid: {error}")
    return judge(heartbeat, now, limits)


def run_health_check(*, now: WallClock = _utc_now) -> int:
    """`python -m bot health`: one line on stdout, exit 0 when healthy, else 1 (a bad setting too)."""
    try:
        settings = load_settings()
    except ConfigError as error:
        print(f"unhealthy: {error}")
        return EXIT_UNHEALTHY
    path = settings.health_file or DEFAULT_HEALTH_FILE
    verdict = check_file(path, HealthLimits.from_settings(settings), now())
    print(verdict.line())
    return EXIT_HEALTHY if verdict.healthy else EXIT_UNHEALTHY


class HealthReporter:
    """Writes the bot's :class:`Heartbeat` to ``path`` every ``interval`` seconds and on every gateway change.

    ``start()`` from the running loop (the bot's setup_hook), ``await stop()`` when the bot closes: it writes a
    last heartbeat saying the bot stopped. With ``path`` None both do nothing (a bot in tests or the playground
    must not overwrite a real bot's heartbeat). Gateway state comes from discord.py's per-shard connect, ready,
    resumed and disconnect events (listeners added here): connected means every shard of ``bot.shard_count`` is.
    The dispatcher is read through ``bot.dispatcher`` only, which may be None or not started yet (both reported as
    no dispatcher).
    """

    _EVENTS = ("on_shard_connect", "on_shard_ready", "on_shard_resumed", "on_shard_disconnect")

    def __init__(
        self,
        bot: commands.Bot,
        path: Path | None,
        *,
        interval: float = HEARTBEAT_INTERVAL_SECONDS,
        wall_clock: WallClock = _utc_now,
    ) -> None:
        self.bot = bot
        self.path = path
        self.interval = interval
        self._wall_clock = wall_clock
        self.shards_connected: dict[int, bool] = {}  # shard id -> connected, for every shard heard from
        self.gateway_connected = False
        self.gateway_since = wall_clock()
        self._task: asyncio.Task[None] | None = None
        self._write_failed = False

    @classmethod
    def for_settings(cls, bot: commands.Bot, settings: Settings) -> HealthReporter:
        interval = min(HEARTBEAT_INTERVAL_SECONDS, settings.health_max_age.total_seconds() / 4)
        return cls(bot, settings.health_file, interval=interval)

    # ---- lifecycle

    def start(self) -> None:
        if self._task is not None or self.path is None:
            return
        for event in self._EVENTS:
            self.bot.add_listener(getattr(self, event), event)
        self.gateway_since = self._wall_clock()
        self._task = asyncio.create_task(self._run(), name="health-heartbeat")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is None:
            return
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        for event in self._EVENTS:
            self.bot.remove_listener(getattr(self, event), event)
        self.gateway_connected = False
        self.write(stopped=True)

    async def _run(self) -> None:
        while True:
            try:
                self.write()
            except Exception:  # a bug here must not end the heartbeat quietly: the check would call it stale
                log.exception("could not build the heartbeat")
            await asyncio.sleep(self.interval)

    # ---- gateway events (discord.py listeners, one call per shard)

    async def on_shard_connect(self, shard_id: int) -> None:
        self._set_gateway(connected=True, shard_id=shard_id)

    async def on_shard_ready(self, shard_id: int) -> None:
        self._set_gateway(connected=True, shard_id=shard_id)

    async def on_shard_resumed(self, shard_id: int) -> None:
        self._set_gateway(connected=True, shard_id=shard_id)

    async def on_shard_disconnect(self, shard_id: int) -> None:
        self._set_gateway(connected=False, shard_id=shard_id)

    def _shard_count(self) -> int:
        count = getattr(self.bot, "shard_count", None)
        return count if isinstance(count, int) and count > 0 else 1

    def _shards_down(self) -> list[int]:
        return [shard for shard in range(self._shard_count()) if not self.shards_connected.get(shard, False)]

    def _set_gateway(self, *, connected: bool, shard_id: int = 0) -> None:
        """Record one shard's state; the gateway counts as connected only while every shard is."""
        was_down = self._shards_down()
        self.shards_connected[shard_id] = connected
        down = self._shards_down()
        if (not down) != self.gateway_connected:
            # Since when the whole gateway has been up, or since the first shard of an outage dropped.
            self.gateway_connected = not down
            self.gateway_since = self._wall_clock()
            self.write()
        elif down != was_down and not self.gateway_connected:
            self.write()  # another shard dropped or came back during an outage: the file says which at once

    # ---- the file

    def snapshot(self, *, stopped: bool = False) -> Heartbeat:
        now = self._wall_clock()
        dispatcher = getattr(self.bot, "dispatcher", None)
        if (
            dispatcher is not None
            and not getattr(dispatcher, "running", True)
            and not getattr(dispatcher, "rounds", 0)
        ):
            dispatcher = None  # built but not started yet (the bot is still setting up): not a stopped task
        running: bool | None = None
        rounds: int | None = None
        last_tick: datetime | None = None
        next_wake: datetime | None = None
        if dispatcher is not None:
            running = bool(getattr(dispatcher, "running", True))
            rounds = getattr(dispatcher, "rounds", None)
            # The dispatcher's instants are on the bot's clock; express them on the wall clock.
            clock = getattr(dispatcher, "clock", None) or getattr(self.bot, "clock", None)
            offset = now - clock.now() if clock is not None else timedelta(0)
            last_round = getattr(dispatcher, "last_round", None)
            started_at = getattr(last_round, "started_at", None)
            last_tick = started_at + offset if isinstance(started_at, datetime) else None
            wakeup = getattr(dispatcher, "next_wakeup", None)
            next_wake = wakeup + offset if isinstance(wakeup, datetime) else None
        return Heartbeat(
            written_at=now,
            pid=os.getpid(),
            gateway_connected=self.gateway_connected,
            gateway_since=self.gateway_since,
            guilds=len(self.bot.guilds),
            stopped=stopped,
            shards=self._shard_count(),
            shards_down=self._shards_down() if not (self.gateway_connected or stopped) else None,
            dispatcher_running=running,
            dispatcher_rounds=rounds if isinstance(rounds, int) else None,
            dispatcher_last_tick=last_tick,
            dispatcher_next_wake=next_wake,
        )

    def write(self, *, stopped: bool = False) -> None:
        """Replace the file atomically (a reader never sees half a file). A failure is logged, never raised:
        a full disk must not take the bot down; the check will report the stale file."""
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            partial.write_text(self.snapshot(stopped=stopped).to_json(), encoding="utf-8")
            os.replace(partial, self.path)
        except OSError as error:
            if not self._write_failed:
                log.warning("cannot write the health file %s: %s", self.path, error)
            self._write_failed = True
        else:
            self._write_failed = False
