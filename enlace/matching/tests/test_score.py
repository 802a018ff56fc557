"""The scorer: unit levels, the fast name value, evidence weights, reasons."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enlace.matching import REASON_CODES, Identity, Reason
from enlace.matching.names import ParsedName, unit_info
from enlace.matching.score import (
    EVIDENCE_WEIGHTS,
    Evidence,
    NameScorer,
    PreparedName,
    combine,
    compare_evidence,
    compare_names,
    compare_units,
    evidence_weight,
)


@pytest.mark.parametrize(
    ("traveller", "listed", "counts", "level"),
    [
        ("hernandez", "hernandez", {}, "equal"),
        ("de la cruz", "cruz", {}, "equal"),
        ("vasquez", "vazquez", {}, "phonetic"),
        ("j", "jose", {}, "initial"),
        ("m", "jose", {}, "differ"),
        ("pepe", "jose", {}, "nickname"),
        ("mraia", "maria", {"maria": 40}, "typo"),  # the traveller's spelling is unknown
        ("mario", "maria", {"maria": 40, "mario": 30}, "similar"),  # two known names
        ("mario", "maria", {"maria": 1, "mario": 30}, "typo"),  # the list's spelling is a one-off
        ("pedro", "maria", {}, "differ"),
    ],
)
def test_unit_levels(traveller, listed, counts, level):
    assert compare_units(unit_info(traveller), unit_info(listed), True, counts) == level


def test_nicknames_count_for_given_names_only():
    assert compare_units(unit_info("pepe"), unit_info("jose"), False, {}) == "differ"


GIVEN = st.lists(
    st.sampled_from(
        [
            "jose",
            "pepe",
            "j",
            "maria",
            "mario",
            "mraia",
            "guadalupe",
            "lupe",
            "jose maria",
            "chema",
            "ana",
            "del carmen",
            "jean-pierre",
            "jean",
            "pierre",
        ]
    ),
    max_size=3,
)
SURNAMES = st.lists(
    st.sampled_from(
        [
            "hernandez",
            "ernandez",
            "ulloa",
            "uloa",
            "lopez",
            "de la cruz",
            "cruz",
            "pierre-paul",
            "pierre",
            "paul",
        ]
    ),
    max_size=2,
)
READING = st.builds(
    lambda given, surnames, ambiguous: ParsedName(
        tuple(given), tuple(surnames), ambiguous=ambiguous
    ),
    GIVEN,
    SURNAMES,
    st.booleans(),
)
COUNTS = st.dictionaries(
    st.sampled_from(["jose", "maria", "mario", "hernandez", "ulloa", "lopez", "cruz", "pierre"]),
    st.integers(min_value=1, max_value=50),
)


@settings(max_examples=400, deadline=None)
@given(READING, READING, COUNTS)
def test_the_fast_name_value_equals_compare_names(traveller, listed, counts):
    query, record = PreparedName(traveller), PreparedName(listed)
    expected = compare_names(query, record, counts)[0]
    scorer = NameScorer(counts)
    for _round in range(2):  # cold, then from the remembered unit levels
        value = scorer.value(query, query.s1, query.s2, query.ambiguous, record)
        assert value == pytest.approx(expected)
    # below what is needed the value may be cut to 0, never raised
    cut = scorer.value(query, query.s1, query.s2, query.ambiguous, record, needed=expected + 0.01)
    assert cut == 0.0 or cut == pytest.approx(expected)


def evidence(**fields) -> Evidence:
    return Evidence(Identity("X", **fields))


def test_evidence_weights_point_the_right_way():
    born = datetime.date(1979, 3, 4)
    assert evidence_weight(evidence(birth_date=born), evidence(birth_date=born)) > 2
    assert (
        evidence_weight(evidence(birth_date=born), evidence(birth_date=datetime.date(1979, 4, 3)))
        > 1
    )
    assert (
        evidence_weight(evidence(birth_date=born), evidence(birth_date=datetime.date(1979, 3, 5)))
        < 0
    )
    assert (
        evidence_weight(evidence(birth_date=born), evidence(birth_date=datetime.date(1990, 3, 4)))
        < -3
    )
    assert evidence_weight(evidence(sex="F"), evidence(sex="M")) < -1
    assert (
        evidence_weight(evidence(document_numbers=("A 1",)), evidence(document_numbers=("a1",))) > 2
    )
    # a different number of the same issuing country: mildly against, nothing more
    mild = evidence_weight(
        evidence(document_numbers=("MX:A1",)), evidence(document_numbers=("MX:B2",))
    )
    assert -1 < mild < 0
    assert (
        evidence_weight(
            evidence(document_numbers=("MX:A1",)), evidence(document_numbers=("GT:B2",))
        )
        == 0
    )
    assert evidence_weight(evidence(), evidence(birth_date=born, sex="M")) == 0


def test_the_fast_evidence_weight_equals_the_explained_one():
    born = datetime.date(1979, 3, 4)
    cases = [
        (
            evidence(birth_date=born, nationalities=("MX",), sex="M"),
            evidence(birth_date=datetime.date(1979, 4, 3), nationalities=("GT",), sex="M"),
        ),
        (evidence(birth_year=1979), evidence(birth_date=born)),
        (evidence(birth_year=1978), evidence(birth_date=born)),
        (
            evidence(document_numbers=("MX:A1",), nationalities=("MX",)),
            evidence(document_numbers=("B2",), nationalities=("MX",)),
        ),
    ]
    for traveller, listed in cases:
        weight, reasons = compare_evidence(traveller, listed)
        assert weight == evidence_weight(traveller, listed)
        assert reasons


def test_combine_stays_in_zero_one():
    assert 0 < combine(0.0, -100) < combine(0.5, 0) < combine(1.0, 100) <= 1
    assert combine(0.5, 0) == pytest.approx(0.5)
    assert set(EVIDENCE_WEIGHTS) >= {"birth_date_equal", "document_number_equal"}


def test_reason_texts():
    assert Reason("typo", "first_surname", "HERNADEZ/HERNANDEZ").text == (
        "One-letter typo in the first surname (HERNADEZ/HERNANDEZ)"
    )
    assert Reason("birth_date_equal", "birth_date").text == "Birth date is equal"
    assert all(isinstance(text, str) and text for text in REASON_CODES.values())
    for code in [
        "given_names_equal",
        "first_surname_equal",
        "second_surname_missing",
        "surnames_swapped",
        "given_name_initial",
        "given_name_nickname",
        "typo",
        "birth_date_equal",
        "birth_year_equal",
        "birth_date_day_month_swapped",
        "birth_date_differs",
        "nationality_equal",
        "nationality_differs",
        "sex_differs",
        "document_number_equal",
    ]:
        assert code in REASON_CODES
