"""E-mail digests: each officer gets the open tasks of her country or organization that are
due within two weeks or overdue; the ST gets the whole network's. In-app, the same list is on
the home page and in the calendar."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from enlace.accounts.models import User

from .permissions import MEETING_READERS
from .selectors import tasks_of

DUE_SOON_DAYS = 14


def send_digests(*, today: date | None = None) -> int:
    today = today or date.today()
    sent = 0
    base = getattr(settings, "ENLACE_BASE_URL", "")
    users = User.objects.filter(is_active=True, role__in=MEETING_READERS).exclude(email="")
    for user in users.select_related("organization"):
        tasks = list(tasks_of(user, within_days=DUE_SOON_DAYS, today=today))
        if not tasks:
            continue
        language = user.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            overdue = [task for task in tasks if task.due_date < today]
            body = render_to_string(
                "meetings/email/digest.txt",
                {
                    "user": user,
                    "overdue": overdue,
                    "soon": [task for task in tasks if task.due_date >= today],
                    "link": base + reverse("meetings:task_list"),
                    "today": today,
                    "days": DUE_SOON_DAYS,
                },
            )
            subject = _("Enlace: %(count)s task(s) of the network due soon or overdue") % {
                "count": len(tasks)
            }
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        sent += 1
    return sent
