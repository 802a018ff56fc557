"""The OpenAPI document's conventions (drf-spectacular): every operation documents, next to
its own answer, the error answers in the one error shape of `core.rest`."""

from __future__ import annotations

from drf_spectacular import openapi

from .rest import ErrorSerializer

# 400 invalid input, 401 no or expired credentials, 403 a role the route refuses, 404 a
# record outside the audience (or a page past the end), 429 throttled.
ERROR_STATUSES = ("400", "401", "403", "404", "429")
UNSAFE_ERROR_STATUSES = ("409",)  # a stale version


class AutoSchema(openapi.AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        statuses = ERROR_STATUSES
        if self.method not in ("GET", "HEAD", "OPTIONS"):
            statuses += UNSAFE_ERROR_STATUSES
        for status in statuses:
            if status not in responses:
                responses[status] = self._get_response_for_code(
                    ErrorSerializer, status, direction=direction
                )
        return responses
