"""The labelled screening set: a watchlist, and travellers some of whom are on it, perturbed.

Every draw comes from one seeded random generator, so a seed gives the same set every time.

- People are drawn from frequency-weighted pools (pools.py): the k-th most common name of a
  pool has weight 1 / (k + q)^s (Zipf–Mandelbrot), which gives a most common Hispanic surname
  near 3% and a long tail, as in the region's civil registries. Origins mix regional Hispanic
  names with extra-regional ones; Hispanic people carry two surnames, some two given names
  (some with a particle: "María del Carmen"), some a compound surname.
- Birth dates run from 1950 to 2008, most around 1988 (triangular); nationality follows the
  origin; sex follows the given name.
- Hispanic people always carry two surnames, as the civil registries of the region write them.
  A list entry or a traveller with only one is a *perturbation* here (second surname dropped):
  such a name matches every listed person with the same given name and first surname, so only
  the birth date can tell them apart (run.py reports how often that flags non-members).
- Members are watchlist people written with one perturbation each, the kinds in equal shares:
  accents removed, one typo (insert, delete, substitute or transpose one letter in one name
  part), surnames swapped, second surname dropped, first given name as an initial,
  surnames-first order ("SURNAMES, GIVEN"), first given name as a hypocorism. Each kind is
  drawn among the people it applies to (accents need an accent, swapping needs two surnames).
- Non-members are new people from the same pools; none shares a normalized full name with any
  watchlist name (aliases included). They are not perturbed: their names are as registered.
- Travellers are written as the travel documents and manifests of the region write them: most
  with split fields, a third as one full name (given names first), half in capitals.
"""

from __future__ import annotations

import datetime
import random
import unicodedata
from dataclasses import dataclass, field
from itertools import accumulate

from pools import (
    COMPOUND_SURNAMES,
    ORIGINS,
    PARTICLE_GIVEN_FEMALE,
    PARTICLE_GIVEN_MALE,
)

from enlace.matching import Identity
from enlace.matching.names import hypocorism_pairs
from enlace.matching.normalize import normalize_text

KINDS = (
    "accents_removed",
    "typo",
    "surnames_swapped",
    "second_surname_dropped",
    "given_name_initial",
    "surnames_first",
    "nickname",
)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_FIRST_DAY = datetime.date(1950, 1, 1).toordinal()
_LAST_DAY = datetime.date(2008, 12, 31).toordinal()
_MODE_DAY = datetime.date(1988, 6, 1).toordinal()


@dataclass
class Person:
    given: list[str]
    surnames: list[str]
    sex: str
    birth_date: datetime.date
    nationality: str
    document: str = ""
    aliases: list[str] = field(default_factory=list)

    def full_name(self) -> str:
        return " ".join([*self.given, *self.surnames])


@dataclass
class LabelledSet:
    watchlist: list[Identity]
    travellers: list[Identity]  # every field
    sources: list[str]  # per traveller: the watchlist id it was made from, or ""
    kinds: list[str]  # per traveller: the perturbation kind, or ""


def _cumulative(size: int, offset: float, exponent: float) -> list[float]:
    return list(accumulate(1.0 / (rank + offset) ** exponent for rank in range(1, size + 1)))


class _Pool:
    def __init__(self, names: list[str], offset: float, exponent: float) -> None:
        self.names = list(dict.fromkeys(names))
        self.cumulative = _cumulative(len(self.names), offset, exponent)

    def draw(self, rng: random.Random) -> str:
        return rng.choices(self.names, cum_weights=self.cumulative)[0]


def _strip_accents(text: str) -> str:
    return "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.origins = []
        for name, (
            male,
            female,
            surnames,
            share,
            two_surnames,
            two_given,
            nations,
        ) in ORIGINS.items():
            surname_names = list(surnames)
            if name == "hispanic":  # compound surnames spread through the frequency ranks
                for position, compound in enumerate(COMPOUND_SURNAMES):
                    surname_names.insert(25 + position * 17, compound)
            offset = 8.0 if name == "hispanic" else 3.0
            self.origins.append(
                (
                    name,
                    share,
                    two_surnames,
                    two_given,
                    _Pool(male, 4.0, 1.0),
                    _Pool(female, 4.0, 1.0),
                    _Pool(surname_names, offset, 1.05),
                    list(nations),
                    list(accumulate(nations.values())),
                )
            )
        self.origin_cumulative = list(accumulate(origin[1] for origin in self.origins))
        self.next_document = 0

    def person(self) -> Person:
        rng = self.rng
        (
            origin,
            _share,
            two_surnames,
            two_given,
            male,
            female,
            surnames,
            nations,
            nation_weights,
        ) = rng.choices(self.origins, cum_weights=self.origin_cumulative)[0]
        sex = "F" if rng.random() < 0.5 else "M"
        pool = female if sex == "F" else male
        given = [pool.draw(rng)]
        if rng.random() < two_given:
            if origin == "hispanic" and rng.random() < 0.08:
                given.append(
                    rng.choice(PARTICLE_GIVEN_FEMALE if sex == "F" else PARTICLE_GIVEN_MALE)
                )
            else:
                second = pool.draw(rng)
                if second != given[0]:
                    given.append(second)
        names = [surnames.draw(rng)]
        if two_surnames:
            names.append(surnames.draw(rng))
        day = int(rng.triangular(_FIRST_DAY, _LAST_DAY, _MODE_DAY))
        nationality = rng.choices(nations, cum_weights=nation_weights)[0]
        return Person(given, names, sex, datetime.date.fromordinal(day), nationality)

    def document(self, space: int) -> str:
        self.next_document += 1
        # a letter and eight digits, unique within the set; spaces keep lists and travellers apart
        number = space * 10_000_000 + (self.next_document * 7_919) % 10_000_000
        return f"{_LETTERS[(self.next_document * 7) % 26].upper()}{number:08d}"[:9]


def _nicknames() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for formal, nickname in hypocorism_pairs():
        if " " not in formal:
            table.setdefault(normalize_text(formal), []).append(nickname)
    return table


def normalized_full_name(person: Person) -> str:
    return normalize_text(person.full_name())


def _typo(rng: random.Random, word: str) -> str:
    for _attempt in range(20):
        letters = list(word)
        operation = rng.choice(("insert", "delete", "substitute", "transpose"))
        position = rng.randrange(len(letters))
        if operation == "insert":
            letters.insert(position, rng.choice(_LETTERS))
        elif operation == "delete" and len(letters) > 2:
            del letters[position]
        elif operation == "substitute":
            letters[position] = rng.choice(_LETTERS)
        elif operation == "transpose" and position + 1 < len(letters):
            letters[position], letters[position + 1] = letters[position + 1], letters[position]
        candidate = "".join(letters)
        if normalize_text(candidate) != normalize_text(word):
            return candidate
    return word + rng.choice(_LETTERS)


def perturb(
    rng: random.Random, person: Person, kind: str, nicknames: dict[str, list[str]]
) -> tuple[list[str], list[str], bool] | None:
    """(given, surnames, surnames_first) written with the perturbation, or None if it does
    not apply to this person."""
    given, surnames = list(person.given), list(person.surnames)
    if kind == "accents_removed":
        if person.full_name().isascii():
            return None
        return (
            [_strip_accents(unit) for unit in given],
            [_strip_accents(unit) for unit in surnames],
            False,
        )
    if kind == "typo":
        parts = [("g", index) for index in range(len(given))] + [
            ("s", index) for index in range(len(surnames))
        ]
        side, index = rng.choice(parts)
        units = given if side == "g" else surnames
        words = units[index].split(" ")
        # the typo goes in a word that carries the name, not in a particle
        choices = [position for position, word in enumerate(words) if len(word) > 2] or [0]
        position = rng.choice(choices)
        words[position] = _typo(rng, words[position])
        units[index] = " ".join(words)
        return given, surnames, False
    if kind == "surnames_swapped":
        if len(surnames) < 2:
            return None
        return given, [surnames[1], surnames[0]], False
    if kind == "second_surname_dropped":
        if len(surnames) < 2:
            return None
        return given, [surnames[0]], False
    if kind == "given_name_initial":
        given[0] = given[0][0].upper() + "."
        return given, surnames, False
    if kind == "surnames_first":
        return given, surnames, True
    if kind == "nickname":
        for index, unit in enumerate(given):
            options = nicknames.get(normalize_text(unit))
            if options:
                given[index] = rng.choice(options)
                return given, surnames, False
        return None
    raise ValueError(kind)


def _identity(
    identifier: str,
    given: list[str],
    surnames: list[str],
    person: Person,
    document: str,
    style: str,
    surnames_first: bool,
) -> Identity:
    given_text, surname_text = " ".join(given), " ".join(surnames)
    if style.endswith("upper") or surnames_first:
        given_text, surname_text = given_text.upper(), surname_text.upper()
    common = {
        "birth_date": person.birth_date,
        "nationalities": (person.nationality,),
        "sex": person.sex,
        "document_numbers": (document,) if document else (),
    }
    if surnames_first:
        return Identity(identifier, full_name=f"{surname_text}, {given_text}", **common)
    if style.startswith("full"):
        return Identity(identifier, full_name=f"{given_text} {surname_text}", **common)
    return Identity(identifier, given_names=given_text, surnames=surname_text, **common)


def _style(rng: random.Random) -> str:
    shape = "full" if rng.random() < 0.33 else "fields"
    return f"{shape}_upper" if rng.random() < 0.5 else shape


def generate(
    watchlist_size: int, travellers: int, seed: int = 20240601, member_share: float = 0.02
) -> LabelledSet:
    generator = Generator(seed)
    rng = generator.rng
    nicknames = _nicknames()
    people: list[Person] = []
    taken: set[str] = set()
    while len(people) < watchlist_size:
        person = generator.person()
        key = normalized_full_name(person)
        if key in taken:
            continue
        taken.add(key)
        if rng.random() < 0.6:
            person.document = generator.document(1)
        if rng.random() < 0.02:  # a name used on a false document
            alias = generator.person()
            person.aliases.append(alias.full_name())
            taken.add(normalized_full_name(alias))
        people.append(person)
    watchlist = [
        Identity(
            f"W{number:06d}",
            given_names=" ".join(person.given),
            surnames=" ".join(person.surnames),
            birth_date=person.birth_date,
            nationalities=(person.nationality,),
            sex=person.sex,
            document_numbers=(person.document,) if person.document else (),
            aliases=tuple(person.aliases),
        )
        for number, person in enumerate(people)
    ]

    members = round(travellers * member_share)
    is_member = [False] * travellers
    for position in rng.sample(range(travellers), members):
        is_member[position] = True
    traveller_list: list[Identity] = []
    sources: list[str] = []
    kinds: list[str] = []
    member_number = 0
    for number in range(travellers):
        identifier = f"T{number:07d}"
        if is_member[number]:
            kind = KINDS[member_number % len(KINDS)]
            member_number += 1
            while True:
                source = rng.randrange(len(people))
                written = perturb(rng, people[source], kind, nicknames)
                if written is not None:
                    break
            person = people[source]
            document = (
                person.document if person.document and rng.random() < 0.5 else generator.document(2)
            )
            given, surnames, surnames_first = written
            traveller_list.append(
                _identity(
                    identifier, given, surnames, person, document, _style(rng), surnames_first
                )
            )
            sources.append(watchlist[source].id)
            kinds.append(kind)
            continue
        while True:
            person = generator.person()
            if normalized_full_name(person) not in taken:
                break
        traveller_list.append(
            _identity(
                identifier,
                person.given,
                person.surnames,
                person,
                generator.document(2),
                _style(rng),
                False,
            )
        )
        sources.append("")
        kinds.append("")
    return LabelledSet(watchlist, traveller_list, sources, kinds)


def name_only(identity: Identity) -> Identity:
    """The traveller with birth date and every other field removed."""
    return Identity(
        identity.id,
        given_names=identity.given_names,
        surnames=identity.surnames,
        full_name=identity.full_name,
    )
