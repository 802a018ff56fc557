"""Responses shared by every capability's pages."""

from __future__ import annotations

from django.http import HttpResponse, StreamingHttpResponse


def attachment(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    """A file to download. Exports hold the network's records, so neither the browser nor a
    proxy keeps a copy."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def streaming_attachment(chunks, content_type: str, filename: str) -> StreamingHttpResponse:
    """`attachment` for a file written while it is sent (a long audit trail, say)."""
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
