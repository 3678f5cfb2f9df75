"""The tree stays `ruff` clean (lint and format), with the ruff version pinned in pyproject.toml."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("arguments", [["check", "."], ["format", "--check", "."]], ids=["check", "format"])
def test_ruff_is_clean(arguments: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *arguments], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_no_module_constant_is_defined_twice() -> None:
    """A second ``_NAME = ...`` at a module's top level silently replaces the first for every use of it (ruff
    does not flag a rebound constant): each constant is defined once."""
    repeated: list[str] = []
    for path in sorted((ROOT / "bot").rglob("*.py")):
        seen: set[str] = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = list(node.targets) if isinstance(node, ast.Assign) else []
            if isinstance(node, ast.AnnAssign) and node.value is not None:
                targets = [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id.lstrip("_").isupper():
                    if target.id in seen:
                        repeated.append(f"{path.relative_to(ROOT)}: {target.id}")
                    seen.add(target.id)
    assert repeated == []
