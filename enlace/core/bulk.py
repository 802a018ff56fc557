"""Bulk insertion for large imports.

Why not only `QuerySet.bulk_create`: it compiles the INSERT statement row by row (placeholders,
`field_as_sql`, value preparation interleaved), and on the 100,000-case import benchmark that
compilation was about two thirds of the write phase. Here values are prepared first
(`prepare_rows`, `prepare_objects`: each field's `pre_save` and `get_db_prep_save`, so
encrypted fields, JSON and dates are stored exactly as `bulk_create` would store them; no
query, so worker processes can do it) and then inserted in one go (`insert_prepared`): SQLite
runs one prepared INSERT with `executemany`, PostgreSQL takes the rows by COPY.

Primary keys are allocated up front so that children can point at their parents:
- PostgreSQL: `nextval` on the column's sequence, safe under concurrency;
- SQLite: the next numbers after the table's highest id, which is safe only while this
  connection holds the write lock, i.e. inside an atomic block of a connection whose
  transactions begin IMMEDIATE (our settings). Otherwise rows are inserted one by one
  (`bulk_insert` falls back on `bulk_create`).
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db import connections, router
from django.db.models import Model
from django.utils import timezone


@contextmanager
def large_write_cache(using: str = "default", mebibytes: int = 256):
    """On SQLite, a page cache big enough for the indexes a large import grows (the default
    2 MiB makes every insert re-read index pages); restored afterwards. Elsewhere a no-op."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = {-1024 * int(mebibytes)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def _allocate_ids(connection, model: type[Model], count: int) -> list[int] | None:
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        if connection.vendor == "sqlite":
            immediate = (
                connection.settings_dict.get("OPTIONS", {}).get("transaction_mode") == "IMMEDIATE"
            )
            if not (immediate and connection.in_atomic_block):
                return None
            highest = _highest_id(connection, model)
            return list(range(highest + 1, highest + 1 + count))
    return None


def _highest_id(connection, model: type[Model]) -> int:
    """SQLite: the highest primary key the table has given, so the next rows may take the
    numbers after it (only while this connection holds the write lock)."""
    table = model._meta.db_table
    quoted = connection.ops.quote_name
    with connection.cursor() as cursor:
        # identifiers come from the model's metadata, never from input
        cursor.execute(
            f"SELECT MAX({quoted(model._meta.pk.column)}) FROM {quoted(table)}"  # noqa: S608
        )
        highest = cursor.fetchone()[0] or 0
        # AUTOINCREMENT tables never reuse a number, even of a deleted row.
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        return max(highest, row[0] if row else 0)


class SqliteStage:
    """Rows staged in a SQLite file of their own and copied into the database (SQLite) in
    one `INSERT ... SELECT` per table, so that a large import holds the database's write lock
    only for the copy.

    Why a separate file: staging writes take no lock on the database, and the copy runs in
    SQLite's own code. Measured on 20,000 cases (140,000 rows, load 5 on 2 cores): the copy
    took 1.1 s where `executemany` of the same prepared rows took 2.6 s.

    Rows are numbered from 1 within the stage (`add`); `copy` shifts every number, and every
    link to a staged parent, past the table's highest id. Use `attached` around the write
    transaction (SQLite attaches and detaches only outside one)."""

    ALIAS = "enlace_stage"

    def __init__(self, models: Sequence[type[Model]]) -> None:
        handle, name = tempfile.mkstemp(prefix="enlace-stage-", suffix=".sqlite3")
        os.close(handle)
        self.path = Path(name)
        self.counts = dict.fromkeys(models, 0)
        # a scratch file: no journal, no fsync
        self.db = sqlite3.connect(name, isolation_level=None)
        self.db.execute("PRAGMA journal_mode = OFF")
        self.db.execute("PRAGMA synchronous = OFF")
        for model in models:
            columns = ", ".join(f'"{field.column}"' for field in model._meta.concrete_fields)
            self.db.execute(f'CREATE TABLE "{model._meta.db_table}" ({columns})')

    def add(self, model: type[Model], rows: list[list[Any]]) -> int:
        """Stage rows made by `prepare_rows`, numbering them (their primary key is set);
        returns the first number."""
        first = self.counts[model] + 1
        position = column_position(model, model._meta.pk.attname)
        for number, values in enumerate(rows, start=first):
            values[position] = number
        self.counts[model] += len(rows)
        fields = model._meta.concrete_fields
        self.db.execute("BEGIN")
        self.db.executemany(
            f'INSERT INTO "{model._meta.db_table}" '  # noqa: S608  identifiers from metadata
            f"VALUES ({', '.join(['?'] * len(fields))})",
            rows,
        )
        self.db.execute("COMMIT")
        return first

    def table(self, connection, model: type[Model]) -> str:
        """The staged table's name for SQL on `connection` while attached."""
        return f"{self.ALIAS}.{connection.ops.quote_name(model._meta.db_table)}"

    @contextmanager
    def attached(self, connection):
        with connection.cursor() as cursor:
            cursor.execute(f"ATTACH DATABASE %s AS {self.ALIAS}", [str(self.path)])
        try:
            yield self
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"DETACH DATABASE {self.ALIAS}")

    def copy(
        self, connection, model: type[Model], links: dict[str, type[Model]], offsets: dict
    ) -> None:
        """Copy the staged rows of `model` (inside the write transaction, parents first):
        numbers shifted by the table's highest id (kept in `offsets`), links (column ->
        parent model) by their parent's."""
        offsets[model] = offset = _highest_id(connection, model)
        if not self.counts[model]:
            return
        quoted = connection.ops.quote_name
        columns, values = [], []
        for field in model._meta.concrete_fields:
            columns.append(quoted(field.column))
            if field.primary_key:
                values.append(f"{quoted(field.column)} + {int(offset)}")
            elif field.column in links:
                values.append(f"{quoted(field.column)} + {int(offsets[links[field.column]])}")
            else:
                values.append(quoted(field.column))
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO main.{quoted(model._meta.db_table)} ({', '.join(columns)}) "  # noqa: S608
                f"SELECT {', '.join(values)} FROM {self.table(connection, model)} "
                f"ORDER BY {quoted(model._meta.pk.column)}"
            )

    def close(self) -> None:
        self.db.close()
        self.path.unlink(missing_ok=True)


def _execute_insert(connection, model: type[Model], rows: list[list[Any]]) -> None:
    meta = model._meta
    quoted = connection.ops.quote_name
    columns = ", ".join(quoted(field.column) for field in meta.concrete_fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY streams the rows in one command: the 100,000-case import took 82 s with
            # executemany's one INSERT per row, 61 s with COPY (bench/cases).
            copy_sql = f"COPY {quoted(meta.db_table)} ({columns}) FROM STDIN"
            # the driver's cursor, under Django's error translation (IntegrityError ...)
            with connection.wrap_database_errors, cursor.cursor.copy(copy_sql) as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = (
            f"INSERT INTO {quoted(meta.db_table)} ({columns}) "  # noqa: S608  metadata
            f"VALUES ({', '.join(['%s'] * len(meta.concrete_fields))})"
        )
        cursor.executemany(sql, rows)


def column_position(model: type[Model], attname: str) -> int:
    """Where a field's value sits in the rows of `prepare_rows`."""
    for position, field in enumerate(model._meta.concrete_fields):
        if field.attname == attname:
            return position
    raise LookupError(f"{model._meta.label} has no column {attname}")


def prepare_rows(
    model: type[Model], rows: list[dict[str, Any]], *, using: str | None = None
) -> list[list[Any]]:
    """Rows given as `{attname: value}` (fields left out take their defaults) as lists of
    values in column order, ready for the driver: each through `get_db_prep_save`, so
    encrypted fields, JSON and dates are stored as `bulk_create` would store them.

    It runs no query, so import workers can prepare rows in parallel (enlace.core.parallel)
    and the process holding the write lock only numbers and inserts them
    (`insert_prepared`). Primary keys stay None unless the rows give them."""
    alias = using or router.db_for_write(model)
    connection = connections[alias]
    fields = model._meta.concrete_fields
    now = timezone.now()
    defaults = {}
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            defaults[field.attname] = now
        elif field.has_default() and not callable(field.default):
            defaults[field.attname] = field.get_default()
    missing = object()
    prepared = []
    for row in rows:
        values = []
        for field in fields:
            value = row.get(field.attname, missing)
            if value is missing:
                value = (
                    defaults[field.attname] if field.attname in defaults else field.get_default()
                )
            values.append(field.get_db_prep_save(value, connection))
        prepared.append(values)
    return prepared


def prepare_objects(objects: Sequence[Model], *, using: str | None = None) -> list[list[Any]]:
    """Unsaved instances of one model as `prepare_rows` makes rows (`pre_save` included)."""
    if not objects:
        return []
    model = type(objects[0])
    connection = connections[using or router.db_for_write(model)]
    fields = model._meta.concrete_fields
    return [
        [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
        for obj in objects
    ]


def insert_prepared(
    model: type[Model], prepared: list[list[Any]], *, using: str | None = None
) -> list[Any]:
    """Insert rows made by `prepare_rows`; number those without a primary key, write the
    numbers into them and return every row's primary key."""
    if not prepared:
        return []
    alias = using or router.db_for_write(model)
    connection = connections[alias]
    position = column_position(model, model._meta.pk.attname)
    wanted = [values for values in prepared if values[position] is None]
    if wanted:
        ids = _allocate_ids(connection, model, len(wanted))
        if ids is None:
            _insert_one_by_one(connection, model, prepared, position)
            return [values[position] for values in prepared]
        for values, pk in zip(wanted, ids, strict=True):
            values[position] = pk
    _execute_insert(connection, model, prepared)
    return [values[position] for values in prepared]


def _insert_one_by_one(
    connection, model: type[Model], prepared: list[list[Any]], position: int
) -> None:
    """Where numbers cannot be allocated up front (SQLite outside a write transaction): one
    INSERT per row, the database numbering it."""
    meta = model._meta
    quoted = connection.ops.quote_name
    for values in prepared:
        columns = [
            field
            for index, field in enumerate(meta.concrete_fields)
            if index != position or values[position] is not None
        ]
        params = [
            value
            for index, value in enumerate(values)
            if index != position or values[position] is not None
        ]
        sql = (
            f"INSERT INTO {quoted(meta.db_table)} "  # noqa: S608  identifiers from metadata
            f"({', '.join(quoted(field.column) for field in columns)}) "
            f"VALUES ({', '.join(['%s'] * len(columns))})"
        )
        returning = values[position] is None and connection.features.can_return_columns_from_insert
        if returning:
            sql += f" RETURNING {quoted(meta.pk.column)}"
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            if returning:
                values[position] = cursor.fetchone()[0]
            elif values[position] is None:
                values[position] = connection.ops.last_insert_id(
                    cursor, meta.db_table, meta.pk.column
                )


def insert_rows(
    model: type[Model], rows: list[dict[str, Any]], *, using: str | None = None
) -> None:
    """Insert rows given as `{attname: value}` (fields left out take their defaults) and write
    each row's primary key into it. No model instance is built: on large imports
    `Model.__init__` alone cost a quarter of the write phase."""
    if not rows:
        return
    ids = insert_prepared(model, prepare_rows(model, rows, using=using), using=using)
    for row, pk in zip(rows, ids, strict=True):
        row[model._meta.pk.attname] = pk


def bulk_insert(objects: Sequence[Model], *, using: str | None = None) -> None:
    """Insert unsaved instances of one model and give them their primary keys.

    Related objects must already be saved (insert parents first), as with `bulk_create`;
    save signals are not sent, as with `bulk_create`."""
    if not objects:
        return
    model = type(objects[0])
    alias = using or router.db_for_write(model)
    connection = connections[alias]
    meta = model._meta
    for obj in objects:
        # copies the primary key of a parent saved after this object was built
        obj._prepare_related_fields_for_save(operation_name="bulk_insert")
    ids = _allocate_ids(connection, model, len(objects)) if meta.pk.get_default() is None else None
    if ids is None:
        model._base_manager.using(alias).bulk_create(objects, batch_size=1000)
        return
    for obj, pk in zip(objects, ids, strict=True):
        setattr(obj, meta.pk.attname, pk)
    _execute_insert(
        connection,
        model,
        [
            [
                field.get_db_prep_save(field.pre_save(obj, True), connection)
                for field in meta.concrete_fields
            ]
            for obj in objects
        ],
    )
    for obj in objects:
        obj._state.adding = False
        obj._state.db = alias
