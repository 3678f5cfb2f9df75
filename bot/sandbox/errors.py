"""Discord's error answers: an ApiError carries the status, JSON code, message and (optionally) form errors."""

from __future__ import annotations

from typing import Any

from .rules import RuleViolation


class ApiError(Exception):
    """A Discord error answer: status, JSON error code and message (plus optional form errors)."""

    def __init__(
        self,
        status: int,
        code: int,
        message: str,
        *,
        errors: dict[str, Any] | None = None,
        problem: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors
        self.problem = problem

    def body(self) -> dict[str, Any]:
        data: dict[str, Any] = {"message": self.message, "code": self.code}
        if self.errors:
            data["errors"] = self.errors
        return data


def form_errors(violations: list[tuple[str, str, str]]) -> dict[str, Any]:
    """Discord's nested ``errors`` object: {"content": {"_errors": [{"code", "message"}]}}."""
    root: dict[str, Any] = {}
    for path, code, message in violations:
        node = root
        for part in [p for p in path.split(".") if p]:
            node = node.setdefault(part, {})
        node.setdefault("_errors", []).append({"code": code, "message": message})
    return root


def invalid_form(violations: list[RuleViolation], problem: str) -> ApiError:
    return ApiError(
        400,
        50035,
        "Invalid Form Body",
        errors=form_errors([(v.field, v.code, v.message) for v in violations]),
        problem=problem,
    )
