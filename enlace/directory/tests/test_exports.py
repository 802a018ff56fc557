"""Exports read back: CSV, XLSX and vCard 4.0 give the stored values again; every export is
audited; spreadsheet formulas are defused; confidential addresses stay out of civil society's
files."""

import csv
import io

import pytest
from openpyxl import load_workbook

from enlace.audit.models import Event
from enlace.core.exporting import unneutralize
from enlace.directory.models import Contact
from enlace.directory.vcard import contact_vcard, escape_text, fold

pytestmark = pytest.mark.django_db


# --- an independent reader of what RFC 6350 says a vCard is ---------------------------------


def unfold(text: str) -> list[str]:
    """RFC 6350 3.2: CRLF followed by one space or tab continues the previous line."""
    assert "\n" not in text.replace("\r\n", ""), "bare LF in a vCard"
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def split_unescaped(value: str, separator: str) -> list[str]:
    parts, current, escaped = [], "", False
    for character in value:
        if escaped:
            current += "\\" + character
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == separator:
            parts.append(current)
            current = ""
        else:
            current += character
    parts.append(current)
    return parts


def unescape(value: str) -> str:
    out, escaped = "", False
    for character in value:
        if escaped:
            out += "\n" if character in "nN" else character
            escaped = False
        elif character == "\\":
            escaped = True
        else:
            out += character
    return out


def parse_vcards(text: str) -> list[dict[str, list[tuple[dict, str]]]]:
    cards, card = [], None
    for line in unfold(text):
        if not line:
            continue
        head, _colon, value = line.partition(":")
        name, *parameters = head.split(";")
        name = name.upper()
        if name == "BEGIN":
            card = {}
            continue
        if name == "END":
            cards.append(card)
            continue
        params = dict(parameter.split("=", 1) for parameter in parameters)
        card.setdefault(name, []).append((params, value))
    return cards


def first(card, name) -> str:
    return unescape(card[name][0][1])


# --- vCard -----------------------------------------------------------------------------------


def test_escaping_and_folding_follow_rfc_6350():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "NOTE:" + "á" * 60  # 125 octets in UTF-8
    folded = fold(line)
    physical = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in physical)
    assert all(part.startswith(" ") for part in physical[1:])
    assert "".join(part[1:] if n else part for n, part in enumerate(physical)) == line
    for part in physical:
        part.encode("utf-8").decode("utf-8")  # no character was cut in two


def test_a_contact_vcard_round_trips(cr_contact):
    Contact.objects.filter(pk=cr_contact.pk).update(
        notes="Línea 1, con coma; y punto y coma\nLínea 2 \\ barra " + "x" * 80
    )
    contact = Contact.objects.get(pk=cr_contact.pk)
    text = contact_vcard(contact)
    assert text.endswith("\r\n") and all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    [card] = parse_vcards(text)
    assert first(card, "VERSION") == "4.0"
    assert first(card, "FN") == "Ana Solano Mora"
    family, given, *_rest = [unescape(part) for part in split_unescaped(card["N"][0][1], ";")]
    assert (family, given) == ("Solano Mora", "Ana")
    assert first(card, "ORG") == "Dirección General de Migración y Extranjería"
    assert first(card, "TITLE") == "Jefa de la Unidad contra la Trata"
    assert first(card, "EMAIL") == "ana.solano@example.invalid"
    phones = [(params, value) for params, value in card["TEL"]]
    assert [value for _params, value in phones] == ["tel:+50622123456", "tel:+50622123457"]
    assert phones[0][0].get("PREF") == "1" and phones[0][0]["VALUE"] == "uri"
    assert [value for _params, value in card["LANG"]] == ["es", "en"]
    assert first(card, "NOTE").startswith(contact.notes)
    assert first(card, "X-ENLACE-COUNTRY") == "CR"
    categories = [unescape(part) for part in split_unescaped(card["CATEGORIES"][0][1], ",")]
    assert len(categories) == 2  # liaison officer, repatriation liaison
    assert first(card, "UID").startswith("urn:uuid:")


def test_the_uid_is_stable_across_exports(cr_contact, mx_contact):
    assert (
        contact_vcard(cr_contact).split("UID:")[1][:45]
        == contact_vcard(Contact.objects.get(pk=cr_contact.pk)).split("UID:")[1][:45]
    )
    assert (
        parse_vcards(contact_vcard(cr_contact))[0]["UID"]
        != parse_vcards(contact_vcard(mx_contact))[0]["UID"]
    )


def test_the_vcf_download_holds_every_listed_contact_and_is_audited(
    users, login, cr_contact, mx_contact
):
    response = login(users["observer"]).get("/directory/contacts/export.vcf")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/vcard")
    cards = parse_vcards(response.content.decode())
    assert sorted(first(card, "FN") for card in cards) == [
        "Ana Solano Mora",
        "Jorge Hernández Ruiz",
    ]
    filtered = login(users["observer"]).get("/directory/contacts/export.vcf", {"country": "MX"})
    assert [first(card, "FN") for card in parse_vcards(filtered.content.decode())] == [
        "Jorge Hernández Ruiz"
    ]
    one = login(users["cr_liaison"]).get(f"/directory/contacts/{mx_contact.pk}/vcard.vcf")
    assert [first(card, "FN") for card in parse_vcards(one.content.decode())] == [
        "Jorge Hernández Ruiz"
    ]
    events = Event.objects.filter(action="directory.contacts_export").order_by("sequence")
    assert [event.summary for event in events] == [
        "2 contacts as vcf",
        "1 contacts as vcf",
        "1 contacts as vcf",
    ]


# --- CSV and XLSX ----------------------------------------------------------------------------


def _csv_rows(content: bytes, raw: bool = False) -> list[dict]:
    """The rows as Enlace's importers read them (one apostrophe before a formula trigger,
    the export's guard, dropped), or as they are in the file."""
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheet programs need
    read = (lambda value: value) if raw else unneutralize
    return [
        {key: read(value) for key, value in row.items()}
        for row in csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    ]


def _xlsx_rows(content: bytes) -> list[dict]:
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _expected_contact(contact: Contact) -> dict:
    return {
        "country": contact.country_id,
        "given_names": contact.given_names,
        "surnames": contact.surnames,
        "organization": contact.organization.code,
        "institution": contact.institution,
        "position": contact.position,
        "network_roles": contact.network_roles,
        "email": contact.email,
        "phones": contact.phones,
        "languages": contact.languages,
        "notes": contact.notes,
        "last_confirmed": contact.last_confirmed.isoformat(),
    }


def _as_values(row: dict) -> dict:
    lists = {"network_roles", "phones", "languages"}
    return {
        key: (
            [item for item in (row[key] or "").split("; ") if item]
            if key in lists
            else row[key] or ""
        )
        for key in (
            "country",
            "given_names",
            "surnames",
            "organization",
            "institution",
            "position",
            "network_roles",
            "email",
            "phones",
            "languages",
            "notes",
            "last_confirmed",
        )
    }


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_contacts_round_trip(users, login, cr_contact, mx_contact, file_format):
    response = login(users["st"]).get(f"/directory/contacts/export.{file_format}")
    assert response.status_code == 200
    rows = (_csv_rows if file_format == "csv" else _xlsx_rows)(response.content)
    by_id = {int(row["id"]): row for row in rows}
    assert set(by_id) == {cr_contact.pk, mx_contact.pk}
    for contact in (cr_contact, mx_contact):
        contact = Contact.objects.get(pk=contact.pk)
        assert _as_values(by_id[contact.pk]) == _expected_contact(contact)
        assert by_id[contact.pk]["to_confirm"] == "no"
    event = Event.objects.get(action="directory.contacts_export")
    assert event.summary == f"2 contacts as {file_format}"
    assert event.actor_username == users["st"].username


def test_exports_apply_the_list_filters(users, login, cr_contact, mx_contact):
    rows = _csv_rows(
        login(users["cr_liaison"])
        .get("/directory/contacts/export.csv", {"network_role": "repatriation_liaison"})
        .content
    )
    assert [row["surnames"] for row in rows] == ["Solano Mora"]
    assert Event.objects.get(action="directory.contacts_export").summary == "1 contacts as csv"


def test_formulas_are_defused(users, login, make_contact):
    make_contact(notes='=HYPERLINK("http://evil.example","x")', position="@SUM(A1)")
    csv_row = _csv_rows(login(users["st"]).get("/directory/contacts/export.csv").content, raw=True)[
        0
    ]
    assert csv_row["notes"].startswith("'=") and csv_row["position"].startswith("'@")
    # A phone is text too: unquoted, a spreadsheet reads "+506..." as a number or a formula.
    assert csv_row["phones"] == "'+50622123456; +50622123457"
    content = login(users["st"]).get("/directory/contacts/export.xlsx").content
    sheet = load_workbook(io.BytesIO(content)).active
    header = [cell.value for cell in sheet[1]]
    notes = sheet.cell(row=2, column=header.index("notes") + 1)
    assert notes.data_type == "s" and notes.value.startswith("=HYPERLINK")


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_services_round_trip_and_hide_confidential_addresses_from_civil_society(
    users, login, make_service, file_format
):
    open_service = make_service(
        name="Clínica Jurídica",
        kind="legal_aid",
        address="Avenida 2, calle 7",
        capacity=None,
        populations=["lgbti", "men"],
        languages=["es", "en"],
    )
    shelter = make_service(address_confidential=True)
    read = _csv_rows if file_format == "csv" else _xlsx_rows
    for user_key, sees in (("st", True), ("civil_society", False)):
        response = login(users[user_key]).get(f"/directory/services/export.{file_format}")
        assert response.status_code == 200
        rows = {int(row["id"]): row for row in read(response.content)}
        assert rows[open_service.pk]["address"] == "Avenida 2, calle 7"
        assert (rows[shelter.pk]["address"] or "") == ("Calle 5, avenida 3" if sees else "")
        assert rows[open_service.pk]["populations"] == "lgbti; men"
        assert rows[open_service.pk]["languages"] == "es; en"
        assert rows[open_service.pk]["kind"] == "legal_aid"
        assert str(rows[shelter.pk]["capacity"]) == "24"
        assert rows[shelter.pk]["capacity_unit"] == "beds"
        assert rows[shelter.pk]["phone"] == "+50622123456"
    assert Event.objects.filter(action="directory.services_export").count() == 2


def test_civil_society_cannot_export_contacts(users, login, cr_contact):
    client = login(users["civil_society"])
    for suffix in ("csv", "xlsx", "vcf"):
        assert client.get(f"/directory/contacts/export.{suffix}").status_code == 403
    assert client.get(f"/directory/contacts/{cr_contact.pk}/vcard.vcf").status_code == 403
    assert not Event.objects.filter(action="directory.contacts_export").exists()
