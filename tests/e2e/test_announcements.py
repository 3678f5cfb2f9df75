"""Countdown announcements and reminders through the real discord.py client, on the sandbox's virtual clock."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import DEFAULT_DATA_FILE
from bot.sandbox import SandboxError, visible_text
from bot.sandbox.rules import walk_components
from tests.e2e.conftest import Harness, assert_no_unwanted_pings
from tests.e2e.test_fan_commands import embed_text, heading

RELEASE_DAY = "2026-01-15"
SEVEN_DAYS_BEFORE = datetime(2026, 1, 8, 9, 0, tzinfo=UTC)  # 09:00 UTC, the default time


def data_with_release(tmp_path: Path, release: str, extra: str = "") -> Path:
    text = DEFAULT_DATA_FILE.read_text(encoding="utf-8")
    path = tmp_path / "data.toml"
    path.write_text(text.replace('date = "2026"\n', f'date = "{release}"\n{extra}', 1), encoding="utf-8")
    return path


def move_release(data_file: Path, old: str, new: str) -> None:
    """An editor changes the release date in the data file."""
    text = data_file.read_text(encoding="utf-8")
    data_file.write_text(text.replace(f'date = "{old}"', f'date = "{new}"', 1), encoding="utf-8")


def break_file(data_file: Path) -> None:
    """An editor saves a half-written data file."""
    data_file.write_text("schema = 1\n[film\n", encoding="utf-8")


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return data_with_release(tmp_path, RELEASE_DAY)


async def setup_countdown(harness: Harness, **options: object) -> object:
    demo = harness.demo
    return await harness.invoke(
        "announcements setup", {"channel": demo.announcements, **options}, member=demo.admin
    )


def posts(harness: Harness) -> list[dict]:
    return harness.sandbox.channel_messages(harness.demo.announcements)


async def test_non_admin_is_refused_even_when_discord_shows_the_command(harness: Harness) -> None:
    demo = harness.demo
    with pytest.raises(SandboxError, match="needs the Manage Server permission"):
        await harness.invoke("announcements setup", {"channel": demo.announcements}, member=demo.fan)
    harness.sandbox.open_command_to_everyone(demo.guild, "announcements")
    result = await harness.invoke("announcements setup", {"channel": demo.announcements}, member=demo.fan)
    assert result.ephemeral
    assert "Manage Server" in embed_text(result.embeds[0])
    status = await harness.invoke("announcements status", member=demo.admin)
    assert "not set up" in embed_text(status.embeds[0])


async def test_setup_status_and_post_at_its_instant_once_across_restart(harness: Harness) -> None:
    demo = harness.demo
    result = await setup_countdown(harness, role=demo.role, timezone="Etc/UTC")
    assert result.ephemeral
    text = embed_text(result.embeds[0])
    assert "Countdown set up in #announcements" in text
    assert f"<t:{int(SEVEN_DAYS_BEFORE.timestamp())}:F>" in text  # the next post, 7 days before

    preview = await harness.invoke("announcements preview", member=demo.admin)
    assert preview.ephemeral and "7 days to go" in preview.text
    assert posts(harness) == []

    await harness.sandbox.advance_to(SEVEN_DAYS_BEFORE - timedelta(seconds=1))
    assert posts(harness) == []
    await harness.sandbox.advance_to(SEVEN_DAYS_BEFORE)
    [post] = posts(harness)
    assert "7 days to go" in visible_text(post)
    # The card's first line pings the role (and only it: allowed_mentions names it).
    assert visible_text(post).startswith(f"<@&{demo.role.id}>\n") and post["mention_roles"] == [
        str(demo.role.id)
    ]
    assert post["timestamp"].startswith("2026-01-08T09:00")

    await harness.restart()
    await harness.sandbox.advance(timedelta(minutes=5))
    assert len(posts(harness)) == 1, "a restart must not post the same occasion again"

    status = embed_text((await harness.invoke("announcements status", member=demo.admin)).embeds[0])
    assert "Last: posted" in status and "3 days to go" in status
    assert_no_unwanted_pings(harness.sandbox, allowed_roles={demo.role.id})


async def test_countdown_to_release_day_with_watch_button(harness: Harness) -> None:
    await setup_countdown(harness, schedule="daily", days=3, time="18:30", timezone="America/New_York")
    await harness.sandbox.advance_to(datetime(2026, 1, 16, tzinfo=UTC))
    assert [heading(post) for post in posts(harness)] == [
        "3 days to go",
        "2 days to go",
        "1 day to go",
        "Release day",
    ]
    # 18:30 in New York is 23:30 UTC in January.
    assert all(post["timestamp"][11:16] == "23:30" for post in posts(harness))
    [button] = [c for c in walk_components(posts(harness)[-1]["components"]) if c.get("type") == 2]
    assert button["url"].startswith("https://www.netflix.com/")
    assert_no_unwanted_pings(harness.sandbox, allowed_roles=set())


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"timezone": "Mars/Olympus_Mons"}, "time zone"),
        ({"time": "25:00"}, "25:00"),
        ({"time": "9am-ish"}, "9am-ish"),
    ],
)
async def test_bad_setup_is_refused_and_saves_nothing(harness: Harness, options: dict, expected: str) -> None:
    result = await setup_countdown(harness, **options)
    assert result.ephemeral
    text = embed_text(result.embeds[0])
    assert "Not saved" in text and expected in text
    status = await harness.invoke("announcements status", member=harness.demo.admin)
    assert "not set up" in embed_text(status.embeds[0])


async def test_refusals_read_as_before_under_their_heading(harness: Harness) -> None:
    demo = harness.demo
    stop = embed_text((await harness.invoke("announcements stop", member=demo.admin)).embeds[0])
    assert "Not saved" in stop and "There was no countdown set up to stop." in stop
    preview = embed_text((await harness.invoke("announcements preview", member=demo.admin)).embeds[0])
    assert "Not saved" in preview and "not set up here yet" in preview
    reminder = await harness.invoke("remindme", {"timezone": "Mars/Olympus_Mons"})
    assert reminder.ephemeral
    assert "No reminder set" in embed_text(reminder.embeds[0])
    assert "not a time zone I know" in embed_text(reminder.embeds[0])


async def test_everyone_role_and_unpostable_channel_are_refused(harness: Harness) -> None:
    demo = harness.demo
    everyone = await setup_countdown(harness, role=demo.guild.everyone_role)
    assert "won't ping @everyone" in embed_text(everyone.embeds[0])
    staff = await harness.invoke("announcements setup", {"channel": demo.staff}, member=demo.admin)
    assert "Send Messages" in embed_text(staff.embeds[0])
    status = await harness.invoke("announcements status", member=demo.admin)
    assert "not set up" in embed_text(status.embeds[0])


async def test_timezone_autocomplete(harness: Harness) -> None:
    demo = harness.demo
    options = {"channel": demo.announcements, "timezone": "Europe/Lon"}
    setup_choices = await harness.autocomplete(
        "announcements setup", options, focused="timezone", member=demo.admin
    )
    assert "Europe/London" in setup_choices
    assert "America/New_York" in await harness.autocomplete(
        "remindme", {"timezone": "America/New"}, focused="timezone"
    )


async def test_several_channels_and_stopping_one(harness: Harness) -> None:
    demo = harness.demo
    await setup_countdown(harness)
    await harness.invoke(
        "announcements setup", {"channel": demo.general, "schedule": "daily", "days": 3}, member=demo.admin
    )
    status = embed_text((await harness.invoke("announcements status", member=demo.admin)).embeds[0])
    assert "#announcements" in status and "#general" in status
    stopped = await harness.invoke("announcements stop", {"channel": demo.general}, member=demo.admin)
    assert "No more countdown posts in #general" in embed_text(stopped.embeds[0])
    await harness.sandbox.advance_to(datetime(2026, 1, 13, tzinfo=UTC))
    assert [heading(post) for post in posts(harness)] == ["7 days to go", "3 days to go"]
    assert harness.sandbox.channel_messages(demo.general) == []


async def test_missing_permission_pauses_with_reason_in_status(harness: Harness) -> None:
    demo = harness.demo
    await setup_countdown(harness)
    await harness.sandbox.set_bot_can_send(demo.announcements, False)
    await harness.sandbox.advance_to(SEVEN_DAYS_BEFORE)
    assert posts(harness) == []
    status = embed_text((await harness.invoke("announcements status", member=demo.admin)).embeds[0])
    assert "Paused" in status and "missing permission" in status and "50013" in status


async def test_deleted_channel_disables(harness: Harness) -> None:
    demo = harness.demo
    await setup_countdown(harness)
    await harness.sandbox.delete_channel(demo.announcements)
    await harness.sandbox.advance_to(SEVEN_DAYS_BEFORE)
    status = embed_text((await harness.invoke("announcements status", member=demo.admin)).embeds[0])
    assert "Disabled" in status and "no longer exists" in status


async def test_server_errors_and_429s_are_retried_and_post_once(harness: Harness) -> None:
    await setup_countdown(harness)
    harness.sandbox.fail_next("POST", "/channels/{channel_id}/messages", status=429, times=4)
    harness.sandbox.fail_next("POST", "/channels/{channel_id}/messages", status=503, times=1)
    await harness.sandbox.advance_to(SEVEN_DAYS_BEFORE)
    for _ in range(150):  # discord.py and the dispatcher back off in real seconds
        if posts(harness):
            break
        await asyncio.sleep(0.1)
    await harness.sandbox.settle()
    assert len(posts(harness)) == 1
    assert len(harness.sandbox.rate_limit_hits) == 4


async def test_stop_ends_posts(harness: Harness) -> None:
    demo = harness.demo
    await setup_countdown(harness)
    stopped = await harness.invoke("announcements stop", member=demo.admin)
    assert "No more countdown posts" in embed_text(stopped.embeds[0])
    await harness.sandbox.advance_to(SEVEN_DAYS_BEFORE + timedelta(hours=1))
    assert posts(harness) == []


async def test_bot_removed_from_server_forgets_its_settings(harness: Harness) -> None:
    demo = harness.demo
    await setup_countdown(harness)
    await harness.sandbox.remove_bot_from_guild(demo.guild)
    await harness.sandbox.settle()
    assert harness.bot is not None
    status = await harness.bot.announcements.status(demo.guild.id)
    assert not status.configured


async def test_bot_removed_while_offline_is_forgotten_at_start(harness: Harness) -> None:
    # No GUILD_DELETE reaches a bot that is down: the server is just missing from READY. Posting there would get
    # 403 Missing Access, which pauses a channel (forever, since the server never comes back).
    demo = harness.demo
    await setup_countdown(harness)
    await harness.stop_bot()
    await harness.sandbox.remove_bot_from_guild(demo.guild)
    bot = await harness.start_bot()
    await harness.sandbox.advance_to(SEVEN_DAYS_BEFORE)
    await harness.sandbox.settle()
    status = await bot.announcements.status(demo.guild.id)
    assert not status.configured
    refused = [r for r in harness.sandbox.requests if r.status == 403]
    assert refused == [], "the bot posted to a server it is no longer in"


async def test_gateway_drop_is_resumed(harness: Harness) -> None:
    await harness.sandbox.drop_gateway()
    result = await harness.invoke("countdown")
    assert "14 days" in result.text
    assert harness.sandbox.resumes, "the client should have resumed its session"


async def test_remindme_sends_a_dm_on_release_day(harness: Harness) -> None:
    demo = harness.demo
    result = await harness.invoke("remindme", {"when": "1", "timezone": "Europe/London"})
    assert result.ephemeral and "Reminder set" in embed_text(result.embeds[0])
    await harness.sandbox.advance_to(datetime(2026, 1, 15, 12, tzinfo=UTC))
    dms = harness.sandbox.dm_messages(demo.fan)
    assert [visible_text(dm).split("\n")[0] for dm in dms] == [
        "Your reminder: 1 day to go!",
        "Your reminder: it's Heartstopper Forever day!",
    ]
    off = await harness.invoke("remindme", {"when": "off"})
    assert "cancelled" in embed_text(off.embeds[0])


async def test_news_post_when_the_date_changes(harness: Harness, data_file: Path) -> None:
    await setup_countdown(harness)
    await harness.sandbox.advance_to(SEVEN_DAYS_BEFORE)
    assert len(posts(harness)) == 1
    move_release(data_file, RELEASE_DAY, "2026-02-20")
    await harness.restart()
    await harness.sandbox.settle()
    await harness.restart()  # a second restart must not repeat the news
    await harness.sandbox.settle()
    news = [post for post in posts(harness) if "Release news" in visible_text(post)]
    assert len(news) == 1
    assert "20 February 2026" in visible_text(news[0])
    assert "15 January 2026" in visible_text(news[0])


async def test_hidden_channel_and_role_above_the_bot_are_refused(harness: Harness) -> None:
    demo = harness.demo
    hidden = await harness.sandbox.create_text_channel(demo.guild, "secret", bot_can_view=False)
    unseen = demo.guild.add_text_channel("unseen")  # never announced to the bot at all
    high = demo.guild.add_role("Moderators", mentionable=True, position=demo.guild.bot_role.position + 5)
    await harness.sandbox.update_role(high)
    hidden_reply = await harness.invoke("announcements setup", {"channel": hidden}, member=demo.admin)
    assert "View Channel" in embed_text(hidden_reply.embeds[0])
    unseen_reply = await harness.invoke("announcements setup", {"channel": unseen}, member=demo.admin)
    assert unseen_reply.ephemeral and "I can't see the channel" in embed_text(unseen_reply.embeds[0])
    high_reply = await setup_countdown(harness, role=high)
    assert "above my highest role" in embed_text(high_reply.embeds[0])
    status = await harness.invoke("announcements status", member=demo.admin)
    assert "not set up" in embed_text(status.embeds[0])


async def test_closed_dms_are_recorded_quietly(harness: Harness) -> None:
    demo = harness.demo
    quiet_user = demo.world.add_user("Quiet", dms_open=False)
    quiet = demo.guild.add_member("Quiet", user=quiet_user)
    result = await harness.invoke("remindme", {}, member=quiet)
    assert "Reminder set" in embed_text(result.embeds[0])
    await harness.sandbox.advance_to(datetime(2026, 1, 15, 12, tzinfo=UTC))
    assert harness.sandbox.dm_messages(quiet) == []
    assert harness.bot is not None
    status = await harness.bot.announcements.reminder_status(quiet_user.id)
    assert status is not None and status.state == "closed_dm"
    dm_attempts = [
        r
        for r in harness.sandbox.requests
        if r.method == "POST" and "/channels/" in r.path and r.status == 403
    ]
    assert len(dm_attempts) == 1, "a closed DM is tried once, never in a loop"


async def test_lost_reply_after_discord_posted_does_not_post_twice(harness: Harness) -> None:
    """Discord creates the message but the answer is lost: the retry carries the same nonce, so no duplicate."""
    await setup_countdown(harness)
    harness.sandbox.fail_next("POST", "/channels/{channel_id}/messages", status=503, after_processing=True)
    await harness.sandbox.advance_to(SEVEN_DAYS_BEFORE)
    for _ in range(100):  # the dispatcher's retry backs off in real seconds
        attempts = [
            r
            for r in harness.sandbox.requests
            if r.method == "POST" and r.route == "/channels/{channel_id}/messages"
        ]
        if len(attempts) >= 2 and attempts[-1].status == 200:
            break
        await asyncio.sleep(0.1)
    await harness.sandbox.settle()
    assert len(attempts) == 2 and attempts[0].status == 503
    assert (
        attempts[0].json["nonce"] == attempts[1].json["nonce"] and attempts[1].json["enforce_nonce"] is True
    )
    assert len(posts(harness)) == 1
    assert harness.bot is not None
    status = await harness.bot.announcements.status(harness.demo.guild.id)
    last = status.subscriptions[0].last_delivery
    assert last is not None and last.state == "sent" and last.message_id == int(posts(harness)[0]["id"])


async def test_owner_reload_makes_a_running_bot_follow_the_new_date(
    harness: Harness, data_file: Path
) -> None:
    demo = harness.demo
    assert harness.bot is not None
    await setup_countdown(harness)
    refused = await harness.invoke("reload-data", member=demo.admin)
    assert refused.ephemeral and "Only the bot's owners" in embed_text(refused.embeds[0])

    harness.bot.owner_id, harness.bot.owner_ids = None, {demo.admin.id}  # as OWNER_IDS would set it
    move_release(data_file, RELEASE_DAY, "2026-01-20")
    reloaded = await harness.invoke("reload-data", member=demo.admin)
    assert "Data reloaded" in embed_text(reloaded.embeds[0])
    await harness.sandbox.settle()
    [news] = posts(harness)
    assert "20 January 2026" in visible_text(news)
    countdown = await harness.invoke("countdown")
    assert "19 days" in countdown.text

    break_file(data_file)
    broken = await harness.invoke("reload-data", member=demo.admin)
    assert "Nothing changed" in embed_text(broken.embeds[0])
    assert "19 days" in (await harness.invoke("countdown")).text


async def test_weekly_schedule_posts_on_its_weekday(harness: Harness) -> None:
    # 2026-01-02 is a Friday; release on the 15th (a Thursday).
    result = await setup_countdown(harness, schedule="weekly", weekday="friday", time="12:00")
    assert "every Friday, and release day" in embed_text(result.embeds[0])
    await harness.sandbox.advance_to(datetime(2026, 1, 16, tzinfo=UTC))
    days = [post["timestamp"][:10] for post in posts(harness)]
    assert days == ["2026-01-02", "2026-01-09", "2026-01-15"]


async def test_re_running_setup_keeps_what_was_not_given_and_says_what_changed(harness: Harness) -> None:
    demo = harness.demo
    await setup_countdown(harness, role=demo.role, time="18:30", timezone="Europe/Madrid")
    result = await setup_countdown(harness, time="20:00")
    text = embed_text(result.embeds[0])
    assert "Countdown updated in #announcements" in text
    assert "Changed: time: 18:30 → 20:00." in text
    status = embed_text((await harness.invoke("announcements status", member=demo.admin)).embeds[0])
    assert f"Ping: <@&{demo.role.id}>" in status
    assert "Time: 20:00 (Europe/Madrid)" in status


async def test_setup_reply_stays_within_discord_limits_with_many_long_channel_names(
    harness: Harness,
) -> None:
    demo = harness.demo
    long_name = "countdown-" + "x" * 88
    for index in range(18):
        channel = await harness.sandbox.create_text_channel(demo.guild, f"{long_name}-{index}")
        result = await harness.invoke(
            "announcements setup", {"channel": channel, "role": demo.role}, member=demo.admin
        )
        embed = result.embeds[0]
        assert "Something went wrong" not in embed_text(embed)
        assert embed["title"].startswith("Countdown set up in #countdown-")
    # The sandbox refuses any reply over Discord's limits; the last reply held all 18 channels (some folded).
    assert len(embed_text(embed)) <= 6000
