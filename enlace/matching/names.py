"""Parsing names into given names and surnames, as the region writes them.

A *unit* is one given name or one surname as a person would count it: "María", "del Carmen",
"de la Cruz", "San Martín", "Ortega y Gasset". Units are built from normalized words
(normalize.py):

- **Particles** (de, del, la, las, los, lo, da, das, do, dos, di, du, van, von, der, den, ten,
  ter, le, les, al, el, bin, ben, ibn, bint) join the word after them and are left out of the
  unit's *core*, so "de la Cruz" and "Cruz" have the same core ("cruz"): lists and documents
  drop particles all the time.
- **Prefixes** (san, santa, santo, mac, mc, abu, abd, abdel, abdul, saint, st) also join the
  word after them but stay in the core ("San Martín" → "sanmartin", equal to "Sanmartín").
- **y** between two surnames joins them into one ("Ortega y Gasset").
- The first word of a given name or of a full name is never a particle: "Ben Smith" is Ben.
- Three or more surname units where a later one starts with a particle are a compound:
  "Pérez de León García" → ["pérez de león", "garcía"]; "García Pérez de León" →
  ["garcía", "pérez de león"].

Inputs come split (given names, surnames) or as one full name:

- With a comma, the part before it holds the surnames: "HERNANDEZ ULLOA, JOSE GUADALUPE", as
  on many lists and manifests. The MRZ form "HERNANDEZ<ULLOA<<JOSE<GUADALUPE" is read the same
  way.
- Without a comma the name is read given names first. The split is not always knowable from
  the words alone ("JOSE GUADALUPE HERNANDEZ": one given name and two surnames, or two and
  one?), so the parser returns *alternatives*, most likely first (for three units: one given
  name and two surnames, then two and one). The index searches every alternative and keeps the
  best-scoring reading, and says which one in the reasons.
- A surnames-first line *without* a comma ("HERNANDEZ ULLOA JOSE GUADALUPE") is not
  recognised here: words alone cannot tell it reliably from "JOSE GUADALUPE HERNANDEZ
  ULLOA". The index (index.py) adds that reading only when its own list says so (the first
  word is known there as a surname and never as a given name, the last one the other way
  round); otherwise write such lines with a comma.
- A hyphen joins: "Pierre-Paul", "Jean-Baptiste" and "Pérez-López" are one unit each, whose
  core is written together ("pierrepaul"); a particle before the hyphen stays a particle
  ("Al-Hassan" has the core "hassan", like "Al Hassan"). Names written together and apart
  ("Jean-Pierre" / "Jean Pierre") are compared as equal by the scorer.

Hypocorisms (José/Pepe, Guadalupe/Lupe ...) come from data/hypocorisms.csv, loaded once with
importlib.resources.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from enlace.matching.normalize import normalize_text
from enlace.matching.phonetic import joined_key, phonetic_key

__all__ = [
    "PARTICLES",
    "PREFIXES",
    "ParsedName",
    "Unit",
    "diminutive_bases",
    "formal_keys",
    "formal_names",
    "full_name_units",
    "given_units",
    "hypocorism_pairs",
    "multiword_formal_keys",
    "parse_full_name",
    "parse_name",
    "surname_readings",
    "unit_info",
    "words_key",
]

PARTICLES = frozenset(
    {
        "de",
        "del",
        "la",
        "las",
        "los",
        "lo",
        "da",
        "das",
        "do",
        "dos",
        "di",
        "du",
        "van",
        "von",
        "der",
        "den",
        "ten",
        "ter",
        "le",
        "les",
        "al",
        "el",
        "bin",
        "ben",
        "ibn",
        "bint",
    }
)
PREFIXES = frozenset(
    {
        "san",
        "santa",
        "santo",
        "mac",
        "mc",
        "abu",
        "abd",
        "abdel",
        "abdul",
        "saint",
        "st",
    }
)
_JOINERS = frozenset({"y"})
_ATTACHING = PARTICLES | PREFIXES


@dataclass(frozen=True, slots=True)
class ParsedName:
    """One reading of a name: normalized given-name units and surname units, in order."""

    given: tuple[str, ...]
    surnames: tuple[str, ...]
    surnames_first: bool = False  # written surnames first (comma or MRZ form)
    ambiguous: bool = False  # one of several readings of a full name (where the split falls)


class Unit:
    """What the engine needs to know about one normalized unit, computed once and shared.

    ``core`` drops particles and spaces ("de la cruz" → "cruz"); ``key`` is the phonetic key
    of the core; ``canon`` holds the key plus the keys of the formal names the unit is a
    hypocorism of (Pepe → {PEPE, JOSE}), so two units are nickname-compatible when their
    ``canon`` sets meet.
    """

    __slots__ = ("canon", "core", "initial", "is_initial", "key", "norm")

    def __init__(self, norm: str) -> None:
        words = norm.split()
        core_words = [word for word in words if word not in PARTICLES] or words
        parts = [part for word in core_words for part in word.split("-") if part]
        core = "".join(parts)
        self.norm = norm
        self.core = core
        self.key = joined_key([phonetic_key(part) for part in parts])
        self.canon = frozenset(
            {
                self.key,
                *formal_keys(core),
                *(
                    key
                    for base in diminutive_bases(core)
                    for key in (phonetic_key(base), *formal_keys(base))
                ),
            }
        )
        self.initial = core[:1]
        self.is_initial = len(core) == 1

    def __repr__(self) -> str:
        return f"Unit({self.norm!r})"


_UNITS: dict[str, Unit] = {}
_UNIT_CACHE_LIMIT = 500_000


def unit_info(norm: str) -> Unit:
    """The shared Unit for a normalized unit; equal strings give the same object."""
    found = _UNITS.get(norm)
    if found is None:
        if len(_UNITS) >= _UNIT_CACHE_LIMIT:
            _UNITS.clear()
        found = _UNITS[norm] = Unit(norm)
    return found


# --- diminutives -------------------------------------------------------------------------

# Spanish forms diminutives of given names by suffix: Pedro → Pedrito, Ana → Anita, Juan →
# Juancito, Carmen → Carmencita, Miguel → Miguelito, Diego → Dieguito, Francisco →
# Francisquito, Carlos → Carlitos, Juana → Juanilla. The rules are read backwards: a word with
# a diminutive ending gives every base it can come from (Pedrito → pedro, pedra, pedre, pedr);
# the bases that are names meet their formal forms through the phonetic key, the others meet
# nothing. (suffix, endings the base may have had in its place)
_DIMINUTIVE_SUFFIXES = (
    ("quitos", ("cos",)),
    ("guitos", ("gos",)),
    ("citos", ("", "s", "es")),
    ("itos", ("os", "es", "s")),
    ("quito", ("co", "que")),
    ("quita", ("ca",)),
    ("guito", ("go", "gue")),
    ("guita", ("ga",)),
    ("cito", ("", "e")),
    ("cita", ("", "e", "a")),
    ("ito", ("o", "e", "")),
    ("ita", ("a", "e", "")),
    ("illo", ("o", "")),
    ("illa", ("a", "")),
)
_DIMINUTIVE_STEM = 2  # letters the base keeps before its ending: Anita → an-a, never Tito → t-o


@lru_cache(maxsize=100_000)
def diminutive_bases(core: str) -> tuple[str, ...]:
    """The names ``core`` may be a diminutive of, by Spanish suffix rules ("pedrito" →
    "pedro", ...); () for a word without a diminutive ending."""
    bases: list[str] = []
    for suffix, endings in _DIMINUTIVE_SUFFIXES:
        if core.endswith(suffix) and len(core) - len(suffix) >= _DIMINUTIVE_STEM:
            stem = core[: -len(suffix)]
            bases.extend(stem + ending for ending in endings if len(stem + ending) >= 3)
    return tuple(dict.fromkeys(base for base in bases if base != core))


# --- hypocorisms --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def hypocorism_pairs() -> tuple[tuple[str, str], ...]:
    """(formal name, hypocorism) pairs as written in data/hypocorisms.csv."""
    text = (
        resources.files("enlace.matching.data")
        .joinpath("hypocorisms.csv")
        .read_text(encoding="utf-8")
    )
    rows = csv.DictReader(
        io.StringIO("\n".join(line for line in text.splitlines() if not line.startswith("#")))
    )
    return tuple(
        (row["name"].strip(), row["hypocorism"].strip())
        for row in rows
        if row.get("name") and row.get("hypocorism")
    )


def words_key(text: str) -> str:
    """The key of a name of one or more words as if written together (José María →
    JOSEMARIA), the same as the key of the unit "josé-maría" or of the given names
    "José María" joined."""
    return joined_key(
        [phonetic_key(part) for part in normalize_text(text).replace("-", " ").split()]
    )


@lru_cache(maxsize=1)
def _formal_by_core() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    cores: dict[str, list[str]] = {}
    keys: dict[str, list[str]] = {}
    for formal, nickname in hypocorism_pairs():
        formal_core = normalize_text(formal).replace(" ", "")
        nickname_core = normalize_text(nickname).replace(" ", "")
        if (
            formal_core
            and nickname_core
            and formal_core != nickname_core
            and formal_core not in cores.setdefault(nickname_core, [])
        ):
            cores[nickname_core].append(formal_core)
            keys.setdefault(nickname_core, []).append(words_key(formal))
    return {core: (tuple(cores[core]), tuple(keys[core])) for core in cores}


def formal_names(core: str) -> tuple[str, ...]:
    """Cores of the formal names ``core`` is a hypocorism of ("pepe" → ("jose",))."""
    found = _formal_by_core().get(core)
    return found[0] if found else ()


def formal_keys(core: str) -> tuple[str, ...]:
    """Keys of the formal names ``core`` is a hypocorism of ("pepe" → ("JOSE",))."""
    found = _formal_by_core().get(core)
    return found[1] if found else ()


@lru_cache(maxsize=1)
def multiword_formal_keys() -> frozenset[str]:
    """Keys of formal names of two words or more (José María → JOSEMARIA, Chema's formal)."""
    return frozenset(
        words_key(formal)
        for formal, _nickname in hypocorism_pairs()
        if " " in normalize_text(formal)
    )


# --- parsing ------------------------------------------------------------------------------

_HYPHENS = re.compile("[-\u2010\u2011\u2012\u2013\u2014]")


def _words(text: str) -> list[str]:
    """Normalized words of a field; a hyphenated word stays one word ("pierre-paul")."""
    if not _HYPHENS.search(text):
        return normalize_text(text).split()
    words: list[str] = []
    for raw in text.split():
        parts = [part for part in (normalize_text(piece) for piece in _HYPHENS.split(raw)) if part]
        while len(parts) > 1 and parts[0] in PARTICLES:  # Al-Hassan: a particle and a name
            words.append(parts.pop(0))
        if parts:
            words.append("-".join(part.replace(" ", "-") for part in parts))
    return words


def _group(words: list[str], *, surnames: bool) -> list[str]:
    """Words → units: particles and prefixes join the next word, "y" joins two surnames."""
    units: list[list[str]] = []
    pending: list[str] = []
    join_next = False
    for position, word in enumerate(words):
        if surnames and word in _JOINERS and units and not pending and position + 1 < len(words):
            join_next = True
            continue
        leading = position == 0 and not surnames
        if word in _ATTACHING and not leading and position + 1 < len(words):
            pending.append(word)
            continue
        if join_next and units:
            units[-1].extend(["y", *pending, word])
            join_next = False
        else:
            units.append([*pending, word])
        pending = []
    if pending:  # trailing particles: keep them as written
        units.append(pending)
    return [" ".join(unit) for unit in units]


def _starts_with_particle(unit: str) -> bool:
    return unit.split(" ", 1)[0] in PARTICLES and " " in unit


def _merge_surnames(units: list[str]) -> list[str]:
    """More than two surname units: a later unit led by a particle joins the one before it."""
    units = list(units)
    while len(units) > 2:
        for position in range(1, len(units)):
            if _starts_with_particle(units[position]):
                units[position - 1 : position + 1] = [f"{units[position - 1]} {units[position]}"]
                break
        else:
            break
    return units


def _surname_readings(units: list[str]) -> list[tuple[str, ...]]:
    merged = _merge_surnames(units)
    readings = [tuple(merged)]
    # "Pérez de León": two surnames, or one compound one. Both are searched.
    if len(merged) == 2 and _starts_with_particle(merged[1]):
        readings.append((f"{merged[0]} {merged[1]}",))
    return readings


def _plain(words: list[str], start: int) -> bool:
    """No word from ``start`` on joins another: then every word is a unit of its own."""
    return _ATTACHING.isdisjoint(words[start:]) and _JOINERS.isdisjoint(words)


# Raw word → its unit when the word is a unit on its own, "" when it needs the full parse.
_WORD_UNITS: dict[str, str] = {}


def _word_unit(word: str) -> str:
    found = _WORD_UNITS.get(word)
    if found is None:
        found = "" if _HYPHENS.search(word) else normalize_text(word)
        if " " in found or found in _ATTACHING or found in _JOINERS:
            found = ""
        if len(_WORD_UNITS) >= _UNIT_CACHE_LIMIT:
            _WORD_UNITS.clear()
        _WORD_UNITS[word] = found
    return found


def _plain_units(text: str) -> tuple[str, ...] | None:
    """The units of a field whose words are each a unit on their own, or None.

    The usual field ("GARCIA LOPEZ", "José María") is read word by word from a cache of
    words, which repeat far more than whole fields do: screening a manifest meets each
    field once but each word thousands of times. A word that joins another (a particle,
    "y"), carries a hyphen or normalizes to more than one word sends the field to the full
    parse, which gives the same units for every field this accepts.
    """
    units = []
    for word in text.split():
        unit = _word_unit(word)
        if not unit:
            return None
        units.append(unit)
    return tuple(units)


def given_units(given_names: str) -> tuple[str, ...]:
    """Normalized given-name units of a given-names field."""
    units = _plain_units(given_names)
    return units if units is not None else _parsed_given_units(given_names)


@lru_cache(maxsize=100_000)
def _parsed_given_units(given_names: str) -> tuple[str, ...]:
    words = _words(given_names)
    if _plain(words, 1):
        return tuple(words)
    return tuple(_group(words, surnames=False))


def surname_readings(surnames: str) -> tuple[tuple[str, ...], ...]:
    """Readings of a surnames field as units, most likely first."""
    units = _plain_units(surnames)
    if units is not None and len(units) <= 2:
        return (units,)
    return _parsed_surname_readings(surnames)


@lru_cache(maxsize=100_000)
def _parsed_surname_readings(surnames: str) -> tuple[tuple[str, ...], ...]:
    words = _words(surnames)
    if len(words) <= 2 and _plain(words, 0):
        return (tuple(words),)
    return tuple(_surname_readings(_group(words, surnames=True)))


def full_name_units(full_name: str) -> tuple[str, ...]:
    """Units of a full name written given names first, without deciding the split."""
    units = _plain_units(full_name)
    return units if units is not None else _parsed_full_name_units(full_name)


@lru_cache(maxsize=100_000)
def _parsed_full_name_units(full_name: str) -> tuple[str, ...]:
    words = _words(full_name)
    if _plain(words, 1):
        return tuple(words)
    return tuple(_group(words, surnames=False))


def _fields(given_names: str, surnames: str, surnames_first: bool = False) -> list[ParsedName]:
    given = given_units(given_names)
    return [ParsedName(given, reading, surnames_first) for reading in surname_readings(surnames)]


def parse_full_name(full_name: str) -> list[ParsedName]:
    """Readings of a name written in one field, most likely first (see the module docstring)."""
    return list(_parse_full_name(full_name))


@lru_cache(maxsize=100_000)
def _parse_full_name(full_name: str) -> tuple[ParsedName, ...]:
    text = full_name.strip()
    if not text:
        return ()
    if "<<" in text:  # MRZ: SURNAMES<<GIVEN<NAMES
        surnames, _sep, given = text.replace("<<", ",", 1).partition(",")
        return tuple(_unique(_fields(given.replace("<", " "), surnames.replace("<", " "), True)))
    if "," in text:
        surnames, _sep, given = text.partition(",")
        return tuple(_unique(_fields(given, surnames, True)))
    units = list(full_name_units(text))
    count = len(units)
    if count == 0:
        return ()
    if count == 1:
        return (ParsedName((), (units[0],)),)
    if count == 2:
        return (ParsedName((units[0],), (units[1],)),)
    readings: list[ParsedName] = []
    split = count - 2
    for reading in _surname_readings(units[split:]):
        readings.append(ParsedName(tuple(units[:split]), reading))
    if count == 3:
        readings.append(ParsedName((units[0], units[1]), (units[2],)))
    else:
        merged = _merge_surnames(units[split - 1 :])
        if len(merged) <= 2:  # a compound surname: "Juan Pérez de León García"
            readings.append(ParsedName(tuple(units[: split - 1]), tuple(merged)))
    readings = _unique(readings)
    if len(readings) > 1:
        readings = [
            ParsedName(reading.given, reading.surnames, ambiguous=True) for reading in readings
        ]
    return tuple(readings)


def parse_name(given_names: str = "", surnames: str = "", full_name: str = "") -> list[ParsedName]:
    """Readings of a name given split (given names, surnames) or as one full name.

    Split fields win when either holds anything; the full name is read otherwise.
    """
    if given_names.strip() or surnames.strip():
        return _unique(_fields(given_names, surnames))
    return parse_full_name(full_name)


def _unique(readings: list[ParsedName]) -> list[ParsedName]:
    seen: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    unique: list[ParsedName] = []
    for reading in readings:
        marker = (reading.given, reading.surnames)
        if marker not in seen and (reading.given or reading.surnames):
            seen.add(marker)
            unique.append(reading)
    return unique
