"""Everything the bot shows in Discord is built here: embeds, Discord timestamps, and Discord's size limits.

Cogs call these functions with service results; nothing else in the bot formats messages, so a limit or a
style is changed in one place.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

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
)
from bot.domain.release import ReleaseDate
from bot.services.announcements import Announcement, GuildStatus, PlannedPost, ReminderStatus
from bot.services.answering import Answer, AnswerResult, NoAnswer, PartialAnswer, Refusal
from bot.services.calendar import CalendarFile
from bot.services.countdown import CountdownStatus, Phase, countdown_status
from bot.services.gaps import AskGap, GapKind
from bot.services.premiere_events import EventStatus

if TYPE_CHECKING:
    from bot.services.editing import Applied, EditRecord, Proposal
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

STATUS_LABELS = {"confirmed": "", "expected": " (expected)", "reported": " (reported)"}


def discord_timestamp(moment: datetime, style: str = "R") -> str:
    """Discord's own markup: each reader sees the moment in their time zone, and 'R' stays live."""
    return f"<t:{int(moment.timestamp())}:{style}>"


def days_to_go(days: int) -> str:
    return f"{days} day to go" if days == 1 else f"{days} days to go"


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def format_as_of(as_of: str) -> str:
    try:
        day = datetime.fromisoformat(as_of).date()
    except ValueError:
        return as_of
    return f"{day.day} {day:%B %Y}"


def source_footer(sources: Iterable[SourceRef]) -> str:
    """'Source: X (as of 28 July 2025) · Y (as of ...)', each source once, in order of first use."""
    seen: dict[str, str] = {}
    for source in sources:
        seen.setdefault(source.title, source.as_of)
    labels = [f"{title} (as of {format_as_of(as_of)})" for title, as_of in seen.items()]
    prefix = "Source: " if len(labels) == 1 else "Sources: "
    return truncate(prefix + " · ".join(labels), FOOTER_LIMIT)


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
    title: str, description: str = "", *, sources: Sequence[SourceRef] = (), url: str | None = None
) -> discord.Embed:
    embed = discord.Embed(title=title, description=description or None, colour=BRAND_COLOUR, url=url)
    if sources:
        embed.set_footer(text=source_footer(sources))
    return embed


def _lines_field(embed: discord.Embed, name: str, lines: Sequence[str]) -> None:
    """Add lines as one or more fields, splitting at line boundaries to respect the field limit."""
    chunk: list[str] = []
    size = 0
    part = 0
    for line in lines:
        line = truncate(line, FIELD_VALUE_LIMIT)
        if chunk and size + len(line) + 1 > FIELD_VALUE_LIMIT:
            embed.add_field(
                name=name if part == 0 else f"{name} (cont.)", value="\n".join(chunk), inline=False
            )
            chunk, size, part = [], 0, part + 1
        chunk.append(line)
        size += len(line) + 1
    if chunk:
        embed.add_field(name=name if part == 0 else f"{name} (cont.)", value="\n".join(chunk), inline=False)


# --- fan commands -----------------------------------------------------------------------------------------
# What to try instead when /ask has no answer.
SUGGESTIONS = "/cast, /director, /crew, /timeline, /about or /countdown"


def no_answer_text(missing: Sequence[str] = ()) -> str:
    """The honest reply to a question the knowledge base does not answer (/ask and `python -m bot ask`)."""
    what = f"{_join_words(missing)} in my notes" if missing else "an answer to that in my notes"
    return (
        f"I don't have {what} on Heartstopper Forever, and I won't guess. "
        f"Try {SUGGESTIONS}, or ask about the cast, the director, filming or the release."
    )


def refusal_text() -> str:
    """The reply to a request that is not a question about the film (a sum, a joke, another show...)."""
    return (
        "I only answer questions about Heartstopper Forever, from my notes on it (each with its source). "
        f"Try {SUGGESTIONS}, or ask about the cast, the director, filming or the release."
    )


def answer_body(result: AnswerResult) -> str:
    """The text of an /ask reply, the same in Discord, in `python -m bot ask` and in the playground."""
    if isinstance(result, Refusal):
        return refusal_text()
    if isinstance(result, NoAnswer):
        return no_answer_text(result.missing)
    body = "\n\n".join(statement.text for statement in result.all_statements)
    if isinstance(result, PartialAnswer) and result.missing:
        body = f"I don't have {_join_words(result.missing)}. What I know:\n\n{body}"
    return body


def answer_sources(result: AnswerResult) -> list[SourceRef]:
    if isinstance(result, Answer):
        return [statement.source for statement in result.all_statements]
    return []


def _join_words(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def answer_embed(question: str, result: AnswerResult) -> discord.Embed:
    if isinstance(result, Refusal):
        embed = _embed("That's not something I can help with", answer_body(result))
    elif isinstance(result, NoAnswer):
        embed = _embed("I don't know that one", answer_body(result))
    else:
        sources = answer_sources(result)
        embed = _embed("Heartstopper Forever", answer_body(result), sources=sources, url=sources[0].url)
    embed.set_author(name=truncate(f"Q: {question}", 256))
    return fit_embed(embed)


def cast_embed(
    members: Sequence[CastMember], *, heading: str = "Cast of Heartstopper Forever"
) -> discord.Embed:
    lines = []
    for member in members:
        status = STATUS_LABELS.get(member.status, "")
        if member.actor:
            reprise = ", reprising the role" if member.reprises else ""
            lines.append(f"**{member.actor}** as {member.character}{status}{reprise}")
        else:
            lines.append(f"**{member.character}**{status}, actor not yet announced")
    embed = _embed(heading, sources=[member.source for member in members])
    _lines_field(embed, "Who's who", lines)
    notes = sorted({member.note for member in members if member.note and not member.actor})
    if notes:
        embed.description = truncate(
            " ".join(note[0].upper() + note[1:] + "." for note in notes), DESCRIPTION_LIMIT
        )
    return fit_embed(embed)


def cast_lookup_embed(lookup: CastLookup) -> discord.Embed:
    """The entries a /cast query found, headed by the person it named, or "Cast" when it found several."""
    return cast_embed(lookup.members, heading=lookup.named or "Cast")


def unknown_cast_embed(query: str, suggestions: Sequence[str]) -> discord.Embed:
    text = f"I have no one called “{truncate(query, 100)}” in the cast of Heartstopper Forever."
    if suggestions:
        text += " Try one of: " + ", ".join(suggestions[:10]) + "."
    return error_embed(text, title="Not in the cast (yet)")


def crew_embed(members: Sequence[CrewMember], *, heading: str) -> discord.Embed:
    embed = _embed(heading, sources=[member.source for member in members])
    by_role: dict[str, list[str]] = {}
    introduced: set[str] = set()  # say what someone is known for once, not under each of their roles
    for member in members:
        line = f"**{member.name}**{STATUS_LABELS.get(member.status, '')}"
        if member.known_for and member.name not in introduced:
            line += f", known for {', '.join(member.known_for)}"
        introduced.add(member.name)
        by_role.setdefault(member.role_title, []).append(line)
    for role, lines in by_role.items():
        _lines_field(embed, role if len(lines) == 1 else f"{role}s", lines)
    return fit_embed(embed)


def director_embed(directors: Sequence[CrewMember]) -> discord.Embed:
    if not directors:
        return error_embed("No director is recorded yet.")
    names = " and ".join(director.name for director in directors)
    works = [work for director in directors for work in director.known_for]
    text = f"**{names}** directs Heartstopper Forever."
    if works:
        text += f"\nEarlier films: {', '.join(works)}."
    return fit_embed(_embed("Director", text, sources=[director.source for director in directors]))


def timeline_embed(events: Sequence[TimelineEvent], *, release_statement: str | None = None) -> discord.Embed:
    """The timeline; ``release_statement`` (the release in the tense of today) replaces the release event's
    summary, which the data file words once, before the release."""
    embed = _embed("Heartstopper Forever: the story so far", sources=[event.source for event in events])
    for event in events:
        summary = release_statement if release_statement and event.kind == "release" else event.summary
        embed.add_field(name=f"{event.when} · {event.title}", value=summary, inline=False)
    return fit_embed(embed)


def about_embed(film: FilmInfo, release: ReleaseInfo, status: CountdownStatus) -> discord.Embed:
    kind = film.kind[0].upper() + film.kind[1:]
    lines = [f"{kind}: {film.role_in_series or film.series}"]
    if film.instead_of:
        lines[0] += f", made in place of {film.instead_of}"
    lines[0] += "."
    if film.episode_number:
        previous = f", following “{film.previous_episode}”" if film.previous_episode else ""
        lines.append(f"Episode {film.episode_number} of {film.series}{previous}.")
    embed = _embed(film.title, "\n".join(lines), sources=[film.source, release.source])
    embed.add_field(name="Story", value=film.synopsis, inline=False)
    if film.source_materials:
        embed.add_field(name="Based on", value="\n".join(film.source_materials), inline=False)
    embed.add_field(name="Where to watch", value=release.platform, inline=True)
    embed.add_field(name="Release", value=release_wording(status, release), inline=True)
    return fit_embed(embed)


def release_wording(status: CountdownStatus, release: ReleaseInfo) -> str:
    """The release in words, as precise as the data and no more."""
    date = status.release
    platform = release.platform
    if status.phase is Phase.UNDATED:
        return f"Expected {date.describe()} on {platform}; the exact date has not been announced."
    if status.phase is Phase.OVERDUE:
        # The announced year or month has passed and the data has no date: say only what is known.
        return f"Expected {date.describe()}; no date has been announced. It will be on {platform}."
    if status.phase is Phase.OUT:
        when = (
            discord_timestamp(status.instant, "D") if status.instant else date.describe().removeprefix("on ")
        )
        return f"Out now on {platform}! Released {when}."
    if status.instant is not None:
        moment = f"{discord_timestamp(status.instant, 'F')} ({discord_timestamp(status.instant, 'R')})"
        if status.phase is Phase.RELEASE_DAY:
            return f"It's release day! On {platform} {moment}."
        return f"On {platform} {moment}."
    if status.phase is Phase.RELEASE_DAY:
        return f"It's release day! Out today on {platform}."
    return f"On {platform} {date.describe()}: **{days_to_go(status.days_left or 0)}**."


def countdown_embed(status: CountdownStatus, release: ReleaseInfo) -> discord.Embed:
    titles = {
        Phase.UNDATED: "Countdown: date to be announced",
        Phase.OVERDUE: "Countdown: date to be announced",
        Phase.UPCOMING: "Countdown to Heartstopper Forever",
        Phase.RELEASE_DAY: "It's Heartstopper Forever day!",
        Phase.OUT: "Heartstopper Forever is out",
    }
    embed = _embed(titles[status.phase], release_wording(status, release), sources=[release.source])
    if status.phase in (Phase.UPCOMING, Phase.RELEASE_DAY):
        embed.add_field(name=CALENDAR_LABEL, value=CALENDAR_HINT, inline=False)
    elif status.phase in (Phase.UNDATED, Phase.OVERDUE):
        embed.add_field(name=CALENDAR_LABEL, value=CALENDAR_WAITING, inline=False)
    return fit_embed(embed)


CALENDAR_HINT = (
    "Open the attached .ics file to add the release to your calendar. If the date moves, run /countdown again "
    "and open the new file: your calendar updates the same entry instead of adding a second one."
)
CALENDAR_WAITING = "A calendar file comes with /countdown once the day is announced."


def calendar_attachment(calendar: CalendarFile) -> discord.File:
    """The .ics file under /countdown (a fresh File each time: discord.py reads its bytes once)."""
    return discord.File(
        io.BytesIO(calendar.data), filename=calendar.filename, description="Add the release to your calendar"
    )


def watch_button(release: ReleaseInfo) -> discord.ui.View | None:
    """A link button to the film on its platform, when the data has the address."""
    return post_buttons_view(release, ())


def post_buttons_view(
    watch: ReleaseInfo | None, items: Sequence[discord.ui.Item[discord.ui.View]]
) -> discord.ui.View | None:
    """The buttons under a post or /countdown: the watch link (when ``watch`` is given and has an address), then
    the fan buttons ``items`` (see ``bot.cogs.fan_buttons``); None when there are none.

    The fan buttons are persistent through their registered DynamicItems, not through this view, so the view is
    stopped: discord.py keeps no copy of a stopped view, where it would otherwise keep one per post, forever."""
    view = discord.ui.View(timeout=None)
    if watch is not None and watch.platform_url:
        view.add_item(discord.ui.Button(label=f"Watch on {watch.platform}", url=watch.platform_url))
    for item in items:
        view.add_item(item)
    if not view.children:
        return None
    view.stop()
    return view


# --- fan buttons: "Ping me here" and "DM me on release day" (bot/cogs/fan_buttons.py) ----------------------
PING_ME_LABEL = "Ping me here"
DM_ME_LABEL = "DM me on release day"
CANCEL_REMINDER_LABEL = "Cancel my reminder"


def ping_me_button(*, custom_id: str) -> discord.ui.Button[discord.ui.View]:
    return discord.ui.Button(
        label=PING_ME_LABEL, emoji="\N{BELL}", style=discord.ButtonStyle.secondary, custom_id=custom_id
    )


def dm_me_button(*, custom_id: str) -> discord.ui.Button[discord.ui.View]:
    return discord.ui.Button(
        label=DM_ME_LABEL, emoji="\N{ENVELOPE}", style=discord.ButtonStyle.secondary, custom_id=custom_id
    )


def cancel_reminder_button(*, custom_id: str) -> discord.ui.Button[discord.ui.View]:
    return discord.ui.Button(
        label=CANCEL_REMINDER_LABEL, style=discord.ButtonStyle.danger, custom_id=custom_id
    )


def ping_toggled_line(role_id: int, *, added: bool) -> str:
    """The one ephemeral line after "Ping me here" (role mentions in replies ping nobody: mentions are off)."""
    if added:
        return f"You'll be pinged here with each countdown post: you have <@&{role_id}> now. Click again to stop."
    return f"You won't be pinged here any more: <@&{role_id}> removed. Click again to be pinged."


def _next_reminder(status: ReminderStatus) -> str:
    if status.next_reminders:
        return f" Next DM: {_when(status.next_reminders[0].due_at)}."
    if status.waiting_for_date:
        return " The date isn't announced yet: I'll plan the DM as soon as it is."
    return ""


def reminder_set_line(status: ReminderStatus) -> str:
    """The ephemeral line after "DM me on release day" set a reminder."""
    return (
        "Done: I'll send you a direct message on release day." + _next_reminder(status) + " More lead "
        "times (1 hour, 1 day before...) with `/remindme`; see yours with `/remindme when: list`."
    )


def reminder_exists_line(status: ReminderStatus) -> str:
    """The second click of "DM me on release day": the reminder the fan has, offered to cancel."""
    leads = ["release day"]
    if status.milestone_days:
        leads.append(_days_before(status.milestone_days))
    if status.lead_hours:
        leads.append(_hours_before(status.lead_hours))
    line = f"You already have a reminder: {', '.join(leads)}." + _next_reminder(status)
    if status.state != "active":
        line += (
            " It is paused: I could not DM you. Allow DMs from this server's members, then `/remindme` again."
        )
    return line + " Cancel it?"


def reminder_confirmation_dm(status: ReminderStatus) -> str:
    """The DM that proves the bot can reach the fan, sent when a button sets their reminder."""
    return "You asked me for a direct message on release day: it will come here." + _next_reminder(status)


def reminder_cancelled_line(*, had_one: bool) -> str:
    return "Reminder cancelled: no DM from me about the release." if had_one else "You had no reminder set."


# --- the countdown card (Components V2) ----------------------------------------------------------------------
# Discord's limits for a layout message: 40 components in all (nested ones count), 4,000 characters of text.
LAYOUT_COMPONENT_LIMIT = 40
LAYOUT_TEXT_LIMIT = 4000
ACTION_ROW_LIMIT = 5  # buttons in one row
CARD_FILENAME = "countdown.png"
CALENDAR_LABEL = "Add to calendar"


@dataclass(frozen=True, slots=True)
class Card:
    """A countdown card ready to send: the layout (``view=``) and the files it shows (``files=``)."""

    view: discord.ui.LayoutView
    files: list[discord.File]


def _face_for_days(days: int | None, release: ReleaseInfo) -> CardFace:
    if days is None:
        return CardFace("SOON", "DATE TO BE ANNOUNCED")
    if days <= 0:
        return CardFace("TODAY", f"ON {release.platform.upper()}")
    return CardFace(str(days), "DAY TO GO" if days == 1 else "DAYS TO GO")


def announcement_face(announcement: Announcement, release: ReleaseInfo) -> CardFace:
    """What a post's card picture says: the days to go, "TODAY" or "OUT NOW"."""
    out_now = CardFace("OUT NOW", f"ON {release.platform.upper()}")
    if announcement.kind is AnnouncementKind.OUT_NOW:
        return out_now
    if announcement.kind is AnnouncementKind.NEWS:
        status = countdown_status(announcement.release, announcement.due_at)
        if status.phase is Phase.OUT:
            return out_now
        return _face_for_days(status.days_left, release)
    return _face_for_days(announcement.days_left, release)


def countdown_face(status: CountdownStatus, release: ReleaseInfo) -> CardFace:
    """What /countdown's card picture says."""
    if status.phase is Phase.OUT:
        return CardFace("OUT NOW", f"ON {release.platform.upper()}")
    if status.phase is Phase.RELEASE_DAY:
        return _face_for_days(0, release)
    return _face_for_days(status.days_left, release)


def _face_heading(face: CardFace) -> str:
    if face.headline.isdigit():
        return days_to_go(int(face.headline))
    return {"TODAY": "Release day", "OUT NOW": "Out now", "SOON": "Date to be announced"}.get(
        face.headline, face.headline.capitalize()
    )


def _watch_link(release: ReleaseInfo) -> discord.ui.Button[discord.ui.LayoutView] | None:
    if not release.platform_url:
        return None
    return discord.ui.Button(label=f"Watch on {release.platform}", url=release.platform_url)


def _card(
    *,
    title: str,
    heading: str,
    body: str,
    footer: str,
    png: bytes | None,
    alt: str,
    above: str | None = None,
    attachments: Sequence[tuple[str, discord.File]] = (),
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
    files: list[discord.File] = []
    if png is not None:
        files.append(discord.File(io.BytesIO(png), filename=CARD_FILENAME, description=alt))
        children.append(
            discord.ui.MediaGallery(
                discord.MediaGalleryItem(f"attachment://{CARD_FILENAME}", description=alt)
            )
        )
    for filename, file in attachments:
        children.append(discord.ui.File(f"attachment://{filename}"))
        files.append(file)
    children.append(discord.ui.TextDisplay(f"-# {footer}"))
    # A row holds five buttons: more than that (none today) would be refused, so the last ones are left out.
    buttons = list(actions)[:ACTION_ROW_LIMIT]
    if buttons:
        children.append(discord.ui.ActionRow(*buttons))
    view = discord.ui.LayoutView(timeout=None)
    if above:
        view.add_item(discord.ui.TextDisplay(above))
    view.add_item(discord.ui.Container(*children, accent_colour=BRAND_COLOUR))
    assert view.total_children_count <= LAYOUT_COMPONENT_LIMIT and view.content_length() <= LAYOUT_TEXT_LIMIT
    return Card(view, files)


def announcement_card(
    announcement: Announcement,
    release: ReleaseInfo,
    png: bytes | None,
    *,
    marker: str | None = None,
    role_id: int | None = None,
    preview: str | None = None,
    actions: Sequence[discord.ui.Item[discord.ui.LayoutView]] = (),
) -> Card:
    """The post as a card: the same words as :func:`announcement_embed`, the picture ``png`` (drawn by
    ``bot.art`` from :func:`announcement_face`), the role ping above the card, the watch button when the post
    has one, then ``actions`` (more buttons, in the same row). ``marker`` leads the source line, as it leads
    the embed's footer; ``preview`` is a small line above the card (for /announcements preview). Without
    ``png`` the card has no picture (an edit where the bot may not upload one)."""
    wording = _announcement_wording(announcement, release)
    face = announcement_face(announcement, release)
    countdown = announcement.kind not in (AnnouncementKind.NEWS, AnnouncementKind.OUT_NOW)
    title = f"Countdown to {release.film_title}" if countdown else wording.title
    # The days to go are the card's heading: the text says only when.
    text = wording.text.replace(f": **{days_to_go(announcement.days_left or 0)}**", "")
    body = "\n".join((text, *wording.notes))
    footer = source_footer([release.source])
    if marker:
        footer = f"{marker} · {footer}"
    watch = _watch_link(release) if announcement.show_watch_link else None
    return _card(
        title=title,
        heading=wording.title.rstrip("!") if not countdown else _face_heading(face),
        body=body,
        footer=footer,
        png=png,
        alt=f"{release.film_title}: {_face_heading(face).lower()}",
        above=announcement_content(role_id) or (f"-# {preview}" if preview else None),
        actions=[*([watch] if watch else []), *actions],
    )


def countdown_card(
    status: CountdownStatus,
    release: ReleaseInfo,
    png: bytes,
    *,
    calendar: CalendarFile | None = None,
    actions: Sequence[discord.ui.Item[discord.ui.LayoutView]] = (),
) -> Card:
    """/countdown as a card: the release in each reader's own time, the picture (:func:`countdown_face`), the
    calendar file when there is one, the watch button once it is release day, then ``actions``."""
    embed = countdown_embed(status, release)  # the same title and words as the classic reply
    face = countdown_face(status, release)
    body = release_wording(status, release)
    hint = CALENDAR_HINT if calendar is not None else CALENDAR_WAITING
    if status.phase in (Phase.UPCOMING, Phase.RELEASE_DAY, Phase.UNDATED, Phase.OVERDUE):
        body += f"\n**{CALENDAR_LABEL}**: {hint}"
    watch = _watch_link(release) if status.phase in (Phase.RELEASE_DAY, Phase.OUT) else None
    return _card(
        title=embed.title or release.film_title,
        heading=_face_heading(face),
        body=body,
        footer=source_footer([release.source]),
        png=png,
        alt=f"{release.film_title}: {_face_heading(face).lower()}",
        attachments=[(calendar.filename, calendar_attachment(calendar))] if calendar else (),
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
NOT_WHAT_I_ASKED_LABEL = "Not what I asked"


def suggestion_button(question: str, *, custom_id: str) -> discord.ui.Button[discord.ui.View]:
    """A button that asks ``question`` as /ask would (offered when /ask had no answer)."""
    return discord.ui.Button(
        label=truncate(question, BUTTON_LABEL_LIMIT), style=discord.ButtonStyle.primary, custom_id=custom_id
    )


def not_what_i_asked_button(*, custom_id: str) -> discord.ui.Button[discord.ui.View]:
    """The small button under an /ask answer that tells the owners the answer missed the question."""
    return discord.ui.Button(
        label=NOT_WHAT_I_ASKED_LABEL, style=discord.ButtonStyle.secondary, custom_id=custom_id
    )


def buttons_view(items: Sequence[discord.ui.Item[discord.ui.View]]) -> discord.ui.View | None:
    """The buttons under a reply (persistent: no timeout), or None when there are none."""
    if not items:
        return None
    view = discord.ui.View(timeout=None)
    for item in items:
        view.add_item(item)
    return view


def not_what_i_asked_thanks_embed() -> discord.Embed:
    return notice_embed(
        "Thanks, noted",
        "I've noted that this answer missed your question. The bot's owners look at what fans ask "
        "to teach me better answers.",
    )


_GAP_KINDS = {GapKind.UNANSWERED: "no answer", GapKind.NOT_WHAT_I_ASKED: "“not what I asked”"}


def gaps_embed(gaps: Sequence[AskGap], *, retention_days: int) -> discord.Embed:
    """/kb gaps: the most-asked questions without a (good) answer, each with its count and when last asked."""
    intro = (
        "What fans asked that I had no answer for, or flagged “Not what I asked”, most asked first. "
        f"Questions are kept {retention_days} days after they were last asked."
    )
    if not gaps:
        return _embed("Ask gaps", f"No gaps recorded in the last {retention_days} days.")
    lines: list[str] = []
    size = len(intro) + 2
    for index, gap in enumerate(gaps):
        # Normalised text has no markdown left; escaping anyway keeps any future text inside its line.
        question = discord.utils.escape_markdown(truncate(gap.question, 200))
        line = (
            f"**{gap.count}×** {question} · {_GAP_KINDS[gap.kind]} · "
            f"last {discord_timestamp(gap.last_asked, 'R')}"
        )
        more = f"…and {len(gaps) - index} more"
        if size + len(line) + 1 + len(more) > DESCRIPTION_LIMIT:
            lines.append(more)
            break
        lines.append(line)
        size += len(line) + 1
    return fit_embed(_embed("Ask gaps", intro + "\n\n" + "\n".join(lines)))


_HELP_FIELDS = {
    Audience.EVERYONE: "Commands",
    Audience.ADMINS: "For server admins",
    Audience.EDITORS: "For the knowledge base's editors",
    Audience.OWNERS: "For the bot's owners",
}


def help_embed(commands: Sequence[CommandHelp]) -> discord.Embed:
    embed = _embed(
        "Heartstopper Forever bot",
        "I answer questions about Heartstopper Forever from my own notes, each with its source, "
        "and I can post the release countdown in your server.",
    )
    for audience, field_name in _HELP_FIELDS.items():
        lines = [_help_line(command) for command in commands if command.audience is audience]
        if lines:
            _lines_field(embed, field_name, lines)
    return fit_embed(embed)


def _help_line(command: CommandHelp) -> str:
    line = f"`/{command.usage}`: {command.description}"
    if command.off_usage:
        line += f" (`/{command.off_usage}` to cancel)"
    return line


# --- /kb: changing the knowledge base -----------------------------------------------------------------------
def _code_block(text: str, language: str = "") -> str:
    # A line of the data file could hold ``` itself; a zero-width space keeps it from closing the block.
    safe = text.replace("```", "`\u200b``")
    return f"```{language}\n{safe}\n```"


def kb_preview_embed(proposal: Proposal, *, timeout_minutes: int) -> discord.Embed:
    """What the data file will say once the editor confirms (``-`` lines go, ``+`` lines come)."""
    text = (
        f"**{proposal.summary}**\nSource: <{proposal.source_url}>\n"
        + _code_block(truncate(proposal.preview, DESCRIPTION_LIMIT - 600), "diff")
        + f"\nNothing is written until you press **Confirm** (within {timeout_minutes} minutes)."
    )
    return fit_embed(_embed("Change the knowledge base?", text))


def kb_applied_embed(applied: Applied) -> discord.Embed:
    return fit_embed(
        _embed(
            "Knowledge base changed",
            f"{applied.summary}.\nChange #{applied.edit_id}; data version `{applied.version}`. "
            "Answers and countdowns already follow it; `/kb undo` puts it back.",
        )
    )


def kb_cancelled_embed(*, expired: bool = False, restarted: bool = False) -> discord.Embed:
    """A preview that was not confirmed: cancelled, expired, or shown by the bot before it restarted."""
    if restarted:
        why = "I restarted since this preview, so its buttons no longer work"
    else:
        why = "The preview expired" if expired else "Cancelled"
    again = " Run the command again to make the change." if expired or restarted else ""
    return fit_embed(_embed("Nothing changed", f"{why}: the data file was not touched.{again}"))


def _editor(name: str) -> str:
    # A Discord user id shows as a mention (an embed never pings); "cli:NAME" as it is.
    return f"<@{name}>" if name.isdigit() else f"`{name}`"


def kb_history_embed(records: Sequence[EditRecord]) -> discord.Embed:
    if not records:
        return _embed("Knowledge base history", "No changes have been made through /kb yet.")
    lines = []
    for record in records:
        undone = f" (undone by #{record.undone_by})" if record.undone_by else ""
        lines.append(
            f"**#{record.id}** {discord_timestamp(record.made_at, 'f')} by {_editor(record.editor)}: "
            f"{truncate(record.summary, 200)}{undone} · <{truncate(record.source_url, 300)}>"
        )
    description, size = [], 0
    for line in lines:
        if size + len(line) + 1 > DESCRIPTION_LIMIT - 100:
            description.append(f"… and {len(lines) - len(description)} earlier")
            break
        description.append(line)
        size += len(line) + 1
    return fit_embed(_embed("Knowledge base history", "\n".join(description)))


def notice_embed(title: str, text: str) -> discord.Embed:
    return fit_embed(_embed(title, text))


def error_embed(text: str, *, title: str = "Hmm, that didn't work") -> discord.Embed:
    return fit_embed(discord.Embed(title=title, description=text, colour=ERROR_COLOUR))


# --- announcements ----------------------------------------------------------------------------------------
def _release_moment(release: ReleaseDate) -> str:
    """The release as precisely as known: a live Discord timestamp for an exact hour, else words."""
    if release.instant is not None:
        return f"{discord_timestamp(release.instant, 'F')} ({discord_timestamp(release.instant, 'R')})"
    return release.describe()


@dataclass(frozen=True, slots=True)
class _Wording:
    """One post in words, whatever shape it is sent in (the classic embed or the card)."""

    title: str
    text: str
    notes: tuple[str, ...]


def _announcement_wording(announcement: Announcement, release: ReleaseInfo) -> _Wording:
    title_text = release.film_title
    platform = release.platform
    days = announcement.days_left
    when = _release_moment(announcement.release)
    if announcement.kind is AnnouncementKind.NEWS:
        previous = announcement.previous_release
        title = f"Release news: {title_text}"
        if announcement.release.is_out(announcement.due_at):
            # The data gained a date that had already passed (it was updated late): news of the past.
            text = f"{title_text} came out on {platform} {when}."
            if previous is not None:
                text += f" (It was expected {previous.describe()}.)"
        elif previous is None or not previous.is_dated:
            text = f"{title_text} now has a release date: it arrives on {platform} {when}."
        elif previous.release_day == announcement.release.release_day:
            text = f"{title_text} now has a release time: {when} on {platform}."
        else:
            text = (
                f"{title_text} has moved: it now arrives on {platform} {when} (it was {previous.describe()})."
            )
        if not announcement.release.is_out(announcement.due_at):
            text += "\nThe countdown here follows the new date."
    elif announcement.kind is AnnouncementKind.OUT_NOW:
        title = f"Out now on {platform}!"
        text = f"{title_text} is out now on {platform}. Enjoy the film!"
    elif (lead_hours := reminder_lead_hours(announcement.occasion_key)) is not None:
        # A fan's "1 hour before" reminder: the release is pinned to an exact time, an hour from now.
        title = f"{lead_hours} hour{'s' if lead_hours != 1 else ''} to go!"
        text = f"{title_text} arrives on {platform} {when}."
    elif days == 0:
        title = f"It's {title_text} day!"
        text = f"{title_text} is out today on {platform}."
        if announcement.release.instant is not None:
            text = f"{title_text} arrives on {platform} today, {when}."
    else:
        title = f"{days_to_go(days or 0)}!"
        text = f"{title_text} arrives on {platform} {when}: **{days_to_go(days or 0)}**."
    if announcement.kind is AnnouncementKind.REMINDER:
        title = f"Your reminder: {title[0].lower()}{title[1:]}"
    notes = []
    if announcement.late:
        notes.append("Posted late: I was offline when this was due.")
    if announcement.folded_count:
        missed = announcement.folded_count
        notes.append(
            f"({missed} earlier countdown post{'s' if missed != 1 else ''} missed while I was offline.)"
        )
    return _Wording(title, text, tuple(notes))


def announcement_embed(
    announcement: Announcement, release: ReleaseInfo, *, marker: str | None = None
) -> discord.Embed:
    """The countdown post, release-day post, news post or personal reminder, worded for its occasion.

    ``marker`` (the delivery's short reference) leads the footer: it is how the bot recognises its own post when
    it reads the channel after an outage longer than Discord remembers a nonce."""
    wording = _announcement_wording(announcement, release)
    embed = _embed(wording.title, wording.text, sources=[release.source])
    if wording.notes:
        embed.add_field(name="Note", value=" ".join(wording.notes), inline=False)
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
    "card": "card (a picture with the days to go)",
    "classic": "classic (an embed)",
}


def _when(moment: datetime) -> str:
    return f"{discord_timestamp(moment, 'F')} ({discord_timestamp(moment, 'R')})"


_DELIVERY_STATES = {
    "sent": "posted",
    "failed": "failed",
    "skipped": "skipped (missed while offline, beyond the grace window)",
    "folded": "folded into a later post",
}


def announcement_status_embed(
    status: GuildStatus,
    channel_names: dict[int, str],
    *,
    title: str = "Countdown announcements",
    changes: Sequence[str] | None = None,
    token: str | None = None,
    event: EventStatus | None = None,
    ping_buttons: Mapping[int, str | None] | None = None,
) -> discord.Embed:
    """``/announcements status``, or setup's reply (``title``, and ``changes`` when setup re-ran).

    ``ping_buttons``: per channel, why its posts have no "Ping me here" button (None: they have it).

    ``event``: the server's premiere event (its link and interested count, or why there is none).

    ``token``: the bot's token, redacted (as in the logs) from every stored reason shown.
    """

    def shown(reason: str | None, default: str) -> str:
        return redact(reason, token) if reason else default

    if not status.configured:
        return _embed(
            "Countdown announcements: not set up",
            "Nothing is posted here yet. Use `/announcements setup` to choose a channel.",
        )
    # Everything, the title included, is in place before fit_embed trims: a title set after trimming could
    # push the embed past Discord's 6,000 characters.
    embed = _embed(title)
    notes: list[str] = []
    if changes is not None:
        notes.append("Changed: " + "; ".join(changes) + "." if changes else "Nothing changed: same settings.")
    if not status.release.is_dated:
        notes.append(
            f"The release is expected {status.release.describe()}, with no exact date yet: the countdown starts "
            "when the date is announced, with a news post."
        )
    embed.description = "\n\n".join(notes) or None
    for subscription in status.subscriptions:
        lines = [
            f"Schedule: {subscription.schedule_description}",
            f"Time: {subscription.local_time} ({subscription.timezone})",
            f"Ping: <@&{subscription.role_id}>" if subscription.role_id else "Ping: nobody",
            f"Style: {STYLE_LABELS.get(subscription.post_style, subscription.post_style)}",
        ]
        if ping_buttons is not None and subscription.channel_id in ping_buttons:
            problem = ping_buttons[subscription.channel_id]
            lines.append(
                "Ping me here button: shown under posts"
                if problem is None
                else f"Ping me here button: not shown: {problem}"
            )
        if subscription.state != "active":
            lines.append(
                f"**{subscription.state.capitalize()}**: {shown(subscription.state_reason, 'no reason recorded')}"
            )
        for post in subscription.next_posts:
            if post.kind is AnnouncementKind.OUT_NOW:
                label = "out now (the release moment)"
            else:
                label = "release day" if post.days_left == 0 else days_to_go(post.days_left)
            lines.append(f"Next: {_when(post.due_at)}, {label}")
        if subscription.last_delivery is not None:
            last = subscription.last_delivery
            line = f"Last: {_DELIVERY_STATES.get(last.state, last.state)} {_when(last.at)}"
            if last.state == "failed" and last.error:
                line += f": {shown(last.error, '')}"  # the reason lives here when it is also the last failure
            lines.append(line)
        if subscription.last_failure is not None and subscription.last_failure != subscription.last_delivery:
            failure = subscription.last_failure
            lines.append(f"Last failure: {_when(failure.at)}: {shown(failure.error, 'unknown error')}")
        if (retry := subscription.retrying) is not None and retry.next_attempt_at is not None:
            lines.append(
                f"Last attempt failed: {shown(retry.error, 'unknown error')}, "
                f"retrying at {_when(retry.next_attempt_at)}"
            )
        if subscription.schedule.is_live:
            lines.append(
                _live_message_line(status.guild_id, subscription.channel_id, subscription.live_message_id)
            )
        if subscription.notice:
            lines.append(f"Note: {shown(subscription.notice, '')}")
        name = channel_names.get(subscription.channel_id) or f"<#{subscription.channel_id}>"
        embed.add_field(name=name, value="\n".join(lines), inline=False)
    if event is not None:
        embed.add_field(name="Premiere event", value=_event_line(event, shown), inline=False)
    return fit_embed(embed)


def _live_message_line(guild_id: int, channel_id: int, message_id: int | None) -> str:
    if message_id is None:
        return "Live message: posted at the next update"
    return f"Live message: https://discord.com/channels/{guild_id}/{channel_id}/{message_id}"


def _days_before(days: int) -> str:
    return f"{days} day{'s' if days != 1 else ''} before"


def _hours_before(hours: int) -> str:
    return f"{hours} hour{'s' if hours != 1 else ''} before the exact release time"


def _reminder_label(post: PlannedPost) -> str:
    """What one planned reminder DM is, in a fan's words."""
    if (hours := reminder_lead_hours(post.occasion_key)) is not None:
        return f"{hours} hour{'s' if hours != 1 else ''} before"
    if post.days_left:
        return _days_before(post.days_left)
    return "Release day"


def reminder_list_embed(status: ReminderStatus | None) -> discord.Embed:
    """/remindme when: list — the fan's own reminder: its lead times, when each DM goes, how to cancel."""
    if status is None:
        return _embed(
            "Your reminders",
            "You have no reminder set. Set one with `/remindme` (release day, and optionally 1 hour, "
            "1, 3, 7 or 30 days before).",
        )
    leads = ["release day"]
    if status.milestone_days:
        leads.append(_days_before(status.milestone_days))
    if status.lead_hours:
        leads.append(_hours_before(status.lead_hours))
    lines = [f"Set: {', '.join(leads)} (times in {status.timezone} for a release known only to the day)."]
    if status.state != "active":
        lines.append(
            "Paused: I could not send you a direct message. Allow DMs from this server's members, "
            "then run `/remindme` again."
        )
    elif status.waiting_for_date:
        lines.append("The date isn't announced yet: I'll plan your DMs as soon as it is.")
    elif not status.next_reminders:
        lines.append("Nothing left to send: the release has come.")
    for post in status.next_reminders:
        lines.append(f"**{_reminder_label(post)}**: {_when(post.due_at)}")
    lines.append("Cancel with `/remindme when: off`.")
    return fit_embed(_embed("Your reminders", "\n".join(lines)))


def _event_line(event: EventStatus, shown: Callable[[str | None, str], str]) -> str:
    if not event.wanted:
        return "Off (turn it on with `/announcements setup event: True`)."
    if event.link is not None:
        count = "unknown" if event.interested is None else str(event.interested)
        line = f"{event.link}\nInterested: {count}"
        return line + (f"\nNote: {shown(event.reason, '')}" if event.reason else "")
    if event.state == "canceled":
        return f"Cancelled: {shown(event.reason, 'the release no longer has an exact time')}."
    return f"Not created yet: {shown(event.reason, 'waiting for the next check')}."


def reminder_embed(status: ReminderStatus | None, *, cancelled: bool = False) -> discord.Embed:
    if cancelled:
        return _embed("Reminder cancelled", "You won't get a DM from me about the release.")
    if status is None:
        return _embed("No reminder", "You had no reminder set.")
    text = "I'll send you a direct message on release day"
    if status.milestone_days:
        text += f", and {_days_before(status.milestone_days)}"
    if status.lead_hours:
        text += f", and {_hours_before(status.lead_hours)}"
    text += "."
    if status.waiting_for_date:
        text += " The exact date isn't announced yet; your reminder will follow it once it is."
    for post in status.next_reminders:
        text += f"\nNext: {_when(post.due_at)}"
    text += "\nMake sure you accept direct messages from this server's members. Cancel with `/remindme when: off`."
    return _embed("Reminder set", text)
