"""Run the real fan bot (or any discord.py client) against a local sandbox Discord.

The one place that aims discord.py at a sandbox, starts a client, waits until it is ready and closes it again;
the end-to-end tests, the benchmarks and the playground all start their bots here.

Imports nothing heavy at module level (only discord.py): the footprint benchmark's bare bot starts through
:func:`running_client` and must not load the fan bot, its database layer or the sandbox.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

import discord
import yarl

if TYPE_CHECKING:
    from bot.app import FanBot
    from bot.clock import Clock
    from bot.config import Settings
    from bot.sandbox import Sandbox

DISCORD_API_BASE = "https://discord.com/api/v10"
DISCORD_GATEWAY = "wss://gateway.discord.gg/"
# The sandbox writes every GUILD_CREATE at once; discord.py's default waits 2 s for more before READY.
GUILD_READY_TIMEOUT = 0.05
READY_WITHIN = 30.0  # seconds a client may take from login to ready

ClientT = TypeVar("ClientT", bound=discord.Client)


class SandboxAddress(Protocol):
    """Where a sandbox listens and the bot token it accepts (a Sandbox, or a RemoteSandbox)."""

    @property
    def api_base(self) -> str: ...

    @property
    def token(self) -> str: ...


@dataclass(frozen=True)
class RemoteSandbox:
    """A sandbox running in another process: its address, token and how many servers the bot is in."""

    api_base: str
    token: str
    guilds: int


def _routes_base(api_base: str) -> str:
    return f"{api_base}/api/v10"


def _gateway(api_base: str) -> yarl.URL:
    websocket_base = api_base.replace("https://", "wss://").replace("http://", "ws://")
    return yarl.URL(f"{websocket_base}/gateway/")


def point_client_at(api_base: str | None) -> None:
    """Aim discord.py at another Discord (the sandbox) or, with None, back at the real one.

    discord.py builds every route from ``Route.BASE`` and connects a plain Client to ``DEFAULT_GATEWAY``
    without asking ``/gateway``, so both are set here.
    """
    if api_base is None:
        discord.http.Route.BASE = DISCORD_API_BASE
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(DISCORD_GATEWAY)
        return
    discord.http.Route.BASE = _routes_base(api_base)
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = _gateway(api_base)


@contextlib.contextmanager
def aimed_at(api_base: str) -> Iterator[None]:
    """discord.py pointed at ``api_base`` for the duration, and back at the real Discord after."""
    point_client_at(api_base)
    try:
        yield
    finally:
        point_client_at(None)


_task_api_base: contextvars.ContextVar[str] = contextvars.ContextVar("harness_task_api_base")


class _FromTaskContext:
    """A discord.py class attribute read from the running task's context (see :func:`aimed_per_task`)."""

    def __init__(self, build: Callable[[str], object]) -> None:
        self._build = build

    def __get__(self, instance: object, owner: type) -> object:
        return self._build(_task_api_base.get())


@contextlib.contextmanager
def aimed_per_task() -> Iterator[None]:
    """Several sandboxes in one process, each client talking to its own: discord.py's base URL and gateway are
    read from the task that asks (set by :func:`aim_this_task`). A client connected from a task aimed with
    it keeps that aim in every task discord.py starts for it, which inherit the context they were created in."""
    point_client_at(None)
    discord.http.Route.BASE = _FromTaskContext(_routes_base)  # type: ignore[assignment]
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = _FromTaskContext(_gateway)  # type: ignore[assignment]
    try:
        yield
    finally:
        point_client_at(None)


def aim_this_task(api_base: str) -> None:
    """Within :func:`aimed_per_task`: the clients this task (and the tasks it starts) runs talk to ``api_base``."""
    _task_api_base.set(api_base)


def sandbox_settings(
    sandbox: SandboxAddress,
    database_path: Path,
    *,
    data_file: Path | None = None,
    base: Settings | None = None,
) -> Settings:
    """The fan bot's settings for a run on ``sandbox``: ``base`` (default: the defaults) with the sandbox's
    address and token, the database at ``database_path`` and no development guild."""
    from bot.config import Settings

    base = base or Settings()
    return replace(
        base,
        database_path=database_path,
        data_file=data_file or base.data_file,
        token=sandbox.token,
        api_base=sandbox.api_base,
        dev_guild_id=None,
    )


@contextlib.asynccontextmanager
async def running_client(
    client: ClientT,
    token: str,
    *,
    sandbox: Sandbox | None = None,
    guilds: int | None = None,
    wait_for_commands: bool = True,
    ready_within: float = READY_WITHIN,
) -> AsyncIterator[ClientT]:
    """Log ``client`` in, connect it, and wait until it is ready; close it (and wait for it) afterwards.

    discord.py is aimed elsewhere (see :func:`aimed_at`). Ready means discord.py's READY and, with ``guilds``,
    that many servers in the client's cache. With an in-process ``sandbox`` also its own signals: every
    GUILD_CREATE written and (with ``wait_for_commands``) the commands synced; ``guilds`` defaults to the
    servers the bot is in. If the client stops before it is ready, its error is raised here.
    """
    if sandbox is not None:
        if guilds is None:
            guilds = sum(1 for guild in sandbox.world.guilds.values() if guild.bot_present)
        if wait_for_commands:
            sandbox.expect_new_command_sync()  # a restarted client must sync again, not ride the last sync
    connection: asyncio.Task[None] | None = None
    try:
        # Log in first: discord.py has no ready event to wait on until login has set the client up (waiting
        # earlier raises on Python 3.12+, where asyncio.wait_for no longer lets the start task run first).
        await client.login(token)
        connection = asyncio.create_task(client.connect(), name="harness-client-connection")
        await _until_ready(client, connection, sandbox, guilds or 0, wait_for_commands, ready_within)
        yield client
    finally:
        await client.close()
        if connection is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(connection, 10)


async def _until_ready(
    client: discord.Client,
    connection: asyncio.Task[None],
    sandbox: Sandbox | None,
    guilds: int,
    wait_for_commands: bool,
    within: float,
) -> None:
    async def ready() -> None:
        await client.wait_until_ready()
        if sandbox is not None:
            await sandbox.wait_for_ready(timeout=within)
            if wait_for_commands:
                await sandbox.wait_for_commands(timeout=within)
        # GUILD_CREATEs can still arrive after READY (guild_ready_timeout is short). Polled: discord.py has
        # no event for "this many guilds cached" that works for any client without overriding its handlers.
        while len(client.guilds) < guilds:  # noqa: ASYNC110
            await asyncio.sleep(0.01)

    waiter = asyncio.create_task(ready(), name="harness-ready")
    done, _ = await asyncio.wait({connection, waiter}, timeout=within, return_when=asyncio.FIRST_COMPLETED)
    if waiter in done:
        waiter.result()
        return
    waiter.cancel()
    if connection in done:  # the client stopped before it was ready: surface why
        connection.result()
        raise RuntimeError("the client stopped before it was ready")
    raise TimeoutError(f"the client was not ready within {within:.0f} s")


@contextlib.asynccontextmanager
async def running_fan_bot(
    sandbox: Sandbox | RemoteSandbox,
    database_path: Path,
    *,
    clock: Clock | None = None,
    data_file: Path | None = None,
    base_settings: Settings | None = None,
    ready_within: float = READY_WITHIN,
    force_command_sync: bool = False,
) -> AsyncIterator[FanBot]:
    """The real FanBot connected to ``sandbox`` and ready, its database at ``database_path``; closed after.

    ``clock`` is the bot's clock (the sandbox's VirtualClock to drive time; default the system clock);
    ``base_settings`` supplies everything not about the sandbox (owners, grace, log level...);
    ``force_command_sync`` syncs the slash commands even if unchanged (``python -m bot run --sync-commands``).
    """
    from bot.app import FanBot  # the fan bot's own modules load only when a fan bot runs

    settings = sandbox_settings(sandbox, database_path, data_file=data_file, base=base_settings)
    bot = FanBot(
        settings,
        clock=clock,
        force_command_sync=force_command_sync,
        guild_ready_timeout=GUILD_READY_TIMEOUT,
    )
    local = None if isinstance(sandbox, RemoteSandbox) else sandbox
    guilds = sandbox.guilds if isinstance(sandbox, RemoteSandbox) else None
    with aimed_at(sandbox.api_base):
        # The fan bot syncs its commands (when its tree changed) in setup_hook, which login awaits: nothing to wait
        # for after that, and a restart with the same tree rightly sends no sync at all.
        async with running_client(
            bot,
            sandbox.token,
            sandbox=local,
            guilds=guilds,
            wait_for_commands=False,
            ready_within=ready_within,
        ) as running:
            if local is None:
                yield running
                return
            # settle() waits for a card post being drawn (in a worker thread) and sent, as for a request in flight.
            drawing = lambda: running.card_art.drawing > 0 or running.card_sender.cards_in_progress > 0  # noqa: E731
            local.busy_checks.append(drawing)
            try:
                yield running
            finally:
                local.busy_checks.remove(drawing)
