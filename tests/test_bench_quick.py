"""The benchmarks' shortened modes keep working: `python bench/run.py --quick --json FILE` end to end.

Timings are not asserted (they depend on the machine); correctness figures are (nothing lost or duplicated).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

REQUIRED_NUMBERS = (
    "interaction_p50_ratio",
    "interaction_p99_ratio",
    "burst_answered_in_deadline",
    "fanout_servers",
    "fanout_seconds",
    "fanout_floor_seconds",
    "fanout_ratio",
    "fanout_global_429",
    "fanout_lost",
    "fanout_duplicated",
    "memory_ratio",
    "chaos_kill_trials",
    "chaos_no_fault_seconds",
    "chaos_corrupt_exit_max_seconds",
    "data_file_1000_derive_ms",
    "reload_large_stall_ms",
    "reload_stall_ratio",
)


def test_quick_benchmarks_run_and_report_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,  # several minutes on a machine busy with other work
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Summary" in result.stdout
    figures = json.loads(out.read_text(encoding="utf-8"))

    for key in REQUIRED_NUMBERS:
        value = figures.get(key)
        assert isinstance(value, int | float) and not isinstance(value, bool), (key, value)
        assert math.isfinite(value) and value >= 0, (key, value)

    assert figures["fanout_servers"] == 200
    assert figures["fanout_floor_seconds"] == 200 / 50
    assert figures["fanout_seconds"] > 0
    assert 0 <= figures["burst_answered_in_deadline"] <= 1
    assert figures["fanout_lost"] == 0
    assert figures["fanout_duplicated"] == 0
    assert figures["fanout_card_posts"] == 200  # every post a card, its picture uploaded with it
    assert figures["interaction_sandbox_problems"] == 0
    assert figures["fanout_sandbox_problems"] == 0
    for command in ("ask", "cast", "timeline", "countdown"):
        assert figures[f"interaction_{command}_errors"] == 0, command
    # Chaos: the real bot killed and restarted, and Discord outages; nothing lost, twice or left unsent.
    assert figures["chaos_kill_trials"] == 4 and figures["chaos_outage_trials"] == 5
    for key in ("lost", "duplicated", "stuck", "hangs"):
        assert figures[f"chaos_kill_{key}"] == 0, key
    assert figures["chaos_outage_lost"] == figures["chaos_outage_duplicated"] == 0
    assert figures["chaos_problems"] == 0
    assert figures["chaos_corrupt_all_exit_2"] and figures["chaos_corrupt_all_one_line"]
    # Reload: the large data file was imported each time (its stall is a figure, not asserted).
    assert figures["reload_extra_entries"] == 1000 and figures["reload_problems"] == 0


async def test_fanout_with_premiere_events_creates_every_event_and_loses_no_post() -> None:
    from bench.fanout import FanoutConfig, run_fanout

    report = await run_fanout(FanoutConfig(servers=20, events=True))
    assert report.events_created == 20
    assert report.event_requests >= 20  # a create in every server
    assert report.lost == report.duplicated == 0
    assert report.rate_limits.get("global", 0) == 0
    assert report.problems == []
