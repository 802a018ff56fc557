"""The Spanish-aware phonetic key: spellings that sound the same meet, names that differ don't."""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enlace.matching.phonetic import joined_key, phonetic_key

SAME = [
    ("vasquez", "basques"),  # b/v, s/z, qu
    ("vazquez", "vasquez"),
    ("jimenez", "gimenez"),  # g before e/i is j
    ("ximenez", "jimenez"),  # the x of Mexican names is a j
    ("mexia", "mejia"),
    ("xavier", "javier"),
    ("hernandez", "ernandes"),  # silent h
    ("jhon", "john"),
    ("gonzalez", "gonsales"),  # seseo
    ("cecilia", "sesilia"),
    ("castillo", "castiyo"),  # yeísmo
    ("yolanda", "llolanda"),
    ("quique", "kike"),  # qu/k
    ("christian", "cristian"),
    ("isabel", "ysabel"),  # vowel y
    ("guerrero", "guerero"),  # double letters
    ("guillermo", "guiyermo"),
    ("ambrosio", "anbrosio"),
    ("jonathan", "jonatan"),
    ("ruth", "rut"),
    ("josephina", "josefina"),
]
DIFFERENT = [
    ("maria", "mario"),  # vowels are kept: different people
    ("ana", "ena"),
    ("fernandez", "hernandez"),
    ("huang", "wang"),  # two Chinese surnames
    ("zhu", "su"),
    ("zheng", "zeng"),
]


@pytest.mark.parametrize(("one", "other"), SAME)
def test_spellings_that_sound_alike_share_a_key(one, other):
    assert phonetic_key(one) == phonetic_key(other)


@pytest.mark.parametrize(("one", "other"), DIFFERENT)
def test_different_names_keep_different_keys(one, other):
    assert phonetic_key(one) != phonetic_key(other)


def test_joined_key_writes_a_doubled_letter_once():
    assert joined_key(["JEAN", "NIKOLAS"]) == "JEANIKOLAS"
    assert joined_key(["PIERE", "PAUL"]) == "PIEREPAUL"
    assert joined_key([]) == ""


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=20))
def test_key_is_capitals_without_doubled_letters(word):
    key = phonetic_key(word)
    assert key and key == key.upper()
    assert all(first != second for first, second in itertools.pairwise(key))
