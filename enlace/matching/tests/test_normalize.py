"""Normalization: one normal form per written name, and normalizing twice changes nothing."""

from hypothesis import given
from hypothesis import strategies as st

from enlace.matching.normalize import normalize_text, tokens


def test_accents_case_and_punctuation():
    assert normalize_text("José Guadalupe HERNÁNDEZ-Ulloa") == "jose guadalupe hernandez ulloa"
    assert normalize_text("Peña") == "pena"  # as passports write it
    assert normalize_text("O'Brien") == normalize_text("OBrien") == "obrien"
    assert normalize_text("O\u2019Brien") == "obrien"  # typographic apostrophe
    assert normalize_text("  J.  Guadalupe ,") == "j guadalupe"
    assert normalize_text("") == ""


def test_other_scripts_are_transliterated():
    assert normalize_text("Мария Иванова") == "mariya ivanova"
    assert normalize_text("Nguyễn Văn An") == "nguyen van an"
    # one syllable per character, so a Chinese name gives one word per character
    assert tokens("王伟") == ["wang", "wei"]


@given(st.text())
def test_normalization_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(st.text())
def test_normal_form_alphabet(text):
    once = normalize_text(text)
    assert set(once) <= set("abcdefghijklmnopqrstuvwxyz0123456789 ")
    assert once == once.strip()
    assert "  " not in once


def test_any_whitespace_separates_words():
    assert normalize_text("ana\u0085maria\u2003lopez\tgarcia") == "ana maria lopez garcia"
    assert normalize_text("JOSÉ\u00a0PÉREZ") == normalize_text("Jose Perez")


_NAME_WORDS = st.sampled_from(
    [
        "José",
        "JOSE",
        "María",
        "del",
        "Carmen",
        "de",
        "la",
        "Cruz",
        "y",
        "Pérez-Reverte",
        "O'Brien",
        "J.",
        "Mc",
        "Donald",
        "San",
        "Martín",
        "Ñañez",
        "Мария",
        "王伟",
        "Al-Hassan",
        "van",
        "Der",
        "-",
        ".",
        "Guadalupe",
        "Ulloa",
        "Lopez,",
        "St",
        "Mary",
    ]
)


@given(st.lists(_NAME_WORDS, max_size=6).map(" ".join))
def test_the_word_cache_reads_fields_as_the_full_parse_does(text):
    """The fast path (names._plain_units, word by word) and the full parse agree on every
    field the fast path accepts, for given names, surnames and full names alike."""
    from enlace.matching import names

    assert names.given_units(text) == names._parsed_given_units(text)
    assert names.surname_readings(text) == names._parsed_surname_readings(text)
    assert names.full_name_units(text) == names._parsed_full_name_units(text)
