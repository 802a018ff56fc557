"""Encryption at rest: values are unreadable in the database, bound to their column,
tamper-evident, rotatable; blind indexes find exact identifiers without decrypting."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection

from enlace.access.tests.shareable.models import Specimen
from enlace.core import crypto


def raw_row(pk):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT secret_name, secret_birth_date FROM {Specimen._meta.db_table} "  # noqa: S608
            "WHERE id = %s",
            [pk],
        )
        return cursor.fetchone()


@pytest.mark.django_db
def test_values_are_encrypted_in_the_database_and_readable_through_the_orm():
    specimen = Specimen.objects.create(
        owner_country_id="CR",
        title="t",
        secret_name="María José Pérez Gómez",
        secret_birth_date=date(2009, 2, 28),
    )
    name, birth = raw_row(specimen.pk)
    assert "Pérez" not in name and "2009" not in birth
    assert name.startswith("e1:t1:") and birth.startswith("e1:t1:")
    again = Specimen.objects.get(pk=specimen.pk)
    assert again.secret_name == "María José Pérez Gómez"
    assert again.secret_birth_date == date(2009, 2, 28)


@pytest.mark.django_db
def test_empty_values_stay_empty():
    specimen = Specimen.objects.create(owner_country_id="CR", title="t")
    assert raw_row(specimen.pk) == ("", None)
    assert Specimen.objects.get(pk=specimen.pk).secret_birth_date is None


def test_same_plaintext_gives_different_ciphertexts(settings):
    first = crypto.encrypt("A123", context="x.y.z")
    assert first != crypto.encrypt("A123", context="x.y.z")
    assert crypto.decrypt(first, context="x.y.z") == "A123"


def test_a_ciphertext_moved_to_another_column_does_not_decrypt():
    token = crypto.encrypt("secret", context="cases.person.given_names")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token, context="cases.person.surnames")


def test_tampering_is_detected():
    import base64

    token = crypto.encrypt("secret", context="c")
    prefix, key_id, payload = token.split(":", 2)
    raw = bytearray(base64.b64decode(payload))
    raw[-1] ^= 1
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(f"{prefix}:{key_id}:{base64.b64encode(bytes(raw)).decode()}", context="c")


@pytest.mark.django_db
def test_rotation_old_keys_decrypt_and_reencrypt_moves_to_the_active_key(settings):
    # written under the old key t0 ...
    settings.ENLACE_KEYS = (
        "t0:QmFzZTY0LWVuY29kZWQtMzItYnl0ZS10ZXN0LWtleSE=,"
        "t1:2q5H3mWQz0oX8m1cG0m3S3a9xkqgS8yC5Gm3rU0Fq0Y="
    )
    crypto.keyring.cache_clear()
    specimen = Specimen.objects.create(owner_country_id="CR", title="t", secret_name="Ana")
    assert raw_row(specimen.pk)[0].startswith("e1:t0:")
    # ... then t1 becomes active: old values still read, and reencrypt moves them
    settings.ENLACE_KEYS = (
        "t1:2q5H3mWQz0oX8m1cG0m3S3a9xkqgS8yC5Gm3rU0Fq0Y=,"
        "t0:QmFzZTY0LWVuY29kZWQtMzItYnl0ZS10ZXN0LWtleSE="
    )
    crypto.keyring.cache_clear()
    assert Specimen.objects.get(pk=specimen.pk).secret_name == "Ana"
    call_command("keys", "reencrypt")
    assert raw_row(specimen.pk)[0].startswith("e1:t1:")
    # with the old key gone the value still reads
    settings.ENLACE_KEYS = "t1:2q5H3mWQz0oX8m1cG0m3S3a9xkqgS8yC5Gm3rU0Fq0Y="
    crypto.keyring.cache_clear()
    assert Specimen.objects.get(pk=specimen.pk).secret_name == "Ana"


@pytest.fixture(autouse=True)
def _fresh_keyring():
    crypto.keyring.cache_clear()
    yield
    crypto.keyring.cache_clear()


def test_blind_index_is_keyed_normalised_and_purpose_bound(settings):
    first = crypto.blind_index("A12-345 678", purpose="document")
    assert first == crypto.blind_index("a12345678", purpose="document")
    assert first != crypto.blind_index("A12345679", purpose="document")
    assert first != crypto.blind_index("A12345678", purpose="phone")
    settings.ENLACE_INDEX_KEY = "b3RoZXItaW5kZXgta2V5LWZvci10ZXN0cy0zMmJ5dGU="
    crypto.keyring.cache_clear()
    assert crypto.blind_index("A12345678", purpose="document") != first


@pytest.mark.django_db
def test_exact_search_through_the_blind_index():
    Specimen.objects.create(
        owner_country_id="CR",
        title="t",
        document_index=crypto.blind_index("P0123456", purpose="document"),
    )
    found = Specimen.objects.filter(
        document_index=crypto.blind_index("p-0123456", purpose="document")
    )
    assert found.count() == 1


def test_new_key_line_is_a_usable_key():
    line = crypto.new_key_line("k9")
    key_id, _, encoded = line.partition(":")
    assert key_id == "k9" and len(crypto._decode_key(key_id, encoded)) == 32


def test_production_refuses_generated_keys(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.ENLACE_KEYS = ""
    settings.ENLACE_KEY_FILE = None
    settings.ENLACE_ALLOW_GENERATED_KEYS = False
    with pytest.raises(ImproperlyConfigured):
        crypto.keyring()
