"""Reading names: given names and surnames, particles, compounds, word order, hypocorisms."""

import csv
import io
from importlib import resources

import pytest

from enlace.matching.names import (
    ParsedName,
    formal_names,
    hypocorism_pairs,
    parse_full_name,
    parse_name,
    unit_info,
)


def readings(*args, **kwargs):
    return [(reading.given, reading.surnames) for reading in parse_name(*args, **kwargs)]


def test_split_fields():
    assert readings("José Guadalupe", "Hernández Ulloa") == [
        (("jose", "guadalupe"), ("hernandez", "ulloa"))
    ]


@pytest.mark.parametrize(
    ("surnames", "expected"),
    [
        ("de la Cruz Pérez", ("de la cruz", "perez")),
        ("Pérez de León García", ("perez de leon", "garcia")),  # compound first surname
        ("García Pérez de León", ("garcia", "perez de leon")),  # compound second surname
        ("Ortega y Gasset", ("ortega y gasset",)),  # y joins two surnames into one
        ("San Martín López", ("san martin", "lopez")),  # prefixes stay with their word
        ("Pierre-Paul", ("pierre-paul",)),  # a hyphen joins
        ("Al-Hassan", ("al hassan",)),  # ... but a particle before it stays a particle
    ],
)
def test_surname_units(surnames, expected):
    assert readings("Ana", surnames)[0][1] == expected


def test_two_surnames_or_one_compound_are_both_read():
    assert readings("Juan", "Pérez de la Cruz") == [
        (("juan",), ("perez", "de la cruz")),
        (("juan",), ("perez de la cruz",)),
    ]


def test_particles_in_given_names():
    assert readings("María del Carmen", "López")[0][0] == ("maria", "del carmen")
    # the first word of a given name or a full name is never a particle
    assert readings("Ben", "Smith")[0][0] == ("ben",)
    assert parse_full_name("Ben Smith")[0].given == ("ben",)


def test_particles_and_hyphens_leave_the_core():
    assert unit_info("de la cruz").core == "cruz" == unit_info("cruz").core
    assert unit_info("san martin").core == "sanmartin"
    assert unit_info("pierre-paul").core == "pierrepaul"
    assert unit_info("al hassan").key == unit_info("hassan").key


def test_comma_means_surnames_first():
    [reading] = parse_full_name("HERNANDEZ ULLOA, JOSE GUADALUPE")
    assert reading == ParsedName(("jose", "guadalupe"), ("hernandez", "ulloa"), True)


def test_mrz_form_is_surnames_first():
    [reading] = parse_full_name("HERNANDEZ<ULLOA<<JOSE<GUADALUPE")
    assert (reading.given, reading.surnames, reading.surnames_first) == (
        ("jose", "guadalupe"),
        ("hernandez", "ulloa"),
        True,
    )


def test_three_words_are_read_both_ways_most_likely_first():
    first, second = parse_full_name("JOSE GUADALUPE HERNANDEZ")
    assert (first.given, first.surnames) == (("jose",), ("guadalupe", "hernandez"))
    assert (second.given, second.surnames) == (("jose", "guadalupe"), ("hernandez",))
    assert first.ambiguous and second.ambiguous


def test_four_words_are_two_given_names_and_two_surnames():
    [reading] = parse_full_name("JOSE GUADALUPE HERNANDEZ ULLOA")
    assert (reading.given, reading.surnames) == (("jose", "guadalupe"), ("hernandez", "ulloa"))
    assert not reading.ambiguous


def test_a_compound_surname_in_a_full_name():
    found = [
        (reading.given, reading.surnames)
        for reading in parse_full_name("JUAN PEREZ DE LEON GARCIA")
    ]
    assert (("juan",), ("perez de leon", "garcia")) in found


def test_split_fields_win_over_the_full_name():
    assert readings("Ana", "López", full_name="Pedro Pérez") == [(("ana",), ("lopez",))]
    assert readings("", "", full_name="Pedro Pérez") == [(("pedro",), ("perez",))]


def test_no_name_gives_no_reading():
    assert parse_name() == []
    assert parse_full_name("  ,  ") == []


def test_hypocorism_data_is_package_data_with_the_required_pairs():
    text = (
        resources.files("enlace.matching.data")
        .joinpath("hypocorisms.csv")
        .read_text(encoding="utf-8")
    )
    rows = list(
        csv.DictReader(
            io.StringIO("\n".join(line for line in text.splitlines() if not line.startswith("#")))
        )
    )
    assert len(rows) >= 80
    pairs = set(hypocorism_pairs())
    assert len(pairs) == len(rows), "no pair twice"
    for pair in [
        ("José", "Pepe"),
        ("José", "Chepe"),
        ("Francisco", "Paco"),
        ("Francisco", "Pancho"),
        ("Guadalupe", "Lupe"),
        ("Jesús", "Chucho"),
        ("Jesús", "Chuy"),
        ("Manuel", "Manolo"),
        ("Ignacio", "Nacho"),
        ("Enrique", "Quique"),
        ("Alejandro", "Alex"),
        ("Roberto", "Beto"),
        ("Alberto", "Beto"),
        ("Guillermo", "Memo"),
        ("Concepción", "Concha"),
        ("Dolores", "Lola"),
        ("Rosario", "Chayo"),
        ("Refugio", "Cuca"),
        ("Antonio", "Toño"),
        ("Eduardo", "Lalo"),
        ("Luis", "Lucho"),
        ("Rafael", "Rafa"),
        ("Jorge", "Coque"),
        ("Mercedes", "Meche"),
        ("Margarita", "Maggie"),
        ("William", "Bill"),
        ("Robert", "Bob"),
    ]:
        assert pair in pairs


def test_a_hypocorism_may_belong_to_several_names():
    assert {"alberto", "roberto"} <= set(formal_names("beto"))
    assert unit_info("pepe").canon >= {unit_info("jose").key}
    assert unit_info("chema").canon >= {"JOSEMARIA"}
