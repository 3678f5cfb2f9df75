"""Readers for the deployment files (Dockerfile, the systemd unit, README's commands), shared by the deploy tests.

Only what the tests compare is parsed: instructions and their arguments, exec-form JSON arrays, unit keys, and
the README's first command split into its steps.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"
COMPOSE_FILE = ROOT / "compose.yaml"
DOCKERIGNORE = ROOT / ".dockerignore"
SYSTEMD_UNIT = ROOT / "deploy" / "heartstopper-bot.service"
README = ROOT / "README.md"


def dockerfile_instructions(path: Path = DOCKERFILE) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, continuation lines joined and comments dropped."""
    logical: list[str] = []
    pending = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if stripped.startswith("#"):  # a comment inside a continued instruction
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1].strip() + " "
            continue
        logical.append(pending + stripped)
        pending = ""
    assert not pending, f"{path} ends inside a continued instruction"
    instructions = []
    for text in logical:
        name, _, arguments = text.partition(" ")
        instructions.append((name.upper(), arguments.strip()))
    return instructions


def dockerfile_stages(path: Path = DOCKERFILE) -> list[list[tuple[str, str]]]:
    """The instructions of each stage, each list starting with its FROM."""
    stages: list[list[tuple[str, str]]] = []
    for instruction in dockerfile_instructions(path):
        if instruction[0] == "FROM":
            stages.append([])
        assert stages, "an instruction before the first FROM"
        stages[-1].append(instruction)
    return stages


def exec_form(arguments: str) -> list[str]:
    """A CMD/HEALTHCHECK argument in exec form (a JSON array of strings), as a list."""
    command = json.loads(arguments)
    assert isinstance(command, list) and all(isinstance(part, str) for part in command), arguments
    return command


def shell_steps(command: str) -> list[str]:
    """``a && b && c`` as ["a", "b", "c"], whitespace normalised."""
    return [" ".join(step.split()) for step in command.split("&&")]


def readme_run_command(path: Path = README) -> list[str]:
    """The steps of the README's first command (install, then run the bot)."""
    match = re.search(r"```sh\n(.+?)\n```", path.read_text(encoding="utf-8"), re.DOTALL)
    assert match, "README.md has no sh block"
    return shell_steps(match.group(1).replace("\\\n", " "))


def readme_section(title: str, path: Path = README) -> str:
    """The text of one `## title` section of the README."""
    text = path.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.DOTALL | re.MULTILINE)
    assert match, f"README.md has no section '## {title}'"
    return match.group(1)


def readme_commands(section: str) -> list[str]:
    """Every command line in the sh blocks of a README section, continuation lines joined."""
    lines: list[str] = []
    for block in re.findall(r"```sh\n(.*?)```", section, re.DOTALL):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split("  #", 1)[0].strip()
            if line and not line.startswith("#"):
                lines.append(" ".join(line.split()))
    return lines


def unit_settings(path: Path = SYSTEMD_UNIT) -> dict[str, dict[str, list[str]]]:
    """section -> key -> values (systemd allows a key more than once)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        assert current is not None, f"{path}: a setting before the first section"
        key, _, value = line.partition("=")
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def command_words(command: str) -> list[str]:
    return shlex.split(command)
