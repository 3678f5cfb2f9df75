"""Logging for the running bot: text or JSON lines, the token never shown, and one line per reconnect attempt.

``LOG_FORMAT=text`` (the default) writes ``time level logger: message`` lines for a terminal or journald;
``LOG_FORMAT=json`` writes one JSON object per line (time, level, logger, message, and exc_info as a string)
for log collectors. The token redaction filter applies to both, tracebacks included.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import TextIO

from bot.config import RedactTokenFilter, Settings

TEXT_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
# discord.py's message when its connect loop failed and is about to retry (discord/client.py, Client.connect).
DISCORD_RECONNECT_MESSAGE = "Attempting a reconnect in %.2fs"
# The same for one shard of an AutoShardedClient (discord/shard.py, Shard._handle_disconnect), and a shard's
# first connection failing at start (AutoShardedClient.launch_shard, which retries after 5 s).
DISCORD_SHARD_RECONNECT_MESSAGE = "Attempting a reconnect for shard ID %s in %.2fs"
DISCORD_SHARD_LAUNCH_MESSAGE = "Failed to connect for shard_id: %s. Retrying..."
SHARD_LAUNCH_RETRY_SECONDS = 5.0


class JsonLinesFormatter(logging.Formatter):
    """One JSON object per record, on one line (newlines inside a traceback are escaped by JSON)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, str] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exc_info"] = record.exc_text
        if record.stack_info:
            entry["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)


class ReconnectLineFilter(logging.Filter):
    """discord.py logs a full traceback at ERROR before every reconnect attempt; while Discord is unreachable
    that floods the log. Each attempt becomes one WARNING line naming the error and the backoff instead (and
    the shard, for a shard's connection)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.exc_info or not isinstance(record.args, tuple):
            return True
        error = type(record.exc_info[1]).__name__
        if record.msg == DISCORD_RECONNECT_MESSAGE and record.args:
            record.msg = "cannot reach Discord (%s); retrying in %.1f s"
            record.args = (error, record.args[0])
        elif record.msg == DISCORD_SHARD_RECONNECT_MESSAGE and len(record.args) == 2:
            record.msg = "shard %s: cannot reach Discord (%s); retrying in %.1f s"
            record.args = (record.args[0], error, record.args[1])
        elif record.msg == DISCORD_SHARD_LAUNCH_MESSAGE and record.args:
            record.msg = "shard %s: cannot reach Discord (%s); retrying in %.1f s"
            record.args = (record.args[0], error, SHARD_LAUNCH_RETRY_SECONDS)
        else:
            return True
        record.exc_info, record.exc_text = None, None
        record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
        return True


def make_formatter(log_format: str) -> logging.Formatter:
    return JsonLinesFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT)


def configure_logging(settings: Settings, stream: TextIO | None = None) -> None:
    """Log to ``stream`` (standard error by default) in LOG_FORMAT at LOG_LEVEL."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(make_formatter(settings.log_format))
    handler.addFilter(RedactTokenFilter(settings.token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level)
    # Libraries stay at INFO even when LOG_LEVEL=DEBUG: the bot's own DEBUG lines (one per command) are the
    # point, and aiosqlite alone writes several DEBUG lines per query.
    for library in ("discord", "aiosqlite"):
        logging.getLogger(library).setLevel(max(logging.INFO, logging.getLevelName(settings.log_level)))
    for name in ("discord.client", "discord.shard"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, ReconnectLineFilter) for f in logger.filters):
            logger.addFilter(ReconnectLineFilter())
