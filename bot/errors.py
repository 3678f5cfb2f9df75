"""The one error type whose message is written for the person who typed a command.

Services raise a subclass of ``UserFacingError`` for bad input or a state the user can fix; the command tree's
``on_error`` shows its message as a friendly ephemeral reply. Anything else is a bug: logged, never shown.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """A refusal whose message is safe to show as it is (no internals, no tokens, no stack trace)."""

    #: The heading of the reply that shows the message (translated where the catalogs have it).
    title: str = "Hmm, that didn't work"

    def __init__(self, message: str, *, title: str | None = None) -> None:
        super().__init__(message)
        if title is not None:
            self.title = title

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""
