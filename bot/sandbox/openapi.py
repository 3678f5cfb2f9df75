"""Discord's OpenAPI description: route matching and request-body validation.

The spec is parsed once per process (it is >1 MB) and a validator is built lazily, once per operation, so the
per-request cost is one path match plus one ``iter_errors`` pass.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_URI = "urn:discord:openapi"
_COMPONENT_PREFIX = "#/components/schemas/"


# Strict JSON types: relaxing "integer" to digit strings would make every string|integer oneOf (nonce) ambiguous.
_DiscordValidator = Draft202012Validator


def _relax_snowflakes(node: Any) -> None:
    """Snowflakes are strings in the spec, but Discord (and discord.py) also send them as JSON integers."""
    if isinstance(node, dict):
        if node.get("format") == "snowflake" and node.get("type") == "string":
            node["type"] = ["string", "integer"]
            node["minimum"] = 0
        for value in node.values():
            _relax_snowflakes(value)
    elif isinstance(node, list):
        for value in node:
            _relax_snowflakes(value)


@dataclass(frozen=True, slots=True)
class RouteMatch:
    template: str  # e.g. "/channels/{channel_id}/messages", as written in the spec
    params: dict[str, str]
    in_spec: bool


class _Template:
    __slots__ = ("literals", "params", "segments", "template")

    def __init__(self, template: str) -> None:
        self.template = template
        self.segments = tuple(template.strip("/").split("/"))
        # None marks a placeholder segment; literal segments must match exactly.
        self.params = tuple(s[1:-1] if s.startswith("{") and s.endswith("}") else None for s in self.segments)
        self.literals = sum(1 for p in self.params if p is None)

    def match(self, parts: list[str]) -> dict[str, str] | None:
        params: dict[str, str] = {}
        for seg, name, part in zip(self.segments, self.params, parts, strict=True):
            if name is None:
                if seg != part:
                    return None
            elif not part:
                return None
            else:
                params[name] = part
        return params


#: How many valid PUT bodies the spec remembers (command trees: a few per test world).
VALID_PUTS_KEPT = 64


class OpenAPISpec:
    """Path templates and lazily-built, cached request-body validators of Discord's OpenAPI document."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        _relax_snowflakes(document)
        self.paths: dict[str, dict[str, Any]] = document["paths"]
        self._registry: Registry = Registry().with_resource(
            SPEC_URI, Resource.from_contents(document, default_specification=DRAFT202012)
        )
        self._validators: dict[tuple[str, str], Any] = {}
        # PUT bodies already found valid, by their canonical JSON: every bot start puts the same command tree
        # (~100 kB with six languages' localizations), and validating it anew takes ~0.1 s.
        self._valid_puts: OrderedDict[str, None] = OrderedDict()
        self._by_length: dict[int, list[_Template]] = {}
        self._extra: set[str] = set()
        for template in self.paths:
            self._add_template(template)

    def _add_template(self, template: str) -> None:
        t = _Template(template)
        bucket = self._by_length.setdefault(len(t.segments), [])
        bucket.append(t)
        # Most literal segments first, so "/users/@me" wins over "/users/{user_id}".
        bucket.sort(key=lambda x: -x.literals)

    def add_route(self, template: str) -> None:
        """Make a template the spec lacks (none today) matchable."""
        if template not in self.paths and template not in self._extra:
            self._extra.add(template)
            self._add_template(template)

    def match(self, path: str) -> RouteMatch | None:
        parts = path.strip("/").split("/")
        for t in self._by_length.get(len(parts), ()):
            params = t.match(parts)
            if params is not None:
                return RouteMatch(t.template, params, t.template in self.paths)
        return None

    def operation(self, method: str, template: str) -> dict[str, Any] | None:
        item = self.paths.get(template)
        if item is None:
            return None
        op = item.get(method.lower())
        return op if isinstance(op, dict) else None

    def validator(self, method: str, template: str) -> Any:
        key = (method.upper(), template)
        try:
            return self._validators[key]
        except KeyError:
            pass
        validator: Any = None
        op = self.operation(method, template)
        content = (op or {}).get("requestBody", {}).get("content", {})
        if "application/json" in content:
            # Inlining the component schemas once saves a registry lookup per "$ref" on every request (~1.5x);
            # recursive ones stay references, made absolute so the registry resolves them.
            schema = self._inline(content["application/json"]["schema"], ())
            validator = _DiscordValidator(schema, registry=self._registry)
        self._validators[key] = validator
        return validator

    def _inline(self, node: Any, stack: tuple[str, ...]) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(_COMPONENT_PREFIX):
                name = ref.removeprefix(_COMPONENT_PREFIX)
                if name in stack:
                    return {**node, "$ref": SPEC_URI + ref}
                target = self._inline(self.document["components"]["schemas"][name], (*stack, name))
                extra = {k: self._inline(v, stack) for k, v in node.items() if k != "$ref"}
                return {**target, **extra} if extra else target
            return _discriminate({k: self._inline(v, stack) for k, v in node.items()})
        if isinstance(node, list):
            return [self._inline(v, stack) for v in node]
        return node

    def validate(self, method: str, template: str, body: Any) -> ValidationError | None:
        """The most relevant schema error of a JSON body, or None when it conforms (or has no schema)."""
        validator = self.validator(method, template)
        if validator is None:
            return None
        seen = None
        if method.upper() == "PUT":
            seen = f"{template} {json.dumps(body, sort_keys=True, separators=(',', ':'))}"
            if seen in self._valid_puts:
                self._valid_puts.move_to_end(seen)
                return None
        error = best_match(validator.iter_errors(body))
        if error is None and seen is not None:
            self._valid_puts[seen] = None
            if len(self._valid_puts) > VALID_PUTS_KEPT:
                self._valid_puts.popitem(last=False)
        return error


def _discriminated_type(branch: Any) -> Any:
    """The one ``type`` value a oneOf branch requires (a message component's type), or None."""
    if not isinstance(branch, dict) or "type" not in (branch.get("required") or ()):
        return None
    values = ((branch.get("properties") or {}).get("type") or {}).get("enum")
    return values[0] if isinstance(values, list) and len(values) == 1 else None


def _discriminate(node: dict[str, Any]) -> dict[str, Any]:
    """A oneOf whose branches each require their own ``type`` value (message components, nested in layouts)
    as if/then on that value: the same verdict, but only the matching branch is validated instead of every
    branch at every level of nesting (a layout message was ~35 ms of validation, now a few)."""
    branches = node.get("oneOf")
    if not isinstance(branches, list) or len(branches) < 2:
        return node
    values = [_discriminated_type(branch) for branch in branches]
    if any(value is None for value in values) or len(set(values)) != len(values):
        return node
    rest = {k: v for k, v in node.items() if k != "oneOf"}
    chosen = [
        {"if": {"properties": {"type": {"const": value}}, "required": ["type"]}, "then": branch}
        for value, branch in zip(values, branches, strict=True)
    ]
    guard = {"type": "object", "required": ["type"], "properties": {"type": {"enum": values}}}
    return {**rest, "allOf": [*rest.get("allOf", []), guard, *chosen]}


@cache
def load_spec() -> OpenAPISpec:
    """The bundled spec, parsed once per process."""
    text = (
        resources.files(__package__ or "bot.sandbox")
        .joinpath("spec/openapi.json")
        .read_text(encoding="utf-8")
    )
    return OpenAPISpec(json.loads(text))


def _deepest(error: ValidationError) -> ValidationError:
    """For anyOf/oneOf failures, the error from the branch the sender meant.

    Branches whose discriminator (an enum/const on a field such as ``type``) does not match are skipped; of the
    rest, the error that got furthest into the instance wins.
    """
    while error.context:
        branches: dict[Any, list[ValidationError]] = {}
        for e in error.context:
            branches.setdefault(e.relative_schema_path[0] if e.relative_schema_path else None, []).append(e)
        plausible = [
            errs
            for errs in branches.values()
            if not any(e.validator in ("enum", "const") and len(e.relative_path) == 1 for e in errs)
        ]
        candidates = [e for errs in plausible for e in errs] or list(error.context)
        error = max(candidates, key=lambda e: len(e.absolute_path))
    return error


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def describe_error(error: ValidationError) -> tuple[str, str]:
    """(field path, short message) of a schema error, without dumping the whole (possibly huge) instance."""
    error = _deepest(error)
    where = ".".join(str(p) for p in error.absolute_path)
    validator = str(error.validator)
    if validator in ("type", "enum", "const", "required", "additionalProperties", "pattern"):
        message = (
            error.message
            if len(error.message) < 200
            else f"failed {validator} {_short(error.validator_value)}"
        )
    else:
        message = f"{_short(error.instance)} fails {validator}={_short(error.validator_value)}"
    return where, message
