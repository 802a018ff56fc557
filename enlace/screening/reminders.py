"""Periodic review of the watchlist: an e-mail digest to each owner country's liaison officers
listing its entries due for review (the listing ends within 30 days or has ended, or the entry
has not been reviewed for a year). `enlace watchlist remind` runs it, e.g. daily from cron.

E-mail is not an encrypted channel: digests carry references, categories and dates, never a
name, a birth date or a document number. A country gets a digest when one of its due entries
was not in a digest for ENLACE_WATCHLIST_REMINDER_INTERVAL_DAYS (7) days."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from enlace.audit.services import record_event

from .contacts import owner_contacts
from .models import WatchlistEntry
from .selectors import entries_due_for_review
from .services import EXPIRY_NOTICE_DAYS, REVIEW_DAYS

DEFAULT_REMINDER_INTERVAL_DAYS = 7


def reminder_interval_days() -> int:
    return int(
        getattr(settings, "ENLACE_WATCHLIST_REMINDER_INTERVAL_DAYS", DEFAULT_REMINDER_INTERVAL_DAYS)
    )


def _absolute(path: str) -> str:
    return getattr(settings, "ENLACE_BASE_URL", "").rstrip("/") + path


def _render(language: str, context: dict[str, Any]) -> tuple[str, str]:
    with translation.override(language):
        text = render_to_string("screening/email/review_digest.txt", context).strip()
    subject, _separator, body = text.partition("\n")
    return " ".join(subject.split()), body.strip() + "\n"


def _why(entry: WatchlistEntry, day: date) -> str:
    if entry.valid_until < day:
        return "expired"
    if (entry.valid_until - day).days <= EXPIRY_NOTICE_DAYS:
        return "expiring"
    return "not_reviewed"


def watchlist_send_review_reminders(today: date | None = None) -> dict[str, int]:
    """Send the digests due today; returns how many messages went out and for how many
    entries and countries."""
    day = today or timezone.localdate()
    due = list(entries_due_for_review(today=day).select_related("owner_country"))
    reminded_before = day - timedelta(days=reminder_interval_days())
    by_country: dict[str, list[WatchlistEntry]] = defaultdict(list)
    for entry in due:
        by_country[entry.owner_country_id].append(entry)
    messages: list[EmailMessage] = []
    listed: list[int] = []
    countries = 0
    for country_id, entries in sorted(by_country.items()):
        if all(entry.last_reminded and entry.last_reminded > reminded_before for entry in entries):
            continue
        recipients = [contact for contact in owner_contacts(country_id) if contact.email]
        if not recipients:
            continue
        countries += 1
        rows = [
            {
                "entry": entry,
                "why": _why(entry, day),
                "url": _absolute(reverse("screening:entry_detail", args=[entry.pk])),
            }
            for entry in entries
        ]
        by_language: dict[str, list[str]] = defaultdict(list)
        for contact in recipients:
            by_language[contact.language].append(contact.email)
        for language, emails in sorted(by_language.items()):
            subject, body = _render(
                language,
                {
                    "country": entries[0].owner_country,
                    "rows": rows,
                    "review_days": REVIEW_DAYS,
                    "notice_days": EXPIRY_NOTICE_DAYS,
                    "list_url": _absolute(
                        reverse("screening:entry_list")
                        + f"?owner_country={country_id}&status=review"
                    ),
                },
            )
            messages.append(EmailMessage(subject, body, to=sorted(set(emails))))
        listed.extend(entry.pk for entry in entries)
    sent = get_connection().send_messages(messages) if messages else 0
    if listed:
        for start in range(0, len(listed), 500):
            WatchlistEntry.objects.filter(pk__in=listed[start : start + 500]).update(
                last_reminded=day
            )
        record_event(
            actor=None,
            action="screening.reminders_send",
            username="system",
            summary=f"{sent or 0} messages to {countries} countries; {len(listed)} "
            f"entries due on {day.isoformat()}",
        )
    return {"sent": sent or 0, "entries": len(listed), "countries": countries}
