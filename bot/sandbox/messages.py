"""Messages: creating, editing and deleting them as Discord does (mentions, attachments, replies, interaction
metadata), recorded in the shared state and announced on the gateway."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from .errors import ApiError, form_errors
from .gateway import INTENT_DIRECT_MESSAGES, INTENT_GUILD_MESSAGES, Gateway
from .interactions import APPLICATION_COMMAND, EPHEMERAL, LOADING, InteractionRecord, as_id
from .permissions import Permissions
from .rules import (
    ATTACHMENT_SCHEME,
    FILE,
    MEDIA_GALLERY,
    THUMBNAIL,
    compute_pings,
    layout_texts,
    walk_components,
)
from .state import SandboxState
from .world import GROUP_DM, SNOWFLAKES, Channel, iso

# Message flags the author may set when sending.
SETTABLE_FLAGS = (1 << 2) | (1 << 12) | (1 << 15)  # SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS, IS_COMPONENTS_V2


def integration_owners(
    guild_id: int | None, user_id: int, *, guild_install: bool = True, user_install: bool = False
) -> dict[str, str]:
    """Who installed the app for an interaction (Discord's authorizing_integration_owners).

    "0": the server it is installed in ("0" itself in the bot's DM), "1": the user who installed it on their
    account. Both when a fan who installed the app uses it in a server that has it too."""
    owners: dict[str, str] = {}
    if guild_install:
        owners["0"] = str(guild_id) if guild_id is not None else "0"
    if user_install:
        owners["1"] = str(user_id)
    return owners


def visible_text(message: Mapping[str, Any]) -> str:
    """What a reader sees of a message, as text: its content, its embeds (author, title, description, fields,
    footer)
    and the text displays of its layout, one part a line."""
    parts = [str(message.get("content") or "")]
    for embed in message.get("embeds") or []:
        parts += [(embed.get("author") or {}).get("name") or "", embed.get("title") or ""]
        parts.append(embed.get("description") or "")
        parts += [f"{field.get('name')} {field.get('value')}" for field in embed.get("fields") or []]
        parts.append((embed.get("footer") or {}).get("text") or "")
    parts += layout_texts(message.get("components"))
    return "\n".join(part for part in parts if part)


def _resolve_media(components: list[Any], attachments: list[dict[str, Any]]) -> list[Any]:
    """Discord answers ``attachment://name`` in a layout with the attachment itself (its URL and id)."""
    by_name = {a["filename"]: a for a in attachments}
    resolved = json.loads(json.dumps(components))  # a copy: the request body stays as sent
    for component in walk_components(resolved):
        kind = component.get("type")
        if kind == MEDIA_GALLERY:
            media = [item.get("media") for item in component.get("items") or []]
        elif kind in (THUMBNAIL, FILE):
            media = [component.get("media" if kind == THUMBNAIL else "file")]
        else:
            continue
        for item in media:
            url = str((item or {}).get("url") or "")
            attachment = (
                by_name.get(url.removeprefix(ATTACHMENT_SCHEME))
                if url.startswith(ATTACHMENT_SCHEME)
                else None
            )
            if attachment is not None:
                item.update(
                    url=attachment["url"],
                    proxy_url=attachment["proxy_url"],
                    content_type=attachment["content_type"],
                    attachment_id=attachment["id"],
                )
    return resolved


class MessageLog:
    """Every message of the sandbox (state.messages), per channel in order (state.channel_log)."""

    def __init__(self, state: SandboxState, gateway: Gateway) -> None:
        self.state = state
        self.gateway = gateway

    def _attachments(self, body: Mapping[str, Any], files: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        described = {str(a.get("id")): a for a in body.get("attachments") or [] if isinstance(a, dict)}
        out: list[dict[str, Any]] = []
        for i, f in enumerate(files):
            aid = SNOWFLAKES.next()
            self.state.attachment_data[aid] = f.get("data", b"")
            meta = described.get(str(i), {})
            name = meta.get("filename") or f["filename"]
            url = f"{self.state.base_url}/attachments/{aid}/{name}"
            out.append(
                {
                    "id": str(aid),
                    "filename": name,
                    "size": f["size"],
                    "url": url,
                    "proxy_url": url,
                    "content_type": f["content_type"],
                    "description": meta.get("description"),
                    "ephemeral": False,
                }
            )
        return out

    def _apply_mentions(
        self,
        msg: dict[str, Any],
        allowed: dict[str, Any] | None,
        channel: Channel,
        referenced: dict[str, Any] | None,
    ) -> None:
        """Fill mention_everyone / mention_roles / mentions with who the message actually pings."""
        if msg["flags"] & EPHEMERAL:
            # Only the invoking user sees an ephemeral message: it notifies nobody.
            msg.update(mention_everyone=False, mention_roles=[], mentions=[])
            return
        guild = channel.guild
        if guild is not None:
            can_everyone = bool(self.state.bot_permissions(channel) & Permissions.MENTION_EVERYONE)
            mentionable = {r.id for r in guild.roles if r.mentionable}
        else:
            can_everyone, mentionable = False, set()
        replied = int(referenced["author"]["id"]) if referenced else None
        # Mentions are found in the content, or in a layout's text displays (a Components V2 message).
        text = "\n".join([msg.get("content") or "", *layout_texts(msg.get("components"))])
        pings = compute_pings(
            text,
            allowed,
            can_mention_everyone=can_everyone,
            mentionable_role_ids=mentionable,
            known_user_ids=set(self.state.world.users),
            replied_user_id=replied,
        )
        msg["mention_everyone"] = pings.everyone
        msg["mention_roles"] = [str(r) for r in pings.roles]
        msg["mentions"] = [self.state.world.users[u].payload() for u in pings.users]

    def create(
        self,
        channel: Channel,
        body: Mapping[str, Any],
        *,
        files: Iterable[dict[str, Any]] = (),
        interaction: InteractionRecord | None = None,
        flags: int = 0,
    ) -> dict[str, Any]:
        mid = self.state.message_ids.next()
        user = self.state.world.bot_user  # only the bot sends messages through the API
        attachments = self._attachments(body, files)
        msg: dict[str, Any] = {
            "id": str(mid),
            "channel_id": str(channel.id),
            "author": user.payload(),
            "content": body.get("content") or "",
            "timestamp": iso(self.state.clock.now()),
            "edited_timestamp": None,
            "tts": bool(body.get("tts", False)),
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "mention_channels": [],
            "attachments": attachments,
            "embeds": [{"type": "rich", **e} for e in body.get("embeds") or []],
            "components": _resolve_media(list(body.get("components") or []), attachments),
            "reactions": [],
            "pinned": False,
            "type": 0,
            "flags": flags | (int(body.get("flags") or 0) & SETTABLE_FLAGS),
        }
        if body.get("nonce") is not None:
            msg["nonce"] = body["nonce"]
        if body.get("poll") is not None:
            msg["poll"] = body["poll"]
        referenced: dict[str, Any] | None = None
        ref = body.get("message_reference")
        if isinstance(ref, dict) and ref.get("message_id"):
            referenced = self.state.messages.get(int(ref["message_id"]))
            if referenced is None and ref.get("fail_if_not_exists", True):
                raise ApiError(
                    400,
                    50035,
                    "Invalid Form Body",
                    errors=form_errors([("message_reference", "REPLIES_UNKNOWN_MESSAGE", "Unknown message")]),
                )
            msg["type"] = 19
            msg["message_reference"] = {
                "type": 0,
                "message_id": str(ref["message_id"]),
                "channel_id": str(channel.id),
                **({"guild_id": str(channel.guild.id)} if channel.guild else {}),
            }
            msg["referenced_message"] = referenced
        if interaction is not None:
            invoker = self.state.world.users[interaction.user_id]
            msg["webhook_id"] = str(self.state.world.application_id)
            msg["application_id"] = str(self.state.world.application_id)
            if interaction.type == APPLICATION_COMMAND and interaction.original_message_id is None:
                msg["type"] = 20
            msg["interaction_metadata"] = {
                "id": str(interaction.id),
                "type": interaction.type,
                "user": invoker.payload(),
                "authorizing_integration_owners": interaction.payload.get("authorizing_integration_owners")
                or integration_owners(interaction.guild_id, invoker.id),
                **({"name": interaction.label} if interaction.type == APPLICATION_COMMAND else {}),
            }
            msg["interaction"] = {
                "id": str(interaction.id),
                "type": interaction.type,
                "name": interaction.label,
                "user": invoker.payload(),
            }
        self.state.allowed_mentions[mid] = body.get("allowed_mentions")
        self._apply_mentions(msg, body.get("allowed_mentions"), channel, referenced)
        self.state.messages[mid] = msg
        self.state.channel_log.setdefault(channel.id, []).append(mid)
        channel.last_message_id = mid
        self._announce("MESSAGE_CREATE", msg, channel)
        return msg

    def edit(
        self,
        msg: dict[str, Any],
        body: Mapping[str, Any],
        *,
        files: Iterable[dict[str, Any]] = (),
        finishing_deferral: bool = False,
    ) -> dict[str, Any]:
        channel = self.state.world.channels[int(msg["channel_id"])]
        if "content" in body:
            msg["content"] = body["content"] or ""
        if "embeds" in body:
            msg["embeds"] = [{"type": "rich", **e} for e in body["embeds"] or []]
        if "flags" in body and body["flags"] is not None:
            keep = msg["flags"] & ~SETTABLE_FLAGS
            msg["flags"] = keep | (int(body["flags"]) & SETTABLE_FLAGS)
        files = list(files)
        if "attachments" in body or files:
            kept = {str(a.get("id")) for a in body.get("attachments") or []}
            msg["attachments"] = [a for a in msg["attachments"] if a["id"] in kept] + self._attachments(
                body, files
            )
        if "components" in body:
            msg["components"] = _resolve_media(list(body["components"] or []), msg["attachments"])
        if finishing_deferral:
            msg["flags"] &= ~LOADING
        else:
            msg["edited_timestamp"] = iso(self.state.clock.now())
        mid = int(msg["id"])
        if "allowed_mentions" in body:
            self.state.allowed_mentions[mid] = body["allowed_mentions"]
        if "content" in body or "allowed_mentions" in body or "components" in body:
            self._apply_mentions(
                msg, self.state.allowed_mentions.get(mid), channel, msg.get("referenced_message")
            )
        self._announce("MESSAGE_UPDATE", msg, channel)
        return msg

    def delete(self, msg: dict[str, Any]) -> None:
        mid = int(msg["id"])
        self.state.messages.pop(mid, None)
        channel = self.state.world.channels.get(int(msg["channel_id"]))
        log = self.state.channel_log.get(int(msg["channel_id"]), [])
        if mid in log:
            log.remove(mid)
        if channel is not None and not msg["flags"] & EPHEMERAL:
            data: dict[str, Any] = {"id": msg["id"], "channel_id": msg["channel_id"]}
            if channel.guild is not None:
                data["guild_id"] = str(channel.guild.id)
            self._dispatch_channel_event("MESSAGE_DELETE", data, channel)

    def _announce(self, event: str, msg: dict[str, Any], channel: Channel) -> None:
        if msg["flags"] & EPHEMERAL:
            return  # ephemeral messages never reach the gateway
        data = msg
        if channel.guild is not None:
            data = dict(msg)
            data["guild_id"] = str(channel.guild.id)
            member = channel.guild.members.get(int(msg["author"]["id"]))
            if member is not None:
                data["member"] = member.payload(with_user=False)
        self._dispatch_channel_event(event, data, channel)

    def _dispatch_channel_event(self, event: str, data: dict[str, Any], channel: Channel) -> None:
        if channel.guild is not None:
            if channel.guild.bot_present:
                self.gateway.dispatch(event, data, guild_id=channel.guild.id, intent=INTENT_GUILD_MESSAGES)
        elif channel.type != GROUP_DM:  # the bot is never in a group DM: it hears nothing said there
            self.gateway.dispatch(event, data, intent=INTENT_DIRECT_MESSAGES)

    def channel_messages(
        self, channel: Channel | int, *, include_ephemeral: bool = False
    ) -> list[dict[str, Any]]:
        """Messages currently in a channel, oldest first (ephemeral interaction replies only if asked)."""
        cid = as_id(channel)
        out = [
            self.state.messages[i] for i in self.state.channel_log.get(cid, []) if i in self.state.messages
        ]
        if not include_ephemeral:
            out = [m for m in out if not m["flags"] & EPHEMERAL]
        return out
