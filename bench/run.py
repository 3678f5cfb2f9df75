"""Run every benchmark of the fan bot and print a summary of the figures against their floors.

    python bench/run.py                 # everything (a few minutes)
    python bench/run.py --quick         # the shortened modes (seconds), as CI runs them
    python bench/run.py --json out.json # also write all the figures as one JSON object
    python bench/run.py --only latency,fanout
    python bench/run.py --only answers  # how often /ask is right on the evaluation sets
    python bench/run.py --only chaos    # crashes, restarts and Discord outages during a round (~12 min full)
    python bench/run.py --only reload   # the event loop while /reload-data imports a large data file

Each part runs in its own process (``python bench/<part>.py``, which can also be run alone) so one part's
memory and garbage do not slow the next. Goals are printed next to the figures; missing one does not change
the exit status (timings vary between machines); a part that fails does (exit 1).
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: python bench/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, Table, machine_line, verdict, write_json

BENCH = Path(__file__).resolve().parent
PARTS = ("latency", "fanout", "growth", "footprint", "delay", "reload", "answers", "chaos")


def run_part(part: str, quick: bool, directory: Path) -> tuple[dict[str, Any], float, str | None]:
    out = directory / f"{part}.json"
    command = [sys.executable, str(BENCH / f"{part}.py"), "--json", str(out)]
    if quick:
        command.append("--quick")
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0 or not out.exists():
        return {}, elapsed, f"exit status {result.returncode}"
    return json.loads(out.read_text(encoding="utf-8")), elapsed, None


def _num(figures: dict[str, Any], key: str) -> float:
    value = figures.get(key)
    return float(value) if isinstance(value, int | float) else math.nan


def summary(figures: dict[str, Any]) -> Table:
    f = figures

    def row(name: str, value: str, goal: str, ok: bool | None) -> list[str]:
        return [name, value, goal, verdict(ok)]

    p50, p99 = _num(f, "interaction_p50_ratio"), _num(f, "interaction_p99_ratio")
    burst = _num(f, "burst_answered_in_deadline")
    fan_ratio = _num(f, "fanout_ratio")
    memory = _num(f, "memory_ratio")
    stall = _num(f, "reload_large_stall_ms")
    rows = [
        row("interaction p50 (worst command) / floor", f"{p50:.2f}x", "<= 1.10x", p50 <= 1.10),
        row("interaction p99 (worst command) / floor", f"{p99:.2f}x", "<= 1.25x", p99 <= 1.25),
        row("burst of 200 answered within 3 s", f"{burst:.1%}", "100%", burst == 1.0),
        row(
            f"fan-out, {f.get('fanout_servers', '?')} servers: last post / floor",
            f"{_num(f, 'fanout_seconds'):.2f} s / {_num(f, 'fanout_floor_seconds'):.2f} s = {fan_ratio:.3f}x",
            "<= 1.10x",
            fan_ratio <= 1.10,
        ),
        row("fan-out global 429", str(f.get("fanout_global_429", "?")), "0", f.get("fanout_global_429") == 0),
        row("fan-out posts lost", str(f.get("fanout_lost", "?")), "0", f.get("fanout_lost") == 0),
        row(
            "fan-out posts duplicated",
            str(f.get("fanout_duplicated", "?")),
            "0",
            f.get("fanout_duplicated") == 0,
        ),
        row(
            "slash commands during the fan-out within 3 s",
            f"{f.get('fanout_commands_in_deadline', '?')}/{f.get('fanout_commands_sent', '?')}",
            "all",
            f.get("fanout_commands_in_deadline") == f.get("fanout_commands_sent") is not None,
        ),
        row(
            "/ask growth with the knowledge base",
            "log-like" if f.get("ask_growth_log_like") else "faster than log",
            "<= logarithmic",
            f.get("ask_growth_log_like"),
        ),
        row(
            "scheduler growth with subscriptions",
            "linear or better" if f.get("schedule_growth_linear") else "faster than linear",
            "<= linear",
            f.get("schedule_growth_linear"),
        ),
        row(
            "data file read + derive growth with its entries",
            "linear or better" if f.get("data_file_growth_linear") else "faster than linear",
            "<= linear",
            f.get("data_file_growth_linear"),
        ),
        row(
            "due instant to post, real clock (first / last of 5)",
            f"{_num(f, 'delay_first_seconds') * 1000:.1f} ms / {_num(f, 'delay_max_seconds') * 1000:.1f} ms"
            if "delay_max_seconds" in f
            else "skipped (quick)",
            "<= 1 s",
            _num(f, "delay_max_seconds") <= 1.0 if "delay_max_seconds" in f else None,
        ),
        row(
            f"/reload-data of {f.get('reload_extra_entries', '?')} more entries: longest loop stall",
            f"{stall:.0f} ms ({_num(f, 'reload_stall_ratio'):.2f}x the shipped file's)",
            "<= 500 ms",
            stall <= 500 and f.get("reload_problems") == 0,
        ),
        row(
            f"memory with {f.get('memory_guilds', '?')} servers / floor",
            f"{memory:.2f}x ({_num(f, 'memory_rss_mb'):.1f} vs {_num(f, 'memory_floor_rss_mb'):.1f} MiB)",
            "<= 1.15x",
            memory <= 1.15,
        ),
    ]
    if "chaos_kill_trials" in f:
        kill = [f.get(f"chaos_kill_{k}") for k in ("lost", "duplicated", "stuck")]
        outage = [f.get("chaos_outage_lost"), f.get("chaos_outage_duplicated")]
        sigterm = _num(f, "chaos_sigterm_exit_max_seconds")
        corrupt = _num(f, "chaos_corrupt_exit_max_seconds")
        corrupt_ok = f.get("chaos_corrupt_all_exit_2") and f.get("chaos_corrupt_all_one_line")
        rows += [
            row(
                f"kill -9 / SIGTERM + restart, {f.get('chaos_kill_trials')} trials: lost / dup / stuck",
                " / ".join(map(str, kill)),
                "0 / 0 / 0",
                kill == [0, 0, 0] and f.get("chaos_kill_hangs") == 0,
            ),
            row("SIGTERM mid-round to exit (worst)", f"{sigterm:.2f} s", "<= 6 s", sigterm <= 6.0),
            row(
                f"Discord outages, {f.get('chaos_outage_trials')} rounds: lost / dup",
                " / ".join(map(str, outage)),
                "0 / 0",
                outage == [0, 0],
            ),
            row(
                "outage rounds done after outage + 1.2 x floor",
                str(f.get("chaos_outage_missed_bound")),
                "0",
                f.get("chaos_outage_missed_bound") == 0,
            ),
            row(
                "corrupt database: exit (worst)",
                f"{corrupt:.2f} s" + ("" if corrupt_ok else " (not status 2 with one line)"),
                "<= 1 s, status 2, one line",
                corrupt <= 1.0 and bool(corrupt_ok),
            ),
        ]
    for part, goal in (("tuning", 0.97), ("heldout", 0.95), ("i18n", 1.0)):
        prefix = f"answers_{part}"
        if f"{prefix}_facts_right" not in f:
            continue
        right = _num(f, f"{prefix}_facts_right")
        unknown, offtopic = _num(f, f"{prefix}_unknown_refused"), _num(f, f"{prefix}_offtopic_refused")
        invented, multi = f.get(f"{prefix}_invented"), _num(f, f"{prefix}_multipart_answered")
        rows += [
            row(f"/ask {part}: facts right", f"{right:.1%}", f">= {goal:.0%}", right >= goal),
            row(
                f"/ask {part}: unknown / off-topic refused",
                f"{unknown:.1%} / {offtopic:.1%}",
                "100% / 100%",
                unknown == 1.0 and offtopic == 1.0,
            ),
            row(f"/ask {part}: invented facts", str(invented), "0", invented == 0),
            row(f"/ask {part}: multi-part fully answered", f"{multi:.1%}", "100%", multi == 1.0),
        ]
    return Table("Summary", ["figure", "measured", "goal", ""], rows)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="the shortened modes (seconds; what CI runs)")
    parser.add_argument(
        "--json", type=Path, metavar="FILE", help="also write every figure to FILE as one object"
    )
    parser.add_argument(
        "--only", default=",".join(PARTS), help=f"comma-separated parts among {', '.join(PARTS)}"
    )
    args = parser.parse_args()
    parts = [part.strip() for part in args.only.split(",") if part.strip()]
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        parser.error(f"unknown part(s) {', '.join(unknown)}; choose among {', '.join(PARTS)}")

    print(
        f"Heartstopper Forever bot benchmarks ({'quick' if args.quick else 'full'}): {machine_line()}",
        flush=True,
    )
    figures: dict[str, Any] = {"mode": "quick" if args.quick else "full", "machine": machine_line()}
    failures: list[str] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-run-") as tmp:
        for part in parts:
            print(f"\n=== {part} ===", flush=True)
            part_figures, elapsed, error = run_part(part, args.quick, Path(tmp))
            figures.update(part_figures)
            figures[f"{part}_wall_seconds"] = elapsed
            if error:
                failures.append(f"{part}: {error}")
                print(f"{part} FAILED ({error})", file=sys.stderr, flush=True)
    figures["total_wall_seconds"] = time.perf_counter() - started
    summary(figures).print()
    print(f"\nTotal {figures['total_wall_seconds']:.0f} s.", flush=True)
    if args.json is not None:
        write_json(args.json, figures)
        print(f"Figures written to {args.json}.")
    if failures:
        print("Failed parts: " + "; ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
