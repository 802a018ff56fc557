"""Response headers every page and API answer gets."""

from __future__ import annotations

from django.conf import settings
from django.utils.cache import patch_cache_control


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every dynamic answer that does not set its own: pages and
    API answers carry case, person and watchlist data, which neither the browser's cache nor a
    proxy may keep. Static files (served before this by WhiteNoise) keep their long caching."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/")

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control") and not request.path.startswith(
            self.static_prefix
        ):
            patch_cache_control(response, no_store=True, private=True)
        return response
