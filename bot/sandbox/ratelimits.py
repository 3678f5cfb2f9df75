"""Discord-style rate limits: per-route buckets (keyed by major parameters) and the global per-bot limit.

Headers are produced for every answer. Only when enforcing does an exhausted bucket answer 429; otherwise the
reported ``Remaining`` never drops to 0, so discord.py never pre-emptively sleeps and benchmarks measure the bot.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

GLOBAL_LIMIT = 50  # requests per second per bot token
GLOBAL_WINDOW = 1.0


@dataclass(frozen=True, slots=True)
class BucketRule:
    name: str
    limit: int
    window: float  # seconds
    major: tuple[str, ...]  # path parameters that split the bucket
    global_exempt: bool = False

    @property
    def hash(self) -> str:
        return hashlib.sha1(self.name.encode()).hexdigest()[:16]


# Templates as written in the OpenAPI document.
_RULES: dict[tuple[str, str], BucketRule] = {
    ("POST", "/channels/{channel_id}/messages"): BucketRule("message-create", 5, 5.0, ("channel_id",)),
    ("PATCH", "/channels/{channel_id}/messages/{message_id}"): BucketRule(
        "message-edit", 5, 5.0, ("channel_id",)
    ),
    ("DELETE", "/channels/{channel_id}/messages/{message_id}"): BucketRule(
        "message-delete", 5, 1.0, ("channel_id",)
    ),
    ("POST", "/interactions/{interaction_id}/{interaction_token}/callback"): BucketRule(
        "interaction-callback", 5, 1.0, ("interaction_id",), global_exempt=True
    ),
    ("POST", "/users/@me/channels"): BucketRule("dm-create", 10, 10.0, ()),
}
_WEBHOOK_RULE = BucketRule("webhook", 5, 2.0, ("webhook_id", "webhook_token"))
_DEFAULT_RULE = BucketRule("default", 50, 1.0, ("channel_id", "guild_id", "webhook_id", "webhook_token"))


def rule_for(method: str, template: str) -> BucketRule:
    rule = _RULES.get((method, template))
    if rule is not None:
        return rule
    if template.startswith("/webhooks/{webhook_id}/{webhook_token}"):
        return _WEBHOOK_RULE
    return _DEFAULT_RULE


@dataclass(slots=True)
class _Window:
    reset_at: float
    used: int = 0


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    headers: dict[str, str]
    scope: str | None = None  # "user" / "global" when refused
    retry_after: float = 0.0


class RateLimiter:
    def __init__(self, *, enforce: bool) -> None:
        self.enforce = enforce
        self._windows: dict[tuple[str, tuple[str, ...]], _Window] = {}
        self._global = _Window(0.0)

    def check(
        self, method: str, template: str, params: dict[str, str], *, global_exempt: bool = False
    ) -> Decision:
        now = time.monotonic()
        rule = rule_for(method, template)
        key = (rule.name, tuple(params.get(p, "") for p in rule.major))
        window = self._windows.get(key)
        if window is None or now >= window.reset_at:
            window = self._windows[key] = _Window(now + rule.window)
        exempt = global_exempt or rule.global_exempt

        if self.enforce and not exempt:
            if now >= self._global.reset_at:
                self._global = _Window(now + GLOBAL_WINDOW)
            if self._global.used >= GLOBAL_LIMIT:
                retry = self._global.reset_at - now
                return Decision(
                    False,
                    self._headers(rule, window, now, retry_after=retry, scope="global"),
                    "global",
                    retry,
                )
        if self.enforce and window.used >= rule.limit:
            retry = window.reset_at - now
            return Decision(
                False, self._headers(rule, window, now, retry_after=retry, scope="user"), "user", retry
            )

        window.used += 1
        if self.enforce and not exempt:
            self._global.used += 1
        return Decision(True, self._headers(rule, window, now))

    def _headers(
        self,
        rule: BucketRule,
        window: _Window,
        now: float,
        *,
        retry_after: float | None = None,
        scope: str | None = None,
    ) -> dict[str, str]:
        reset_after = max(window.reset_at - now, 0.0)
        remaining = rule.limit - window.used
        if not self.enforce:
            remaining = max(remaining, 1)
        headers = {
            "X-RateLimit-Limit": str(rule.limit),
            "X-RateLimit-Remaining": str(max(remaining, 0)),
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": rule.hash,
        }
        if retry_after is not None:
            headers["Retry-After"] = str(max(1, math.ceil(retry_after)))
            headers["X-RateLimit-Scope"] = scope or "user"
            # Without Via, discord.py takes a 429 for a Cloudflare ban and gives up.
            headers["Via"] = "1.1 google"
            if scope == "global":
                headers["X-RateLimit-Global"] = "true"
        return headers
