"""How every table stores a moment: fixed-width UTC text, so timestamps compare (and sort) as text."""

from __future__ import annotations

from datetime import UTC, datetime

_TS_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def ts(value: datetime) -> str:
    """Fixed-width UTC text for a timestamp column."""
    if value.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return value.astimezone(UTC).strftime(_TS_FORMAT)


def parse_ts(text: str) -> datetime:
    # fromisoformat reads the trailing 'Z' (Python 3.11+) and is far faster than strptime on big result sets.
    return datetime.fromisoformat(text).astimezone(UTC)


def from_ts(text: str | None) -> datetime | None:
    """A nullable timestamp column."""
    return None if text is None else parse_ts(text)
