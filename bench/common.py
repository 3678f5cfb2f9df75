"""Shared benchmark plumbing: the bare floor bot, statistics, tables (bots start through bot.harness)."""

from __future__ import annotations

import argparse
import io
import json
import logging
import math
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import discord
from discord import app_commands

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/run.py` puts bench/ (not the project) on sys.path
    sys.path.insert(0, str(ROOT))

TOKEN = "sandbox-token"
DEADLINE = 3.0  # Discord's limit for the first answer to an interaction, seconds
BARE_ANSWER = "Heartstopper Forever comes out in 2026."


def quiet_logging() -> None:
    """Benchmarks print their own tables; keep library chatter (and the bot's INFO lines) out of them."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("discord").setLevel(logging.ERROR)


class BareBot(discord.AutoShardedClient):
    """The floor: a plain discord.py client with the fan bot's intents and a one-command tree answering a
    constant string. ``/ask`` has the same option as the fan bot's so the interaction payloads match. Sharded
    like the fan bot (an AutoShardedClient), so the floor pays the same for its gateway connections.

    With ``embed=`` it answers that constant embed instead (a reference: what discord.py and the sandbox
    spend on an embed answer, with none of the bot's logic). With ``card=`` it answers a constant
    Components V2 card and its files (the layout, and each file's name, bytes and description): what the
    card's upload costs, with none of the bot's logic."""

    def __init__(
        self,
        *,
        embed: discord.Embed | None = None,
        card: tuple[discord.ui.LayoutView, list[tuple[str, bytes, str | None]]] | None = None,
        **options: Any,
    ) -> None:
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        intents = discord.Intents.none()
        intents.guilds = True
        super().__init__(intents=intents, **options)
        self.tree = app_commands.CommandTree(self)

        @self.tree.command(name="ask", description="Ask a question")
        async def ask(interaction: discord.Interaction, question: app_commands.Range[str, 1, 2000]) -> None:
            if card is not None:
                view, attachments = card
                # A file is read once by its send: each answer gets its own, over the same bytes.
                files = [
                    discord.File(io.BytesIO(data), filename=name, description=description)
                    for name, data, description in attachments
                ]
                await interaction.response.send_message(view=view, files=files)
            elif embed is None:
                await interaction.response.send_message(BARE_ANSWER)
            else:
                await interaction.response.send_message(embed=embed)

    async def setup_hook(self) -> None:
        await self.tree.sync()


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty sequence."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    return percentile(values, 50)


def ratio(value: float, floor: float) -> float:
    return value / floor if floor > 0 else math.nan


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def verdict(ok: bool | None) -> str:
    if ok is None:
        return ""
    return "ok" if ok else "MISSED"


@dataclass
class Table:
    title: str
    header: Sequence[str]
    rows: list[Sequence[str]]

    def render(self) -> str:
        cells = [list(self.header), *[list(map(str, row)) for row in self.rows]]
        widths = [max(len(row[i]) for row in cells) for i in range(len(self.header))]
        lines = [self.title, "-" * len(self.title)]
        for index, row in enumerate(cells):
            lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
            if index == 0:
                lines.append("  ".join("-" * width for width in widths))
        return "\n".join(lines)

    def print(self) -> None:
        print("\n" + self.render(), flush=True)


def machine_line() -> str:
    return f"python {sys.version.split()[0]}, discord.py {discord.__version__}, {os.cpu_count()} CPUs"


def write_json(path: Path, figures: dict[str, Any]) -> None:
    path.write_text(json.dumps(figures, indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8")


class Report(Protocol):
    def figures(self) -> dict[str, Any]: ...

    def tables(self) -> list[Table]: ...


def part_main(
    doc: str | None,
    quick_help: str,
    run: Callable[..., Report],
    *,
    switches: dict[str, str] | None = None,
) -> None:
    """The command line of one benchmark script: ``[--quick] [--json FILE]`` and the script's own on/off
    ``switches`` (name -> help, passed to ``run`` as keyword arguments); prints its tables."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help=quick_help)
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures to FILE as JSON")
    for name, help_text in (switches or {}).items():
        parser.add_argument(f"--{name}", action="store_true", help=help_text)
    args = parser.parse_args()
    quiet_logging()
    report = run(args.quick, **{name: getattr(args, name) for name in switches or {}})
    for table in report.tables():
        table.print()
    if args.json is not None:
        write_json(args.json, report.figures())
