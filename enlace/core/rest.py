"""API conventions shared by every app: pagination and the one JSON error shape
``{"error": {"code": ..., "message": ..., "fields": {...}}}``.

Kept apart from the viewsets because DRF imports these while its own modules load."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination
from rest_framework.views import exception_handler as drf_exception_handler


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


def _flatten(detail) -> str:
    if isinstance(detail, list):
        return " ".join(_flatten(item) for item in detail)
    if isinstance(detail, dict):
        return " ".join(f"{key}: {_flatten(value)}" for key, value in detail.items())
    return str(detail)


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(_("You do not have permission to do this."))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code = getattr(exc, "default_code", "error")
    fields = {}
    message = _flatten(getattr(exc, "detail", str(exc)))
    if isinstance(exc, exceptions.ValidationError):
        code = "invalid"
        detail = exc.detail
        if isinstance(detail, dict):
            fields = {key: [str(item) for item in (value if isinstance(value, list) else [value])]
                      for key, value in detail.items() if key != "non_field_errors"}
            non_field = detail.get("non_field_errors")
            message = _flatten(non_field) if non_field else _("Some fields are not valid.")
    elif isinstance(exc, exceptions.Throttled):
        code = "throttled"
    elif hasattr(exc, "get_codes"):
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else code
    response.data = {"error": {"code": code, "message": message, "fields": fields}}
    return response
