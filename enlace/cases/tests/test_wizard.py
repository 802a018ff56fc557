"""The case form in steps: create, edit with the version, stale edits refused."""

import pytest

from enlace.cases.models import Case

pytestmark = pytest.mark.django_db

EMPTY_FORMSET = {
    "TOTAL_FORMS": "1",
    "INITIAL_FORMS": "0",
    "MIN_NUM_FORMS": "0",
    "MAX_NUM_FORMS": "1000",
}


def formset(step, rows):
    data = {f"{step}-{key}": value for key, value in EMPTY_FORMSET.items()}
    data[f"{step}-TOTAL_FORMS"] = str(max(1, len(rows)))
    for index, row in enumerate(rows):
        data.update({f"{step}-{index}-{key}": value for key, value in row.items()})
    return data


STEPS = {
    "record": {
        "record-reporting_agency": "Policía Nacional Civil",
        "record-date_identified": "2025-06-01",
        "record-case_type": "trafficking",
        "record-status": "active",
        "record-handling_code": "H1",
        "record-summary": "Explotación laboral en fincas",
    },
    "persons": formset(
        "persons",
        [
            {
                "role": "victim",
                "given_names": "Rosa",
                "first_surname": "Cojtí",
                "sex": "F",
                "birth_date": "2010-04-04",
                "nationality": "GT",
                "phones": "+50255551234",
            }
        ],
    ),
    "route": formset(
        "route", [{"from_country": "GT", "to_country": "MX", "transport_mode": "bus"}]
    ),
    "documents": formset("documents", []),
    "context": {
        "context-exploitation_types": ["ForcedLabour"],
        "context-migrants": "0",
        "context-deaths": "0",
        "context-injuries": "0",
        "context-rescues": "0",
    },
    "justice": formset("justice", []),
    "assistance": formset("assistance", [{"assistance_type": "shelter"}]),
}


def walk(client, url, prefix, steps):
    response = None
    for step, data in steps.items():
        response = client.post(url, {f"{prefix}-current_step": step, **data})
        if response.status_code != 200 or step == list(steps)[-1]:
            break
        assert not response.context["wizard"]["form"].errors, (
            step,
            response.context["wizard"]["form"].errors,
        )
    return response


def test_create_a_case_in_steps(users, login):
    client = login(users["cr_liaison"])
    assert client.get("/cases/new/").status_code == 200
    response = walk(client, "/cases/new/", "case_create_view", STEPS)
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get()
    assert case.reference == "CR-2025-00001" and case.handling_code == "H1"
    victim = case.persons.get()
    assert victim.given_names == "Rosa" and victim.is_minor
    assert case.route.get().to_country_id == "MX"
    assert case.assistance.get().assistance_type == "shelter"


def test_a_step_with_errors_is_shown_again_with_messages(users, login):
    client = login(users["cr_liaison"])
    client.get("/cases/new/")
    bad = dict(STEPS["record"], **{"record-date_identified": "2025-02-30"})
    response = client.post("/cases/new/", {"case_create_view-current_step": "record", **bad})
    assert response.status_code == 200
    assert "date_identified" in response.context["wizard"]["form"].errors
    assert not Case.objects.exists()


def test_edit_keeps_pseudonyms_and_refuses_stale_versions(users, login):
    client = login(users["cr_liaison"])
    walk(client, "/cases/new/", "case_create_view", STEPS)
    case = Case.objects.get()
    pseudonym = case.persons.get().pseudonym
    url = f"/cases/{case.pk}/edit/"
    assert client.get(url).status_code == 200
    edited = dict(STEPS, record=dict(STEPS["record"], **{"record-summary": "Actualizado"}))
    response = walk(client, url, "case_update_view", edited)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.summary == "Actualizado" and case.version == 2
    assert case.persons.get().pseudonym == pseudonym

    # an edit that began before someone else's save is refused
    client.get(url)
    Case.objects.filter(pk=case.pk).update(version=3)
    response = walk(
        client,
        url,
        "case_update_view",
        dict(STEPS, record=dict(STEPS["record"], **{"record-summary": "Perdido"})),
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.summary == "Actualizado"


def test_recipients_and_other_roles_cannot_edit(users, login):
    client = login(users["cr_liaison"])
    walk(client, "/cases/new/", "case_create_view", STEPS)
    case = Case.objects.get()
    assert login(users["mx_liaison"]).get(f"/cases/{case.pk}/edit/").status_code == 404
    assert login(users["st"]).get("/cases/new/").status_code == 403


def test_add_an_entry_offers_one_more_empty_row_and_keeps_what_was_typed(users, login):
    client = login(users["cr_liaison"])
    client.get("/cases/new/")
    client.post("/cases/new/", {"case_create_view-current_step": "record", **STEPS["record"]})
    response = client.post(
        "/cases/new/",
        {"case_create_view-current_step": "persons", "add_entry": "1", **STEPS["persons"]},
    )
    formset = response.context["wizard"]["form"]
    assert len(formset.forms) == 2
    assert formset.forms[0]["given_names"].value() == "Rosa"
    assert response.context["wizard"]["steps"].current == "persons"
