"""/kb: the knowledge base's editors (EDITOR_IDS) and the bot's owners keep it current from Discord.

Every change names a source URL, is previewed (what the data file will say) with Confirm / Cancel buttons, and
is written to the data file only on Confirm (bot/services/editing.py does the work; this cog parses and
renders). `/kb gaps` lists what fans asked that it could not answer, `/kb history` the last changes.

Facts are global (one bot, many servers): a server's admins are not editors unless listed. Discord can only
hide a command by permission, so /kb is shown to administrators (and to whomever a server re-grants it) and
every subcommand, button and autocomplete checks the editor list itself.

Also runs the ask gaps' periodic purge (on load and daily) for as long as the cog is loaded.
"""

from __future__ import annotations

import contextlib
import logging
import re
import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Self

import discord
from discord import app_commands
from discord.ext import commands

from bot import rendering
from bot.cogs.command_help import AUDIENCE, Audience
from bot.cogs.installs import server_command
from bot.cogs.options import timezone_choices
from bot.cogs.replies import reader_language, reply, reply_quietly
from bot.domain.dataset import CREDIT_ROLES, CREDIT_STATUSES, RELEASE_STATUSES
from bot.errors import UserFacingError
from bot.i18n import translatable

if TYPE_CHECKING:
    from bot.app import FanBot
    from bot.services import editing

log = logging.getLogger(__name__)

#: How long a preview's Confirm / Cancel buttons wait for the editor.
CONFIRM_TIMEOUT = timedelta(minutes=10)
_CHOICE_LIMIT = 100  # Discord's length limit for an autocomplete choice's name and value
NOT_AN_EDITOR = translatable(
    "Only the bot's owners (OWNER_IDS) and the knowledge base's editors (EDITOR_IDS) can use /kb."
)
EDITORS_ONLY = translatable("Editors only")


# A preview's buttons carry the run of the bot that showed it: after a restart its proposal is gone, and a
# press is answered by GonePreview instead of going unanswered (Discord's "This interaction failed").
PREVIEW_PREFIX = "kb:preview:"
_THIS_RUN = secrets.token_hex(4)


class NotAnEditor(UserFacingError, app_commands.CheckFailure):
    """A check failure the tree's on_error shows with its own message (it is a UserFacingError)."""


def _choices(pairs: list[tuple[str, str]], current: str) -> list[app_commands.Choice[str]]:
    """Up to 25 choices whose label or value contains what was typed (any case)."""
    wanted = current.strip().lower()
    found = []
    for label, value in pairs:
        if len(value) > _CHOICE_LIMIT or (
            wanted and wanted not in label.lower() and wanted not in value.lower()
        ):
            continue
        found.append(app_commands.Choice(name=rendering.truncate(label, _CHOICE_LIMIT), value=value))
        if len(found) == 25:
            break
    return found


def _fixed(values: tuple[str, ...]) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=value, value=value) for value in values]


class ConfirmChange(discord.ui.View):
    """Confirm / Cancel under a preview: only the editor who asked can press them, until the timeout."""

    def __init__(self, bot: FanBot, proposal: editing.Proposal, origin: discord.Interaction) -> None:
        super().__init__(timeout=CONFIRM_TIMEOUT.total_seconds())
        self.bot = bot
        self.proposal = proposal
        self.origin = origin
        self.confirm.custom_id = f"{PREVIEW_PREFIX}{_THIS_RUN}:{origin.id}:confirm"
        self.cancel.custom_id = f"{PREVIEW_PREFIX}{_THIS_RUN}:{origin.id}:cancel"
        # The buttons and what the preview turns into speak the editor's language (only they can press).
        self.language = reader_language(origin)
        self.confirm.label = self.language.gettext(rendering.KB_CONFIRM_LABEL)
        self.cancel.label = self.language.gettext(rendering.KB_CANCEL_LABEL)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.origin.user.id and await self.bot.is_editor(interaction.user):
            return True
        embed = rendering.kb_not_your_change_embed(reader_language(interaction))
        await reply(interaction, embed=embed, ephemeral=True)
        return False

    async def _answered_already(self, interaction: discord.Interaction) -> bool:
        """True (and the press acknowledged, changing nothing) when Confirm or Cancel was pressed before: a
        double click reaches the bot twice before the buttons go. Otherwise claims the preview (stops the view).
        No await before the claim, so two presses cannot both pass."""
        if self.is_finished():
            await interaction.response.defer()
            return True
        self.stop()
        return False

    @discord.ui.button(label="Confirm", style=discord.ButtonStyle.success)
    async def confirm(
        self, interaction: discord.Interaction, button: discord.ui.Button[ConfirmChange]
    ) -> None:
        if await self._answered_already(interaction):
            return
        # Writing, importing and recording can take longer than Discord's 3 s to answer: acknowledge first.
        await interaction.response.defer()
        try:
            applied = await self.bot.editor.apply(self.proposal, str(interaction.user.id))
        except UserFacingError as refused:
            t = reader_language(interaction)
            embed = rendering.error_embed(refused.message_in(t), title=refused.title_in(t))
        else:
            embed = rendering.kb_applied_embed(applied, reader_language(interaction))
        await interaction.edit_original_response(embed=embed, view=None)

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(
        self, interaction: discord.Interaction, button: discord.ui.Button[ConfirmChange]
    ) -> None:
        if await self._answered_already(interaction):
            return
        embed = rendering.kb_cancelled_embed(t=reader_language(interaction))
        await interaction.response.edit_message(embed=embed, view=None)

    async def on_timeout(self) -> None:
        with contextlib.suppress(discord.HTTPException):
            await self.origin.edit_original_response(
                embed=rendering.kb_cancelled_embed(expired=True, t=self.language), view=None
            )

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        log.exception("/kb confirmation failed", exc_info=error)
        t = reader_language(interaction)
        text = t.gettext(
            "Something went wrong on my side while answering. It has been logged; please try again later."
        )
        await reply_quietly(interaction, embed=rendering.error_embed(text, t=t), ephemeral=True)


class GonePreview(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=re.compile(re.escape(PREVIEW_PREFIX) + r"(?P<run>[0-9a-f]+):\d+:(?:confirm|cancel)"),
):
    """Confirm or Cancel under a preview an earlier run of the bot showed: says so, and that nothing changed."""

    def __init__(self, custom_id: str, run: str) -> None:
        super().__init__(discord.ui.Button(label="Confirm", custom_id=custom_id))
        self.run = run

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> Self:
        return cls(match.string, match["run"])

    async def callback(self, interaction: discord.Interaction) -> None:
        if self.run == _THIS_RUN:
            return  # this run's preview: its ConfirmChange answers
        embed = rendering.kb_cancelled_embed(restarted=True, t=reader_language(interaction))
        await interaction.response.edit_message(embed=embed, view=None)


@server_command
@app_commands.default_permissions(administrator=True)
class KnowledgeAdmin(
    commands.GroupCog,
    group_name="kb",
    group_description="Editors: keep the knowledge base current, with a source for every change",
    group_extras={AUDIENCE: Audience.EDITORS},
):
    fact = app_commands.Group(name="fact", description="Editors: the knowledge base's facts")
    person = app_commands.Group(name="person", description="Editors: people in the film")
    credit = app_commands.Group(name="credit", description="Editors: who does what in the film")
    source = app_commands.Group(name="source", description="Editors: the sources facts come from")

    def __init__(self, bot: FanBot) -> None:
        self.bot = bot
        super().__init__()

    async def cog_load(self) -> None:
        self.bot.gaps.start()

    async def cog_unload(self) -> None:
        await self.bot.gaps.stop()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        # default_permissions only hides /kb from non-admins; a server can re-grant it, and a server admin is
        # not an editor anyway: every subcommand is checked here.
        if not await self.bot.is_editor(interaction.user):
            raise NotAnEditor(NOT_AN_EDITOR, title=EDITORS_ONLY)
        return True

    async def _preview(self, interaction: discord.Interaction, edit: editing.Edit | None) -> None:
        """Reply, privately, with what the file will say and the Confirm / Cancel buttons (None: undo)."""
        editor = self.bot.editor
        proposal = await (editor.propose_undo() if edit is None else editor.propose(edit))
        minutes = int(CONFIRM_TIMEOUT.total_seconds() // 60)
        embed = rendering.kb_preview_embed(proposal, timeout_minutes=minutes, t=reader_language(interaction))
        await reply(
            interaction, embed=embed, view=ConfirmChange(self.bot, proposal, interaction), ephemeral=True
        )

    async def _complete(
        self, interaction: discord.Interaction, current: str, pairs: Callable[[], list[tuple[str, str]]]
    ) -> list[app_commands.Choice[str]]:
        if not await self.bot.is_editor(interaction.user):
            return []  # the cog's check does not run for autocomplete
        return _choices(pairs(), current)

    async def sources_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await self._complete(interaction, current, self.bot.editor.source_choices)

    async def facts_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await self._complete(interaction, current, self.bot.editor.fact_choices)

    async def people_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await self._complete(interaction, current, self.bot.editor.people_choices)

    async def characters_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await self._complete(interaction, current, self.bot.editor.character_choices)

    async def timezone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return timezone_choices(current) if await self.bot.is_editor(interaction.user) else []

    # --- reading -----------------------------------------------------------------------------------------
    @app_commands.command(
        name="gaps", description="Editors: the questions fans asked that I could not answer"
    )
    @app_commands.describe(limit="How many to list, most asked first (default 15)")
    async def gaps(
        self, interaction: discord.Interaction, limit: app_commands.Range[int, 1, 25] = 15
    ) -> None:
        gaps = await self.bot.gaps.most_asked(limit)
        embed = rendering.gaps_embed(
            gaps, retention_days=self.bot.gaps.retention.days, t=reader_language(interaction)
        )
        await reply(interaction, embed=embed, ephemeral=True)

    @app_commands.command(name="history", description="Editors: the last changes (who, when, what, source)")
    @app_commands.describe(limit="How many, newest first (default 10)")
    async def history(
        self, interaction: discord.Interaction, limit: app_commands.Range[int, 1, 25] = 10
    ) -> None:
        records = await self.bot.editor.history(limit)
        embed = rendering.kb_history_embed(records, reader_language(interaction))
        await reply(interaction, embed=embed, ephemeral=True)

    # --- changing ----------------------------------------------------------------------------------------
    @app_commands.command(name="release", description="Editors: set the release date (with its source)")
    @app_commands.describe(
        date="YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source",
        source="The address (https://...) that announced it",
        time="HH:MM on a 24-hour clock, if the source gives an hour (needs timezone)",
        timezone="The IANA time zone of that hour, such as America/Los_Angeles",
        status="expected, confirmed or released (default: unchanged)",
        as_of="When the source said so, YYYY-MM-DD (default: today)",
        source_title="A title for the source, if it is new (default: its web site)",
    )
    @app_commands.choices(status=_fixed(RELEASE_STATUSES))
    @app_commands.autocomplete(source=sources_autocomplete, timezone=timezone_autocomplete)
    async def release(
        self,
        interaction: discord.Interaction,
        date: app_commands.Range[str, 4, 10],
        source: str,
        time: app_commands.Range[str, 1, 5] | None = None,
        timezone: str | None = None,
        status: str | None = None,
        as_of: str | None = None,
        source_title: app_commands.Range[str, 1, 200] | None = None,
    ) -> None:
        from bot.services import editing  # loaded on first use, as FanBot.editor

        edit = editing.SetRelease(
            date, source, time=time, timezone=timezone, status=status, as_of=as_of, source_title=source_title
        )
        await self._preview(interaction, edit)

    @fact.command(name="add", description="Editors: add a fact (with its source)")
    @app_commands.describe(
        statement="The fact in your own words: only what the source says",
        source="The address (https://...) that says so",
        topic="What it is about: film, cast, production, release... (default: film)",
        keywords="Words fans might ask with that the statement lacks, separated by commas",
        as_of="When the source said so, YYYY-MM-DD (default: today)",
        source_title="A title for the source, if it is new (default: its web site)",
    )
    @app_commands.autocomplete(source=sources_autocomplete)
    async def fact_add(
        self,
        interaction: discord.Interaction,
        statement: app_commands.Range[str, 1, 1000],
        source: str,
        topic: app_commands.Range[str, 1, 60] = "film",
        keywords: app_commands.Range[str, 1, 300] | None = None,
        as_of: str | None = None,
        source_title: app_commands.Range[str, 1, 200] | None = None,
    ) -> None:
        from bot.services import editing  # loaded on first use, as FanBot.editor

        edit = editing.AddFact(
            statement, source, topic=topic, keywords=keywords, as_of=as_of, source_title=source_title
        )
        await self._preview(interaction, edit)

    @fact.command(name="edit", description="Editors: change a fact (with the source for the change)")
    @app_commands.describe(
        fact="The fact to change (suggested as you type)",
        source="The address (https://...) that says so",
        statement="Its new wording (default: unchanged)",
        topic="What it is about (default: unchanged)",
        keywords="Its new keywords, separated by commas (default: unchanged)",
        as_of="When the source said so, YYYY-MM-DD (default: today)",
    )
    @app_commands.autocomplete(fact=facts_autocomplete, source=sources_autocomplete)
    async def fact_edit(
        self,
        interaction: discord.Interaction,
        fact: str,
        source: str,
        statement: app_commands.Range[str, 1, 1000] | None = None,
        topic: app_commands.Range[str, 1, 60] | None = None,
        keywords: app_commands.Range[str, 1, 300] | None = None,
        as_of: str | None = None,
    ) -> None:
        from bot.services import editing  # loaded on first use, as FanBot.editor

        edit = editing.EditFact(
            fact, source, statement=statement, topic=topic, keywords=keywords, as_of=as_of
        )
        await self._preview(interaction, edit)

    @fact.command(name="remove", description="Editors: remove a fact (with the source that says it is wrong)")
    @app_commands.describe(
        fact="The fact to remove (suggested as you type)",
        source="The address (https://...) that shows it is wrong or out of date",
    )
    @app_commands.autocomplete(fact=facts_autocomplete, source=sources_autocomplete)
    async def fact_remove(self, interaction: discord.Interaction, fact: str, source: str) -> None:
        from bot.services import editing  # loaded on first use, as FanBot.editor

        await self._preview(interaction, editing.RemoveFact(fact, source))

    @person.command(name="add", description="Editors: add a person, and with role their credit")
    @app_commands.describe(
        name="Their name as credited",
        source="The address (https://...) that announced them",
        role="Their role in the film",
        character="For cast: the character they play (suggested as you type; a new one is added)",
        aliases="Other names fans use, separated by commas",
        status="confirmed, expected or reported (default: confirmed)",
    )
    @app_commands.choices(role=_fixed(CREDIT_ROLES), status=_fixed(CREDIT_STATUSES))
    @app_commands.autocomplete(character=characters_autocomplete, source=sources_autocomplete)
    async def person_add(
        self,
        interaction: discord.Interaction,
        name: app_commands.Range[str, 1, 100],
        source: str,
        role: str | None = None,
        character: app_commands.Range[str, 1, 100] | None = None,
        aliases: app_commands.Range[str, 1, 200] | None = None,
        status: str = "confirmed",
    ) -> None:
        from bot.services import editing  # loaded on first use, as FanBot.editor

        edit = editing.AddPerson(name, source, aliases=aliases, role=role, character=character, status=status)
        await self._preview(interaction, edit)

    @credit.command(name="add", description="Editors: add a credit (cast, director, writer...)")
    @app_commands.describe(
        role="The role in the film",
        source="The address (https://...) that says so",
        person="Who (suggested as you type; add a new person with /kb person add)",
        character="For cast: the character (suggested as you type; a new one is added)",
        status="confirmed, expected or reported (default: confirmed)",
        note="A short note, such as 'returning from the series'",
    )
    @app_commands.choices(role=_fixed(CREDIT_ROLES), status=_fixed(CREDIT_STATUSES))
    @app_commands.autocomplete(
        person=people_autocomplete, character=characters_autocomplete, source=sources_autocomplete
    )
    async def credit_add(
        self,
        interaction: discord.Interaction,
        role: str,
        source: str,
        person: str | None = None,
        character: app_commands.Range[str, 1, 100] | None = None,
        status: str = "confirmed",
        note: app_commands.Range[str, 1, 200] | None = None,
    ) -> None:
        from bot.services import editing  # loaded on first use, as FanBot.editor

        edit = editing.AddCredit(role, source, person=person, character=character, status=status, note=note)
        await self._preview(interaction, edit)

    @source.command(name="add", description="Editors: add a source (an article, an announcement)")
    @app_commands.describe(
        url="Its address (https://...)",
        title="Its title",
        publisher="Who published it, such as Netflix",
        published="When it was published, YYYY-MM-DD",
    )
    async def source_add(
        self,
        interaction: discord.Interaction,
        url: str,
        title: app_commands.Range[str, 1, 200],
        publisher: app_commands.Range[str, 1, 100] | None = None,
        published: str | None = None,
    ) -> None:
        from bot.services import editing  # loaded on first use, as FanBot.editor

        edit = editing.AddSource(title, url, publisher=publisher, published=published)
        await self._preview(interaction, edit)

    @app_commands.command(name="undo", description="Editors: undo the last change (once), after a preview")
    async def undo(self, interaction: discord.Interaction) -> None:
        await self._preview(interaction, None)


async def setup(bot: FanBot) -> None:
    bot.add_dynamic_items(GonePreview)
    await bot.add_cog(KnowledgeAdmin(bot))


async def teardown(bot: FanBot) -> None:
    bot.remove_dynamic_items(GonePreview)
