"""vCard 4.0 (RFC 6350) for directory contacts, written by hand: the format is small and no
vCard library is a dependency.

What the RFC asks and this module does: CRLF line ends (3.2); lines folded at 75 octets with
a space opening each continuation line, never inside a UTF-8 character (3.2); text values
escape backslash, comma, semicolon and newline (3.4), and the components of structured values
(N, ADR, ORG) are separated by bare semicolons (3.3); TEL as a `tel:` URI (6.4.1)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC

from django.utils.translation import gettext as _

from .models import Contact

MAX_LINE_OCTETS = 75
# A fixed namespace: the same contact keeps the same UID in every export, so address books
# update the card instead of adding a second one.
UID_NAMESPACE = uuid.UUID("6f0a3c1e-6b1c-4f8e-9a55-2c1d0e7b9a10")


def escape_text(value: str) -> str:
    """A TEXT value (RFC 6350 3.4): \\ , ; and newlines escaped."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def structured(*components: str) -> str:
    """A structured value: escaped components joined by semicolons."""
    return ";".join(escape_text(component) for component in components)


def fold(line: str) -> str:
    """Split a content line into physical lines of at most 75 octets (CRLF excluded)."""
    chunks: list[str] = []
    current, size = "", 0
    for character in line:
        width = len(character.encode("utf-8"))
        # continuation lines begin with one space, which counts towards their 75 octets
        limit = MAX_LINE_OCTETS if not chunks else MAX_LINE_OCTETS - 1
        if size + width > limit:
            chunks.append(current)
            current, size = "", 0
        current += character
        size += width
    chunks.append(current)
    return "\r\n ".join(chunks)


def contact_uid(contact: Contact) -> str:
    return f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, f'enlace:directory:contact:{contact.pk}')}"


def contact_vcard(contact: Contact) -> str:
    """One vCard 4.0, CRLF-terminated. Labels (roles, country) are in the active language."""
    organization = contact.organization
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "PRODID:-//CRM Enlace//Directory//ES",
        f"UID:{contact_uid(contact)}",
        "KIND:individual",
        f"FN:{escape_text(contact.full_name)}",
        f"N:{structured(contact.surnames, contact.given_names, '', '', '')}",
        f"ORG:{structured(contact.institution or str(organization))}",
    ]
    if contact.position:
        lines.append(f"TITLE:{escape_text(contact.position)}")
    roles = contact.network_role_labels()
    if roles:
        lines.append(f"ROLE:{escape_text(', '.join(roles))}")
        lines.append("CATEGORIES:" + ",".join(escape_text(role) for role in roles))
    if contact.email:
        lines.append(f"EMAIL;TYPE=work:{escape_text(contact.email)}")
    for position, phone in enumerate(contact.phones, start=1):
        preference = ";PREF=1" if position == 1 else ""
        lines.append(f'TEL;VALUE=uri;TYPE="work,voice"{preference}:tel:{phone}')
    for position, language in enumerate(contact.languages, start=1):
        lines.append(f"LANG;PREF={position}:{language}")
    lines.append(f"ADR;TYPE=work:{structured('', '', '', '', '', '', contact.country.name)}")
    notes = [contact.notes] if contact.notes else []
    notes.append(_("Network organization: %(organization)s") % {"organization": organization})
    if contact.last_confirmed:
        notes.append(_("Last confirmed: %(date)s") % {"date": contact.last_confirmed.isoformat()})
    lines.append(f"NOTE:{escape_text(chr(10).join(notes))}")
    lines.append(f"X-ENLACE-COUNTRY:{contact.country_id}")
    lines.append(f"X-ENLACE-ORGANIZATION:{escape_text(organization.code)}")
    if contact.updated_at:
        lines.append(f"REV:{contact.updated_at.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def contacts_vcards(contacts: Iterable[Contact]) -> str:
    """Several vCards, one after the other, in one .vcf file."""
    return "".join(contact_vcard(contact) for contact in contacts)
