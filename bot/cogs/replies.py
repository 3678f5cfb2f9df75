"""The one way the cogs answer an interaction.

Mentions are off by the client-wide ``allowed_mentions`` default (see ``FanBot``); the helper never widens them.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import discord

from bot import i18n

log = logging.getLogger(__name__)


def reader_language(interaction: discord.Interaction) -> i18n.Language:
    """The language of the person who typed or pressed: their Discord client's locale (English if unknown)."""
    return i18n.language(interaction.locale.value)


async def reply(
    interaction: discord.Interaction,
    *,
    embed: discord.Embed | None = None,
    content: str | None = None,
    ephemeral: bool = False,
    view: discord.ui.View | discord.ui.LayoutView | None = None,
    file: discord.File | None = None,
    files: Sequence[discord.File] = (),
) -> None:
    """Answer ``interaction``: the first response, or a follow-up once it was answered or deferred.

    A ``discord.ui.LayoutView`` (a card) is the whole message: no ``embed`` or ``content`` with it."""
    kwargs: dict[str, Any] = {"ephemeral": ephemeral}
    if embed is not None:
        kwargs["embed"] = embed
    if content is not None:
        kwargs["content"] = content
    if view is not None:
        kwargs["view"] = view
    if file is not None:
        kwargs["file"] = file
    if files:
        kwargs["files"] = list(files)
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)


async def reply_quietly(interaction: discord.Interaction, **kwargs: Any) -> None:
    """``reply``, for error paths: a failure to answer is logged, not raised into another error handler."""
    try:
        await reply(interaction, **kwargs)
    except discord.HTTPException:
        log.warning("could not answer interaction %s", interaction.id)
