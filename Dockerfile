# The bot in a container; README.md, "Deploying", has the commands. The install and run steps are the README's
# first command, word for word (tests/test_deploy.py checks that, and lints this file with hadolint).

# ---- build: the README's install, in the folder the bot runs from. The install is editable, as in the README,
# so the code finds the data file and its migrations next to it.
FROM python:3.12-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY pyproject.toml README.md LICENSE ./
COPY bot ./bot
COPY data ./data
RUN python3 -m venv .venv && .venv/bin/pip install -q -e .

# ---- run: the same slim Python without pip's leftovers, as a user that owns nothing but the state volume.
FROM python:3.12-slim-bookworm
ENV PYTHONUNBUFFERED=1 \
    DATABASE_PATH=/var/lib/heartstopper-bot/bot.sqlite3 \
    HEALTH_FILE=/var/lib/heartstopper-bot/health.json
RUN useradd --system --user-group --uid 10001 --home-dir /nonexistent --no-create-home \
        --shell /usr/sbin/nologin bot \
    && mkdir -p /var/lib/heartstopper-bot \
    && chown bot:bot /var/lib/heartstopper-bot
WORKDIR /app
COPY --from=build /app /app
USER 10001:10001
# The database and the heartbeat; a new named volume starts with this folder's owner (bot).
VOLUME ["/var/lib/heartstopper-bot"]
# `python -m bot health` reads the heartbeat the bot writes every 15 s: unhealthy (exit 1) when it is older than
# 60 s, the gateway has been disconnected for over 120 s, or the announcement dispatcher missed its wake-up.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD [".venv/bin/python", "-m", "bot", "health"]
# SIGTERM (docker stop) closes the connection and the database; exit 2 means a bad setting (see the logs).
CMD [".venv/bin/python", "-m", "bot"]
