"""/help is read from the command tree: usage with options, and only what the reader can use."""

from __future__ import annotations

import discord
from discord import app_commands

from bot import rendering
from bot.cogs.command_help import AUDIENCE, Audience, CommandHelp, command_help
from bot.cogs.installs import fan_command, server_command


@app_commands.command(name="ask", description="Ask a question")
async def ask(interaction: discord.Interaction, question: str) -> None: ...


@app_commands.command(name="remindme", description="A DM on release day")
@app_commands.choices(
    when=[
        app_commands.Choice(name="On the day", value="release"),
        app_commands.Choice(name="Off", value="off"),
    ]
)
async def remindme(
    interaction: discord.Interaction, when: app_commands.Choice[str] | None = None
) -> None: ...


@app_commands.command(
    name="reload-data", description="Re-import the data", extras={AUDIENCE: Audience.OWNERS}
)
@app_commands.default_permissions(administrator=True)
async def reload_data(interaction: discord.Interaction) -> None: ...


def announcements() -> app_commands.Group:
    group = app_commands.Group(
        name="announcements",
        description="Countdown posts",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    @group.command(name="setup", description="Post the countdown")
    async def setup(
        interaction: discord.Interaction, channel: discord.TextChannel, role: discord.Role | None = None
    ) -> None: ...

    @group.command(name="stop", description="Stop posting")
    async def stop(interaction: discord.Interaction) -> None: ...

    return group


TREE = [ask, remindme, announcements(), reload_data]
FAN = discord.Permissions(send_messages=True)
ADMIN = discord.Permissions(manage_guild=True, send_messages=True)


def usages(lines: list[CommandHelp]) -> list[str]:
    return [line.usage for line in lines]


def test_a_fan_sees_fan_commands_with_their_options_and_admin_groups_once() -> None:
    lines = command_help(TREE, permissions=FAN, in_guild=True, is_owner=False)
    assert usages(lines) == ["ask question", "remindme [when]", "announcements"]
    assert lines[1].off_usage == "remindme when: off"
    assert lines[2].audience is Audience.ADMINS and lines[2].description == "Countdown posts"


def test_an_admin_sees_each_subcommand_and_an_owner_the_owner_commands() -> None:
    admin = command_help(TREE, permissions=ADMIN, in_guild=True, is_owner=False)
    assert usages(admin)[2:] == ["announcements setup channel [role]", "announcements stop"]
    owner = command_help(TREE, permissions=FAN, in_guild=True, is_owner=True)
    assert owner[-1] == CommandHelp("reload-data", "Re-import the data", Audience.OWNERS)


def test_server_only_commands_are_not_offered_in_direct_messages() -> None:
    lines = command_help(TREE, permissions=discord.Permissions.none(), in_guild=False, is_owner=False)
    assert usages(lines) == ["ask question", "remindme [when]"]


def test_a_newly_added_command_shows_up_without_editing_a_list() -> None:
    @app_commands.command(name="quote", description="A line from the film")
    async def quote(interaction: discord.Interaction, scene: str, spoilers: bool = False) -> None: ...

    lines = command_help([*TREE, quote], permissions=FAN, in_guild=True, is_owner=False)
    assert lines[-1] == CommandHelp("quote scene [spoilers]", "A line from the film", Audience.EVERYONE)
    text = rendering.help_embed(lines).fields[0].value
    assert "`/quote scene [spoilers]`: A line from the film" in text
    assert "(`/remindme when: off` to cancel)" in text


def test_through_a_fans_own_install_only_user_installable_commands_are_listed() -> None:
    """A fan who installed the app on their account, in a server without the bot or a group DM: the commands
    that exist there are the ones declared with fan_command; server commands are not, even for an owner."""
    fan_ask = fan_command(app_commands.Command(name="ask", description="Ask", callback=ask.callback))
    admin = server_command(announcements())
    owner = server_command(
        app_commands.Command(
            name="reload-data",
            description="Re-import",
            callback=reload_data.callback,
            extras={AUDIENCE: Audience.OWNERS},
        )
    )
    tree = [fan_ask, admin, owner]
    everything = command_help(tree, permissions=ADMIN, in_guild=True, is_owner=True)
    assert usages(everything) == [
        "ask question",
        "announcements setup channel [role]",
        "announcements stop",
        "reload-data",
    ]
    for in_guild in (True, False):
        only_fans = command_help(
            tree, permissions=ADMIN, in_guild=in_guild, is_owner=True, server_install=False
        )
        assert usages(only_fans) == ["ask question"]
    # In the bot's DM through the server install: server commands do not exist outside servers either.
    assert usages(command_help(tree, permissions=ADMIN, in_guild=False, is_owner=True)) == ["ask question"]
