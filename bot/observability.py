"""What the log says about the running bot: who it logged in as and with what, each shard as it becomes ready,
and each command at DEBUG (and its latency in the metrics, bot/metrics.py).

Listeners added to the bot (like bot/health.py's), so the cogs stay about commands.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.db.announcements import AnnouncementRepository
from bot.db.knowledge import KnowledgeRepository
from bot.metrics import COMMAND_STARTED_KEY

if TYPE_CHECKING:
    from bot.app import FanBot

log = logging.getLogger("bot.observability")


async def data_version(repository: KnowledgeRepository) -> str:
    """The imported data file's version: the start of its SHA-256, the same across restarts and machines."""
    digest = await repository.last_import_digest()
    return digest[:12] if digest else "none (never imported)"


class BotLog:
    """Logs one line when the bot is ready (every shard), one per shard ready, one DEBUG line per answered command,
    whose latency inside the bot (from the command tree's interaction check) also goes to the metrics."""

    def __init__(self, bot: FanBot) -> None:
        self.bot = bot

    def install(self) -> None:
        self.bot.add_listener(self.on_ready, "on_ready")
        self.bot.add_listener(self.on_shard_ready, "on_shard_ready")
        self.bot.add_listener(self.on_app_command_completion, "on_app_command_completion")

    async def on_ready(self) -> None:
        bot = self.bot
        user = bot.user
        name, user_id = (user.name, user.id) if user is not None else ("?", 0)
        subscriptions = len(await AnnouncementRepository(bot.database).active_subscriptions())
        version = await data_version(KnowledgeRepository(bot.database))
        servers = len(bot.guilds)
        shards = bot.shard_count or 1
        log.info(
            "logged in as %s (%s) in %d server%s on %d shard%s, %d subscription%s, data version %s",
            name,
            user_id,
            servers,
            "" if servers == 1 else "s",
            shards,
            "" if shards == 1 else "s",
            subscriptions,
            "" if subscriptions == 1 else "s",
            version,
        )

    async def on_shard_ready(self, shard_id: int) -> None:
        # Only worth a line of its own when there are several: with one shard the ready line says it all.
        shards = self.bot.shard_count or 1
        if shards > 1:
            servers = sum(1 for guild in self.bot.guilds if guild.shard_id == shard_id)
            log.info(
                "shard %d of %d ready with %d server%s",
                shard_id,
                shards,
                servers,
                "" if servers == 1 else "s",
            )

    async def on_app_command_completion(
        self, interaction: discord.Interaction, command: app_commands.Command | app_commands.ContextMenu
    ) -> None:
        started = interaction.extras.get(COMMAND_STARTED_KEY)
        if isinstance(started, float):
            self.bot.metrics.record_command(command.qualified_name, time.perf_counter() - started)
        if not log.isEnabledFor(logging.DEBUG):
            return
        # Latency from the interaction's creation (its snowflake) to the reply: what the fan waited.
        latency_ms = (discord.utils.utcnow() - interaction.created_at).total_seconds() * 1000
        log.debug(
            "command /%s in guild %s answered in %.0f ms",
            command.qualified_name,
            interaction.guild_id,
            latency_ms,
        )
