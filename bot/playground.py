"""`python -m bot playground`: try the real bot in a local Discord sandbox, with no token.

The sandbox (bot/sandbox) speaks Discord's protocol on loopback; the unmodified discord.py client inside the
bot connects to it as it would to Discord. A person (or a script on standard input) types slash commands and
clock commands, and sees the bot's replies and channel posts rendered for the terminal.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from bot.config import ConfigError, Settings
from bot.domain.release import ReleaseDate, ReleaseDateError
from bot.harness import running_fan_bot
from bot.sandbox import DemoWorld, Member, Sandbox, SandboxError, VirtualClock, build_demo_world
from bot.sandbox.permissions import Permissions

PROMPT = "> "
_OPTION = re.compile(r"(?:^|\s)([a-z_][a-z0-9_-]*):(?=\s|$)")
_DURATION = re.compile(r"(\d+)\s*(w|d|h|m|s)")
_TIMESTAMP = re.compile(r"<t:(-?\d+)(?::([tTdDfFR]))?>")
_MENTION = re.compile(r"<(#|@&|@!?)(\d+)>")
_DURATION_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes", "s": "seconds"}
# Longer waits are refused: nothing a countdown does needs them, and they would run for minutes.
MAX_WAIT = timedelta(days=3650)
# A :wait longer than this prints a progress line at each new month of simulated time.
PROGRESS_AFTER = timedelta(days=31)
# How long one woken timer's work (a database round, its posts) may take before the clock moves on anyway.
STEP_TIMEOUT_SECONDS = 10.0
_TRUE_WORDS = ("true", "yes", "y", "1", "on")
_FALSE_WORDS = ("false", "no", "n", "0", "off")
# Discord option types (https://discord.com/developers/docs/interactions/application-commands).
_SUB_COMMAND, _SUB_GROUP, _STRING, _INTEGER, _BOOLEAN, _USER, _CHANNEL, _ROLE, _MENTIONABLE, _NUMBER = range(
    1, 11
)

HELP = """\
Type slash commands as in Discord, options as name: value, for example
  /ask question: who directs it?
  /cast person: Kit Connor
  /countdown private: true
  /announcements setup channel: #announcements role: @Countdown timezone: Europe/London
Playground commands:
  /remindme when: 7        a DM 7 days before release and on the day
  :as admin | :as fan | :as owner   who is typing (admin has Manage Server; owner may /reload-data)
  :in #channel            where you are typing
  :locale pt-BR           your Discord client's language (en-US, es-ES, es-419, pt-BR, fr, de, it, ...)
  :wait 30d | :wait 2h30m move the clock forward (up to 10 years); scheduled posts go out on the way
  :time                   the playground's current time
  :complete /cast person: ki   show autocomplete choices
The first option's name may be left out: /ask who plays Nick?
  :help | :quit"""


class Playground:
    def __init__(
        self,
        sandbox: Sandbox,
        demo: DemoWorld,
        clock: VirtualClock,
        out: TextIO,
        *,
        owner: Member | None = None,
    ) -> None:
        self.sandbox = sandbox
        self.demo = demo
        self.clock = clock
        self.out = out
        self.roles = {demo.role.name: demo.role}
        # Who `:as` can switch to; the owner is the bot's owner (OWNER_IDS) when the playground made one.
        self.people = {"admin": demo.admin, "fan": demo.fan} | ({"owner": owner} if owner else {})
        self.member = demo.fan
        self.channel = demo.channels["general"]
        self.locale = "en-US"  # the typist's Discord client language (:locale)
        self._seen: set[int] = set(sandbox.messages)
        # When each seen message was last edited, as shown: a live countdown's edits are shown again.
        self._edited: dict[int, str | None] = {
            message_id: message.get("edited_timestamp") for message_id, message in sandbox.messages.items()
        }

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    async def handle(self, line: str) -> bool:
        """Run one line; False means quit."""
        line = line.strip()
        if not line or line.startswith("#"):
            return True
        try:
            if line.startswith("/"):
                await self.slash(line)
            elif line.startswith(":"):
                return await self.meta(line)
            else:
                self.say("Commands start with / (slash commands) or : (playground commands). Try :help")
        except (SandboxError, ValueError, KeyError, TimeoutError) as error:
            self.say(f"! {error}")
        return True

    # --- slash commands ---------------------------------------------------------------------------------------
    def parse(self, line: str) -> tuple[str, dict[str, Any]]:
        name, options, _ = self.parse_with_definitions(line)
        return name, options

    def parse_with_definitions(
        self, line: str, *, last_as_typed: bool = False
    ) -> tuple[str, dict[str, Any], dict[str, dict[str, Any]]]:
        """The command's name, its option values, and its option definitions (as synced to Discord).

        ``last_as_typed`` keeps the last option's text unconverted: what :complete sends while one types."""
        body = line[1:]
        markers = list(_OPTION.finditer(body))
        head = (body[: markers[0].start()] if markers else body).strip()
        if not head:
            raise ValueError("which command? for example /ask question: who plays Nick?")
        name, definitions, leftover = self.resolve(head)
        options: dict[str, Any] = {}
        if leftover:
            # Text straight after the command (/ask who plays nick) is the first option's value.
            if not definitions:
                raise ValueError(f"/{name} takes no options, so {leftover!r} cannot be read")
            first = next(iter(definitions))
            options[first] = self.value(first, leftover, definitions[first]["type"])
        for index, marker in enumerate(markers):
            end = markers[index + 1].start() if index + 1 < len(markers) else len(body)
            option = marker.group(1)
            definition = definitions.get(option)
            text = body[marker.end() : end].strip()
            if last_as_typed and index == len(markers) - 1:
                options[option] = text
            else:
                options[option] = self.value(option, text, definition["type"] if definition else None)
        return name, options, definitions

    def resolve(self, head: str) -> tuple[str, dict[str, dict[str, Any]], str]:
        """Split ``head`` into the command path (with subcommands), its option definitions, and leftover text."""
        words = head.split()
        commands = self.sandbox.commands() + self.sandbox.commands(self.demo.guild)
        command = next((c for c in commands if c["name"] == words[0] and c.get("type", 1) == 1), None)
        if command is None:
            known = ", ".join(sorted({f"/{c['name']}" for c in commands}))
            raise ValueError(f"there is no /{words[0]}; the bot has {known}")
        path = [words[0]]
        options = command.get("options") or []
        while any(o["type"] in (_SUB_COMMAND, _SUB_GROUP) for o in options):
            part = words[len(path)] if len(path) < len(words) else None
            sub = next(
                (o for o in options if o["name"] == part and o["type"] in (_SUB_COMMAND, _SUB_GROUP)), None
            )
            if sub is None:
                names = ", ".join(o["name"] for o in options)
                wanted = f"there is no subcommand {part!r}" if part else "which subcommand"
                raise ValueError(f"/{' '.join(path)}: {wanted}? It has {names}")
            path.append(part)
            options = sub.get("options") or []
        # The leftover keeps the text as typed (not re-joined words), after the command path.
        leftover = re.sub(r"^\s*" + r"\s+".join(map(re.escape, path)), "", head, count=1).strip()
        definitions = {option["name"]: option for option in options if option["type"] > _SUB_GROUP}
        return " ".join(path), definitions, leftover

    def value(self, option: str, text: str, kind: int | None) -> Any:
        if kind == _BOOLEAN:
            word = text.lower()
            if word not in _TRUE_WORDS + _FALSE_WORDS:
                raise ValueError(f"{option}: {text!r} is not true or false")
            return word in _TRUE_WORDS
        if kind == _INTEGER:
            return int(text)
        if kind == _NUMBER:
            return float(text)
        if kind == _CHANNEL:
            name = text.removeprefix("#")
            if name not in self.demo.channels:
                raise ValueError(
                    f"{option}: no channel #{name}; there are "
                    + ", ".join(f"#{n}" for n in self.demo.channels)
                )
            return self.demo.channels[name]
        if kind in (_ROLE, _MENTIONABLE, _USER):
            name = text.removeprefix("@")
            if name in self.roles and kind != _USER:
                return self.roles[name]
            if name.lower() == "everyone" and kind != _USER:
                return self.demo.guild.everyone_role
            for member in (self.demo.admin, self.demo.fan):
                if member.name.lower().startswith(name.lower()):
                    return member
            raise ValueError(
                f"{option}: no role or member @{name}; roles: " + ", ".join(f"@{r}" for r in self.roles)
            )
        return text

    async def slash(self, line: str) -> None:
        name, options = self.parse(line)
        self.say(f"[{self.member.name} in #{self.channel.name}] {line}")
        result = await self.sandbox.invoke(
            name,
            options,
            guild=self.demo.guild,
            member=self.member,
            channel=self.channel,
            locale=self.locale,
            timeout=15,
        )
        if result.error:
            self.say(f"! the bot's answer was refused: {result.error}")
        for message in result.messages:
            self._seen.add(int(message["id"]))
            self.render(message, where=f"#{self.channel.name}")
        self.show_new_posts()

    # --- playground commands ----------------------------------------------------------------------------------
    async def meta(self, line: str) -> bool:
        word, _, rest = line[1:].partition(" ")
        rest = rest.strip()
        if word in ("quit", "exit", "q"):
            return False
        if word == "help":
            self.say(HELP)
        elif word == "as":
            who = self.people.get(rest.lower())
            if who is None:
                raise ValueError(" or ".join(f":as {name}" for name in self.people))
            self.member = who
            self.say(f"You are now {who.name}.")
        elif word == "in":
            name = rest.removeprefix("#")
            if name not in self.demo.channels:
                raise ValueError("channels: " + ", ".join(f"#{n}" for n in self.demo.channels))
            self.channel = self.demo.channels[name]
            self.say(f"You are now in #{name}.")
        elif word == "locale":
            if not rest:
                raise ValueError(":locale takes a Discord locale, such as pt-BR, es-ES, fr or en-US")
            self.locale = rest
            self.say(f"Your Discord client is now in {rest}.")
        elif word == "wait":
            delta = parse_duration(rest)
            if delta > MAX_WAIT:
                raise ValueError(f":wait goes up to 10 years ({MAX_WAIT.days}d) at a time; {rest} is longer")
            await self.wait(delta)
            self.say(f"… {rest} later: {self.describe_now()}")
            self.show_new_posts()
        elif word == "time":
            self.say(self.describe_now())
        elif word == "complete":
            name, options, definitions = self.parse_with_definitions(rest, last_as_typed=True)
            focused = list(options)[-1] if options else None
            if focused is None:
                raise ValueError(":complete /cast person: ki")
            definition = definitions.get(focused) or {}
            if definition.get("choices"):
                self.say("choices: " + ", ".join(choice["name"] for choice in definition["choices"]))
                return True
            if not definition.get("autocomplete"):
                self.say(f"/{name} {focused}: has no autocomplete; type any value")
                return True
            choices = await self.sandbox.autocomplete(
                name,
                options,
                focused=focused,
                guild=self.demo.guild,
                member=self.member,
                channel=self.channel,
            )
            self.say("choices: " + (", ".join(choice["name"] for choice in choices) or "(none)"))
        else:
            self.say(f"unknown playground command :{word}; try :help")
        return True

    async def wait(self, delta: timedelta) -> None:
        """Move the clock forward, stopping at each timer the bot set (the dispatcher's next planned post or
        re-plan) and only as long as the woken work needs: a year of daily posts takes seconds, not minutes.

        The sandbox's own ``advance`` waits a fixed quiet period at every stop; here a stop ends as soon as
        every woken timer is set again (the dispatcher finished its round and sleeps) and no request is open.
        """
        target = self.clock.now() + delta
        posts_before = len(self.sandbox.messages)
        next_progress = _first_of_next_month(self.clock.now()) if delta > PROGRESS_AFTER else None
        while True:
            pending = self.clock.pending()
            if not pending or pending[0] > target:
                break
            if next_progress is not None and pending[0] >= next_progress:
                self.show_new_posts()
                posts = len(self.sandbox.messages) - posts_before
                self.say(f"… {next_progress:%Y-%m-%d} ({posts} post{'s' if posts != 1 else ''} so far)")
                next_progress = _first_of_next_month(pending[0])
            await self.clock.advance_to(pending[0])
            await self._until_timers_are_set_again(len(pending))
        await self.clock.advance_to(target)
        await self.sandbox.settle()

    async def _until_timers_are_set_again(self, timers: int) -> None:
        deadline = time.monotonic() + STEP_TIMEOUT_SECONDS
        # Polled: the clock has no event for "a task is asleep on me again".
        while len(self.clock.pending()) < timers and time.monotonic() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.001)
        await self.sandbox.settle(quiet=0.0)  # requests the woken work started have been answered

    def describe_now(self) -> str:
        return f"it is now {self.clock.now().astimezone():%A %d %B %Y, %H:%M %Z}"

    def show_new_posts(self) -> None:
        for message_id, message in list(self.sandbox.messages.items()):
            edited = message.get("edited_timestamp")
            if message_id in self._seen:
                # A post the bot edited since it was shown (a live countdown); replies to commands are not posts.
                reply = any(message.get(key) for key in ("interaction", "interaction_metadata", "webhook_id"))
                if edited is None or self._edited.get(message_id) == edited or reply:
                    continue
            self._seen.add(message_id)
            shown_before = message_id in self._edited
            self._edited[message_id] = edited
            channel = self.sandbox.world.channels.get(int(message["channel_id"]))
            if channel is not None and channel.name:
                where = f"#{channel.name}"
            else:
                recipient = next(
                    (
                        user
                        for user, dm in self.sandbox.world.dm_channels.items()
                        if dm.id == int(message["channel_id"])
                    ),
                    None,
                )
                where = f"DM to {self.sandbox.world.users[recipient].username}" if recipient else "a DM"
            self.render(message, where=where, edited=shown_before and edited is not None)

    # --- rendering ----------------------------------------------------------------------------------------------
    def render(self, message: dict[str, Any], *, where: str, edited: bool = False) -> None:
        author = message.get("author", {}).get("username", "?")
        private = " (only you can see this)" if message.get("flags", 0) & 64 else ""
        self.say(f"{author} in {where}{private}{' (edited)' if edited else ''}:")
        if message.get("content"):
            for line in self.timestamps(message["content"]).splitlines():
                self.say(f"  {line}")
        for embed in message.get("embeds") or []:
            bar = "  ┃ "
            if embed.get("author", {}).get("name"):
                self.say(bar + embed["author"]["name"])
            if embed.get("title"):
                self.say(
                    bar + f"\033[1m{embed['title']}\033[0m" if self.out.isatty() else bar + embed["title"]
                )
            for line in self.timestamps(embed.get("description") or "").splitlines():
                self.say(bar + line)
            for field in embed.get("fields") or []:
                self.say(bar + f"— {field['name']}")
                for line in self.timestamps(field["value"]).splitlines():
                    self.say(bar + "  " + line)
            if embed.get("footer", {}).get("text"):
                self.say(bar + f"({embed['footer']['text']})")
        self.render_components(message.get("components") or [], message.get("attachments") or [])
        self.say()

    def render_components(
        self, components: list[dict[str, Any]], attachments: list[dict[str, Any]], bar: str = "  "
    ) -> None:
        """Buttons under a message, or a layout (a card): its texts, pictures, files and buttons, in order."""
        names = {str(a.get("id")): a.get("filename") for a in attachments}
        for component in components:
            kind = component.get("type")
            if kind == 17:  # a container: drawn with a bar, as an embed
                self.render_components(component.get("components") or [], attachments, "  ┃ ")
            elif kind == 10:
                for line in self.timestamps(component.get("content") or "").splitlines():
                    self.say(bar + line)
            elif kind == 12:
                for item in component.get("items") or []:
                    media = item.get("media") or {}
                    name = names.get(str(media.get("attachment_id"))) or media.get("url")
                    self.say(bar + f"[picture: {name}: {item.get('description') or ''}]")
            elif kind == 13:
                file = component.get("file") or {}
                self.say(bar + f"[file: {names.get(str(file.get('attachment_id'))) or file.get('url')}]")
            elif component.get("url"):
                self.say(f"{bar}[button: {component.get('label')} → {component['url']}]")
            elif component.get("label"):
                self.say(f"{bar}[button: {component['label']}]")
            else:
                self.render_components(component.get("components") or [], attachments, bar)

    def timestamps(self, text: str) -> str:
        """Discord timestamps shown as the reader's local time, as the Discord app does."""

        def local(match: re.Match[str]) -> str:
            moment = datetime.fromtimestamp(int(match.group(1)), UTC).astimezone()
            style = match.group(2) or "f"
            if style == "R":
                return relative(moment, self.clock.now())
            formats = {
                "t": "%H:%M",
                "T": "%H:%M:%S",
                "d": "%d/%m/%Y",
                "D": "%d %B %Y",
                "f": "%d %B %Y %H:%M",
                "F": "%A, %d %B %Y %H:%M %Z",
            }
            return moment.strftime(formats[style])

        text = _TIMESTAMP.sub(local, text.replace("**", ""))
        return _MENTION.sub(self.mention_name, text)

    def mention_name(self, match: re.Match[str]) -> str:
        """Mentions shown by name, as the Discord app shows them."""
        kind, target = match.group(1), int(match.group(2))
        world = self.sandbox.world
        if kind == "#":
            channel = world.channels.get(target)
            return f"#{channel.name}" if channel is not None else "#deleted-channel"
        if kind == "@&":
            role = next((r for r in self.roles.values() if r.id == target), None)
            return f"@{role.name}" if role is not None else "@deleted-role"
        user = world.users.get(target)
        return f"@{user.username}" if user is not None else "@unknown-user"


def relative(moment: datetime, now: datetime) -> str:
    seconds = (moment - now).total_seconds()
    size = abs(seconds)
    for unit, length in (
        ("year", 365 * 86400),
        ("month", 30 * 86400),
        ("day", 86400),
        ("hour", 3600),
        ("minute", 60),
    ):
        if size >= length:
            count = round(size / length)
            label = f"{count} {unit}{'s' if count != 1 else ''}"
            break
    else:
        label = "a few seconds"
    return f"in {label}" if seconds >= 0 else f"{label} ago"


def _first_of_next_month(moment: datetime) -> datetime:
    return datetime(moment.year + moment.month // 12, moment.month % 12 + 1, 1, tzinfo=UTC)


def parse_duration(text: str) -> timedelta:
    parts = _DURATION.findall(text.replace(" ", ""))
    if not parts or "".join(f"{n}{u}" for n, u in parts) != text.replace(" ", ""):
        raise ValueError("durations look like 30d, 2h30m, 90s or 1w")
    return timedelta(**{_DURATION_UNITS[unit]: int(number) for number, unit in parts})


async def _lines(stream: TextIO) -> Any:
    """Lines from standard input, a prompt shown only to a person at a terminal."""
    interactive = stream.isatty()
    while True:
        if interactive:
            try:
                line = await asyncio.to_thread(input, PROMPT)
            except EOFError:
                return
        else:
            line = await asyncio.to_thread(stream.readline)
            if not line:
                return
        yield line


_RELEASE_DATE_LINE = re.compile(r'^(\[release\][^\[]*?^date\s*=\s*)"[^"]*"', re.MULTILINE | re.DOTALL)


def with_release_date(data_text: str, release: str) -> str:
    """The data file's text with its [release] date replaced (for trying a countdown before one is announced)."""
    changed, count = _RELEASE_DATE_LINE.subn(lambda match: f'{match.group(1)}"{release}"', data_text, count=1)
    if count != 1:
        raise ValueError("the data file has no date = ... line in its [release] table")
    return changed


async def run_playground(
    settings: Settings, *, database: Path | None = None, release: str | None = None
) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # Mistakes in the arguments or the data file are reported at once, before a sandbox and a bot start
    # (which would otherwise sit in silence until the bot's start-up timeout).
    if release is not None:
        try:
            ReleaseDate.parse(release)
        except ReleaseDateError as error:
            raise ConfigError(f"--release: {error}") from None
    if not settings.data_file.is_file():
        raise ConfigError(f"DATA_FILE {settings.data_file} does not exist: point DATA_FILE at the data file")
    from bot.services.dataset import load_dataset

    demo = build_demo_world(admin_name="Ash (admin)", read_only_channels=("mod-only",))
    # The bot's owner (OWNER_IDS), to try /reload-data; an admin too, as Discord shows owner commands to admins.
    owner = demo.guild.add_member("Olly (bot owner)", permissions=Permissions.ADMIN)
    clock = VirtualClock(start=datetime.now(UTC).replace(microsecond=0))
    with tempfile.TemporaryDirectory(prefix="hsf-playground-") as folder_name:
        folder = Path(folder_name)
        database = database or folder / "playground.sqlite3"
        # A copy of the data (a what-if one with --release): the real file is never touched, not even by the
        # owner's /kb changes.
        data_file = folder / "data.toml"
        text = settings.data_file.read_text(encoding="utf-8")
        if release is not None:
            text = with_release_date(text, release)
        data_file.write_text(text, encoding="utf-8")
        load_dataset(data_file)  # a malformed file: DatasetError, one line naming the entry and the problem
        async with (
            Sandbox(demo.world, clock=clock) as sandbox,
            running_fan_bot(
                sandbox,
                database,
                clock=clock,
                data_file=data_file,
                # The playground's bot must not pose as a deployed bot to `python -m bot health`.
                base_settings=replace(settings, health_file=None, owner_ids=frozenset({owner.id})),
            ),
        ):
            playground = Playground(sandbox, demo, clock, sys.stdout, owner=owner)
            if sys.stdin.isatty():
                playground.say(
                    "Heartstopper Forever bot playground: a local Discord with the server "
                    f"'{demo.guild.name}'. You are {demo.fan.name} in #general.\n{HELP}\n"
                )
            async for line in _lines(sys.stdin):
                if not await playground.handle(line):
                    break
            if sandbox.problems:
                playground.say("The sandbox noticed requests Discord would refuse:")
                for problem in sandbox.problems:
                    playground.say(f"  - {problem}")
    return 0
