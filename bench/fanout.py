"""2. Announcement fan-out: N servers subscribed, all due at the same instant, Discord's rate limits enforced.

The real FanBot connects to a sandbox world of N servers (each with an #announcements channel) with
``enforce_rate_limits=True``. Every channel is subscribed through ``bot.announcements.setup(...)`` to the
default milestones schedule at 09:00 UTC, with the release (in a copy of the data file) on 2026-03-01, so the
7-days-before post of every server is due at 2026-02-22 09:00 UTC. The virtual clock starts a minute before;
once the dispatcher sleeps until that instant the clock is moved to it, and the benchmark measures from that
moment (real time) to the last post the sandbox accepted. The floor is N / 50 s (Discord's global limit of 50
requests a second). Meanwhile a slash command is sent every 0.5 s and must be answered within 3 s.

Counted: 429 answers by scope, channels without the post (lost), extra posts (duplicated).

With ``--events`` every server also wants the premiere event, the release has an exact time, and the premiere
events' run starts at the due instant too, as when Netflix announces the hour and every server gets both the news
post and its event: the event requests (a create each, paced by the posts' token bucket, taking only the tokens
no post waits for) then compete with the posts for Discord's global limit. The floor stays N / 50 s for the posts; the time
to the last event request is reported beside it.

With ``--buttons`` every countdown pings the server's role and the bot may give it (Manage Roles), so every post
carries both fan buttons ("Ping me here", "DM me on release day"), as in a server set up that way; the report
counts the posts that had them.

Run: ``python bench/fanout.py [--quick] [--events] [--buttons]`` (quick: 200 servers, floor 4 s).
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: python bench/fanout.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench.common as common
from bench.common import DEADLINE, Table, ms, percentile, verdict
from bench.release_data import dated_data_file
from bot.app import FanBot
from bot.cogs.fan_buttons import DM_ME_ID, PING_ME_ID
from bot.harness import running_fan_bot
from bot.sandbox import Permissions, Sandbox, VirtualClock, build_demo_world
from bot.sandbox.ratelimits import GLOBAL_LIMIT
from bot.services.premiere_events import cover_image

GOAL = 1.10
RELEASE = "2026-03-01"
# With --events: the same day with an hour, so every server's premiere event is created (after the due instant).
RELEASE_EXACT = "2026-03-01T20:00"
EVENTS_ROUTE = "/guilds/{guild_id}/scheduled-events"
FAN_BUTTONS = (PING_ME_ID, DM_ME_ID)
DUE = datetime(2026, 2, 22, 9, 0, tzinfo=UTC)  # 7 days before release, 09:00 UTC
START = DUE - timedelta(minutes=1)
PROBE_INTERVAL = 0.5


@dataclass
class FanoutConfig:
    servers: int = 2000
    events: bool = False  # the premiere events are created during the round too
    buttons: bool = False  # every post pings a role the bot may give: both fan buttons on every post


QUICK = FanoutConfig(servers=200)


@dataclass
class Probe:
    label: str
    latency: float | None
    error: str | None


@dataclass
class FanoutReport:
    servers: int
    seconds: float
    floor_seconds: float
    posted_channels: int
    lost: int
    duplicated: int
    rate_limits: Counter[str]
    probes: list[Probe]
    setup_seconds: float
    round_stats: dict[str, Any]
    first_post_seconds: float = float("nan")
    problems: list[str] = field(default_factory=list)
    # With --events: events created, event requests sent, due instant to the last event request's answer.
    events_created: int | None = None
    event_requests: int = 0
    events_seconds: float = float("nan")
    # With --buttons: how many posts carried both fan buttons.
    posts_with_buttons: int | None = None

    @property
    def ratio(self) -> float:
        return self.seconds / self.floor_seconds

    @property
    def probes_in_deadline(self) -> int:
        return sum(
            1 for p in self.probes if p.error is None and p.latency is not None and p.latency < DEADLINE
        )

    def figures(self) -> dict[str, Any]:
        latencies = [p.latency for p in self.probes if p.latency is not None]
        return {
            "fanout_servers": self.servers,
            "fanout_seconds": self.seconds,
            "fanout_first_post_seconds": self.first_post_seconds,
            "fanout_floor_seconds": self.floor_seconds,
            "fanout_ratio": self.ratio,
            "fanout_global_429": self.rate_limits.get("global", 0),
            "fanout_user_429": self.rate_limits.get("user", 0),
            "fanout_429": sum(self.rate_limits.values()),
            "fanout_lost": self.lost,
            "fanout_duplicated": self.duplicated,
            "fanout_commands_sent": len(self.probes),
            "fanout_commands_in_deadline": self.probes_in_deadline,
            "fanout_command_max_latency_ms": max(latencies, default=float("nan")) * 1000,
            "fanout_setup_seconds": self.setup_seconds,
            "fanout_sandbox_problems": len(self.problems),
            **(
                {}
                if self.events_created is None
                else {
                    "fanout_events_created": self.events_created,
                    "fanout_event_requests": self.event_requests,
                    "fanout_events_seconds": self.events_seconds,
                }
            ),
            **(
                {}
                if self.posts_with_buttons is None
                else {"fanout_posts_with_buttons": self.posts_with_buttons}
            ),
            **{f"fanout_round_{key}": value for key, value in self.round_stats.items()},
        }

    def tables(self) -> list[Table]:
        latencies = [p.latency for p in self.probes if p.latency is not None]
        probes_ok = self.probes_in_deadline == len(self.probes)
        rows = [
            ["servers", str(self.servers), ""],
            ["time to first post (due instant to Discord's answer)", ms(self.first_post_seconds), ""],
            ["time to last post", f"{self.seconds:.2f} s", ""],
            [f"floor ({self.servers} / {GLOBAL_LIMIT} per s)", f"{self.floor_seconds:.2f} s", ""],
            ["ratio", f"{self.ratio:.3f}", verdict(self.ratio <= GOAL)],
            [
                "429 global",
                str(self.rate_limits.get("global", 0)),
                verdict(self.rate_limits.get("global", 0) == 0),
            ],
            ["429 per-route (user)", str(self.rate_limits.get("user", 0)), ""],
            ["posts lost", str(self.lost), verdict(self.lost == 0)],
            ["posts duplicated", str(self.duplicated), verdict(self.duplicated == 0)],
            [
                "slash commands during the round",
                f"{self.probes_in_deadline}/{len(self.probes)} within {DEADLINE:.0f} s"
                f" (p50 {ms(percentile(latencies, 50))}, max {ms(max(latencies, default=float('nan')))})",
                verdict(probes_ok),
            ],
            [
                "dispatcher planning",
                f"{self.round_stats.get('planning_seconds', float('nan')) * 1000:.1f} ms",
                "",
            ],
            ["(setup of the subscriptions)", f"{self.setup_seconds:.1f} s", ""],
        ]
        if self.events_created is not None:
            rows[3:3] = [
                [
                    "premiere events created meanwhile",
                    f"{self.events_created}/{self.servers}",
                    verdict(self.events_created == self.servers),
                ],
                ["event requests", str(self.event_requests), ""],
                ["time to last event request", f"{self.events_seconds:.2f} s", ""],
            ]
        if self.posts_with_buttons is not None:
            rows[3:3] = [
                [
                    "posts with both fan buttons",
                    f"{self.posts_with_buttons}/{self.servers}",
                    verdict(self.posts_with_buttons == self.servers),
                ]
            ]
        return [
            Table(
                f"2. Announcement fan-out, rate limits enforced (goal: <= {GOAL:.2f}x floor, no global 429, "
                "nothing lost or duplicated)",
                ["figure", "value", "goal"],
                rows,
            )
        ]


async def _wait_idle(bot: FanBot, clock: VirtualClock, sandbox: Sandbox, within: float = 300) -> None:
    """Until the dispatcher has taken in every setup and sleeps until the due instant."""
    deadline = time.monotonic() + within
    while True:
        dispatcher = bot.dispatcher
        if (
            dispatcher is not None
            and not dispatcher._wake.is_set()
            and dispatcher.next_wakeup == DUE
            and DUE in clock.pending()
        ):
            await sandbox.settle(timeout=60)
            if not dispatcher._wake.is_set() and DUE in clock.pending():
                return
        if time.monotonic() > deadline:
            raise TimeoutError("the dispatcher did not go to sleep until the due instant")
        await asyncio.sleep(0.05)


async def run_fanout(config: FanoutConfig) -> FanoutReport:
    servers = config.servers
    demo = build_demo_world(servers=servers, channels=("announcements", "general"), read_only_channels=())
    targets = {server.guild.id: server.channels["announcements"] for server in demo.servers}
    target_ids = {channel.id for channel in targets.values()}
    probe_guild, probe_member, probe_channel = demo.guild, demo.fan, demo.general
    clock = VirtualClock(start=START)
    if config.events:
        for server in demo.servers:
            server.guild.bot_role.permissions |= Permissions.CREATE_EVENTS
    if config.buttons:
        for server in demo.servers:
            server.guild.bot_role.permissions |= Permissions.MANAGE_ROLES
    roles = {server.guild.id: server.role.id for server in demo.servers} if config.buttons else {}
    with tempfile.TemporaryDirectory(prefix="bench-fanout-") as tmp:
        data_file = dated_data_file(Path(tmp), RELEASE)
        if config.events:
            data_file = dated_data_file(Path(tmp), RELEASE_EXACT)
            text = data_file.read_text(encoding="utf-8")
            data_file.write_text(text.replace("[release]\n", '[release]\ntimezone = "Etc/UTC"\n', 1), "utf-8")
        async with Sandbox(demo.world, clock=clock, token=common.TOKEN, enforce_rate_limits=True) as sandbox:
            async with running_fan_bot(
                sandbox, Path(tmp) / "bot.sqlite3", clock=clock, data_file=data_file, ready_within=120
            ) as bot:
                if getattr(bot, "dispatcher", None) is None:
                    raise RuntimeError("this FanBot has no dispatcher: the announcements cog is not loaded")
                setup_started = time.perf_counter()
                if config.events:
                    await bot.premiere_events.stop()  # its run starts at the due instant, below
                    cover_image()  # drawn by the bot's first run at start, long before any fan-out
                for guild_id, channel in targets.items():
                    await bot.announcements.setup(
                        guild_id, channel.id, roles.get(guild_id), schedule="milestones", local_time="09:00"
                    )
                    if config.events:
                        await bot.premiere_events.repository.set_wanted(guild_id, True, START)
                await _wait_idle(bot, clock, sandbox)
                setup_seconds = time.perf_counter() - setup_started
                rounds_before = bot.dispatcher.rounds if bot.dispatcher else 0
                hits_before = len(sandbox.rate_limit_hits)
                requests_before = len(sandbox.requests)

                probes: list[Probe] = []
                stop = asyncio.Event()
                probe_task = asyncio.create_task(
                    _probe(sandbox, probe_guild, probe_member, probe_channel, probes, stop)
                )
                due_at_real = time.perf_counter()
                await clock.advance_to(DUE)
                events_run = asyncio.create_task(bot.premiere_events.reconcile()) if config.events else None
                await _wait_done(bot, sandbox, target_ids, requests_before, rounds_before, servers)
                if events_run is not None:
                    await events_run
                stop.set()
                await probe_task
                await sandbox.settle(timeout=60)

                post_times = [
                    r.finished
                    for r in sandbox.requests[requests_before:]
                    if r.method == "POST" and r.route == "/channels/{channel_id}/messages" and r.status == 200
                ]
                last_post = max(post_times, default=due_at_real)
                first_post = min(post_times, default=float("nan"))
                posts = Counter(
                    int(m["channel_id"])
                    for m in sandbox.messages.values()
                    if int(m["channel_id"]) in target_ids and int(m["author"]["id"]) == sandbox.bot_user_id
                )
                stats = bot.dispatcher.last_round if bot.dispatcher else None
                round_stats: dict[str, Any] = {}
                if stats is not None:
                    round_stats = {
                        key: getattr(stats, key)
                        for key in (
                            "sent",
                            "failed",
                            "retries",
                            "claimed",
                            "planning_seconds",
                            "duration_seconds",
                        )
                    }
                with_buttons = (
                    sum(
                        1
                        for m in sandbox.messages.values()
                        if int(m["channel_id"]) in target_ids
                        and set(FAN_BUTTONS)
                        <= {
                            c.get("custom_id") for row in m.get("components") or [] for c in row["components"]
                        }
                    )
                    if config.buttons
                    else None
                )
                event_requests = [
                    r for r in sandbox.requests[requests_before:] if r.route.startswith(EVENTS_ROUTE)
                ]
                events_created = None
                if config.events:
                    events_created = sum(
                        1 for server in demo.servers if sandbox.scheduled_events(server.guild)
                    )
            rate_limits = Counter(scope for scope, _ in sandbox.rate_limit_hits[hits_before:])
            problems = list(sandbox.problems)
    return FanoutReport(
        servers=servers,
        seconds=last_post - due_at_real,
        first_post_seconds=first_post - due_at_real,
        floor_seconds=servers / GLOBAL_LIMIT,
        posted_channels=len(posts),
        lost=sum(1 for cid in target_ids if posts.get(cid, 0) == 0),
        duplicated=sum(max(0, count - 1) for count in posts.values()),
        rate_limits=rate_limits,
        probes=probes,
        setup_seconds=setup_seconds,
        round_stats=round_stats,
        problems=problems,
        events_created=events_created,
        event_requests=len(event_requests),
        posts_with_buttons=with_buttons,
        events_seconds=max((r.finished for r in event_requests), default=float("nan")) - due_at_real,
    )


async def _wait_done(
    bot: FanBot,
    sandbox: Sandbox,
    target_ids: set[int],
    requests_before: int,
    rounds_before: int,
    servers: int,
) -> None:
    """Until every channel has its post and the dispatcher's round is over (or far past any sane time)."""
    give_up = time.monotonic() + max(120.0, 5 * servers / GLOBAL_LIMIT)
    while time.monotonic() < give_up:
        dispatcher = bot.dispatcher
        round_over = (
            dispatcher is not None
            and dispatcher.rounds > rounds_before
            and dispatcher.last_round is not None
            and dispatcher.last_round.started_at >= DUE
        )
        if round_over:
            posted = {cid for cid in target_ids if sandbox.channel_messages(cid)}
            if len(posted) >= len(target_ids) or not dispatcher.running:
                return
        await asyncio.sleep(0.05)


async def _probe(
    sandbox: Sandbox, guild: Any, member: Any, channel: Any, probes: list[Probe], stop: asyncio.Event
) -> None:
    """A fan command every PROBE_INTERVAL seconds while the round runs; each must be answered in time."""
    commands = [("countdown", {}), ("ask", {"question": "when does it come out?"}), ("cast", {})]
    index = 0
    pending: list[tuple[str, Any]] = []
    while not stop.is_set():
        name, options = commands[index % len(commands)]
        index += 1
        record = await sandbox.dispatch_command(name, options, guild=guild, member=member, channel=channel)
        pending.append((name, record))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), PROBE_INTERVAL)
    for name, record in pending:
        with contextlib.suppress(TimeoutError):
            await record.settled(10)
        probes.append(
            Probe(f"/{name}", record.latency, record.error or (None if record.latency else "no answer"))
        )


def main() -> None:
    common.part_main(
        __doc__,
        "200 servers (floor 4 s) instead of 2,000",
        lambda quick, events, buttons: asyncio.run(
            run_fanout(
                FanoutConfig(
                    servers=(QUICK if quick else FanoutConfig()).servers, events=events, buttons=buttons
                )
            )
        ),
        switches={
            "events": "the premiere events are created in every server during the round too",
            "buttons": "every post pings a role the bot may give, so it carries both fan buttons",
        },
    )


if __name__ == "__main__":
    main()
