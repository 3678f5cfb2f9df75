"""A loopback emulation of Discord API v10 (REST + gateway) that an unmodified discord.py client connects to.

Self-contained: imports nothing from the rest of the bot, so it can be lifted out as a library.
"""

from .clock import ShiftedWallClock, VirtualClock
from .demo import DemoServer, DemoWorld, build_demo_world
from .interactions import InteractionNotSettled, InteractionRecord, InteractionResult, SandboxError
from .messages import visible_text
from .permissions import Permissions
from .sandbox import Sandbox
from .state import RequestRecord
from .world import Channel, Guild, Member, Role, User, World

__all__ = [
    "Channel",
    "DemoServer",
    "DemoWorld",
    "Guild",
    "InteractionNotSettled",
    "InteractionRecord",
    "InteractionResult",
    "Member",
    "Permissions",
    "RequestRecord",
    "Role",
    "Sandbox",
    "SandboxError",
    "ShiftedWallClock",
    "User",
    "VirtualClock",
    "World",
    "build_demo_world",
    "visible_text",
]
