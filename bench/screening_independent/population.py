"""A labelled screening population drawn from one independent source (sources.py).

People:
- origin by `ORIGINS` share, then a country pool by its share; sex half and half; given names
  and surnames drawn by their weights (Zipf over the published order).
- Hispanic people carry two surnames, except 7% who carry one (one registered parent); 40%
  carry two given names. Everyone else carries one family name, some two given names.
- Birth dates from 1950 to 2008, most around 1988; nationality of the pool.

Members are listed people written with ONE change each, the kinds in equal shares among the
people a kind applies to (KINDS below). The changes are written here, from general rules of
how names vary in the region's documents and from lists compiled apart from the engine
(hypocorisms_es.csv, the `nicknames` package for English names); none comes from
`enlace.matching`.

Non-members are other people from the same pools whose normalized full name equals no listed
name. A share of them still equals a listed name once a second surname is dropped on either
side: that is the set's *inherent ambiguity* (see `inherent_ambiguity`).

Travellers are written as documents and manifests write them: most in split fields, a third as
one full name given names first, half of all in capitals without accents.
"""

from __future__ import annotations

import csv
import datetime
import random
import unicodedata
from dataclasses import dataclass, replace
from itertools import accumulate
from pathlib import Path

from sources import Pool

HERE = Path(__file__).resolve().parent

KINDS = (
    "capitals_no_accents",
    "typo",
    "surnames_swapped",
    "second_surname_dropped",  # the traveller writes one surname, the list two
    "second_surname_added",  # the list knows one surname, the traveller writes two
    "second_given_dropped",
    "given_name_initial",
    "surnames_first_comma",
    "surnames_first_no_comma",
    "mrz",
    "hypocorism",
    "diminutive",
    "transliteration",
)

_FIRST_DAY = datetime.date(1950, 1, 1).toordinal()
_LAST_DAY = datetime.date(2008, 12, 31).toordinal()
_MODE_DAY = datetime.date(1988, 6, 1).toordinal()
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Person:
    id: str
    given: tuple[str, ...]
    surnames: tuple[str, ...]
    sex: str
    birth_date: datetime.date
    nationality: str
    hispanic: bool
    origin: str


@dataclass(frozen=True)
class Written:
    """A person as one file writes her: split fields or one full name."""

    id: str
    given_names: str = ""
    surnames: str = ""
    full_name: str = ""
    birth_date: str = ""
    nationality: str = ""
    sex: str = ""


def plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def key(text: str) -> str:
    return " ".join(plain(text).lower().replace("-", " ").split())


# --- name variants, written apart from the engine ----------------------------------------


def _hypocorisms() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    with (HERE / "hypocorisms_es.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row in rows:
            table[key(row["name"])] = row["variants"].split(";")
    return table


def _english_nicknames():
    from nicknames import NickNamer

    namer = NickNamer()
    return lambda name: sorted(namer.nicknames_of(name.lower()))


def diminutive(name: str) -> str | None:
    """-ito/-ita/-cito/-cita as Spanish forms them: Pedro→Pedrito, Ana→Anita, Juan→Juancito,
    Ramón→Ramoncito, Diego→Dieguito, Francisco→Francisquito, Miguel→Miguelito."""
    if len(name) < 3 or " " in name:
        return None
    stem = plain(name)
    lower = stem.lower()
    if lower.endswith(("co", "ca")):
        return stem[:-2] + ("quito" if lower.endswith("o") else "quita")
    if lower.endswith(("go", "ga")):
        return stem[:-2] + ("guito" if lower.endswith("o") else "guita")
    if lower.endswith("o"):
        return stem[:-1] + "ito"
    if lower.endswith("a"):
        return stem[:-1] + "ita"
    if lower.endswith(("n", "r")):
        return stem + "cito"
    if lower.endswith(("l", "s")):
        return stem + "ito"
    return None


# Respellings of names of Arabic, South Asian, Chinese and African origin as different clerks
# write them in Latin letters (Spanish-speaking clerks above all).
_RESPELL = (
    ("kh", "j"),
    ("sh", "ch"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ph", "f"),
    ("q", "k"),
    ("dh", "d"),
    ("th", "t"),
    ("aa", "a"),
    ("w", "u"),
    ("y", "i"),
    ("mm", "m"),
    ("x", "j"),
    ("z", "s"),
)
_MUHAMMAD = ("Muhammad", "Mohammed", "Mohamed", "Mohamad", "Mohammad", "Mahomed")


def transliteration(name: str) -> str | None:
    if plain(name).title() in _MUHAMMAD:
        return next(form for form in _MUHAMMAD if form != plain(name).title())
    lower = name.lower()
    for old, new in _RESPELL:
        if old in lower:
            position = lower.index(old)
            changed = name[:position] + new + name[position + len(old) :]
            return changed[0].upper() + changed[1:]
    return None


def typo(name: str, rng: random.Random) -> str:
    letters = list(name)
    position = rng.randrange(1, len(letters) - 1)
    action = rng.choice(("insert", "delete", "substitute", "transpose"))
    if action == "insert":
        letters.insert(position, rng.choice(_LETTERS))
    elif action == "delete":
        del letters[position]
    elif action == "substitute":
        letters[position] = rng.choice(_LETTERS.replace(letters[position].lower(), ""))
    else:
        letters[position], letters[position + 1] = letters[position + 1], letters[position]
    return "".join(letters)


# --- drawing people ------------------------------------------------------------------------


class Drawer:
    def __init__(self, pools: list[Pool], rng: random.Random):
        self.rng = rng
        self.pools = pools
        self.pool_weights = list(accumulate(pool.share for pool in pools))
        self._cum = {}
        for pool in pools:
            for sex, names in pool.given.items():
                self._cum[id(pool), sex] = (names, list(accumulate(w for _n, w in names)))
            self._cum[id(pool), "S"] = (
                pool.surnames,
                list(accumulate(w for _n, w in pool.surnames)),
            )
        self.count = 0

    def _pick(self, pool: Pool, what: str) -> str:
        names, weights = self._cum[id(pool), what]
        return self.rng.choices(names, cum_weights=weights)[0][0]

    def person(self, prefix: str) -> Person:
        rng = self.rng
        pool = rng.choices(self.pools, cum_weights=self.pool_weights)[0]
        sex = rng.choice("MF")
        given = [self._pick(pool, sex)]
        if rng.random() < (0.4 if pool.hispanic else 0.15):
            second = self._pick(pool, sex)
            if key(second) != key(given[0]):
                given.append(second)
        surnames = [self._pick(pool, "S")]
        if pool.hispanic and rng.random() >= 0.07:
            second = self._pick(pool, "S")
            surnames.append(second)
        day = int(rng.triangular(_FIRST_DAY, _LAST_DAY, _MODE_DAY))
        self.count += 1
        return Person(
            f"{prefix}{self.count}",
            tuple(given),
            tuple(surnames),
            sex,
            datetime.date.fromordinal(day),
            pool.nationalities[0],
            pool.hispanic,
            pool.origin,
        )


def full_key(person: Person) -> str:
    return key(" ".join(person.given + person.surnames))


# --- writing people ------------------------------------------------------------------------


def _capitals(text: str) -> str:
    return plain(text).upper()


def write(
    person: Person, rng: random.Random, *, given=None, surnames=None, style: str | None = None
) -> Written:
    """`person` as a file writes her, with her name parts possibly changed."""
    given = list(person.given if given is None else given)
    surnames = list(person.surnames if surnames is None else surnames)
    common = {
        "birth_date": person.birth_date.isoformat(),
        "nationality": person.nationality,
        "sex": person.sex,
    }
    style = (
        style
        or rng.choices(("split", "full", "split_caps", "full_caps"), weights=(3, 1.5, 3, 1.5))[0]
    )
    given_text, surname_text = " ".join(given), " ".join(surnames)
    if style.endswith("caps"):
        given_text, surname_text = _capitals(given_text), _capitals(surname_text)
    if style.startswith("split"):
        return Written(person.id, given_names=given_text, surnames=surname_text, **common)
    if style == "surnames_first_comma":
        return Written(
            person.id, full_name=f"{_capitals(surname_text)}, {_capitals(given_text)}", **common
        )
    if style == "surnames_first_no_comma":
        return Written(
            person.id, full_name=f"{_capitals(surname_text)} {_capitals(given_text)}", **common
        )
    if style == "mrz":

        def mrz(parts):
            return "<".join(_capitals(part).replace(" ", "<").replace("-", "<") for part in parts)

        return Written(person.id, full_name=f"{mrz(surnames)}<<{mrz(given)}", **common)
    return Written(person.id, full_name=f"{given_text} {surname_text}", **common)


class Perturber:
    """One change of KINDS to a listed person, or None where the kind does not apply."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.hypocorisms = _hypocorisms()
        self.english = _english_nicknames()

    def apply(self, kind: str, person: Person, traveller_id: str):
        rng = self.rng
        base = replace(person, id=traveller_id)
        given, surnames = list(person.given), list(person.surnames)
        if kind == "capitals_no_accents":
            if all(plain(part) == part for part in given + surnames):
                return None
            return write(base, rng, style=rng.choice(("split_caps", "full_caps"))), None
        if kind == "typo":
            candidates = [i for i, part in enumerate(given + surnames) if len(part) >= 4]
            if not candidates:
                return None
            position = rng.choice(candidates)
            parts = given + surnames
            parts[position] = typo(parts[position], rng)
            return write(base, rng, given=parts[: len(given)], surnames=parts[len(given) :]), None
        if kind == "surnames_swapped":
            if len(surnames) < 2 or key(surnames[0]) == key(surnames[1]):
                return None
            return write(base, rng, surnames=surnames[::-1]), None
        if kind == "second_surname_dropped":
            if len(surnames) < 2:
                return None
            return write(base, rng, surnames=surnames[:1]), None
        if kind == "second_surname_added":
            # The list wrote this person with one surname; she travels with two.
            if len(surnames) < 2:
                return None
            return write(base, rng), surnames[:1]
        if kind == "second_given_dropped":
            if len(given) < 2:
                return None
            return write(base, rng, given=given[:1]), None
        if kind == "given_name_initial":
            return write(base, rng, given=[given[0][0] + ".", *given[1:]]), None
        if kind in ("surnames_first_comma", "surnames_first_no_comma", "mrz"):
            return write(base, rng, style=kind), None
        if kind == "hypocorism":
            if person.hispanic:
                variants = self.hypocorisms.get(key(given[0]), [])
            elif person.origin == "english_creole":
                variants = [name.title() for name in self.english(plain(given[0]))]
            else:
                variants = []
            if not variants:
                return None
            return write(base, rng, given=[rng.choice(variants), *given[1:]]), None
        if kind == "diminutive":
            changed = diminutive(given[0]) if person.hispanic else None
            if not changed:
                return None
            return write(base, rng, given=[changed, *given[1:]]), None
        if kind == "transliteration":
            if person.origin not in ("arabic", "south_asian", "chinese", "west_african"):
                return None
            parts = given + surnames
            order = list(range(len(parts)))
            rng.shuffle(order)
            for position in order:
                changed = transliteration(parts[position])
                if changed and key(changed) != key(parts[position]):
                    parts[position] = changed
                    return write(
                        base, rng, given=parts[: len(given)], surnames=parts[len(given) :]
                    ), None
            return None
        raise ValueError(kind)


@dataclass
class Population:
    watchlist: list[Written]
    travellers: list[Written]
    sources: list[str]  # per traveller: the listed id of a member, "" for a non-member
    kinds: list[str]
    listed: list[Person]
    nonmembers: list[Person]
    listed_surnames: dict[str, tuple[str, ...]]  # as the list wrote them


def generate(
    pools: list[Pool], *, watchlist: int, travellers: int, members: int, seed: int
) -> Population:
    rng = random.Random(seed)
    drawer = Drawer(pools, rng)
    listed = [drawer.person("W") for _ in range(watchlist)]
    listed_keys = {full_key(person) for person in listed}
    perturber = Perturber(rng)

    # Members: equal shares of the kinds, each kind among the people it applies to.
    member_rows: list[tuple[Written, str, str]] = []
    list_surnames: dict[str, tuple[str, ...]] = {}
    per_kind = members // len(KINDS)
    for kind in KINDS:
        made = tries = 0
        while made < per_kind and tries < per_kind * 200:
            tries += 1
            person = rng.choice(listed)
            if person.id in list_surnames:
                continue  # one change per listed person
            result = perturber.apply(kind, person, f"T-m{len(member_rows) + 1}")
            if result is None:
                continue
            written, list_side = result
            member_rows.append((written, person.id, kind))
            list_surnames[person.id] = tuple(list_side) if list_side else person.surnames
            made += 1

    nonmembers: list[Person] = []
    while len(nonmembers) < travellers - len(member_rows):
        person = drawer.person("N")
        if full_key(person) not in listed_keys:
            nonmembers.append(person)
    rows = [(write(person, rng), "", "") for person in nonmembers] + member_rows
    rng.shuffle(rows)
    watch = [
        write(
            person,
            rng,
            surnames=list_surnames.get(person.id, person.surnames),
            style=rng.choice(("split", "split_caps")),
        )
        for person in listed
    ]
    travellers_written = []
    for position, (written, _source, _kind) in enumerate(rows, start=1):
        travellers_written.append(replace(written, id=f"T{position}"))
    return Population(
        watchlist=watch,
        travellers=travellers_written,
        sources=[row[1] for row in rows],
        kinds=[row[2] for row in rows],
        listed=listed,
        nonmembers=nonmembers,
        listed_surnames={
            person.id: list_surnames.get(person.id, person.surnames) for person in listed
        },
    )


def inherent_ambiguity(population: Population) -> float:
    """Share of non-members whose name equals a listed name once a second surname is dropped
    on either side: same given names and first surname, and one of the two written with a
    single surname. No screen on the name alone can tell those apart from a listed person whose
    second surname is missing, so this bounds what a name-only screen can avoid flagging."""
    single: set[tuple[str, str]] = set()
    double: set[tuple[str, str]] = set()
    for person in population.listed:
        surnames = population.listed_surnames[person.id]
        pair = (key(" ".join(person.given)), key(surnames[0]))
        (single if len(surnames) == 1 else double).add(pair)
    ambiguous = 0
    for person in population.nonmembers:
        pair = (key(" ".join(person.given)), key(person.surnames[0]))
        if pair in single or (len(person.surnames) == 1 and pair in double):
            ambiguous += 1
    return ambiguous / len(population.nonmembers) if population.nonmembers else 0.0


COLUMNS = ("id", "given_names", "surnames", "full_name", "birth_date", "nationality", "sex")


def write_csv(path: Path, rows: list[Written], *, name_only: bool = False) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(COLUMNS)
        for row in rows:
            if name_only:
                out.writerow((row.id, row.given_names, row.surnames, row.full_name, "", "", ""))
            else:
                out.writerow(
                    (
                        row.id,
                        row.given_names,
                        row.surnames,
                        row.full_name,
                        row.birth_date,
                        row.nationality,
                        row.sex,
                    )
                )
