"""Review reminders: a digest per owner country to its liaison officers, naming no one."""

from __future__ import annotations

import io
import json
from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from enlace.audit.models import Event
from enlace.screening.models import WatchlistEntry
from enlace.screening.reminders import watchlist_send_review_reminders


def test_the_digest_lists_due_entries_without_names(users, make_entry, settings):
    settings.ENLACE_BASE_URL = "https://enlace.example.org"
    owner = users["cr_liaison"]
    today = timezone.localdate()
    expiring = make_entry(owner, reference="CR-EXP", valid_until=today + timedelta(days=10))
    stale = make_entry(owner, reference="CR-OLD", first_surname="Mora")
    WatchlistEntry.objects.filter(pk=stale.pk).update(last_reviewed=today - timedelta(days=366))
    make_entry(owner, reference="CR-OK", first_surname="Soto")
    make_entry(users["mx_liaison"], reference="MX-OK")
    outcome = watchlist_send_review_reminders()
    assert outcome == {"sent": 1, "entries": 2, "countries": 1}
    [message] = mail.outbox
    assert message.to == [owner.email]
    assert "CR-EXP" in message.body and "CR-OLD" in message.body
    assert "CR-OK" not in message.body and "MX-OK" not in message.body
    assert f"https://enlace.example.org/screening/watchlist/{expiring.pk}/" in message.body
    for secret in ("José", "Hernández", "Mora", "1979", "112340567"):
        assert secret not in message.body and secret not in message.subject
    assert Event.objects.filter(action="screening.reminders_send").count() == 1
    # run again the same week: nothing new is sent
    assert watchlist_send_review_reminders()["sent"] == 0
    assert len(mail.outbox) == 1
    # a week later the entries are still due: reminded again
    assert watchlist_send_review_reminders(today=today + timedelta(days=8))["sent"] == 1


def test_the_command_and_directory_recipients(users, make_entry):
    from enlace.core.models import Organization
    from enlace.directory.services import contact_create

    contact_create(
        actor=users["st"],
        data={
            "given_names": "Ana",
            "surnames": "Solano",
            "country": "CR",
            "organization": Organization.objects.get(code="CR-NLO"),
            "network_roles": ["liaison_officer"],
            "email": "ana@example.invalid",
            "languages": ["en"],
        },
    )
    today = timezone.localdate()
    make_entry(users["cr_liaison"], valid_until=today + timedelta(days=5))
    out = io.StringIO()
    call_command("watchlist", "remind", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"sent": 1, "entries": 1, "countries": 1}
    [message] = mail.outbox
    assert message.to == ["ana@example.invalid"]
    assert message.subject.startswith("Enlace: 1 watchlist entry of Costa Rica to review")
