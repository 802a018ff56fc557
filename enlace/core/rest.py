"""API conventions shared by every app: pagination and the one JSON error shape
``{"error": {"code": ..., "message": ..., "fields": {...}}}``.

`fields` maps dotted paths (`persons.0.phones.0`) to lists of plain strings; errors that name
no field make up `message`. Views let services' errors through: a Django `ValidationError`
answers 400 (`invalid`), a `StaleVersionError` 409 (`stale`), whatever their nesting.

Kept apart from the viewsets because DRF imports these while its own modules load."""

from __future__ import annotations

from functools import cache

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from .importing import error_paths


class Pagination(PageNumberPagination):
    """Pages of `page_size` records (at most 500). A `page_size` that is not a whole number of
    at least 1 is a 400 (DRF would silently use the default), as the OpenAPI document says."""

    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        raw = request.query_params.getlist(self.page_size_query_param)
        if raw:
            try:
                size = int(raw[-1])
            except ValueError:
                size = 0
            if len(raw) > 1 or size < 1:
                raise exceptions.ValidationError(
                    {self.page_size_query_param: [_("Give one whole number from 1 to 500.")]}
                )
        return super().get_page_size(request)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["minimum"] = 1  # above 500 is answered 500 a page
            elif parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters


@cache
def paginated(serializer_class: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """The page `Pagination` answers, around `serializer_class`: for the OpenAPI document
    of viewsets that paginate by hand (one class per child, so one schema component)."""
    name = serializer_class.__name__.removesuffix("Serializer")
    page = type(
        f"Paginated{name}ListSerializer",
        (serializers.Serializer,),
        {
            "__doc__": f"A page of {name} records.",
            "__module__": __name__,
            "is_page": True,  # core.schema documents the page's query parameters
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer_class(many=True),
        },
    )
    return extend_schema_serializer(many=False)(page)  # a page, even on a list action


class Conflict(exceptions.APIException):
    """The record changed since the client read it (optimistic locking)."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "stale"


class ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class ErrorSerializer(serializers.Serializer):
    """The body of every error answer (for the OpenAPI document)."""

    error = ErrorBodySerializer()


def _is_non_field(path: str) -> bool:
    return path in ("", api_settings.NON_FIELD_ERRORS_KEY, NON_FIELD_ERRORS)


def error_fields(detail) -> tuple[list[str], dict[str, list[str]]]:
    """Nested error details as (messages naming no field, {dotted path: [messages]})."""
    general: list[str] = []
    fields: dict[str, list[str]] = {}
    for path, messages in error_paths(detail):
        if _is_non_field(path):
            general.extend(messages)
        elif messages:
            fields.setdefault(path, []).extend(messages)
    return general, fields


def _as_api_exception(exc):
    from enlace.access.services import StaleVersionError  # after the apps: it imports models

    if isinstance(exc, StaleVersionError):
        return Conflict(exc.messages[0])
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        )
    if isinstance(exc, Http404):
        return exceptions.NotFound(_("Not found."))
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied(_("You do not have permission to do this."))
    return exc


def exception_handler(exc, context):
    exc = _as_api_exception(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code = getattr(exc, "default_code", "error")
    fields: dict[str, list[str]] = {}
    if isinstance(exc, exceptions.ValidationError):
        code = "invalid"
        general, fields = error_fields(exc.detail)
        message = " ".join(general) if general else _("Some fields are not valid.")
    else:
        message = " ".join(
            " ".join(messages) for _path, messages in error_paths(getattr(exc, "detail", str(exc)))
        )
        if isinstance(exc, exceptions.Throttled):
            code = "throttled"
        elif hasattr(exc, "get_codes"):
            codes = exc.get_codes()
            code = codes if isinstance(codes, str) else code
    response.data = {"error": {"code": code, "message": message, "fields": fields}}
    return response


def page_not_found(request, exception):
    """Django's 404 for a URL no route matches (`handler404`): under /api/ in the API's one
    error shape (JSON, as the OpenAPI document says), the site's page otherwise."""
    from django.http import JsonResponse
    from django.views.defaults import page_not_found as site_page_not_found

    if request.path.startswith("/api/"):
        return JsonResponse(
            {"error": {"code": "not_found", "message": _("Not found."), "fields": {}}},
            status=404,
        )
    return site_page_not_found(request, exception)
