"""Discord permission bits and the permission computation Discord performs (roles, then channel overwrites)."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntFlag


class Permissions(IntFlag):
    CREATE_INSTANT_INVITE = 1 << 0
    KICK_MEMBERS = 1 << 1
    BAN_MEMBERS = 1 << 2
    ADMINISTRATOR = 1 << 3
    MANAGE_CHANNELS = 1 << 4
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_AUDIT_LOG = 1 << 7
    PRIORITY_SPEAKER = 1 << 8
    STREAM = 1 << 9
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    SEND_TTS_MESSAGES = 1 << 12
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_EXTERNAL_EMOJIS = 1 << 18
    VIEW_GUILD_INSIGHTS = 1 << 19
    CONNECT = 1 << 20
    SPEAK = 1 << 21
    MUTE_MEMBERS = 1 << 22
    DEAFEN_MEMBERS = 1 << 23
    MOVE_MEMBERS = 1 << 24
    USE_VAD = 1 << 25
    CHANGE_NICKNAME = 1 << 26
    MANAGE_NICKNAMES = 1 << 27
    MANAGE_ROLES = 1 << 28
    MANAGE_WEBHOOKS = 1 << 29
    MANAGE_GUILD_EXPRESSIONS = 1 << 30
    USE_APPLICATION_COMMANDS = 1 << 31
    REQUEST_TO_SPEAK = 1 << 32
    MANAGE_EVENTS = 1 << 33
    MANAGE_THREADS = 1 << 34
    CREATE_PUBLIC_THREADS = 1 << 35
    CREATE_PRIVATE_THREADS = 1 << 36
    USE_EXTERNAL_STICKERS = 1 << 37
    SEND_MESSAGES_IN_THREADS = 1 << 38
    USE_EMBEDDED_ACTIVITIES = 1 << 39
    MODERATE_MEMBERS = 1 << 40
    VIEW_CREATOR_MONETIZATION_ANALYTICS = 1 << 41
    USE_SOUNDBOARD = 1 << 42
    CREATE_GUILD_EXPRESSIONS = 1 << 43
    CREATE_EVENTS = 1 << 44
    USE_EXTERNAL_SOUNDS = 1 << 45
    SEND_VOICE_MESSAGES = 1 << 46
    SEND_POLLS = 1 << 49
    USE_EXTERNAL_APPS = 1 << 50
    PIN_MESSAGES = 1 << 51

    # Aliases and presets (multi-bit members are fine in IntFlag).
    ADMIN = ADMINISTRATOR
    NONE = 0
    ALL = (1 << 52) - 1
    # What @everyone gets in a freshly created guild (close to Discord's default).
    DEFAULT_MEMBER = (
        CREATE_INSTANT_INVITE
        | ADD_REACTIONS
        | STREAM
        | VIEW_CHANNEL
        | SEND_MESSAGES
        | EMBED_LINKS
        | ATTACH_FILES
        | READ_MESSAGE_HISTORY
        | USE_EXTERNAL_EMOJIS
        | CONNECT
        | SPEAK
        | USE_VAD
        | CHANGE_NICKNAME
        | USE_APPLICATION_COMMANDS
        | CREATE_PUBLIC_THREADS
        | CREATE_PRIVATE_THREADS
        | USE_EXTERNAL_STICKERS
        | SEND_MESSAGES_IN_THREADS
        | USE_EMBEDDED_ACTIVITIES
        | SEND_VOICE_MESSAGES
        | SEND_POLLS
        | USE_EXTERNAL_APPS
    )
    # What a typical invite link grants the bot's managed role; no MENTION_EVERYONE on purpose.
    DEFAULT_BOT = (
        VIEW_CHANNEL
        | SEND_MESSAGES
        | SEND_MESSAGES_IN_THREADS
        | EMBED_LINKS
        | ATTACH_FILES
        | READ_MESSAGE_HISTORY
        | ADD_REACTIONS
        | USE_EXTERNAL_EMOJIS
        | USE_APPLICATION_COMMANDS
    )


ALL_PERMISSIONS = int(Permissions.ALL)

# Overwrite target types, as in Discord's payloads.
OVERWRITE_ROLE = 0
OVERWRITE_MEMBER = 1


def base_permissions(everyone_perms: int, role_perms: Iterable[int], *, is_owner: bool = False) -> int:
    """Guild-level permissions: @everyone OR every role of the member; owner and ADMINISTRATOR get all."""
    if is_owner:
        return ALL_PERMISSIONS
    perms = everyone_perms
    for p in role_perms:
        perms |= p
    if perms & Permissions.ADMINISTRATOR:
        return ALL_PERMISSIONS
    return perms


def apply_overwrites(
    base: int,
    *,
    everyone_overwrite: tuple[int, int] | None,
    role_overwrites: Iterable[tuple[int, int]],
    member_overwrite: tuple[int, int] | None,
) -> int:
    """Channel-level permissions, applying (allow, deny) pairs in Discord's order.

    @everyone first, then all of the member's roles together (deny before allow), then the member's own.
    """
    if base & Permissions.ADMINISTRATOR:
        return ALL_PERMISSIONS
    perms = base
    if everyone_overwrite is not None:
        allow, deny = everyone_overwrite
        perms = (perms & ~deny) | allow
    allow_all = deny_all = 0
    for allow, deny in role_overwrites:
        allow_all |= allow
        deny_all |= deny
    perms = (perms & ~deny_all) | allow_all
    if member_overwrite is not None:
        allow, deny = member_overwrite
        perms = (perms & ~deny) | allow
    # Without VIEW_CHANNEL a member has no permission in the channel at all.
    if not perms & Permissions.VIEW_CHANNEL:
        return 0
    # Without SEND_MESSAGES the dependent message permissions are implicitly denied.
    if not perms & Permissions.SEND_MESSAGES:
        perms &= ~(
            Permissions.SEND_TTS_MESSAGES
            | Permissions.MENTION_EVERYONE
            | Permissions.EMBED_LINKS
            | Permissions.ATTACH_FILES
        )
    return perms


def permission_names(value: int) -> str:
    """Permission bits in words, as Discord's client names them ("Manage Server", not 32)."""
    names = [
        (flag.name or "").replace("_", " ").title().replace("Guild", "Server")
        for flag in Permissions
        if value & flag
    ]
    return ", ".join(names) or "none"
