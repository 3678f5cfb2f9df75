"""The buttons fans use themselves under every countdown post and /countdown: "Ping me here" and "DM me on
release day" (plus the "Cancel my reminder" a second click offers).

They are ``DynamicItem``s with fixed custom ids (nothing about a user or a server in them), registered when this
extension loads in ``setup_hook``, so buttons under posts sent before a restart keep working. What a click acts on
is read at click time: the role and time zone of the channel's countdown (``AnnouncementService.button_context``),
the clicker's roles from the interaction itself. Every click is deferred (ephemeral) first: a role change or a DM
may wait on Discord's rate limits, and an interaction not acknowledged within 3 seconds is lost.

``fan_buttons`` builds the items in one place, for a classic view (``rendering.post_buttons_view``) or the
ActionRow of a Components V2 card alike.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Self

import discord

from bot import i18n, rendering
from bot.cogs.replies import reader_language, reply, reply_quietly
from bot.domain.release import ReleaseDate
from bot.errors import UserFacingError
from bot.i18n import Phrase, command_phrase, option_phrase, translatable

if TYPE_CHECKING:
    from bot.app import FanBot

log = logging.getLogger(__name__)

PING_ME_ID = "fan:ping-me"
DM_ME_ID = "fan:dm-me"
CANCEL_REMINDER_ID = "fan:dm-me:cancel"

CANNOT_DM_USER = 50007  # Discord's code for "Cannot send messages to this user"


class ButtonRefused(UserFacingError):
    """A click that changes nothing, with the line saying why."""


def ping_button_problem(guild: discord.Guild | None, role_id: int | None) -> str | None:
    """Why "Ping me here" cannot be offered for ``role_id`` in ``guild``, in an admin's words; None when it can.

    The bot may give a role only with Manage Roles and when the role is below its own highest role (Discord
    refuses otherwise, even to an administrator); a role from an integration cannot be given at all."""
    if role_id is None:
        return Phrase(
            translatable("no role to ping is set for this channel (choose one with `{command} {option}:`)"),
            {"command": command_phrase("announcements setup"), "option": option_phrase("role")},
        )
    me = guild.me if guild is not None else None
    if guild is None or me is None:
        return Phrase(translatable("I'm not in this server"))
    role = guild.get_role(role_id)
    if role is None:
        return Phrase(translatable("the ping role was deleted"))
    if role.managed or role.is_default():
        return Phrase(translatable("{role} can't be given to members"), {"role": role.mention})
    if not me.guild_permissions.manage_roles:
        return Phrase(
            translatable("I need the Manage Roles permission to give members {role}"), {"role": role.mention}
        )
    if role >= me.top_role:
        return Phrase(
            translatable("{role} is not below my highest role; move my role above it"), {"role": role.mention}
        )
    return None


def offers_reminder(release: ReleaseDate, at: datetime) -> bool:
    """Whether a post at ``at`` offers "DM me on release day": not once the film is out (it would be refused)."""
    return not release.is_out(at)


def offers_ping(guild: discord.Guild | None, role_id: int | None) -> bool:
    """Whether a post or /countdown in ``guild`` (None: a DM) shows "Ping me here" for ``role_id``."""
    # No role, no button: said before ping_button_problem words (and translates) why, on every /countdown
    return guild is not None and role_id is not None and ping_button_problem(guild, role_id) is None


def fan_buttons(
    guild: discord.Guild | None,
    role_id: int | None,
    *,
    reminders: bool,
    language: i18n.Language = i18n.ENGLISH,
) -> list[discord.ui.Item[discord.ui.View]]:
    """The fan buttons for a post or /countdown in ``guild`` (None: a DM) whose countdown pings ``role_id``:
    "Ping me here" when the bot can give that role, "DM me on release day" when ``reminders``; labelled in
    ``language`` (the post's, or the reader's for /countdown)."""
    items: list[discord.ui.Item[discord.ui.View]] = []
    if offers_ping(guild, role_id):
        items.append(PingMeHere(language))
    if reminders:
        items.append(DmMeOnReleaseDay(language))
    return items


class FixedIdButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=re.compile(r"(?!)"),  # DynamicItem wants one per class; this base is never registered itself
):
    """A fan button: its template is its whole custom id, which holds no state, so a click (also under a post
    sent before a restart) rebuilds the button with no arguments."""

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> Self:
        return cls()


class PingMeHere(FixedIdButton, template=re.compile(re.escape(PING_ME_ID))):
    """Gives the clicker the channel's countdown role, or takes it back."""

    def __init__(self, language: i18n.Language = i18n.ENGLISH) -> None:
        super().__init__(rendering.ping_me_button(custom_id=PING_ME_ID, t=language))

    async def callback(self, interaction: discord.Interaction) -> None:
        await _answer(interaction, lambda: _toggle_ping(interaction))


class DmMeOnReleaseDay(FixedIdButton, template=re.compile(re.escape(DM_ME_ID))):
    """Sets the clicker's release-day reminder (as `/remindme` does); a second click offers to cancel it."""

    def __init__(self, language: i18n.Language = i18n.ENGLISH) -> None:
        super().__init__(rendering.dm_me_button(custom_id=DM_ME_ID, t=language))

    async def callback(self, interaction: discord.Interaction) -> None:
        await _answer(interaction, lambda: _dm_me(interaction))


class CancelReminder(FixedIdButton, template=re.compile(re.escape(CANCEL_REMINDER_ID))):
    """Under the private "you already have a reminder" line: cancels the clicker's reminder."""

    def __init__(self, language: i18n.Language = i18n.ENGLISH) -> None:
        super().__init__(rendering.cancel_reminder_button(custom_id=CANCEL_REMINDER_ID, t=language))

    async def callback(self, interaction: discord.Interaction) -> None:
        async def cancel() -> None:
            bot: FanBot = interaction.client  # type: ignore[assignment]
            had_one = await bot.announcements.remindme_off(interaction.user.id)
            # The private line with the button becomes the answer: no button left to press twice.
            line = rendering.reminder_cancelled_line(had_one=had_one, t=reader_language(interaction))
            await interaction.edit_original_response(content=line, view=None)

        await _answer(interaction, cancel, update=True)


async def _answer(
    interaction: discord.Interaction, handling: Callable[[], Awaitable[None]], *, update: bool = False
) -> None:
    """Acknowledge at once (privately, or as an update of the clicked message), then handle the click; a refusal
    is one private line, anything else is logged and answered with a line that leaks nothing."""
    try:
        if update:
            await interaction.response.defer()
        else:
            await interaction.response.defer(ephemeral=True, thinking=True)
        await handling()
    except UserFacingError as error:
        await reply_quietly(
            interaction, content=error.message_in(reader_language(interaction)), ephemeral=True
        )
    except Exception:
        log.exception("fan button %s failed", (interaction.data or {}).get("custom_id", "?"))
        text = reader_language(interaction).gettext(
            "Something went wrong on my side. It has been logged; please try again later."
        )
        await reply_quietly(interaction, content=text, ephemeral=True)


async def _toggle_ping(interaction: discord.Interaction) -> None:
    bot: FanBot = interaction.client  # type: ignore[assignment]
    guild, member = interaction.guild, interaction.user
    if guild is None or not isinstance(member, discord.Member):
        raise ButtonRefused(translatable("This button works in the server the post is in."))
    context = await bot.announcements.button_context(guild.id, interaction.channel_id or 0)
    role = guild.get_role(context.role_id) if context.role_id is not None else None
    if role is None:
        raise ButtonRefused(
            translatable(
                "This server has no countdown role to ping any more (it was deleted or changed). Nothing "
                "changed; a server admin can choose one with `/announcements setup`."
            )
        )
    problem = ping_button_problem(guild, role.id)
    if problem is not None:
        raise ButtonRefused(
            translatable("I can't give out {role} right now: {problem}. Nothing changed."),
            role=role.mention,
            problem=problem,
        )
    added = member.get_role(role.id) is None
    try:
        if added:
            await member.add_roles(role, reason="Ping me here: the member opted in to countdown pings")
        else:
            await member.remove_roles(role, reason="Ping me here: the member opted out of countdown pings")
    except discord.Forbidden as error:
        raise ButtonRefused(
            translatable(
                "Discord didn't let me change your roles (I may have lost Manage Roles, or {role} is above my "
                "role now). Nothing changed; a server admin can fix it."
            ),
            role=role.mention,
        ) from error
    except discord.NotFound as error:
        raise ButtonRefused(translatable("The countdown role no longer exists. Nothing changed.")) from error
    except discord.HTTPException as error:
        raise ButtonRefused(
            translatable("Discord didn't take that just now. Nothing changed; try again in a moment.")
        ) from error
    line = rendering.ping_toggled_line(role.id, added=added, t=reader_language(interaction))
    await reply(interaction, content=line, ephemeral=True)


async def _dm_me(interaction: discord.Interaction) -> None:
    bot: FanBot = interaction.client  # type: ignore[assignment]
    service = bot.announcements
    user = interaction.user
    language = reader_language(interaction)
    existing = await service.reminder_status(user.id)
    if existing is not None:
        view = rendering.post_buttons_view(None, [CancelReminder(language)])
        line = rendering.reminder_exists_line(existing, language)
        await reply(interaction, content=line, view=view, ephemeral=True)
        return
    context = await service.button_context(interaction.guild_id, interaction.channel_id or 0)
    # ReminderNotSet: a refusal line. The DMs come in the clicker's language, as with /remindme.
    status = await service.remindme(user.id, timezone=context.timezone, language=language.discord_locale)
    try:
        # Proves the DM will reach them; a fan who does not accept DMs from the bot learns it now, not never.
        await user.send(rendering.reminder_confirmation_dm(status, language))
    except discord.HTTPException as error:
        await service.remindme_off(user.id)  # as before the click: they had no reminder
        if error.code == CANNOT_DM_USER:
            raise ButtonRefused(
                translatable(
                    "I can't send you direct messages, so I set no reminder. Allow DMs from this server's "
                    "members (Privacy Settings), then click again."
                )
            ) from error
        raise ButtonRefused(
            translatable(
                "Discord didn't let me DM you just now, so I set no reminder. Try again in a moment."
            )
        ) from error
    await reply(interaction, content=rendering.reminder_set_line(status, language), ephemeral=True)


async def setup(bot: FanBot) -> None:
    # Part of setup_hook (extensions load there): buttons under posts sent before a restart work at once.
    bot.add_dynamic_items(PingMeHere, DmMeOnReleaseDay, CancelReminder)


async def teardown(bot: FanBot) -> None:
    bot.remove_dynamic_items(PingMeHere, DmMeOnReleaseDay, CancelReminder)
