"""Fan commands: thin adapters from slash commands to the knowledge service and the renderer.

/ask's buttons are persistent (``DynamicItem``s registered when this extension loads): everything a button
needs is in its custom_id, so buttons under old messages keep working after a restart.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Self

import discord
from discord import app_commands
from discord.ext import commands

from bot import i18n, rendering
from bot.cogs.command_help import command_help
from bot.cogs.fan_buttons import fan_buttons, offers_ping, offers_reminder
from bot.cogs.installs import fan_command
from bot.cogs.rendered_replies import RenderedReplies
from bot.cogs.replies import reader_language, reply, reply_quietly
from bot.errors import UserFacingError
from bot.metrics import AskOutcome
from bot.services.announcements import CARD_STYLE
from bot.services.answering import RELEASE_FACT, NoAnswer, Refusal, restate_release
from bot.services.countdown import CurrentStatus, Phase, release_statement
from bot.services.gaps import recordable_question
from bot.services.language import fold

if TYPE_CHECKING:
    from bot.app import FanBot

log = logging.getLogger(__name__)

CREW_ROLES = [
    app_commands.Choice(name="Director", value="director"),
    app_commands.Choice(name="Writer", value="writer"),
    app_commands.Choice(name="Creator", value="creator"),
    app_commands.Choice(name="Executive producers", value="executive-producer"),
]


@dataclass(frozen=True, slots=True)
class Reply:
    embed: discord.Embed
    ephemeral: bool = False
    # /ask only. No answer: the questions offered as buttons instead (and the question is a gap to record).
    unanswered: bool = False
    suggestions: tuple[str, ...] = ()
    # An answer: the normalised question its "Not what I asked" button carries (None: too short to record).
    flaggable: str | None = None
    # /ask only: what the metrics count it as (answered, dont_know or refused).
    ask_outcome: AskOutcome | None = None
    # /ask only: its buttons, built once with the kept reply. Every button is a DynamicItem (all it needs is in
    # its custom_id), so one View can go under any number of messages: discord.py stores nothing per message
    # for it. Never sent ephemeral: discord.py would give a shared view a timeout.
    view: discord.ui.View | None = None


# Custom ids carry the question itself (at most 100 characters in all; the services keep suggestions to 80
# and gaps to 90 characters), so a button needs no storage and survives restarts.
SUGGESTION_PREFIX = "ask:suggest:"
NOT_WHAT_I_ASKED_PREFIX = "ask:flag:"
CUSTOM_ID_LIMIT = 100


class SuggestedQuestion(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=re.compile(re.escape(SUGGESTION_PREFIX) + r"(?P<question>.+)", re.DOTALL),
):
    """A "did you mean" button under an /ask with no answer: pressing it asks its question, as /ask would."""

    def __init__(self, question: str) -> None:
        super().__init__(rendering.suggestion_button(question, custom_id=SUGGESTION_PREFIX + question))
        self.question = question

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> Self:
        return cls(match["question"])

    async def callback(self, interaction: discord.Interaction) -> None:
        cog = interaction.client.get_cog(FanCommands.__cog_name__)
        assert isinstance(cog, FanCommands)
        await _answer_button(interaction, cog.answer_question(interaction, self.question))


class NotWhatIAsked(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=re.compile(re.escape(NOT_WHAT_I_ASKED_PREFIX) + r"(?P<question>.+)", re.DOTALL),
):
    """The "Not what I asked" button under an /ask answer: records the question as a gap, thanks the presser."""

    def __init__(self, question: str, language: i18n.Language = i18n.ENGLISH) -> None:
        super().__init__(
            rendering.not_what_i_asked_button(custom_id=NOT_WHAT_I_ASKED_PREFIX + question, t=language)
        )
        self.question = question

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> Self:
        return cls(match["question"])

    async def callback(self, interaction: discord.Interaction) -> None:
        async def flag() -> None:
            thanks = rendering.not_what_i_asked_thanks_embed(reader_language(interaction))
            await reply(interaction, embed=thanks, ephemeral=True)
            bot: FanBot = interaction.client  # type: ignore[assignment]
            message_id = interaction.message.id if interaction.message is not None else interaction.id
            # After the reply: a slow write never makes the fan wait, and a lost gap is only logged.
            await bot.gaps.record_not_what_i_asked(
                self.question, message_id=message_id, user_id=interaction.user.id
            )

        await _answer_button(interaction, flag())


async def _answer_button(interaction: discord.Interaction, handling: Awaitable[None]) -> None:
    """Run a button's handling; a failure gets the same friendly private reply a slash command's would.

    (Buttons are not commands: the command tree's on_error does not see their errors.)
    """
    language = reader_language(interaction)
    try:
        await handling
    except UserFacingError as error:
        embed = rendering.error_embed(error.message_in(language), title=error.title_in(language))
        await reply_quietly(interaction, embed=embed, ephemeral=True)
    except Exception:
        log.exception("button %s failed", interaction.data.get("custom_id") if interaction.data else "?")
        text = language.gettext(
            "Something went wrong on my side while answering. It has been logged; please try again later."
        )
        await reply_quietly(interaction, embed=rendering.error_embed(text, t=language), ephemeral=True)


def ask_buttons(answer: Reply, language: i18n.Language = i18n.ENGLISH) -> discord.ui.View | None:
    """The buttons under an /ask reply: the suggestions when it had no answer, else "Not what I asked"."""
    items: list[discord.ui.Item[discord.ui.View]] = []
    for question in answer.suggestions:
        if len(SUGGESTION_PREFIX + question) <= CUSTOM_ID_LIMIT:
            items.append(SuggestedQuestion(question))
    if answer.flaggable and len(NOT_WHAT_I_ASKED_PREFIX + answer.flaggable) <= CUSTOM_ID_LIMIT:
        items.append(NotWhatIAsked(answer.flaggable, language))
    return rendering.buttons_view(items)


def with_ask_buttons(answer: Reply, language: i18n.Language) -> Reply:
    """``answer`` with its buttons attached (kept with it, so a repeated question does not build them again)."""
    return replace(answer, view=ask_buttons(answer, language))


class FanCommands(commands.Cog):
    def __init__(self, bot: FanBot) -> None:
        self.bot = bot
        self.replies: RenderedReplies[Reply] = RenderedReplies(lambda: bot.knowledge.version)
        self.cards: RenderedReplies[rendering.Card] = RenderedReplies(lambda: bot.knowledge.version)
        self.statuses = CurrentStatus()

    @fan_command
    @app_commands.command(name="ask", description="Ask a question about Heartstopper Forever")
    @app_commands.describe(question="For example: who plays Nick? when did filming wrap?")
    async def ask(self, interaction: discord.Interaction, question: app_commands.Range[str, 1, None]) -> None:
        await self.answer_question(interaction, question)

    async def answer_question(self, interaction: discord.Interaction, question: str) -> None:
        """/ask's reply, also sent when a suggestion button is pressed; a question with no answer is a gap."""
        # The release fact is worded in the tense of today (due, today, came out, or overdue without a date).
        release = await self.bot.knowledge.release()
        status = self.statuses.at(release.date, self.bot.clock.now())
        self.bot.release_watch.notice(status, self.bot.knowledge.version)
        language = reader_language(interaction)

        async def render() -> Reply:
            # A question that cannot be asked raises QuestionError: shown privately (on_error, _answer_button).
            statement = release_statement(release.film_title, release.platform, status)
            result = restate_release(await self.bot.answerer.answer(question), statement)
            translations = await self.bot.knowledge.fact_translations(language.catalog)
            if not language.is_source:
                # The release fact is worded by the bot itself, so it is always in the reader's language.
                local = release_statement(release.film_title, release.platform, status, language)
                translations = {**translations, RELEASE_FACT: local}
            embed = rendering.answer_embed(question, result, language, translations)
            if isinstance(result, NoAnswer):
                suggestions = await self.bot.ask_suggestions.for_question(result)
                return with_ask_buttons(
                    Reply(embed, unanswered=True, suggestions=suggestions, ask_outcome="dont_know"), language
                )
            outcome: AskOutcome = "refused" if isinstance(result, Refusal) else "answered"
            return with_ask_buttons(
                Reply(embed, flaggable=recordable_question(question), ask_outcome=outcome), language
            )

        answer = await self.replies.get(("ask", question, status.phase, language.discord_locale), render)
        await reply(interaction, embed=answer.embed, ephemeral=answer.ephemeral, view=answer.view)
        if answer.ask_outcome is not None:
            self.bot.metrics.record_ask(answer.ask_outcome)
        if answer.unanswered:
            # After the reply: the fan never waits for the write, and a lost gap is only logged.
            await self.bot.gaps.record_unanswered(question)

    @fan_command
    @app_commands.command(name="cast", description="Who is in Heartstopper Forever")
    @app_commands.describe(person="An actor or a character (leave empty for the whole cast)")
    async def cast(
        self, interaction: discord.Interaction, person: app_commands.Range[str, 1, 100] | None = None
    ) -> None:
        knowledge = self.bot.knowledge
        wanted = (person or "").strip()
        language = reader_language(interaction)

        async def render() -> Reply:
            if not wanted:
                return Reply(rendering.cast_embed(await knowledge.cast(), t=language))
            lookup = await knowledge.look_up_cast(wanted)
            if not lookup.members:
                names = await knowledge.cast_names()
                return Reply(rendering.unknown_cast_embed(wanted, names, language), ephemeral=True)
            return Reply(rendering.cast_lookup_embed(lookup, language))

        answer = await self.replies.get(("cast", fold(wanted), language.discord_locale), render)
        await reply(interaction, embed=answer.embed, ephemeral=answer.ephemeral)

    @cast.autocomplete("person")
    async def cast_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        wanted = fold(current).strip()
        names = await self.bot.knowledge.cast_names()
        matches = [name for name in names if wanted in fold(name)] if wanted else names
        return [app_commands.Choice(name=name, value=name) for name in matches[:25]]

    @fan_command
    @app_commands.command(name="director", description="Who directs Heartstopper Forever")
    async def director(self, interaction: discord.Interaction) -> None:
        language = reader_language(interaction)

        async def render() -> Reply:
            return Reply(rendering.director_embed(await self.bot.knowledge.crew(["director"]), language))

        answer = await self.replies.get(("director", language.discord_locale), render)
        await reply(interaction, embed=answer.embed, ephemeral=answer.ephemeral)

    @fan_command
    @app_commands.command(name="crew", description="The people behind Heartstopper Forever")
    @app_commands.describe(role="Only this role (leave empty for everyone)")
    @app_commands.choices(role=CREW_ROLES)
    async def crew(
        self, interaction: discord.Interaction, role: app_commands.Choice[str] | None = None
    ) -> None:
        language = reader_language(interaction)

        async def render() -> Reply:
            members = await self.bot.knowledge.crew([role.value] if role else None)
            if not members:
                text = language.gettext("No one is recorded in that role yet.")
                return Reply(rendering.error_embed(text, t=language), ephemeral=True)
            heading = rendering.crew_heading(role.name if role else None, language)
            return Reply(rendering.crew_embed(members, heading=heading, t=language))

        key = ("crew", role.value if role else None, language.discord_locale)
        answer = await self.replies.get(key, render)
        await reply(interaction, embed=answer.embed, ephemeral=answer.ephemeral)

    @fan_command
    @app_commands.command(name="timeline", description="How Heartstopper Forever was made, date by date")
    async def timeline(self, interaction: discord.Interaction) -> None:
        release = await self.bot.knowledge.release()
        status = self.statuses.at(release.date, self.bot.clock.now())
        language = reader_language(interaction)

        async def render() -> Reply:
            statement = release_statement(release.film_title, release.platform, status, language)
            events = await self.bot.knowledge.timeline()
            return Reply(rendering.timeline_embed(events, release_statement=statement, t=language))

        answer = await self.replies.get(("timeline", status.phase, language.discord_locale), render)
        await reply(interaction, embed=answer.embed, ephemeral=answer.ephemeral)

    @fan_command
    @app_commands.command(name="about", description="What Heartstopper Forever is and where to watch it")
    async def about(self, interaction: discord.Interaction) -> None:
        knowledge = self.bot.knowledge
        release = await knowledge.release()
        status = self.statuses.at(release.date, self.bot.clock.now())
        self.bot.release_watch.notice(status, knowledge.version)

        language = reader_language(interaction)

        async def render() -> Reply:
            return Reply(rendering.about_embed(await knowledge.film(), release, status, language))

        answer = await self.replies.get(("about", status, language.discord_locale), render)
        await reply(interaction, embed=answer.embed, ephemeral=answer.ephemeral)

    @fan_command
    @app_commands.command(name="countdown", description="How long until Heartstopper Forever comes out")
    @app_commands.describe(private="Only you see the answer")
    async def countdown(self, interaction: discord.Interaction, private: bool = False) -> None:
        release = await self.bot.knowledge.release()
        status = self.statuses.at(release.date, self.bot.clock.now())
        self.bot.release_watch.notice(status, self.bot.knowledge.version)
        language = reader_language(interaction)

        async def render() -> Reply:
            return Reply(rendering.countdown_embed(status, release, language))

        # The fan buttons of a post: "Ping me here" only where the bot is in the server and may give its role.
        context = await self.bot.announcements.button_context(
            interaction.guild_id, interaction.channel_id or 0
        )
        guild = self.bot.get_guild(interaction.guild_id) if interaction.guild_id else None
        reminders = offers_reminder(release.date, self.bot.clock.now())

        def buttons() -> list[discord.ui.Item[discord.ui.View]]:
            return fan_buttons(guild, context.role_id, reminders=reminders, language=language)

        # The calendar file rides along with the answer itself (no button to press, works in a private reply
        # too); once the film is out there is nothing left to add to a calendar.
        calendar = None
        if status.phase in (Phase.UPCOMING, Phase.RELEASE_DAY):
            calendar = await self.bot.release_calendar.file(release, self.bot.clock.now())
        # A card, unless this server's admins chose the classic embed for their posts.
        if await self.bot.announcements.post_style(interaction.guild_id) == CARD_STYLE:
            png = await self.bot.card_art.card_async(rendering.countdown_face(status, release, language))

            async def card() -> rendering.Card:
                return rendering.countdown_card(
                    status, release, png, calendar=calendar, actions=buttons(), t=language
                )

            # Kept whole (its buttons hold no state): a busy server's /countdown builds no layout at all. The
            # picture is in the key, so a new background (or a new day's card) makes a new one.
            shape = (offers_ping(guild, context.role_id), reminders)
            kept = await self.cards.get(
                ("countdown", status, language.discord_locale, calendar, png, shape), card
            )
            await reply(interaction, view=kept.view, files=kept.files, ephemeral=private)
            return
        answer = await self.replies.get(("countdown", status, language.discord_locale), render)
        view = rendering.post_buttons_view(
            release if status.phase in (Phase.RELEASE_DAY, Phase.OUT) else None, buttons(), language
        )
        await reply(
            interaction,
            embed=answer.embed,
            ephemeral=answer.ephemeral or private,
            view=view,
            file=rendering.calendar_attachment(calendar, language) if calendar else None,
        )

    @fan_command
    @app_commands.command(name="help", description="What this bot can do")
    async def help(self, interaction: discord.Interaction) -> None:
        lines = command_help(
            self.bot.tree.get_commands(),
            permissions=interaction.permissions,
            in_guild=interaction.guild_id is not None,
            is_owner=await self.bot.is_owner(interaction.user),
            is_editor=await self.bot.is_editor(interaction.user),
            # Through a fan's own install (a server without the bot, a group DM, a DM): fan commands only.
            server_install=interaction.is_guild_integration(),
        )
        await reply(
            interaction, embed=rendering.help_embed(lines, reader_language(interaction)), ephemeral=True
        )


async def setup(bot: FanBot) -> None:
    # Part of setup_hook (extensions load there): buttons under messages sent before a restart work at once.
    bot.add_dynamic_items(SuggestedQuestion, NotWhatIAsked)
    await bot.add_cog(FanCommands(bot))


async def teardown(bot: FanBot) -> None:
    bot.remove_dynamic_items(SuggestedQuestion, NotWhatIAsked)
