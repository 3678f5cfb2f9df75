"""The REST half of the emulation: request pipeline (auth, failures, rate limits, validation) and handlers."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from .errors import ApiError, form_errors, invalid_form
from .gateway import INTENT_GUILD_MEMBERS, INTENT_GUILD_SCHEDULED_EVENTS, Gateway
from .interactions import (
    ALLOWED_CALLBACKS,
    AUTOCOMPLETE_RESULT,
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    DEFERRED_UPDATE_MESSAGE,
    EPHEMERAL,
    LOADING,
    RESPONSE_DEADLINE,
    UPDATE_MESSAGE,
    InteractionRecord,
)
from .messages import MessageLog
from .openapi import describe_error
from .permissions import Permissions
from .rules import LEGACY_FIELDS, check_choices, check_layout, check_message_body
from .scheduled_events import ScheduledEvent, may_manage
from .state import RequestRecord, SandboxState
from .world import DM, GROUP_DM, GUILD_ANNOUNCEMENT, GUILD_TEXT, Channel, Guild, Member, Role

log = logging.getLogger(__name__)

JSON = "application/json"
# Discord refuses uploads over the default limit of a server without boosts (10 MiB in all, per request).
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024

# Seconds a 429 injected with Sandbox.fail_next asks the client to wait.
INJECTED_RETRY_AFTER = 0.2


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> web.Response:
    # Content-Type must be exactly "application/json" (no charset) or discord.py reads the body as text.
    hdrs = {"Content-Type": JSON}
    if headers:
        hdrs.update(headers)
    if body is None:
        return web.Response(status=status, headers=headers)
    return web.Response(status=status, body=json.dumps(body, separators=(",", ":")).encode(), headers=hdrs)


Handler = Callable[["Request"], Awaitable[Any]]


@dataclass(slots=True)
class Request:
    method: str
    path: str
    route: str
    params: dict[str, str]
    query: dict[str, str]
    body: Any
    files: list[dict[str, Any]]
    raw: web.Request
    # perf_counter when the request reached the server, before the sandbox's own parsing and validation:
    # an interaction's answer counts from here, so the sandbox's checks are not charged to the bot.
    received_at: float = 0.0


# Routes that authenticate with the token in the path, not the bot token.
_TOKEN_IN_PATH = ("/interactions/", "/webhooks/{webhook_id}/{webhook_token}")
_NO_AUTH = ("/gateway", "/gateway/bot")


class RestApi:
    """The REST half: every request goes through :meth:`handle` (the pipeline) to one handler per route."""

    def __init__(self, state: SandboxState, gateway: Gateway, messages: MessageLog) -> None:
        self.state = state
        self.gateway = gateway
        self.messages = messages
        self.handlers: dict[tuple[str, str], Handler] = {}
        r = self._route
        r("GET", "/gateway", self.get_gateway)
        r("GET", "/gateway/bot", self.get_gateway_bot)
        r("GET", "/users/@me", self.get_me)
        r("GET", "/users/{user_id}", self.get_user)
        r("GET", "/oauth2/applications/@me", self.get_application)
        r("GET", "/applications/@me", self.get_application)
        r("GET", "/applications/{application_id}/commands", self.list_commands)
        r("PUT", "/applications/{application_id}/commands", self.put_commands)
        r("POST", "/applications/{application_id}/commands", self.create_command)
        r("GET", "/applications/{application_id}/guilds/{guild_id}/commands", self.list_commands)
        r("PUT", "/applications/{application_id}/guilds/{guild_id}/commands", self.put_commands)
        r("POST", "/applications/{application_id}/guilds/{guild_id}/commands", self.create_command)
        r("DELETE", "/applications/{application_id}/commands/{command_id}", self.delete_command)
        r(
            "DELETE",
            "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}",
            self.delete_command,
        )
        r("POST", "/interactions/{interaction_id}/{interaction_token}/callback", self.interaction_callback)
        r("GET", "/webhooks/{webhook_id}/{webhook_token}/messages/@original", self.get_webhook_message)
        r("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original", self.edit_webhook_message)
        r("DELETE", "/webhooks/{webhook_id}/{webhook_token}/messages/@original", self.delete_webhook_message)
        r("GET", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}", self.get_webhook_message)
        r("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}", self.edit_webhook_message)
        r(
            "DELETE",
            "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}",
            self.delete_webhook_message,
        )
        r("POST", "/webhooks/{webhook_id}/{webhook_token}", self.execute_webhook)
        r("GET", "/channels/{channel_id}", self.get_channel)
        r("GET", "/channels/{channel_id}/messages", self.list_messages)
        r("POST", "/channels/{channel_id}/messages", self.create_message)
        r("GET", "/channels/{channel_id}/messages/{message_id}", self.get_message)
        r("PATCH", "/channels/{channel_id}/messages/{message_id}", self.edit_message)
        r("DELETE", "/channels/{channel_id}/messages/{message_id}", self.delete_message)
        r("PUT", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me", self.add_reaction)
        r("POST", "/channels/{channel_id}/typing", self.typing)
        r("POST", "/users/@me/channels", self.create_dm)
        r("DELETE", "/users/@me/guilds/{guild_id}", self.leave_guild)
        r("GET", "/guilds/{guild_id}", self.get_guild)
        r("GET", "/guilds/{guild_id}/channels", self.get_guild_channels)
        r("GET", "/guilds/{guild_id}/roles", self.get_guild_roles)
        r("GET", "/guilds/{guild_id}/members/{user_id}", self.get_member)
        r("PUT", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}", self.add_member_role)
        r("DELETE", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}", self.remove_member_role)
        r("GET", "/guilds/{guild_id}/scheduled-events", self.list_scheduled_events)
        r("POST", "/guilds/{guild_id}/scheduled-events", self.create_scheduled_event)
        r("GET", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}", self.get_scheduled_event)
        r(
            "PATCH",
            "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}",
            self.edit_scheduled_event,
        )
        r(
            "DELETE",
            "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}",
            self.delete_scheduled_event,
        )

    def _route(self, method: str, template: str, handler: Handler) -> None:
        self.state.spec.add_route(template)
        self.handlers[(method, template)] = handler

    # -- pipeline ------------------------------------------------------------------------------------------------

    async def handle(self, raw: web.Request) -> web.StreamResponse:
        state = self.state
        started = time.perf_counter()
        state.inflight += 1
        state.touch()
        path = "/" + raw.match_info["tail"]
        record = RequestRecord(raw.method, path, None, None, started=started, query=dict(raw.query))
        state.requests.append(record)
        headers: dict[str, str] = {}
        try:
            try:
                status, body, headers = await self._process(raw, path, record)
            except ApiError as err:
                status, body = err.status, err.body()
                if err.problem:
                    state.problems.append(err.problem)
            except Exception as exc:  # a sandbox bug must fail the test, not hang the bot in retries
                log.exception("sandbox error handling %s %s", raw.method, path)
                state.problems.append(f"{raw.method} {path}: sandbox internal error: {exc!r}")
                status, body = 400, {"message": f"sandbox internal error: {exc!r}", "code": 0}
            record.status = status
            return json_response(status, body, headers)
        finally:
            record.finished = time.perf_counter()
            state.inflight -= 1
            state.touch()

    async def _process(
        self, raw: web.Request, path: str, record: RequestRecord
    ) -> tuple[int, Any, dict[str, str]]:
        state = self.state
        method = raw.method
        where = f"{method} {path}"
        match = state.spec.match(path)
        if match is None:
            raise ApiError(
                404, 0, "404: Not Found", problem=f"{where}: unknown endpoint (not in Discord's API)"
            )
        body, files = await self._read_body(raw, where)
        # Counted at its route only once the whole request has arrived: a client killed while it was still
        # sending never reached Discord (the kill tests wait for the route before they kill)
        record.route = match.template
        record.json = body

        if not match.template.startswith(_TOKEN_IN_PATH) and match.template not in _NO_AUTH:
            auth = raw.headers.get("Authorization", "")
            if auth != f"Bot {state.token}":
                raise ApiError(401, 0, "401: Unauthorized")

        if seconds := state.take_delay(method, match.template):
            await asyncio.sleep(seconds)  # a slow Discord: the request stays in flight meanwhile
        failure = state.take_failure(method, match.template)
        if failure is not None and not failure.after_processing:
            if failure.status == 429:
                # An injected rate limit looks like Discord's own, so clients retry it as they would.
                retry_after = failure.retry_after
                if retry_after is None:  # an outage says how long it has left, as Discord does
                    retry_after = round(failure.seconds_left(), 3) if failure.until else INJECTED_RETRY_AFTER
                is_global = failure.scope == "global"
                state.rate_limit_hits.append((failure.scope, f"{method} {match.template}"))
                body = failure.body_override or {
                    "message": "You are being rate limited.",
                    "retry_after": retry_after,
                    "global": is_global,
                }
                headers = {
                    "Retry-After": str(retry_after),
                    "X-RateLimit-Scope": failure.scope,
                    "Via": "1.1 google",
                }
                if is_global:
                    headers["X-RateLimit-Global"] = "true"
                return 429, body, headers
            return failure.status, failure.body(), {}

        interaction_webhook = match.template.startswith("/webhooks/") and match.params.get(
            "webhook_id"
        ) == str(state.world.application_id)
        decision = state.limiter.check(
            method, match.template, match.params, global_exempt=interaction_webhook
        )
        if not decision.allowed:
            state.rate_limit_hits.append((decision.scope or "user", f"{method} {match.template}"))
            retry = round(decision.retry_after, 3)
            return (
                429,
                {
                    "message": "You are being rate limited.",
                    "retry_after": retry,
                    "global": decision.scope == "global",
                },
                decision.headers,
            )

        try:
            if body is not None:
                error = state.spec.validate(method, match.template, body)
                if error is not None:
                    field_path, detail = describe_error(error)
                    raise ApiError(
                        400,
                        50035,
                        "Invalid Form Body",
                        errors=form_errors([(field_path, "OPENAPI_SCHEMA", detail)]),
                        problem=f"{where}: OpenAPI {match.template}: {field_path or '<body>'}: {detail}",
                    )

            handler = self.handlers.get((method, match.template))
            if handler is None:
                raise ApiError(
                    404,
                    0,
                    "404: Not Found",
                    problem=f"{where}: {method} {match.template} is Discord API but not emulated by the sandbox",
                )
            req = Request(
                method, path, match.template, match.params, dict(raw.query), body, files, raw, record.started
            )
            result = await handler(req)
            status = 204 if result is None else 200
            if isinstance(result, tuple):
                status, result = result
        except ApiError as err:
            if err.problem:
                self._blame_interaction(match.params, err)
            raise
        if failure is not None:  # after_processing: the work is done, but the client hears an error
            return failure.status, failure.body(), {}
        return status, result, decision.headers

    async def _read_body(self, raw: web.Request, where: str) -> tuple[Any, list[dict[str, Any]]]:
        if not raw.can_read_body:
            return None, []
        ctype = raw.content_type
        if ctype == "multipart/form-data":
            body: Any = None
            files: list[dict[str, Any]] = []
            reader = await raw.multipart()
            async for part in reader:
                name = getattr(part, "name", None)
                if name == "payload_json":
                    body = json.loads(await part.text())  # type: ignore[union-attr]
                elif name:
                    data = await part.read()  # type: ignore[union-attr]
                    files.append(
                        {
                            "field": name,
                            "filename": getattr(part, "filename", None) or name,
                            "size": len(data),
                            "data": bytes(data),
                            "content_type": part.headers.get("Content-Type", "application/octet-stream"),
                        }
                    )
            if sum(f["size"] for f in files) > ATTACHMENT_SIZE_LIMIT:
                raise ApiError(413, 40005, "Request entity too large", problem=f"{where}: files over 10 MiB")
            return body, files
        text = await raw.text()
        if not text:
            return None, []
        if ctype != JSON:
            raise ApiError(
                400, 50035, "Invalid Form Body", problem=f"{where}: body sent as {ctype!r}, not JSON"
            )
        try:
            return json.loads(text), []
        except ValueError:
            raise ApiError(
                400, 50109, "The request body contains invalid JSON.", problem=f"{where}: invalid JSON body"
            ) from None

    # -- helpers -------------------------------------------------------------------------------------------------

    def _blame_interaction(self, params: dict[str, str], err: ApiError) -> None:
        """An invalid answer to an interaction: note it on the record, and stop waiting if nothing valid came."""
        token = params.get("interaction_token") or params.get("webhook_token")
        record = self.state.interactions_by_token.get(token or "")
        if record is None:
            return
        if record.error is None:
            record.error = f"{err.status} {err.code}: {err.problem}"
        if record.response_type is None or record.deferred_loading:
            record.settle()

    @staticmethod
    def _answer_flags(record: InteractionRecord, body: dict[str, Any]) -> int:
        """An answer's message flags: ephemeral if asked for, or if Discord forces it (see forced_ephemeral)."""
        asked = int(body.get("flags") or 0) & EPHEMERAL
        return asked | (EPHEMERAL if record.forced_ephemeral else 0)

    def _channel(self, req: Request) -> Channel:
        channel = self.state.world.channels.get(int(req.params["channel_id"]))
        if channel is None or channel.deleted:
            raise ApiError(404, 10003, "Unknown Channel")
        # A server the bot is not in (a fan may use it there as a user-installed app) and a group DM (the bot is
        # never a member): Discord answers Missing Access, as for any channel the bot cannot see.
        if channel.guild is not None and not channel.guild.bot_present:
            raise ApiError(403, 50001, "Missing Access")
        if channel.type == GROUP_DM:
            raise ApiError(403, 50001, "Missing Access")
        return channel

    def _require(self, channel: Channel, perm: Permissions) -> None:
        if channel.guild is None:
            return
        perms = self.state.bot_permissions(channel)
        if not perms & Permissions.VIEW_CHANNEL:
            raise ApiError(403, 50001, "Missing Access")
        if not perms & perm:
            raise ApiError(403, 50013, "Missing Permissions")

    def _rules(
        self,
        body: dict[str, Any],
        where: str,
        *,
        creating: bool = True,
        prefix: str = "",
        files: Sequence[dict[str, Any]] = (),
        editing: dict[str, Any] | None = None,
    ) -> None:
        violations = check_message_body(body, creating=creating, prefix=prefix)
        described = {str(a.get("id")): a for a in body.get("attachments") or [] if isinstance(a, dict)}
        names = {
            str((described.get(str(i)) or {}).get("filename") or f["filename"]) for i, f in enumerate(files)
        }
        names |= {str(a.get("filename")) for a in described.values() if a.get("filename")}
        if editing is not None:
            names |= {str(a["filename"]) for a in editing.get("attachments") or []}
        violations += check_layout(
            body,
            names,
            prefix=prefix,
            editing_flags=None if editing is None else int(editing["flags"]),
            editing_legacy=[name for name in LEGACY_FIELDS if (editing or {}).get(name)],
        )
        if violations:
            detail = "; ".join(f"{v.field}: {v.message}" for v in violations)
            raise invalid_form(violations, f"{where}: Discord rule: {detail}")

    def _interaction(self, req: Request, *, id_param: str = "webhook_id") -> InteractionRecord:
        token = req.params.get("webhook_token") or req.params.get("interaction_token", "")
        record = self.state.interactions_by_token.get(token)
        if record is None or (
            id_param == "webhook_id" and req.params["webhook_id"] != str(self.state.world.application_id)
        ):
            raise ApiError(
                404,
                10015,
                "Unknown Webhook",
                problem=f"{req.method} {req.path}: unknown webhook (only interaction webhooks are emulated)",
            )
        return record

    def _message_of(self, record: InteractionRecord, req: Request) -> dict[str, Any]:
        mid_param = req.params.get("message_id")
        if mid_param is None:  # @original
            mid = record.original_message_id
            if mid is None:
                raise ApiError(
                    404,
                    10008,
                    "Unknown Message",
                    problem=f"{req.method} {req.path}: @original before any response",
                )
        else:
            mid = int(mid_param)
            if mid != record.original_message_id and mid not in record.followup_ids:
                raise ApiError(404, 10008, "Unknown Message")
        msg = self.state.messages.get(mid)
        if msg is None:
            raise ApiError(404, 10008, "Unknown Message")
        return msg

    # -- handlers: meta ------------------------------------------------------------------------------------------

    async def get_gateway(self, req: Request) -> Any:
        return {"url": self.state.gateway_url.rstrip("/")}

    async def get_gateway_bot(self, req: Request) -> Any:
        return {
            "url": self.state.gateway_url.rstrip("/"),
            "shards": self.state.recommended_shards(),
            "session_start_limit": {
                "total": 1000,
                "remaining": 1000,
                "reset_after": 0,
                "max_concurrency": self.state.max_concurrency,
            },
        }

    async def get_me(self, req: Request) -> Any:
        return self.state.bot_user_payload()

    async def get_user(self, req: Request) -> Any:
        user = self.state.world.users.get(int(req.params["user_id"]))
        if user is None:
            raise ApiError(404, 10013, "Unknown User")
        return user.payload()

    async def get_application(self, req: Request) -> Any:
        return self.state.application_payload()

    # -- handlers: commands --------------------------------------------------------------------------------------

    def _check_app(self, req: Request) -> None:
        if req.params["application_id"] != str(self.state.world.application_id):
            raise ApiError(
                403, 50001, "Missing Access", problem=f"{req.method} {req.path}: wrong application id"
            )

    def _command_scope(self, req: Request) -> int | None:
        self._check_app(req)
        gid = req.params.get("guild_id")
        if gid is None:
            return None
        guild = self.state.world.guilds.get(int(gid))
        if guild is None or not guild.bot_present:
            raise ApiError(403, 50001, "Missing Access")
        return guild.id

    async def list_commands(self, req: Request) -> Any:
        return self.state.commands(self._command_scope(req))

    async def put_commands(self, req: Request) -> Any:
        guild_id = self._command_scope(req)
        result = self.state.store_commands(guild_id, list(req.body or []))
        self.state.command_puts.append(guild_id)
        return result

    async def create_command(self, req: Request) -> Any:
        guild_id = self._command_scope(req)
        existing = [c for c in self.state.commands(guild_id) if c["name"] != req.body.get("name")]
        stored = self.state.store_commands(guild_id, [*existing, req.body])
        return 201, next(c for c in stored if c["name"] == req.body["name"])

    async def delete_command(self, req: Request) -> Any:
        guild_id = self._command_scope(req)
        current = self.state.commands(guild_id)
        kept = [c for c in current if c["id"] != req.params["command_id"]]
        if len(kept) == len(current):
            raise ApiError(404, 10063, "Unknown application command")
        self.state.store_commands(guild_id, kept)
        return None

    # -- handlers: interactions ----------------------------------------------------------------------------------

    async def interaction_callback(self, req: Request) -> Any:
        state = self.state
        now = req.received_at or time.perf_counter()
        where = f"{req.method} {req.route}"
        record = state.interactions.get(int(req.params["interaction_id"]))
        if record is None or record.token != req.params["interaction_token"]:
            raise ApiError(
                404, 10062, "Unknown interaction", problem=f"{where}: unknown interaction id/token"
            )
        if record.response_type is not None:
            raise ApiError(
                400,
                40060,
                "Interaction has already been acknowledged.",
                problem=f"{where}: interaction {record.label!r} answered twice",
            )
        elapsed = now - record.deadline_start
        if elapsed > RESPONSE_DEADLINE:
            record.error = f"first answer after {elapsed:.2f}s (deadline {RESPONSE_DEADLINE:.0f}s): 10062"
            record.settle()
            raise ApiError(
                404,
                10062,
                "Unknown interaction",
                problem=f"{where}: interaction {record.label!r}: {record.error}",
            )
        body = req.body or {}
        cb_type = body.get("type")
        if cb_type not in ALLOWED_CALLBACKS.get(record.type, frozenset()):
            record.error = f"callback type {cb_type} is invalid for interaction type {record.type}"
            record.settle()
            raise ApiError(
                400, 50035, "Invalid Form Body", problem=f"{where}: {record.label!r}: {record.error}"
            )
        data = body.get("data") or {}
        if cb_type in (CHANNEL_MESSAGE, UPDATE_MESSAGE):
            original = state.messages.get(record.original_message_id or 0)
            self._rules(
                data,
                where,
                prefix="data.",
                creating=cb_type == CHANNEL_MESSAGE,
                files=req.files,
                editing=original if cb_type == UPDATE_MESSAGE else None,
            )
        if cb_type == AUTOCOMPLETE_RESULT:
            violations = check_choices(data.get("choices"))
            if violations:
                raise invalid_form(violations, f"{where}: Discord rule: {violations[0].message}")

        record.response_type = cb_type
        record.first_callback_at = now
        record.callback_data = data
        message: dict[str, Any] | None = None
        channel = state.world.channels.get(record.channel_id)

        if cb_type == CHANNEL_MESSAGE:
            assert channel is not None
            message = self.messages.create(
                channel,
                data,
                files=req.files,
                interaction=record,
                flags=self._answer_flags(record, data),
            )
            record.original_message_id = int(message["id"])
            record.settle()
        elif cb_type == DEFERRED_CHANNEL_MESSAGE:
            assert channel is not None
            flags = self._answer_flags(record, data) | LOADING
            message = self.messages.create(channel, {"content": ""}, interaction=record, flags=flags)
            record.original_message_id = int(message["id"])
            record.deferred_loading = True
        elif cb_type == DEFERRED_UPDATE_MESSAGE:
            record.settle()
        elif cb_type == UPDATE_MESSAGE:
            target = state.messages.get(record.original_message_id or 0)
            if target is not None:
                message = self.messages.edit(target, data, files=req.files)
            record.settle()
        else:  # autocomplete result, modal, activity
            record.settle()

        if req.query.get("with_response") not in ("1", "true", "True"):
            return None
        interaction_part: dict[str, Any] = {"id": str(record.id), "type": record.type}
        resource: dict[str, Any] = {"type": cb_type}
        if message is not None:
            interaction_part.update(
                response_message_id=message["id"],
                response_message_loading=bool(message["flags"] & LOADING),
                response_message_ephemeral=bool(message["flags"] & EPHEMERAL),
            )
            resource["message"] = message
        return {"interaction": interaction_part, "resource": resource}

    async def get_webhook_message(self, req: Request) -> Any:
        record = self._interaction(req)
        return self._message_of(record, req)

    async def edit_webhook_message(self, req: Request) -> Any:
        record = self._interaction(req)
        msg = self._message_of(record, req)
        body = req.body or {}
        self._rules(body, f"{req.method} {req.route}", creating=False, files=req.files, editing=msg)
        was_loading = bool(msg["flags"] & LOADING)
        edited = self.messages.edit(msg, body, files=req.files, finishing_deferral=was_loading)
        if was_loading or record.original_message_id == int(msg["id"]):
            record.deferred_loading = False
            record.settle()
        return edited

    async def delete_webhook_message(self, req: Request) -> Any:
        record = self._interaction(req)
        msg = self._message_of(record, req)
        self.messages.delete(msg)
        return None

    async def execute_webhook(self, req: Request) -> Any:
        record = self._interaction(req)
        where = f"{req.method} {req.route}"
        if record.response_type is None:
            raise ApiError(
                404, 10015, "Unknown Webhook", problem=f"{where}: follow-up before the initial response"
            )
        body = req.body or {}
        self._rules(body, where, files=req.files)
        channel = self.state.world.channels.get(record.channel_id)
        assert channel is not None
        original = self.state.messages.get(record.original_message_id or 0)
        if record.deferred_loading and original is not None and original["flags"] & LOADING:
            # Discord: the first follow-up after a "thinking" deferral becomes the original response.
            message = self.messages.edit(original, body, files=req.files, finishing_deferral=True)
            record.deferred_loading = False
            record.followup_ids.append(int(message["id"]))
            record.settle()
        else:
            flags = self._answer_flags(record, body)
            message = self.messages.create(channel, body, files=req.files, interaction=record, flags=flags)
            record.followup_ids.append(int(message["id"]))
        wait = req.query.get("wait", "false").lower() in ("1", "true")
        return message if wait else None

    # -- handlers: channels and messages -------------------------------------------------------------------------

    async def get_channel(self, req: Request) -> Any:
        channel = self._channel(req)
        self._require(channel, Permissions.VIEW_CHANNEL)
        return channel.payload()

    async def list_messages(self, req: Request) -> Any:
        channel = self._channel(req)
        self._require(channel, Permissions.READ_MESSAGE_HISTORY)
        limit = min(int(req.query.get("limit", 50)), 100)
        ids = [i for i in self.state.channel_log.get(channel.id, []) if i in self.state.messages]
        if "before" in req.query:
            ids = [i for i in ids if i < int(req.query["before"])]
        if "after" in req.query:
            ids = [i for i in ids if i > int(req.query["after"])][:limit]
        msgs = [
            self.state.messages[i] for i in reversed(ids) if not self.state.messages[i]["flags"] & EPHEMERAL
        ]
        return msgs[:limit]

    async def create_message(self, req: Request) -> Any:
        state = self.state
        channel = self._channel(req)
        where = f"{req.method} {req.route}"
        body = req.body or {}
        if channel.type == DM:
            assert channel.recipient is not None
            if not channel.recipient.dms_open:
                raise ApiError(403, 50007, "Cannot send messages to this user")
        elif channel.type not in (GUILD_TEXT, GUILD_ANNOUNCEMENT):
            raise ApiError(
                400, 50008, "Cannot send messages in a non-text channel", problem=f"{where}: non-text"
            )
        else:
            self._require(channel, Permissions.SEND_MESSAGES)
            if req.files:
                self._require(channel, Permissions.ATTACH_FILES)
        self._rules(body, where, files=req.files)
        nonce = body.get("nonce")
        author_id = state.world.bot_user.id
        if nonce is not None and body.get("enforce_nonce"):
            # Within the nonce window Discord answers with the message the nonce already created.
            earlier = state.nonces.recall(author_id, str(nonce))
            if earlier is not None and earlier in state.messages:
                return state.messages[earlier]
        message = self.messages.create(channel, body, files=req.files)
        if nonce is not None:
            state.nonces.remember(author_id, str(nonce), int(message["id"]))
        return message

    def _own_message(self, req: Request) -> dict[str, Any]:
        channel = self._channel(req)
        msg = self.state.messages.get(int(req.params["message_id"]))
        if msg is None or msg["channel_id"] != str(channel.id):
            raise ApiError(404, 10008, "Unknown Message")
        return msg

    async def get_message(self, req: Request) -> Any:
        channel = self._channel(req)
        self._require(channel, Permissions.READ_MESSAGE_HISTORY)
        msg = self._own_message(req)
        if msg["flags"] & EPHEMERAL:
            raise ApiError(404, 10008, "Unknown Message")
        return msg

    async def edit_message(self, req: Request) -> Any:
        msg = self._own_message(req)
        if msg["author"]["id"] != str(self.state.world.bot_user.id) or msg.get("webhook_id"):
            raise ApiError(403, 50005, "Cannot edit a message authored by another user")
        body = req.body or {}
        if req.files:  # an upload, as in a post
            self._require(self._channel(req), Permissions.ATTACH_FILES)
        self._rules(body, f"{req.method} {req.route}", creating=False, files=req.files, editing=msg)
        return self.messages.edit(msg, body, files=req.files)

    async def delete_message(self, req: Request) -> Any:
        channel = self._channel(req)
        msg = self._own_message(req)
        if msg["author"]["id"] != str(self.state.world.bot_user.id):
            self._require(channel, Permissions.MANAGE_MESSAGES)
        self.messages.delete(msg)
        return None

    async def add_reaction(self, req: Request) -> Any:
        channel = self._channel(req)
        self._require(channel, Permissions.ADD_REACTIONS)
        self._own_message(req)
        return None

    async def typing(self, req: Request) -> Any:
        channel = self._channel(req)
        self._require(channel, Permissions.SEND_MESSAGES)
        return None

    async def create_dm(self, req: Request) -> Any:
        body = req.body or {}
        user = self.state.world.users.get(int(body.get("recipient_id", 0)))
        if user is None:
            raise ApiError(
                400, 50035, "Invalid Form Body", errors=form_errors([("recipient_id", "UNKNOWN", "x")])
            )
        return self.state.world.dm_channel(user).payload()

    # -- handlers: guilds ----------------------------------------------------------------------------------------

    def _guild(self, req: Request) -> Any:
        guild = self.state.world.guilds.get(int(req.params["guild_id"]))
        if guild is None or not guild.bot_present:
            raise ApiError(404, 10004, "Unknown Guild")
        return guild

    async def leave_guild(self, req: Request) -> Any:
        guild = self._guild(req)
        self.gateway.remove_bot_from_guild(guild)
        return None

    async def get_guild(self, req: Request) -> Any:
        guild = self._guild(req)
        data = guild.payload()
        for key in ("members", "channels", "threads", "presences", "voice_states", "joined_at", "large"):
            data.pop(key, None)
        if req.query.get("with_counts") in ("1", "true", "True"):
            data["approximate_member_count"] = len(guild.members)
            data["approximate_presence_count"] = 0
        return data

    async def get_guild_channels(self, req: Request) -> Any:
        guild = self._guild(req)
        return [c.payload() for c in guild.channels if not c.deleted]

    async def get_guild_roles(self, req: Request) -> Any:
        return [r.payload() for r in self._guild(req).roles]

    async def get_member(self, req: Request) -> Any:
        guild = self._guild(req)
        member = guild.members.get(int(req.params["user_id"]))
        if member is None:
            raise ApiError(404, 10007, "Unknown Member")
        return member.payload()

    def _member_role(self, req: Request) -> tuple[Guild, Member, Role]:
        """The member and role of a role assignment, once the bot may give that role (Discord's checks, in its
        order): Manage Roles, then the role strictly below the bot's highest role (the owner is exempt)."""
        guild = self._guild(req)
        member = guild.members.get(int(req.params["user_id"]))
        if member is None:
            raise ApiError(404, 10007, "Unknown Member")
        role = next((r for r in guild.roles if r.id == int(req.params["role_id"])), None)
        if role is None or role.id == guild.id:
            raise ApiError(404, 10011, "Unknown Role")
        bot = guild.bot_member
        if guild.owner_id != bot.id:
            if not bot.guild_permissions() & Permissions.MANAGE_ROLES:
                raise ApiError(403, 50013, "Missing Permissions")
            if role.managed or role.position >= top_role_position(bot):
                raise ApiError(403, 50013, "Missing Permissions")
        return guild, member, role

    def announce_member(self, member: Member) -> None:
        """GUILD_MEMBER_UPDATE: to sessions with the privileged members intent, and always about the bot itself
        (Discord sends current-user updates regardless of the intent)."""
        data = member.payload()
        data["guild_id"] = str(member.guild.id)
        is_bot = member.user is self.state.world.bot_user
        self.gateway.dispatch(
            "GUILD_MEMBER_UPDATE",
            data,
            guild_id=member.guild.id,
            intent=None if is_bot else INTENT_GUILD_MEMBERS,
        )

    async def add_member_role(self, req: Request) -> Any:
        _, member, role = self._member_role(req)
        if role not in member.roles:
            member.roles.append(role)
            self.announce_member(member)
        return None

    async def remove_member_role(self, req: Request) -> Any:
        _, member, role = self._member_role(req)
        if role in member.roles:
            member.roles.remove(role)
            self.announce_member(member)
        return None

    # -- handlers: scheduled events ------------------------------------------------------------------------------

    def _event_permission(self, guild: Any, event: ScheduledEvent | None) -> None:
        bot = guild.bot_member
        if not may_manage(bot.guild_permissions(), event, bot.id):
            raise ApiError(403, 50013, "Missing Permissions")

    def _event(self, req: Request) -> tuple[Any, ScheduledEvent]:
        guild = self._guild(req)
        return guild, self.state.scheduled_events.get(guild, int(req.params["guild_scheduled_event_id"]))

    def _announce_event(self, kind: str, event: ScheduledEvent) -> None:
        # Gateway objects carry no count (Discord's is unreliable there): clients must ask REST with counts.
        self.gateway.dispatch(
            kind, event.payload(), guild_id=event.guild.id, intent=INTENT_GUILD_SCHEDULED_EVENTS
        )

    async def list_scheduled_events(self, req: Request) -> Any:
        guild = self._guild(req)
        counts = _truthy(req.query.get("with_user_count"))
        return [e.payload(with_user_count=counts) for e in self.state.scheduled_events.of_guild(guild)]

    async def get_scheduled_event(self, req: Request) -> Any:
        _, event = self._event(req)
        return event.payload(with_user_count=_truthy(req.query.get("with_user_count")))

    async def create_scheduled_event(self, req: Request) -> Any:
        guild = self._guild(req)
        self._event_permission(guild, None)
        event = self.state.scheduled_events.create(
            guild, self.state.world.bot_user, req.body or {}, self.state.clock.now()
        )
        self._announce_event("GUILD_SCHEDULED_EVENT_CREATE", event)
        return event.payload()

    async def edit_scheduled_event(self, req: Request) -> Any:
        guild, event = self._event(req)
        self._event_permission(guild, event)
        self.state.scheduled_events.edit(event, req.body or {}, self.state.clock.now())
        self._announce_event("GUILD_SCHEDULED_EVENT_UPDATE", event)
        return event.payload()

    async def delete_scheduled_event(self, req: Request) -> Any:
        guild, event = self._event(req)
        self._event_permission(guild, event)
        event.deleted = True
        self._announce_event("GUILD_SCHEDULED_EVENT_DELETE", event)
        return None


def top_role_position(member: Member) -> int:
    """The position of the member's highest role (0: only @everyone)."""
    return max((role.position for role in member.roles), default=0)


def _truthy(value: str | None) -> bool:
    return value in ("1", "true", "True")
