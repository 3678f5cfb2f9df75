"""Guild Scheduled Events: the store, Discord's rules the OpenAPI description lacks, and the payloads.

The REST handlers (rest.py) validate bodies against the spec first; what is here is what the spec cannot say:
an external event needs a location and an end time after its start, the start must be in the future, a cover
image must be a real image of bounded size, a finished (cancelled or completed) event cannot change, and the
permission rules (Create Events for one's own events, Manage Events for anyone's).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .errors import ApiError, form_errors
from .permissions import Permissions
from .world import SNOWFLAKES, Guild, User

SCHEDULED, ACTIVE, COMPLETED, CANCELED = 1, 2, 3, 4
EXTERNAL = 3
GUILD_ONLY = 2
# Discord allows 100 scheduled (not finished) events per server.
MAX_EVENTS_PER_GUILD = 100
# Cover images: an upload limit of Discord's size class for images (the sandbox's choice; Discord states none).
MAX_IMAGE_BYTES = 10 * 1024 * 1024
_IMAGE_MAGIC = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "image/webp": (b"RIFF",),
}
_FINISHED = (COMPLETED, CANCELED)
# Status changes Discord allows: a scheduled event starts or is cancelled; an active one completes.
_ALLOWED_STATUS = {SCHEDULED: {SCHEDULED, ACTIVE, CANCELED}, ACTIVE: {ACTIVE, COMPLETED}}


def parse_time(value: str, field_name: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise _invalid(field_name, "DATE_TIME_INVALID", f"{value!r} is not an ISO 8601 time") from None
    if parsed.tzinfo is None:
        raise _invalid(field_name, "DATE_TIME_INVALID", f"{value!r} has no time zone")
    return parsed


def _invalid(field_name: str, code: str, message: str) -> ApiError:
    return ApiError(
        400,
        50035,
        "Invalid Form Body",
        errors=form_errors([(field_name, code, message)]),
        problem=f"scheduled event: {field_name}: {message}",
    )


def decode_image(value: str) -> bytes:
    """The bytes of a ``data:image/...;base64,`` cover image, or a 400 naming what is wrong with it."""
    head, sep, data = value.partition(",")
    if not sep or not head.startswith("data:") or not head.endswith(";base64"):
        raise _invalid("image", "IMAGE_INVALID", "not a base64 data URI")
    mime = head[len("data:") : -len(";base64")]
    if mime not in _IMAGE_MAGIC:
        raise _invalid("image", "IMAGE_INVALID", f"unsupported image type {mime!r}")
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise _invalid("image", "IMAGE_INVALID", "invalid base64") from None
    if len(raw) > MAX_IMAGE_BYTES:
        raise _invalid("image", "BINARY_TYPE_MAX_SIZE", f"image of {len(raw)} bytes over {MAX_IMAGE_BYTES}")
    if not raw.startswith(_IMAGE_MAGIC[mime]):
        raise _invalid("image", "IMAGE_INVALID", f"the data is not a {mime} image")
    return raw


@dataclass(eq=False)
class ScheduledEvent:
    id: int
    guild: Guild
    creator: User
    name: str
    description: str | None
    start: datetime
    end: datetime | None
    location: str
    privacy_level: int
    status: int = SCHEDULED
    image_hash: str | None = None
    image_bytes: int = 0
    interested: set[int] = field(default_factory=set)
    deleted: bool = False

    @property
    def listed(self) -> bool:
        """Discord lists a server's scheduled and active events, not finished or deleted ones."""
        return not self.deleted and self.status not in _FINISHED

    def payload(self, *, with_user_count: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "guild_id": str(self.guild.id),
            "channel_id": None,
            "creator_id": str(self.creator.id),
            "creator": self.creator.payload(),
            "name": self.name,
            "description": self.description,
            "scheduled_start_time": self.start.isoformat(),
            "scheduled_end_time": self.end.isoformat() if self.end else None,
            "privacy_level": self.privacy_level,
            "status": self.status,
            "entity_type": EXTERNAL,
            "entity_id": None,
            "entity_metadata": {"location": self.location},
            "image": self.image_hash,
            "recurrence_rule": None,
            "guild_scheduled_event_exceptions": [],
        }
        # Discord's gateway objects carry no reliable count; a REST read has it only when asked.
        if with_user_count:
            data["user_count"] = len(self.interested)
        return data


class ScheduledEvents:
    """Every server's scheduled events, by id."""

    def __init__(self) -> None:
        self.by_id: dict[int, ScheduledEvent] = {}

    def of_guild(self, guild: Guild) -> list[ScheduledEvent]:
        return [e for e in guild.scheduled_events if e.listed]

    def get(self, guild: Guild, event_id: int) -> ScheduledEvent:
        event = self.by_id.get(event_id)
        if event is None or event.guild is not guild or event.deleted:
            raise ApiError(404, 10070, "Unknown Guild Scheduled Event")
        return event

    def create(self, guild: Guild, creator: User, body: dict[str, Any], now: datetime) -> ScheduledEvent:
        if body.get("entity_type") != EXTERNAL:
            raise ApiError(
                400,
                50035,
                "Invalid Form Body",
                problem="scheduled event: the sandbox emulates external events only",
            )
        if len(self.of_guild(guild)) >= MAX_EVENTS_PER_GUILD:
            raise ApiError(
                400, 30038, f"Maximum number of guild scheduled events reached ({MAX_EVENTS_PER_GUILD})"
            )
        start = parse_time(body["scheduled_start_time"], "scheduled_start_time")
        end_text = body.get("scheduled_end_time")
        if not end_text:
            raise _invalid(
                "scheduled_end_time",
                "GUILD_SCHEDULED_EVENT_END_TIME_REQUIRED",
                "external events need an end time",
            )
        end = parse_time(end_text, "scheduled_end_time")
        _check_times(start, end, now)
        location = body["entity_metadata"]["location"]
        if not location.strip():
            raise _invalid(
                "entity_metadata.location", "BASE_TYPE_REQUIRED", "external events need a location"
            )
        event = ScheduledEvent(
            SNOWFLAKES.next(),
            guild,
            creator,
            body["name"],
            body.get("description"),
            start,
            end,
            location,
            int(body["privacy_level"]),
        )
        if body.get("image"):
            _set_image(event, body["image"])
        self.by_id[event.id] = event
        guild.scheduled_events.append(event)
        return event

    def edit(self, event: ScheduledEvent, body: dict[str, Any], now: datetime) -> None:
        if event.status in _FINISHED:
            raise ApiError(400, 180000, "Cannot update a finished event")
        status = body.get("status")
        if status is not None and status not in _ALLOWED_STATUS.get(event.status, set()):
            raise ApiError(
                400, 180002, "Cannot update event status", problem=f"status {event.status} -> {status}"
            )
        start = (
            parse_time(body["scheduled_start_time"], "scheduled_start_time")
            if "scheduled_start_time" in body
            else event.start
        )
        end = event.end
        if "scheduled_end_time" in body:
            end = (
                parse_time(body["scheduled_end_time"], "scheduled_end_time")
                if body["scheduled_end_time"]
                else None
            )
        if end is None:
            raise _invalid(
                "scheduled_end_time",
                "GUILD_SCHEDULED_EVENT_END_TIME_REQUIRED",
                "external events need an end time",
            )
        if "scheduled_start_time" in body or "scheduled_end_time" in body:
            _check_times(start, end, now, moving_start="scheduled_start_time" in body)
        if "entity_metadata" in body:
            event.location = body["entity_metadata"]["location"]
        if "name" in body:
            event.name = body["name"]
        if "description" in body:
            event.description = body["description"]
        if "privacy_level" in body:
            event.privacy_level = int(body["privacy_level"])
        if "image" in body:
            if body["image"]:
                _set_image(event, body["image"])
            else:
                event.image_hash, event.image_bytes = None, 0
        event.start, event.end = start, end
        if status is not None:
            event.status = int(status)


def _check_times(start: datetime, end: datetime, now: datetime, *, moving_start: bool = True) -> None:
    if moving_start and start <= now:
        raise _invalid(
            "scheduled_start_time", "GUILD_SCHEDULED_EVENT_SCHEDULE_PAST", "the start time is in the past"
        )
    if end <= start:
        raise _invalid(
            "scheduled_end_time", "GUILD_SCHEDULED_EVENT_END_BEFORE_START", "the end is not after the start"
        )


def _set_image(event: ScheduledEvent, value: str) -> None:
    raw = decode_image(value)
    event.image_hash = hashlib.md5(raw).hexdigest()  # an identifier, like Discord's image hashes
    event.image_bytes = len(raw)


def may_manage(guild_permissions: int, event: ScheduledEvent | None, user_id: int) -> bool:
    """Manage Events covers every event; Create Events only one's own (and creating)."""
    if guild_permissions & Permissions.MANAGE_EVENTS:
        return True
    if not guild_permissions & Permissions.CREATE_EVENTS:
        return False
    return event is None or event.creator.id == user_id
