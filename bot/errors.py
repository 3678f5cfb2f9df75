"""The one error type whose message is written for the person who typed a command.

Services raise a subclass of ``UserFacingError`` for bad input or a state the user can fix; the command tree's
``on_error`` shows its message as a friendly ephemeral reply. Anything else is a bug: logged, never shown.
"""

from __future__ import annotations

from typing import Protocol

from bot.i18n import translatable


class _Translates(Protocol):
    def gettext(self, message: str, /, **params: object) -> str: ...

    def phrase(self, text: str) -> str: ...


class UserFacingError(Exception):
    """A refusal whose message is safe to show as it is (no internals, no tokens, no stack trace).

    ``message`` is English. Given ``params``, it is a template they fill (``"{zone} is not a time zone"``): a
    reply shows it in the reader's language (``message_in``) when the catalogs have the template (mark it with
    ``translatable``), and in English otherwise.
    """

    #: The heading of the reply that shows the message (translated where the catalogs have it).
    title: str = translatable("Hmm, that didn't work")

    def __init__(self, message: str, *, title: str | None = None, **params: object) -> None:
        super().__init__(message.format(**params) if params else message)
        self.template = message
        self.params = params
        if title is not None:
            self.title = title

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""

    def message_in(self, language: _Translates) -> str:
        """The message in ``language``: its template's translation, filled (a param that is a phrase worded in
        ``language`` too); English without one."""
        params = {
            name: language.phrase(value) if isinstance(value, str) else value
            for name, value in self.params.items()
        }
        return language.gettext(self.template, **params)

    def title_in(self, language: _Translates) -> str:
        return language.gettext(self.title)
