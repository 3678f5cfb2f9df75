"""4. Footprint: resident memory of the fan bot connected to a world of 1,000 servers, against the bare bot.

Each bot runs in its own process (bench/footprint_worker.py) against a sandbox in yet another process
(bench/sandbox_server.py, a fresh one per run), so neither the sandbox nor the benchmark is counted. Memory is
read with psutil after READY, every GUILD_CREATE handled, a short settle and a garbage collection. Runs
alternate bare, fan, fan, bare...; the median of each bot's runs is compared. Goal: within 1.15 times.

Run: ``python bench/footprint.py [--quick]``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench.common as common
from bench.common import ROOT, Table, median, ratio, verdict

GOAL = 1.15
BENCH = Path(__file__).resolve().parent


@dataclass
class FootprintConfig:
    guilds: int = 1000
    runs: int = 2  # per bot


QUICK = FootprintConfig(guilds=1000, runs=1)


def _one_run(kind: str, guilds: int) -> dict[str, Any]:
    server = subprocess.Popen(
        [sys.executable, str(BENCH / "sandbox_server.py"), "--guilds", str(guilds)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        if not line:
            raise RuntimeError("the sandbox server exited before listening")
        address = json.loads(line)
        worker = subprocess.run(
            [
                sys.executable,
                str(BENCH / "footprint_worker.py"),
                "--kind",
                kind,
                "--api-base",
                address["api_base"],
                "--token",
                address["token"],
                "--guilds",
                str(guilds),
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=600,
            check=False,
        )
        if worker.returncode != 0:
            raise RuntimeError(f"footprint worker ({kind}) failed:\n{worker.stderr[-3000:]}")
        return json.loads(worker.stdout.strip().splitlines()[-1])
    finally:
        if server.stdin is not None:
            server.stdin.close()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@dataclass
class FootprintReport:
    guilds: int
    runs: dict[str, list[dict[str, Any]]]

    def _median(self, kind: str, key: str) -> float:
        return median([float(run[key]) for run in self.runs[kind]])

    def figures(self) -> dict[str, Any]:
        bare, fan = self._median("bare", "rss_bytes"), self._median("fan", "rss_bytes")
        return {
            "memory_guilds": self.guilds,
            "memory_floor_rss_mb": bare / 2**20,
            "memory_rss_mb": fan / 2**20,
            "memory_ratio": ratio(fan, bare),
            "memory_uss_ratio": ratio(self._median("fan", "uss_bytes"), self._median("bare", "uss_bytes")),
            "memory_extra_mb": (fan - bare) / 2**20,
        }

    def tables(self) -> list[Table]:
        bare_rss = self._median("bare", "rss_bytes")
        bare_uss = self._median("bare", "uss_bytes")
        rows = []
        for kind, label in (("bare", "bare discord.py (floor)"), ("fan", "fan bot")):
            rss, uss = self._median(kind, "rss_bytes"), self._median(kind, "uss_bytes")
            r = ratio(rss, bare_rss)
            rows.append(
                [
                    label,
                    str(len(self.runs[kind])),
                    f"{rss / 2**20:.1f} MiB",
                    f"{uss / 2**20:.1f} MiB",
                    f"{r:.2f}",
                    f"{ratio(uss, bare_uss):.2f}",
                    f"{self._median(kind, 'startup_seconds'):.2f} s",
                    "" if kind == "bare" else verdict(r <= GOAL),
                ]
            )
        return [
            Table(
                f"4. Footprint: resident memory with {self.guilds} servers (goal: <= {GOAL:.2f}x floor)",
                ["bot", "runs", "RSS", "USS", "RSS x", "USS x", "to READY", "goal"],
                rows,
            )
        ]


def run_footprint(config: FootprintConfig) -> FootprintReport:
    runs: dict[str, list[dict[str, Any]]] = {"bare": [], "fan": []}
    for index in range(config.runs):
        order = ("bare", "fan") if index % 2 == 0 else ("fan", "bare")
        for kind in order:
            runs[kind].append(_one_run(kind, config.guilds))
    return FootprintReport(config.guilds, runs)


def main() -> None:
    common.part_main(
        __doc__,
        "one run per bot instead of two",
        lambda quick: run_footprint(QUICK if quick else FootprintConfig()),
    )


if __name__ == "__main__":
    main()
