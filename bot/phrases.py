"""The wording the services record for later (why a channel's posts are paused, why a post failed, why the
premiere event is not there), stored as a stable code with its parameters and worded when it is shown.

A row written yesterday is read in today's reader's language: the database keeps ``{"code": ..., "params": ...,
"en": ...}`` (JSON), never one language's sentence. ``stored`` is what a repository writes, ``from_stored`` what it
reads back: a :class:`~bot.i18n.Phrase` (whose ``str`` is the English wording, as before), or, for a row written
before codes (or a code this version no longer knows), its English text as it is.

Nothing here knows Discord or SQL: services build phrases with :func:`phrase`; ``bot/db`` stores them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from bot.i18n import Phrase, translatable

#: Every stored wording: its code (never changes once rows carry it) and its English template (may be reworded;
#: the catalogs follow). The placeholders of a template are the params it is stored with.
TEMPLATES: dict[str, str] = {
    # Why a post or a reminder failed (delivery): what Discord did, then what that means for the target.
    "discord.status": translatable("Discord {status}"),
    "discord.status_code": translatable("Discord {status} (code {code})"),
    "delivery.closed_dm_member": translatable("the member does not accept direct messages from the bot"),
    "delivery.token_refused": translatable("Discord refused the bot's token (401)"),
    "delivery.missing_permission": translatable("missing permission to post there ({detail})"),
    "delivery.channel_gone": translatable("the channel no longer exists ({detail})"),
    "delivery.post_refused": translatable("Discord refused this post ({detail})"),
    "delivery.retry_after": translatable("{reason}, retry after {seconds}s"),
    "delivery.held": translatable("held"),
    "outcome": translatable("{explanation}: {reason}"),
    "outcome.dm_closed": translatable("direct messages are closed"),
    "outcome.channel_forbidden": translatable("the bot may not post in this channel"),
    "outcome.channel_gone": translatable("channel no longer exists"),
    "outcome.user_gone": translatable("user no longer exists"),
    "outcome.post_failed": translatable("this post failed"),
    "outcome.reminder_failed": translatable("this reminder failed"),
    "delivery.lost": translatable(
        "lost: Discord did not take it before the grace window closed (last attempt failed: {reason})"
    ),
    "delivery.lost_after_restart": translatable(
        "lost: the grace window closed before Discord took it (last attempt failed: {reason})"
    ),
    "delivery.interrupted": translatable(
        "interrupted before Discord confirmed it, and too late to send again"
    ),
    "delivery.unexpected": translatable("unexpected error: {error}"),
    "delivery.missed": translatable("missed: due {due} UTC, more than {grace} before the bot could post it"),
    "delivery.folded": translatable("folded into {occasion}"),
    "delivery.channel_stopped": translatable(
        "the channel's countdown was stopped or paused before this post could be confirmed"
    ),
    "delivery.reminder_cancelled": translatable("the reminder was cancelled before it could be confirmed"),
    "delivery.news_gone": translatable("the news it announced is gone"),
    "delivery.release_moved": translatable("the release date changed before this post could be confirmed"),
    # A channel still posting, with something its admins should know.
    "notice.ping_role_deleted": translatable(
        "the ping role was deleted, so posts ping nobody; run setup again to choose another role"
    ),
    # The premiere event: why there is none (yet), or what happened to it.
    "event.waiting_for_time": translatable("waiting for the exact release time (only the day is known)"),
    "event.waiting_for_date": translatable("waiting for the release date and time to be announced"),
    "event.passed": translatable("the premiere time has passed"),
    "event.no_permission": translatable(
        "I need the Create Events permission in this server to create the premiere event"
    ),
    "event.withdrawn": translatable("the release no longer has an exact time"),
    "event.moved_past": translatable("the premiere moved earlier, to a time already past"),
    "event.deleted": translatable(
        "deleted by a moderator; I won't create it again (run setup with event: True to have a new one)"
    ),
    "event.rate_limited": translatable("Discord rate limit ({seconds} s)"),
    "event.no_answer": translatable("no answer from Discord ({error})"),
}


def phrase(code: str, /, **params: object) -> Phrase:
    """The stored wording ``code`` with its params (plain text, numbers, or phrases themselves)."""
    return Phrase(TEMPLATES[code], params, code=code)


def stored(value: str | None) -> str | None:
    """What the database keeps for ``value``: a phrase with a code as JSON, any other text as it is."""
    if isinstance(value, Phrase) and value.code is not None:
        return json.dumps(_encode(value), ensure_ascii=False)
    return None if value is None else str(value)


def from_stored(text: str | None) -> str | None:
    """A stored wording read back: a :class:`Phrase` when it was stored as one, else the text as written."""
    if not text or not text.startswith("{"):
        return text
    try:
        data = json.loads(text)
    except ValueError:
        return text
    return _decode(data) if isinstance(data, dict) and "code" in data else text


def _encode(value: Phrase) -> dict[str, object]:
    params = {
        name: _encode(param) if isinstance(param, Phrase) and param.code is not None else _plain(param)
        for name, param in value.params.items()
    }
    return {"code": value.code, "params": params, "en": str(value)}


def _plain(value: object) -> object:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else str(value)


def _decode(data: Mapping[str, object]) -> str:
    english = str(data.get("en", ""))
    template = TEMPLATES.get(str(data.get("code")))
    raw = data.get("params")
    if template is None or not isinstance(raw, dict):
        return english  # a code this version does not know: its English, as it was written
    params = {name: _decode(value) if isinstance(value, dict) else value for name, value in raw.items()}
    try:
        template.format(**params)
    except (KeyError, IndexError, ValueError):
        return english  # the template changed its placeholders since: the English it was written with
    return Phrase(template, params, code=str(data["code"]))
