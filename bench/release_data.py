"""A copy of the knowledge base's data file with the release set to a known day (so there is a countdown), and the
same grown as a far later edition might grow (benchmarks and the large-file reload test)."""

from __future__ import annotations

from pathlib import Path

from bot.config import DEFAULT_DATA_FILE
from bot.playground import with_release_date


def dated_data_file(directory: Path, release_day: str, *, source: Path = DEFAULT_DATA_FILE) -> Path:
    """Write ``directory/heartstopper_forever.toml``: ``source`` with ``[release] date = release_day``."""
    path = directory / "heartstopper_forever.toml"
    path.write_text(with_release_date(source.read_text(encoding="utf-8"), release_day), encoding="utf-8")
    return path


def grow_data_file(data_file: Path, entries: int) -> None:
    """The data file with ``entries`` more people, characters, credits and facts, as a far later edition might."""
    parts = [data_file.read_text(encoding="utf-8")]
    for index in range(entries):
        parts.append(
            f'[people.extra-{index}]\nname = "Extra Person {index}"\n'
            f'[characters.role-{index}]\nname = "Background Character {index}"\n'
        )
        parts.append(
            f'[[credits]]\nrole = "cast"\nperson = "extra-{index}"\ncharacter = "role-{index}"\n'
            'status = "reported"\nsource = "wikipedia"\nas_of = 2025-07-28\n'
        )
        parts.append(
            f'[[facts]]\nid = "trivia-{index}"\ntopic = "trivia"\n'
            f'statement = "Extra Person {index} once visited bakery number {index} in Kent on a rainy morning."\n'
            'keywords = ["bakery", "kent"]\nsource = "wikipedia"\nas_of = 2025-07-28\n'
        )
    data_file.write_text("\n".join(parts), encoding="utf-8")
