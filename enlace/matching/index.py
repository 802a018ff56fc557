"""The watchlist index: blocking keys over watchlist names, and search for travellers.

Comparing a traveller with every watchlist name is too slow (a brute-force rapidfuzz scan
screens about 2,000 travellers a second against 100,000 names), and blocking on one phonetic
key is both slow and blind to the differences that matter (a typo in the surname, a dropped
second surname). The index keys every watchlist name by *pairs* of its parts, on phonetic keys
(phonetic.py), so any one part may differ, be missing or be misspelt and the name is still
found through the other two:

- ``GS``: surname → given name → the other surname (or none) → names. Each given-name unit
  is a key (Jose and Guadalupe of "José Guadalupe"), with the formal names of a hypocorism
  (Pepe keys as PEPE and JOSE), and each surname in either position, so swapped surnames, a
  dropped second surname and a misspelt surname all meet in one entry. The second level,
  keyed by the other surname, keeps lookups exact: a traveller only collects names whose
  other surname is one edit away or absent (names with both surnames come from SS), and a
  lookup that could only find a name with one surname is skipped when the list has none.
- ``SS``: the two surnames in either order → given-name key → names, for a given name
  written as an initial, a nickname, a misspelling or a different number of given names: the
  traveller reads the entries of the keys compatible with its given names (same key, nickname,
  one edit away, initial). A name without given names is read by its surnames alone, in both
  roles; with one surname only it is not searched (too little to go on).
- ``GI``: (initial, surname) → names with one surname, so "J. Smith" finds "John Smith" and
  "John Smith" finds a listed "J. Smith".
- ``DOC``: normalized document number → identities, whatever their names.

Misspellings are found through the list's own vocabulary: a traveller's unit that the list
does not know is looked up among the list's units one edit away (a deletion index over the
vocabulary, on spellings and on phonetic keys), and those spellings stand in for it. The list
also says which words are surnames and which given names, so of the readings of a full name
("MARIA LOPEZ GARCIA": is López a second given name?) only those it allows are searched. Every
computation on a word is cached, because names repeat: the thousandth "María" costs a
dictionary lookup, and a field is read word by word from a cache of words (names.py).
A traveller's surnames are turned into a lookup plan once per spelling: the GS entries it
reads are resolved then, so the search itself only reads the given-name level.

Candidates are scored by score.py, the evidence first: it is cheap and sets the name value a
candidate needs (a birth date in another year leaves none good enough), the surnames are
scored before the given names, and reasons are only worked out for the matches returned.

The index holds only plain Python objects, so it pickles, and ``search_many(workers=N)``
forks N processes that share it copy-on-write (build it before searching).
"""

from __future__ import annotations

import gc
import math
import multiprocessing
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from enlace.core.identifiers import split_document
from enlace.matching.identity import Identity, Match
from enlace.matching.names import (
    ParsedName,
    Unit,
    full_name_units,
    given_units,
    multiword_formal_keys,
    parse_full_name,
    parse_name,
    surname_readings,
    unit_info,
)
from enlace.matching.phonetic import joined_key
from enlace.matching.score import (
    DEFAULT_THRESHOLD,
    Evidence,
    NameScorer,
    PreparedName,
    combine,
    compare_evidence,
    compare_names,
    evidence_weight,
    logit,
)

__all__ = ["IndexStats", "WatchlistIndex"]

_NO_SURNAME = ""  # the "other surname" of a name with one surname
_ONLY_NO_SURNAME = (_NO_SURNAME,)
_NAMELESS = "*"  # the SS entry of a listed name without given names
# A block this large says more about the list (thousands of "MARIA LOPEZ" without a second
# surname) than about the traveller; scoring all of it would stall the batch.
MAX_BLOCK = 5_000
_CACHE_LIMIT = 300_000
_RARE = 2  # a spelling seen this often or less on the list may be a misspelling there
_BEST_NAME = 0.99  # name values are capped here before they meet the evidence (score.logit)
# Role dominance needed to read a full name without a comma surnames first (see _role_reading).
_ROLE_DOMINANCE = 20
_ROLE_MINIMUM = 5


class _Record(PreparedName):
    """A watchlist reading, with its identity and its initials."""

    __slots__ = ("ident", "initial_only", "initials")


class _GivenPart:
    """The given names of a traveller's reading and how to look them up (cached per spelling).

    ``given``, ``concat_core`` and ``concat_key`` are read by the scorer as a PreparedName's.
    """

    __slots__ = (
        "concat_core",
        "concat_key",
        "first_initial",
        "given",
        "gs_keys",
        "ss_accept",
        "ss_probe",
    )


class _SurnamePart:
    """The surnames of a traveller's reading and how to look them up (cached per spelling).

    The lookups are resolved when the part is made, as the index no longer changes:
    ``positions`` holds (GS entries of the surname keys, keys to accept as the other surname
    or None for any), ``ss`` the SS entry of the two surnames (None if the list has none) and
    ``two`` says whether there are two surnames.
    """

    __slots__ = ("positions", "s1", "s2", "ss", "two")


# A traveller's reading: (given part, surname part, surnames first?, ambiguous full name?).
_Query = tuple[_GivenPart, _SurnamePart, bool, bool]


def _view(query: _Query) -> PreparedName:
    """A traveller's reading as a PreparedName, for compare_names to explain."""
    given, surnames, surnames_first, ambiguous = query
    view = PreparedName.__new__(PreparedName)
    view.given = given.given
    view.concat_core = given.concat_core
    view.concat_key = given.concat_key
    view.s1 = surnames.s1
    view.s2 = surnames.s2
    view.surnames_first = surnames_first
    view.ambiguous = ambiguous
    view.alias = ""
    return view


@dataclass(frozen=True)
class IndexStats:
    identities: int
    names: int
    vocabulary: int
    gs_keys: int
    ss_keys: int
    largest_gs_block: int
    largest_ss_block: int


def _deletions(word: str) -> set[str]:
    return {word[:position] + word[position + 1 :] for position in range(len(word))} | {word}


class WatchlistIndex:
    """Blocking index over watchlist identities; build with ``WatchlistIndex.build``."""

    def __init__(self) -> None:
        self._ids: list[str] = []
        self._evidence: list[Evidence] = []
        self._records: list[_Record] = []
        self._ident_records: list[list[int]] = []
        # surname key → given-name key → other surname key → names (surname first: a
        # traveller's surname part resolves its keys once, see _surname_part_of_units)
        self._gs: dict[str, dict[str, dict[str, list[int]]]] = {}
        self._ss: dict[tuple[str, str], dict[str, list[int]]] = {}
        self._initial_only_names = False
        self._nameless = False  # listed names with surnames only
        self._single_keys: frozenset[str] = frozenset()  # keys of listed one-surname names
        self._gi: dict[tuple[str, str], list[int]] = {}
        self._gi_initials: dict[tuple[str, str], list[int]] = {}
        self._documents: dict[str, list[int]] = {}
        self._counts: dict[str, int] = {}  # unit core → occurrences on the list
        self._given_role: dict[str, int] = {}
        self._surname_role: dict[str, int] = {}
        self._deleted_cores: dict[str, list[str]] = {}
        self._deleted_keys: dict[str, list[str]] = {}
        self._core_key: dict[str, str] = {}
        self._key_counts: dict[str, int] = {}
        self._multiword = multiword_formal_keys()
        self._reset_caches()

    _CACHES = (
        "_near_cache",
        "_given_parts",
        "_given_units_parts",
        "_surname_parts_cache",
        "_surname_units_parts",
        "_unit_plans",
        "_full_queries",
        "_roles",
    )

    def _reset_caches(self) -> None:
        # What the search learns about spellings it meets, kept per process.
        for name in self._CACHES:
            setattr(self, name, {})
        self._scorer = NameScorer(self._counts)
        self._targets: dict[float, float] = {}  # threshold → its logit
        self._searches = 0

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        for name in self._CACHES:
            state[name] = {}
        state["_scorer"] = NameScorer(self._counts)
        state["_targets"] = {}
        return state

    def __len__(self) -> int:
        return len(self._ids)

    # --- building ---------------------------------------------------------------------

    @classmethod
    def build(cls, identities: Iterable[Identity]) -> WatchlistIndex:
        """Index the identities (their names, aliases and document numbers)."""
        index = cls()
        # Building creates millions of small objects and no cycles: the cyclic collector
        # would rescan them again and again for nothing.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            for identity in identities:
                index._add(identity)
            index._finish()
        finally:
            if was_enabled:
                gc.enable()
        return index

    def _add(self, identity: Identity) -> None:
        ident = len(self._ids)
        self._ids.append(identity.id)
        evidence = Evidence(identity)
        self._evidence.append(evidence)
        readings = [
            (reading, "")
            for reading in parse_name(identity.given_names, identity.surnames, identity.full_name)
        ]
        for alias in identity.aliases:
            readings.extend((reading, alias) for reading in parse_full_name(alias))
        numbers = []
        for reading, alias in readings:
            record = _Record(reading, alias)
            record.ident = ident
            numbers.append(len(self._records))
            self._records.append(record)
            for unit in record.given:
                self._count(unit, self._given_role)
            for unit in (record.s1, record.s2):
                if unit is not None:
                    self._count(unit, self._surname_role)
        self._ident_records.append(numbers)
        for number in evidence.documents:
            self._documents.setdefault(number, []).append(ident)

    def _count(self, unit: Unit, roles: dict[str, int]) -> None:
        self._counts[unit.core] = self._counts.get(unit.core, 0) + 1
        roles[unit.core] = roles.get(unit.core, 0) + 1
        self._core_key[unit.core] = unit.key
        self._key_counts[unit.key] = self._key_counts.get(unit.key, 0) + 1

    def _finish(self) -> None:
        for core in self._core_key:
            for variant in _deletions(core):
                self._deleted_cores.setdefault(variant, []).append(core)
        for key in set(self._core_key.values()):
            for variant in _deletions(key):
                self._deleted_keys.setdefault(variant, []).append(key)
        for number, record in enumerate(self._records):
            self._insert(number, record)
        self._single_keys = frozenset(
            record.s1.key for record in self._records if record.s1 is not None and record.s2 is None
        )

    def _insert(self, number: int, record: _Record) -> None:
        keys: set[str] = set()
        for unit in record.given:
            if not unit.is_initial:
                keys |= unit.canon
        lookup = set(keys)
        if len(record.given) > 1 and record.concat_key:
            keys.add(record.concat_key)
            if record.concat_key in self._multiword:
                lookup.add(record.concat_key)
        record.initials = frozenset(unit.initial for unit in record.given)
        record.initial_only = frozenset(unit.initial for unit in record.given if unit.is_initial)
        s1, s2 = record.s1, record.s2
        if s1 is None:
            return
        joined = joined_key((s1.key, s2.key)) if s2 is not None else ""
        gs = self._gs
        for given_key in lookup:
            gs.setdefault(s1.key, {}).setdefault(given_key, {}).setdefault(
                s2.key if s2 is not None else _NO_SURNAME, []
            ).append(number)
            if s2 is not None:
                if s2.key != s1.key:
                    gs.setdefault(s2.key, {}).setdefault(given_key, {}).setdefault(
                        s1.key, []
                    ).append(number)
                # the two surnames written as one ("Pierre Paul" for "Pierre-Paul")
                gs.setdefault(joined, {}).setdefault(given_key, {}).setdefault(
                    _NO_SURNAME, []
                ).append(number)
        if s2 is not None:
            pair = (s1.key, s2.key) if s1.key <= s2.key else (s2.key, s1.key)
            block = self._ss.setdefault(pair, {})
            # Second level: every given-name key of the name, "^" + the initial of every
            # given name (for travellers who write initials) and "~" + initials written as
            # such on the list (for travellers who write the name in full).
            for key in (
                *keys,
                *(f"^{initial}" for initial in record.initials),
                *(f"~{initial}" for initial in record.initial_only),
                *(() if record.given else (_NAMELESS,)),
            ):
                numbers = block.setdefault(key, [])
                if not numbers or numbers[-1] != number:
                    numbers.append(number)
            if record.initial_only:
                self._initial_only_names = True
            if not record.given:
                self._nameless = True
        elif record.given:
            # One surname: a given name written as an initial on one side only.
            initials = self._gi_initials if record.given[0].is_initial else self._gi
            initials.setdefault((record.given[0].initial, s1.key), []).append(number)

    # --- the list's vocabulary --------------------------------------------------------

    def _near(self, unit: Unit) -> tuple[str, ...]:
        """Keys of the list's units one edit away from ``unit`` (spelling or phonetic key)."""
        found = self._near_cache.get(unit.core)
        if found is not None:
            return found
        from rapidfuzz.distance import OSA

        keys: set[str] = set()
        for variant in _deletions(unit.core):
            for core in self._deleted_cores.get(variant, ()):
                if core != unit.core and OSA.distance(unit.core, core, score_cutoff=1) <= 1:
                    keys.add(self._core_key[core])
        for variant in _deletions(unit.key):
            for key in self._deleted_keys.get(variant, ()):
                if OSA.distance(unit.key, key, score_cutoff=1) <= 1:
                    keys.add(key)
        keys.discard(unit.key)
        found = tuple(sorted(keys))
        if len(self._near_cache) >= _CACHE_LIMIT:
            self._near_cache.clear()
        self._near_cache[unit.core] = found
        return found

    def _known(self, unit: Unit) -> bool:
        return unit.core in self._counts

    # --- traveller readings and their lookup plans --------------------------------------

    def _given_part(self, given_names: str) -> _GivenPart:
        part = self._given_parts.get(given_names)
        if part is None:
            part = self._given_part_of_units(given_units(given_names))
            if len(self._given_parts) >= _CACHE_LIMIT:
                self._given_parts.clear()
            self._given_parts[given_names] = part
        return part

    def _given_part_of_units(self, given: tuple[str, ...]) -> _GivenPart:
        part = self._given_units_parts.get(given)
        if part is not None:
            return part
        units = tuple(unit_info(unit) for unit in given)
        lookup: set[str] = set()
        accept: set[str] = set()
        for unit in units:
            if unit.is_initial:
                continue
            near = self._near(unit)
            lookup |= unit.canon
            accept |= unit.canon
            accept.update(near)
            if not self._known(unit):  # perhaps a misspelling: read the list's spellings too
                lookup.update(near)
        concat_key = joined_key([unit.key for unit in units])
        if len(units) > 1 and concat_key:
            accept.add(concat_key)
            if concat_key in self._multiword:
                lookup.add(concat_key)
        part = _GivenPart()
        part.given = units
        part.concat_core = "".join(unit.core for unit in units)
        part.concat_key = concat_key
        part.gs_keys = tuple(sorted(lookup))
        probe = [*sorted(accept), *(f"^{unit.initial}" for unit in units if unit.is_initial)]
        if self._initial_only_names:
            probe.extend(f"~{initial}" for initial in sorted({unit.initial for unit in units}))
        if self._nameless:
            probe.append(_NAMELESS)
        part.ss_probe = tuple(probe)
        part.ss_accept = frozenset(probe)
        part.first_initial = units[0].initial if units and units[0].is_initial else ""
        if len(self._given_units_parts) >= _CACHE_LIMIT:
            self._given_units_parts.clear()
        self._given_units_parts[given] = part
        return part

    def _surname_parts(self, surnames: str) -> tuple[_SurnamePart, ...]:
        parts = self._surname_parts_cache.get(surnames)
        if parts is None:
            parts = tuple(
                self._surname_part_of_units(reading) for reading in surname_readings(surnames)
            )
            if len(self._surname_parts_cache) >= _CACHE_LIMIT:
                self._surname_parts_cache.clear()
            self._surname_parts_cache[surnames] = parts
        return parts

    def _surname_part_of_units(self, surnames: tuple[str, ...]) -> _SurnamePart:
        part = self._surname_units_parts.get(surnames)
        if part is not None:
            return part
        # Pairs of surnames rarely repeat on a manifest; each surname's plan is cached, so
        # a new pair is put together from the two plans.
        units = [unit_info(unit) for unit in surnames]
        s1 = units[0] if units else None
        s2 = units[1] if len(units) > 1 else None
        part = _SurnamePart()
        part.s1, part.s2, part.positions, part.ss, part.two = s1, s2, (), None, False
        if s1 is not None and s2 is None:
            blocks = self._unit_plan(s1)[0]
            part.positions = ((blocks, None),) if blocks else ()
        elif s1 is not None and s2 is not None:
            blocks1, others1, single1 = self._unit_plan(s1)
            blocks2, others2, single2 = self._unit_plan(s2)
            positions = []
            # A position that only looks for a listed name without the other surname is read
            # only if the list has a name with that one surname.
            if blocks1 and (single1 or others2 != _ONLY_NO_SURNAME):
                positions.append((blocks1, others2))
            if blocks2 and (single2 or others1 != _ONLY_NO_SURNAME):
                positions.append((blocks2, others1))
            joined = joined_key((s1.key, s2.key))
            if joined in self._single_keys:
                block = self._gs.get(joined)
                if block is not None:
                    positions.append(((block,), _ONLY_NO_SURNAME))
            part.positions = tuple(positions)
            part.ss = self._ss.get((s1.key, s2.key) if s1.key <= s2.key else (s2.key, s1.key))
            part.two = True
        if len(self._surname_units_parts) >= _CACHE_LIMIT:
            self._surname_units_parts.clear()
        self._surname_units_parts[surnames] = part
        return part

    def _unit_plan(self, unit: Unit) -> tuple[tuple[dict, ...], tuple[str, ...], bool]:
        """How a surname is looked up: the GS entries of the keys it is looked up under,
        the keys to accept as the other surname, and whether the list has a name with one
        of those keys as its only surname.

        The other surname written the same is left out: those names share both surnames
        with the traveller and the SS block finds them. GS is read for what SS cannot see:
        a listed name without the other surname, or with a misspelling of it.
        """
        plan = self._unit_plans.get(unit.norm)
        if plan is None:
            near = self._near(unit)
            if self._known(unit):
                # A known surname is taken as written; only spellings the list holds once or
                # twice (probably misspelt there) stand in for it as the other surname.
                rare = tuple(key for key in near if self._key_counts.get(key, 0) <= _RARE)
                lookup, others = (unit.key,), (*rare, _NO_SURNAME)
            else:  # perhaps misspelt by the traveller: the list's spellings stand in
                lookup, others = (unit.key, *near), (*near, _NO_SURNAME)
            gs = self._gs
            plan = (
                tuple(gs[key] for key in lookup if key in gs),
                others,
                not self._single_keys.isdisjoint(lookup),
            )
            if len(self._unit_plans) >= _CACHE_LIMIT:
                self._unit_plans.clear()
            self._unit_plans[unit.norm] = plan
        return plan

    def _queries(self, traveller: Identity) -> list[_Query] | tuple[_Query, ...]:
        if traveller.given_names or traveller.surnames:
            given = self._given_part(traveller.given_names)
            return [
                (given, surnames, False, False)
                for surnames in self._surname_parts(traveller.surnames)
            ]
        full_name = traveller.full_name
        if not full_name:
            return ()
        # Whole names rarely repeat on a manifest, their units (spellings aside) more often.
        units = None if "," in full_name or "<" in full_name else full_name_units(full_name)
        key = full_name if units is None else units
        queries = self._full_queries.get(key)
        if queries is None:
            queries = tuple(
                (
                    self._given_part_of_units(given),
                    self._surname_part_of_units(surnames),
                    surnames_first,
                    ambiguous,
                )
                for given, surnames, surnames_first, ambiguous in self._full_name_readings(
                    full_name, units
                )
            )
            if len(self._full_queries) >= _CACHE_LIMIT:
                self._full_queries.clear()
            self._full_queries[key] = queries
        return queries

    def _full_name_readings(
        self, full_name: str, units: tuple[str, ...] | None = None
    ) -> list[tuple]:
        """(given, surnames, surnames first?, ambiguous?) readings of a full name that this
        list makes plausible, plus the surnames-first one it vouches for (names.py, _plausible,
        _role_reading). ``units`` are its full_name_units, given when the name has neither a
        comma nor an MRZ filler."""
        readings: list[tuple] | None = None
        if units is None and "," not in full_name and "<" not in full_name:
            units = full_name_units(full_name)
        if units is not None and all(" " not in unit for unit in units):
            # Plain words, the usual case: the readings parse_full_name gives, without
            # building them (one reading, or two for three words).
            if len(units) == 3:
                role = self._role
                first, second, third = (role(unit) for unit in units)
                keep_one = first != "s" and second != "g" and third != "g"
                keep_two = first != "s" and second != "s" and third != "g"
                ambiguous = keep_one == keep_two
                readings = []
                if keep_one or ambiguous:
                    readings.append(((units[0],), units[1:], False, ambiguous))
                if keep_two or ambiguous:
                    readings.append((units[:2], (units[2],), False, ambiguous))
            elif len(units) > 3:
                readings = [(units[:-2], units[-2:], False, False)]
            elif len(units) == 2:
                readings = [((units[0],), (units[1],), False, False)]
            else:
                readings = [((), units, False, False)] if units else []
        if readings is None:
            readings = [
                (reading.given, reading.surnames, reading.surnames_first, reading.ambiguous)
                for reading in self._plausible(parse_full_name(full_name))
            ]
        role_reading = self._role_reading(full_name, units)
        if role_reading is not None and all(
            (given, surnames) != (role_reading.given, role_reading.surnames)
            for given, surnames, _first, _ambiguous in readings
        ):
            readings.append((role_reading.given, role_reading.surnames, True, False))
        return readings

    def _role(self, unit: str) -> str:
        role = self._roles.get(unit)
        if role is None:
            core = unit_info(unit).core
            as_given = self._given_role.get(core, 0)
            as_surname = self._surname_role.get(core, 0)
            role = "?"
            if as_given >= _ROLE_MINIMUM and as_given >= _ROLE_DOMINANCE * as_surname:
                role = "g"
            elif as_surname >= _ROLE_MINIMUM and as_surname >= _ROLE_DOMINANCE * as_given:
                role = "s"
            if len(self._roles) >= _CACHE_LIMIT:
                self._roles.clear()
            self._roles[unit] = role
        return role

    def _plausible(self, readings: list[ParsedName]) -> list[ParsedName]:
        """The readings of a full name that the list's own usage allows.

        "MARIA LOPEZ GARCIA" could be read with López as a second given name, but the list
        knows López as a surname only, so that reading goes; "JOSE GUADALUPE HERNANDEZ" keeps
        only the reading with Guadalupe as a given name. Words the list uses both ways (Cruz,
        Santos) or too rarely to tell leave every reading standing, still marked ambiguous.
        """
        if len(readings) < 2:
            return readings
        plausible = [
            reading
            for reading in readings
            if not any(self._role(unit) == "s" for unit in reading.given)
            and not any(self._role(unit) == "g" for unit in reading.surnames)
        ]
        if not plausible or len(plausible) == len(readings):
            return readings
        if len(plausible) == 1:
            only = plausible[0]
            return [ParsedName(only.given, only.surnames, only.surnames_first)]
        return plausible

    def _role_reading(
        self, full_name: str, units: tuple[str, ...] | None = None
    ) -> ParsedName | None:
        """A surnames-first reading of a full name without a comma, when the list vouches.

        "HERNANDEZ ULLOA JOSE GUADALUPE" is read surnames first only if every word before the
        split is known on this list as a surname (and practically never as a given name) and
        every word after it as a given name: the words alone cannot tell.
        """
        if "," in full_name or "<<" in full_name:
            return None
        if units is None:
            units = full_name_units(full_name)
        if not 2 <= len(units) <= 5 or self._role(units[0]) != "s":
            return None
        roles = "".join(self._role(unit) for unit in units)
        split = roles.find("g")
        if (
            split < 1
            or split > 3
            or roles[:split] != "s" * split
            or roles[split:] != "g" * (len(units) - split)
        ):
            return None
        return ParsedName(tuple(units[split:]), tuple(units[:split]), True)

    # --- search -----------------------------------------------------------------------

    def _candidates(self, given: _GivenPart, surnames: _SurnamePart) -> set[int]:
        found: set[int] = set()
        positions = surnames.positions
        if positions:
            gs_keys = given.gs_keys
            for blocks, others in positions:
                for by_given in blocks:
                    for given_key in gs_keys:
                        block = by_given.get(given_key)
                        if block is None:
                            continue
                        if others is None:  # the traveller has one surname: any other will do
                            taken = 0
                            for numbers in block.values():
                                found.update(numbers)
                                taken += len(numbers)
                                if taken >= MAX_BLOCK:
                                    break
                            continue
                        for other in others:
                            numbers = block.get(other)
                            if numbers is not None:
                                found.update(numbers)
        if surnames.two:
            block = surnames.ss
            if block:
                if not given.given:
                    for numbers in block.values():
                        found.update(numbers)
                elif len(block) < len(given.ss_probe):  # read the block or probe it: fewer
                    accept = given.ss_accept
                    for key, numbers in block.items():
                        if key in accept:
                            found.update(numbers)
                else:
                    for key in given.ss_probe:
                        numbers = block.get(key)
                        if numbers is not None:
                            found.update(numbers)
        elif surnames.s1 is not None and given.given:
            if given.first_initial:
                numbers = self._gi.get((given.first_initial, surnames.s1.key))
                if numbers:
                    found.update(numbers[:MAX_BLOCK])
            if self._gi_initials:
                numbers = self._gi_initials.get((given.given[0].initial, surnames.s1.key))
                if numbers:
                    found.update(numbers[:MAX_BLOCK])
        return found

    def search(
        self, traveller: Identity, threshold: float = DEFAULT_THRESHOLD, limit: int = 10
    ) -> list[Match]:
        """Watchlist identities the traveller may be, best first (at most ``limit``)."""
        queries = self._queries(traveller)
        weighed = bool(
            traveller.birth_date
            or traveller.birth_year
            or traveller.nationalities
            or traveller.sex
            or traveller.document_numbers
        )
        evidence: Evidence | None = None  # built on first need: most travellers have no candidate
        target = self._targets.get(threshold)
        if target is None:
            target = self._targets[threshold] = logit(threshold)
        records = self._records
        listed_evidence = self._evidence
        scorer = self._scorer
        self._searches += 1
        if not self._searches % 1024 and scorer.size() >= _CACHE_LIMIT:
            scorer.clear()
        value_of = scorer.value
        weights: dict[int, float] = {}
        best: dict[int, tuple[float, int, _Query]] = {}
        for query in queries:
            given, surnames, _surnames_first, ambiguous = query
            s1, s2 = surnames.s1, surnames.s2
            for number in self._candidates(given, surnames):
                record = records[number]
                ident = record.ident
                needed = threshold
                if weighed:
                    # The evidence is cheaper than the name and often settles it: a birth
                    # date in another year leaves no name good enough.
                    if evidence is None:
                        evidence = Evidence(traveller)
                    weight = weights.get(ident)
                    if weight is None:
                        weight = weights[ident] = evidence_weight(evidence, listed_evidence[ident])
                    needed = 1.0 / (1.0 + math.exp(weight - target))
                    if needed > _BEST_NAME:
                        continue
                value = value_of(given, s1, s2, ambiguous, record, needed)
                if value < needed:
                    continue
                current = best.get(ident)
                if current is None or value > current[0]:
                    best[ident] = (value, number, query)
        documents = self._documents
        if traveller.document_numbers and queries and documents:
            for raw in traveller.document_numbers:
                if split_document(raw)[1] in documents:
                    if evidence is None:
                        evidence = Evidence(traveller)
                    self._document_candidates(evidence, queries, best)
                    break
        if not best:
            return []
        if evidence is None:
            evidence = Evidence(traveller)
        matches: list[Match] = []
        for ident, (value, number, query) in best.items():
            weight, evidence_reasons = compare_evidence(evidence, listed_evidence[ident])
            score = combine(value, weight)
            if score < threshold:
                continue
            name_reasons = compare_names(
                _view(query), records[number], self._counts, scorer.levels, explain=True
            )[1]
            matches.append(
                Match(self._ids[ident], round(score, 6), tuple(name_reasons + evidence_reasons))
            )
        matches.sort(key=lambda match: (-match.score, match.watchlist_id))
        return matches[:limit]

    def _document_candidates(self, evidence: Evidence, queries, best: dict) -> None:
        """Identities holding one of the traveller's document numbers, whatever their name."""
        for number in evidence.documents:
            for ident in self._documents.get(number, ()):
                if ident in best:
                    continue
                for record_number in self._ident_records[ident]:
                    for query in queries:
                        given, surnames, _surnames_first, ambiguous = query
                        value = self._scorer.value(
                            given, surnames.s1, surnames.s2, ambiguous, self._records[record_number]
                        )
                        current = best.get(ident)
                        if current is None or value > current[0]:
                            best[ident] = (value, record_number, query)

    def search_many(
        self,
        travellers: Iterable[Identity],
        threshold: float = DEFAULT_THRESHOLD,
        workers: int = 1,
        limit: int = 10,
        chunk_size: int = 100_000,
    ) -> Iterator[tuple[str, list[Match]]]:
        """(traveller id, matches) for every traveller, in input order.

        With ``workers`` > 1 the travellers are screened by that many forked processes that
        share this index copy-on-write. A sequence is shared with them whole; an iterator is
        read ``chunk_size`` travellers at a time, so it is never held in memory whole. Where
        fork is unavailable (Windows, or a Python that forbids it) this runs in the calling
        process. Forking a process that runs other threads (a threaded web server) copies
        only the calling thread: use workers from a command or a background job.
        """
        if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            for traveller in travellers:
                yield traveller.id, self.search(traveller, threshold, limit)
            return
        # Each chunk forks fresh workers whose caches start cold, so a sequence already in
        # memory goes in one piece; an iterator is read a chunk at a time.
        chunks: Iterable[Sequence[Identity]] = (
            [travellers] if isinstance(travellers, Sequence) else _chunked(travellers, chunk_size)
        )
        for chunk in chunks:
            yield from self._search_chunk(chunk, threshold, workers, limit)

    def _search_chunk(
        self, chunk: Sequence[Identity], threshold: float, workers: int, limit: int
    ) -> Iterator[tuple[str, list[Match]]]:
        global _SHARED
        slices = max(workers * 8, len(chunk) // 2_000)
        step = max(1, -(-len(chunk) // slices))
        ranges = {start: min(start + step, len(chunk)) for start in range(0, len(chunk), step)}
        context = multiprocessing.get_context("fork")
        # The workers find the index and their chunk in a module global set just before they
        # are forked (Pool forks them all at once); the lock keeps another thread from
        # swapping it in between.
        with _FORK_LOCK:
            _SHARED = (self, chunk, threshold, limit)
            # Objects that exist now are never collected by the children: freezing them keeps
            # the children's collector from writing to (and so copying) every shared page.
            gc.freeze()
            try:
                pool = context.Pool(workers, initializer=_start_worker)
            finally:
                _SHARED = None
                gc.unfreeze()
        with pool:
            for start, hits in pool.imap(_search_range, ranges.items()):
                for offset in range(start, ranges[start]):
                    yield chunk[offset].id, hits.get(offset, [])

    def stats(self) -> IndexStats:
        """Sizes of the index, for benchmarks and capacity planning."""
        return IndexStats(
            identities=len(self._ids),
            names=len(self._records),
            vocabulary=len(self._counts),
            gs_keys=sum(len(by_given) for by_given in self._gs.values()),
            ss_keys=len(self._ss),
            largest_gs_block=max(
                (
                    sum(len(numbers) for numbers in block.values())
                    for by_given in self._gs.values()
                    for block in by_given.values()
                ),
                default=0,
            ),
            largest_ss_block=max(
                (
                    len({number for numbers in block.values() for number in numbers})
                    for block in self._ss.values()
                ),
                default=0,
            ),
        )


_SHARED: tuple | None = None
_FORK_LOCK = threading.Lock()


def _start_worker() -> None:
    """A worker lives for one chunk and searching makes no reference cycles, so the cyclic
    collector would only rescan the growing caches (a full pass over them stalls a search
    for up to a second)."""
    gc.disable()


def _search_range(bounds: tuple[int, int]) -> tuple[int, dict[int, list[Match]]]:
    """Run in a forked worker: screen a slice of the shared chunk, return only the hits."""
    assert _SHARED is not None, "workers are forked by _search_chunk"
    index, chunk, threshold, limit = _SHARED
    start, stop = bounds
    hits: dict[int, list[Match]] = {}
    for offset in range(start, stop):
        matches = index.search(chunk[offset], threshold, limit)
        if matches:
            hits[offset] = matches
    return start, hits


def _chunked(items: Iterable[Identity], size: int) -> Iterator[list[Identity]]:
    chunk: list[Identity] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
