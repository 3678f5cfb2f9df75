"""One bot (``--kind bare`` or ``--kind fan``) connected to a sandbox in another process; prints its memory.

Waits until READY with every server's GUILD_CREATE handled, lets it settle, collects garbage, and prints one
JSON line ``{"kind", "guilds", "rss_bytes", "uss_bytes", "startup_seconds"}``. Driven by bench/footprint.py.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path

if __package__ in (None, ""):  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import discord
import psutil

from bench.common import BareBot, quiet_logging
from bot.harness import GUILD_READY_TIMEOUT, RemoteSandbox, aimed_at, running_client, running_fan_bot

READY_WITHIN = 300.0  # a thousand servers take a while on a busy machine


@contextlib.asynccontextmanager
async def connected(kind: str, sandbox: RemoteSandbox, tmp: Path) -> AsyncIterator[discord.Client]:
    """The bare or the fan bot, ready with every server. Only the fan bot's process loads the bot's modules
    (bot.harness itself loads nothing but discord.py)."""
    if kind == "bare":
        with aimed_at(sandbox.api_base):
            bare = BareBot(guild_ready_timeout=GUILD_READY_TIMEOUT)
            async with running_client(
                bare, sandbox.token, guilds=sandbox.guilds, ready_within=READY_WITHIN
            ) as client:
                yield client
    else:
        async with running_fan_bot(sandbox, tmp / "bot.sqlite3", ready_within=READY_WITHIN) as client:
            yield client


async def measure(kind: str, sandbox: RemoteSandbox, settle: float, tmp: Path) -> dict[str, object]:
    started = time.perf_counter()
    async with connected(kind, sandbox, tmp) as client:
        startup = time.perf_counter() - started
        await asyncio.sleep(settle)
        gc.collect()
        loaded = sorted(name for name in ("bot.app", "bot.sandbox", "jsonschema") if name in sys.modules)
        info = psutil.Process().memory_full_info()
        return {
            "kind": kind,
            "guilds": len(client.guilds),
            "rss_bytes": info.rss,
            "uss_bytes": getattr(info, "uss", info.rss),
            "startup_seconds": startup,
            "loaded": loaded,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kind", choices=("bare", "fan"), required=True)
    parser.add_argument("--api-base", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--guilds", type=int, required=True)
    parser.add_argument("--settle", type=float, default=1.0)
    args = parser.parse_args()
    quiet_logging()
    with tempfile.TemporaryDirectory(prefix="bench-footprint-") as tmp:
        sandbox = RemoteSandbox(args.api_base, args.token, args.guilds)
        result = asyncio.run(measure(args.kind, sandbox, args.settle, Path(tmp)))
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
