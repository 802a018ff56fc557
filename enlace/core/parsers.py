"""The API's JSON parser: DRF's, with a depth limit.

A request body nested thousands of levels deep exhausts the parser's stack (a 500) or that of
every recursive reader after it (serializers, error flatteners); Standard Format records are a
few levels deep, so deeper bodies are refused with a 400 that says why."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

from .importing import JSONTooDeep, json_loads


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = stream.read().decode(encoding)
            return json_loads(text, parse_constant=_refuse_constant)
        except JSONTooDeep as exc:
            raise ParseError(
                _("The JSON is nested more than %(limit)s levels deep.") % {"limit": exc.limit}
            ) from exc
        except ValueError as exc:  # also UnicodeDecodeError and json.JSONDecodeError
            raise ParseError(
                _("The request body is not valid JSON: %(reason)s") % {"reason": exc}
            ) from exc
