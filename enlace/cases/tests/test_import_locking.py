"""A large import validates with no transaction open and writes in one short transaction at
the end (issue 12, finding 2: it held SQLite's write lock for the whole import)."""

from __future__ import annotations

import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from enlace.accounts.actors import CountryActor
from enlace.cases.importing import cases_import
from enlace.cases.models import Case, Person

from .test_import_export import many_cases, write_csv


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of 3 cases, validated in worker processes, so that a small file has many."""
    from enlace.cases import importing

    monkeypatch.setattr(importing, "VALIDATION_CHUNK", 3)
    monkeypatch.setattr(importing, "PARALLEL_MIN_CHUNKS", 2)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_validation_holds_no_transaction_and_writing_comes_last(tmp_path, small_chunks):
    seen = []

    def progress(percent, label):
        # what is in the database when each chunk has been validated, and whether a
        # transaction (on SQLite: the write lock) is open
        seen.append((percent, str(label), connection.in_atomic_block, Case.objects.count()))

    path = write_csv(tmp_path / "cases.csv", many_cases(20))
    report = cases_import(actor=CountryActor("MX"), path=path, file_format="csv", progress=progress)
    assert report.created == 20 and not report.errors
    *validating, writing = seen
    assert len(validating) == 7  # one per chunk of 3
    assert all(not in_atomic and count == 0 for _p, _l, in_atomic, count in validating)
    assert [percent for percent, *_rest in validating] == sorted(
        percent for percent, *_rest in validating
    )
    assert writing[0] == 100 and writing[2] is True
    assert Case.objects.count() == 20 and Person.objects.count() == 20


@pytest.mark.django_db
@settings(max_examples=8, deadline=None)
@given(
    cases=st.integers(min_value=4, max_value=15),
    data=st.data(),
)
def test_a_reference_taken_while_the_import_validated_writes_nothing(tmp_path_factory, cases, data):
    """Another write may take one of the file's references between validation and the final
    transaction: the import then reports that row and writes nothing."""
    Case.objects.filter(owner_country_id="MX").delete()
    taken_number = data.draw(st.integers(min_value=1, max_value=cases))
    rows = many_cases(cases)
    taken = rows[taken_number - 1]["reference"]
    calls = []

    def progress(percent, label):
        if not calls:  # while the first chunk is validated, someone else creates the case
            Case.objects.create(
                owner_country_id="MX",
                reference=taken,
                reporting_agency="INM",
                date_identified="2025-01-01",
                case_type="smuggling",
            )
        calls.append(percent)

    path = write_csv(tmp_path_factory.mktemp("import") / "cases.csv", rows)
    report = cases_import(actor=CountryActor("MX"), path=path, file_format="csv", progress=progress)
    assert report.created == 0
    # the row of that case (the header is row 1), and only it
    assert [(error.row, error.column) for error in report.errors] == [
        (taken_number + 1, "reference")
    ]
    assert taken in report.errors[0].message
    assert list(Case.objects.values_list("reference", flat=True)) == [taken]
    assert not Person.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_staged_cases_keep_their_children_numbers_and_pseudonyms(
    tmp_path, small_chunks, monkeypatch
):
    """SQLite stages an import in a file of its own and copies it in (outside any caller's
    transaction): children still point at their own parents, cases without a reference are
    numbered after the file's, and a pseudonym already stored is drawn again."""
    from enlace.cases import services

    stored = Case.objects.create(
        owner_country_id="MX",
        reference="MX-2024-00001",
        reporting_agency="INM",
        date_identified="2024-01-01",
        case_type="smuggling",
    )
    Person.objects.create(case=stored, role="smuggled_migrant", pseudonym="M-TAKEN00000")
    draws = iter(["M-TAKEN00000", "M-TAKEN00000"])
    real = services.new_pseudonym
    monkeypatch.setattr(services, "new_pseudonym", lambda role: next(draws, None) or real(role))
    rows = [*many_cases(10), {**many_cases(1, start=11)[0], "reference": ""}]
    path = write_csv(tmp_path / "cases.csv", rows)
    expected = services.CaseStage if connection.vendor == "sqlite" else services.CaseSpool
    stage = services.cases_stage()
    stage.close()
    assert type(stage) is expected
    report = cases_import(actor=CountryActor("MX"), path=path, file_format="csv")
    assert report.created == 11 and not report.errors
    pseudonyms = list(Person.objects.values_list("pseudonym", flat=True))
    assert len(pseudonyms) == len(set(pseudonyms)) == 12
    for number in range(1, 12):
        # the case without a reference in the file is the 11th: numbered after the file's
        case = Case.objects.get(reference=f"MX-2025-{number:05d}")
        person = case.persons.get()
        assert person.given_names == f"Persona {number}"
        assert person.phones.get().number == "+50495551234"
        assert person.documents.get().number == f"H{number}"
        used = case.documents_used.get()
        assert used.person == person and used.number == f"H{number}"
        assert [leg.to_country_id for leg in case.route.order_by("sequence")] == ["GT", "MX"]
    # numbers continue after the table's highest, and the next plain insert after them
    later = Case.objects.create(
        owner_country_id="MX",
        reference="MX-2024-00002",
        reporting_agency="INM",
        date_identified="2024-01-01",
        case_type="smuggling",
    )
    assert later.pk == max(Case.objects.exclude(pk=later.pk).values_list("pk", flat=True)) + 1
