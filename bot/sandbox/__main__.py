"""Run a sandbox server with a small demo world, for poking at it by hand.

    python -m bot.sandbox [--port 8765] [--token sandbox-token] [--shards N]

It prints the ``DISCORD_API_BASE=... DISCORD_TOKEN=...`` line that runs the bot against it. Only the
playground (``python -m bot playground``) can act as a user; this sandbox hosts the bot and its demo world.
Another discord.py client can be pointed at it with ``discord.http.Route.BASE = "<api_base>/api/v10"`` and
``discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL("<gateway_url>")``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from .demo import build_demo_world
from .sandbox import Sandbox


async def serve(port: int, token: str, shards: int | None = None) -> None:
    # With --shards, one demo server per shard, and GET /gateway/bot recommends that many shards.
    world = build_demo_world(servers=shards or 1, shards=shards).world
    async with Sandbox(world, port=port, token=token, shards=shards) as sandbox:
        print(f"api_base    {sandbox.api_base}/api/v10")
        print(f"gateway_url {sandbox.gateway_url}")
        print(f"token       {sandbox.token}   (Ctrl-C to stop)")
        # The exact settings to copy: the bot wants the base address, without /api/v10.
        print("Run the bot against it:")
        print(f"  DISCORD_API_BASE={sandbox.api_base} DISCORD_TOKEN={sandbox.token} .venv/bin/python -m bot")
        print("Nobody can type commands here: to act as a user, use `python -m bot playground` instead.")
        try:
            await asyncio.Event().wait()
        finally:
            for problem in sandbox.problems:
                print("problem:", problem)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.sandbox", description=__doc__)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--token", default="sandbox-token")
    parser.add_argument(
        "--shards",
        type=int,
        choices=range(1, 17),
        metavar="N",
        help="recommend N shards (one server on each)",
    )
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args.port, args.token, args.shards))


if __name__ == "__main__":
    main()
