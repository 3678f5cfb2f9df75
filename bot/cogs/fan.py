"""Fan commands: thin adapters from slash commands to the knowledge service and the renderer."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import rendering
from bot.services.answering import QuestionError
from bot.services.countdown import countdown_status
from bot.services.language import fold

if TYPE_CHECKING:
    from bot.app import FanBot

CREW_ROLES = [
    app_commands.Choice(name="Director", value="director"),
    app_commands.Choice(name="Writer", value="writer"),
    app_commands.Choice(name="Creator", value="creator"),
    app_commands.Choice(name="Executive producers", value="executive-producer"),
]

HELP_LINES = [
    ("ask question", "ask anything about Heartstopper Forever in your own words"),
    ("cast [person]", "the cast, or one actor or character"),
    ("director", "who directs the film"),
    ("crew [role]", "director, writer, creator and executive producers"),
    ("timeline", "from commission to wrap to release"),
    ("about", "what the film is, what it is based on, where to watch it"),
    ("countdown [private]", "how long until it comes out"),
    ("remindme", "get a DM on release day (`/remindme off` to cancel)"),
    ("announcements setup", "admins: post the countdown in a channel on a schedule"),
]


class FanCommands(commands.Cog):
    def __init__(self, bot: FanBot) -> None:
        self.bot = bot

    async def _reply(
        self,
        interaction: discord.Interaction,
        embed: discord.Embed,
        *,
        ephemeral: bool = False,
        view: discord.ui.View | None = None,
    ) -> None:
        kwargs: dict = {"embed": embed, "ephemeral": ephemeral, "allowed_mentions": rendering.NO_MENTIONS}
        if view is not None:
            kwargs["view"] = view
        await interaction.response.send_message(**kwargs)

    @app_commands.command(name="ask", description="Ask a question about Heartstopper Forever")
    @app_commands.describe(question="For example: who plays Nick? when did filming wrap?")
    async def ask(self, interaction: discord.Interaction, question: app_commands.Range[str, 1, 2000]) -> None:
        try:
            result = await self.bot.answerer.answer(question)
        except QuestionError as error:
            await self._reply(interaction, rendering.error_embed(str(error)), ephemeral=True)
            return
        await self._reply(interaction, rendering.answer_embed(question, result))

    @app_commands.command(name="cast", description="Who is in Heartstopper Forever")
    @app_commands.describe(person="An actor or a character (leave empty for the whole cast)")
    async def cast(
        self, interaction: discord.Interaction, person: app_commands.Range[str, 1, 100] | None = None
    ) -> None:
        knowledge = self.bot.knowledge
        if person is None or not person.strip():
            await self._reply(interaction, rendering.cast_embed(await knowledge.cast()))
            return
        members = await knowledge.find_cast(person)
        if not members:
            embed = rendering.unknown_cast_embed(person, await knowledge.cast_names())
            await self._reply(interaction, embed, ephemeral=True)
            return
        heading = (
            members[0].actor if len(members) == 1 and fold(person) in fold(members[0].actor or "") else None
        )
        heading = heading or (members[0].character if len(members) == 1 else "Cast")
        await self._reply(interaction, rendering.cast_embed(members, heading=heading))

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
        await self._reply(interaction, rendering.director_embed(await self.bot.knowledge.crew(["director"])))

    @app_commands.command(name="crew", description="The people behind Heartstopper Forever")
    @app_commands.describe(role="Only this role (leave empty for everyone)")
    @app_commands.choices(role=CREW_ROLES)
    async def crew(
        self, interaction: discord.Interaction, role: app_commands.Choice[str] | None = None
    ) -> None:
        members = await self.bot.knowledge.crew([role.value] if role else None)
        heading = f"Heartstopper Forever: {role.name.lower()}" if role else "Behind Heartstopper Forever"
        if not members:
            await self._reply(
                interaction, rendering.error_embed("No one is recorded in that role yet."), ephemeral=True
            )
            return
        await self._reply(interaction, rendering.crew_embed(members, heading=heading))

    @app_commands.command(name="timeline", description="How Heartstopper Forever was made, date by date")
    async def timeline(self, interaction: discord.Interaction) -> None:
        await self._reply(interaction, rendering.timeline_embed(await self.bot.knowledge.timeline()))

    @app_commands.command(name="about", description="What Heartstopper Forever is and where to watch it")
    async def about(self, interaction: discord.Interaction) -> None:
        knowledge = self.bot.knowledge
        release = await knowledge.release()
        status = countdown_status(release.date, self.bot.clock.now())
        embed = rendering.about_embed(await knowledge.film(), release, status)
        await self._reply(interaction, embed)

    @app_commands.command(name="countdown", description="How long until Heartstopper Forever comes out")
    @app_commands.describe(private="Only you see the answer")
    async def countdown(self, interaction: discord.Interaction, private: bool = False) -> None:
        release = await self.bot.knowledge.release()
        status = countdown_status(release.date, self.bot.clock.now())
        view = rendering.watch_button(release) if status.phase.value in ("release_day", "out") else None
        await self._reply(
            interaction, rendering.countdown_embed(status, release), ephemeral=private, view=view
        )

    @app_commands.command(name="help", description="What this bot can do")
    async def help(self, interaction: discord.Interaction) -> None:
        await self._reply(interaction, rendering.help_embed(HELP_LINES), ephemeral=True)


async def setup(bot: FanBot) -> None:
    await bot.add_cog(FanCommands(bot))
