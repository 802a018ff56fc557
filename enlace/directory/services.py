"""Writes of the directory: atomic, version-checked, audited; and the confirmation reminders.

Each entry is written by its own country (liaison officer or national administrator) or by
the Technical Secretariat (permissions.py). `data` holds model field values; foreign keys as
instances or primary keys (`country` may be a Country or "CR"). A stale `expected_version`
raises StaleVersionError: the editor reloads and applies her change again."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from enlace.access.services import StaleVersionError, bump_version
from enlace.accounts.actors import Actor
from enlace.accounts.choices import Role
from enlace.audit.services import record_event
from enlace.core.identifiers import normalize_email

from .choices import NetworkRole
from .models import Competency, Confirmable, Contact, Service, confirm_days
from .permissions import check_contact_confirm, check_country_edit
from .selectors import contacts_to_confirm
from .validators import normalize_languages, normalize_phone, normalize_phones

CONTACT_FIELDS = (
    "given_names",
    "surnames",
    "organization",
    "institution",
    "country",
    "position",
    "network_roles",
    "email",
    "phones",
    "languages",
    "notes",
    "user",
)
SERVICE_FIELDS = (
    "organization_name",
    "name",
    "description",
    "kind",
    "country",
    "city",
    "address",
    "address_confidential",
    "phone",
    "email",
    "website",
    "populations",
    "languages",
    "capacity",
    "capacity_unit",
    "hours",
)
COMPETENCY_FIELDS = ("country", "institution", "competency", "note")
DEFAULT_REMINDER_INTERVAL_DAYS = 30


def _country_id(value) -> str | None:
    if value is None or value == "":
        return None
    return getattr(value, "pk", value).upper()


def _apply(entry: models.Model, data: dict[str, Any], fields: tuple[str, ...]) -> list[str]:
    """Set the fields present in `data`; return the names of those that changed."""
    changed = []
    for name in fields:
        if name not in data:
            continue
        field = entry._meta.get_field(name)
        value = data[name]
        if field.is_relation:
            attname, value = field.attname, getattr(value, "pk", value) or None
            if name == "country" and value:
                value = value.upper()
        else:
            attname = name
        if getattr(entry, attname) != value:
            setattr(entry, attname, value)
            changed.append(name)
    return changed


def _validated(entry: Confirmable) -> None:
    """Model validation (fields, clean(), constraints) before anything is written."""
    entry.full_clean(exclude=["created_by", "search_text"])


def _actor_or_none(actor: Actor):
    return actor if getattr(actor, "pk", None) else None


# --- contacts ------------------------------------------------------------------------------


def _field_errors(field: str, function, *args):
    """Run a normalizer; its errors are reported on `field`."""
    try:
        return function(*args)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc


def _normalized_contact_data(data: dict[str, Any], country_id: str | None) -> dict[str, Any]:
    values = dict(data)
    if "phones" in values:
        values["phones"] = _field_errors(
            "phones", normalize_phones, values["phones"] or [], country_id
        )
    if "languages" in values:
        values["languages"] = _field_errors(
            "languages", normalize_languages, values["languages"] or []
        )
    if "network_roles" in values:
        # one order everywhere (the choices' order), whatever order the form sent
        given = set(values["network_roles"] or [])
        values["network_roles"] = [role for role in NetworkRole.values if role in given] + sorted(
            given - set(NetworkRole.values)
        )
    for name in ("given_names", "surnames", "institution", "position", "email"):
        if isinstance(values.get(name), str):
            values[name] = " ".join(values[name].split())
    if isinstance(values.get("email"), str):
        values["email"] = normalize_email(values["email"])
    return values


@transaction.atomic
def contact_create(*, actor: Actor, data: dict[str, Any], audit: bool = True) -> Contact:
    """A new contact of `data["country"]`, confirmed today."""
    return _entry_create(_CONTACT, actor=actor, data=data, audit=audit)


@transaction.atomic
def contact_update(
    *, actor: Actor, contact: Contact, data: dict[str, Any], expected_version: int
) -> Contact:
    """Change a contact. Saving it also confirms it current (the editor just reviewed it).
    A CR editor can neither edit a MX contact nor move a contact to MX."""
    return _entry_update(
        _CONTACT, actor=actor, entry=contact, data=data, expected_version=expected_version
    )


def _confirm(
    actor: Actor,
    entry: Confirmable,
    *,
    expected_version: int | None,
    today: date | None,
    extra: dict[str, Any] | None = None,
) -> Confirmable:
    day = today or timezone.localdate()
    rows = type(entry)._default_manager.filter(pk=entry.pk)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    # Confirming changes no content, so the version stays: an editor who opened the entry
    # before the confirmation can still save. A confirmation of a stale copy is refused.
    if not rows.update(last_confirmed=day, **(extra or {})):
        raise StaleVersionError
    entry.last_confirmed = day
    for name, value in (extra or {}).items():
        setattr(entry, name, value)
    record_event(
        actor=actor,
        action=f"directory.{entry._meta.model_name}_confirm",
        obj=entry,
        owner_country=entry.country_id,
        summary=f"{entry} confirmed {day.isoformat()}",
    )
    return entry


@transaction.atomic
def contact_confirm(
    actor: Actor,
    contact: Contact,
    *,
    expected_version: int | None = None,
    today: date | None = None,
) -> Contact:
    """ "Still current": last_confirmed becomes today. With `expected_version`, a confirmation
    made on a copy someone changed since is refused (StaleVersionError)."""
    check_contact_confirm(actor, contact)
    return _confirm(
        actor,
        contact,
        expected_version=expected_version,
        today=today,
        extra={"last_reminded": None},
    )


@transaction.atomic
def contact_delete(*, actor: Actor, contact: Contact, expected_version: int) -> None:
    _entry_delete(_CONTACT, actor=actor, entry=contact, expected_version=expected_version)


# --- services ------------------------------------------------------------------------------


def _normalized_service_data(data: dict[str, Any], country_id: str | None) -> dict[str, Any]:
    values = dict(data)
    if values.get("phone"):
        values["phone"] = _field_errors("phone", normalize_phone, values["phone"], country_id)
    if "languages" in values:
        values["languages"] = _field_errors(
            "languages", normalize_languages, values["languages"] or []
        )
    if "populations" in values:
        values["populations"] = sorted(set(values["populations"] or []))
    if values.get("capacity") is None and "capacity" in values:
        values["capacity_unit"] = ""
    return values


@transaction.atomic
def service_create(*, actor: Actor, data: dict[str, Any], audit: bool = True) -> Service:
    return _entry_create(_SERVICE, actor=actor, data=data, audit=audit)


@transaction.atomic
def service_update(
    *, actor: Actor, service: Service, data: dict[str, Any], expected_version: int
) -> Service:
    return _entry_update(
        _SERVICE, actor=actor, entry=service, data=data, expected_version=expected_version
    )


@transaction.atomic
def service_confirm(
    actor: Actor,
    service: Service,
    *,
    expected_version: int | None = None,
    today: date | None = None,
) -> Service:
    check_country_edit(actor, service.country_id)
    return _confirm(actor, service, expected_version=expected_version, today=today)


@transaction.atomic
def service_delete(*, actor: Actor, service: Service, expected_version: int) -> None:
    _entry_delete(_SERVICE, actor=actor, entry=service, expected_version=expected_version)


# --- competencies --------------------------------------------------------------------------


def _normalized_competency_data(data: dict[str, Any], _country_id: str | None) -> dict[str, Any]:
    values = dict(data)
    if isinstance(values.get("institution"), str):
        values["institution"] = " ".join(values["institution"].split())
    return values


@transaction.atomic
def competency_create(*, actor: Actor, data: dict[str, Any], audit: bool = True) -> Competency:
    return _entry_create(_COMPETENCY, actor=actor, data=data, audit=audit)


@transaction.atomic
def competency_update(
    *, actor: Actor, competency: Competency, data: dict[str, Any], expected_version: int
) -> Competency:
    return _entry_update(
        _COMPETENCY, actor=actor, entry=competency, data=data, expected_version=expected_version
    )


@transaction.atomic
def competency_confirm(
    actor: Actor,
    competency: Competency,
    *,
    expected_version: int | None = None,
    today: date | None = None,
) -> Competency:
    check_country_edit(actor, competency.country_id)
    return _confirm(actor, competency, expected_version=expected_version, today=today)


@transaction.atomic
def competency_delete(*, actor: Actor, competency: Competency, expected_version: int) -> None:
    _entry_delete(_COMPETENCY, actor=actor, entry=competency, expected_version=expected_version)


# --- the three kinds of entry, written the same way ----------------------------------------


@dataclass(frozen=True)
class _Kind:
    """How one kind of directory entry is written: its model and fields, how its data is
    normalized (given the country it will belong to) and how the audit trail names it."""

    model: type[Confirmable]
    fields: tuple[str, ...]
    normalize: Callable[[dict[str, Any], str | None], dict[str, Any]]
    describe: Callable[[Any], str]


_CONTACT = _Kind(
    Contact, CONTACT_FIELDS, _normalized_contact_data, lambda contact: contact.full_name
)
_SERVICE = _Kind(Service, SERVICE_FIELDS, _normalized_service_data, lambda service: service.name)
_COMPETENCY = _Kind(Competency, COMPETENCY_FIELDS, _normalized_competency_data, str)


def _record(kind: _Kind, verb: str, actor: Actor, entry, summary: str) -> None:
    record_event(
        actor=actor,
        action=f"directory.{kind.model._meta.model_name}_{verb}",
        obj=entry,
        owner_country=entry.country_id,
        summary=summary,
    )


def _entry_create(kind: _Kind, *, actor: Actor, data: dict[str, Any], audit: bool):
    country_id = _country_id(data.get("country"))
    check_country_edit(actor, country_id)
    entry = kind.model(created_by=_actor_or_none(actor), last_confirmed=timezone.localdate())
    _apply(entry, kind.normalize(data, country_id), kind.fields)
    _validated(entry)
    entry.save()
    if audit:
        _record(kind, "create", actor, entry, kind.describe(entry))
    return entry


def _entry_update(kind: _Kind, *, actor: Actor, entry, data: dict[str, Any], expected_version: int):
    """Saving an entry also confirms it current (the editor just reviewed it). An editor can
    neither edit another country's entry nor move one to another country."""
    check_country_edit(actor, entry.country_id)
    new_country = _country_id(data.get("country")) or entry.country_id
    check_country_edit(actor, new_country)
    changed = _apply(entry, kind.normalize(data, new_country), kind.fields)
    entry.last_confirmed = timezone.localdate()
    _validated(entry)
    bump_version(entry, expected_version)
    entry.save()
    _record(
        kind,
        "update",
        actor,
        entry,
        f"{kind.describe(entry)} v{entry.version}; changed: " + (", ".join(changed) or "nothing"),
    )
    return entry


def _entry_delete(kind: _Kind, *, actor: Actor, entry, expected_version: int) -> None:
    check_country_edit(actor, entry.country_id)
    bump_version(entry, expected_version)
    _record(kind, "delete", actor, entry, kind.describe(entry))
    entry.delete()


# --- exports -------------------------------------------------------------------------------


def directory_export(
    *, actor: Actor, what: str, file_format: str, count: int, country: str = ""
) -> None:
    """Record an export of the directory in the audit trail (`directory.<what>_export`)."""
    record_event(
        actor=actor,
        action=f"directory.{what}_export",
        owner_country=country.upper() or None,
        summary=f"{count} {what} as {file_format}",
    )


# --- confirmation reminders ----------------------------------------------------------------


def reminder_interval_days() -> int:
    """A contact already reminded is not reminded again before this many days."""
    return int(
        getattr(settings, "ENLACE_CONTACT_REMINDER_INTERVAL_DAYS", DEFAULT_REMINDER_INTERVAL_DAYS)
    )


def _absolute(path: str) -> str:
    # Without ENLACE_BASE_URL the message gives the path; the reader knows the site.
    return getattr(settings, "ENLACE_BASE_URL", "").rstrip("/") + path


def _contact_language(contact: Contact) -> str:
    if contact.user_id and contact.user.preferred_language in {"es", "en"}:
        return contact.user.preferred_language
    for language in contact.languages:
        if language in {"es", "en"}:
            return language
    return settings.LANGUAGE_CODE[:2]


def _majority_language(languages: list[str]) -> str:
    counts = Counter(language for language in languages if language in {"es", "en"})
    if not counts:
        return settings.LANGUAGE_CODE[:2]
    best = max(counts.values())
    default = settings.LANGUAGE_CODE[:2]
    return default if counts.get(default) == best else counts.most_common(1)[0][0]


def _render(template: str, language: str, context: dict[str, Any]) -> tuple[str, str]:
    """Subject (first line) and body of a message template, in `language`."""
    with translation.override(language):
        text = render_to_string(template, context).strip()
    subject, _separator, body = text.partition("\n")
    return " ".join(subject.split()), body.strip() + "\n"


def directory_send_confirmation_reminders(today: date | None = None) -> int:
    """E-mail a reminder to every contact to confirm (with an e-mail) and, per country, one
    digest to its national administrators listing the contacts to confirm. Returns how many
    messages were sent.

    A contact reminded less than ENLACE_CONTACT_REMINDER_INTERVAL_DAYS (30) ago is not
    reminded again, so the command can run daily; a country gets a digest only when one of its
    contacts is due."""
    from enlace.accounts.selectors import mail_recipients

    day = today or timezone.localdate()
    stale = list(contacts_to_confirm(today=day))
    reminded_before = day - timedelta(days=reminder_interval_days())
    due = [
        contact
        for contact in stale
        if contact.last_reminded is None or contact.last_reminded <= reminded_before
    ]
    messages: list[EmailMessage] = []
    for contact in due:
        if not contact.email:
            continue
        subject, body = _render(
            "directory/email/contact_reminder.txt",
            _contact_language(contact),
            {
                "contact": contact,
                "days": confirm_days(),
                "url": _absolute(reverse("directory:contact_detail", args=[contact.pk])),
            },
        )
        messages.append(EmailMessage(subject, body, to=[contact.email]))
    due_countries = sorted({contact.country_id for contact in due})
    for country_id in due_countries:
        admins = list(mail_recipients(Role.NATIONAL_ADMIN, country=country_id))
        if not admins:
            continue
        listed = [contact for contact in stale if contact.country_id == country_id]
        subject, body = _render(
            "directory/email/country_digest.txt",
            _majority_language([admin.preferred_language for admin in admins]),
            {
                "country": listed[0].country,
                "contacts": [
                    (contact, _absolute(reverse("directory:contact_detail", args=[contact.pk])))
                    for contact in listed
                ],
                "days": confirm_days(),
                "list_url": _absolute(
                    reverse("directory:contact_list") + f"?country={country_id}&to_confirm=on"
                ),
            },
        )
        messages.append(EmailMessage(subject, body, to=[admin.email for admin in admins]))
    sent = get_connection().send_messages(messages) if messages else 0
    if due:
        Contact.objects.filter(pk__in=[contact.pk for contact in due]).update(last_reminded=day)
        record_event(
            actor=None,
            action="directory.reminders_send",
            username="system",
            summary=f"{sent} messages; {len(due)} contacts due; "
            f"{len(stale)} to confirm on {day.isoformat()}",
        )
    return sent or 0
