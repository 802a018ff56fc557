"""Confirmation reminders: one message per contact to confirm (with an e-mail), one digest per
country to its national administrators, in the recipients' language, not repeated daily."""

import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from enlace.accounts.choices import Role
from enlace.accounts.tests.factories import user_for
from enlace.audit.models import Event
from enlace.directory.models import Contact
from enlace.directory.services import directory_send_confirmation_reminders

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 1)


def _stale(contact, days=200):
    Contact.objects.filter(pk=contact.pk).update(last_confirmed=TODAY - timedelta(days=days))


@pytest.fixture
def stale_contacts(users, make_contact, cr_contact, mx_contact):
    """CR: two to confirm (one without e-mail), one current. MX: one to confirm."""
    no_email = make_contact(
        given_names="Rodrigo",
        surnames="Alfaro Brenes",
        email="",
        network_roles=["alternate"],
        languages=["es"],
    )
    current = make_contact(
        given_names="Silvia", surnames="Araya Quesada", email="silvia@example.invalid"
    )
    for contact in (cr_contact, no_email, mx_contact):
        _stale(contact)
    Contact.objects.filter(pk=current.pk).update(last_confirmed=TODAY - timedelta(days=10))
    return {"cr": cr_contact, "no_email": no_email, "current": current, "mx": mx_contact}


def test_messages_to_contacts_and_digests_to_national_admins(users, stale_contacts, mailoutbox):
    users["cr_admin"].preferred_language = "en"
    users["cr_admin"].save()
    second_cr_admin = user_for(Role.NATIONAL_ADMIN, "CR-NLO", "cr-admin-2")
    second_cr_admin.preferred_language = "en"
    second_cr_admin.save()
    sent = directory_send_confirmation_reminders(today=TODAY)
    # contacts with an e-mail: CR (Ana) and MX (Jorge); digests: CR and MX
    assert sent == 4 == len(mailoutbox)
    by_recipients = {tuple(sorted(message.to)): message for message in mailoutbox}
    assert set(by_recipients) == {
        ("ana.solano@example.invalid",),
        ("jorge@example.invalid",),
        tuple(sorted([users["cr_admin"].email, second_cr_admin.email])),
        (users["mx_admin"].email,),
    }
    to_ana = by_recipients[("ana.solano@example.invalid",)]
    assert "Ana Solano Mora" in to_ana.body and "+50622123456" in to_ana.body
    assert "180" in to_ana.body
    cr_digest = by_recipients[tuple(sorted([users["cr_admin"].email, second_cr_admin.email]))]
    # the CR administrators read English; the digest lists both CR contacts to confirm
    assert "Costa Rica" in cr_digest.subject and "2" in cr_digest.subject
    assert "Ana Solano Mora" in cr_digest.body and "Rodrigo Alfaro Brenes" in cr_digest.body
    assert "Silvia" not in cr_digest.body and "Jorge" not in cr_digest.body
    assert f"/directory/contacts/{stale_contacts['cr'].pk}/" in cr_digest.body
    mx_digest = by_recipients[(users["mx_admin"].email,)]
    assert "Jorge Hernández Ruiz" in mx_digest.body and "Ana" not in mx_digest.body


@pytest.mark.parametrize(("language", "name"), [("es", "México"), ("en", "Mexico")])
def test_the_digest_is_in_the_administrators_language(
    users, stale_contacts, mailoutbox, language, name
):
    # Country names are translated by the reference data, whatever the message catalogue holds
    users["mx_admin"].preferred_language = language
    users["mx_admin"].save()
    directory_send_confirmation_reminders(today=TODAY)
    digest = next(message for message in mailoutbox if message.to == [users["mx_admin"].email])
    assert name in digest.subject and name in digest.body


def test_reminders_are_not_repeated_within_the_interval(stale_contacts, mailoutbox):
    assert directory_send_confirmation_reminders(today=TODAY) == 4
    assert directory_send_confirmation_reminders(today=TODAY + timedelta(days=1)) == 0
    assert directory_send_confirmation_reminders(today=TODAY + timedelta(days=29)) == 0
    assert directory_send_confirmation_reminders(today=TODAY + timedelta(days=30)) == 4
    assert len(mailoutbox) == 8


def test_a_confirmed_contact_gets_no_reminder(users, stale_contacts, mailoutbox):
    from enlace.directory.services import contact_confirm

    contact_confirm(users["mx_liaison"], stale_contacts["mx"], today=TODAY)
    assert directory_send_confirmation_reminders(today=TODAY) == 2  # Ana + the CR digest
    assert all("Jorge" not in message.body for message in mailoutbox)


def test_nothing_to_confirm_sends_nothing(cr_contact, mailoutbox):
    assert directory_send_confirmation_reminders() == 0
    assert mailoutbox == []
    assert not Event.objects.filter(action="directory.reminders_send").exists()


def test_sending_is_audited(stale_contacts, mailoutbox):
    directory_send_confirmation_reminders(today=TODAY)
    event = Event.objects.get(action="directory.reminders_send")
    assert event.summary.startswith("4 messages; 3 contacts due")


def test_the_command_prints_how_many_were_sent(stale_contacts, mailoutbox):
    out = StringIO()
    call_command("directory", "remind", "--date", TODAY.isoformat(), "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"sent": 4}
    out = StringIO()
    call_command("directory", "remind", "--date", TODAY.isoformat(), stdout=out)
    assert out.getvalue().strip().startswith("0 ")
