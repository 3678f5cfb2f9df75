"""Run a sandbox server with a small demo world, for poking at it by hand.

    python -m bot.sandbox [--port 8765] [--token sandbox-token]

Point a bot at it with ``discord.http.Route.BASE = "<api_base>/api/v10"`` and
``discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL("<gateway_url>")``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from .permissions import Permissions
from .sandbox import Sandbox
from .world import World


def demo_world() -> World:
    world = World(bot_name="Sandbox Bot")
    guild = world.add_guild("Sandbox Guild")
    guild.add_member("Admin", permissions=Permissions.ADMIN)
    guild.add_member("Fan")
    guild.add_text_channel("general")
    guild.add_text_channel("announcements")
    guild.add_text_channel("staff", bot_can_send=False)
    guild.add_role("Pingable", mentionable=True)
    return world


async def serve(port: int, token: str) -> None:
    async with Sandbox(demo_world(), port=port, token=token) as sandbox:
        print(f"api_base    {sandbox.api_base}/api/v10")
        print(f"gateway_url {sandbox.gateway_url}")
        print(f"token       {sandbox.token}   (Ctrl-C to stop)")
        try:
            await asyncio.Event().wait()
        finally:
            for problem in sandbox.problems:
                print("problem:", problem)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.sandbox", description=__doc__)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--token", default="sandbox-token")
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args.port, args.token))


if __name__ == "__main__":
    main()
