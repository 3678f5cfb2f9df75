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
from pathlib import Path

if __package__ in (None, ""):  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import discord
import psutil
import yarl

from bench.common import BareBot, quiet_logging


def aim_at(api_base: str) -> None:
    """bot.app.point_client_at, repeated here so that the bare bot's process imports nothing of bot/."""
    discord.http.Route.BASE = f"{api_base}/api/v10"
    websocket = api_base.replace("http://", "ws://")
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(f"{websocket}/gateway/")


async def measure(
    kind: str, api_base: str, token: str, guilds: int, settle: float, tmp: Path
) -> dict[str, object]:
    aim_at(api_base)
    started = time.perf_counter()
    client: discord.Client
    if kind == "bare":
        client = BareBot(guild_ready_timeout=0.05)
    else:
        from bot.app import FanBot  # only the fan bot's process loads the bot
        from bot.config import DEFAULT_DATA_FILE, Settings

        settings = Settings(
            database_path=tmp / "bot.sqlite3", data_file=DEFAULT_DATA_FILE, token=token, api_base=api_base
        )
        client = FanBot(settings, guild_ready_timeout=0.05)
    task = asyncio.create_task(client.start(token))
    try:
        await asyncio.wait_for(client.wait_until_ready(), 300)
        while len(client.guilds) < guilds:
            if task.done():
                task.result()
            await asyncio.sleep(0.05)
        startup = time.perf_counter() - started
        await asyncio.sleep(settle)
        gc.collect()
        loaded = sorted(name for name in ("bot", "bot.sandbox", "jsonschema") if name in sys.modules)
        info = psutil.Process().memory_full_info()
        return {
            "kind": kind,
            "guilds": len(client.guilds),
            "rss_bytes": info.rss,
            "uss_bytes": getattr(info, "uss", info.rss),
            "startup_seconds": startup,
            "loaded": loaded,
        }
    finally:
        await client.close()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await asyncio.wait_for(task, 10)


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
        result = asyncio.run(
            measure(args.kind, args.api_base, args.token, args.guilds, args.settle, Path(tmp))
        )
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
