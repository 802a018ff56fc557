"""Database settings derived from ENLACE_DATABASE_URL."""

import pytest
from django.db import connection

from enlace.config.settings.base import database_config


def test_postgresql_connections_turn_jit_off_and_keep_options_of_the_url():
    config = database_config("postgres://enlace@db.example:5432/enlace?options=-c%20work_mem%3D8MB")
    assert config["OPTIONS"]["options"] == "-c work_mem=8MB -c jit=off"
    assert database_config("postgres://enlace@db/enlace")["OPTIONS"]["options"] == "-c jit=off"


def test_sqlite_writes_begin_immediate():
    config = database_config("sqlite:////tmp/enlace.sqlite3")
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "options" not in config["OPTIONS"]


@pytest.mark.django_db
def test_the_connection_in_use_has_the_setting():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW jit")
            assert cursor.fetchone()[0] == "off"
        else:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] in {"wal", "memory"}  # in-memory test databases
