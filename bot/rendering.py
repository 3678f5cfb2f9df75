"""Everything the bot shows in Discord is built here: embeds, Discord timestamps, and Discord's size limits.

Cogs call these functions with service results; nothing else in the bot formats messages, so a limit or a
style is changed in one place.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import discord

from bot.art import CardFace
from bot.cogs.command_help import Audience, CommandHelp
from bot.config import redact
from bot.domain.knowledge import (
    CastLookup,
    CastMember,
    CrewMember,
    FilmInfo,
    ReleaseInfo,
    SourceRef,
    TimelineEvent,
    describe_partial_date,
)
from bot.domain.release import Precision, ReleaseDate
from bot.i18n import ENGLISH, POST_LANGUAGES, Language, language, translatable
from bot.services.announcements import Announcement, GuildStatus, PlannedPost, ReminderStatus
from bot.services.answering import Answer, AnswerResult, NoAnswer, PartialAnswer, Refusal
from bot.services.calendar import CalendarFile
from bot.services.countdown import CountdownStatus, Phase, countdown_status, describe_release
from bot.services.gaps import AskGap, GapKind
from bot.services.knowledge import describe_import
from bot.services.premiere_events import EventStatus

if TYPE_CHECKING:
    from bot.db.knowledge import DataImport
    from bot.services.editing import Applied, EditRecord, Phrase, Proposal
    from bot.services.knowledge import OutsideImport, ReloadReport
from bot.services.schedules import AnnouncementKind, reminder_lead_hours

# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
EMBED_TOTAL_LIMIT = 6000

BRAND_COLOUR = discord.Colour.from_rgb(236, 128, 160)  # the show's pink
ERROR_COLOUR = discord.Colour.from_rgb(200, 70, 70)

# No message this bot sends may ping anyone unless a server admin configured that role.
NO_MENTIONS = discord.AllowedMentions.none()


def discord_timestamp(moment: datetime, style: str = "R") -> str:
    """Discord's own markup: each reader sees the moment in their time zone, and 'R' stays live."""
    return f"<t:{int(moment.timestamp())}:{style}>"


def days_to_go(days: int, t: Language = ENGLISH) -> str:
    return t.ngettext("{count} day to go", "{count} days to go", days)


def _release_day_words(release: ReleaseDate, t: Language) -> str:
    """The day alone ('1 May 2026'), or what is known when there is no day."""
    if release.release_day is not None and release.precision is Precision.DAY:
        return t.date(release.release_day)
    return describe_release(release, t)


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def format_as_of(as_of: str, t: Language = ENGLISH) -> str:
    try:
        day = datetime.fromisoformat(as_of).date()
    except ValueError:
        return as_of
    return t.date(day)


def source_footer(sources: Iterable[SourceRef], t: Language = ENGLISH) -> str:
    """'Source: X (as of 28 July 2025) · Y (as of ...)', each source once, in order of first use."""
    seen: dict[str, str] = {}
    for source in sources:
        seen.setdefault(source.title, source.as_of)
    labels = [
        t.gettext("{title} (as of {date})", title=title, date=format_as_of(as_of, t))
        for title, as_of in seen.items()
    ]
    prefix = t.ngettext("Source: {sources}", "Sources: {sources}", len(labels), sources=" · ".join(labels))
    return truncate(prefix, FOOTER_LIMIT)


def fit_embed(embed: discord.Embed) -> discord.Embed:
    """Trim an embed to Discord's limits, whatever the data grew to."""
    if embed.title:
        embed.title = truncate(embed.title, TITLE_LIMIT)
    if embed.description:
        embed.description = truncate(embed.description, DESCRIPTION_LIMIT)
    fields_before = list(embed.fields)
    if len(embed.fields) > FIELD_LIMIT:
        kept = embed.fields[: FIELD_LIMIT - 1]
        hidden = len(embed.fields) - len(kept)
        embed.clear_fields()
        for item in kept:
            embed.add_field(name=item.name, value=item.value, inline=item.inline)
        embed.add_field(name="…", value=f"and {hidden} more", inline=False)
    for index, item in enumerate(embed.fields):
        embed.set_field_at(
            index,
            name=truncate(item.name or "\u200b", FIELD_NAME_LIMIT),
            value=truncate(item.value or "\u200b", FIELD_VALUE_LIMIT),
            inline=item.inline,
        )
    if embed.footer.text:
        embed.set_footer(text=truncate(embed.footer.text, FOOTER_LIMIT))
    # The 6,000-character total: drop fields from the end, saying so, then shorten the description.
    if len(embed) > EMBED_TOTAL_LIMIT and embed.fields:
        hidden = 0
        if embed.fields[-1].name == "…":
            embed.remove_field(len(embed.fields) - 1)
            hidden = len(fields_before) - FIELD_LIMIT + 1
        note_size = 60
        while embed.fields and len(embed) + note_size > EMBED_TOTAL_LIMIT:
            embed.remove_field(len(embed.fields) - 1)
            hidden += 1
        embed.add_field(
            name="…", value=f"and {hidden} more section{'s' if hidden != 1 else ''} not shown", inline=False
        )
    if len(embed) > EMBED_TOTAL_LIMIT and embed.description:
        excess = len(embed) - EMBED_TOTAL_LIMIT
        embed.description = truncate(embed.description, max(1, len(embed.description) - excess))
    return embed


def _embed(
    title: str,
    description: str = "",
    *,
    sources: Sequence[SourceRef] = (),
    url: str | None = None,
    t: Language = ENGLISH,
) -> discord.Embed:
    embed = discord.Embed(title=title, description=description or None, colour=BRAND_COLOUR, url=url)
    if sources:
        embed.set_footer(text=source_footer(sources, t))
    return embed


def _lines_field(embed: discord.Embed, name: str, lines: Sequence[str], t: Language = ENGLISH) -> None:
    """Add lines as one or more fields, splitting at line boundaries to respect the field limit (the later
    fields named "... (cont.)" in the reader's language)."""
    chunk: list[str] = []
    size = 0
    part = 0
    for line in lines:
        line = truncate(line, FIELD_VALUE_LIMIT)
        if chunk and size + len(line) + 1 > FIELD_VALUE_LIMIT:
            embed.add_field(
                name=name if part == 0 else _continued(name, t), value="\n".join(chunk), inline=False
            )
            chunk, size, part = [], 0, part + 1
        chunk.append(line)
        size += len(line) + 1
    if chunk:
        embed.add_field(name=name if part == 0 else _continued(name, t), value="\n".join(chunk), inline=False)


def _continued(name: str, t: Language) -> str:
    return t.gettext("{name} (cont.)", name=name)


# --- fan commands -----------------------------------------------------------------------------------------
# What to try instead when /ask has no answer.
_SUGGESTED_COMMANDS = ("cast", "director", "crew", "timeline", "about", "countdown")


def command_mention(name: str, t: Language = ENGLISH) -> str:
    """ "/cast" as the reader's Discord shows it ("/elenco" in Portuguese): names are localized too."""
    return "/" + " ".join(t.pgettext("command", word) for word in name.split())


def _suggestions(t: Language) -> str:
    names = [command_mention(name, t) for name in _SUGGESTED_COMMANDS]
    return t.gettext("{commands} or {last}", commands=", ".join(names[:-1]), last=names[-1])


def no_answer_text(missing: Sequence[str] = (), t: Language = ENGLISH) -> str:
    """The honest reply to a question the knowledge base does not answer (/ask and `python -m bot ask`)."""
    if missing:
        text = t.gettext(
            "I don't have {missing} in my notes on Heartstopper Forever, and I won't guess.",
            missing=_join_words(missing, t),
        )
    else:
        text = t.gettext(
            "I don't have an answer to that in my notes on Heartstopper Forever, and I won't guess."
        )
    return text + " " + _try_instead(t)


def _try_instead(t: Language) -> str:
    return t.gettext(
        "Try {commands}, or ask about the cast, the director, filming or the release.",
        commands=_suggestions(t),
    )


def refusal_text(t: Language = ENGLISH) -> str:
    """The reply to a request that is not a question about the film (a sum, a joke, another show...)."""
    return (
        t.gettext(
            "I only answer questions about Heartstopper Forever, from my notes on it (each with its source)."
        )
        + " "
        + _try_instead(t)
    )


def answer_body(
    result: AnswerResult, t: Language = ENGLISH, translations: Mapping[str, str] | None = None
) -> str:
    """The text of an /ask reply, the same in Discord, in `python -m bot ask` and in the playground.

    ``translations``: the reader's language's wording of facts (by fact slug), where the data file has one; a
    fact without one is given in English, with a note saying so."""
    if isinstance(result, Refusal):
        return refusal_text(t)
    if isinstance(result, NoAnswer):
        return no_answer_text(result.missing, t)
    texts: list[str] = []
    in_english = False
    for statement in result.all_statements:
        translated = None if t.is_source else (translations or {}).get(statement.fact_slug)
        in_english = in_english or (not t.is_source and translated is None)
        texts.append(translated or statement.text)
    body = "\n\n".join(texts)
    if isinstance(result, PartialAnswer) and result.missing:
        body = t.gettext("I don't have {missing}. What I know:", missing=_join_words(result.missing, t)) + (
            "\n\n" + body
        )
    if in_english:
        body += "\n\n*" + t.gettext("I only have this in English for now.") + "*"
    return body


def answer_sources(result: AnswerResult) -> list[SourceRef]:
    if isinstance(result, Answer):
        return [statement.source for statement in result.all_statements]
    return []


def _join_words(items: Sequence[str], t: Language = ENGLISH) -> str:
    items = [t.phrase(item) for item in items]  # what /ask found missing, worded in the reader's language
    if len(items) == 1:
        return items[0]
    return t.gettext("{commands} or {last}", commands=", ".join(items[:-1]), last=items[-1])


def answer_embed(
    question: str,
    result: AnswerResult,
    t: Language = ENGLISH,
    translations: Mapping[str, str] | None = None,
) -> discord.Embed:
    body = answer_body(result, t, translations)
    if isinstance(result, Refusal):
        embed = _embed(t.gettext("That's not something I can help with"), body)
    elif isinstance(result, NoAnswer):
        embed = _embed(t.gettext("I don't know that one"), body)
    else:
        sources = answer_sources(result)
        embed = _embed("Heartstopper Forever", body, sources=sources, url=sources[0].url, t=t)
    embed.set_author(name=truncate(t.gettext("Q: {question}", question=question), 256))
    return fit_embed(embed)


def _status_label(status: str, t: Language) -> str:
    """ " (expected)" after a credit the sources have not confirmed; nothing for a confirmed one."""
    if status == "expected":
        return " " + t.gettext("(expected)")
    if status == "reported":
        return " " + t.gettext("(reported)")
    return ""


def _role_title(role: str, count: int, t: Language) -> str:
    titles = {
        "director": t.ngettext("Director", "Directors", count),
        "writer": t.ngettext("Writer", "Writers", count),
        "creator": t.ngettext("Creator", "Creators", count),
        "executive-producer": t.ngettext("Executive producer", "Executive producers", count),
        "cast": t.gettext("Cast"),
    }
    return titles.get(role, role)


def cast_embed(
    members: Sequence[CastMember], *, heading: str | None = None, t: Language = ENGLISH
) -> discord.Embed:
    lines = []
    for member in members:
        status = _status_label(member.status, t)
        if member.actor:
            if member.reprises:
                line = t.gettext(
                    "**{actor}** as {character}{status}, reprising the role",
                    actor=member.actor,
                    character=member.character,
                    status=status,
                )
            else:
                line = t.gettext(
                    "**{actor}** as {character}{status}",
                    actor=member.actor,
                    character=member.character,
                    status=status,
                )
            lines.append(line)
        else:
            lines.append(
                t.gettext(
                    "**{character}**{status}, actor not yet announced",
                    character=member.character,
                    status=status,
                )
            )
    title = heading if heading is not None else t.gettext("Cast of Heartstopper Forever")
    embed = _embed(title, sources=[member.source for member in members], t=t)
    _lines_field(embed, t.gettext("Who's who"), lines, t)
    # The data file's notes are English (like its facts): shown as they are.
    notes = sorted({member.note for member in members if member.note and not member.actor})
    if notes:
        embed.description = truncate(
            " ".join(note[0].upper() + note[1:] + "." for note in notes), DESCRIPTION_LIMIT
        )
    return fit_embed(embed)


def cast_lookup_embed(lookup: CastLookup, t: Language = ENGLISH) -> discord.Embed:
    """The entries a /cast query found, headed by the person it named, or "Cast" when it found several."""
    return cast_embed(lookup.members, heading=lookup.named or t.gettext("Cast"), t=t)


def unknown_cast_embed(query: str, suggestions: Sequence[str], t: Language = ENGLISH) -> discord.Embed:
    text = t.gettext(
        "I have no one called “{name}” in the cast of Heartstopper Forever.", name=truncate(query, 100)
    )
    if suggestions:
        text += " " + t.gettext("Try one of: {names}.", names=", ".join(suggestions[:10]))
    return error_embed(text, title=t.gettext("Not in the cast (yet)"))


def crew_embed(members: Sequence[CrewMember], *, heading: str, t: Language = ENGLISH) -> discord.Embed:
    embed = _embed(heading, sources=[member.source for member in members], t=t)
    by_role: dict[str, list[str]] = {}
    introduced: set[str] = set()  # say what someone is known for once, not under each of their roles
    for member in members:
        line = f"**{member.name}**{_status_label(member.status, t)}"
        if member.known_for and member.name not in introduced:
            line += t.gettext(", known for {works}", works=", ".join(member.known_for))
        introduced.add(member.name)
        by_role.setdefault(member.role, []).append(line)
    for role, lines in by_role.items():
        _lines_field(embed, _role_title(role, len(lines), t), lines, t)
    return fit_embed(embed)


def crew_heading(choice: str | None, t: Language = ENGLISH) -> str:
    """/crew's title: everyone, or the role chosen, by its choice's name ("Heartstopper Forever: writer")."""
    if choice is None:
        return t.gettext("Behind Heartstopper Forever")
    role = _mid_sentence(t.pgettext("choice", choice), t)  # a call of two arguments here would hide the msgid
    return t.gettext("Heartstopper Forever: {role}", role=role)


def _mid_sentence(text: str, t: Language) -> str:
    """A heading or label written inside a sentence: lower case, except in German, whose nouns keep their
    capital ("Drehbuch", "Noch 7 Tage")."""
    return text if t.catalog == "de" else text.lower()


def director_embed(directors: Sequence[CrewMember], t: Language = ENGLISH) -> discord.Embed:
    if not directors:
        return error_embed(t.gettext("No director is recorded yet."), t=t)
    names = _join_names([director.name for director in directors], t)
    works = [work for director in directors for work in director.known_for]
    text = t.ngettext(
        "**{names}** directs Heartstopper Forever.",
        "**{names}** direct Heartstopper Forever.",
        len(directors),
        names=names,
    )
    if works:
        text += "\n" + t.gettext("Earlier films: {works}.", works=", ".join(works))
    return fit_embed(
        _embed(_role_title("director", 1, t), text, sources=[director.source for director in directors], t=t)
    )


def _join_names(names: Sequence[str], t: Language) -> str:
    if len(names) == 1:
        return names[0]
    return t.gettext("{names} and {last}", names=", ".join(names[:-1]), last=names[-1])


def partial_date(text: str, t: Language = ENGLISH) -> str:
    """'2025' -> '2025', '2025-07' -> 'July 2025', '2025-07-27' -> '27 July 2025', in the reader's words."""
    if t.is_source:
        return describe_partial_date(text)
    parts = [int(part) for part in text.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return t.month(date(parts[0], parts[1], 1))
    return t.date(date(parts[0], parts[1], parts[2]))


def timeline_embed(
    events: Sequence[TimelineEvent], *, release_statement: str | None = None, t: Language = ENGLISH
) -> discord.Embed:
    """The timeline; ``release_statement`` (the release in the tense of today) replaces the release event's
    summary, which the data file words once, before the release. The events' titles and summaries are the
    data file's (English)."""
    embed = _embed(
        t.gettext("Heartstopper Forever: the story so far"), sources=[event.source for event in events], t=t
    )
    for event in events:
        summary = release_statement if release_statement and event.kind == "release" else event.summary
        embed.add_field(
            name=f"{partial_date(event.date_text, t)} · {event.title}", value=summary, inline=False
        )
    return fit_embed(embed)


def about_embed(
    film: FilmInfo, release: ReleaseInfo, status: CountdownStatus, t: Language = ENGLISH
) -> discord.Embed:
    # What the film is comes from the data file (English); the headings and the release are the reader's.
    kind = film.kind[0].upper() + film.kind[1:]
    lines = [f"{kind}: {film.role_in_series or film.series}"]
    if film.instead_of:
        lines[0] += f", made in place of {film.instead_of}"
    lines[0] += "."
    if film.episode_number:
        previous = f", following “{film.previous_episode}”" if film.previous_episode else ""
        lines.append(f"Episode {film.episode_number} of {film.series}{previous}.")
    embed = _embed(film.title, "\n".join(lines), sources=[film.source, release.source], t=t)
    embed.add_field(name=t.gettext("Story"), value=film.synopsis, inline=False)
    if film.source_materials:
        embed.add_field(name=t.gettext("Based on"), value="\n".join(film.source_materials), inline=False)
    embed.add_field(name=t.gettext("Where to watch"), value=release.platform, inline=True)
    embed.add_field(name=t.gettext("Release"), value=release_wording(status, release, t), inline=True)
    return fit_embed(embed)


def release_wording(status: CountdownStatus, release: ReleaseInfo, t: Language = ENGLISH) -> str:
    """The release in words, as precise as the data and no more."""
    date = status.release
    platform = release.platform
    if status.phase is Phase.UNDATED:
        return t.gettext(
            "Expected {when} on {platform}; the exact date has not been announced.",
            when=describe_release(date, t),
            platform=platform,
        )
    if status.phase is Phase.OVERDUE:
        # The announced year or month has passed and the data has no date: say only what is known.
        return t.gettext(
            "Expected {when}; no date has been announced. It will be on {platform}.",
            when=describe_release(date, t),
            platform=platform,
        )
    if status.phase is Phase.OUT:
        when = discord_timestamp(status.instant, "D") if status.instant else _release_day_words(date, t)
        return t.gettext("Out now on {platform}! Released {when}.", platform=platform, when=when)
    if status.instant is not None:
        moment = f"{discord_timestamp(status.instant, 'F')} ({discord_timestamp(status.instant, 'R')})"
        if status.phase is Phase.RELEASE_DAY:
            return t.gettext("It's release day! On {platform} {moment}.", platform=platform, moment=moment)
        return t.gettext("On {platform} {moment}.", platform=platform, moment=moment)
    if status.phase is Phase.RELEASE_DAY:
        return t.gettext("It's release day! Out today on {platform}.", platform=platform)
    return t.gettext(
        "On {platform} {when}: **{days_to_go}**.",
        platform=platform,
        when=describe_release(date, t),
        days_to_go=days_to_go(status.days_left or 0, t),
    )


def countdown_embed(status: CountdownStatus, release: ReleaseInfo, t: Language = ENGLISH) -> discord.Embed:
    titles = {
        Phase.UNDATED: t.gettext("Countdown: date to be announced"),
        Phase.OVERDUE: t.gettext("Countdown: date to be announced"),
        Phase.UPCOMING: t.gettext("Countdown to Heartstopper Forever"),
        Phase.RELEASE_DAY: t.gettext("It's Heartstopper Forever day!"),
        Phase.OUT: t.gettext("Heartstopper Forever is out"),
    }
    embed = _embed(titles[status.phase], release_wording(status, release, t), sources=[release.source], t=t)
    if status.phase in (Phase.UPCOMING, Phase.RELEASE_DAY):
        embed.add_field(name=t.gettext("Add to calendar"), value=calendar_hint(t), inline=False)
    elif status.phase in (Phase.UNDATED, Phase.OVERDUE):
        embed.add_field(name=t.gettext("Add to calendar"), value=calendar_waiting(t), inline=False)
    return fit_embed(embed)


def calendar_hint(t: Language = ENGLISH) -> str:
    return t.gettext(
        "Open the attached .ics file to add the release to your calendar. If the date moves, run {countdown} "
        "again and open the new file: your calendar updates the same entry instead of adding a second one.",
        countdown=command_mention("countdown", t),
    )


def calendar_waiting(t: Language = ENGLISH) -> str:
    return t.gettext(
        "A calendar file comes with {countdown} once the day is announced.",
        countdown=command_mention("countdown", t),
    )


def calendar_card_file(calendar: CalendarFile, t: Language = ENGLISH) -> CardFile:
    """The .ics file under /countdown, described in ``t``'s language."""
    return CardFile(calendar.filename, calendar.data, t.gettext("Add the release to your calendar"))


def calendar_attachment(calendar: CalendarFile, t: Language = ENGLISH) -> discord.File:
    """The .ics file under the classic /countdown (a fresh File each time: discord.py reads its bytes once)."""
    return calendar_card_file(calendar, t).to_file()


def watch_button(release: ReleaseInfo, t: Language = ENGLISH) -> discord.ui.View | None:
    """A link button to the film on its platform, when the data has the address."""
    return post_buttons_view(release, (), t)


class _SerialisedOnce:
    """A stopped view's components, worked out at its first send and reused: a kept reply (see
    ``bot.cogs.rendered_replies``) is sent again and again, and its stopped view is never changed."""

    _components: list[dict[str, Any]] | None = None

    def to_components(self) -> list[dict[str, Any]]:
        if self._components is None:
            self._components = super().to_components()  # type: ignore[misc]
        return self._components


class StoppedView(_SerialisedOnce, discord.ui.View):
    """Buttons under a message, stopped at once (see :func:`post_buttons_view`)."""


class StoppedLayoutView(_SerialisedOnce, discord.ui.LayoutView):
    """A card's layout, stopped at once (see :func:`_card`)."""


def post_buttons_view(
    watch: ReleaseInfo | None, items: Sequence[discord.ui.Item[discord.ui.View]], t: Language = ENGLISH
) -> discord.ui.View | None:
    """The buttons under a post or /countdown: the watch link (when ``watch`` is given and has an address), then
    the fan buttons ``items`` (see ``bot.cogs.fan_buttons``); None when there are none.

    The fan buttons are persistent through their registered DynamicItems, not through this view, so the view is
    stopped: discord.py keeps no copy of a stopped view, where it would otherwise keep one per post, forever."""
    view = StoppedView(timeout=None)
    if watch is not None and watch.platform_url:
        label = t.gettext("Watch on {platform}", platform=watch.platform)
        view.add_item(discord.ui.Button(label=truncate(label, BUTTON_LABEL_LIMIT), url=watch.platform_url))
    for item in items:
        view.add_item(item)
    if not view.children:
        return None
    view.stop()
    return view


# --- fan buttons: "Ping me here" and "DM me on release day" (bot/cogs/fan_buttons.py) ----------------------
PING_ME_LABEL = translatable("Ping me here")
DM_ME_LABEL = translatable("DM me on release day")
CANCEL_REMINDER_LABEL = translatable("Cancel my reminder")


def ping_me_button(*, custom_id: str, t: Language = ENGLISH) -> discord.ui.Button[discord.ui.View]:
    return discord.ui.Button(
        label=t.gettext(PING_ME_LABEL),
        emoji="\N{BELL}",
        style=discord.ButtonStyle.secondary,
        custom_id=custom_id,
    )


def dm_me_button(*, custom_id: str, t: Language = ENGLISH) -> discord.ui.Button[discord.ui.View]:
    return discord.ui.Button(
        label=t.gettext(DM_ME_LABEL),
        emoji="\N{ENVELOPE}",
        style=discord.ButtonStyle.secondary,
        custom_id=custom_id,
    )


def cancel_reminder_button(*, custom_id: str, t: Language = ENGLISH) -> discord.ui.Button[discord.ui.View]:
    return discord.ui.Button(
        label=t.gettext(CANCEL_REMINDER_LABEL), style=discord.ButtonStyle.danger, custom_id=custom_id
    )


def ping_toggled_line(role_id: int, *, added: bool, t: Language = ENGLISH) -> str:
    """The one ephemeral line after "Ping me here" (role mentions in replies ping nobody: mentions are off)."""
    role = f"<@&{role_id}>"
    if added:
        return t.gettext(
            "You'll be pinged here with each countdown post: you have {role} now. Click again to stop.",
            role=role,
        )
    return t.gettext(
        "You won't be pinged here any more: {role} removed. Click again to be pinged.", role=role
    )


def _next_reminder(status: ReminderStatus, t: Language = ENGLISH) -> str:
    if status.next_reminders:
        return " " + t.gettext("Next DM: {when}.", when=_when(status.next_reminders[0].due_at))
    if status.waiting_for_date:
        return " " + t.gettext("The date isn't announced yet: I'll plan the DM as soon as it is.")
    return ""


def reminder_set_line(status: ReminderStatus, t: Language = ENGLISH) -> str:
    """The ephemeral line after "DM me on release day" set a reminder."""
    remindme = command_mention("remindme", t)
    return (
        t.gettext("Done: I'll send you a direct message on release day.")
        + _next_reminder(status, t)
        + " "
        + t.gettext(
            "More lead times (1 hour, 1 day before...) with `{command}`; see yours with `{command} {option}: list`.",
            command=remindme,
            option=t.pgettext("option", "when"),
        )
    )


def reminder_exists_line(status: ReminderStatus, t: Language = ENGLISH) -> str:
    """The second click of "DM me on release day": the reminder the fan has, offered to cancel."""
    leads = [t.gettext("release day")]
    if status.milestone_days:
        leads.append(_days_before(status.milestone_days, t))
    if status.lead_hours:
        leads.append(_hours_before(status.lead_hours, t))
    line = t.gettext("You already have a reminder: {leads}.", leads=", ".join(leads)) + _next_reminder(
        status, t
    )
    if status.state != "active":
        line += " " + t.gettext(
            "It is paused: I could not DM you. Allow DMs from this server's members, then `{command}` again.",
            command=command_mention("remindme", t),
        )
    return line + " " + t.gettext("Cancel it?")


def reminder_confirmation_dm(status: ReminderStatus, t: Language = ENGLISH) -> str:
    """The DM that proves the bot can reach the fan, sent when a button sets their reminder."""
    return t.gettext("You asked me for a direct message on release day: it will come here.") + _next_reminder(
        status, t
    )


def reminder_cancelled_line(*, had_one: bool, t: Language = ENGLISH) -> str:
    if had_one:
        return t.gettext("Reminder cancelled: no DM from me about the release.")
    return t.gettext("You had no reminder set.")


# --- the countdown card (Components V2) ----------------------------------------------------------------------
# Discord's limits for a layout message: 40 components in all (nested ones count), 4,000 characters of text.
LAYOUT_COMPONENT_LIMIT = 40
LAYOUT_TEXT_LIMIT = 4000
ACTION_ROW_LIMIT = 5  # buttons in one row
CARD_FILENAME = "countdown.png"


@dataclass(frozen=True, slots=True)
class CardFile:
    """A file a card shows: its name, its bytes and its description (the alt text)."""

    filename: str
    data: bytes
    description: str | None = None

    def to_file(self) -> discord.File:
        """A fresh File for one send (discord.py reads a File once)."""
        return discord.File(io.BytesIO(self.data), filename=self.filename, description=self.description)


@dataclass(frozen=True, slots=True)
class Card:
    """A countdown card ready to send: the layout (``view=``) and the files it shows (``files=``). It may be
    sent any number of times: its buttons keep no state, and ``files`` gives each send files of its own."""

    view: discord.ui.LayoutView
    attachments: tuple[CardFile, ...] = ()

    @property
    def files(self) -> list[discord.File]:
        """Fresh File objects for one send (discord.py reads a File once)."""
        return [file.to_file() for file in self.attachments]


def card_face(days: int | None, platform: str, t: Language = ENGLISH, *, out_now: bool = False) -> CardFace:
    """What the card picture says in ``t``'s language: ``days`` to go (0: release day, None: no date yet), or
    that the film is out. Capitals in every language (a translation keeps them so)."""
    on_platform = t.gettext("ON {platform}", platform=platform.upper())
    if out_now:
        return CardFace(t.gettext("OUT NOW"), on_platform, language=t.catalog)
    if days is None:
        return CardFace(t.gettext("SOON"), t.gettext("DATE TO BE ANNOUNCED"), language=t.catalog)
    if days <= 0:
        return CardFace(t.gettext("TODAY"), on_platform, language=t.catalog)
    return CardFace(str(days), t.ngettext("DAY TO GO", "DAYS TO GO", days), language=t.catalog)


def _face_for_days(days: int | None, release: ReleaseInfo, t: Language = ENGLISH) -> CardFace:
    return card_face(days, release.platform, t)


def _out_now_face(release: ReleaseInfo, t: Language) -> CardFace:
    return card_face(None, release.platform, t, out_now=True)


def announcement_face(announcement: Announcement, release: ReleaseInfo, t: Language = ENGLISH) -> CardFace:
    """What a post's card picture says, in the post's language: the days to go, "TODAY" or "OUT NOW"."""
    if announcement.kind is AnnouncementKind.OUT_NOW:
        return _out_now_face(release, t)
    if announcement.kind is AnnouncementKind.NEWS:
        status = countdown_status(announcement.release, announcement.due_at)
        if status.phase is Phase.OUT:
            return _out_now_face(release, t)
        return _face_for_days(status.days_left, release, t)
    return _face_for_days(announcement.days_left, release, t)


def countdown_face(status: CountdownStatus, release: ReleaseInfo, t: Language = ENGLISH) -> CardFace:
    """What /countdown's card picture says, in the reader's language."""
    if status.phase is Phase.OUT:
        return _out_now_face(release, t)
    if status.phase is Phase.RELEASE_DAY:
        return _face_for_days(0, release, t)
    return _face_for_days(status.days_left, release, t)


_FACE_HEADINGS = {
    "TODAY": translatable("Release day"),
    "OUT NOW": translatable("Out now"),
    "SOON": translatable("Date to be announced"),
}


def _face_heading(face: CardFace, t: Language = ENGLISH) -> str:
    """The card's heading, from its English face (``announcement_face(..., ENGLISH)``), in the reader's language."""
    if face.headline.isdigit():
        return days_to_go(int(face.headline), t)
    if face.headline in _FACE_HEADINGS:
        return t.gettext(_FACE_HEADINGS[face.headline])
    return face.headline.capitalize()


def _watch_link(
    release: ReleaseInfo, t: Language = ENGLISH
) -> discord.ui.Button[discord.ui.LayoutView] | None:
    if not release.platform_url:
        return None
    return discord.ui.Button(
        label=t.gettext("Watch on {platform}", platform=release.platform), url=release.platform_url
    )


def _card(
    *,
    title: str,
    heading: str,
    body: str,
    footer: str,
    png: bytes | None,
    alt: str,
    above: str | None = None,
    attachments: Sequence[CardFile] = (),
    actions: Sequence[discord.ui.Item[discord.ui.LayoutView]] = (),
) -> Card:
    """The layout every card shares: ``above`` (the ping), then one container with the title, the heading, the
    body, the picture (none without ``png``), any attached files, the source line and a row of buttons.
    Trimmed to Discord's limits."""
    # Each part has a cap of its own (the source line's end goes first: the marker leads it), then the body
    # takes what is left of the 4,000 characters.
    title, heading = truncate(title, TITLE_LIMIT), truncate(heading, TITLE_LIMIT)
    footer = truncate(footer, FIELD_VALUE_LIMIT)
    fixed = len(title) + len(heading) + len(footer) + len(above or "") + 12
    body = truncate(body, LAYOUT_TEXT_LIMIT - fixed)
    children: list[discord.ui.Item[discord.ui.LayoutView]] = [
        discord.ui.TextDisplay(f"### {title}"),
        discord.ui.TextDisplay(f"# {heading}"),
        discord.ui.TextDisplay(body),
    ]
    files: list[CardFile] = []
    if png is not None:
        files.append(CardFile(CARD_FILENAME, png, alt))
        children.append(
            discord.ui.MediaGallery(
                discord.MediaGalleryItem(f"attachment://{CARD_FILENAME}", description=alt)
            )
        )
    for file in attachments:
        children.append(discord.ui.File(f"attachment://{file.filename}"))
        files.append(file)
    children.append(discord.ui.TextDisplay(f"-# {footer}"))
    # A row holds five buttons: more than that (none today) would be refused, so the last ones are left out.
    buttons = list(actions)[:ACTION_ROW_LIMIT]
    if buttons:
        children.append(discord.ui.ActionRow(*buttons))
    view = StoppedLayoutView(timeout=None)
    if above:
        view.add_item(discord.ui.TextDisplay(above))
    view.add_item(discord.ui.Container(*children, accent_colour=BRAND_COLOUR))
    assert view.total_children_count <= LAYOUT_COMPONENT_LIMIT and view.content_length() <= LAYOUT_TEXT_LIMIT
    view.stop()  # its buttons live on as registered DynamicItems (see post_buttons_view)
    return Card(view, tuple(files))


def announcement_card(
    announcement: Announcement,
    release: ReleaseInfo,
    png: bytes | None,
    *,
    marker: str | None = None,
    role_id: int | None = None,
    preview: str | None = None,
    actions: Sequence[discord.ui.Item[discord.ui.LayoutView]] = (),
    t: Language = ENGLISH,
) -> Card:
    """The post as a card: the same words as :func:`announcement_embed`, the picture ``png`` (drawn by
    ``bot.art`` from :func:`announcement_face`), the role ping above the card, the watch button when the post
    has one, then ``actions`` (more buttons, in the same row). ``marker`` leads the source line, as it leads
    the embed's footer; ``preview`` is a small line above the card (for /announcements preview). Without
    ``png`` the card has no picture (an edit where the bot may not upload one)."""
    wording = _announcement_wording(announcement, release, t)
    face = announcement_face(announcement, release)
    countdown = announcement.kind not in (AnnouncementKind.NEWS, AnnouncementKind.OUT_NOW)
    title = t.gettext("Countdown to {film}", film=release.film_title) if countdown else wording.title
    # The days to go are the card's heading: the text says only when.
    text = wording.text.replace(f": **{days_to_go(announcement.days_left or 0, t)}**", "")
    body = "\n".join((text, *wording.notes))
    footer = source_footer([release.source], t)
    if marker:
        footer = f"{marker} · {footer}"
    watch = _watch_link(release, t) if announcement.show_watch_link else None
    return _card(
        title=title,
        heading=wording.title.rstrip("!") if not countdown else _face_heading(face, t),
        body=body,
        footer=footer,
        png=png,
        alt=f"{release.film_title}: {_mid_sentence(_face_heading(face, t), t)}",
        above=announcement_content(role_id) or (f"-# {preview}" if preview else None),
        actions=[*([watch] if watch else []), *actions],
    )


@dataclass(frozen=True, slots=True)
class CountdownCardWords:
    """The words of a /countdown card (``countdown_card`` puts them together with the picture, the files and
    the buttons)."""

    title: str
    heading: str
    body: str
    footer: str
    alt: str


def countdown_card_words(
    status: CountdownStatus, release: ReleaseInfo, *, calendar: bool, t: Language = ENGLISH
) -> CountdownCardWords:
    """The card's words in ``t``'s language; ``calendar``: whether the calendar file rides along."""
    embed = countdown_embed(status, release, t)  # the same title and words as the classic reply
    heading = _face_heading(countdown_face(status, release), t)
    body = release_wording(status, release, t)
    hint = calendar_hint(t) if calendar else calendar_waiting(t)
    if status.phase in (Phase.UPCOMING, Phase.RELEASE_DAY, Phase.UNDATED, Phase.OVERDUE):
        label = t.gettext("Add to calendar")  # outside the f-string, where Babel finds it on every Python
        body += f"\n**{label}**: {hint}"
    return CountdownCardWords(
        title=embed.title or release.film_title,
        heading=heading,
        body=body,
        footer=source_footer([release.source], t),
        alt=f"{release.film_title}: {_mid_sentence(heading, t)}",
    )


def countdown_card(
    status: CountdownStatus,
    release: ReleaseInfo,
    png: bytes,
    *,
    calendar: CalendarFile | None = None,
    actions: Sequence[discord.ui.Item[discord.ui.LayoutView]] = (),
    t: Language = ENGLISH,
) -> Card:
    """/countdown as a card: the release in each reader's own time, the picture (:func:`countdown_face`), the
    calendar file when there is one, the watch button once it is release day, then ``actions``."""
    words = countdown_card_words(status, release, calendar=calendar is not None, t=t)
    watch = _watch_link(release, t) if status.phase in (Phase.RELEASE_DAY, Phase.OUT) else None
    return _card(
        title=words.title,
        heading=words.heading,
        body=words.body,
        footer=words.footer,
        png=png,
        alt=words.alt,
        attachments=[calendar_card_file(calendar, t)] if calendar else (),
        actions=[*([watch] if watch else []), *actions],
    )


def layout_text(components: Iterable[discord.Component]) -> list[str]:
    """Every text of a layout message as discord.py read it back (how the bot finds its marker in a card)."""
    texts: list[str] = []
    for component in components:
        if isinstance(component, discord.TextDisplay):
            texts.append(component.content)
        for attribute in ("children", "components"):
            texts.extend(layout_text(getattr(component, attribute, None) or ()))
        accessory = getattr(component, "accessory", None)
        if accessory is not None:
            texts.extend(layout_text([accessory]))
    return texts


# --- /ask buttons: "did you mean" suggestions and "Not what I asked" ----------------------------------------
BUTTON_LABEL_LIMIT = 80
# Translators: a button under an /ask answer; pressing it tells the bot's owners the answer missed the question.
NOT_WHAT_I_ASKED_LABEL = ENGLISH.gettext("Not what I asked")


def suggestion_button(question: str, *, custom_id: str) -> discord.ui.Button[discord.ui.View]:
    """A button that asks ``question`` as /ask would (offered when /ask had no answer)."""
    return discord.ui.Button(
        label=truncate(question, BUTTON_LABEL_LIMIT), style=discord.ButtonStyle.primary, custom_id=custom_id
    )


def not_what_i_asked_button(*, custom_id: str, t: Language = ENGLISH) -> discord.ui.Button[discord.ui.View]:
    """The small button under an /ask answer that tells the owners the answer missed the question."""
    return discord.ui.Button(
        label=t.gettext(NOT_WHAT_I_ASKED_LABEL), style=discord.ButtonStyle.secondary, custom_id=custom_id
    )


def buttons_view(items: Sequence[discord.ui.Item[discord.ui.View]]) -> discord.ui.View | None:
    """The buttons under a reply, or None when there are none. Stopped, like :func:`post_buttons_view`'s: the
    buttons are registered DynamicItems, so discord.py need not file the view away at every send."""
    if not items:
        return None
    view = StoppedView(timeout=None)
    for item in items:
        view.add_item(item)
    view.stop()
    return view


def not_what_i_asked_thanks_embed(t: Language = ENGLISH) -> discord.Embed:
    return notice_embed(
        t.gettext("Thanks, noted"),
        t.gettext(
            "I've noted that this answer missed your question. The bot's owners look at what fans ask "
            "to teach me better answers."
        ),
    )


def _gap_kind(kind: GapKind, t: Language) -> str:
    if kind is GapKind.NOT_WHAT_I_ASKED:
        # Translators: in /kb gaps, an answer a fan flagged with the “Not what I asked” button.
        return t.gettext("“not what I asked”")
    # Translators: in /kb gaps, a question /ask had no answer for (the other kind is “Not what I asked”).
    return t.gettext("no answer")


def gaps_embed(gaps: Sequence[AskGap], *, retention_days: int, t: Language = ENGLISH) -> discord.Embed:
    """/kb gaps: the most-asked questions without a (good) answer, each with its count and when last asked."""
    title = t.gettext("Ask gaps")
    intro = (
        t.gettext(
            "What fans asked that I had no answer for, or flagged “{button}”, most asked first.",
            button=t.gettext(NOT_WHAT_I_ASKED_LABEL),
        )
        + " "
        + t.ngettext(
            "Questions are kept {count} day after they were last asked.",
            "Questions are kept {count} days after they were last asked.",
            retention_days,
        )
    )
    if not gaps:
        return _embed(
            title,
            t.ngettext(
                "No gaps recorded in the last {count} day.",
                "No gaps recorded in the last {count} days.",
                retention_days,
            ),
        )
    lines: list[str] = []
    size = len(intro) + 2
    for index, gap in enumerate(gaps):
        # Normalised text has no markdown left; escaping anyway keeps any future text inside its line.
        question = discord.utils.escape_markdown(truncate(gap.question, 200))
        # Translators: in /kb gaps, when a question was last asked: "last <3 days ago>" (a Discord timestamp).
        last = t.gettext("last {when}", when=discord_timestamp(gap.last_asked, "R"))
        line = f"**{gap.count}×** {question} · {_gap_kind(gap.kind, t)} · {last}"
        more = t.ngettext("…and {count} more", "…and {count} more", len(gaps) - index)
        if size + len(line) + 1 + len(more) > DESCRIPTION_LIMIT:
            lines.append(more)
            break
        lines.append(line)
        size += len(line) + 1
    return fit_embed(_embed(title, intro + "\n\n" + "\n".join(lines)))


def help_embed(commands: Sequence[CommandHelp], t: Language = ENGLISH) -> discord.Embed:
    fields = {
        Audience.EVERYONE: t.gettext("Commands"),
        Audience.ADMINS: t.gettext("For server admins"),
        Audience.EDITORS: t.gettext("For the knowledge base's editors"),
        Audience.OWNERS: t.gettext("For the bot's owners"),
    }
    embed = _embed(
        t.gettext("Heartstopper Forever bot"),
        t.gettext(
            "I answer questions about Heartstopper Forever from my own notes, each with its source, "
            "and I can post the release countdown in your server."
        ),
    )
    for audience, field_name in fields.items():
        lines = [_help_line(command, t) for command in commands if command.audience is audience]
        if lines:
            _lines_field(embed, field_name, lines, t)
    return fit_embed(embed)


def _help_usage(usage: str, t: Language) -> str:
    """A usage line ("cast [person]") with the names the reader's Discord shows ("elenco [pessoa]")."""
    words = []
    for word in usage.split():
        optional = word.startswith("[")
        bare = word.strip("[]")
        if bare.endswith(":"):  # "when:" in an off usage
            words.append(t.pgettext("option", bare[:-1]) + ":")
            continue
        context = "option" if words else "command"
        if (
            not optional
            and context == "option"
            and t.lookup("command", bare)
            and not t.lookup("option", bare)
        ):
            context = "command"  # a subcommand ("announcements setup")
        translated = t.pgettext(context, bare) if t.lookup(context, bare) else bare
        words.append(f"[{translated}]" if optional else translated)
    return " ".join(words)


def _help_line(command: CommandHelp, t: Language = ENGLISH) -> str:
    description = t.pgettext("command description", command.description)
    line = f"`/{_help_usage(command.usage, t)}`: {description}"
    if command.off_usage:
        line += " " + t.gettext("(`/{usage}` to cancel)", usage=_help_usage(command.off_usage, t))
    return line


# --- /kb: changing the knowledge base -----------------------------------------------------------------------
def _code_block(text: str, language: str = "") -> str:
    # A line of the data file could hold ``` itself; a zero-width space keeps it from closing the block.
    safe = text.replace("```", "`\u200b``")
    return f"```{language}\n{safe}\n```"


#: The buttons under a /kb preview.
KB_CONFIRM_LABEL = translatable("Confirm")
KB_CANCEL_LABEL = translatable("Cancel")


def _change_summary(summary: str, wording: Sequence[Phrase], t: Language) -> str:
    """A change's one-line summary in the reader's words (the data file's ids and keys stay as they are)."""
    return "".join(phrase.text(t) for phrase in wording) if wording else summary


def kb_preview_embed(proposal: Proposal, *, timeout_minutes: int, t: Language = ENGLISH) -> discord.Embed:
    """What the data file will say once the editor confirms (``-`` lines go, ``+`` lines come)."""
    text = (
        f"**{_change_summary(proposal.summary, proposal.wording, t)}**\n"
        + t.gettext("Source: <{url}>", url=proposal.source_url)
        + "\n"
        + _code_block(truncate(proposal.preview, DESCRIPTION_LIMIT - 600), "diff")
        + "\n"
        + t.ngettext(
            "Nothing is written until you press **{button}** (within {count} minute).",
            "Nothing is written until you press **{button}** (within {count} minutes).",
            timeout_minutes,
            button=t.gettext(KB_CONFIRM_LABEL),
        )
    )
    return fit_embed(_embed(t.gettext("Change the knowledge base?"), text))


def kb_applied_embed(applied: Applied, t: Language = ENGLISH) -> discord.Embed:
    return fit_embed(
        _embed(
            t.gettext("Knowledge base changed"),
            f"{_change_summary(applied.summary, applied.wording, t)}.\n"
            + t.gettext(
                "Change #{number}; data version `{version}`. Answers and countdowns already follow it; "
                "`{undo}` puts it back.",
                number=applied.edit_id,
                version=applied.version,
                undo=command_mention("kb undo", t),
            ),
        )
    )


def kb_cancelled_embed(
    *, expired: bool = False, restarted: bool = False, t: Language = ENGLISH
) -> discord.Embed:
    """A preview that was not confirmed: cancelled, expired, or shown by the bot before it restarted."""
    if restarted:
        text = t.gettext(
            "I restarted since this preview, so its buttons no longer work: the data file was not touched. "
            "Run the command again to make the change."
        )
    elif expired:
        text = t.gettext(
            "The preview expired: the data file was not touched. Run the command again to make the change."
        )
    else:
        text = t.gettext("Cancelled: the data file was not touched.")
    return fit_embed(_embed(t.gettext("Nothing changed"), text))


def kb_not_your_change_embed(t: Language = ENGLISH) -> discord.Embed:
    """A press on another editor's preview."""
    return error_embed(
        t.gettext("Only the editor who asked for this change can confirm or cancel it."),
        title=t.gettext("Not your change"),
    )


def _editor(name: str) -> str:
    # A Discord user id shows as a mention (an embed never pings); "cli:NAME" as it is.
    return f"<@{name}>" if name.isdigit() else f"`{name}`"


def kb_history_embed(records: Sequence[EditRecord], t: Language = ENGLISH) -> discord.Embed:
    title = t.gettext("Knowledge base history")
    if not records:
        return _embed(
            title,
            t.gettext("No changes have been made through {command} yet.", command=command_mention("kb", t)),
        )
    lines = []
    for record in records:
        # The summary is the audit table's record, as written when the change was made (English).
        line = t.gettext(
            "**#{number}** {when} by {editor}: {summary}",
            number=record.id,
            when=discord_timestamp(record.made_at, "f"),
            editor=_editor(record.editor),
            summary=truncate(record.summary, 200),
        )
        if record.undone_by:
            line += " " + t.gettext("(undone by #{number})", number=record.undone_by)
        lines.append(f"{line} · <{truncate(record.source_url, 300)}>")
    description: list[str] = []
    size = 0
    for line in lines:
        if size + len(line) + 1 > DESCRIPTION_LIMIT - 100:
            description.append(
                t.ngettext("… and {count} earlier", "… and {count} earlier", len(lines) - len(description))
            )
            break
        description.append(line)
        size += len(line) + 1
    return fit_embed(_embed(title, "\n".join(description)))


# --- /reload-data: the owners' re-import ------------------------------------------------------------------
def _import_count(name: str, count: int, t: Language) -> str:
    # The number as the log and `python -m bot db import` write it (no separators), so it reads the same.
    number = str(count)
    if name == "people":
        return t.ngettext("{number} person", "{number} people", count, number=number)
    if name == "credits":
        return t.ngettext("{number} credit", "{number} credits", count, number=number)
    if name == "timeline events":
        return t.ngettext("{number} timeline event", "{number} timeline events", count, number=number)
    if name == "facts":
        return t.ngettext("{number} fact", "{number} facts", count, number=number)
    return f"{number} {name}"


def _outside_import_line(picked_up: OutsideImport, t: Language) -> str:
    line = t.gettext(
        "Picked up a newer import made outside the bot (such as {command}) on {when}: data version {before} → "
        "{after}.",
        command="python -m bot db import",
        when=describe_import(picked_up.current),
        before=picked_up.previous.version,
        after=picked_up.current.version,
    )
    before, after = picked_up.release_before, picked_up.release_after
    if before is not None and after is not None and before.key() != after.key():
        line += " " + t.gettext(
            "Release: {before} → {after}.",
            before=describe_release(before, t),
            after=describe_release(after, t),
        )
    return line


def reload_report_embed(
    report: ReloadReport, *, overdue: ReleaseDate | None, t: Language = ENGLISH
) -> discord.Embed:
    """/reload-data's answer: what was picked up and imported, and what the owners should fix in the file."""
    lines = [_outside_import_line(report.picked_up, t)] if report.picked_up else []
    imported = report.imported
    if imported.changed:
        counts = ", ".join(_import_count(name, count, t) for name, count in imported.counts.items())
        lines.append(t.gettext("Imported {path}: {counts}.", path=str(imported.path), counts=counts))
    else:
        lines.append(
            t.gettext("{path}: unchanged since the last import; nothing to do.", path=str(imported.path))
        )
    if overdue is not None:
        lines.append(
            t.gettext(
                "Warning: the data file says the release is expected {release}, which has passed without a date: "
                "update the [release] date in the data file (a day, or the next expected period), then run "
                "{command} or restart the bot.",
                release=describe_release(overdue, t),
                command=command_mention("reload-data", t),
            )
        )
    return notice_embed(t.gettext("Data reloaded"), "\n".join(lines))


def reload_refused_embed(error: Exception, kept: DataImport | None, t: Language = ENGLISH) -> discord.Embed:
    """A malformed data file refused by /reload-data: nothing changed, and which data the bot still answers from.

    The problem itself is the data file checker's wording (English, as the log and `python -m bot check` say it)."""
    text = t.gettext("Nothing changed: {problem}", problem=str(error))
    if kept is not None:
        text += " " + t.gettext(
            "The bot keeps the data imported on {when}, version {version}.",
            when=describe_import(kept),
            version=kept.version,
        )
    return error_embed(text, title=t.gettext("The data file has a problem"))


def notice_embed(title: str, text: str) -> discord.Embed:
    return fit_embed(_embed(title, text))


def error_embed(text: str, *, title: str | None = None, t: Language = ENGLISH) -> discord.Embed:
    heading = title if title is not None else t.gettext("Hmm, that didn't work")
    return fit_embed(discord.Embed(title=heading, description=text, colour=ERROR_COLOUR))


# --- announcements ----------------------------------------------------------------------------------------
def _release_moment(release: ReleaseDate, t: Language = ENGLISH) -> str:
    """The release as precisely as known: a live Discord timestamp for an exact hour, else words."""
    if release.instant is not None:
        return f"{discord_timestamp(release.instant, 'F')} ({discord_timestamp(release.instant, 'R')})"
    return describe_release(release, t)


@dataclass(frozen=True, slots=True)
class _Wording:
    """One post in words, whatever shape it is sent in (the classic embed or the card)."""

    title: str
    text: str
    notes: tuple[str, ...]


def _announcement_wording(
    announcement: Announcement, release: ReleaseInfo, t: Language = ENGLISH
) -> _Wording:
    film = release.film_title
    platform = release.platform
    days = announcement.days_left
    when = _release_moment(announcement.release, t)
    if announcement.kind is AnnouncementKind.NEWS:
        previous = announcement.previous_release
        title = t.gettext("Release news: {film}", film=film)
        if announcement.release.is_out(announcement.due_at):
            # The data gained a date that had already passed (it was updated late): news of the past.
            text = t.gettext("{film} came out on {platform} {when}.", film=film, platform=platform, when=when)
            if previous is not None:
                text += " " + t.gettext("(It was expected {before}.)", before=describe_release(previous, t))
        elif previous is None or not previous.is_dated:
            text = t.gettext(
                "{film} now has a release date: it arrives on {platform} {when}.",
                film=film,
                platform=platform,
                when=when,
            )
        elif previous.release_day == announcement.release.release_day:
            text = t.gettext(
                "{film} now has a release time: {when} on {platform}.",
                film=film,
                platform=platform,
                when=when,
            )
        else:
            text = t.gettext(
                "{film} has moved: it now arrives on {platform} {when} (it was {before}).",
                film=film,
                platform=platform,
                when=when,
                before=describe_release(previous, t),
            )
        if not announcement.release.is_out(announcement.due_at):
            text += "\n" + t.gettext("The countdown here follows the new date.")
    elif announcement.kind is AnnouncementKind.OUT_NOW:
        title = t.gettext("Out now on {platform}!", platform=platform)
        text = t.gettext("{film} is out now on {platform}. Enjoy the film!", film=film, platform=platform)
    elif (lead_hours := reminder_lead_hours(announcement.occasion_key)) is not None:
        # A fan's "1 hour before" reminder: the release is pinned to an exact time, an hour from now.
        title = t.ngettext("{count} hour to go!", "{count} hours to go!", lead_hours)
        text = t.gettext("{film} arrives on {platform} {when}.", film=film, platform=platform, when=when)
    elif days == 0:
        title = t.gettext("It's {film} day!", film=film)
        text = t.gettext("{film} is out today on {platform}.", film=film, platform=platform)
        if announcement.release.instant is not None:
            text = t.gettext(
                "{film} arrives on {platform} today, {when}.", film=film, platform=platform, when=when
            )
    else:
        title = t.gettext("{days_to_go}!", days_to_go=days_to_go(days or 0, t))
        text = t.gettext(
            "{film} arrives on {platform} {when}: **{days_to_go}**.",
            film=film,
            platform=platform,
            when=when,
            days_to_go=days_to_go(days or 0, t),
        )
    if announcement.kind is AnnouncementKind.REMINDER:
        occasion = title if t.catalog == "de" else title[0].lower() + title[1:]  # German nouns keep capitals
        title = t.gettext("Your reminder: {occasion}", occasion=occasion)
    notes = []
    if announcement.late:
        notes.append(t.gettext("Posted late: I was offline when this was due."))
    if announcement.folded_count:
        notes.append(
            t.ngettext(
                "({count} earlier countdown post missed while I was offline.)",
                "({count} earlier countdown posts missed while I was offline.)",
                announcement.folded_count,
            )
        )
    return _Wording(title, text, tuple(notes))


def announcement_embed(
    announcement: Announcement, release: ReleaseInfo, *, marker: str | None = None, t: Language = ENGLISH
) -> discord.Embed:
    """The countdown post, release-day post, news post or personal reminder, worded for its occasion.

    ``marker`` (the delivery's short reference) leads the footer: it is how the bot recognises its own post when
    it reads the channel after an outage longer than Discord remembers a nonce. ``t``: the server's language
    (or the fan's, for a reminder)."""
    wording = _announcement_wording(announcement, release, t)
    embed = _embed(wording.title, wording.text, sources=[release.source], t=t)
    if wording.notes:
        embed.add_field(name=t.gettext("Note"), value=" ".join(wording.notes), inline=False)
    embed = fit_embed(embed)
    if marker:
        # First, so no truncation can cut it off.
        footer = f"{marker} · {embed.footer.text}" if embed.footer.text else marker
        embed.set_footer(text=truncate(footer, FOOTER_LIMIT))
    return embed


def announcement_content(role_id: int | None) -> str | None:
    """The only mention the bot ever makes: the role a server admin configured for the countdown."""
    return f"<@&{role_id}>" if role_id else None


def announcement_mentions(role_id: int | None) -> discord.AllowedMentions:
    roles: list[discord.abc.Snowflake] | bool = [discord.Object(role_id)] if role_id else False
    return discord.AllowedMentions(everyone=False, users=False, roles=roles, replied_user=False)


STYLE_LABELS = {
    "card": translatable("card (a picture with the days to go)"),
    "classic": translatable("classic (an embed)"),
}


def _when(moment: datetime) -> str:
    return f"{discord_timestamp(moment, 'F')} ({discord_timestamp(moment, 'R')})"


def _delivery_state(state: str, t: Language) -> str:
    states = {
        "sent": t.gettext("posted"),
        "failed": t.gettext("failed"),
        "skipped": t.gettext("skipped (missed while offline, beyond the grace window)"),
        "folded": t.gettext("folded into a later post"),
    }
    return states.get(state, state)


def announcement_status_embed(
    status: GuildStatus,
    channel_names: dict[int, str],
    *,
    title: str | None = None,
    changes: Sequence[str] | None = None,
    token: str | None = None,
    event: EventStatus | None = None,
    ping_buttons: Mapping[int, str | None] | None = None,
    server_language: str | None = None,
    t: Language = ENGLISH,
) -> discord.Embed:
    """``/announcements status``, or setup's reply (``title``, and ``changes`` when setup re-ran), in the
    admin's language (``t``), what the services recorded too (reasons, schedule wording, changes: phrases,
    ``Language.phrase``; a reason stored before they were, or Discord's own words, shows as it was written).

    ``ping_buttons``: per channel, why its posts have no "Ping me here" button (None: they have it).

    ``event``: the server's premiere event (its link and interested count, or why there is none).

    ``token``: the bot's token, redacted (as in the logs) from every stored reason shown.

    ``server_language``: the server's preferred locale, which posts follow unless a channel chose a language.
    """

    def shown(reason: str | None, default: str) -> str:
        return redact(t.phrase(reason), token) if reason else default

    setup = command_mention("announcements setup", t)
    if not status.configured:
        return _embed(
            t.gettext("Countdown announcements: not set up"),
            t.gettext("Nothing is posted here yet. Use `{command}` to choose a channel.", command=setup),
        )
    # Everything, the title included, is in place before fit_embed trims: a title set after trimming could
    # push the embed past Discord's 6,000 characters.
    embed = _embed(title if title is not None else t.gettext("Countdown announcements"))
    notes: list[str] = []
    if changes is not None:
        notes.append(
            t.gettext("Changed: {changes}.", changes="; ".join(t.phrase(change) for change in changes))
            if changes
            else t.gettext("Nothing changed: same settings.")
        )
    if not status.release.is_dated:
        notes.append(
            t.gettext(
                "The release is expected {when}, with no exact date yet: the countdown starts when the date is "
                "announced, with a news post.",
                when=describe_release(status.release, t),
            )
        )
    embed.description = "\n\n".join(notes) or None
    unknown_error = t.gettext("unknown error")
    for subscription in status.subscriptions:
        ping = f"<@&{subscription.role_id}>" if subscription.role_id else t.gettext("nobody")
        lines = [
            t.gettext("Schedule: {schedule}", schedule=t.phrase(subscription.schedule_description)),
            t.gettext(
                "Time: {time} ({timezone})", time=subscription.local_time, timezone=subscription.timezone
            ),
            t.gettext("Ping: {role}", role=ping),
            t.gettext(
                "Language: {language}", language=_post_language(subscription.language, server_language, t)
            ),
            t.gettext(
                "Style: {style}",
                style=t.gettext(STYLE_LABELS.get(subscription.post_style, subscription.post_style)),
            ),
        ]
        if ping_buttons is not None and subscription.channel_id in ping_buttons:
            problem = ping_buttons[subscription.channel_id]
            lines.append(
                t.gettext("Ping me here button: shown under posts")
                if problem is None
                else t.gettext("Ping me here button: not shown: {problem}", problem=t.phrase(problem))
            )
        if subscription.state != "active":
            state = {"paused": t.gettext("Paused"), "disabled": t.gettext("Disabled")}.get(
                subscription.state, subscription.state.capitalize()
            )
            # gettext outside the f-string: Babel finds calls inside one only on Python 3.12+ (PEP 701)
            reason = shown(subscription.state_reason, t.gettext("no reason recorded"))
            lines.append(f"**{state}**: {reason}")
        for post in subscription.next_posts:
            if post.kind is AnnouncementKind.OUT_NOW:
                label = t.gettext("out now (the release moment)")
            else:
                label = t.gettext("release day") if post.days_left == 0 else days_to_go(post.days_left, t)
            lines.append(t.gettext("Next: {when}, {what}", when=_when(post.due_at), what=label))
        if subscription.last_delivery is not None:
            last = subscription.last_delivery
            line = t.gettext(
                "Last: {state} {when}", state=_delivery_state(last.state, t), when=_when(last.at)
            )
            if last.state == "failed" and last.error:
                line += f": {shown(last.error, '')}"  # the reason lives here when it is also the last failure
            lines.append(line)
        if subscription.last_failure is not None and subscription.last_failure != subscription.last_delivery:
            failure = subscription.last_failure
            lines.append(
                t.gettext(
                    "Last failure: {when}: {error}",
                    when=_when(failure.at),
                    error=shown(failure.error, unknown_error),
                )
            )
        if (retry := subscription.retrying) is not None and retry.next_attempt_at is not None:
            lines.append(
                t.gettext(
                    "Last attempt failed: {error}, retrying at {when}",
                    error=shown(retry.error, unknown_error),
                    when=_when(retry.next_attempt_at),
                )
            )
        if subscription.schedule.is_live:
            lines.append(
                _live_message_line(status.guild_id, subscription.channel_id, subscription.live_message_id, t)
            )
        if subscription.notice:
            lines.append(t.gettext("Note: {note}", note=shown(subscription.notice, "")))
        name = channel_names.get(subscription.channel_id) or f"<#{subscription.channel_id}>"
        embed.add_field(name=name, value="\n".join(lines), inline=False)
    if event is not None:
        embed.add_field(name=t.gettext("Premiere event"), value=_event_line(event, shown, t), inline=False)
    return fit_embed(embed)


def _post_language(chosen: str | None, server_language: str | None, t: Language = ENGLISH) -> str:
    if chosen is not None:
        return POST_LANGUAGES.get(chosen, chosen)
    server = language(server_language)
    return t.gettext(
        "the server's ({language})",
        language=POST_LANGUAGES.get(server.discord_locale, POST_LANGUAGES["en-US"]),
    )


def _live_message_line(guild_id: int, channel_id: int, message_id: int | None, t: Language = ENGLISH) -> str:
    if message_id is None:
        return t.gettext("Live message: posted at the next update")
    link = f"https://discord.com/channels/{guild_id}/{channel_id}/{message_id}"
    return t.gettext("Live message: {link}", link=link)


def _days_before(days: int, t: Language = ENGLISH) -> str:
    return t.ngettext("{count} day before", "{count} days before", days)


def _hours_before(hours: int, t: Language = ENGLISH) -> str:
    return t.ngettext(
        "{count} hour before the exact release time", "{count} hours before the exact release time", hours
    )


def _reminder_label(post: PlannedPost, t: Language = ENGLISH) -> str:
    """What one planned reminder DM is, in a fan's words."""
    if (hours := reminder_lead_hours(post.occasion_key)) is not None:
        return t.ngettext("{count} hour before", "{count} hours before", hours)
    if post.days_left:
        return _days_before(post.days_left, t)
    return t.gettext("Release day")


def reminder_list_embed(status: ReminderStatus | None, t: Language = ENGLISH) -> discord.Embed:
    """/remindme when: list — the fan's own reminder: its lead times, when each DM goes, how to cancel."""
    remindme = command_mention("remindme", t)
    cancel = t.gettext(
        "Cancel with `{command} {option}: off`.", command=remindme, option=t.pgettext("option", "when")
    )
    if status is None:
        return _embed(
            t.gettext("Your reminders"),
            t.gettext(
                "You have no reminder set. Set one with `{command}` (release day, and optionally 1 hour, "
                "1, 3, 7 or 30 days before).",
                command=remindme,
            ),
        )
    leads = [t.gettext("release day")]
    if status.milestone_days:
        leads.append(_days_before(status.milestone_days, t))
    if status.lead_hours:
        leads.append(_hours_before(status.lead_hours, t))
    lines = [
        t.gettext(
            "Set: {leads} (times in {timezone} for a release known only to the day).",
            leads=", ".join(leads),
            timezone=status.timezone,
        )
    ]
    if status.state != "active":
        lines.append(
            t.gettext(
                "Paused: I could not send you a direct message. Allow DMs from this server's members, "
                "then run `{command}` again.",
                command=remindme,
            )
        )
    elif status.waiting_for_date:
        lines.append(t.gettext("The date isn't announced yet: I'll plan your DMs as soon as it is."))
    elif not status.next_reminders:
        lines.append(t.gettext("Nothing left to send: the release has come."))
    for post in status.next_reminders:
        lines.append(f"**{_reminder_label(post, t)}**: {_when(post.due_at)}")
    lines.append(cancel)
    return fit_embed(_embed(t.gettext("Your reminders"), "\n".join(lines)))


def _event_line(event: EventStatus, shown: Callable[[str | None, str], str], t: Language = ENGLISH) -> str:
    if not event.wanted:
        return t.gettext(
            "Off (turn it on with `{command} {option}: True`).",
            command=command_mention("announcements setup", t),
            option=t.pgettext("option", "event"),
        )
    if event.link is not None:
        count = t.gettext("unknown") if event.interested is None else t.number(event.interested)
        line = event.link + "\n" + t.gettext("Interested: {count}", count=count)
        return line + ("\n" + t.gettext("Note: {note}", note=shown(event.reason, "")) if event.reason else "")
    if event.state == "canceled":
        reason = shown(event.reason, t.gettext("the release no longer has an exact time"))
        return t.gettext("Cancelled: {reason}.", reason=reason)
    return t.gettext(
        "Not created yet: {reason}.", reason=shown(event.reason, t.gettext("waiting for the next check"))
    )


def reminder_embed(
    status: ReminderStatus | None, *, cancelled: bool = False, t: Language = ENGLISH
) -> discord.Embed:
    if cancelled:
        return _embed(
            t.gettext("Reminder cancelled"), t.gettext("You won't get a DM from me about the release.")
        )
    if status is None:
        return _embed(t.gettext("No reminder"), t.gettext("You had no reminder set."))
    leads = [t.gettext("I'll send you a direct message on release day")]
    if status.milestone_days:
        leads.append(t.gettext("and {lead}", lead=_days_before(status.milestone_days, t)))
    if status.lead_hours:
        leads.append(t.gettext("and {lead}", lead=_hours_before(status.lead_hours, t)))
    text = ", ".join(leads) + "."
    if status.waiting_for_date:
        text += " " + t.gettext(
            "The exact date isn't announced yet; your reminder will follow it once it is."
        )
    for post in status.next_reminders:
        text += "\n" + t.gettext("Next: {when}", when=_when(post.due_at))
    text += "\n" + t.gettext(
        "Make sure you accept direct messages from this server's members. Cancel with `{command} {option}: off`.",
        command=command_mention("remindme", t),
        option=t.pgettext("option", "when"),
    )
    return _embed(t.gettext("Reminder set"), text)
