"""The dispatcher across outages with an in-memory Discord: a post found instead of re-sent after the nonce
window, holds for long rate limits and a refused token, one-post refusals."""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import pytest
from prometheus_client import Counter

from bot import rendering
from bot.db.announcements import DeliveryRecord
from bot.db.database import DatabaseBusyError
from bot.metrics import BotMetrics
from bot.services.announcements import Announcement
from bot.services.delivery import DeliveryRejected, DeliveryTransient, DeliveryUnauthorized
from bot.services.delivery.dispatcher import AUTH_HOLD_BASE_SECONDS
from tests.helpers_announcements import FakeSender, eventually, utc
from tests.helpers_dispatcher import GUILD, A, B, C, Env, setup

DUE = utc(2026, 4, 24, 9, 0)


async def test_an_orphan_older_than_the_nonce_window_is_looked_up_not_resent(env: Env) -> None:
    await setup(env, A)
    await setup(env, B)
    env.sender.blocked = {A, B}  # Discord creates both posts, the answers never arrive, the bot stops
    first = env.dispatcher(stop_grace=0.05)
    await env.clock.set(DUE)
    first.start()
    await eventually(lambda: len(env.sender.messages) == 2)
    second = await env.restart()
    env.sender.blocked = set()
    env.sender.forget_nonces()  # ten minutes later Discord no longer remembers the nonces
    await env.clock.set(DUE + timedelta(minutes=10))
    await second.run_due_now()
    assert len(env.sender.to(A)) == 1 and len(env.sender.to(B)) == 1
    assert {lookup[1] for lookup in env.sender.lookups} == {A, B}
    for channel in (A, B):
        (row,) = await env.rows(channel)
        assert row.state == "sent" and row.message_id == env.sender.to(channel)[0].message_id


async def test_a_fresh_orphan_trusts_the_nonce_without_reading_the_channel(env: Env) -> None:
    await setup(env, A)
    env.sender.failures[A] = [DeliveryTransient("Discord 503")] * 3
    dispatcher = env.dispatcher()
    await env.clock.set(DUE)
    await dispatcher.run_due_now()
    (row,) = await env.rows(A)
    assert row.next_attempt_at is not None
    await env.clock.set(row.next_attempt_at)
    await dispatcher.run_due_now()
    assert env.sender.lookups == [] and len(env.sender.to(A)) == 1


async def test_a_long_rate_limit_holds_every_send_until_retry_after(env: Env) -> None:
    await setup(env, A)
    env.sender.failures[A] = [DeliveryTransient("Discord rate limit", retry_after=35.0)]
    dispatcher = env.dispatcher()
    await env.clock.set(DUE)
    stats = await dispatcher.run_due_now()
    assert stats.sent == 0 and stats.next_due == DUE + timedelta(seconds=35)
    await env.clock.set(DUE + timedelta(seconds=34))
    await dispatcher.run_due_now()
    assert len(env.sender.attempts) == 1  # held: not even tried
    await env.clock.set(DUE + timedelta(seconds=35))
    await dispatcher.run_due_now()
    assert len(env.sender.to(A)) == 1


async def test_a_401_pauses_nothing_and_holds_every_post(env: Env, caplog: pytest.LogCaptureFixture) -> None:
    await setup(env, A)
    await setup(env, B)
    env.sender.failures[A] = [DeliveryUnauthorized("Discord refused the bot's token (401)")]
    dispatcher = env.dispatcher(max_concurrency=1)  # B waits for its turn while A is refused
    await env.clock.set(DUE)
    await dispatcher.run_due_now()
    assert [target for _, target, _ in env.sender.attempts] == [A]  # B saw the hold before it went: not sent
    statuses = (await env.service.status(GUILD)).subscriptions
    assert {s.state for s in statuses} == {"active"}
    rows = [row for channel in (A, B) for row in await env.rows(channel)]
    assert {row.state for row in rows} == {"sending"}
    held_until = DUE + timedelta(seconds=AUTH_HOLD_BASE_SECONDS)
    assert {row.next_attempt_at for row in rows} == {held_until}
    assert len([r for r in caplog.records if r.levelname == "ERROR"]) == 1
    await env.clock.set(held_until)
    await dispatcher.run_due_now()
    assert len(env.sender.to(A)) == 1 and len(env.sender.to(B)) == 1


async def test_another_4xx_fails_that_post_and_keeps_the_channel(env: Env) -> None:
    await setup(env, A)
    env.sender.failures[A] = [DeliveryRejected("Discord refused this post (Discord 400 (code 50035))")]
    dispatcher = env.dispatcher()
    await env.clock.set(DUE)
    stats = await dispatcher.run_due_now()
    assert stats.failed == 1 and stats.paused == 0
    (row,) = await env.rows(A)
    assert row.state == "failed" and "Discord 400" in (row.error or "")
    (status,) = (await env.service.status(GUILD)).subscriptions
    assert status.state == "active"


async def test_status_shows_reasons_through_the_token_redaction(env: Env) -> None:
    token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.secret-part-of-the-token-xyz"
    await setup(env, A)
    env.sender.failures[A] = [DeliveryTransient(f"could not reach Discord ({token})")] * 3
    await env.clock.set(DUE)
    await env.dispatcher().run_due_now()
    status = await env.service.status(GUILD)
    (subscription,) = status.subscriptions
    paused = replace(subscription, state="paused", state_reason=f"odd reason {token}", notice=f"note {token}")
    embed = rendering.announcement_status_embed(replace(status, subscriptions=(paused,)), {}, token=token)
    text = str(embed.to_dict())
    assert token not in text and text.count("[token]") == 3
    assert "retrying at" in text


async def test_a_waiting_retry_found_after_the_grace_window_is_recorded_lost(env: Env) -> None:
    await setup(env, A)
    env.sender.failures[A] = [DeliveryTransient("Discord 503")] * 3
    await env.clock.set(DUE)
    await env.dispatcher().run_due_now()
    dispatcher = await env.restart()  # the bot is down for longer than the grace window
    await env.clock.set(DUE + dispatcher.grace + timedelta(minutes=1))
    stats = await dispatcher.run_due_now()
    assert (stats.failed, stats.skipped) == (1, 0)
    (row,) = await env.rows(A)
    assert (
        row.state == "failed" and (row.error or "").startswith("lost:") and "Discord 503" in (row.error or "")
    )
    assert env.sender.to(A) == []


def count(family: Counter) -> float:
    return family.labels(target="channel")._value.get()


async def test_a_post_still_failing_when_grace_closes_counts_as_lost(env: Env) -> None:
    metrics = BotMetrics()
    await setup(env, A)
    env.sender.failures[A] = [DeliveryTransient("Discord 503")] * 20
    dispatcher = env.dispatcher(observer=metrics)
    await env.clock.set(DUE)
    await dispatcher.run_due_now()
    await env.clock.set(DUE + dispatcher.grace - timedelta(seconds=1))
    await dispatcher.run_due_now()  # fails again: the next attempt is at the deadline
    assert count(metrics.posts_lost) == 0
    await env.clock.set(DUE + dispatcher.grace)
    await dispatcher.run_due_now()
    (row,) = await env.rows(A)
    assert row.state == "failed" and (row.error or "").startswith("lost:")
    assert (count(metrics.posts_lost), count(metrics.posts_sent)) == (1, 0)


async def test_a_waiting_retry_found_after_the_grace_window_counts_as_lost(env: Env) -> None:
    metrics = BotMetrics()
    await setup(env, A)
    env.sender.failures[A] = [DeliveryTransient("Discord 503")] * 3
    await env.clock.set(DUE)
    await env.dispatcher().run_due_now()
    dispatcher = await env.restart(observer=metrics)  # the bot is down for longer than the grace window
    await env.clock.set(DUE + dispatcher.grace + timedelta(minutes=1))
    await dispatcher.run_due_now()
    assert (count(metrics.posts_lost), count(metrics.posts_sent)) == (1, 0)


@dataclass
class AnswersLateOnce(FakeSender):
    """Discord creates the first message at once but answers it only after ``late`` real seconds."""

    late: float = 0.3
    slowed: bool = False

    async def _send(
        self, kind: str, target: int, announcement: Announcement, role_id: int | None, nonce: str
    ) -> int:
        message_id = await super()._send(kind, target, announcement, role_id, nonce)
        if not self.slowed:
            self.slowed = True
            await asyncio.sleep(self.late)
        return message_id


async def test_a_post_confirmed_by_its_retry_and_by_its_late_answer_counts_once(env: Env) -> None:
    metrics = BotMetrics()
    await setup(env, A)
    env.sender = AnswersLateOnce()
    dispatcher = env.dispatcher(observer=metrics, send_timeout=0.1, retry_delays=(0.0,))
    await env.clock.set(DUE)
    stats = await dispatcher.run_due_now()  # the retry (same nonce) gets the message id back
    assert stats.sent == 1
    await eventually(lambda: not dispatcher._late_sends, within=5.0)  # then the first answer arrives
    assert len(env.sender.messages) == 1
    assert count(metrics.posts_sent) == 1


@dataclass
class AnswersEachAfter(FakeSender):
    """Discord creates each message at once but answers the n-th call after ``delays[n]`` real seconds."""

    delays: tuple[float, ...] = ()
    calls: int = 0

    async def _send(
        self, kind: str, target: int, announcement: Announcement, role_id: int | None, nonce: str
    ) -> int:
        message_id = await super()._send(kind, target, announcement, role_id, nonce)
        delay = self.delays[min(self.calls, len(self.delays) - 1)]
        self.calls += 1
        await asyncio.sleep(delay)
        return message_id


async def test_a_post_confirmed_by_its_late_answer_and_then_by_its_retry_counts_once(env: Env) -> None:
    """The usual order in a slow spell: the first send's late answer arrives while the retry is still waiting
    for its own."""
    metrics = BotMetrics()
    await setup(env, A)
    # The first answer comes at 0.6 s (after the 0.4 s timeout); the retry, sent at 0.4 s, answers at 0.7 s.
    env.sender = AnswersEachAfter(delays=(0.6, 0.3))
    dispatcher = env.dispatcher(observer=metrics, send_timeout=0.4, retry_delays=(0.0,))
    await env.clock.set(DUE)
    stats = await dispatcher.run_due_now()
    assert stats.sent == 1 and env.sender.calls == 2
    await eventually(lambda: not dispatcher._late_sends, within=5.0)
    assert len(env.sender.messages) == 1
    assert count(metrics.posts_sent) == 1


async def test_stopping_during_a_round_returns_once_its_sends_are_done(env: Env) -> None:
    """SIGTERM mid-round: the send in flight finishes and is recorded, and stop() returns then, not after the
    whole drain allowance (a bounded wait: an old dispatcher waited for its task, which never ends by itself)."""
    await setup(env, A)
    release, in_flight = asyncio.Event(), asyncio.Event()
    send = env.sender.send_announcement

    async def slow_send(
        channel_id: int, announcement: Announcement, *, role_id: int | None, nonce: str
    ) -> int:
        in_flight.set()
        await release.wait()
        return await send(channel_id, announcement, role_id=role_id, nonce=nonce)

    env.sender.send_announcement = slow_send  # type: ignore[method-assign]
    dispatcher = env.dispatcher(stop_grace=120.0)
    await env.clock.set(DUE)
    dispatcher.start()
    await asyncio.wait_for(in_flight.wait(), 10)
    stopping = asyncio.create_task(dispatcher.stop())
    await asyncio.sleep(0.05)
    assert not stopping.done()  # the send in flight is waited for
    release.set()
    await asyncio.wait_for(stopping, 10)  # not the 120 s allowance
    (row,) = await env.rows(A)
    assert row.state == "sent" and len(env.sender.to(A)) == 1


async def test_once_a_retried_post_goes_through_every_post_waiting_for_its_backoff_is_sent_at_once(
    env: Env,
) -> None:
    """A 503 outage: each post backs off on its own (with jitter). The first retry that Discord accepts shows it
    is back, so the others are sent in the next round, not up to a backoff (minutes) later."""
    channels = (A, B, C)
    for channel in channels:
        await setup(env, channel)
        env.sender.failures[channel] = [
            DeliveryTransient("Discord 503")
        ] * 3  # the attempts of the first round
    dispatcher = env.dispatcher()
    await env.clock.set(DUE)
    await dispatcher.run_due_now()
    waiting = sorted([row for channel in channels for row in await env.rows(channel)], key=_next_attempt)
    assert all(row.state == "sending" and row.next_attempt_at is not None for row in waiting)
    first, later = waiting[0], [row for row in waiting if _next_attempt(row) > _next_attempt(waiting[0])]
    assert later  # jittered backoffs
    await env.clock.set(_next_attempt(first))
    stats = await dispatcher.run_due_now()  # the earliest retry goes through
    assert len(env.sender.to(first.target_id)) == 1 and stats.next_due == env.clock.now()
    await dispatcher.run_due_now()  # the next round, at the same instant
    assert all(len(env.sender.to(channel)) == 1 for channel in channels)
    assert {row.state for channel in channels for row in await env.rows(channel)} == {"sent"}


def _next_attempt(row: DeliveryRecord) -> datetime:
    assert row.next_attempt_at is not None
    return row.next_attempt_at


async def test_an_import_holding_the_write_lock_past_the_busy_timeout_mid_round_posts_once(env: Env) -> None:
    """`python -m bot db import` of a large file holds the database's write lock for seconds; a post confirmed
    meanwhile cannot be recorded (DatabaseBusyError after the busy timeout). The round fails, the row stays
    'sending', and the next round records it through the nonce: one message, recorded sent."""
    await setup(env, A)
    confirmed, locked = asyncio.Event(), asyncio.Event()
    send = env.sender.send_announcement

    async def send_then_wait_for_the_import(
        channel_id: int, announcement: Announcement, *, role_id: int | None, nonce: str
    ) -> int:
        message_id = await send(channel_id, announcement, role_id=role_id, nonce=nonce)
        confirmed.set()
        await locked.wait()  # Discord's answer arrives while the import holds the lock
        return message_id

    env.sender.send_announcement = send_then_wait_for_the_import  # type: ignore[method-assign]
    dispatcher = env.dispatcher()
    await env.clock.set(DUE)
    round_ = asyncio.create_task(dispatcher.run_due_now())
    await asyncio.wait_for(confirmed.wait(), 10)
    importer = sqlite3.connect(env.path, isolation_level=None)
    try:
        importer.execute("BEGIN IMMEDIATE")  # the import's transaction
        locked.set()
        with pytest.raises(DatabaseBusyError):
            await asyncio.wait_for(round_, 30)
    finally:
        importer.execute("ROLLBACK")
        importer.close()
    env.sender.send_announcement = send  # type: ignore[method-assign]
    await env.clock.set(DUE + timedelta(seconds=30))
    await dispatcher.run_due_now()
    (row,) = await env.rows(A)
    assert row.state == "sent" and len(env.sender.to(A)) == 1
