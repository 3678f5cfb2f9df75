"""The fan buttons under countdown posts and /countdown: "Ping me here" and "DM me on release day", through the
real discord.py client and the sandbox, before and after a restart."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.sandbox import InteractionResult, Permissions, visible_text
from bot.sandbox.rules import walk_components
from tests.e2e.conftest import Harness
from tests.e2e.test_announcements import data_with_release
from tests.e2e.test_fan_commands import embed_text

PING_ME, DM_ME, CANCEL = "fan:ping-me", "fan:dm-me", "fan:dm-me:cancel"
# The clock starts on 1 January 2026 at 12:00 UTC; a daily countdown posts at 09:00 UTC from the 2nd.
FIRST_POST = datetime(2026, 1, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return data_with_release(tmp_path, "2026-01-15")


def custom_ids(message: dict[str, Any]) -> list[str]:
    """The buttons' ids, wherever they are: a row under an embed or a message, or the row inside a card."""
    return [c["custom_id"] for c in walk_components(message.get("components")) if "custom_id" in c]


async def grant_manage_roles(harness: Harness) -> None:
    bot_role = harness.demo.guild.bot_role
    bot_role.permissions |= Permissions.MANAGE_ROLES
    await harness.sandbox.update_role(bot_role)


async def set_up_countdown(harness: Harness) -> str:
    """Daily posts in #announcements pinging @Countdown; the setup reply's text."""
    demo = harness.demo
    result = await harness.invoke(
        "announcements setup",
        {"channel": demo.announcements, "role": demo.role, "schedule": "daily"},
        member=demo.admin,
    )
    return embed_text(result.embeds[0])


async def first_post(harness: Harness) -> dict[str, Any]:
    await harness.sandbox.advance_to(FIRST_POST)
    posts = harness.sandbox.channel_messages(harness.demo.announcements)
    assert len(posts) == 1
    return posts[0]


async def click(harness: Harness, message: dict[str, Any], custom_id: str, **who: Any) -> InteractionResult:
    result = await harness.sandbox.click(message["id"], custom_id, member=who.get("member", harness.demo.fan))
    # Answered in time (the sandbox refuses a first answer after 3 s with 10062 and records it here), privately.
    assert result.error is None, result.error
    assert result.ephemeral
    return result


async def status_text(harness: Harness) -> str:
    result = await harness.invoke("announcements status", member=harness.demo.admin)
    return embed_text(result.embeds[0])


async def remindme_list(harness: Harness) -> str:
    return embed_text((await harness.invoke("remindme", {"when": "list"})).embeds[0])


async def test_ping_me_here_toggles_the_role_before_and_after_a_restart(harness: Harness) -> None:
    demo = harness.demo
    await grant_manage_roles(harness)
    await set_up_countdown(harness)
    assert "Ping me here button: shown under posts" in await status_text(harness)
    post = await first_post(harness)
    assert custom_ids(post) == [PING_ME, DM_ME]
    # The post itself still pings the role (the mention leads the card).
    assert visible_text(post).startswith(f"<@&{demo.role.id}>") and post["mention_roles"] == [
        str(demo.role.id)
    ]

    joined = await click(harness, post, PING_ME)
    assert joined.content == (
        f"You'll be pinged here with each countdown post: you have <@&{demo.role.id}> now. Click again to stop."
    )
    assert demo.role in demo.fan.roles
    left = await click(harness, post, PING_ME)
    assert "You won't be pinged here any more" in (left.content or "")
    assert demo.role not in demo.fan.roles

    # A new client on the same database; the old message's button still answers.
    await harness.restart()
    again = await click(harness, post, PING_ME)
    assert "You'll be pinged here" in (again.content or "")
    assert demo.role in demo.fan.roles
    # Another member's click is about them alone.
    await click(harness, post, PING_ME, member=demo.admin)
    assert demo.role in demo.admin.roles and demo.role in demo.fan.roles


async def test_dm_me_sets_a_reminder_lists_it_and_a_second_click_cancels(harness: Harness) -> None:
    demo = harness.demo
    await set_up_countdown(harness)
    post = await first_post(harness)

    done = await click(harness, post, DM_ME)
    assert (done.content or "").startswith("Done: I'll send you a direct message on release day.")
    # 09:00 UTC on release day (the channel's countdown zone; the fan chooses theirs with /remindme).
    assert f"<t:{int(datetime(2026, 1, 15, 9, 0, tzinfo=UTC).timestamp())}:F>" in (done.content or "")
    dms = harness.sandbox.dm_messages(demo.fan)
    assert len(dms) == 1 and "it will come here" in dms[0]["content"]
    listing = await remindme_list(harness)
    assert "Set: release day" in listing and "**Release day**" in listing

    await harness.restart()
    second = await click(harness, post, DM_ME)
    assert (second.content or "").startswith("You already have a reminder: release day.")
    assert custom_ids(second.original or {}) == [CANCEL]
    cancelled = await harness.sandbox.click(second.original["id"], CANCEL, member=demo.fan)  # type: ignore[index]
    assert cancelled.error is None
    # The private line with the button became the answer, without the button.
    line = harness.sandbox.message(second.original["id"])  # type: ignore[index]
    assert line["content"] == "Reminder cancelled: no DM from me about the release."
    assert custom_ids(line) == []
    assert "You have no reminder set" in await remindme_list(harness)
    # Release day passes: no DM but the confirmation.
    await harness.sandbox.advance_to(datetime(2026, 1, 15, 10, 0, tzinfo=UTC))
    assert len(harness.sandbox.dm_messages(demo.fan)) == 1


async def test_dm_me_when_dms_are_closed_sets_nothing(harness: Harness) -> None:
    demo = harness.demo
    await set_up_countdown(harness)
    post = await first_post(harness)
    demo.fan.user.dms_open = False
    refused = await click(harness, post, DM_ME)
    assert "I can't send you direct messages, so I set no reminder" in (refused.content or "")
    assert "You have no reminder set" in await remindme_list(harness)


async def test_without_manage_roles_the_button_is_left_off_and_status_says_why(harness: Harness) -> None:
    # The demo bot's role has no Manage Roles.
    setup = await set_up_countdown(harness)
    reason = f"Ping me here button: not shown: I need the Manage Roles permission to give members <@&{harness.demo.role.id}>"
    assert reason in setup
    assert reason in await status_text(harness)
    post = await first_post(harness)
    assert custom_ids(post) == [DM_ME]


async def test_a_role_moved_above_the_bot_hides_the_button_and_an_old_one_changes_nothing(
    harness: Harness,
) -> None:
    demo = harness.demo
    await grant_manage_roles(harness)
    await set_up_countdown(harness)
    post = await first_post(harness)
    assert PING_ME in custom_ids(post)
    demo.role.position = demo.guild.bot_role.position + 1  # a moderator drags @Countdown above the bot
    await harness.sandbox.update_role(demo.role)
    assert f"<@&{demo.role.id}> is not below my highest role; move my role above it" in await status_text(
        harness
    )
    refused = await click(harness, post, PING_ME)
    assert (refused.content or "").startswith(f"I can't give out <@&{demo.role.id}> right now")
    assert demo.role not in demo.fan.roles
    await harness.sandbox.advance_to(datetime(2026, 1, 3, 9, 0, tzinfo=UTC))
    assert custom_ids(harness.sandbox.channel_messages(demo.announcements)[-1]) == [DM_ME]


async def test_a_click_after_the_role_was_deleted_gets_a_friendly_line(harness: Harness) -> None:
    demo = harness.demo
    await grant_manage_roles(harness)
    await set_up_countdown(harness)
    post = await first_post(harness)
    await harness.sandbox.delete_role(demo.role)
    refused = await click(harness, post, PING_ME)
    assert (refused.content or "").startswith("This server has no countdown role to ping any more")
    assert "Traceback" not in (refused.content or "")


async def test_countdown_has_the_buttons_and_they_work(harness: Harness) -> None:
    demo = harness.demo
    await grant_manage_roles(harness)
    await set_up_countdown(harness)
    # /countdown in #general (no countdown there): the server's one countdown role.
    answer = await harness.invoke("countdown")
    assert custom_ids(answer.original or {}) == [PING_ME, DM_ME]
    joined = await click(harness, answer.original or {}, PING_ME)
    assert "You'll be pinged here" in (joined.content or "")
    assert demo.role in demo.fan.roles
    # In a DM there is no role to give: only the reminder button.
    in_dm = await harness.sandbox.invoke("countdown", user=demo.fan.user)
    assert custom_ids(in_dm.original or {}) == [DM_ME]


async def test_a_slow_discord_still_gets_the_click_answered_in_time(harness: Harness) -> None:
    demo = harness.demo
    await grant_manage_roles(harness)
    await set_up_countdown(harness)
    post = await first_post(harness)
    # Discord takes longer than the interaction deadline to give the role: the click was acknowledged first.
    harness.sandbox.slow_next("PUT", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}", seconds=3.5)
    joined = await click(harness, post, PING_ME)
    assert "You'll be pinged here" in (joined.content or "")
    assert demo.role in demo.fan.roles


async def test_discord_refusing_the_role_change_gets_a_friendly_line(harness: Harness) -> None:
    demo = harness.demo
    await grant_manage_roles(harness)
    await set_up_countdown(harness)
    post = await first_post(harness)
    # Manage Roles taken away a moment before the click reached the bot: Discord refuses, the bot had not heard.
    route = "/guilds/{guild_id}/members/{user_id}/roles/{role_id}"
    harness.sandbox.fail_next("PUT", route, status=403, code=50013, message="Missing Permissions")
    refused = await click(harness, post, PING_ME)
    assert (refused.content or "").startswith("Discord didn't let me change your roles")
    assert "Nothing changed" in (refused.content or "") and "50013" not in (refused.content or "")
    assert demo.role not in demo.fan.roles


async def test_countdown_kept_card_follows_the_server_the_language_and_sends_its_files_each_time(
    harness: Harness,
) -> None:
    """/countdown's card is built once and kept (its buttons hold no state), so what may differ between two
    answers must be in what it is kept by: the server's role becoming givable, the reader's language."""
    demo = harness.demo
    before = await harness.invoke("countdown")
    assert custom_ids(before.original) == [DM_ME]  # no countdown role yet
    await grant_manage_roles(harness)
    await set_up_countdown(harness)
    after = await harness.invoke("countdown")
    assert custom_ids(after.original) == [PING_ME, DM_ME]
    french = await harness.sandbox.invoke(
        "countdown", guild=demo.guild, member=demo.fan, channel=demo.general, locale="fr"
    )
    labels = [c["label"] for c in walk_components(french.original["components"]) if "custom_id" in c]
    assert custom_ids(french.original) == [PING_ME, DM_ME]
    assert "Ping me here" not in labels and "DM me on release day" not in labels  # in French
    again = await harness.invoke("countdown")
    # Every answer uploads its own picture (Discord keeps no file between messages), the same bytes each time.
    pictures = [
        harness.sandbox.attachment_bytes(a)
        for answer in (before, after, again)
        for a in answer.original["attachments"]
        if a["filename"] == "countdown.png"
    ]
    assert len(pictures) == 3 and len(set(pictures)) == 1 and pictures[0].startswith(b"\x89PNG")
    # ...and its calendar file: two attachments of its own per answer.
    attachments = [a for answer in (before, after, again) for a in answer.original["attachments"]]
    assert sorted(a["filename"].rsplit(".", 1)[1] for a in attachments) == ["ics"] * 3 + ["png"] * 3
    assert len({a["id"] for a in attachments}) == 6
