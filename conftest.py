"""The shared test base: users of two member states (CR, MX), the Technical Secretariat, an
observer (IOM), civil society (RROCM), national administrators, auditors and the platform
administrator, plus clients logged in with a verified second factor."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from enlace.accounts.choices import Role
from enlace.accounts.tests.factories import totp_device, user_for

USERS = {
    "cr_liaison": (Role.LIAISON, "CR-NLO"),
    "mx_liaison": (Role.LIAISON, "MX-NLO"),
    "cr_admin": (Role.NATIONAL_ADMIN, "CR-NLO"),
    "mx_admin": (Role.NATIONAL_ADMIN, "MX-NLO"),
    "st": (Role.SECRETARIAT, "ST"),
    "observer": (Role.OBSERVER, "IOM"),
    "civil_society": (Role.CIVIL_SOCIETY, "RROCM"),
    "cr_auditor": (Role.AUDITOR, "CR-NLO"),
    "regional_auditor": (Role.AUDITOR, "ST"),
    "sysadmin": (Role.SYSADMIN, "ST"),
}


@pytest.fixture
def users(db):
    """One user per key of USERS, created on first use."""
    return {
        key: user_for(role, organization, key.replace("_", "-"))
        for key, (role, organization) in USERS.items()
    }


def verified_client(user) -> Client:
    """A client whose session passed both login steps (password and TOTP)."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
    session.save()
    return client


@pytest.fixture
def login():
    return verified_client


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttling and lockout counters live in the cache: no test inherits another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, and on PostgreSQL no session left on it at the end: a
    connection a live-server thread or a finished worker still holds would keep the database
    from being dropped ("being accessed by other users")."""
    yield
    with django_db_blocker.unblock():
        from django.db import connection

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
