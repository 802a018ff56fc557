"""The OpenAPI document's conventions (drf-spectacular): every operation documents, next to
its own answer, the error answers in the one error shape of `core.rest`; a list answered as a
page (`core.rest.paginated`, built by hand in a plain ViewSet) documents its `page` and
`page_size` parameters, and a `list` action its FilterSet's parameters, as the generic
viewsets' lists do."""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular import openapi

from .rest import ErrorSerializer, Pagination

# 400 invalid input, 401 no or expired credentials, 403 a role the route refuses, 404 a
# record outside the audience (or a page past the end), 429 throttled.
ERROR_STATUSES = ("400", "401", "403", "404", "429")
UNSAFE_ERROR_STATUSES = ("409",)  # a stale version


class AutoSchema(openapi.AutoSchema):
    def _answers_a_page(self) -> bool:
        serializer = self.get_response_serializers()
        if isinstance(serializer, dict) and serializer:  # {status: serializer}: the success one
            serializer = {str(code): value for code, value in serializer.items()}
            serializer = serializer[min(serializer)]
        return bool(getattr(serializer, "is_page", False))

    def get_auth(self):
        auth = super().get_auth()
        if getattr(self.view, "public", False) and {} not in auth:
            auth.append({})  # public: answered without credentials too
        return auth

    def _get_pagination_parameters(self):
        if self.method == "GET" and self._answers_a_page():
            return Pagination().get_schema_operation_parameters(self.view)
        return super()._get_pagination_parameters()

    def get_filter_backends(self):
        backends = super().get_filter_backends()
        if (
            not backends
            and getattr(self.view, "action", None) == "list"
            and getattr(self.view, "filterset_class", None)
        ):
            return [DjangoFilterBackend]
        return backends

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
