"""Embeds stay inside Discord's limits however large the data grows, and show their sources."""

from __future__ import annotations

from datetime import UTC, datetime

import discord

from bot import rendering
from bot.domain.knowledge import CastMember, CrewMember, ReleaseInfo, SourceRef, TimelineEvent
from bot.domain.release import ReleaseDate
from bot.services.announcements import Announcement, AnnouncementKind
from bot.services.answering import Answerer
from bot.services.countdown import Phase, countdown_status
from bot.services.knowledge import KnowledgeService

SOURCE = SourceRef(title="Heartstopper Forever (Wikipedia article)", as_of="2025-07-28", url=None)


def within_limits(embed: discord.Embed) -> None:
    assert len(embed) <= rendering.EMBED_TOTAL_LIMIT
    assert len(embed.title or "") <= rendering.TITLE_LIMIT
    assert len(embed.description or "") <= rendering.DESCRIPTION_LIMIT
    assert len(embed.fields) <= rendering.FIELD_LIMIT
    for field in embed.fields:
        assert 0 < len(field.name or "") <= rendering.FIELD_NAME_LIMIT
        assert 0 < len(field.value or "") <= rendering.FIELD_VALUE_LIMIT
    assert len(embed.footer.text or "") <= rendering.FOOTER_LIMIT


def release_info(text: str, zone: str | None = None) -> ReleaseInfo:
    return ReleaseInfo(
        "Heartstopper Forever",
        "Netflix",
        "https://www.netflix.com/",
        ReleaseDate.parse(text, zone),
        "expected",
        SOURCE,
    )


def test_discord_timestamp_markup() -> None:
    moment = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
    assert rendering.discord_timestamp(moment) == f"<t:{int(moment.timestamp())}:R>"
    assert rendering.discord_timestamp(moment, "F").endswith(":F>")


def test_huge_cast_fits_in_one_embed() -> None:
    members = [
        CastMember(
            f"Character {index} " + "x" * 80, f"Actor {index} " + "y" * 80, "confirmed", True, None, SOURCE
        )
        for index in range(500)
    ]
    embed = rendering.cast_embed(members)
    within_limits(embed)
    assert "Actor 0" in embed.fields[0].value
    assert embed.footer.text == "Source: Heartstopper Forever (Wikipedia article) (as of 28 July 2025)"


def test_huge_timeline_and_crew_fit() -> None:
    events = [TimelineEvent("2025-07-27", "day", "filming", "T" * 300, "S" * 3000, SOURCE) for _ in range(60)]
    within_limits(rendering.timeline_embed(events))
    crew = [
        CrewMember("executive-producer", f"Name {i}" * 20, "confirmed", None, ("Film",) * 30, SOURCE)
        for i in range(200)
    ]
    within_limits(rendering.crew_embed(crew, heading="Behind it"))


async def test_real_data_embeds_fit_and_cite(knowledge: KnowledgeService, answerer: Answerer) -> None:
    release = await knowledge.release()
    now = datetime(2026, 1, 1, tzinfo=UTC)
    status = countdown_status(release.date, now)
    embeds = [
        rendering.cast_embed(await knowledge.cast()),
        rendering.crew_embed(await knowledge.crew(), heading="Behind Heartstopper Forever"),
        rendering.director_embed(await knowledge.crew(["director"])),
        rendering.timeline_embed(await knowledge.timeline()),
        rendering.about_embed(await knowledge.film(), release, status),
        rendering.countdown_embed(status, release),
        rendering.answer_embed("who plays Nick?", await answerer.answer("who plays Nick?")),
    ]
    for embed in embeds:
        within_limits(embed)
        assert embed.footer.text and "as of" in embed.footer.text
    assert "Wash Westmoreland" in embeds[2].description
    assert "Colette (2018)" in embeds[2].description


def test_countdown_wording_follows_precision() -> None:
    now = datetime(2026, 1, 1, 12, tzinfo=UTC)
    undated = release_info("2026")
    text = rendering.release_wording(countdown_status(undated.date, now), undated)
    assert "Expected in 2026" in text and "not been announced" in text and "<t:" not in text

    month = release_info("2026-05")
    assert "in May 2026" in rendering.release_wording(countdown_status(month.date, now), month)

    tomorrow = release_info("2026-01-02")
    assert "**1 day to go**" in rendering.release_wording(countdown_status(tomorrow.date, now), tomorrow)

    day = release_info("2026-01-11")
    text = rendering.release_wording(countdown_status(day.date, now), day)
    assert "10 days" in text and "11 January 2026" in text

    pinned = release_info("2026-01-11T08:00", "America/Los_Angeles")
    status = countdown_status(pinned.date, now)
    text = rendering.release_wording(status, pinned)
    unix = int(datetime(2026, 1, 11, 16, 0, tzinfo=UTC).timestamp())
    assert f"<t:{unix}:F>" in text and f"<t:{unix}:R>" in text

    after = countdown_status(pinned.date, datetime(2026, 2, 1, tzinfo=UTC))
    assert after.phase is Phase.OUT
    assert rendering.release_wording(after, pinned).startswith("Out now on Netflix")
    assert rendering.watch_button(pinned) is not None


def test_gaps_embed_fits_and_says_how_many_more() -> None:
    from bot.services.gaps import MAX_GAP_LENGTH, AskGap, GapKind

    moment = datetime(2026, 1, 1, tzinfo=UTC)
    gaps = [
        AskGap(("q" * MAX_GAP_LENGTH)[:-3] + f"{n:03}", GapKind.NOT_WHAT_I_ASKED, 100_000 - n, moment, moment)
        for n in range(60)
    ]
    embed = rendering.gaps_embed(gaps, retention_days=90)
    within_limits(embed)
    lines = (embed.description or "").splitlines()
    assert lines[-1].startswith("…and ") and lines[-1].endswith(" more")
    shown = sum("×" in line for line in lines)
    assert shown + int(lines[-1].split()[1]) == 60
    assert f"<t:{int(moment.timestamp())}:R>" in lines[2]


def test_gaps_embed_escapes_markdown_and_says_when_there_are_none() -> None:
    from bot.services.gaps import AskGap, GapKind

    moment = datetime(2026, 1, 1, tzinfo=UTC)
    embed = rendering.gaps_embed(
        [AskGap("*a* _b_ ~~c~~", GapKind.UNANSWERED, 1, moment, moment)], retention_days=7
    )
    assert r"\*a\* \_b\_ \~\~c\~\~" in (embed.description or "")
    assert "No gaps" in (rendering.gaps_embed([], retention_days=7).description or "")


def test_ask_buttons_fit_discords_limits() -> None:
    from bot.cogs.fan import NotWhatIAsked, Reply, SuggestedQuestion, ask_buttons
    from bot.services.gaps import MAX_GAP_LENGTH, MAX_SUGGESTION_LENGTH

    embed = discord.Embed(title="x")
    longest = ask_buttons(Reply(embed, suggestions=("w" * MAX_SUGGESTION_LENGTH,) * 1))
    flagged = ask_buttons(Reply(embed, flaggable="n" * MAX_GAP_LENGTH))
    assert longest is not None and flagged is not None
    for view in (longest, flagged):
        for row in view.to_components():
            for button in row["components"]:
                assert len(button["custom_id"]) <= 100 and len(button["label"]) <= 80
    assert isinstance(longest.children[0], SuggestedQuestion)
    assert isinstance(flagged.children[0], NotWhatIAsked)
    assert ask_buttons(Reply(embed)) is None


def test_news_of_a_date_already_past_speaks_in_the_past_tense() -> None:
    """The data file gains its date only after the release (updated late, once the year was overdue)."""
    release = ReleaseInfo(
        "Heartstopper Forever",
        "Netflix",
        None,
        ReleaseDate.parse("2027-01-08"),
        "released",
        SourceRef(title="Netflix", as_of="2027-01-10", url=None),
    )

    def news_text(posted: datetime) -> str:
        news = Announcement(
            AnnouncementKind.NEWS, None, release.date, ReleaseDate.parse("2026"), "news:1", posted
        )
        embed = rendering.announcement_embed(news, release)
        return embed.description or ""

    past = news_text(datetime(2027, 1, 10, 12, tzinfo=UTC))
    assert past.startswith(
        "Heartstopper Forever came out on Netflix on 8 January 2027. (It was expected in 2026.)"
    )
    assert "arrives" not in past and "countdown" not in past
    ahead = news_text(datetime(2027, 1, 2, 12, tzinfo=UTC))
    assert "now has a release date: it arrives on Netflix on 8 January 2027" in ahead


def test_the_fan_button_lines_say_what_the_fan_has() -> None:
    from bot.services.announcements import PlannedPost, ReminderStatus

    due = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
    post = PlannedPost(due, AnnouncementKind.REMINDER, 0, "reminder:0:2026-05-01")
    status = ReminderStatus(1, 3, "Europe/London", "active", (post,), waiting_for_date=False)
    stamp = f"<t:{int(due.timestamp())}:F>"
    assert rendering.reminder_exists_line(status) == (
        f"You already have a reminder: release day, 3 days before. Next DM: {stamp} (<t:{int(due.timestamp())}:R>)."
        " Cancel it?"
    )
    paused = ReminderStatus(1, None, "Etc/UTC", "closed_dm", (), waiting_for_date=False)
    assert "It is paused: I could not DM you" in rendering.reminder_exists_line(paused)
    waiting = ReminderStatus(1, None, "Etc/UTC", "active", (), waiting_for_date=True)
    assert "The date isn't announced yet" in rendering.reminder_set_line(waiting)
    assert rendering.ping_toggled_line(7, added=True).startswith("You'll be pinged here")
    assert "<@&7> removed" in rendering.ping_toggled_line(7, added=False)


async def test_the_post_buttons_view_puts_the_watch_link_first_and_is_none_without_buttons() -> None:
    release = ReleaseInfo(
        "Heartstopper Forever",
        "Netflix",
        "https://www.netflix.com/title/1",
        ReleaseDate.parse("2026-05-01"),
        "confirmed",
        SourceRef("Netflix", "2026-01-01", "https://www.netflix.com"),
    )
    assert rendering.post_buttons_view(None, []) is None
    button = rendering.dm_me_button(custom_id="fan:dm-me")
    view = rendering.post_buttons_view(release, [button])
    assert view is not None
    assert [item.url or item.custom_id for item in view.children] == [  # type: ignore[attr-defined]
        "https://www.netflix.com/title/1",
        "fan:dm-me",
    ]
    assert view.is_finished()  # not kept by discord.py per message: the DynamicItems answer the clicks
    # The same for /ask's buttons and a card's: discord.py files away no unfinished view at each send
    ask_view = rendering.buttons_view([rendering.not_what_i_asked_button(custom_id="ask:flag:who")])
    assert ask_view is not None and ask_view.is_finished()
    # Sent again and again from the kept replies: the same components every time, as a fresh view has them
    fresh = discord.ui.View(timeout=None).add_item(
        rendering.not_what_i_asked_button(custom_id="ask:flag:who")
    )
    assert ask_view.to_components() == ask_view.to_components() == fresh.to_components()
    assert ask_view.to_components()[0]["components"][0]["custom_id"] == "ask:flag:who"


async def test_a_card_stays_within_discords_layout_limits_whatever_the_data_and_buttons() -> None:
    """Components V2: 40 components and 4,000 characters across the message; a row holds five buttons."""
    huge = ReleaseInfo(
        "Heartstopper Forever " + "and more " * 300,
        "Netflix " * 200,
        "https://www.netflix.com/",
        ReleaseDate.parse("2026-05-01T20:00", "Europe/London"),
        "confirmed",
        SourceRef(title="A source " * 100, as_of="2026-01-01", url=None),
    )
    post = Announcement(
        AnnouncementKind.MILESTONE,
        0,
        huge.date,
        None,
        "countdown:0:2026-05-01",
        datetime(2026, 5, 1, 21, tzinfo=UTC),
        late=True,
        folded_count=3,
        show_watch_link=True,
    )
    buttons = [discord.ui.Button(label=f"extra {i}", custom_id=f"extra:{i}") for i in range(7)]
    card = rendering.announcement_card(post, huge, b"png", marker="ref 12345678", role_id=42, actions=buttons)
    payload = card.view.to_components()
    assert card.view.total_children_count <= rendering.LAYOUT_COMPONENT_LIMIT
    assert card.view.content_length() <= rendering.LAYOUT_TEXT_LIMIT
    [row] = [c for c in payload[1]["components"] if c["type"] == 1]
    assert len(row["components"]) == rendering.ACTION_ROW_LIMIT  # the watch button and four of the seven
    assert row["components"][0]["url"] == "https://www.netflix.com/"
    texts = [c["content"] for c in payload[1]["components"] if c["type"] == 10]
    assert payload[0]["content"] == "<@&42>" and texts[-1].startswith("-# ref 12345678 · ")  # never cut off
    assert [f.filename for f in card.files] == [rendering.CARD_FILENAME]
    # Stopped (made, as in the bot, on the running loop): its buttons are answered by the registered DynamicItems
    assert card.view.is_finished()


def test_the_cards_picture_says_what_the_post_says() -> None:
    release = release_info("2026-05-01")
    faces = {}
    for kind, days, due in (
        (AnnouncementKind.MILESTONE, 7, datetime(2026, 4, 24, 9, tzinfo=UTC)),
        (AnnouncementKind.DAILY, 1, datetime(2026, 4, 30, 9, tzinfo=UTC)),
        (AnnouncementKind.RELEASE_DAY, 0, datetime(2026, 5, 1, 9, tzinfo=UTC)),
        (AnnouncementKind.OUT_NOW, 0, datetime(2026, 5, 1, 20, tzinfo=UTC)),
        (AnnouncementKind.NEWS, None, datetime(2026, 4, 21, 9, tzinfo=UTC)),
    ):
        post = Announcement(kind, days, release.date, None, f"{kind}:x", due)
        face = rendering.announcement_face(post, release)
        faces[kind] = (face.headline, face.caption)
    assert faces == {
        AnnouncementKind.MILESTONE: ("7", "DAYS TO GO"),
        AnnouncementKind.DAILY: ("1", "DAY TO GO"),
        AnnouncementKind.RELEASE_DAY: ("TODAY", "ON NETFLIX"),
        AnnouncementKind.OUT_NOW: ("OUT NOW", "ON NETFLIX"),
        AnnouncementKind.NEWS: (
            "10",
            "DAYS TO GO",
        ),  # the news of a date: the days to it, from the post's day
    }
