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
import time
from collections import Counter
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, reject, settings

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
from tests.e2e.test_fan_commands import embed_text

MIN_CASES = 1000
SETTLE_QUIET = 0.005  # seconds without any request after an answer: what the case set off has finished
CASE_TIMEOUT = 10.0  # seconds a case may take in all (the 3 s deadline is checked on the sandbox's record)


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
    slowest: float = 0.0

    async def status_text(self) -> str:
        demo = self.harness.demo
        status = await self.harness.sandbox.invoke(
            "announcements status", member=demo.admin, channel=demo.general, settle=False
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
        sandbox, actor = self.harness.sandbox, case.actor
        read_state = self.snapshot(case)
        before = await read_state() if read_state else None
        self.logs.records.clear()
        try:
            record = await sandbox.dispatch_command(
                case.target.path,
                case.options,
                guild=self.harness.demo.guild if actor.member is not None else None,
                member=actor.member,
                user=actor.user if actor.member is None else None,
                channel=actor.channel,
                locale=case.locale,
                _focused=case.target.focused,
            )
        except SandboxError:
            return None  # Discord's client would not have sent this; not a case
        self.counts[case.target.label] += 1
        problems: list[str] = []
        try:
            await record.settled(CASE_TIMEOUT)
        except InteractionNotSettled as error:
            problems.append(str(error))
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
        if read_state is not None:
            after = await read_state()
            reply = sandbox.result(record)
            refused = bool(reply.embeds) and reply.embeds[0].get("color") == ERROR_COLOUR.value
            if refused and after != before:
                problems.append(f"refused, yet the state changed:\n  before: {before!r}\n  after:  {after!r}")
        return problems


def fuzz_target(target: Target, world: FuzzWorld, run: Callable[[Case], list[str] | None]) -> list[str]:
    """Hypothesis over one target (in this worker thread); the falsifying cases, shrunk, if any."""

    @settings(
        max_examples=target.weight(),
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


async def test_every_command_option_is_answered_clearly_whatever_is_typed(
    harness: Harness, capsys: pytest.CaptureFixture[str]
) -> None:
    world = await fuzz_world(harness)
    found = targets(harness.sandbox.commands())
    paths = {target.path for target in found}
    assert {"ask", "cast", "crew", "countdown", "help", "remindme", "announcements setup"} <= paths, paths
    loop = asyncio.get_running_loop()
    started = time.perf_counter()
    with LogCapture() as logs:
        runner = CaseRunner(harness, logs)

        def run(case: Case) -> list[str] | None:
            return asyncio.run_coroutine_threadsafe(runner.run(case), loop).result(CASE_TIMEOUT * 3)

        def fuzz_all() -> dict[str, list[str]]:
            return {target.label: fuzz_target(target, world, run) for target in found}

        failures = await asyncio.to_thread(fuzz_all)
    elapsed = time.perf_counter() - started
    total = sum(runner.counts.values())
    with capsys.disabled():
        print(f"\nfuzzed {total} cases in {elapsed:.1f} s (slowest answer {runner.slowest * 1000:.0f} ms):")
        for target in found:
            print(f"  {runner.counts[target.label]:5d}  {target.label}")
    problems = {label: found for label, found in failures.items() if found}
    assert not problems, "\n\n".join(f"{label}:\n" + "\n".join(found) for label, found in problems.items())
    assert total >= MIN_CASES, f"only {total} cases ran"
