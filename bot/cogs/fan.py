"""Fan commands: thin adapters from slash commands to the knowledge service and the renderer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import rendering
from bot.cogs.command_help import command_help
from bot.cogs.rendered_replies import RenderedReplies
from bot.cogs.replies import reply
from bot.services.countdown import Phase, countdown_status
from bot.services.language import fold

if TYPE_CHECKING:
    from bot.app import FanBot

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


class FanCommands(commands.Cog):
    def __init__(self, bot: FanBot) -> None:
        self.bot = bot
        self.replies: RenderedReplies[Reply] = RenderedReplies(lambda: bot.knowledge.version)

    @app_commands.command(name="ask", description="Ask a question about Heartstopper Forever")
    @app_commands.describe(question="For example: who plays Nick? when did filming wrap?")
    async def ask(self, interaction: discord.Interaction, question: app_commands.Range[str, 1, None]) -> None:
        async def render() -> Reply:
            # A question that cannot be asked raises QuestionError: the tree's on_error shows it privately.
            return Reply(rendering.answer_embed(question, await self.bot.answerer.answer(question)))

        answer = await self.replies.get(("ask", question), render)
        await reply(interaction, embed=answer.embed, ephemeral=answer.ephemeral)

    @app_commands.command(name="cast", description="Who is in Heartstopper Forever")
    @app_commands.describe(person="An actor or a character (leave empty for the whole cast)")
    async def cast(
        self, interaction: discord.Interaction, person: app_commands.Range[str, 1, 100] | None = None
    ) -> None:
        knowledge = self.bot.knowledge
        wanted = (person or "").strip()

        async def render() -> Reply:
            if not wanted:
                return Reply(rendering.cast_embed(await knowledge.cast()))
            lookup = await knowledge.look_up_cast(wanted)
            if not lookup.members:
                return Reply(
                    rendering.unknown_cast_embed(wanted, await knowledge.cast_names()), ephemeral=True
                )
            return Reply(rendering.cast_lookup_embed(lookup))

        answer = await self.replies.get(("cast", fold(wanted)), render)
        await reply(interaction, embed=answer.embed, ephemeral=answer.ephemeral)

    @cast.autocomplete("person")
    async def cast_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        wanted = fold(current).strip()
        names = await self.bot.knowledge.cast_names()
        matches = [name for name in names if wanted in fold(name)] if wanted else names
        return [app_commands.Choice(name=name, value=name) for name in matches[:25]]

    @app_commands.command(name="director", description="Who directs Heartstopper Forever")
    async def director(self, interaction: discord.Interaction) -> None:
        async def render() -> Reply:
            return Reply(rendering.director_embed(await self.bot.knowledge.crew(["director"])))

        answer = await self.replies.get(("director",), render)
        await reply(interaction, embed=answer.embed, ephemeral=answer.ephemeral)

    @app_commands.command(name="crew", description="The people behind Heartstopper Forever")
    @app_commands.describe(role="Only this role (leave empty for everyone)")
    @app_commands.choices(role=CREW_ROLES)
    async def crew(
        self, interaction: discord.Interaction, role: app_commands.Choice[str] | None = None
    ) -> None:
        async def render() -> Reply:
            members = await self.bot.knowledge.crew([role.value] if role else None)
            if not members:
                return Reply(rendering.error_embed("No one is recorded in that role yet."), ephemeral=True)
            heading = f"Heartstopper Forever: {role.name.lower()}" if role else "Behind Heartstopper Forever"
            return Reply(rendering.crew_embed(members, heading=heading))

        answer = await self.replies.get(("crew", role.value if role else None), render)
        await reply(interaction, embed=answer.embed, ephemeral=answer.ephemeral)

    @app_commands.command(name="timeline", description="How Heartstopper Forever was made, date by date")
    async def timeline(self, interaction: discord.Interaction) -> None:
        async def render() -> Reply:
            return Reply(rendering.timeline_embed(await self.bot.knowledge.timeline()))

        answer = await self.replies.get(("timeline",), render)
        await reply(interaction, embed=answer.embed, ephemeral=answer.ephemeral)

    @app_commands.command(name="about", description="What Heartstopper Forever is and where to watch it")
    async def about(self, interaction: discord.Interaction) -> None:
        knowledge = self.bot.knowledge
        release = await knowledge.release()
        status = countdown_status(release.date, self.bot.clock.now())
        self.bot.release_watch.notice(status, knowledge.version)

        async def render() -> Reply:
            return Reply(rendering.about_embed(await knowledge.film(), release, status))

        answer = await self.replies.get(("about", status), render)
        await reply(interaction, embed=answer.embed, ephemeral=answer.ephemeral)

    @app_commands.command(name="countdown", description="How long until Heartstopper Forever comes out")
    @app_commands.describe(private="Only you see the answer")
    async def countdown(self, interaction: discord.Interaction, private: bool = False) -> None:
        release = await self.bot.knowledge.release()
        status = countdown_status(release.date, self.bot.clock.now())
        self.bot.release_watch.notice(status, self.bot.knowledge.version)

        async def render() -> Reply:
            return Reply(rendering.countdown_embed(status, release))

        answer = await self.replies.get(("countdown", status), render)
        view = rendering.watch_button(release) if status.phase in (Phase.RELEASE_DAY, Phase.OUT) else None
        await reply(interaction, embed=answer.embed, ephemeral=answer.ephemeral or private, view=view)

    @app_commands.command(name="help", description="What this bot can do")
    async def help(self, interaction: discord.Interaction) -> None:
        lines = command_help(
            self.bot.tree.get_commands(),
            permissions=interaction.permissions,
            in_guild=interaction.guild_id is not None,
            is_owner=await self.bot.is_owner(interaction.user),
        )
        await reply(interaction, embed=rendering.help_embed(lines), ephemeral=True)


async def setup(bot: FanBot) -> None:
    await bot.add_cog(FanCommands(bot))
