"""A copy of the knowledge base's data file with the release set to a known day (so there is a countdown)."""

from __future__ import annotations

from pathlib import Path

from bot.config import DEFAULT_DATA_FILE
from bot.playground import with_release_date


def dated_data_file(directory: Path, release_day: str, *, source: Path = DEFAULT_DATA_FILE) -> Path:
    """Write ``directory/heartstopper_forever.toml``: ``source`` with ``[release] date = release_day``."""
    path = directory / "heartstopper_forever.toml"
    path.write_text(with_release_date(source.read_text(encoding="utf-8"), release_day), encoding="utf-8")
    return path
