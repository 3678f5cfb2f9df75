"""Settings from the environment and `.env` (python-dotenv).

Each setting is read and checked once, at start-up; a missing or wrong one stops the bot with a single line that
names the variable and says how to fix it. The token is never put in a message, a log line or a repr.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from dotenv import load_dotenv

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = PROJECT_ROOT / "data" / "bot.sqlite3"
DEFAULT_DATA_FILE = PROJECT_ROOT / "data" / "heartstopper_forever.toml"
DEFAULT_HEALTH_FILE = PROJECT_ROOT / "data" / "health.json"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
LOG_FORMATS = ("text", "json")
# A bot token is three base64url parts separated by dots.
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_\-]{20,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{20,}$")


class ConfigError(Exception):
    """A setting is missing or wrong. str() is the one line to show the person running the bot."""


@dataclass(frozen=True)
class Settings:
    database_path: Path = DEFAULT_DATABASE
    data_file: Path = DEFAULT_DATA_FILE
    token: str | None = field(default=None, repr=False)
    # The application id, for `python -m bot invite` (which can also derive it from the token).
    client_id: int | None = None
    dev_guild_id: int | None = None
    owner_ids: frozenset[int] = frozenset()
    # Who may change the knowledge base with /kb besides the owners (the data is global: one bot, many servers).
    editor_ids: frozenset[int] = frozenset()
    log_level: str = "INFO"
    # "text" lines for people, or "json" (one object per line) for log collectors; see bot/logging_setup.py.
    log_format: str = "text"
    # Testing aid: point the client at another Discord (the sandbox). None means the real Discord.
    api_base: str | None = None
    # Testing aid, only with api_base: the bot's clock runs this far ahead of the system clock, as the sandbox's
    # does (bot/sandbox/clock.py ShiftedWallClock), so a bot in its own process can be run at any date.
    clock_offset: timedelta = timedelta(0)
    announcement_grace: timedelta = timedelta(hours=3)
    # Deployment health check (bot/health.py): the heartbeat file and when `python -m bot health` fails.
    # None (the default when built in code: tests, benchmarks, the playground) writes no file.
    health_file: Path | None = None
    health_max_age: timedelta = timedelta(seconds=60)
    health_disconnect_limit: timedelta = timedelta(seconds=120)
    health_dispatcher_late: timedelta = timedelta(seconds=120)
    # How long an unanswered /ask question (an "ask gap") is kept after it was last asked.
    ask_gaps_retention: timedelta = timedelta(days=90)
    # How often the running bot looks for a newer import made by another process (`python -m bot db import`).
    # Not read from the environment: one indexed read every 30 s costs nothing, and tests shorten it.
    data_version_check: timedelta = timedelta(seconds=30)
    # Prometheus metrics (bot/metrics.py) at http://METRICS_HOST:METRICS_PORT/metrics; None serves nothing.
    metrics_port: int | None = None
    metrics_host: str = "127.0.0.1"

    def require_token(self) -> str:
        if not self.token:
            raise ConfigError(
                "DISCORD_TOKEN is not set: put DISCORD_TOKEN=<your bot token> in .env (see .env.example), "
                "or try the bot without one: python -m bot playground"
            )
        return self.token


def load_settings(environ: Mapping[str, str] | None = None, *, dotenv: bool = True) -> Settings:
    """Read the settings. ``environ`` defaults to os.environ after loading `.env` (which never overrides)."""
    if environ is None:
        if dotenv:
            load_dotenv(PROJECT_ROOT / ".env", override=False)
        environ = os.environ

    def get(name: str) -> str | None:
        value = environ.get(name, "").strip()
        return value or None

    token = get("DISCORD_TOKEN")
    if token is not None and not _TOKEN_SHAPE.match(token) and not get("DISCORD_API_BASE"):
        raise ConfigError(
            "DISCORD_TOKEN does not look like a bot token: copy it again from the Developer Portal "
            "(Applications > your app > Bot > Reset Token); it has three parts separated by dots"
        )

    client_id = get("DISCORD_CLIENT_ID")
    if client_id is not None and not (client_id.isdigit() and 15 <= len(client_id) <= 21):
        raise ConfigError(
            "DISCORD_CLIENT_ID must be the application id (a number of 17-20 digits) from the Developer Portal "
            "(Applications > your app > General Information), or leave it empty"
        )

    dev_guild = get("DEV_GUILD_ID")
    if dev_guild is not None and not (dev_guild.isdigit() and 15 <= len(dev_guild) <= 21):
        raise ConfigError(
            "DEV_GUILD_ID must be a server id (a number of 17-20 digits): enable Developer Mode in Discord, "
            "right-click the server and Copy Server ID, or leave it empty to sync commands globally"
        )

    owners = _user_ids("OWNER_IDS", get("OWNER_IDS"))
    editors = _user_ids("EDITOR_IDS", get("EDITOR_IDS"))

    level = (get("LOG_LEVEL") or "INFO").upper()
    if level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {level!r}")

    log_format = (get("LOG_FORMAT") or "text").lower()
    if log_format not in LOG_FORMATS:
        raise ConfigError(
            f"LOG_FORMAT must be text (lines for people) or json (one object per line), not {log_format!r}"
        )

    api_base = get("DISCORD_API_BASE")
    if api_base is not None:
        api_base = api_base.rstrip("/")
        if not re.match(r"^https?://[^/\s]+$", api_base):
            raise ConfigError(
                "DISCORD_API_BASE must be a base address such as http://127.0.0.1:8765 (no path); "
                "leave it empty to use the real Discord"
            )

    offset_text = get("CLOCK_OFFSET_SECONDS")
    clock_offset = timedelta(0)
    if offset_text is not None:
        if api_base is None:
            raise ConfigError(
                "CLOCK_OFFSET_SECONDS is a testing aid for a sandbox Discord (DISCORD_API_BASE): "
                "remove it to run against the real Discord"
            )
        try:
            clock_offset = timedelta(seconds=float(offset_text))
            if abs(clock_offset) > timedelta(days=36_500):
                raise ValueError
        except (ValueError, OverflowError):
            raise ConfigError(
                f"CLOCK_OFFSET_SECONDS must be a number of seconds (within a century), not {offset_text!r}"
            ) from None

    grace_text = get("ANNOUNCEMENT_GRACE_HOURS") or "3"
    try:
        grace_hours = float(grace_text)
        if not 0 <= grace_hours <= 168:
            raise ValueError
    except ValueError:
        raise ConfigError(
            f"ANNOUNCEMENT_GRACE_HOURS must be a number of hours from 0 to 168, not {grace_text!r}"
        ) from None

    health_file = _path(get("HEALTH_FILE"), DEFAULT_HEALTH_FILE)
    if health_file.is_dir() or (get("HEALTH_FILE") or "").endswith(("/", "\\")):
        raise ConfigError(
            f"HEALTH_FILE must be a file path such as data/health.json, not the folder {health_file}"
        )
    # Health check limits, in seconds (see bot/health.py).
    health_limits = {
        name: _seconds(name, get(name), default)
        for name, default in (
            ("HEALTH_MAX_AGE_SECONDS", 60),
            ("HEALTH_DISCONNECT_SECONDS", 120),
            ("HEALTH_DISPATCHER_LATE_SECONDS", 120),
        )
    }

    retention_text = get("ASK_GAPS_RETENTION_DAYS") or "90"
    if not (retention_text.isdigit() and 1 <= int(retention_text) <= 3650):
        raise ConfigError(
            f"ASK_GAPS_RETENTION_DAYS must be a whole number of days from 1 to 3650, not {retention_text!r}"
        )

    metrics_port_text = get("METRICS_PORT")
    if metrics_port_text is not None and not (
        metrics_port_text.isdigit() and 1 <= int(metrics_port_text) <= 65535
    ):
        raise ConfigError(
            f"METRICS_PORT must be a TCP port from 1 to 65535 (such as 9464), not {metrics_port_text!r}; "
            "leave it empty to serve no metrics"
        )
    metrics_host = get("METRICS_HOST") or "127.0.0.1"
    if not re.match(r"^[A-Za-z0-9.:\-]+$", metrics_host):
        raise ConfigError(
            f"METRICS_HOST must be an address to listen on such as 127.0.0.1 or 0.0.0.0, not {metrics_host!r}"
        )

    return Settings(
        database_path=_path(get("DATABASE_PATH"), DEFAULT_DATABASE),
        data_file=_path(get("DATA_FILE"), DEFAULT_DATA_FILE),
        token=token,
        client_id=int(client_id) if client_id else None,
        dev_guild_id=int(dev_guild) if dev_guild else None,
        owner_ids=owners,
        editor_ids=editors,
        log_level=level,
        log_format=log_format,
        api_base=api_base,
        clock_offset=clock_offset,
        announcement_grace=timedelta(hours=grace_hours),
        health_file=health_file,
        health_max_age=health_limits["HEALTH_MAX_AGE_SECONDS"],
        health_disconnect_limit=health_limits["HEALTH_DISCONNECT_SECONDS"],
        health_dispatcher_late=health_limits["HEALTH_DISPATCHER_LATE_SECONDS"],
        ask_gaps_retention=timedelta(days=int(retention_text)),
        metrics_port=int(metrics_port_text) if metrics_port_text else None,
        metrics_host=metrics_host,
    )


def _user_ids(name: str, value: str | None) -> frozenset[int]:
    ids: set[int] = set()
    for part in (value or "").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit():
            raise ConfigError(f"{name} must be user ids separated by commas; {part!r} is not a number")
        ids.add(int(part))
    return frozenset(ids)


def _path(value: str | None, default: Path) -> Path:
    if value is None:
        return default
    path = Path(value).expanduser()
    return path if path.is_absolute() else PROJECT_ROOT / path


def _seconds(name: str, value: str | None, default: float) -> timedelta:
    try:
        seconds = float(value) if value is not None else default
        if not 1 <= seconds <= 86_400:
            raise ValueError
    except ValueError:
        raise ConfigError(f"{name} must be a number of seconds from 1 to 86400, not {value!r}") from None
    return timedelta(seconds=seconds)


def redact(text: str, token: str | None) -> str:
    """``text`` with the token replaced: for the logs and for anything shown to users (stored error reasons)."""
    return text.replace(token, "[token]") if token and token in text else text


class RedactTokenFilter(logging.Filter):
    """Belt and braces: replaces the token in any log record (its message and its traceback), should some
    library ever print it. A handler filter, so it applies whatever the format (bot/logging_setup.py)."""

    def __init__(self, token: str | None) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if self.token:
            message = record.getMessage()
            if self.token in message:
                record.msg = redact(message, self.token)
                record.args = ()
            if record.exc_info and not record.exc_text:
                # Formatters reuse exc_text when it is set, so the redacted traceback is what gets written.
                record.exc_text = logging.Formatter().formatException(record.exc_info)
            if record.exc_text and self.token in record.exc_text:
                record.exc_text = redact(record.exc_text, self.token)
        return True
