"""Discord rules the OpenAPI description does not state, and how a message's mentions turn into pings."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

MAX_CONTENT = 2000
MAX_EMBEDS = 10
MAX_EMBED_TOTAL = 6000
MAX_CHOICES = 25
MAX_CHOICE_NAME = 100
# Components V2 (the IS_COMPONENTS_V2 message flag): a layout of up to 40 components, nested ones included, with
# at most 4,000 characters of text across it; such a message has no content, embeds, stickers or poll.
IS_COMPONENTS_V2 = 1 << 15
MAX_LAYOUT_COMPONENTS = 40
MAX_LAYOUT_TEXT = 4000
MAX_ACTION_ROWS = 5  # a message without the flag: only action rows, five at most
ACTION_ROW, SECTION, TEXT_DISPLAY, THUMBNAIL, MEDIA_GALLERY, FILE, CONTAINER = 1, 9, 10, 11, 12, 13, 17
LEGACY_FIELDS = ("content", "embeds", "sticker_ids", "poll")
ATTACHMENT_SCHEME = "attachment://"

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


def walk_components(components: Any) -> list[dict[str, Any]]:
    """Every component of a message, nested ones included (a container's, a section's and its accessory, a
    row's buttons), in order."""
    out: list[dict[str, Any]] = []
    for component in components if isinstance(components, list) else []:
        if not isinstance(component, dict):
            continue
        out.append(component)
        out.extend(walk_components(component.get("components")))
        if isinstance(component.get("accessory"), dict):
            out.extend(walk_components([component["accessory"]]))
    return out


def layout_texts(components: Any) -> list[str]:
    """The texts of a layout's text displays, in order (what a reader sees, where mentions are found)."""
    return [str(c.get("content") or "") for c in walk_components(components) if c.get("type") == TEXT_DISPLAY]


def media_urls(component: dict[str, Any]) -> list[str]:
    """The URLs a component shows: a gallery's items, a thumbnail's media, a file's file."""
    kind = component.get("type")
    if kind == MEDIA_GALLERY:
        media = [item.get("media") for item in component.get("items") or [] if isinstance(item, dict)]
    elif kind == THUMBNAIL:
        media = [component.get("media")]
    elif kind == FILE:
        media = [component.get("file")]
    else:
        return []
    return [str(m.get("url") or "") for m in media if isinstance(m, dict)]


def check_layout(
    body: dict[str, Any],
    filenames: set[str],
    *,
    prefix: str = "",
    editing_flags: int | None = None,
    editing_legacy: Iterable[str] = (),
) -> list[RuleViolation]:
    """Discord's rules for a message's components: the V2 flag and what it excludes, the 40-component and
    4,000-character limits, and ``attachment://`` references to a file uploaded with the message.

    ``filenames``: the files of the request (and the attachments it keeps); ``editing_flags``: an edited
    message's flags (the V2 flag cannot be removed by an edit); ``editing_legacy``: the fields of LEGACY_FIELDS
    the edited message has (an edit that makes it a layout must clear them)."""
    problems: list[RuleViolation] = []
    flags = int(body.get("flags") or 0)
    v2 = bool(flags & IS_COMPONENTS_V2) or bool((editing_flags or 0) & IS_COMPONENTS_V2)
    removing = body.get("flags") is not None and not flags & IS_COMPONENTS_V2
    if editing_flags is not None and editing_flags & IS_COMPONENTS_V2 and removing:
        problems.append(
            RuleViolation(
                f"{prefix}flags",
                "MESSAGE_CANNOT_REMOVE_COMPONENTS_V2_FLAG",
                "The IS_COMPONENTS_V2 flag cannot be removed from a message.",
            )
        )
    components = body.get("components")
    top = [c for c in components if isinstance(c, dict)] if isinstance(components, list) else []
    if v2:
        for name in LEGACY_FIELDS:
            # What the body leaves out the message keeps: a message becoming a layout keeps its content too.
            if body.get(name) or (name not in body and name in editing_legacy):
                problems.append(
                    RuleViolation(
                        f"{prefix}{name}",
                        "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
                        "The 'content', 'embeds', 'sticker_ids' and 'poll' fields cannot be used when "
                        "using MessageFlags.IS_COMPONENTS_V2",
                    )
                )
    else:
        for i, component in enumerate(top):
            if component.get("type") != ACTION_ROW:
                problems.append(
                    RuleViolation(
                        f"{prefix}components.{i}.type",
                        "UNION_TYPE_CHOICES",
                        f'Value of field "type" must be one of ({ACTION_ROW},): layout components need '
                        "the IS_COMPONENTS_V2 flag.",
                    )
                )
        if len(top) > MAX_ACTION_ROWS:
            problems.append(
                RuleViolation(f"{prefix}components", "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.")
            )
    every = walk_components(top)
    if len(every) > MAX_LAYOUT_COMPONENTS:
        problems.append(
            RuleViolation(
                f"{prefix}components",
                "COMPONENT_MAX_TOTAL_COMPONENTS_EXCEEDED",
                f"The specified component exceeds the maximum number of components ({MAX_LAYOUT_COMPONENTS}); "
                f"got {len(every)}.",
            )
        )
    text = sum(len(t) for t in layout_texts(top))
    if text > MAX_LAYOUT_TEXT:
        problems.append(
            RuleViolation(
                f"{prefix}components",
                "COMPONENT_MAX_TEXT_LENGTH_EXCEEDED",
                f"The total length of text in components exceeds {MAX_LAYOUT_TEXT} characters (got {text}).",
            )
        )
    for component in every:
        for url in media_urls(component):
            if component.get("type") == FILE and not url.startswith(ATTACHMENT_SCHEME):
                problems.append(
                    RuleViolation(
                        f"{prefix}components",
                        "COMPONENT_FILE_NOT_ATTACHMENT",
                        "A file component must refer to an attachment (attachment://filename).",
                    )
                )
            elif url.startswith(ATTACHMENT_SCHEME) and url.removeprefix(ATTACHMENT_SCHEME) not in filenames:
                problems.append(
                    RuleViolation(
                        f"{prefix}components",
                        "UNFURLED_MEDIA_ATTACHMENT_NOT_FOUND",
                        f"{url} refers to no attachment of this message.",
                    )
                )
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
