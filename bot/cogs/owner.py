"""Owner-only maintenance: re-import the data file into the running bot."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import rendering
from bot.services.dataset import DatasetError

if TYPE_CHECKING:
    from bot.app import FanBot


class OwnerCommands(commands.Cog):
    def __init__(self, bot: FanBot) -> None:
        self.bot = bot

    @app_commands.command(name="reload-data", description="Bot owners: re-import the knowledge base file")
    @app_commands.default_permissions(administrator=True)
    async def reload_data(self, interaction: discord.Interaction) -> None:
        if not await self.bot.is_owner(interaction.user):
            text = "Only the bot's owners (OWNER_IDS) can reload its data."
            await interaction.response.send_message(
                embed=rendering.error_embed(text), ephemeral=True, allowed_mentions=rendering.NO_MENTIONS
            )
            return
        try:
            report = await self.bot.reload_knowledge()
        except DatasetError as error:
            embed = rendering.error_embed(f"Nothing changed: {error}", title="The data file has a problem")
        else:
            embed = rendering.notice_embed("Data reloaded", report.describe())
        await interaction.response.send_message(
            embed=embed, ephemeral=True, allowed_mentions=rendering.NO_MENTIONS
        )


async def setup(bot: FanBot) -> None:
    await bot.add_cog(OwnerCommands(bot))
