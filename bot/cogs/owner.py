"""Owner-only maintenance: re-import the data file into the running bot."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import rendering
from bot.cogs.command_help import AUDIENCE, Audience
from bot.cogs.installs import server_command
from bot.cogs.replies import reader_language, reply
from bot.errors import UserFacingError
from bot.i18n import translatable
from bot.services.knowledge import is_data_file_error

if TYPE_CHECKING:
    from bot.app import FanBot


class OwnerCommands(commands.Cog):
    def __init__(self, bot: FanBot) -> None:
        self.bot = bot

    @server_command
    @app_commands.command(
        name="reload-data",
        description="Bot owners: re-import the knowledge base file",
        extras={AUDIENCE: Audience.OWNERS},
    )
    @app_commands.default_permissions(administrator=True)
    async def reload_data(self, interaction: discord.Interaction) -> None:
        if not await self.bot.is_owner(interaction.user):
            raise UserFacingError(translatable("Only the bot's owners (OWNER_IDS) can reload its data."))
        t = reader_language(interaction)
        # A large file takes longer than the 3 s Discord allows for the first answer: "thinking..." first.
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            report = await self.bot.reload_knowledge()
        except UserFacingError as error:
            if not is_data_file_error(error):
                raise
            # The import is one transaction: say why nothing changed, and which data the bot still answers from.
            embed = rendering.reload_refused_embed(error, self.bot.kept_data(), t)
            await reply(interaction, embed=embed, ephemeral=True)
            return
        embed = rendering.reload_report_embed(report, overdue=await self.bot.overdue_release(), t=t)
        await reply(interaction, embed=embed, ephemeral=True)


async def setup(bot: FanBot) -> None:
    await bot.add_cog(OwnerCommands(bot))
