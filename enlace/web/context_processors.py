from django.conf import settings

from .navigation import items_for


def navigation(request):
    return {
        "nav_items": items_for(getattr(request, "user", None)),
        "demo_mode": settings.ENLACE_DEMO,
    }
