"""Fuzzing every slash-command option: whatever is typed, the bot answers in time, clearly and within limits.

One bot session on the sandbox serves every case. Hypothesis runs in a worker thread (one run per command, or
per autocomplete option, each deterministic) and hands each case to the test's event loop, where the real bot
answers it. Per case: the interaction was answered within Discord's 3 s; nothing was logged at ERROR (nor a
traceback, nor the internal-error reply: bad input deserves a clear refusal); the reply shows no stack trace or
token, keeps Discord's limits and pings nobody; a refused /announcements or /remindme changed nothing. The
harness's teardown also asserts that the sandbox saw no request Discord would refuse and no unwanted ping.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import Counter
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, reject, settings

from bot.config import DEFAULT_DATA_FILE
from bot.rendering import ERROR_COLOUR
from bot.sandbox import InteractionNotSettled, Permissions, SandboxError
from tests.e2e.conftest import Harness
from tests.e2e.fuzzing import (
    Actor,
    Case,
    FuzzWorld,
    LogCapture,
    Target,
    answer_problems,
    cases,
    nasty_strings,
    targets,
)
from tests.e2e.test_announcements import data_with_release
from tests.e2e.test_fan_commands import embed_text

MIN_CASES = 1000
SETTLE_QUIET = 0.005  # seconds without any request after an answer: what the case set off has finished
CASE_TIMEOUT = 5.0  # seconds to wait for an answer (the 3 s deadline is checked on the sandbox's record)
GIVE_UP_AFTER = 3  # unanswered cases in a row: the bot has stopped (its connection died), fail fast


async def fuzz_world(harness: Harness) -> FuzzWorld:
    """The demo world plus what makes options interesting: a channel the bot cannot see, one it was never told
    about, an announcement channel, a role above the bot's, an unmentionable role, and an owner."""
    demo, sandbox = harness.demo, harness.sandbox
    guild = demo.guild
    hidden = await sandbox.create_text_channel(guild, "secret", bot_can_view=False)
    news = await sandbox.create_text_channel(guild, "news", type=5)
    unseen = guild.add_text_channel("unseen")  # never announced to the bot
    high = guild.add_role("Moderators", mentionable=True, position=guild.bot_role.position + 5)
    await sandbox.update_role(high)
    quiet = guild.add_role("Quiet", position=1)
    owner = guild.add_member("Olive", permissions=Permissions.MANAGE_GUILD)
    assert harness.bot is not None
    harness.bot.owner_id, harness.bot.owner_ids = None, {owner.id}  # as OWNER_IDS=... would set it
    # A server may re-grant admin commands to everyone (Integrations settings): then only the bot's own
    # checks stand between a fan and them, so fuzz that.
    for command in sandbox.commands():
        if command.get("default_member_permissions") is not None:
            sandbox.open_command_to_everyone(guild, command["name"])
    channels = [*demo.channels.values(), hidden, news, unseen]
    members = {"admin": demo.admin, "fan": demo.fan, "owner": owner}
    guild_actors = [
        Actor(name, member.user, member, channel)
        for name, member in members.items()
        for channel in channels
        if channel.permissions_for(member) & Permissions.VIEW_CHANNEL
    ]
    dm_actors = [Actor(name, member.user, None, None) for name, member in members.items()]
    dm_actors.append(Actor("solo", demo.solo, None, None))
    # Through the app on the fan's own account: a server that never added the bot, and a group DM.
    elsewhere = sandbox.world.add_guild("Elsewhere", bot_present=False)
    chat = elsewhere.add_text_channel("chat")
    guild_actors.append(
        Actor("fan elsewhere", demo.fan.user, elsewhere.add_member("Fan", user=demo.fan.user), chat, "user")
    )
    group = sandbox.world.add_group_dm("movie night", [demo.fan.user, demo.solo])
    dm_actors.append(Actor("fan in a group DM", demo.fan.user, None, group, "user"))
    roles = [*guild.roles]
    assert high in roles and quiet in roles and guild.everyone_role in roles
    nasty = nasty_strings(
        role_ids=[demo.role.id, guild.everyone_role.id, high.id],
        user_ids=[demo.fan.id, demo.admin.id],
        channel_ids=[demo.general.id, hidden.id],
    )
    return FuzzWorld(guild_actors, dm_actors, channels, roles, [*members.values(), demo.solo], nasty)


@dataclass
class CaseRunner:
    """Runs one case on the bot's loop and says what went wrong (None: Discord could not have sent it)."""

    harness: Harness
    logs: LogCapture
    counts: Counter[str] = field(default_factory=Counter)
    refusals: Counter[str] = field(default_factory=Counter)  # answered with an error embed
    places: Counter[str] = field(default_factory=Counter)  # cases per actor (who, where, which install)
    slowest: float = 0.0
    unanswered_in_a_row: int = 0
    first_unanswered: str = ""  # the first case of the current unanswered run, and why

    async def status_text(self) -> str:
        demo = self.harness.demo
        status = await self.harness.sandbox.invoke(
            "announcements status",
            member=demo.admin,
            channel=demo.general,
            settle=False,
            timeout=CASE_TIMEOUT,
        )
        assert status.error is None and status.embeds, status
        return embed_text(status.embeds[0])

    async def reminder(self, case: Case) -> object:
        assert self.harness.bot is not None
        return await self.harness.bot.announcements.reminder_status(case.actor.user.id)

    def snapshot(self, case: Case) -> Callable[[], Coroutine[Any, Any, object]] | None:
        """How to read the state a refused ``case`` must leave alone."""
        if case.target.focused is not None:
            return None
        if case.target.path.startswith("announcements ") and case.options:
            return self.status_text
        if case.target.path == "remindme":
            return lambda: self.reminder(case)
        return None

    async def run(self, case: Case) -> list[str] | None:
        if self.unanswered_in_a_row >= GIVE_UP_AFTER:
            return [
                f"not run: the bot left {GIVE_UP_AFTER} cases in a row unanswered (it has stopped), "
                f"from {self.first_unanswered}"
            ]
        sandbox, actor = self.harness.sandbox, case.actor
        read_state = self.snapshot(case)
        before = await read_state() if read_state else None
        self.logs.records.clear()
        try:
            record = await sandbox.dispatch_command(
                case.target.path,
                case.options,
                guild=actor.member.guild if actor.member is not None else None,
                member=actor.member,
                user=actor.user if actor.member is None else None,
                channel=actor.channel,
                locale=case.locale,
                install=actor.install,
                _focused=case.target.focused,
            )
        except SandboxError:
            return None  # Discord's client would not have sent this; not a case
        self.counts[case.target.label] += 1
        self.places[repr(actor)] += 1
        problems: list[str] = []
        try:
            await record.settled(CASE_TIMEOUT)
        except InteractionNotSettled as error:
            problems.append(str(error))
        if record.response_type is not None:
            self.unanswered_in_a_row = 0
        else:
            if not self.unanswered_in_a_row:
                self.first_unanswered = f"{case!r}: {problems}"
            self.unanswered_in_a_row += 1
        await sandbox.settle(quiet=SETTLE_QUIET)
        self.slowest = max(self.slowest, record.latency or 0.0)
        problems += answer_problems(
            sandbox,
            case,
            record,
            allowed_roles={self.harness.demo.role.id},
            secrets=[sandbox.token],
        )
        problems += self.logs.failures()
        reply = sandbox.result(record)
        refused = bool(reply.embeds) and reply.embeds[0].get("color") == ERROR_COLOUR.value
        self.refusals[case.target.label] += refused
        if read_state is not None:
            after = await read_state()
            if refused and after != before:
                problems.append(f"refused, yet the state changed:\n  before: {before!r}\n  after:  {after!r}")
        return problems


def fuzz_target(
    target: Target, world: FuzzWorld, run: Callable[[Case], list[str] | None], *, scale: float = 1.0
) -> list[str]:
    """Hypothesis over one target (in this worker thread); the falsifying cases, shrunk, if any."""

    @settings(
        max_examples=max(1, round(target.weight() * scale)),
        deadline=None,
        derandomize=True,
        database=None,
        print_blob=False,
        phases=(Phase.explicit, Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
    )
    @given(cases(target, world))
    def answered_well(case: Case) -> None:
        problems = run(case)
        if problems is None:
            reject()
        assert not problems, f"{case!r}:\n  " + "\n  ".join(problems)

    try:
        answered_well()
    except BaseExceptionGroup as group:  # several distinct failures
        return [str(error) for error in group.exceptions]
    except Exception as error:
        return [str(error)]
    return []


async def fuzz(harness: Harness, *, only: set[str] | None = None, scale: float = 1.0) -> FuzzRun:
    """Fuzz every synced target (or those whose path is in ``only``) on the running bot."""
    world = await fuzz_world(harness)
    found = [t for t in targets(harness.sandbox.commands()) if only is None or t.path in only]
    loop = asyncio.get_running_loop()
    started = time.perf_counter()
    with LogCapture() as logs:
        runner = CaseRunner(harness, logs)

        def run(case: Case) -> list[str] | None:
            return asyncio.run_coroutine_threadsafe(runner.run(case), loop).result(CASE_TIMEOUT * 4)

        def fuzz_all() -> dict[str, list[str]]:
            return {target.label: fuzz_target(target, world, run, scale=scale) for target in found}

        failures = await asyncio.to_thread(fuzz_all)
    return FuzzRun(found, runner, failures, time.perf_counter() - started)


@dataclass
class FuzzRun:
    targets: list[Target]
    runner: CaseRunner
    failures: dict[str, list[str]]
    seconds: float

    @property
    def total(self) -> int:
        return sum(self.runner.counts.values())

    def summary(self) -> str:
        lines = [
            f"fuzzed {self.total} cases in {self.seconds:.1f} s "
            f"(slowest answer {self.runner.slowest * 1000:.0f} ms):"
        ]
        counts, refusals = self.runner.counts, self.runner.refusals
        lines += [
            f"  {counts[t.label]:5d}  {t.label}"
            + (f" ({refusals[t.label]} refused)" if refusals[t.label] else "")
            for t in self.targets
        ]
        return "\n".join(lines)

    def problems(self) -> str:
        return "\n\n".join(
            f"{label}:\n" + "\n".join(found) for label, found in self.failures.items() if found
        )


# The release as the real data has it (only the year), then a dated one ahead and one already out: each
# phase has its own replies (countdown, preview, schedules that have no post left, reminders refused).
RELEASES = {"year-only": (None, 1.0), "dated": ("2026-01-15", 0.4), "released": ("2025-12-20", 0.4)}


@pytest.fixture
def data_file(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    release = RELEASES[getattr(request, "param", "year-only")][0]
    return data_with_release(tmp_path, release) if release else DEFAULT_DATA_FILE


@pytest.mark.parametrize("data_file", list(RELEASES), indirect=True)
async def test_every_command_option_is_answered_clearly_whatever_is_typed(
    harness: Harness, request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]
) -> None:
    variant = request.node.callspec.params["data_file"]
    result = await fuzz(harness, scale=RELEASES[variant][1])
    with capsys.disabled():
        print(f"\n[{variant}] {result.summary()}")
    assert {"ask", "cast", "crew", "countdown", "help", "remindme", "announcements setup"} <= {
        t.path for t in result.targets
    }
    assert not result.problems(), result.problems()
    if variant == "year-only":
        assert result.total >= MIN_CASES, f"only {result.total} cases ran"
        user_installed = {place: n for place, n in result.runner.places.items() if "(user install)" in place}
        assert len(user_installed) == 2, f"the user-install places were not fuzzed: {user_installed}"


async def test_the_fuzzer_finds_a_planted_crash_and_shrinks_it(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checks are not vacuous: /ask crashing on an @ is caught, and shrunk to a short question."""
    assert harness.bot is not None
    answer = harness.bot.answerer.answer

    async def crashes_on_at_signs(question: str) -> object:
        if "@" in question:
            raise RuntimeError("planted bug")
        return await answer(question)

    monkeypatch.setattr(harness.bot.answerer, "answer", crashes_on_at_signs)
    result = await fuzz(harness, only={"ask"}, scale=0.5)
    [report] = result.failures["/ask"]
    assert re.search(r"/ask \{question: '.{0,8}@.{0,8}'\} as ", report), report
    assert "internal-error reply" in report and "logged ERROR bot.app" in report and "RuntimeError" in report
