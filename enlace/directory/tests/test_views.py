"""Pages: who opens what, filters and search, forms, stale edits, confirmation buttons, the
competencies matrix, confidential addresses."""

from datetime import date, timedelta

import pytest
from django.utils import translation
from django.utils.html import escape

from enlace.access.services import StaleVersionError
from enlace.directory.models import Competency, Contact, Service

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode()


def test_civil_society_sees_services_only(users, login, cr_contact, make_service, make_competency):
    service = make_service()
    make_competency()
    client = login(users["civil_society"])
    assert client.get("/directory/services/").status_code == 200
    assert client.get(f"/directory/services/{service.pk}/").status_code == 200
    assert client.get("/directory/").status_code == 403
    assert client.get(f"/directory/contacts/{cr_contact.pk}/").status_code == 403
    assert client.get("/directory/competencies/").status_code == 403
    assert client.get("/directory/services/new/").status_code == 403
    home = _text(client.get("/"))
    assert "/directory/services/" in home and 'href="/directory/"' not in home


@pytest.mark.parametrize("user_key", ["cr_auditor", "regional_auditor", "sysadmin"])
def test_auditors_and_the_platform_administrator_have_no_access(
    users, login, cr_contact, make_service, user_key
):
    client = login(users[user_key])
    for path in (
        "/directory/",
        "/directory/services/",
        "/directory/competencies/",
        f"/directory/contacts/{cr_contact.pk}/",
    ):
        assert client.get(path).status_code == 403, path


@pytest.mark.parametrize("user_key", ["cr_liaison", "mx_admin", "st", "observer"])
def test_network_roles_read_the_whole_directory(users, login, cr_contact, mx_contact, user_key):
    page = _text(login(users[user_key]).get("/directory/"))
    assert "Ana Solano Mora" in page and "Jorge Hernández Ruiz" in page
    detail = _text(login(users[user_key]).get(f"/directory/contacts/{mx_contact.pk}/"))
    assert "+522001234567" in detail and "Instituto Nacional de Migración" in detail


def test_edit_buttons_only_for_the_contacts_country_and_the_st(users, login, cr_contact):
    edit = f"/directory/contacts/{cr_contact.pk}/edit/"
    assert edit in _text(login(users["cr_admin"]).get(f"/directory/contacts/{cr_contact.pk}/"))
    assert edit in _text(login(users["st"]).get(f"/directory/contacts/{cr_contact.pk}/"))
    for key in ("mx_liaison", "observer"):
        page = _text(login(users[key]).get(f"/directory/contacts/{cr_contact.pk}/"))
        assert edit not in page and "Confirm still current" not in page
    assert login(users["mx_liaison"]).get(edit).status_code == 403
    assert login(users["mx_liaison"]).post(edit, {"given_names": "X"}).status_code == 403
    assert login(users["observer"]).get(edit).status_code == 403
    assert Contact.objects.get().given_names == "Ana"


def test_contact_filters_and_accent_blind_search(
    users, login, cr_contact, mx_contact, make_contact
):
    stale = make_contact(
        given_names="Rodrigo",
        surnames="Alfaro Brenes",
        network_roles=["alternate"],
        institution="Organismo de Investigación Judicial",
    )
    Contact.objects.filter(pk=stale.pk).update(last_confirmed=date.today() - timedelta(days=300))
    client = login(users["observer"])

    def names(**params):
        page = _text(client.get("/directory/", params))
        return {
            name
            for name in ("Ana Solano Mora", "Jorge Hernández Ruiz", "Rodrigo Alfaro Brenes")
            if name in page
        }

    assert names() == {"Ana Solano Mora", "Jorge Hernández Ruiz", "Rodrigo Alfaro Brenes"}
    assert names(country="MX") == {"Jorge Hernández Ruiz"}
    assert names(network_role="alternate") == {"Rodrigo Alfaro Brenes"}
    assert names(network_role="liaison_officer") == {"Ana Solano Mora", "Jorge Hernández Ruiz"}
    assert names(to_confirm="on") == {"Rodrigo Alfaro Brenes"}
    assert names(search="hernandez") == {"Jorge Hernández Ruiz"}
    assert names(search="investigacion judicial") == {"Rodrigo Alfaro Brenes"}
    assert names(search="oficina nacional de enlace de mexico") == {"Jorge Hernández Ruiz"}
    assert names(country="CR", to_confirm="on") == {"Rodrigo Alfaro Brenes"}
    flagged = _text(client.get("/directory/", {"to_confirm": "on"}))
    assert flagged.count('class="badge text-bg-warning"') == 1


def _contact_form(**overrides) -> dict:
    data = {
        "given_names": "Silvia",
        "surnames": "Araya Quesada",
        "country": "CR",
        "organization": "CR-NLO",
        "institution": "Patronato Nacional de la Infancia",
        "position": "Coordinadora",
        "network_roles": ["repatriation_liaison"],
        "email": "silvia@example.invalid",
        "phones": "2212 3456\n+1 201 555 0123",
        "languages": ["es", "en"],
        "notes": "",
        "user": "",
    }
    data.update(overrides)
    return data


def test_a_liaison_officer_adds_a_contact_of_her_country(users, login):
    client = login(users["cr_liaison"])
    form = _text(client.get("/directory/contacts/new/"))
    assert 'value="CR"' in form and 'value="MX"' not in form  # only her country
    response = client.post("/directory/contacts/new/", _contact_form())
    contact = Contact.objects.get()
    assert response.status_code == 302 and response["Location"] == (
        f"/directory/contacts/{contact.pk}/"
    )
    assert contact.phones == ["+50622123456", "+12015550123"]
    assert contact.network_roles == ["repatriation_liaison"]
    assert contact.created_by == users["cr_liaison"]
    refused = client.post(
        "/directory/contacts/new/", _contact_form(country="MX", organization="MX-NLO")
    )
    assert refused.status_code == 400 and Contact.objects.count() == 1


def test_form_errors_are_shown_on_their_fields(users, login):
    response = login(users["st"]).post("/directory/contacts/new/", _contact_form(phones="12"))
    assert response.status_code == 400
    page = _text(response)
    assert "invalid-feedback" in page and "id_phones_errors" in page
    assert not Contact.objects.exists()


def test_a_stale_edit_is_refused_with_a_message_and_the_input_kept(users, login, cr_contact):
    first = login(users["cr_liaison"])
    second = login(users["cr_admin"])
    edit = f"/directory/contacts/{cr_contact.pk}/edit/"
    assert 'name="version" value="1"' in _text(first.get(edit))
    assert 'name="version" value="1"' in _text(second.get(edit))
    assert (
        first.post(
            edit,
            _contact_form(given_names="Ana", surnames="Solano Mora", position="Primera", version=1),
        ).status_code
        == 302
    )
    stale = second.post(
        edit,
        _contact_form(
            given_names="Ana", surnames="Solano Mora", position="Segunda versión", version=1
        ),
    )
    assert stale.status_code == 409
    page = _text(stale)
    assert "Segunda versión" in page  # what she typed is still on the page
    with translation.override("es"):
        message = StaleVersionError().messages[0]
    assert escape(message) in page
    stored = Contact.objects.get()
    assert stored.position == "Primera" and stored.version == 2


def test_an_edit_without_a_version_is_refused(users, login, cr_contact):
    response = login(users["st"]).post(
        f"/directory/contacts/{cr_contact.pk}/edit/", _contact_form()
    )
    assert response.status_code == 400 and Contact.objects.get().version == 1


def test_the_confirm_button(users, login, cr_contact):
    Contact.objects.filter(pk=cr_contact.pk).update(last_confirmed=date(2020, 1, 1))
    client = login(users["cr_admin"])
    detail = _text(client.get(f"/directory/contacts/{cr_contact.pk}/"))
    assert 'data-testid="to-confirm"' in detail
    response = client.post(f"/directory/contacts/{cr_contact.pk}/confirm/", {"version": 1})
    assert response.status_code == 302
    assert Contact.objects.get().last_confirmed == date.today()
    detail = _text(client.get(f"/directory/contacts/{cr_contact.pk}/"))
    assert 'data-testid="to-confirm"' not in detail
    assert (
        login(users["mx_liaison"])
        .post(f"/directory/contacts/{cr_contact.pk}/confirm/", {"version": 1})
        .status_code
        == 403
    )
    assert client.get(f"/directory/contacts/{cr_contact.pk}/confirm/").status_code == 405


def test_the_confirm_button_with_htmx_swaps_the_badge(users, login, cr_contact):
    Contact.objects.filter(pk=cr_contact.pk).update(last_confirmed=date(2020, 1, 1))
    client = login(users["cr_liaison"])
    listing = _text(client.get("/directory/", {"to_confirm": "on"}))
    assert f'hx-post="/directory/contacts/{cr_contact.pk}/confirm/"' in listing
    response = client.post(
        f"/directory/contacts/{cr_contact.pk}/confirm/",
        {"version": 1},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200 and 'role="status"' in _text(response)
    stale = client.post(
        f"/directory/contacts/{cr_contact.pk}/confirm/",
        {"version": 7},
        headers={"HX-Request": "true"},
    )
    assert stale.status_code == 409 and 'role="alert"' in _text(stale)


def test_deleting_asks_first_then_refuses_a_stale_version(users, login, cr_contact):
    client = login(users["cr_liaison"])
    path = f"/directory/contacts/{cr_contact.pk}/delete/"
    assert client.get(path).status_code == 200 and Contact.objects.exists()
    assert client.post(path, {"version": 5}).status_code == 302
    assert Contact.objects.exists()
    assert client.post(path, {"version": 1})["Location"] == "/directory/"
    assert not Contact.objects.exists()


def test_service_filters(users, login, make_service):
    make_service(name="Albergue Esperanza")
    make_service(
        name="Asesoría Legal Migrante",
        kind="legal_aid",
        country="MX",
        phone="+522001234567",
        populations=["men", "lgbti"],
        languages=["es", "en"],
    )
    make_service(name="Clínica del Norte", kind="health", populations=["families"])
    client = login(users["civil_society"])

    def names(**params):
        page = _text(client.get("/directory/services/", params))
        return {
            name
            for name in ("Albergue Esperanza", "Asesoría Legal Migrante", "Clínica del Norte")
            if name in page
        }

    assert names() == {"Albergue Esperanza", "Asesoría Legal Migrante", "Clínica del Norte"}
    assert names(country="MX") == {"Asesoría Legal Migrante"}
    assert names(kind="health") == {"Clínica del Norte"}
    assert names(population="lgbti") == {"Asesoría Legal Migrante"}
    assert names(population="children") == {"Albergue Esperanza"}
    assert names(language="en") == {"Asesoría Legal Migrante"}
    assert names(search="asesoria") == {"Asesoría Legal Migrante"}
    assert names(country="CR", kind="shelter") == {"Albergue Esperanza"}


def test_a_confidential_address_is_kept_from_civil_society(users, login, make_service):
    service = make_service(address_confidential=True)
    public = _text(login(users["civil_society"]).get(f"/directory/services/{service.pk}/"))
    assert "Calle 5, avenida 3" not in public and 'data-testid="address-withheld"' in public
    assert "+50622123456" in public
    network = _text(login(users["mx_liaison"]).get(f"/directory/services/{service.pk}/"))
    assert "Calle 5, avenida 3" in network


def test_a_service_is_created_and_edited_through_the_forms(users, login):
    client = login(users["cr_admin"])
    data = {
        "name": "Albergue Nuevo",
        "organization_name": "Fundación X",
        "kind": "shelter",
        "description": "",
        "country": "CR",
        "city": "Limón",
        "address": "Barrio Centro",
        "address_confidential": "on",
        "phone": "2212 3456",
        "email": "",
        "website": "albergue.example.org",
        "populations": ["women"],
        "languages": ["es"],
        "capacity": "12",
        "capacity_unit": "beds",
        "hours": "24 horas",
    }
    assert client.post("/directory/services/new/", data).status_code == 302
    service = Service.objects.get()
    assert service.phone == "+50622123456" and service.address_confidential
    assert service.website == "https://albergue.example.org"
    missing_unit = client.post(
        f"/directory/services/{service.pk}/edit/", {**data, "capacity_unit": "", "version": 1}
    )
    assert missing_unit.status_code == 400
    assert (
        client.post(
            f"/directory/services/{service.pk}/edit/",
            {**data, "capacity": "", "capacity_unit": "", "version": 1},
        ).status_code
        == 302
    )
    service.refresh_from_db()
    assert service.capacity is None and service.version == 2
    assert (
        login(users["mx_admin"]).get(f"/directory/services/{service.pk}/edit/").status_code == 403
    )


def test_the_competency_matrix(users, login, make_competency):
    make_competency()
    make_competency(institution="Fiscalía Adjunta contra la Trata", competency="prosecution")
    make_competency(
        country="MX",
        institution="Fiscalía General de la República",
        competency="prosecution",
        note="FEVIMTRA",
    )
    page = _text(login(users["observer"]).get("/directory/competencies/"))
    row = page.split('id="competency-prosecution"')[1].split("</tr>")[0]
    cells = row.split("<td>")[1:]
    # columns are the member states in the order of their Spanish names
    from enlace.core.models import Country

    columns = list(
        Country.objects.filter(member_state=True).order_by("name_es").values_list("iso2", flat=True)
    )
    assert "Fiscalía Adjunta contra la Trata" in cells[columns.index("CR")]
    assert "Fiscalía General de la República" in cells[columns.index("MX")]
    assert "FEVIMTRA" in cells[columns.index("MX")]
    assert all(
        "Fiscalía" not in cell
        for position, cell in enumerate(cells)
        if columns[position] not in {"CR", "MX"}
    )
    assert (
        "Organismo de Investigación Judicial"
        in page.split('id="competency-investigation"')[1].split("</tr>")[0]
    )
    assert "/directory/competencies/new/" not in page  # observers read only


def test_competency_rows_are_created_and_edited_by_their_country(users, login, make_competency):
    entry = make_competency()
    client = login(users["cr_liaison"])
    matrix = _text(client.get("/directory/competencies/"))
    assert f"/directory/competencies/{entry.pk}/edit/" in matrix
    assert (
        client.post(
            "/directory/competencies/new/",
            {
                "country": "CR",
                "competency": "repatriation",
                "institution": "Patronato Nacional de la Infancia",
                "note": "",
            },
        ).status_code
        == 302
    )
    duplicate = client.post(
        "/directory/competencies/new/",
        {
            "country": "CR",
            "competency": "repatriation",
            "institution": "Patronato Nacional de la Infancia",
            "note": "",
        },
    )
    assert duplicate.status_code == 400 and Competency.objects.count() == 2
    assert (
        client.post(
            f"/directory/competencies/{entry.pk}/edit/",
            {
                "country": "CR",
                "competency": "investigation",
                "institution": entry.institution,
                "note": "Ley 8720",
                "version": 1,
            },
        ).status_code
        == 302
    )
    assert Competency.objects.get(pk=entry.pk).note == "Ley 8720"
    mexico = login(users["mx_liaison"])
    assert f"/directory/competencies/{entry.pk}/edit/" not in _text(
        mexico.get("/directory/competencies/")
    )
    assert mexico.get(f"/directory/competencies/{entry.pk}/edit/").status_code == 403


def test_navigation_lists_the_directory_for_the_roles_that_read_it(users, login):
    liaison = _text(login(users["cr_liaison"]).get("/"))
    assert 'href="/directory/"' in liaison and 'href="/directory/competencies/"' in liaison
    auditor = _text(login(users["cr_auditor"]).get("/"))
    assert "/directory/" not in auditor


def test_the_form_offers_her_countrys_users_and_organizations(users, login, cr_contact):
    client = login(users["cr_liaison"])
    page = _text(client.get("/directory/contacts/new/"))
    assert f"({users['cr_admin'].username})" in page
    assert f"({users['mx_admin'].username})" not in page
    assert 'value="IOM"' in page and 'value="CR-NLO" selected' in page
    assert 'value="MX-NLO"' not in page
    edit = f"/directory/contacts/{cr_contact.pk}/edit/"
    response = client.post(edit, _contact_form(user=users["cr_admin"].pk, version=1))
    assert response.status_code == 302
    assert Contact.objects.get().user == users["cr_admin"]
    page = _text(client.get(edit))
    assert f'value="{users["cr_admin"].pk}" selected' in page
    # the person herself may now confirm her entry
    confirmed = login(users["cr_admin"]).post(
        f"/directory/contacts/{cr_contact.pk}/confirm/", {"version": 2}
    )
    assert confirmed.status_code == 302
