"""/announcements: server admins set up the release countdown; the Discord side of the settings.

The cog parses the interaction, checks what only Discord can tell (can the bot post in that channel, may it
ping that role), calls the AnnouncementService, and renders the result. Refusals are raised as
:class:`AnnouncementInputError` (a ``UserFacingError`` titled "Not saved"); the command tree shows them.

Posting is the dispatcher's job, which the bot builds and runs on its own (see ``FanBot``), so unloading these
commands stops no post or reminder.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import i18n, rendering
from bot.cogs.fan_buttons import ping_button_problem
from bot.cogs.installs import server_command
from bot.cogs.options import timezone_choices
from bot.cogs.replies import reader_language, reply
from bot.i18n import POST_LANGUAGES, LocalText, Phrase, option_phrase, translatable
from bot.services.announcements import (
    CARD_STYLE,
    CLASSIC_STYLE,
    SERVER_LANGUAGE,
    AnnouncementInputError,
    AnnouncementNotConfigured,
    GuildStatus,
)
from bot.services.schedules import WEEKDAYS

if TYPE_CHECKING:
    from bot.app import FanBot

log = logging.getLogger(__name__)

# What the bot needs in a channel to post a countdown embed there.
NEEDED_PERMISSIONS = {
    "view_channel": translatable("View Channel"),
    "send_messages": translatable("Send Messages"),
    "embed_links": translatable("Embed Links"),
}
ATTACH_FILES = translatable("Attach Files")


def _permission_names(labels: list[str]) -> LocalText:
    """Discord's names of permissions, as the reader's Discord shows them (English as a ``str``)."""
    return LocalText(", ".join(labels), lambda t: ", ".join(t.gettext(label) for label in labels))


SCHEDULE_CHOICES = [
    app_commands.Choice(
        name="Milestones: 100, 30, 14, 7, 3, 2, 1 days before, and release day", value="milestones"
    ),
    app_commands.Choice(name="Daily during the final days (set days)", value="daily"),
    app_commands.Choice(name="Weekly on a weekday (set weekday)", value="weekly"),
    app_commands.Choice(name="Live: one message, edited every day instead of new posts", value="live"),
]
STYLE_CHOICES = [
    app_commands.Choice(
        name="Card: a picture with the days to go, times in each reader's own zone", value=CARD_STYLE
    ),
    app_commands.Choice(name="Classic: the embed of earlier versions", value=CLASSIC_STYLE),
]
WEEKDAY_CHOICES = [app_commands.Choice(name=day.capitalize(), value=day) for day in WEEKDAYS]
# Each language by its own name (the same in every client); the first puts the channel back on the server's.
LANGUAGE_CHOICES = [
    app_commands.Choice(name="The server's language", value=SERVER_LANGUAGE),
    *(app_commands.Choice(name=name, value=code) for code, name in POST_LANGUAGES.items()),
]

# Daily posts during the final N days: N when an admin picks 'daily' without saying.
DEFAULT_DAILY_DAYS = 14


@server_command
@app_commands.default_permissions(manage_guild=True)
class AnnouncementCommands(
    commands.GroupCog, group_name="announcements", group_description="Countdown posts"
):
    """/announcements: server admins set up the release countdown for their server."""

    def __init__(self, bot: FanBot) -> None:
        self.bot = bot
        self.service = bot.announcements
        # Guilds with a paused channel or a ping role, read in one query: at start a thousand guilds arrive at
        # once, and a database read for each would only find nothing to do in almost all of them.
        self._guilds_to_recheck: set[int] = set()
        super().__init__()

    async def cog_load(self) -> None:
        self._guilds_to_recheck = await self.service.guilds_to_recheck()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        # default_permissions only hides the commands; a server can re-grant them, so check again here.
        permissions = interaction.permissions
        if not (permissions.manage_guild or permissions.administrator):
            raise app_commands.MissingPermissions(["manage_guild"])
        return True

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        await self.service.forget_guild(guild.id)
        await self.bot.premiere_events.forget_guild(guild.id)

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        # A server that removed the bot while it was offline sends no GUILD_DELETE: it is simply missing from
        # READY (unavailable servers are listed there). Forget it as on_guild_remove would; otherwise its posts
        # fail with 403 Missing Access and the channel stays paused forever. on_ready waits for every shard.
        present = {guild.id for guild in self.bot.guilds}
        known = await self.service.configured_guilds() | await self.bot.premiere_events.configured_guilds()
        for guild_id in sorted(known - present):
            log.info("the bot is no longer in guild %s: forgetting its settings", guild_id)
            await self.service.forget_guild(guild_id)
            await self.bot.premiere_events.forget_guild(guild_id)

    @commands.Cog.listener()
    async def on_scheduled_event_delete(self, event: discord.ScheduledEvent) -> None:
        # The bot cancels its event and never deletes it, so a deletion of the premiere event is a moderator's.
        await self.bot.premiere_events.event_deleted(event.guild_id, event.id)

    # A channel paused for a missing permission resumes by itself once the bot may post there again. These are the
    # changes visible without privileged intents (the bot's own member updates need GUILD_MEMBERS; a change of
    # its roles' permissions arrives as a role update).

    @commands.Cog.listener()
    async def on_guild_channel_update(
        self, before: discord.abc.GuildChannel, after: discord.abc.GuildChannel
    ) -> None:
        await self._resume_if_allowed(after.guild)

    @commands.Cog.listener()
    async def on_guild_role_update(self, before: discord.Role, after: discord.Role) -> None:
        await self._resume_if_allowed(after.guild)

    @commands.Cog.listener()
    async def on_guild_update(self, before: discord.Guild, after: discord.Guild) -> None:
        await self._resume_if_allowed(after)

    @commands.Cog.listener()
    async def on_guild_role_delete(self, role: discord.Role) -> None:
        await self.service.role_deleted(role.guild.id, role.id)

    @commands.Cog.listener()
    async def on_guild_available(self, guild: discord.Guild) -> None:
        if guild.id not in self._guilds_to_recheck:
            return
        # A ping role deleted while the bot was offline: seen when the guild arrives at start.
        for role_id in await self.service.ping_roles(guild.id):
            if guild.get_role(role_id) is None:
                await self.service.role_deleted(guild.id, role_id)
        await self._resume_if_allowed(guild)

    async def _resume_if_allowed(self, guild: discord.Guild) -> None:
        paused = await self.service.paused_channels(guild.id)
        allowed = [
            channel_id
            for channel_id in paused
            if (channel := guild.get_channel(channel_id)) is not None
            and all(getattr(channel.permissions_for(guild.me), name) for name in NEEDED_PERMISSIONS)
        ]
        if allowed:
            resumed = await self.service.resume(guild.id, allowed)
            log.info(
                "resumed the countdown in %d channel(s) of guild %s: permissions are back", resumed, guild.id
            )

    @staticmethod
    def _check_channel(guild: discord.Guild, channel_id: int, *, card: bool = False) -> None:
        """Refuse (AnnouncementInputError) a channel the bot could not post its countdown in (``card``: with
        its picture, which needs Attach Files)."""
        channel = guild.get_channel(channel_id)
        if channel is None:
            raise AnnouncementInputError(
                translatable(
                    "I can't see that channel. Give my role the View Channel permission there, or pick another."
                )
            )
        if not isinstance(channel, discord.TextChannel | discord.Thread | discord.VoiceChannel):
            raise AnnouncementInputError(
                translatable("{channel} is not a text channel I can post in."), channel=f"#{channel.name}"
            )
        permissions = channel.permissions_for(guild.me)
        missing = [label for name, label in NEEDED_PERMISSIONS.items() if not getattr(permissions, name)]
        if card and not permissions.attach_files:
            if not missing:
                raise AnnouncementInputError(
                    translatable(
                        "I'm missing Attach Files in {channel}, which the countdown card needs for its picture. "
                        "Grant it to my role there, or choose `{option}: {style}`."
                    ),
                    channel=channel.mention,
                    option=option_phrase("style"),
                    style=Phrase(translatable("Classic")),
                )
            missing.append(ATTACH_FILES)
        if missing:
            raise AnnouncementInputError(
                translatable(
                    "I'm missing {permissions} in {channel}. Grant it to my role there and try again."
                ),
                permissions=_permission_names(missing),
                channel=channel.mention,
            )

    @staticmethod
    def _check_role(guild: discord.Guild, role: discord.Role) -> None:
        """Refuse (AnnouncementInputError) a role the countdown must not or cannot ping."""
        if role.is_default():
            raise AnnouncementInputError(
                translatable("I won't ping @everyone. Pick a role fans can opt into, such as @Countdown.")
            )
        if role.managed:
            raise AnnouncementInputError(
                translatable("{role} belongs to an integration; pick a role members can join."),
                role=role.mention,
            )
        me = guild.me
        if not role.mentionable and not me.guild_permissions.mention_everyone:
            raise AnnouncementInputError(
                translatable(
                    "{role} can't be mentioned by me: make it mentionable (Server Settings > Roles) or give me "
                    "Mention @everyone, @here, and All Roles."
                ),
                role=role.mention,
            )
        if role >= me.top_role and not me.guild_permissions.administrator:
            raise AnnouncementInputError(
                translatable("{role} is above my highest role; move my role above it or pick a lower role."),
                role=role.mention,
            )

    @app_commands.command(name="setup", description="Post the release countdown in a channel")
    @app_commands.describe(
        channel="Where to post",
        role="A role to ping with each post (optional; never @everyone)",
        schedule="Which days to post (default: milestones)",
        time="Local time of day, 24-hour HH:MM (default 09:00)",
        timezone="Your time zone, such as Europe/London (default UTC)",
        days="For the daily schedule: how many final days (default 14)",
        weekday="For the weekly schedule: which day (default Friday)",
        event="Also create the premiere as a server event once its exact time is known (default: on)",
        style="How posts look, in every channel of this server (default: card)",
        language="The posts' language (default: the server's language, from its Community settings)",
    )
    @app_commands.choices(
        schedule=SCHEDULE_CHOICES, weekday=WEEKDAY_CHOICES, style=STYLE_CHOICES, language=LANGUAGE_CHOICES
    )
    async def setup(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel,
        role: discord.Role | None = None,
        schedule: app_commands.Choice[str] | None = None,
        time: app_commands.Range[str, 1, 20] | None = None,
        timezone: app_commands.Range[str, 1, 64] | None = None,
        days: app_commands.Range[int, 1, 365] | None = None,
        weekday: app_commands.Choice[str] | None = None,
        event: bool | None = None,
        style: app_commands.Choice[str] | None = None,
        language: app_commands.Choice[str] | None = None,
    ) -> None:
        guild = interaction.guild
        assert guild is not None  # a server command
        chosen_style = style.value if style else await self.service.post_style(guild.id)
        self._check_channel(guild, channel.id, card=chosen_style == CARD_STYLE)
        if role is not None:
            self._check_role(guild, role)
        # Options left out keep what the channel had (or the defaults for a new channel); `days` or `weekday`
        # alone imply their schedule. The service reads schedules in their text form: daily:N, weekly:DAY.
        kind = schedule.value if schedule else "daily" if days else "weekly" if weekday else None
        chosen = {
            None: None,
            "milestones": "milestones",
            "daily": f"daily:{days or DEFAULT_DAILY_DAYS}",
            "weekly": f"weekly:{weekday.value if weekday else 'friday'}",
            "live": "live",
        }[kind]
        result = await self.service.setup(
            guild.id,
            channel.id,
            role.id if role else None,
            chosen,
            local_time=time,
            timezone=timezone,
            style=style.value if style else None,
            language=language.value if language else None,
        )
        # One premiere event per server, whichever channel is set up; None keeps what the server chose.
        await self.bot.premiere_events.set_wanted(guild.id, event)
        if event is not False and not self._may_create_events(guild):
            await self.bot.premiere_events.note_missing_permission(guild.id)
        status = await self.service.status(guild.id)
        t = reader_language(interaction)
        where = f"#{channel.name}"
        if result.replaced:
            title = t.gettext("Countdown updated in {channel}", channel=where)
        else:
            title = t.gettext("Countdown set up in {channel}", channel=where)
        embed = rendering.announcement_status_embed(
            status,
            self._channel_names(guild),
            title=title,
            t=t,
            changes=result.changes if result.replaced else None,
            token=self.bot.settings.token,
            event=await self.bot.premiere_events.status(guild.id),
            server_language=guild.preferred_locale.value,
            ping_buttons=self._ping_buttons(guild, status),
        )
        await reply(interaction, embed=embed, ephemeral=True)

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
        embed = rendering.announcement_status_embed(
            status,
            self._channel_names(guild),
            t=reader_language(interaction),
            token=self.bot.settings.token,
            event=await self.bot.premiere_events.status(guild.id),
            server_language=guild.preferred_locale.value,
            ping_buttons=self._ping_buttons(guild, status),
        )
        await reply(interaction, embed=embed, ephemeral=True)

    @app_commands.command(name="preview", description="See the next countdown post (only you see it)")
    async def preview(self, interaction: discord.Interaction) -> None:
        guild = interaction.guild
        assert guild is not None
        announcement = await self.service.preview(guild.id)  # AnnouncementNotConfigured: shown by the tree
        if announcement is None:
            t = reader_language(interaction)
            text = t.gettext(
                "No countdown post is scheduled yet: the release date isn't announced. You'll get a news post."
            )
            embed = rendering.notice_embed(t.gettext("Nothing scheduled yet"), text)
            await reply(interaction, embed=embed, ephemeral=True)
            return
        release = await self.bot.knowledge.release()
        # In the language the channel will get it in.
        language = i18n.language(announcement.language or guild.preferred_locale.value)
        if announcement.style == CARD_STYLE:
            png = await self.bot.card_art.card_async(
                rendering.announcement_face(announcement, release, language)
            )
            due = _preview_due(announcement.due_at, reader_language(interaction))
            card = rendering.announcement_card(announcement, release, png, preview=due, t=language)
            await reply(interaction, view=card.view, files=card.files, ephemeral=True)
            return
        embed = rendering.announcement_embed(announcement, release, t=language)
        embed.set_author(name=_preview_due(announcement.due_at, reader_language(interaction)))
        view = rendering.watch_button(release, language) if announcement.show_watch_link else None
        await reply(interaction, embed=embed, view=view, ephemeral=True)

    @app_commands.command(name="stop", description="Stop countdown posts in this server (or one channel)")
    @app_commands.describe(channel="Only this channel (default: every channel)")
    async def stop(
        self, interaction: discord.Interaction, channel: discord.TextChannel | None = None
    ) -> None:
        guild = interaction.guild
        assert guild is not None
        if not await self.service.stop(guild.id, channel.id if channel else None):
            raise AnnouncementNotConfigured(translatable("There was no countdown set up to stop."))
        t = reader_language(interaction)
        if channel:
            channel_name = f"#{channel.name}"
            text = t.gettext("No more countdown posts in {channel}.", channel=channel_name)
        else:
            text = t.gettext("No more countdown posts in this server.")
        embed = rendering.notice_embed(t.gettext("Stopped"), text)
        await reply(interaction, embed=embed, ephemeral=True)

    @staticmethod
    def _ping_buttons(guild: discord.Guild, status: GuildStatus) -> dict[int, str | None]:
        """Per channel, why its posts go without "Ping me here" (None: with it)."""
        return {
            subscription.channel_id: ping_button_problem(guild, subscription.role_id)
            for subscription in status.subscriptions
        }

    @staticmethod
    def _may_create_events(guild: discord.Guild) -> bool:
        permissions = guild.me.guild_permissions
        return permissions.create_events or permissions.manage_events

    @staticmethod
    def _channel_names(guild: discord.Guild) -> dict[int, str]:
        return {channel.id: f"#{channel.name}" for channel in guild.channels}


async def setup(bot: FanBot) -> None:
    await bot.add_cog(AnnouncementCommands(bot))


def _preview_due(due_at: datetime, t: i18n.Language) -> str:
    """The preview's line saying when the post is due (UTC), in the admin's words."""
    when = f"{t.date(due_at.date())} {due_at:%H:%M}"
    return t.gettext("Preview: due {when} UTC", when=when)
