"""LOG_FORMAT: text or JSON lines, the token redacted in both, and discord.py's reconnects as one line each."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot.config import ConfigError, load_settings
from bot.logging_setup import (
    DISCORD_RECONNECT_MESSAGE,
    DISCORD_SHARD_LAUNCH_MESSAGE,
    DISCORD_SHARD_RECONNECT_MESSAGE,
    ReconnectLineFilter,
    configure_logging,
)

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB"


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """A stream for configure_logging's handler; the root logger is restored afterwards."""
    stream = io.StringIO()
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        yield stream
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        logging.getLogger("discord.client").filters.clear()


def test_log_format_is_text_or_json_with_a_one_line_error_otherwise() -> None:
    assert load_settings({}).log_format == "text"
    assert load_settings({"LOG_FORMAT": "JSON"}).log_format == "json"
    with pytest.raises(ConfigError) as raised:
        load_settings({"LOG_FORMAT": "yaml"})
    assert str(raised.value).startswith("LOG_FORMAT must be text") and "\n" not in str(raised.value)


def leak_the_token() -> None:
    log = logging.getLogger("bot.test")
    log.warning("sending %s", TOKEN)
    try:
        raise RuntimeError(f"request with {TOKEN} failed")
    except RuntimeError:
        log.exception("it broke")


def test_json_is_one_object_per_line_with_the_token_redacted(captured: io.StringIO) -> None:
    configure_logging(load_settings({"LOG_FORMAT": "json", "DISCORD_TOKEN": TOKEN}), captured)
    leak_the_token()
    lines = captured.getvalue().splitlines()
    assert len(lines) == 2 and TOKEN not in captured.getvalue()
    first, second = (json.loads(line) for line in lines)
    assert set(first) == {"time", "level", "logger", "message"}
    assert (first["level"], first["logger"], first["message"]) == ("WARNING", "bot.test", "sending [token]")
    assert second["message"] == "it broke" and second["level"] == "ERROR"
    assert (
        isinstance(second["exc_info"], str)
        and "RuntimeError: request with [token] failed" in second["exc_info"]
    )


def test_text_lines_redact_the_token_in_messages_and_tracebacks(captured: io.StringIO) -> None:
    configure_logging(load_settings({"DISCORD_TOKEN": TOKEN}), captured)
    leak_the_token()
    text = captured.getvalue()
    assert TOKEN not in text and "WARNING bot.test: sending [token]" in text and "Traceback" in text


def refused_connect_record(logger: str, message: str, args: tuple[object, ...]) -> logging.LogRecord:
    """The ERROR record with a traceback that discord.py logs when it cannot reach Discord."""
    error = ConnectionRefusedError("connect call failed")
    return logging.LogRecord(logger, logging.ERROR, __file__, 1, message, args, (type(error), error, None))


def test_a_reconnect_traceback_becomes_one_warning_line() -> None:
    record = refused_connect_record("discord.client", DISCORD_RECONNECT_MESSAGE, (4.25,))
    assert ReconnectLineFilter().filter(record)
    assert record.levelname == "WARNING" and record.exc_info is None
    assert record.getMessage() == "cannot reach Discord (ConnectionRefusedError); retrying in 4.2 s"
    # Anything else discord.client logs is left alone.
    other = logging.LogRecord(
        "discord.client", logging.INFO, __file__, 1, "logging in using static token", (), None
    )
    assert ReconnectLineFilter().filter(other) and other.getMessage() == "logging in using static token"


def test_discord_py_still_logs_its_reconnects_with_the_message_the_filter_knows() -> None:
    import inspect

    import discord.client

    assert f"'{DISCORD_RECONNECT_MESSAGE}'" in inspect.getsource(discord.client.Client.connect)


def test_a_shard_reconnect_traceback_becomes_one_warning_line_naming_the_shard() -> None:
    reconnect = refused_connect_record("discord.shard", DISCORD_SHARD_RECONNECT_MESSAGE, (1, 2.5))
    launch = refused_connect_record("discord.shard", DISCORD_SHARD_LAUNCH_MESSAGE, (3,))
    for record in (reconnect, launch):
        assert ReconnectLineFilter().filter(record)
        assert record.levelname == "WARNING" and record.exc_info is None
    assert (
        reconnect.getMessage() == "shard 1: cannot reach Discord (ConnectionRefusedError); retrying in 2.5 s"
    )
    assert launch.getMessage() == "shard 3: cannot reach Discord (ConnectionRefusedError); retrying in 5.0 s"


def test_discord_py_still_logs_shard_reconnects_with_the_messages_the_filter_knows() -> None:
    import inspect

    import discord.shard

    assert f"'{DISCORD_SHARD_RECONNECT_MESSAGE}'" in inspect.getsource(discord.shard.Shard._handle_disconnect)
    launch = inspect.getsource(discord.shard.AutoShardedClient.launch_shard)
    assert f"'{DISCORD_SHARD_LAUNCH_MESSAGE}'" in launch and "asyncio.sleep(5.0)" in launch
