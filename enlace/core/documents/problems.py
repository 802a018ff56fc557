"""What a parser could not read, by line.

Messages are written in English (the parsers run outside any request); the template and its
parameters travel with them so a view can show them in the user's language:
`problem.localized()`, i.e. `gettext(problem.template) % problem.params`. Templates are
marked with `gettext_noop` (this module's own: Django's asks for configured settings, and the
parsers must run without them); makemessages extracts calls by that name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Problem:
    """`line` is 1-based in the document's lines (as `read_document` returns them); 0 means the
    document as a whole (no date anywhere, no agreements at all ...)."""

    line: int
    message: str
    template: str = field(default="", compare=False, repr=False)
    params: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message

    def localized(self) -> str:
        """The message in the active language (needs Django's translation machinery)."""
        from django.utils.translation import gettext

        if not self.template:
            return self.message
        return gettext(self.template) % self.params


def gettext_noop(message: str) -> str:
    """Mark `message` for translation; it is translated where it is shown."""
    return message


def problem(line: int, template: str, **params: Any) -> Problem:
    """A Problem whose English message is `template % params`."""
    return Problem(line, template % params if params else template, template, params)
