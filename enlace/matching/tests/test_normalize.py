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
