"""/remindme: a fan's personal direct message on release day (the dispatcher sends it).

Listing and cancelling are choices of ``when`` (``when: list``, ``when: off``): Discord does not let one command
have both options and subcommands, and turning /remindme into a group would change how every fan sets one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import rendering
from bot.cogs.installs import fan_command
from bot.cogs.options import timezone_choices
from bot.cogs.replies import reader_language, reply

if TYPE_CHECKING:
    from bot.app import FanBot

REMINDER_CHOICES = [
    app_commands.Choice(name="On release day", value="release"),
    app_commands.Choice(name="1 hour before (exact release time only), and at release", value="1h"),
    app_commands.Choice(name="1 day before, and on release day", value="1"),
    app_commands.Choice(name="3 days before, and on release day", value="3"),
    app_commands.Choice(name="1 week before, and on release day", value="7"),
    app_commands.Choice(name="30 days before, and on release day", value="30"),
    app_commands.Choice(name="List: show my reminders and when they come", value="list"),
    app_commands.Choice(name="Off: cancel my reminder", value="off"),
]


class ReminderCommands(commands.Cog):
    """/remindme: a fan's personal DM on release day."""

    def __init__(self, bot: FanBot) -> None:
        self.bot = bot
        self.service = bot.announcements

    @fan_command
    @app_commands.command(
        name="remindme", description="Get a direct message when Heartstopper Forever comes out"
    )
    @app_commands.describe(
        when="When to remind you (or off to cancel)", timezone="Your time zone, for the DM time"
    )
    @app_commands.choices(when=REMINDER_CHOICES)
    async def remindme(
        self,
        interaction: discord.Interaction,
        when: app_commands.Choice[str] | None = None,
        timezone: app_commands.Range[str, 1, 64] = "Etc/UTC",
    ) -> None:
        choice = when.value if when else "release"
        language = reader_language(interaction)
        if choice == "off":
            cancelled = await self.service.remindme_off(interaction.user.id)
            embed = rendering.reminder_embed(None, cancelled=cancelled, t=language)
        elif choice == "list":
            status = await self.service.reminder_status(interaction.user.id)
            embed = rendering.reminder_list_embed(status, language)
        elif choice == "1h":
            # A refusal (ReminderNotSet) propagates; the command tree shows it.
            status = await self.service.remindme(
                interaction.user.id, timezone=timezone, lead_hours=1, language=language.discord_locale
            )
            embed = rendering.reminder_embed(status, t=language)
        else:
            days = None if choice == "release" else int(choice)
            status = await self.service.remindme(
                interaction.user.id, days, timezone=timezone, language=language.discord_locale
            )
            embed = rendering.reminder_embed(status, t=language)
        await reply(interaction, embed=embed, ephemeral=True)

    @remindme.autocomplete("timezone")
    async def timezone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return timezone_choices(current)


async def setup(bot: FanBot) -> None:
    await bot.add_cog(ReminderCommands(bot))
