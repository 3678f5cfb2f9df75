"""Fuzzing every slash-command option through the real bot on the sandbox: targets, strategies and checks.

The targets come from what the bot synced to the sandbox (option types, choices, bounds, autocomplete flags),
so a new command or option is fuzzed without editing anything here. Hypothesis draws the cases; each case is
one interaction sent on the sandbox, and :func:`check_case` lists everything wrong with how it was answered.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from bot.sandbox import Channel, InteractionRecord, Member, Role, Sandbox, User
from bot.sandbox.interactions import (
    ATTACHMENT,
    AUTOCOMPLETE,
    AUTOCOMPLETE_RESULT,
    BOOLEAN,
    CHANNEL,
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    INTEGER,
    MENTIONABLE,
    MODAL,
    NUMBER,
    RESPONSE_DEADLINE,
    ROLE,
    STRING,
    SUB_COMMAND,
    SUB_COMMAND_GROUP,
    USER,
)

# Discord's own limits on what it delivers: a string option is at most 6,000 characters, numbers within 2^53.
MAX_STRING_OPTION = 6000
MAX_SAFE_INTEGER = 2**53
LOCALES = ("en-US", "en-GB", "fr", "de", "ja", "ar", "zh-CN")

# Discord's limits on a message (https://discord.com/developers/docs/resources/message#create-message).
MAX_CONTENT = 2000
MAX_EMBEDS = 10
MAX_EMBED_TOTAL = 6000
EMBED_LIMITS = {"title": 256, "description": 4096}
MAX_FIELDS = 25
MAX_FIELD_NAME = 256
MAX_FIELD_VALUE = 1024
MAX_FOOTER = 2048
MAX_AUTHOR_NAME = 256
MAX_ACTION_ROWS = 5
IS_COMPONENTS_V2 = 1 << 15
MAX_LAYOUT_COMPONENTS = 40
MAX_LAYOUT_TEXT = 4000
ACTION_ROW, TEXT_DISPLAY = 1, 10
MAX_ROW_ITEMS = 5
MAX_BUTTON_LABEL = 80
MAX_CUSTOM_ID = 100
MAX_URL = 512
MAX_CHOICES = 25
MAX_CHOICE_NAME = 100
MAX_CHOICE_VALUE = 100

# What a reply must never show, whatever was typed.
LEAKS = ("Traceback (most recent call last)", 'File "/', "aW50ZXJhY3Rpb24")
INTERNAL_ERROR = "Something went wrong on my side"

WHITESPACE = " \t\n\r\u00a0\u2000\u2003\u200b\u200c\u200d\u2028\u2029\u2060\u3000\ufeff"


# -- what was synced -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One leaf command (``path`` such as "announcements setup") or one autocomplete option of it."""

    path: str
    command: Mapping[str, Any]  # the top-level synced command (contexts, default permissions)
    options: tuple[Mapping[str, Any], ...]  # the leaf's options, in declaration order
    focused: str | None = None  # autocomplete: the option being typed

    @property
    def label(self) -> str:
        return f"/{self.path}" + (f" [autocomplete {self.focused}]" if self.focused else "")

    def weight(self) -> int:
        """How many cases it deserves: free text is where most can go wrong."""
        if self.focused:
            return 60
        free_text = sum(1 for o in self.options if o["type"] == STRING and not o.get("choices"))
        return 30 + 60 * free_text + 20 * (len(self.options) - free_text)


def targets(commands: list[dict[str, Any]]) -> list[Target]:
    """Every leaf command (subcommands of groups included) and every autocomplete option, from the sync."""
    found: list[Target] = []

    def walk(command: Mapping[str, Any], node: Mapping[str, Any], path: list[str]) -> None:
        options = node.get("options") or []
        children = [o for o in options if o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)]
        if children:
            for child in children:
                walk(command, child, [*path, child["name"]])
            return
        leaf = Target(" ".join(path), command, tuple(options))
        found.append(leaf)
        for option in options:
            if option.get("autocomplete"):
                found.append(Target(leaf.path, command, leaf.options, focused=option["name"]))

    for command in commands:
        if command.get("type", 1) == 1:  # chat-input commands only
            walk(command, command, [command["name"]])
    return found


# -- who types it, where ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    """Someone invoking a command: a guild member in a channel, or a user in DMs (``member`` None).

    ``install='user'``: through the app the user installed on their account (a server without the bot, a group
    DM): only user-installable commands reach there."""

    name: str
    user: User
    member: Member | None
    channel: Channel | None
    install: str = "guild"

    def __repr__(self) -> str:
        where = f"#{self.channel.name}" if self.member is not None and self.channel else "DMs"
        if self.member is None and self.channel is not None:
            where = f"the group DM {self.channel.name!r}"
        return f"{self.name} in {where}" + (" (user install)" if self.install == "user" else "")


def available_in_guild(command: Mapping[str, Any]) -> bool:
    contexts = command.get("contexts")
    return contexts is None or 0 in contexts


def available_in_dms(command: Mapping[str, Any]) -> bool:
    contexts = command.get("contexts")
    if contexts is not None:
        return 1 in contexts or 2 in contexts
    return command.get("dm_permission") is not False


GUILD_ONLY_TYPES = (CHANNEL, ROLE, MENTIONABLE)


@dataclass
class FuzzWorld:
    """The demo world's objects the fuzzer picks from, and the ids the tricky strings mention."""

    guild_actors: list[Actor]
    dm_actors: list[Actor]
    channels: list[Channel]  # every guild channel, including ones the bot cannot see
    roles: list[Role]  # every guild role, @everyone and roles above the bot included
    users: list[User | Member]
    nasty: list[str] = field(default_factory=list)

    def actors_for(self, target: Target) -> list[Actor]:
        actors: list[Actor] = []
        if available_in_guild(target.command):
            actors += self.guild_actors
        if available_in_dms(target.command) and not any(
            o.get("required") and o["type"] in GUILD_ONLY_TYPES for o in target.options
        ):
            actors += self.dm_actors
        if 1 not in (target.command.get("integration_types") or [0]):
            actors = [actor for actor in actors if actor.install != "user"]
        return actors


def nasty_strings(*, role_ids: list[int], user_ids: list[int], channel_ids: list[int]) -> list[str]:
    """Text that has broken bots before: mentions, markdown, FTS and SQL syntax, odd Unicode, near-valid values."""
    mentions = ["@everyone", "@here", "@everyone @here", "<@&123>", "<@123>", "<#123>", "@Countdown"]
    mentions += [f"<@&{rid}>" for rid in role_ids] + [f"<@{uid}>" for uid in user_ids]
    mentions += [f"<@!{uid}>" for uid in user_ids] + [f"<#{cid}>" for cid in channel_ids]
    # Tables of test strings read better packed:
    # fmt: off
    fts = ['"', '""', '"Nick', 'Nick"', "*", "Nick*", "*Nick", "NEAR(", "NEAR(Nick Charlie)", "NEAR", "OR",
           "AND", "NOT", "Nick OR Charlie", "Nick AND", "- Nick", "^Nick", "Nick:", "title:Nick", "(", ")",
           "{", "}", "+", "Nick NOT Charlie", "'", "''", "\\", "%", "_", "?", "!", ";"]
    sql = ["'; DROP TABLE subscriptions; --", "1' OR '1'='1", '" OR 1=1 --', "Robert'); DROP TABLE knowledge;--",
           "%%", "%_%", "NULL", "null", "None", "undefined", "NaN", "Infinity", "-0", "1e309", "9" * 40,
           "0x1F", "%s%s%n", "{0}", "{}", "${jndi:ldap://x}", "<script>alert(1)</script>", "\x00", "a\x00b"]
    markdown = ["**bold**", "__underline__", "||spoiler||", "```py\nprint()\n```", "`", "```", "> quote",
                "# Heading", "-# small", "[link](https://example.com)", "https://discord.gg/invite", "~~x~~",
                "\\*escaped\\*", "<t:0:R>", "<:emoji:123>", "<a:anim:123>"]
    unicode = ["\u200b", "\u200d", "\u2060", "\ufeff", "\u202e", "\u202eNick\u202c", "\u202d", "مرحبا نيك",
               "שלום", "🏳️‍🌈", "👨‍👩‍👧‍👦", "🍂🍂🍂", "💙", "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇", "İ", "ß", "ﬁ", "Ⅻ", "𝓝𝓲𝓬𝓴",
               "ｎｉｃｋ", "NICK", "Nicolás", "Ñ", "\u0301", "e\u0301", "ㅤ", "\U0010ffff", "\ue000"]
    valid = ["Kit Connor", "Joe Locke", "Nick Nelson", "Charlie Spring", "Nick", "Charlie", "Alice Oseman",
             "who plays Nick?", "who directs Heartstopper Forever?", "when did filming wrap?", "when is it out?",
             "09:00", "9:00", "9am", "9:30 pm", "23:59", "00:00", "24:00", "25:00", "12:60", "-1:00",
             "09:00:00", "٠٩:٠٠", "０９:００", "9", "noon", "Etc/UTC", "UTC", "utc", "Europe/London",
             "europe/london", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "Pacific/Kiritimati",
             "Etc/GMT+12", "Etc/GMT-14", "GMT+5", "Mars/Olympus_Mons", "../../etc/passwd", "Europe/../Europe/London",
             "/etc/localtime", "localtime", "posixrules", "Factory", "Europe/", "America/Argentina/Buenos_Aires"]
    # fmt: on
    return mentions + fts + sql + markdown + unicode + valid


# -- strategies ------------------------------------------------------------------------------------------------


def fuzz_text(nasty: list[str], min_length: int, max_length: int) -> st.SearchStrategy[str]:
    """Strings Discord would deliver for an option of these bounds (longer ones are cut at the bound)."""
    fragment = st.one_of(
        st.sampled_from(nasty),
        st.text(max_size=12),
        st.text(alphabet=WHITESPACE, min_size=1, max_size=4),
    )
    raw = st.one_of(
        st.sampled_from(nasty),
        st.text(max_size=40),
        st.lists(fragment, min_size=1, max_size=6).map("".join),
        st.lists(fragment, min_size=1, max_size=6).map(" ".join),
        st.text(alphabet=WHITESPACE, min_size=1, max_size=20),
        # Very long: a fragment repeated up to (and cut at) the option's limit.
        st.tuples(fragment, st.integers(1, max_length)).map(lambda pair: (pair[0] or "x") * pair[1]),
        fragment.map(lambda text: (text or "x") * max_length),
    )

    def clamp(text: str) -> str:
        text = text[:max_length]
        return text + "x" * (min_length - len(text)) if len(text) < min_length else text

    return raw.map(clamp)


def option_strategy(option: Mapping[str, Any], world: FuzzWorld, actor: Actor) -> st.SearchStrategy[Any]:
    """Values for one option, within what Discord itself enforces (type, choices, bounds, channel types)."""
    kind = option["type"]
    choices = option.get("choices")
    if choices:
        return st.sampled_from([choice["value"] for choice in choices])
    if kind == STRING:
        low = option.get("min_length") or 0
        high = option.get("max_length") or MAX_STRING_OPTION
        return fuzz_text(world.nasty, low, high)
    if kind == INTEGER:
        low = option.get("min_value", -MAX_SAFE_INTEGER)
        high = option.get("max_value", MAX_SAFE_INTEGER)
        edges = sorted({value for value in (low, low + 1, high - 1, high, 0, -1, 1) if low <= value <= high})
        return st.one_of(st.sampled_from(edges), st.integers(low, high))
    if kind == NUMBER:
        low = option.get("min_value", -float(MAX_SAFE_INTEGER))
        high = option.get("max_value", float(MAX_SAFE_INTEGER))
        return st.one_of(st.sampled_from([low, high]), st.floats(low, high, allow_nan=False))
    if kind == BOOLEAN:
        return st.booleans()
    if kind == CHANNEL:
        types = option.get("channel_types")
        channels = [c for c in world.channels if not types or c.type in types]
        return st.sampled_from(channels)
    if kind == ROLE:
        return st.sampled_from(world.roles)
    if kind == USER:
        return st.sampled_from(world.users)
    if kind == MENTIONABLE:
        return st.sampled_from([*world.roles, *world.users])
    if kind == ATTACHMENT:
        return st.nothing()
    return st.nothing()


@dataclass(frozen=True)
class Case:
    target: Target
    actor: Actor
    locale: str
    options: dict[str, Any]

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}: {_show(value)}" for name, value in self.options.items())
        focus = f" typing {self.target.focused}" if self.target.focused else ""
        return f"/{self.target.path} {{{shown}}}{focus} as {self.actor!r} (locale {self.locale})"


def _show(value: Any) -> str:
    if isinstance(value, Channel):
        return f"#{value.name}"
    if isinstance(value, Role):
        return f"@{value.name}"
    if isinstance(value, Member | User):
        return f"user {value.name}"
    return repr(value)


def cases(target: Target, world: FuzzWorld) -> st.SearchStrategy[Case]:
    def for_actor(actor: Actor) -> st.SearchStrategy[Case]:
        usable = [o for o in target.options if actor.member is not None or o["type"] not in GUILD_ONLY_TYPES]
        required = {o["name"]: option_strategy(o, world, actor) for o in usable if o.get("required")}
        optional = {o["name"]: option_strategy(o, world, actor) for o in usable if not o.get("required")}
        if target.focused is not None:
            focused = next(o for o in target.options if o["name"] == target.focused)
            # What someone has typed so far: any text up to the option's length.
            high = focused.get("max_length") or MAX_STRING_OPTION
            required.pop(target.focused, None)
            optional.pop(target.focused, None)
            required[target.focused] = st.one_of(st.just(""), fuzz_text(world.nasty, 0, high))
        return st.builds(
            Case,
            target=st.just(target),
            actor=st.just(actor),
            locale=st.sampled_from(LOCALES),
            options=st.fixed_dictionaries(required, optional=optional),
        )

    return st.sampled_from(world.actors_for(target)).flatmap(for_actor)


# -- checks ----------------------------------------------------------------------------------------------------


class LogCapture(logging.Handler):
    """Every record at WARNING or above from the bot and discord.py, so a case can tell if it logged a failure."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def failures(self) -> list[str]:
        """Errors (with or without a traceback), and the cogs' warnings (a reply that could not be sent)."""
        found = []
        for record in self.records:
            if record.levelno >= logging.ERROR or record.name.startswith("bot.cogs"):
                exc = record.exc_info[1] if record.exc_info else None
                cause = f": {exc.__class__.__name__}: {exc}" if exc is not None else ""
                found.append(f"logged {record.levelname} {record.name}: {record.getMessage()}{cause}")
        return found

    def __enter__(self) -> LogCapture:
        for name in ("bot", "discord"):
            logging.getLogger(name).addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        for name in ("bot", "discord"):
            logging.getLogger(name).removeHandler(self)


def message_texts(message: Mapping[str, Any]) -> Iterator[str]:
    yield message.get("content") or ""
    for embed in message.get("embeds") or []:
        yield embed.get("title") or ""
        yield embed.get("description") or ""
        yield (embed.get("author") or {}).get("name") or ""
        yield (embed.get("footer") or {}).get("text") or ""
        for item in embed.get("fields") or []:
            yield item.get("name") or ""
            yield item.get("value") or ""
    for component in _components(message.get("components") or []):
        yield component.get("label") or ""
        yield component.get("content") or ""  # a layout's text display


def _components(components: list[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
    for component in components:
        yield component
        yield from _components(component.get("components") or [])
        if component.get("accessory"):
            yield from _components([component["accessory"]])


def limit_problems(message: Mapping[str, Any]) -> list[str]:
    """Where a message breaks Discord's limits on content, embeds and components."""
    problems = []
    content = message.get("content") or ""
    if len(content) > MAX_CONTENT:
        problems.append(f"content of {len(content)} characters (limit {MAX_CONTENT})")
    embeds = message.get("embeds") or []
    if len(embeds) > MAX_EMBEDS:
        problems.append(f"{len(embeds)} embeds (limit {MAX_EMBEDS})")
    total = 0
    for embed in embeds:
        for key, limit in EMBED_LIMITS.items():
            size = len(embed.get(key) or "")
            total += size
            if size > limit:
                problems.append(f"embed {key} of {size} characters (limit {limit})")
        fields = embed.get("fields") or []
        if len(fields) > MAX_FIELDS:
            problems.append(f"{len(fields)} embed fields (limit {MAX_FIELDS})")
        for item in fields:
            name, value = item.get("name") or "", item.get("value") or ""
            total += len(name) + len(value)
            if (
                not name.strip()
                or not value.strip()
                or len(name) > MAX_FIELD_NAME
                or len(value) > MAX_FIELD_VALUE
            ):
                problems.append(
                    f"embed field of {len(name)}/{len(value)} characters (blank or over the limit)"
                )
        footer = (embed.get("footer") or {}).get("text") or ""
        author = (embed.get("author") or {}).get("name") or ""
        total += len(footer) + len(author)
        if len(footer) > MAX_FOOTER or len(author) > MAX_AUTHOR_NAME:
            problems.append("embed footer or author over the limit")
    if total > MAX_EMBED_TOTAL:
        problems.append(f"embeds total {total} characters (limit {MAX_EMBED_TOTAL})")
    rows = message.get("components") or []
    every = list(_components(rows))
    if message.get("flags", 0) & IS_COMPONENTS_V2:
        # A layout: 40 components in all and 4,000 characters of text; its action rows hold 5 items each.
        if len(every) > MAX_LAYOUT_COMPONENTS:
            problems.append(f"{len(every)} components (limit {MAX_LAYOUT_COMPONENTS})")
        text = sum(len(c.get("content") or "") for c in every if c.get("type") == TEXT_DISPLAY)
        if text > MAX_LAYOUT_TEXT:
            problems.append(f"layout text of {text} characters (limit {MAX_LAYOUT_TEXT})")
        rows = [c for c in every if c.get("type") == ACTION_ROW]
    elif len(rows) > MAX_ACTION_ROWS:
        problems.append(f"{len(rows)} component rows (limit {MAX_ACTION_ROWS})")
    for row in rows:
        if len(row.get("components") or []) > MAX_ROW_ITEMS:
            problems.append(f"a component row of {len(row['components'])} items (limit {MAX_ROW_ITEMS})")
    for component in every:
        if len(component.get("label") or "") > MAX_BUTTON_LABEL:
            problems.append("a component label over 80 characters")
        if len(component.get("custom_id") or "") > MAX_CUSTOM_ID or len(component.get("url") or "") > MAX_URL:
            problems.append("a component custom_id or url over the limit")
    return problems


def choice_problems(choices: list[Mapping[str, Any]], option: Mapping[str, Any]) -> list[str]:
    problems = []
    if len(choices) > MAX_CHOICES:
        problems.append(f"{len(choices)} autocomplete choices (limit {MAX_CHOICES})")
    for choice in choices:
        name, value = choice.get("name"), choice.get("value")
        if not isinstance(name, str) or not 1 <= len(name) <= MAX_CHOICE_NAME:
            problems.append(f"autocomplete choice name {name!r} (must be 1 to 100 characters)")
        if option["type"] == STRING and (not isinstance(value, str) or len(value) > MAX_CHOICE_VALUE):
            problems.append(f"autocomplete choice value {value!r} (must be a string of at most 100)")
        if option["type"] in (INTEGER, NUMBER) and (
            isinstance(value, bool) or not isinstance(value, int | float)
        ):
            problems.append(f"autocomplete choice value {value!r} for a number option")
    return problems


def ping_problems(message: Mapping[str, Any], allowed_roles: set[int]) -> list[str]:
    problems = []
    if message.get("mention_everyone"):
        problems.append("the reply pings @everyone/@here")
    if message.get("mentions"):
        problems.append(f"the reply pings users {[u['id'] for u in message['mentions']]}")
    extra = {int(role) for role in message.get("mention_roles") or []} - allowed_roles
    if extra:
        problems.append(f"the reply pings roles {sorted(extra)}")
    return problems


def answer_problems(
    sandbox: Sandbox, case: Case, record: InteractionRecord, *, allowed_roles: set[int], secrets: list[str]
) -> list[str]:
    """Everything wrong with how the bot answered ``record`` (sent for ``case``)."""
    problems = []
    if record.error is not None:
        problems.append(f"the sandbox refused the answer: {record.error}")
    latency = record.latency
    if record.response_type is None or latency is None:
        problems.append("no answer")
    elif latency > RESPONSE_DEADLINE:
        problems.append(f"answered after {latency:.2f} s (deadline {RESPONSE_DEADLINE:.0f} s)")
    expected = (
        {AUTOCOMPLETE_RESULT}
        if record.type == AUTOCOMPLETE
        else {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, MODAL}
    )
    if record.response_type is not None and record.response_type not in expected:
        problems.append(f"answered with callback type {record.response_type}")
    result = sandbox.result(record)
    if record.type == AUTOCOMPLETE:
        focused = next(o for o in case.target.options if o["name"] == case.target.focused)
        problems += choice_problems(result.choices, focused)
        texts = [str(choice.get("name")) for choice in result.choices]
    else:
        if (
            record.response_type == DEFERRED_CHANNEL_MESSAGE
            and not result.followups
            and (
                result.original is None
                or not (result.original.get("content") or result.original.get("embeds"))
            )
        ):
            problems.append("deferred but never followed up")
        texts = []
        for message in result.messages:
            problems += limit_problems(message)
            problems += ping_problems(message, allowed_roles)
            texts += message_texts(message)
    typed = " ".join(str(value) for value in case.options.values())
    joined = "\n".join(texts)
    for leak in [*LEAKS, *secrets]:
        if leak and leak in joined and leak not in typed:
            problems.append(f"the reply shows {leak!r}")
    if INTERNAL_ERROR in joined:
        problems.append("the bot answered with its internal-error reply (an unexpected exception)")
    return problems
