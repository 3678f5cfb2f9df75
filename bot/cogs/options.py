"""Slash-command option helpers shared by several cogs."""

from __future__ import annotations

from discord import app_commands

from bot.services.schedules import timezone_suggestions


def timezone_choices(current: str) -> list[app_commands.Choice[str]]:
    """Autocomplete for a time zone option: IANA names matching what the person typed (at most 25)."""
    return [app_commands.Choice(name=zone, value=zone) for zone in timezone_suggestions(current)]
