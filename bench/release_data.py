"""A copy of the knowledge base's data file with the release set to a known day (so there is a countdown)."""

from __future__ import annotations

import re
from pathlib import Path

from bot.config import DEFAULT_DATA_FILE

_RELEASE_DATE = re.compile(r'^(\[release\][^\[]*?^date\s*=\s*)"[^"]*"', re.MULTILINE | re.DOTALL)


def dated_data_file(directory: Path, release_day: str, *, source: Path = DEFAULT_DATA_FILE) -> Path:
    """Write ``directory/heartstopper_forever.toml``: ``source`` with ``[release] date = release_day``."""
    text = source.read_text(encoding="utf-8")
    changed, count = _RELEASE_DATE.subn(lambda m: f'{m.group(1)}"{release_day}"', text, count=1)
    if count != 1:
        raise ValueError(f"{source}: no date = ... line in the [release] table")
    path = directory / "heartstopper_forever.toml"
    path.write_text(changed, encoding="utf-8")
    return path
