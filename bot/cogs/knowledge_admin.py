"""/kb: the bot owners' view of the knowledge base. Today `/kb gaps`, what fans asked that it could not answer;
a later issue adds the editing subcommands to the same group.

Also runs the ask gaps' periodic purge (on load and daily) for as long as the cog is loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import rendering
from bot.cogs.command_help import AUDIENCE, Audience
from bot.cogs.replies import reply
from bot.errors import UserFacingError

if TYPE_CHECKING:
    from bot.app import FanBot


class NotAnOwner(UserFacingError, app_commands.CheckFailure):
    """A check failure the tree's on_error shows with its own message (it is a UserFacingError)."""


@app_commands.default_permissions(administrator=True)
class KnowledgeAdmin(
    commands.GroupCog,
    group_name="kb",
    group_description="Bot owners: the knowledge base",
    group_extras={AUDIENCE: Audience.OWNERS},
):
    def __init__(self, bot: FanBot) -> None:
        self.bot = bot
        super().__init__()

    async def cog_load(self) -> None:
        self.bot.gaps.start()

    async def cog_unload(self) -> None:
        await self.bot.gaps.stop()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        # default_permissions only hides /kb from non-admins; a server can re-grant it, and a server admin is
        # not a bot owner anyway: every subcommand is checked here.
        if not await self.bot.is_owner(interaction.user):
            raise NotAnOwner("Only the bot's owners (OWNER_IDS) can use /kb.", title="Owners only")
        return True

    @app_commands.command(
        name="gaps", description="Bot owners: the questions fans asked that I could not answer"
    )
    @app_commands.describe(limit="How many to list, most asked first (default 15)")
    async def gaps(
        self, interaction: discord.Interaction, limit: app_commands.Range[int, 1, 25] = 15
    ) -> None:
        gaps = await self.bot.gaps.most_asked(limit)
        embed = rendering.gaps_embed(gaps, retention_days=self.bot.gaps.retention.days)
        await reply(interaction, embed=embed, ephemeral=True)


async def setup(bot: FanBot) -> None:
    await bot.add_cog(KnowledgeAdmin(bot))
