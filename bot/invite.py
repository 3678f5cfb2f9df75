"""`python -m bot invite`: the OAuth2 URL that adds the bot to a server with exactly the permissions it uses;
`python -m bot invite --user`: the URL with which a fan installs the fan commands on their own account.

FEATURE_PERMISSIONS is the one place a feature declares what it needs from a server; the invite asks for the
union, nothing more: add a line here with the feature that needs a new one.
"""

from __future__ import annotations

import base64
import binascii

import discord

from bot.config import ConfigError, Settings

SCOPES = ("bot", "applications.commands")
# A user install brings only the commands (no bot user joins anything), so it asks for no permissions.
USER_INSTALL_SCOPES = ("applications.commands",)
USER_INSTALL = 1  # Discord's integration_type for an install on a user's account (0: a server)

FEATURE_PERMISSIONS: dict[str, discord.Permissions] = {
    # Every reply and countdown post: see the channel, post in it, as an embed.
    "commands and countdown posts": discord.Permissions(
        view_channel=True, send_messages=True, embed_links=True
    ),
    # The bot reads its own recent posts to avoid duplicates after a long outage.
    "duplicate check after outages": discord.Permissions(read_message_history=True),
    # The premiere as a server event (/announcements setup's `event` option).
    "premiere event": discord.Permissions(create_events=True),
    # "Ping me here" under posts gives a member the countdown role (only roles below the bot's own).
    "ping me here button": discord.Permissions(manage_roles=True),
}


def required_permissions() -> discord.Permissions:
    permissions = discord.Permissions.none()
    for needed in FEATURE_PERMISSIONS.values():
        permissions |= needed
    return permissions


def application_id_from_token(token: str) -> int | None:
    """A bot token's first part is the bot user's id in base64; for applications made since 2016 (every
    application a new bot has) the bot user's id is the application's id."""
    first = token.split(".", 1)[0]
    try:
        decoded = base64.urlsafe_b64decode(first + "=" * (-len(first) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return int(decoded) if decoded.isdigit() and 15 <= len(decoded) <= 21 else None


def resolve_client_id(settings: Settings, client_id: str | None) -> int:
    """--client-id, else DISCORD_CLIENT_ID, else the id in DISCORD_TOKEN; ConfigError when none is usable."""
    given = client_id or (str(settings.client_id) if settings.client_id else None)
    if given is not None:
        if not (given.isdigit() and 15 <= len(given) <= 21):
            raise ConfigError(
                f"--client-id must be the application id (a number of 17-20 digits), not {given!r}: "
                "copy it from the Developer Portal (Applications > your app > General Information)"
            )
        return int(given)
    if settings.token and (derived := application_id_from_token(settings.token)) is not None:
        return derived
    raise ConfigError(
        "the invite needs the application id: pass --client-id ID or set DISCORD_CLIENT_ID (Developer Portal > "
        "your app > General Information > Application ID), or set DISCORD_TOKEN to derive it"
    )


def invite_url(client_id: int) -> str:
    return discord.utils.oauth_url(client_id, permissions=required_permissions(), scopes=SCOPES)


def user_install_url(client_id: int) -> str:
    """The link a fan opens to install the fan commands on their account (User Install must be on in the
    Developer Portal's Installation page, or Discord refuses it)."""
    # discord.utils.oauth_url has no integration_type parameter.
    return (
        f"https://discord.com/oauth2/authorize?client_id={client_id}&integration_type={USER_INSTALL}"
        f"&scope={'+'.join(USER_INSTALL_SCOPES)}"
    )


def permission_names(permissions: discord.Permissions) -> list[str]:
    """'View Channels'-style names of the permissions set, as the Developer Portal shows them."""
    portal_names = {"read_messages": "View Channels", "create_events": "Create Events"}
    return [
        portal_names.get(name, name.replace("_", " ").title()) for name, allowed in permissions if allowed
    ]
