"""What every document parser shares: the result's JSON and `ok`, and the problem collector.

A parser subclasses `DocumentParser` with its result (a `ParsedDocument`: `problems` and
`warnings` lists); `self.problem(line, template, **params)` and `self.warning(...)` record what
could not be read and what was read by a guess; `self.unreadable(line, exc)` records a part that
tripped the parser, so a bad paragraph or row never loses the rest of the document.

A result lists the attributes its JSON holds in `JSON_FIELDS`, in order; `as_json` writes dates
as ISO strings, lists item by item and nested results through their own `as_json`.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar, Generic, TypeVar

from enlace.core.documents.problems import Problem, gettext_noop, problem

UNREADABLE = gettext_noop("This part of the document could not be read (%(error)s).")


def json_value(value: Any) -> Any:
    """`value` as JSON: a date as YYYY-MM-DD, a list item by item, a result by `as_json`."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [json_value(item) for item in value]
    if hasattr(value, "as_json"):
        return value.as_json()
    return value


class JsonResult:
    """A part of a parsed document that is written out as the attributes of `JSON_FIELDS`."""

    JSON_FIELDS: ClassVar[tuple[str, ...]] = ()

    def as_json(self) -> dict[str, Any]:
        return {name: json_value(getattr(self, name)) for name in self.JSON_FIELDS}


class ParsedDocument(JsonResult):
    """A parsed document: subclasses are dataclasses with `problems` and `warnings` fields."""

    problems: list[Problem]
    warnings: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


ResultT = TypeVar("ResultT", bound=ParsedDocument)


class DocumentParser(Generic[ResultT]):
    """Base of a parser that fills `self.result` and records problems and warnings on it."""

    def __init__(self, result: ResultT) -> None:
        self.result = result

    def problem(self, line: int, template: str, **params: Any) -> None:
        self.result.problems.append(problem(line, template, **params))

    def warning(self, line: int, template: str, **params: Any) -> None:
        self.result.warnings.append(problem(line, template, **params))

    def unreadable(self, line: int, error: Exception) -> None:
        self.problem(line, UNREADABLE, error=type(error).__name__)
