"""One normalization of identifiers: document numbers (blind index and matcher agree on every
written variant, and the stored blind indexes do not move), phones (E.164, one set of
messages), e-mail addresses and vehicle plates."""

from __future__ import annotations

import phonenumbers
import pytest
from django.core.exceptions import ValidationError
from hypothesis import example, given
from hypothesis import strategies as st
from rest_framework import serializers

from enlace.cases.serializers import PhoneField
from enlace.core import crypto
from enlace.core.identifiers import (
    IdentifierError,
    document_key,
    document_number,
    normalize_email,
    phone_e164,
    split_document,
    vehicle_plate,
)
from enlace.core.validators import PHONE_MESSAGES, normalize_phone
from enlace.core.validators import normalize_email as validated_email
from enlace.directory import validators as directory_validators
from enlace.matching import Identity
from enlace.matching.score import Evidence
from enlace.screening.index import Traveller

ICAO = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
SEPARATORS = [" ", "-", ".", "/", "<", "  ", "\t"]
MEMBER_STATES = ["BZ", "CA", "CR", "SV", "US", "GT", "HN", "MX", "NI", "PA", "DO"]


# --- the normalizations as they were before this module (kept here as the reference) --------


def legacy_blind_index_form(value: str) -> str:
    """core.crypto.blind_index normalized this way before core.identifiers."""
    return "".join(ch for ch in value.upper() if ch.isalnum())


def legacy_matcher_split(number: str) -> tuple[str, str]:
    """matching.score.split_document_number before core.identifiers."""
    if number.isalnum():
        return "", number.upper()
    country, separator, rest = number.partition(":")
    if separator and len(country.strip()) == 2 and country.strip().isalpha():
        return country.strip().upper(), "".join(char for char in rest.upper() if char.isalnum())
    return "", "".join(char for char in number.upper() if char.isalnum())


def legacy_traveller_document(text: str) -> str:
    """screening.index._document_number before core.identifiers."""
    country, separator, number = text.partition(":")
    if separator and len(country.strip()) == 2 and country.strip().isalpha():
        text = number
    return "".join(char for char in text.upper() if char.isalnum())


# --- strategies ---------------------------------------------------------------------------

canonical_numbers = st.text(alphabet=ICAO, min_size=1, max_size=20)


@st.composite
def written(draw, canonical: str) -> str:
    """`canonical` as a person may type it: any case, separators anywhere."""
    out = []
    for char in canonical:
        if draw(st.booleans()):
            out.append(draw(st.sampled_from(SEPARATORS)))
        out.append(char.lower() if draw(st.booleans()) else char)
    if draw(st.booleans()):
        out.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(out)


@st.composite
def number_and_variant(draw):
    canonical = draw(canonical_numbers)
    return canonical, draw(written(canonical))


# --- document numbers ---------------------------------------------------------------------


@given(st.text())
def test_document_number_is_idempotent(text):
    once = document_number(text)
    assert document_number(once) == once
    assert split_document(document_key(text, "mx")) == (("MX", once) if once else ("", ""))


@given(number_and_variant())
def test_written_variants_of_one_number_give_one_form(pair):
    canonical, variant = pair
    assert document_number(variant) == canonical
    assert set(document_number(variant)) <= set(ICAO)
    assert split_document(f"mx:{variant}") == ("MX", canonical)
    assert split_document(variant) == ("", canonical) or ":" in variant
    assert document_key(variant, "cr") == f"CR:{canonical}"
    assert document_key(variant) == canonical


@given(number_and_variant(), number_and_variant())
def test_the_blind_index_and_the_matcher_agree_on_every_variant(first, second):
    (canonical, variant), (_other, other_variant) = first, second
    stored = crypto.document_index(canonical)
    assert crypto.document_index(variant) == stored
    traveller = Evidence(Identity("T", "Ana", "Ruiz", document_numbers=(f"GT:{variant}",)))
    listed = Evidence(Identity("W", "Ana", "Ruiz", document_numbers=(canonical,)))
    assert traveller.documents == listed.documents == {canonical}
    # Two numbers are one for the matcher exactly when their blind indexes are equal.
    other = Evidence(Identity("W", "Ana", "Ruiz", document_numbers=(other_variant,)))
    assert (other.documents == listed.documents) == (crypto.document_index(other_variant) == stored)


@given(number_and_variant(), st.sampled_from(["", "mx:", "GT:"]))
def test_the_false_positive_memory_keys_every_variant_alike(pair, prefix):
    canonical, variant = pair
    written_down = Traveller(given_names="Ana", surnames="Ruiz", documents=(prefix + variant,))
    assert (
        written_down.key
        == Traveller(given_names="Ana", surnames="Ruiz", documents=(canonical,)).key
    )


@given(st.text())
def test_the_canonical_form_is_the_one_the_stored_blind_indexes_were_computed_on(text):
    # Identical over any text, so no stored blind index or false-positive key moves.
    assert document_number(text) == legacy_blind_index_form(text)
    assert split_document(text)[1] == legacy_traveller_document(text)
    state, number = split_document(text)
    old_state, old_number = legacy_matcher_split(text)
    assert state == old_state
    assert number == legacy_blind_index_form(old_number)  # the matcher now reads it so too
    if legacy_blind_index_form(old_number) == old_number:
        assert number == old_number


@given(st.text())
@example("ΐ1")  # upper-cased, it gains a combining mark: the matcher used to keep it
def test_the_matcher_reads_any_number_as_the_blind_index_does(text):
    evidence = Evidence(Identity("T", "Ana", "Ruiz", document_numbers=(text,)))
    state, number = split_document(text)
    assert evidence.documents == ({number} if number else set())
    if not state:
        assert evidence.documents <= {legacy_blind_index_form(text)}


def test_blind_index_digest_is_unchanged_for_documents_and_phones():
    assert crypto.document_index("a12-345 678") == crypto.keyed_digest(
        "A12345678", purpose="document"
    )
    assert crypto.phone_index("+50622223333") == crypto.keyed_digest("50622223333", purpose="phone")
    assert crypto.blind_index("a12-345 678", purpose="document") == crypto.document_index(
        "A12345678"
    )


def test_a_prefix_that_is_not_a_state_is_part_of_the_number():
    assert split_document("ABC:123") == ("", "ABC123")
    assert split_document(" mx : g-123") == ("MX", "G123")
    assert document_key("G123", "not a state") == "G123"
    assert document_key("", "MX") == ""


# --- phones -------------------------------------------------------------------------------

FORMATS = [
    phonenumbers.PhoneNumberFormat.E164,
    phonenumbers.PhoneNumberFormat.INTERNATIONAL,
    phonenumbers.PhoneNumberFormat.NATIONAL,
    phonenumbers.PhoneNumberFormat.RFC3966,
]
NUMBER_TYPES = [phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.MOBILE]


@given(st.sampled_from(MEMBER_STATES), st.sampled_from(NUMBER_TYPES), st.sampled_from(FORMATS))
def test_national_and_international_forms_of_one_number_give_one_e164(region, kind, form):
    number = phonenumbers.example_number_for_type(region, kind)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    written_form = phonenumbers.format_number(number, form)
    assert phone_e164(written_form, region) == e164
    assert phone_e164(f"  {written_form} ", region.lower()) == e164
    if form != phonenumbers.PhoneNumberFormat.NATIONAL:
        assert phone_e164(written_form) == e164  # no region needed with its country code
    assert phone_e164(e164) == e164  # idempotent


invalid_phones = st.one_of(
    st.text(alphabet="abcdefghij -.", max_size=12).filter(str.strip),
    st.from_regex(r"\+506 ?[0-9]{1,3}", fullmatch=True),
    st.from_regex(r"\+1 ?555 ?[0-9]{2}", fullmatch=True),
)


@given(invalid_phones)
def test_an_invalid_phone_gets_the_one_message_everywhere(text):
    with pytest.raises(IdentifierError) as problem:
        phone_e164(text)
    assert problem.value.code in PHONE_MESSAGES
    expected = str(PHONE_MESSAGES[problem.value.code] % {"value": problem.value.value})
    with pytest.raises(ValidationError) as core_error:
        normalize_phone(text)
    with pytest.raises(ValidationError) as directory_error:
        directory_validators.normalize_phone(text)
    with pytest.raises(serializers.ValidationError) as api_error:
        PhoneField().run_validation(text)
    assert core_error.value.messages == directory_error.value.messages == [expected]
    assert [str(detail) for detail in api_error.value.detail] == [expected]


def test_the_phone_messages_are_translated():
    from django.utils import translation

    messages = {}
    for language in ("en", "es"):
        with translation.override(language), pytest.raises(ValidationError) as error:
            normalize_phone("+506 1")
        messages[language] = error.value.messages[0]
    assert messages["en"] != messages["es"]
    assert all("+506 1" in message for message in messages.values())


# --- e-mail and plates --------------------------------------------------------------------

emails = st.tuples(
    st.from_regex(r"[A-Za-z0-9%+_-]{1,6}(\.[A-Za-z0-9%+_-]{1,6})?", fullmatch=True),
    st.from_regex(r"[A-Za-z0-9]{1,10}\.[A-Za-z]{2,4}", fullmatch=True),
)


@given(emails, st.sampled_from(["", " ", "\t", "  "]))
def test_email_keeps_its_local_part_and_lower_cases_its_domain(parts, space):
    local, domain = parts
    email = normalize_email(f"{space}{local}@{domain}{space}")
    assert email == f"{local}@{domain.lower()}"
    assert normalize_email(email) == email
    assert validated_email(f"{space}{local}@{domain.upper()}") == email


def test_an_invalid_email_is_refused_by_django():
    with pytest.raises(ValidationError):
        validated_email("not an address")
    assert validated_email("  ") == ""


plates = st.text(alphabet=ICAO, min_size=1, max_size=8)


@given(plates.flatmap(lambda plate: st.tuples(st.just(plate), written(plate))))
def test_written_variants_of_one_plate_give_one_key(pair):
    plate, variant = pair
    variant = variant.replace("/", "").replace("<", "")  # not plate separators
    assert vehicle_plate(variant) == plate
    assert vehicle_plate(variant, "cr") == f"CR:{plate}"
    assert vehicle_plate(vehicle_plate(variant)) == plate
