"""The bulk inserter stores exactly what `save()` would, and numbers rows after every id ever
used."""

import pytest
from django.db import IntegrityError, connection, transaction

from enlace.access.tests.shareable.models import Specimen
from enlace.core import bulk
from enlace.core.bulk import bulk_insert, insert_prepared, insert_rows, prepare_rows

pytestmark = pytest.mark.django_db


def test_rows_get_fresh_primary_keys_and_defaults():
    existing = Specimen.objects.create(owner_country_id="CR", title="first")
    with transaction.atomic():
        rows = [
            {"owner_country_id": "MX", "title": f"row {number}", "secret_name": f"Secret {number}"}
            for number in range(3)
        ]
        insert_rows(Specimen, rows)
    assert [row["id"] for row in rows] == sorted(row["id"] for row in rows)
    assert min(row["id"] for row in rows) > existing.pk
    stored = Specimen.objects.get(pk=rows[1]["id"])
    assert stored.title == "row 1" and stored.owner_country_id == "MX"
    assert stored.version == Specimen._meta.get_field("version").get_default()
    assert stored.secret_name == "Secret 1"
    with connection.cursor() as cursor:  # encrypted at rest, as save() would store it
        cursor.execute(
            f"SELECT secret_name FROM {Specimen._meta.db_table} WHERE id = %s",  # noqa: S608
            [rows[1]["id"]],
        )
        assert "Secret" not in str(cursor.fetchone()[0])


def test_instances_are_saved_and_marked_as_saved():
    objects = [Specimen(owner_country_id="CR", title=f"object {number}") for number in range(2)]
    with transaction.atomic():
        bulk_insert(objects)
    assert all(obj.pk and not obj._state.adding for obj in objects)
    assert Specimen.objects.get(pk=objects[0].pk).title == "object 0"


def test_a_deleted_last_row_keeps_its_number():
    last = Specimen.objects.create(owner_country_id="CR", title="gone")
    last_pk = last.pk
    last.delete()
    with transaction.atomic():
        rows = [{"owner_country_id": "CR", "title": "new"}]
        insert_rows(Specimen, rows)
    assert rows[0]["id"] > last_pk


def test_preparing_rows_runs_no_query_and_inserting_numbers_them(django_assert_num_queries):
    with django_assert_num_queries(0):  # import workers prepare rows without the database
        prepared = prepare_rows(
            Specimen, [{"owner_country_id": "MX", "title": "prepared", "secret_name": "Hidden"}]
        )
    assert "Hidden" not in str(prepared)  # encrypted before it leaves the worker
    with transaction.atomic():
        ids = insert_prepared(Specimen, prepared)
    stored = Specimen.objects.get(pk=ids[0])
    assert stored.title == "prepared" and stored.secret_name == "Hidden"


def test_rows_are_inserted_one_by_one_where_numbers_cannot_be_allocated(monkeypatch):
    monkeypatch.setattr(bulk, "_allocate_ids", lambda *args: None)
    existing = Specimen.objects.create(owner_country_id="CR", title="first")
    prepared = prepare_rows(
        Specimen, [{"owner_country_id": "MX", "title": f"row {number}"} for number in range(2)]
    )
    ids = insert_prepared(Specimen, prepared)
    assert len(set(ids)) == 2 and min(ids) > existing.pk
    assert [Specimen.objects.get(pk=pk).title for pk in ids] == ["row 0", "row 1"]


def test_a_refused_row_raises_djangos_integrity_error():
    existing = Specimen.objects.create(owner_country_id="CR", title="first")
    prepared = prepare_rows(
        Specimen, [{"id": existing.pk, "owner_country_id": "MX", "title": "same key"}]
    )
    with pytest.raises(IntegrityError), transaction.atomic():  # COPY on PostgreSQL too
        insert_prepared(Specimen, prepared)
    assert Specimen.objects.get(pk=existing.pk).title == "first"
