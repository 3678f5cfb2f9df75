"""Countdown announcements and personal reminders: the Discord side.

The cog parses the interaction, checks what only Discord can tell (can the bot post in that channel, may it
ping that role), calls the AnnouncementService, and renders the result. It also owns the Dispatcher's task
and gives it a Sender that posts through discord.py.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from bot import rendering
from bot.services.announcements import Announcement, AnnouncementInputError
from bot.services.dispatcher import (
    DeliveryClosedDM,
    DeliveryError,
    DeliveryForbidden,
    DeliveryTargetGone,
    DeliveryTransient,
    Dispatcher,
)
from bot.services.schedules import WEEKDAYS, timezone_suggestions

if TYPE_CHECKING:
    from bot.app import FanBot

log = logging.getLogger(__name__)

# Discord JSON error codes (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json).
CANNOT_DM_USER = 50007
UNKNOWN_CHANNEL = 10003
# What the bot needs in a channel to post a countdown embed there.
NEEDED_PERMISSIONS = {
    "view_channel": "View Channel",
    "send_messages": "Send Messages",
    "embed_links": "Embed Links",
}

SCHEDULE_CHOICES = [
    app_commands.Choice(
        name="Milestones: 100, 30, 14, 7, 3, 2, 1 days before, and release day", value="milestones"
    ),
    app_commands.Choice(name="Daily during the final days (set days)", value="daily"),
    app_commands.Choice(name="Weekly on a weekday (set weekday)", value="weekly"),
]
WEEKDAY_CHOICES = [app_commands.Choice(name=day.capitalize(), value=day) for day in WEEKDAYS]
REMINDER_CHOICES = [
    app_commands.Choice(name="On release day", value="release"),
    app_commands.Choice(name="1 day before, and on release day", value="1"),
    app_commands.Choice(name="3 days before, and on release day", value="3"),
    app_commands.Choice(name="1 week before, and on release day", value="7"),
    app_commands.Choice(name="30 days before, and on release day", value="30"),
    app_commands.Choice(name="Off: cancel my reminder", value="off"),
]


def timezone_choices(current: str) -> list[app_commands.Choice[str]]:
    """Autocomplete for a time zone option: IANA names matching what the person typed (at most 25)."""
    return [app_commands.Choice(name=zone, value=zone) for zone in timezone_suggestions(current)]


def _reason(error: discord.HTTPException) -> str:
    return f"Discord answered {error.status} (code {error.code}): {error.text or 'no message'}"


class DiscordSender:
    """The dispatcher's Sender: one message per delivery, sent with the delivery's nonce (enforce_nonce)."""

    def __init__(self, bot: FanBot) -> None:
        self.bot = bot

    async def send_announcement(
        self, channel_id: int, announcement: Announcement, *, role_id: int | None, nonce: str
    ) -> int:
        channel = self.bot.get_channel(channel_id)
        if not isinstance(channel, discord.abc.Messageable):
            channel = self.bot.get_partial_messageable(channel_id)
        return await self._send(channel, announcement, role_id=role_id, nonce=nonce, is_dm=False)

    async def send_reminder(self, user_id: int, announcement: Announcement, *, nonce: str) -> int:
        try:
            user = self.bot.get_user(user_id) or await self.bot.fetch_user(user_id)
            channel = user.dm_channel or await user.create_dm()
        except discord.NotFound as error:
            raise DeliveryTargetGone(_reason(error)) from error
        except discord.HTTPException as error:
            raise self._translate(error, is_dm=True) from error
        return await self._send(channel, announcement, role_id=None, nonce=nonce, is_dm=True)

    async def _send(
        self,
        channel: discord.abc.Messageable,
        announcement: Announcement,
        *,
        role_id: int | None,
        nonce: str,
        is_dm: bool,
    ) -> int:
        release = await self.bot.knowledge.release()
        embed = rendering.announcement_embed(announcement, release)
        view = rendering.watch_button(release) if announcement.show_watch_link else None
        try:
            message = await channel.send(
                content=rendering.announcement_content(role_id),
                embed=embed,
                view=view,  # type: ignore[arg-type]  # None is accepted at run time
                nonce=nonce,
                allowed_mentions=rendering.announcement_mentions(role_id),
            )
        except discord.HTTPException as error:
            raise self._translate(error, is_dm=is_dm) from error
        except (TimeoutError, aiohttp.ClientError, OSError) as error:
            raise DeliveryTransient(f"could not reach Discord: {error.__class__.__name__}") from error
        return message.id

    @staticmethod
    def _translate(error: discord.HTTPException, *, is_dm: bool) -> DeliveryError:
        if is_dm and error.code == CANNOT_DM_USER:
            return DeliveryClosedDM("the member does not accept direct messages from the bot")
        if isinstance(error, discord.Forbidden):
            return DeliveryForbidden(f"missing permission to post there ({_reason(error)})")
        if isinstance(error, discord.NotFound):
            return DeliveryTargetGone(f"the channel no longer exists ({_reason(error)})")
        if isinstance(error, discord.DiscordServerError) or error.status == 429:
            return DeliveryTransient(_reason(error))
        # Any other 4xx is a request Discord will never accept as it is: record it, don't hammer it.
        return DeliveryForbidden(_reason(error))


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class AnnouncementCommands(
    commands.GroupCog, group_name="announcements", group_description="Countdown posts"
):
    """/announcements: server admins set up the release countdown for their server."""

    def __init__(self, bot: FanBot) -> None:
        self.bot = bot
        self.service = bot.announcements
        self.dispatcher = Dispatcher(
            bot.database,
            bot.clock,
            DiscordSender(bot),
            bot.knowledge.release_date,
            grace=bot.settings.announcement_grace,
        )
        super().__init__()

    async def cog_load(self) -> None:
        self.bot.dispatcher = self.dispatcher
        self.service.on_change = self.dispatcher.wake
        self.dispatcher.start()

    async def cog_unload(self) -> None:
        self.service.on_change = None
        await self.dispatcher.stop()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        # default_permissions only hides the commands; a server can re-grant them, so check again here.
        permissions = interaction.permissions
        if not (permissions.manage_guild or permissions.administrator):
            raise app_commands.MissingPermissions(["manage_guild"])
        return True

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        await self.service.forget_guild(guild.id)

    async def _reply(self, interaction: discord.Interaction, embed: discord.Embed, **kwargs: object) -> None:
        await interaction.response.send_message(
            embed=embed,
            ephemeral=True,
            allowed_mentions=rendering.NO_MENTIONS,
            **kwargs,  # type: ignore[arg-type]
        )

    async def _refuse(self, interaction: discord.Interaction, text: str) -> None:
        await self._reply(interaction, rendering.error_embed(text, title="Not saved"))

    def _channel_problem(self, guild: discord.Guild, channel_id: int) -> str | None:
        """Why the bot could not post its countdown in that channel, or None if it can."""
        channel = guild.get_channel(channel_id)
        if channel is None:
            return (
                "I can't see that channel. Give my role the View Channel permission there, or pick another."
            )
        if not isinstance(channel, discord.TextChannel | discord.Thread | discord.VoiceChannel):
            return f"#{channel.name} is not a text channel I can post in."
        permissions = channel.permissions_for(guild.me)
        missing = [label for name, label in NEEDED_PERMISSIONS.items() if not getattr(permissions, name)]
        if missing:
            return f"I'm missing {', '.join(missing)} in {channel.mention}. Grant it to my role there and try again."
        return None

    def _role_problem(self, guild: discord.Guild, role: discord.Role) -> str | None:
        if role.is_default():
            return "I won't ping @everyone. Pick a role fans can opt into, such as @Countdown."
        if role.managed:
            return f"{role.mention} belongs to an integration; pick a role members can join."
        me = guild.me
        if not role.mentionable and not me.guild_permissions.mention_everyone:
            return (
                f"{role.mention} can't be mentioned by me: make it mentionable (Server Settings > Roles) "
                "or give me Mention @everyone, @here, and All Roles."
            )
        if role >= me.top_role and not me.guild_permissions.administrator:
            return f"{role.mention} is above my highest role; move my role above it or pick a lower role."
        return None

    @app_commands.command(name="setup", description="Post the release countdown in a channel")
    @app_commands.describe(
        channel="Where to post",
        role="A role to ping with each post (optional; never @everyone)",
        schedule="Which days to post (default: milestones)",
        time="Local time of day, 24-hour HH:MM (default 09:00)",
        timezone="Your time zone, such as Europe/London (default UTC)",
        days="For the daily schedule: how many final days (default 14)",
        weekday="For the weekly schedule: which day (default Friday)",
    )
    @app_commands.choices(schedule=SCHEDULE_CHOICES, weekday=WEEKDAY_CHOICES)
    async def setup(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel,
        role: discord.Role | None = None,
        schedule: app_commands.Choice[str] | None = None,
        time: app_commands.Range[str, 1, 20] = "09:00",
        timezone: app_commands.Range[str, 1, 64] = "Etc/UTC",
        days: app_commands.Range[int, 1, 365] = 14,
        weekday: app_commands.Choice[str] | None = None,
    ) -> None:
        guild = interaction.guild
        assert guild is not None  # guild_only
        problem = self._channel_problem(guild, channel.id)
        if problem is None and role is not None:
            problem = self._role_problem(guild, role)
        if problem is not None:
            await self._refuse(interaction, problem)
            return
        # The service reads schedules in their text form: milestones, daily:N, weekly:DAY.
        kind = schedule.value if schedule else "milestones"
        chosen = {
            "milestones": "milestones",
            "daily": f"daily:{days}",
            "weekly": f"weekly:{weekday.value if weekday else 'friday'}",
        }[kind]
        try:
            result = await self.service.setup(
                guild.id, channel.id, role.id if role else None, chosen, local_time=time, timezone=timezone
            )
        except AnnouncementInputError as error:
            await self._refuse(interaction, str(error))
            return
        status = await self.service.status(guild.id)
        embed = rendering.announcement_status_embed(status, self._channel_names(guild))
        verb = "updated" if result.replaced else "set up"
        embed.title = f"Countdown {verb} in #{channel.name}"
        await self._reply(interaction, embed)

    @setup.autocomplete("timezone")
    async def timezone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return timezone_choices(current)

    @app_commands.command(
        name="status", description="The countdown settings, the next posts and the last one"
    )
    async def status(self, interaction: discord.Interaction) -> None:
        guild = interaction.guild
        assert guild is not None
        status = await self.service.status(guild.id)
        await self._reply(
            interaction, rendering.announcement_status_embed(status, self._channel_names(guild))
        )

    @app_commands.command(name="preview", description="See the next countdown post (only you see it)")
    async def preview(self, interaction: discord.Interaction) -> None:
        guild = interaction.guild
        assert guild is not None
        try:
            announcement = await self.service.preview(guild.id)
        except AnnouncementInputError as error:
            await self._refuse(interaction, str(error))
            return
        if announcement is None:
            text = "No countdown post is scheduled yet: the release date isn't announced. You'll get a news post."
            await self._reply(interaction, rendering.notice_embed("Nothing scheduled yet", text))
            return
        release = await self.bot.knowledge.release()
        embed = rendering.announcement_embed(announcement, release)
        embed.set_author(name=f"Preview: due {announcement.due_at:%d %B %Y %H:%M} UTC")
        view = rendering.watch_button(release) if announcement.show_watch_link else None
        await self._reply(interaction, embed, **({"view": view} if view else {}))

    @app_commands.command(name="stop", description="Stop countdown posts in this server (or one channel)")
    @app_commands.describe(channel="Only this channel (default: every channel)")
    async def stop(
        self, interaction: discord.Interaction, channel: discord.TextChannel | None = None
    ) -> None:
        guild = interaction.guild
        assert guild is not None
        removed = await self.service.stop(guild.id, channel.id if channel else None)
        if removed:
            where = f"#{channel.name}" if channel else "this server"
            await self._reply(
                interaction, rendering.notice_embed("Stopped", f"No more countdown posts in {where}.")
            )
        else:
            await self._refuse(interaction, "There was no countdown set up to stop.")

    @staticmethod
    def _channel_names(guild: discord.Guild) -> dict[int, str]:
        return {channel.id: f"#{channel.name}" for channel in guild.channels}


class ReminderCommands(commands.Cog):
    """/remindme: a fan's personal DM on release day."""

    def __init__(self, bot: FanBot) -> None:
        self.bot = bot
        self.service = bot.announcements

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
        try:
            if choice == "off":
                cancelled = await self.service.remindme_off(interaction.user.id)
                embed = rendering.reminder_embed(None, cancelled=cancelled)
            else:
                days = None if choice == "release" else int(choice)
                status = await self.service.remindme(interaction.user.id, days, timezone=timezone)
                embed = rendering.reminder_embed(status)
        except AnnouncementInputError as error:
            embed = rendering.error_embed(str(error), title="No reminder set")
        await interaction.response.send_message(
            embed=embed, ephemeral=True, allowed_mentions=rendering.NO_MENTIONS
        )

    @remindme.autocomplete("timezone")
    async def timezone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return timezone_choices(current)


async def setup(bot: FanBot) -> None:
    await bot.add_cog(AnnouncementCommands(bot))
    await bot.add_cog(ReminderCommands(bot))
