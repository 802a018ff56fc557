"""Contacts and services whose text starts with each formula trigger leave the directory's
CSV and XLSX exports inert."""

from __future__ import annotations

import pytest

from enlace.core.tests.injection import HOSTILE, assert_csv_inert, assert_xlsx_inert

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_contact_exports_are_inert(users, login, make_contact, file_format):
    for payload in HOSTILE:
        make_contact(notes=payload, position=payload, institution=payload)
    response = login(users["st"]).get(f"/directory/contacts/export.{file_format}")
    assert response.status_code == 200
    (assert_xlsx_inert if file_format == "xlsx" else assert_csv_inert)(response.content)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_service_exports_are_inert(users, login, make_service, file_format):
    for index, payload in enumerate(HOSTILE):
        make_service(
            name=f"Albergue {index}", description=payload, hours=payload, organization_name=payload
        )
    response = login(users["st"]).get(f"/directory/services/export.{file_format}")
    assert response.status_code == 200
    (assert_xlsx_inert if file_format == "xlsx" else assert_csv_inert)(response.content)
