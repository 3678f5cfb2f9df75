"""Discord rules the OpenAPI description does not state, and how a message's mentions turn into pings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

MAX_CONTENT = 2000
MAX_EMBEDS = 10
MAX_EMBED_TOTAL = 6000
MAX_CHOICES = 25
MAX_CHOICE_NAME = 100

USER_MENTION = re.compile(r"<@!?(\d{15,21})>")
ROLE_MENTION = re.compile(r"<@&(\d{15,21})>")
EVERYONE_MENTION = re.compile(r"@(everyone|here)")


@dataclass(frozen=True, slots=True)
class RuleViolation:
    field: str
    code: str
    message: str


def embed_text_length(embed: dict[str, Any]) -> int:
    """Characters Discord counts towards the 6,000 total: title, description, fields, footer, author name."""
    total = len(embed.get("title") or "") + len(embed.get("description") or "")
    for f in embed.get("fields") or []:
        total += len(f.get("name") or "") + len(f.get("value") or "")
    total += len((embed.get("footer") or {}).get("text") or "")
    total += len((embed.get("author") or {}).get("name") or "")
    return total


def check_message_body(
    body: dict[str, Any], *, prefix: str = "", creating: bool = True
) -> list[RuleViolation]:
    """Rules for any message-creating or -editing body (channel messages, webhooks, interaction callbacks)."""
    problems: list[RuleViolation] = []
    content = body.get("content")
    if isinstance(content, str) and len(content) > MAX_CONTENT:
        problems.append(
            RuleViolation(
                f"{prefix}content",
                "BASE_TYPE_MAX_LENGTH",
                f"Must be {MAX_CONTENT} or fewer in length (got {len(content)}).",
            )
        )
    embeds = body.get("embeds")
    if isinstance(embeds, list):
        if len(embeds) > MAX_EMBEDS:
            problems.append(RuleViolation(f"{prefix}embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer."))
        total = sum(embed_text_length(e) for e in embeds if isinstance(e, dict))
        if total > MAX_EMBED_TOTAL:
            problems.append(
                RuleViolation(
                    f"{prefix}embeds",
                    "MAX_EMBED_SIZE_EXCEEDED",
                    f"Embed size exceeds maximum size of {MAX_EMBED_TOTAL} (got {total}).",
                )
            )
        for i, e in enumerate(embeds):
            if isinstance(e, dict) and any(
                not (f.get("name") and f.get("value")) for f in e.get("fields") or []
            ):
                problems.append(
                    RuleViolation(
                        f"{prefix}embeds.{i}.fields",
                        "BASE_TYPE_REQUIRED",
                        "Field name and value are required.",
                    )
                )
    allowed = body.get("allowed_mentions")
    if isinstance(allowed, dict):
        parse = allowed.get("parse") or []
        for kind in ("users", "roles"):
            if kind in parse and allowed.get(kind):
                problems.append(
                    RuleViolation(
                        f"{prefix}allowed_mentions",
                        "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
                        f'parse:["{kind}"] and {kind}: [ids] are mutually exclusive.',
                    )
                )
    is_empty = not any(
        body.get(k)
        for k in ("content", "embeds", "components", "sticker_ids", "attachments", "poll", "files")
    )
    if creating and is_empty:
        problems.append(RuleViolation(f"{prefix}content", "50006", "Cannot send an empty message."))
    return problems


def check_choices(choices: Any) -> list[RuleViolation]:
    problems: list[RuleViolation] = []
    if isinstance(choices, list):
        if len(choices) > MAX_CHOICES:
            problems.append(
                RuleViolation("data.choices", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
            )
        for i, c in enumerate(choices):
            name = c.get("name") if isinstance(c, dict) else None
            if not isinstance(name, str) or not 1 <= len(name) <= MAX_CHOICE_NAME:
                problems.append(
                    RuleViolation(
                        f"data.choices.{i}.name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100."
                    )
                )
    return problems


@dataclass(slots=True)
class Pings:
    """Who a message would actually notify."""

    everyone: bool = False
    roles: list[int] = field(default_factory=list)
    users: list[int] = field(default_factory=list)


def compute_pings(
    content: str,
    allowed_mentions: dict[str, Any] | None,
    *,
    can_mention_everyone: bool,
    mentionable_role_ids: set[int],
    known_user_ids: set[int],
    replied_user_id: int | None = None,
) -> Pings:
    """Apply Discord's mention resolution: content tokens, filtered by allowed_mentions and permissions.

    Without ``allowed_mentions`` everything in the content is parsed (Discord's default).
    """
    if allowed_mentions is None:
        parse = {"users", "roles", "everyone"}
        allowed_users: set[int] = set()
        allowed_roles: set[int] = set()
        replied = True
    else:
        parse = set(allowed_mentions.get("parse") or [])
        allowed_users = {int(u) for u in allowed_mentions.get("users") or []}
        allowed_roles = {int(r) for r in allowed_mentions.get("roles") or []}
        replied = bool(allowed_mentions.get("replied_user", False))

    pings = Pings()
    if "everyone" in parse and can_mention_everyone and EVERYONE_MENTION.search(content):
        pings.everyone = True
    for match in ROLE_MENTION.finditer(content):
        rid = int(match.group(1))
        if rid in pings.roles:
            continue
        allowed = "roles" in parse or rid in allowed_roles
        # A role pings if it is mentionable, or the author may mention everyone.
        if allowed and (rid in mentionable_role_ids or can_mention_everyone):
            pings.roles.append(rid)
    for match in USER_MENTION.finditer(content):
        uid = int(match.group(1))
        if uid in pings.users or uid not in known_user_ids:
            continue
        if "users" in parse or uid in allowed_users:
            pings.users.append(uid)
    if replied_user_id is not None and replied and replied_user_id not in pings.users:
        pings.users.append(replied_user_id)
    return pings
