from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .twofactor import two_factor_required

# Paths a password-authenticated but not yet two-factor-verified user may reach: finishing or
# abandoning the login, the language switch and static files. Nothing else (not even her own
# API tokens: a token made before the second factor would bypass it).
OPEN_PREFIXES = (
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/two-factor/",
    "/i18n/",
    "/static/",
    "/healthz",
    "/jsi18n/",
)


class TwoFactorRequiredMiddleware:
    """A session is only fully logged in after its second factor: until then every page
    redirects to the verification (or enrolment) step and the API answers 403."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and two_factor_required(user)
            and not request.path.startswith(OPEN_PREFIXES)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {
                        "error": {
                            "code": "two_factor_required",
                            "message": _("Complete the two-factor login first."),
                            "fields": {},
                        }
                    },
                    status=403,
                )
            return redirect(settings.ENLACE_TWO_FACTOR_URL)
        return self.get_response(request)
