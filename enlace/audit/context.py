"""The request an audit event happens in (IP, request id), available to services without
passing the request around. Set by RequestContextMiddleware; empty in commands and jobs."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip: str | None = None


# RequestContext is a frozen dataclass, so a shared default instance cannot be mutated.
_current: ContextVar[RequestContext] = ContextVar(
    "enlace_request_context",
    default=RequestContext(),  # noqa: B039
)


def current() -> RequestContext:
    return _current.get()


def activate(context: RequestContext):
    return _current.set(context)


def reset(token) -> None:
    _current.reset(token)
