"""A sandbox Discord with a world of N servers, in its own process (so its memory is not the bot's).

Prints one JSON line ``{"api_base": ..., "token": ..., "guilds": N}`` once listening, then serves until its
standard input is closed. Used by the footprint benchmark; also handy by hand:
``python bench/sandbox_server.py --guilds 1000``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import TOKEN, quiet_logging
from bot.sandbox import Sandbox, VirtualClock, build_demo_world

CHANNELS = ("announcements", "general", "chat")  # three text channels per server


async def serve(guilds: int) -> None:
    world = build_demo_world(servers=guilds, channels=CHANNELS, read_only_channels=()).world
    async with Sandbox(world, clock=VirtualClock(), token=TOKEN) as sandbox:
        print(json.dumps({"api_base": sandbox.api_base, "token": TOKEN, "guilds": guilds}), flush=True)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, sys.stdin.read)  # until the parent closes our stdin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--guilds", type=int, default=1000)
    args = parser.parse_args()
    quiet_logging()
    asyncio.run(serve(args.guilds))


if __name__ == "__main__":
    main()
