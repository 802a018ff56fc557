"""Searching the watchlist: every perturbation kind, the evidence, the API around search."""

import datetime
import itertools
import pickle
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enlace.matching import DEFAULT_THRESHOLD, REASON_CODES, Identity, Match, WatchlistIndex

BORN = datetime.date(1979, 3, 4)

LISTED = Identity(
    "W1",
    "José Guadalupe",
    "Hernández Ulloa",
    birth_date=BORN,
    nationalities=("MX",),
    sex="M",
    document_numbers=("G12345678",),
)
# People a careless matcher would confuse with W1: same surnames, same given name with
# another surname, a different second surname.
DISTRACTORS = [
    Identity("W2", "Juan Carlos", "Hernández Ulloa", birth_date=datetime.date(1985, 1, 2)),
    Identity("W3", "José Guadalupe", "Hernández López", birth_date=datetime.date(1990, 5, 6)),
    Identity("W4", "María", "Ulloa Hernández", birth_date=datetime.date(1979, 3, 4)),
    Identity(
        "W5", "John", "Smith", birth_date=datetime.date(1970, 7, 8), sex="M", nationalities=("US",)
    ),
    Identity("W6", "Francisco", "Pérez de León García"),
    Identity("W7", "Ana", "López", aliases=("LA GÜERA GARCÍA, ANA MARÍA",)),
]


@pytest.fixture(scope="module")
def index():
    return WatchlistIndex.build([LISTED, *DISTRACTORS])


def codes(match: Match) -> set[str]:
    return {reason.code for reason in match.reasons}


def only(matches: list[Match], watchlist_id: str) -> Match:
    found = [match for match in matches if match.watchlist_id == watchlist_id]
    assert found, f"{watchlist_id} not among {[match.watchlist_id for match in matches]}"
    return found[0]


def test_the_issue_acceptance_example(index):
    traveller = Identity("T1", full_name="JOSE GUADALUPE HERNANDEZ", birth_date=BORN)
    match = only(index.search(traveller), "W1")
    assert match.score >= DEFAULT_THRESHOLD
    assert {
        "given_names_equal",
        "first_surname_equal",
        "second_surname_missing",
        "birth_date_equal",
    } <= codes(match)
    assert index.search(traveller)[0].watchlist_id == "W1"


@pytest.mark.parametrize(
    ("traveller", "expected"),
    [
        # accents removed
        (
            Identity("T", "JOSE GUADALUPE", "HERNANDEZ ULLOA"),
            {"given_names_equal", "first_surname_equal", "second_surname_equal"},
        ),
        # one typo: insert, delete, substitute, transpose, in each part
        (Identity("T", "José Guadalupe", "Hernándeaz Ulloa"), {"typo"}),
        (Identity("T", "José Guadalupe", "Hernándezz Ulloa"), {"first_surname_phonetic"}),
        (Identity("T", "José Guadalupe", "Hernádez Ulloa"), {"typo"}),
        (Identity("T", "José Guadalupe", "Hernández Ullao"), {"typo"}),
        (Identity("T", "Jsoé Guadalupe", "Hernández Ulloa"), {"typo"}),
        (Identity("T", "José Guadalupe", "Hernández Uloa"), {"typo"}),
        # surnames swapped
        (Identity("T", "José Guadalupe", "Ulloa Hernández"), {"surnames_swapped"}),
        # second surname dropped
        (Identity("T", "José Guadalupe", "Hernández"), {"second_surname_missing"}),
        # given name abbreviated to an initial
        (Identity("T", "J. Guadalupe", "Hernández Ulloa"), {"given_name_initial"}),
        # surnames first
        (Identity("T", full_name="HERNANDEZ ULLOA, JOSE GUADALUPE"), {"surnames_first_order"}),
        # nickname
        (Identity("T", "Pepe Guadalupe", "Hernández Ulloa"), {"given_name_nickname"}),
        (Identity("T", "José Lupe", "Hernández Ulloa"), {"given_name_nickname"}),
    ],
)
def test_every_perturbation_is_found_on_the_name_alone(index, traveller, expected):
    match = only(index.search(traveller), "W1")
    assert match.score >= DEFAULT_THRESHOLD
    assert expected <= codes(match)


def test_typo_reason_names_the_field(index):
    match = only(index.search(Identity("T", "José Guadalupe", "Hernádez Ulloa")), "W1")
    [typo] = [reason for reason in match.reasons if reason.code == "typo"]
    assert typo.field == "first_surname"
    assert typo.detail == "HERNADEZ/HERNANDEZ"
    assert "first surname" in typo.text


def test_nickname_reason_carries_the_pair(index):
    match = only(index.search(Identity("T", "Pepe Guadalupe", "Hernández Ulloa")), "W1")
    [nickname] = [reason for reason in match.reasons if reason.code == "given_name_nickname"]
    assert nickname.detail == "PEPE/JOSE"


def test_a_different_second_surname_is_strong_counter_evidence(index):
    matches = index.search(Identity("T", "José Guadalupe", "Hernández Mora"))
    assert not [match for match in matches if match.watchlist_id in {"W1", "W3"}]


def test_a_different_given_name_is_no_match(index):
    assert index.search(Identity("T", "Pedro", "Hernández Ulloa")) == []


def test_a_birth_date_in_another_year_sinks_even_an_equal_name(index):
    same_name = Identity("T", "José Guadalupe", "Hernández Ulloa")
    assert only(index.search(same_name), "W1").score >= 0.98
    other_year = Identity(
        "T", "José Guadalupe", "Hernández Ulloa", birth_date=datetime.date(1991, 3, 4)
    )
    assert not [match for match in index.search(other_year) if match.watchlist_id == "W1"]
    low = index.search(other_year, threshold=0.05)
    assert "birth_date_differs" in codes(only(low, "W1"))


def test_an_equal_birth_date_lifts_a_weak_name(index):
    # two differences at once (initial and a dropped surname) stay under the threshold alone
    weak = Identity("T", "J. Guadalupe", "Hernández")
    assert not [match for match in index.search(weak) if match.watchlist_id == "W1"]
    dated = Identity("T", "J. Guadalupe", "Hernández", birth_date=BORN)
    match = only(index.search(dated), "W1")
    assert {"given_name_initial", "second_surname_missing", "birth_date_equal"} <= codes(match)


def test_birth_date_with_day_and_month_swapped(index):
    swapped = Identity("T", "José Guadalupe", "Hernández", birth_date=datetime.date(1979, 4, 3))
    match = only(index.search(swapped), "W1")
    assert "birth_date_day_month_swapped" in codes(match)
    plain = only(index.search(Identity("T", "José Guadalupe", "Hernández")), "W1")
    assert match.score > plain.score


def test_birth_year_only():
    listed = WatchlistIndex.build([Identity("W", "Ana", "Pérez López", birth_year=1980)])
    same = listed.search(Identity("T", "Ana", "Pérez López", birth_date=datetime.date(1980, 6, 1)))
    assert "birth_year_equal" in codes(same[0])
    other = listed.search(Identity("T", "Ana", "Pérez López", birth_year=1960), threshold=0.01)
    assert "birth_year_differs" in codes(other[0])
    assert other[0].score < same[0].score


def test_absent_data_is_neutral(index):
    """Missing birth date, nationality, sex or documents on either side neither lift nor sink."""
    bare = only(index.search(Identity("T", "José Guadalupe", "Hernández")), "W1")
    unlisted = WatchlistIndex.build([Identity("W1", "José Guadalupe", "Hernández Ulloa")])
    dated = unlisted.search(
        Identity(
            "T",
            "José Guadalupe",
            "Hernández",
            birth_date=BORN,
            nationalities=("MX",),
            sex="M",
            document_numbers=("X1",),
        )
    )
    assert dated[0].score == pytest.approx(bare.score)
    assert not codes(dated[0]) & {
        "birth_date_equal",
        "nationality_equal",
        "sex_equal",
        "document_number_equal",
        "document_number_differs",
    }


def test_nationality_and_sex(index):
    base = only(index.search(Identity("T", "José Guadalupe", "Hernández Ulloa")), "W1")
    same = only(
        index.search(
            Identity("T", "José Guadalupe", "Hernández Ulloa", nationalities=("GT", "MX"), sex="M")
        ),
        "W1",
    )
    assert {"nationality_equal", "sex_equal"} <= codes(same)
    assert same.score >= base.score
    other = index.search(
        Identity("T", "José Guadalupe", "Hernández Ulloa", nationalities=("HN",), sex="F"),
        threshold=0.01,
    )
    assert {"nationality_differs", "sex_differs"} <= codes(only(other, "W1"))
    assert only(other, "W1").score < base.score


def test_an_equal_document_number_is_strong_evidence(index):
    weak = Identity("T", "J. Guadalupe", "Hernández")
    with_document = Identity("T", "J. Guadalupe", "Hernández", document_numbers=("g-1234 5678",))
    match = only(index.search(with_document), "W1")
    assert "document_number_equal" in codes(match)
    assert not [m for m in index.search(weak) if m.watchlist_id == "W1"]


def test_a_different_document_of_the_same_country_is_only_mild_evidence(index):
    traveller = Identity(
        "T",
        "José Guadalupe",
        "Hernández Ulloa",
        nationalities=("MX",),
        document_numbers=("MX:G99999999",),
    )
    match = only(index.search(traveller), "W1")
    assert "document_number_differs" in codes(match)
    assert match.score >= DEFAULT_THRESHOLD  # still a hit: people renew passports


def test_the_document_number_finds_an_identity_under_another_name(index):
    traveller = Identity("T", "J.", "Hernández", birth_date=BORN, document_numbers=("G12345678",))
    assert only(index.search(traveller), "W1")


def test_aliases_are_indexed_as_names(index):
    match = only(index.search(Identity("T", "Ana María", "La Güera García")), "W7")
    assert "alias" in codes(match)


def test_compound_surname_and_nickname(index):
    match = only(index.search(Identity("T", "Paco", "Pérez de León García")), "W6")
    assert "given_name_nickname" in codes(match)


def test_single_surname_names_with_a_typo_or_initial(index):
    assert only(index.search(Identity("T", "Jhon", "Smith")), "W5")
    assert only(index.search(Identity("T", "John", "Smiht")), "W5")
    assert only(index.search(Identity("T", "J.", "Smith")), "W5")
    assert "given_name_nickname" in codes(
        only(index.search(Identity("T", "Johnny", "Smith")), "W5")
    )


def _known_roles() -> list[Identity]:
    """A list large enough to know which words are given names and which surnames."""
    given = ["José Luis", "José María", "Juan Guadalupe", "Guadalupe", "José Antonio", "María"]
    surnames = ["Hernández Pérez", "Ulloa Ruiz", "López Hernández", "Díaz Ulloa", "López García"]
    people = [
        Identity(f"R{number}", first, last)
        for number, (first, last) in enumerate(itertools.product(given, surnames))
    ]
    return [LISTED, *people]


def test_surnames_first_without_a_comma_when_the_list_vouches():
    traveller = Identity("T", full_name="HERNANDEZ ULLOA JOSE GUADALUPE")
    match = only(WatchlistIndex.build(_known_roles()).search(traveller), "W1")
    assert "surnames_first_order" in codes(match)
    # Even a one-entry list leans Hernández to a surname and Guadalupe to a given name: the
    # reading is searched (issue 14: manifests drop the comma; it used to need 5 uses each).
    assert only(WatchlistIndex.build([LISTED]).search(traveller), "W1").score >= DEFAULT_THRESHOLD
    # A list that uses the first word more as a given name does not read it as a surname.
    given_hernandez = [Identity(f"G{n}", "Hernández", f"Soto{n}") for n in range(2)]
    assert WatchlistIndex.build([LISTED, *given_hernandez]).search(traveller) == []


def test_readings_the_list_contradicts_are_dropped():
    index = WatchlistIndex.build(_known_roles())
    # López is only ever a surname here: "MARIA LOPEZ GARCIA" is not read as given names
    # "María López", so no listed María ... García comes up with López as a given name.
    [reading] = index._full_name_readings("MARIA LOPEZ GARCIA")
    assert reading[:2] == (("maria",), ("lopez", "garcia"))
    assert reading[3] is False  # no longer ambiguous
    match = only(index.search(Identity("T", full_name="MARIA LOPEZ GARCIA")), "R29")
    assert "full_name_ambiguous" not in codes(match)
    # the issue's example keeps the reading with Guadalupe as a given name
    readings = index._full_name_readings("JOSE GUADALUPE HERNANDEZ")
    assert [reading[:2] for reading in readings] == [(("jose", "guadalupe"), ("hernandez",))]


def test_results_are_sorted_and_limited():
    namesakes = [Identity(f"W{number:02d}", "María", "López García") for number in range(30)]
    index = WatchlistIndex.build(namesakes)
    matches = index.search(Identity("T", "María", "López"), limit=5)
    assert len(matches) == 5
    assert [match.watchlist_id for match in matches] == [f"W{n:02d}" for n in range(5)]
    assert all(0.0 <= match.score <= 1.0 for match in matches)
    assert matches == sorted(matches, key=lambda match: (-match.score, match.watchlist_id))


def test_the_threshold_is_a_parameter(index):
    traveller = Identity("T", "J. Guadalupe", "Hernández")
    assert not [m for m in index.search(traveller) if m.watchlist_id == "W1"]
    assert only(index.search(traveller, threshold=0.5), "W1")


def test_travellers_without_a_name_match_nothing(index):
    assert index.search(Identity("T")) == []
    assert index.search(Identity("T", full_name=" , ")) == []


def test_names_without_given_names_are_read_by_their_surnames_both_ways():
    listed = Identity("W", "", "Hernández Ulloa", birth_date=BORN)
    traveller = Identity("T", "José", "Hernández Ulloa", birth_date=BORN)
    forward = WatchlistIndex.build([listed]).search(traveller)
    backward = WatchlistIndex.build([traveller]).search(listed)
    assert [match.score for match in forward] == [match.score for match in backward]
    assert "given_names_absent" in codes(forward[0])
    # the surnames alone stay under the threshold without the birth date
    assert WatchlistIndex.build([listed]).search(Identity("T", "José", "Hernández Ulloa")) == []


def test_every_reason_code_is_listed(index):
    travellers = [
        Identity("T1", full_name="JOSE GUADALUPE HERNANDEZ", birth_date=BORN),
        Identity(
            "T2",
            "Pepe",
            "Ulloa Hernández",
            nationalities=("HN",),
            sex="F",
            birth_date=datetime.date(1979, 4, 3),
        ),
        Identity("T3", "J.", "Hernadez Ulloa", document_numbers=("G12345678",)),
        Identity("T4", "Ana María", "La Güera García", birth_year=1990),
    ]
    for traveller in travellers:
        for match in index.search(traveller, threshold=0.01):
            for reason in match.reasons:
                assert reason.code in REASON_CODES
                assert "{" not in reason.text


def test_search_many_in_workers_equals_one_by_one(index):
    travellers = [
        Identity(f"T{number}", given, surnames)
        for number, (given, surnames) in enumerate(
            [
                ("José Guadalupe", "Hernández"),
                ("Pedro", "Pérez"),
                ("J.", "Smith"),
                ("María", "Ulloa Hernández"),
                ("Ana", "López"),
            ]
            * 40
        )
    ]
    expected = [(traveller.id, index.search(traveller)) for traveller in travellers]
    assert list(index.search_many(travellers, workers=1)) == expected
    assert list(index.search_many(travellers, workers=2)) == expected
    # an iterator, read a chunk at a time
    assert list(index.search_many(iter(travellers), workers=2, chunk_size=37)) == expected


def test_search_many_from_two_threads_at_once_keeps_their_lists_apart():
    """Workers find their index in a global set just before forking: two threads must not
    swap it under each other."""
    first = WatchlistIndex.build([Identity("A", "Ana", "Pérez López")])
    second = WatchlistIndex.build([Identity("B", "Luis", "Gómez Díaz")])
    travellers = [Identity(f"T{n}", "Ana", "Pérez") for n in range(50)] + [
        Identity(f"U{n}", "Luis", "Gómez") for n in range(50)
    ]
    results: dict[str, list] = {}

    def screen(name: str, index: WatchlistIndex) -> None:
        results[name] = [
            (traveller_id, [match.watchlist_id for match in matches])
            for traveller_id, matches in index.search_many(travellers, workers=2)
        ]

    threads = [
        threading.Thread(target=screen, args=(name, index))
        for name, index in (("first", first), ("second", second)) * 2
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert {tuple(ids) for _id, ids in results["first"]} == {("A",), ()}
    assert {tuple(ids) for _id, ids in results["second"]} == {("B",), ()}
    assert results["first"][0] == ("T0", ["A"]) and results["first"][-1] == ("U49", [])
    assert results["second"][0] == ("T0", []) and results["second"][-1] == ("U49", ["B"])


def test_the_index_and_its_results_pickle(index):
    traveller = Identity("T", "Pepe Guadalupe", "Hernández Ulloa", birth_date=BORN)
    copy = pickle.loads(pickle.dumps(index))  # noqa: S301 - our own bytes
    assert copy.search(traveller) == index.search(traveller)
    matches = index.search(traveller)
    assert pickle.loads(pickle.dumps(matches)) == matches  # noqa: S301 - our own bytes


NAMES = st.tuples(
    st.sampled_from(["José", "Jose", "José Luis", "María", "Mario", "Ana", "J.", "Guadalupe"]),
    st.sampled_from(
        [
            "Hernández Ulloa",
            "Ulloa Hernández",
            "Hernández",
            "Hernadez Ulloa",
            "Pérez de León",
            "López García",
            "Hernández Uloa",
        ]
    ),
)


@settings(max_examples=150, deadline=None)
@given(NAMES, NAMES)
def test_scores_are_symmetric_for_plain_names(first, second):
    """Swapping the traveller and the watchlist roles gives the same score."""
    one = Identity("A", *first)
    other = Identity("B", *second)
    forward = WatchlistIndex.build([one]).search(other, threshold=0.3)
    backward = WatchlistIndex.build([other]).search(one, threshold=0.3)
    assert [round(match.score, 6) for match in forward] == [
        round(match.score, 6) for match in backward
    ]
