"""Traveller readings and their lookup plans, against the list's own vocabulary.

Part of the watchlist index (index.py describes the whole). A traveller's name is read into
one or more readings (given names, surnames, surnames first?, ambiguous?); each reading's
given-name part and surname part are turned, once per spelling, into what to read from the
index: the GS entries of its surname keys, the SS entry of its two surnames, the given-name
keys to probe or accept. The list's vocabulary (spellings one edit away, which words it uses
as surnames and which as given names) decides which readings are plausible and which
misspellings stand in for a unit. Everything here is cached per process, keyed by spelling.
"""

from __future__ import annotations

from enlace.matching.identity import Identity
from enlace.matching.names import (
    ParsedName,
    Unit,
    full_name_units,
    given_units,
    parse_full_name,
    surname_readings,
    unit_info,
)
from enlace.matching.phonetic import joined_key
from enlace.matching.score import PreparedName

__all__ = [
    "CACHE_LIMIT",
    "NAMELESS",
    "NO_SURNAME",
    "ONLY_NO_SURNAME",
    "GivenPart",
    "LookupPlans",
    "Query",
    "SurnamePart",
    "deletions",
    "prepared_view",
]

NO_SURNAME = ""  # the "other surname" of a name with one surname
ONLY_NO_SURNAME = (NO_SURNAME,)
NAMELESS = "*"  # the SS entry of a listed name without given names
CACHE_LIMIT = 300_000  # entries per cache before it is emptied
_RARE = 2  # a spelling seen this often or less on the list may be a misspelling there
# Role dominance needed to drop a reading of a full name the list contradicts (see _plausible).
_ROLE_DOMINANCE = 20
_ROLE_MINIMUM = 5


class GivenPart:
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


class SurnamePart:
    """The surnames of a traveller's reading and how to look them up (cached per spelling).

    The lookups are resolved when the part is made, as the index no longer changes:
    ``positions`` holds (GS entries of the surname keys, keys to accept as the other surname
    or None for any), ``ss`` the SS entry of the two surnames (None if the list has none) and
    ``two`` says whether there are two surnames.
    """

    __slots__ = ("positions", "s1", "s2", "ss", "two")


# A traveller's reading: (given part, surname part, surnames first?, ambiguous full name?).
Query = tuple[GivenPart, SurnamePart, bool, bool]


def prepared_view(query: Query) -> PreparedName:
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


def deletions(word: str) -> set[str]:
    """The word and every spelling of it with one character deleted (the deletion index)."""
    return {word[:position] + word[position + 1 :] for position in range(len(word))} | {word}


class LookupPlans:
    """The traveller side of WatchlistIndex: readings of a traveller and their lookup plans.

    A mixin: it reads the index's tables (``_gs``, ``_ss``, ``_single_keys``, ``_counts``,
    ``_key_counts``, ``_core_key``, ``_deleted_cores``, ``_deleted_keys``, ``_given_role``,
    ``_surname_role``, ``_multiword``, ``_initial_only_names``, ``_nameless``) and keeps its
    caches in the attributes the index names in ``_CACHES``.
    """

    # --- the list's vocabulary --------------------------------------------------------

    def _near(self, unit: Unit) -> tuple[str, ...]:
        """Keys of the list's units one edit away from ``unit`` (spelling or phonetic key)."""
        found = self._near_cache.get(unit.core)
        if found is not None:
            return found
        from rapidfuzz.distance import OSA

        keys: set[str] = set()
        for variant in deletions(unit.core):
            for core in self._deleted_cores.get(variant, ()):
                if core != unit.core and OSA.distance(unit.core, core, score_cutoff=1) <= 1:
                    keys.add(self._core_key[core])
        for variant in deletions(unit.key):
            for key in self._deleted_keys.get(variant, ()):
                if OSA.distance(unit.key, key, score_cutoff=1) <= 1:
                    keys.add(key)
        keys.discard(unit.key)
        found = tuple(sorted(keys))
        if len(self._near_cache) >= CACHE_LIMIT:
            self._near_cache.clear()
        self._near_cache[unit.core] = found
        return found

    def _known(self, unit: Unit) -> bool:
        return unit.core in self._counts

    # --- traveller readings and their lookup plans --------------------------------------

    def _given_part(self, given_names: str) -> GivenPart:
        part = self._given_parts.get(given_names)
        if part is None:
            part = self._given_part_of_units(given_units(given_names))
            if len(self._given_parts) >= CACHE_LIMIT:
                self._given_parts.clear()
            self._given_parts[given_names] = part
        return part

    def _given_part_of_units(self, given: tuple[str, ...]) -> GivenPart:
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
        part = GivenPart()
        part.given = units
        part.concat_core = "".join(unit.core for unit in units)
        part.concat_key = concat_key
        part.gs_keys = tuple(sorted(lookup))
        probe = [*sorted(accept), *(f"^{unit.initial}" for unit in units if unit.is_initial)]
        if self._initial_only_names:
            probe.extend(f"~{initial}" for initial in sorted({unit.initial for unit in units}))
        if self._nameless:
            probe.append(NAMELESS)
        part.ss_probe = tuple(probe)
        part.ss_accept = frozenset(probe)
        part.first_initial = units[0].initial if units and units[0].is_initial else ""
        if len(self._given_units_parts) >= CACHE_LIMIT:
            self._given_units_parts.clear()
        self._given_units_parts[given] = part
        return part

    def _surname_parts(self, surnames: str) -> tuple[SurnamePart, ...]:
        parts = self._surname_parts_cache.get(surnames)
        if parts is None:
            parts = tuple(
                self._surname_part_of_units(reading) for reading in surname_readings(surnames)
            )
            if len(self._surname_parts_cache) >= CACHE_LIMIT:
                self._surname_parts_cache.clear()
            self._surname_parts_cache[surnames] = parts
        return parts

    def _surname_part_of_units(self, surnames: tuple[str, ...]) -> SurnamePart:
        part = self._surname_units_parts.get(surnames)
        if part is not None:
            return part
        # Pairs of surnames rarely repeat on a manifest; each surname's plan is cached, so
        # a new pair is put together from the two plans.
        units = [unit_info(unit) for unit in surnames]
        s1 = units[0] if units else None
        s2 = units[1] if len(units) > 1 else None
        part = SurnamePart()
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
            if blocks1 and (single1 or others2 != ONLY_NO_SURNAME):
                positions.append((blocks1, others2))
            if blocks2 and (single2 or others1 != ONLY_NO_SURNAME):
                positions.append((blocks2, others1))
            joined = joined_key((s1.key, s2.key))
            if joined in self._single_keys:
                block = self._gs.get(joined)
                if block is not None:
                    positions.append(((block,), ONLY_NO_SURNAME))
            part.positions = tuple(positions)
            part.ss = self._ss.get((s1.key, s2.key) if s1.key <= s2.key else (s2.key, s1.key))
            part.two = True
        if len(self._surname_units_parts) >= CACHE_LIMIT:
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
                lookup, others = (unit.key,), (*rare, NO_SURNAME)
            else:  # perhaps misspelt by the traveller: the list's spellings stand in
                lookup, others = (unit.key, *near), (*near, NO_SURNAME)
            gs = self._gs
            plan = (
                tuple(gs[key] for key in lookup if key in gs),
                others,
                not self._single_keys.isdisjoint(lookup),
            )
            if len(self._unit_plans) >= CACHE_LIMIT:
                self._unit_plans.clear()
            self._unit_plans[unit.norm] = plan
        return plan

    def _queries(self, traveller: Identity) -> list[Query] | tuple[Query, ...]:
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
            if len(self._full_queries) >= CACHE_LIMIT:
                self._full_queries.clear()
            self._full_queries[key] = queries
        return queries

    def _full_name_readings(
        self, full_name: str, units: tuple[str, ...] | None = None
    ) -> list[tuple]:
        """(given, surnames, surnames first?, ambiguous?) readings of a full name that this
        list makes plausible, plus the surnames-first one it vouches for (names.py, _plausible,
        _role_readings). ``units`` are its full_name_units, given when the name has neither a
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
        for role_reading in self._role_readings(full_name, units):
            if all(
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
            if len(self._roles) >= CACHE_LIMIT:
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

    def _lean(self, unit: str) -> str:
        """ "s" when the list uses the word more often as a surname than as a given name, "g"
        the other way round, "?" when it does not know the word or uses it both ways alike."""
        core = unit_info(unit).core
        as_given = self._given_role.get(core, 0)
        as_surname = self._surname_role.get(core, 0)
        return "s" if as_surname > as_given else "g" if as_given > as_surname else "?"

    def _role_readings(
        self, full_name: str, units: tuple[str, ...] | None = None
    ) -> list[ParsedName]:
        """Surnames-first readings of a full name without a comma ("HERNANDEZ ULLOA JOSE
        GUADALUPE"), searched beside the given-names-first ones.

        Manifests and MRZ-derived lines often drop the comma. Words alone cannot tell such a
        line from one written given names first, so the list's usage decides which splits are
        worth searching: the first word must lean to a surname on the list and the last to a
        given name, and no word may lean the wrong way for its side. One or two surnames are
        tried (the usual counts); every split that fits is searched.
        """
        if "," in full_name or "<<" in full_name:
            return []
        if units is None:
            units = full_name_units(full_name)
        if not 2 <= len(units) <= 5:
            return []
        lean = [self._lean(unit) for unit in units]
        if lean[0] != "s" or lean[-1] != "g":
            return []
        readings = []
        for split in (1, 2):
            if split < len(units) and "g" not in lean[:split] and "s" not in lean[split:]:
                readings.append(ParsedName(tuple(units[split:]), tuple(units[:split]), True))
        return readings
