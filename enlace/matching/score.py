"""Scoring a traveller's name and data against one watchlist name, with the reasons.

The score is built in two steps.

**Name.** Each given-name unit and each surname is compared with its counterpart and given a
level: equal (same normal form or same core, so "de la Cruz" = "Cruz"), phonetic (same
Spanish phonetic key), nickname (given names only, from data/hypocorisms.csv), initial, typo,
similar, or different. *Typo* and *similar* both mean one edit apart (insert, delete,
substitute or swap two neighbouring letters, on the spelling or on the phonetic key); it is a
typo when the traveller's spelling is unknown to the watchlist, or the list's spelling occurs
only once on it (a misspelling on the list), and merely *similar* when both are names the list
knows well: "Mario" is not a misspelt "María". The levels multiply into a name value in
(0, 1]; a missing second surname, a missing given name, swapped surnames or given names in
another order multiply in a penalty (NAME_VALUES). A *different* second surname weighs almost
as much as a different first one: siblings share both.

**Other evidence.** Birth date, nationality, sex and document number then move the score in
log-odds (EVIDENCE_WEIGHTS): score = sigmoid(logit(name value) + sum of weights). An equal
birth date lifts a likely name well over the threshold; a birth date in another year sinks
even an identical name below it; an equal document number is strong evidence; a different
document number from the same issuing country is only mild evidence against (people renew
passports).

Single differences (one typo, swapped surnames, a dropped second surname, an initial, a
nickname) keep a name-only score above DEFAULT_THRESHOLD; two of them together, or a missing
given name, need corroboration (birth date, document) to reach it.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping

from rapidfuzz.distance import OSA

from enlace.core.identifiers import split_document
from enlace.matching.identity import Identity
from enlace.matching.names import ParsedName, Unit, unit_info
from enlace.matching.phonetic import joined_key
from enlace.matching.reasons import Reason

__all__ = [
    "COMMON_NAME_FLOOR",
    "COMMON_NAME_FROM",
    "COMMON_NAME_MIN_LIST",
    "COMMON_NAME_SLOPE",
    "DEFAULT_THRESHOLD",
    "EVIDENCE_WEIGHTS",
    "NAME_VALUES",
    "Evidence",
    "NameScorer",
    "PreparedName",
    "combine",
    "common_name_factor",
    "compare_evidence",
    "compare_names",
    "evidence_weight",
    "logit",
]

DEFAULT_THRESHOLD = 0.8

EQUAL, PHONETIC, NICKNAME, INITIAL, TYPO, SIMILAR, DIFFER = (
    "equal",
    "phonetic",
    "nickname",
    "initial",
    "typo",
    "similar",
    "differ",
)

GIVEN_LEVELS = {
    EQUAL: 1.0,
    PHONETIC: 0.97,
    NICKNAME: 0.92,
    INITIAL: 0.9,
    TYPO: 0.9,
    SIMILAR: 0.55,
    DIFFER: 0.05,
}
SURNAME_LEVELS = {
    EQUAL: 1.0,
    PHONETIC: 0.97,
    NICKNAME: 0.1,
    INITIAL: 0.7,
    TYPO: 0.92,
    SIMILAR: 0.5,
    DIFFER: 0.1,
}
NAME_VALUES = {
    "given_name_missing": 0.75,  # per unit present on one side only (José / José Guadalupe)
    "given_names_reordered": 0.78,  # "Awa Aminata"/"Aminata Awa": needs corroboration
    "given_names_joined": 0.97,
    "given_names_absent": 0.6,
    "second_surname_missing": 0.88,
    "first_surname_missing": 0.75,
    "surnames_swapped": 0.95,
    "surnames_joined": 0.97,
    "surnames_absent": 0.5,
    # Given names that agree in nothing, on a listed name whose surnames and exact birth date
    # the traveller shares and that few listed people share: a hypocorism no table knows
    # (Chucho for Jesús, Bob for Robert). Reached only through the birth date (index.py).
    "given_name_other_form": 0.35,
    # A full name of three words read as one given name and two surnames, matched to a listed
    # name with one surname: the traveller's "first surname" may be a second given name.
    "full_name_ambiguous": 0.9,
}
EVIDENCE_WEIGHTS = {
    "birth_date_equal": 2.2,
    "birth_date_day_month_swapped": 1.2,
    "birth_date_differs_same_year": -1.5,
    "birth_date_differs": -4.0,
    "birth_year_equal": 0.6,
    "birth_year_differs_by_one": -1.0,
    "birth_year_differs": -3.0,
    "nationality_equal": 0.2,
    "nationality_differs": -0.5,
    "sex_equal": 0.1,
    "sex_differs": -2.0,
    "document_number_equal": 3.0,
    "document_number_differs": -0.3,
}
# How common a name is (issue 14). A partial match (a given name or the second surname
# missing on one side) says little when many people share the parts that agree: a listed
# "Luis Torres" and a traveller "Luis Torres Mora" are most likely two people. The parts that
# agree (the shorter side's first given name, the first surname, the second one when both sides
# have it) are looked up on the list; ``expected`` is how many of the list's names would share
# all of them by chance, the product of their shares times the list's size. Above
# COMMON_NAME_FROM (one traveller in twenty with those parts would meet a listed name by
# chance) the partial match is multiplied by 1 - COMMON_NAME_SLOPE * ln(expected /
# COMMON_NAME_FROM), never below the floor:
# a missing second surname stays an alert (the list cannot tell those apart, so it must not
# hide them) but ranks lower; a missing given name on a common name falls under the threshold.
COMMON_NAME_FROM = 0.05
# A list shorter than this says too little about how common a name is: no factor.
COMMON_NAME_MIN_LIST = 1_000
COMMON_NAME_SLOPE = 0.04
COMMON_NAME_FLOOR = {"given_name_missing": 0.85, "second_surname_missing": 0.915}
_NAME_FLOOR, _NAME_CEILING = 0.01, 0.99
# The best one given name against two can do, unless written together or as a nickname.
_UNEQUAL_GIVEN_BEST = NAME_VALUES["given_name_missing"]


def logit(value: float) -> float:
    value = min(max(value, _NAME_FLOOR), _NAME_CEILING)
    return math.log(value / (1.0 - value))


def combine(name_value: float, weight: float) -> float:
    """Final score from the name value and the summed evidence weights."""
    return 1.0 / (1.0 + math.exp(-(logit(name_value) + weight)))


def common_name_factor(
    query, t2: Unit | None, record: PreparedName, counts: Mapping[str, int], total: int
) -> tuple[float, tuple[Unit, ...]]:
    """The factor of a partial match between a traveller's reading (given names in
    ``query``, second surname ``t2``) and a listed one for how common the agreeing parts are
    (1.0 for a full match, a rare name or ``total`` 0), and those parts."""
    r1 = record.s1
    if total < COMMON_NAME_MIN_LIST or r1 is None or not query.given or not record.given:
        return 1.0, ()
    mine, theirs = query.given, record.given
    given_missing = len(mine) != len(theirs)
    surname_missing = (t2 is None) != (record.s2 is None)
    if not (given_missing or surname_missing):
        return 1.0, ()
    parts = ((mine if len(mine) <= len(theirs) else theirs)[0], r1)
    if t2 is not None and record.s2 is not None:
        parts += (record.s2,)
    expected = float(total)
    for unit in parts:
        expected *= counts.get(unit.core, 0) / total
    if expected <= COMMON_NAME_FROM:
        return 1.0, ()
    floor = COMMON_NAME_FLOOR["given_name_missing" if given_missing else "second_surname_missing"]
    return max(floor, 1.0 - COMMON_NAME_SLOPE * math.log(expected / COMMON_NAME_FROM)), parts


# --- names --------------------------------------------------------------------------------


class PreparedName:
    """A reading of a name with its units looked up: what scoring and blocking read."""

    __slots__ = (
        "alias",
        "ambiguous",
        "concat_core",
        "concat_key",
        "given",
        "s1",
        "s2",
        "surnames_first",
    )

    def __init__(self, parsed: ParsedName, alias: str = "") -> None:
        self.given: tuple[Unit, ...] = tuple(unit_info(unit) for unit in parsed.given)
        surnames = [unit_info(unit) for unit in parsed.surnames]
        self.s1: Unit | None = surnames[0] if surnames else None
        # A third surname unit is rare (a married name); only two are compared.
        self.s2: Unit | None = surnames[1] if len(surnames) > 1 else None
        self.concat_core = "".join(unit.core for unit in self.given)
        self.concat_key = joined_key([unit.key for unit in self.given])
        self.surnames_first = parsed.surnames_first
        self.ambiguous = parsed.ambiguous
        self.alias = alias


def _upper(unit: Unit) -> str:
    return unit.norm.upper()


def _pair(traveller: Unit, listed: Unit) -> str:
    return f"{_upper(traveller)}/{_upper(listed)}"


def compare_units(traveller: Unit, listed: Unit, given: bool, counts: Mapping[str, int]) -> str:
    """The level of agreement of two units (see the module docstring)."""
    if traveller is listed or traveller.core == listed.core:
        return EQUAL
    if traveller.key == listed.key:
        return PHONETIC
    if traveller.is_initial or listed.is_initial:
        return INITIAL if traveller.initial == listed.initial else DIFFER
    if given and not traveller.canon.isdisjoint(listed.canon):
        return NICKNAME
    if (
        OSA.distance(traveller.core, listed.core, score_cutoff=1) <= 1
        or OSA.distance(traveller.key, listed.key, score_cutoff=1) <= 1
    ):
        if traveller.core not in counts or counts.get(listed.core, 0) <= 1:
            return TYPO
        return SIMILAR
    return DIFFER


def _given_pair_reasons(levels: list[tuple[str, Unit, Unit]]) -> list[Reason]:
    reasons: list[Reason] = []
    for level, traveller, listed in levels:
        if level == EQUAL:
            continue
        detail = _pair(traveller, listed)
        if level == PHONETIC:
            reasons.append(Reason("given_names_phonetic", "given_names", detail))
        elif level == NICKNAME:
            reasons.append(Reason("given_name_nickname", "given_names", detail))
        elif level == INITIAL:
            reasons.append(Reason("given_name_initial", "given_names", detail))
        elif level == TYPO:
            reasons.append(Reason("typo", "given_names", detail))
        elif level == SIMILAR:
            reasons.append(Reason("given_name_similar", "given_names", detail))
        else:
            reasons.append(Reason("given_names_differ", "given_names", detail))
    return reasons


def _compare_given(
    query: PreparedName, record: PreparedName, cache: dict, counts: Mapping[str, int], explain: bool
) -> tuple[float, list[Reason]]:
    mine, theirs = query.given, record.given
    if not mine or not theirs:
        return NAME_VALUES["given_names_absent"], (
            [Reason("given_names_absent", "given_names")] if explain else []
        )

    def level(traveller: Unit, listed: Unit) -> str:
        marker = (traveller, listed, True)
        found = cache.get(marker)
        if found is None:
            found = cache[marker] = compare_units(traveller, listed, True, counts)
        return found

    if len(mine) == 1 and len(theirs) == 1:
        only = level(mine[0], theirs[0])
        value = GIVEN_LEVELS[only]
        if not explain:
            return value, []
        if only == EQUAL:
            return value, [Reason("given_names_equal", "given_names")]
        return value, _given_pair_reasons([(only, mine[0], theirs[0])])

    best_value = -1.0
    best: tuple[str, list[tuple[str, Unit, Unit]], list[Unit]] = ("", [], [])
    shorter, longer = (mine, theirs) if len(mine) <= len(theirs) else (theirs, mine)
    extra = len(longer) - len(shorter)
    for offset in range(extra + 1):
        levels = []
        value = NAME_VALUES["given_name_missing"] ** extra
        for index, unit in enumerate(shorter):
            other = longer[index + offset]
            traveller, listed = (unit, other) if shorter is mine else (other, unit)
            found = level(traveller, listed)
            value *= GIVEN_LEVELS[found]
            levels.append((found, traveller, listed))
        if value > best_value:
            missing = [
                unit
                for position, unit in enumerate(longer)
                if not offset <= position < offset + len(shorter)
            ]
            best_value, best = value, ("", levels, missing)
    if len(mine) == 2 and len(theirs) == 2:
        first, second = level(mine[0], theirs[1]), level(mine[1], theirs[0])
        value = GIVEN_LEVELS[first] * GIVEN_LEVELS[second] * NAME_VALUES["given_names_reordered"]
        if value > best_value:
            best_value, best = (
                value,
                (
                    "given_names_reordered",
                    [(first, mine[0], theirs[1]), (second, mine[1], theirs[0])],
                    [],
                ),
            )
    if len(mine) != len(theirs) and query.concat_core == record.concat_core:
        value = NAME_VALUES["given_names_joined"]
        if value > best_value:
            best_value, best = value, ("given_names_joined", [], [])
    if (len(mine) == 1 and record.concat_key in mine[0].canon) or (
        len(theirs) == 1 and query.concat_key in theirs[0].canon
    ):
        value = GIVEN_LEVELS[NICKNAME]
        if value > best_value:
            best_value, best = value, ("given_name_nickname", [], [])
    if not explain:
        return best_value, []
    special, levels, missing = best
    reasons: list[Reason] = []
    if special in ("given_names_joined", "given_name_nickname"):
        detail = (
            f"{' '.join(_upper(unit) for unit in mine)}/{' '.join(_upper(unit) for unit in theirs)}"
        )
        return best_value, [Reason(special, "given_names", detail)]
    if special:  # reordered
        reasons.append(Reason(special, "given_names", " ".join(_upper(unit) for unit in mine)))
    elif all(found == EQUAL for found, _traveller, _listed in levels):
        reasons.append(Reason("given_names_equal", "given_names"))
    reasons.extend(_given_pair_reasons(levels))
    if missing:
        reasons.append(
            Reason("given_name_missing", "given_names", " ".join(_upper(unit) for unit in missing))
        )
    return best_value, reasons


def _joined(first: Unit, second: Unit | None) -> str:
    return _upper(first) if second is None else f"{_upper(first)} {_upper(second)}"


_SURNAME_CODES = {
    (1, EQUAL): "first_surname_equal",
    (2, EQUAL): "second_surname_equal",
    (1, PHONETIC): "first_surname_phonetic",
    (2, PHONETIC): "second_surname_phonetic",
    (1, SIMILAR): "first_surname_similar",
    (2, SIMILAR): "second_surname_similar",
    (1, INITIAL): "first_surname_similar",
    (2, INITIAL): "second_surname_similar",
    (1, DIFFER): "first_surname_differs",
    (2, DIFFER): "second_surname_differs",
    (1, NICKNAME): "first_surname_differs",
    (2, NICKNAME): "second_surname_differs",
}


def _surname_reason(position: int, level: str, traveller: Unit, listed: Unit) -> Reason:
    field = "first_surname" if position == 1 else "second_surname"
    if level == TYPO:
        return Reason("typo", field, _pair(traveller, listed))
    code = _SURNAME_CODES[(position, level)]
    detail = "" if level == EQUAL else _pair(traveller, listed)
    return Reason(code, field, detail)


def _compare_surnames(
    query: PreparedName, record: PreparedName, cache: dict, counts: Mapping[str, int], explain: bool
) -> tuple[float, list[Reason]]:
    t1, t2, r1, r2 = query.s1, query.s2, record.s1, record.s2
    if t1 is None or r1 is None:
        return NAME_VALUES["surnames_absent"], (
            [Reason("surnames_absent", "name")] if explain else []
        )

    def level(traveller: Unit, listed: Unit) -> str:
        marker = (traveller, listed, False)
        found = cache.get(marker)
        if found is None:
            found = cache[marker] = compare_units(traveller, listed, False, counts)
        return found

    if (t2 is None) != (r2 is None) and (
        t1.core + (t2.core if t2 is not None else "")
        == r1.core + (r2.core if r2 is not None else "")
    ):
        # "Pierre-Paul" and "Pierre Paul": one surname written together or apart.
        value = NAME_VALUES["surnames_joined"]
        return value, (
            [Reason("surnames_joined", "name", _joined(t1, t2) + "/" + _joined(r1, r2))]
            if explain
            else []
        )
    first = level(t1, r1)
    options: list[tuple[float, str]] = []
    if t2 is not None and r2 is not None:
        second = level(t2, r2)
        options.append((SURNAME_LEVELS[first] * SURNAME_LEVELS[second], "straight"))
        if first != EQUAL or second != EQUAL:
            swapped_first, swapped_second = level(t1, r2), level(t2, r1)
            options.append(
                (
                    SURNAME_LEVELS[swapped_first]
                    * SURNAME_LEVELS[swapped_second]
                    * NAME_VALUES["surnames_swapped"],
                    "swapped",
                )
            )
    elif t2 is None and r2 is None:
        options.append((SURNAME_LEVELS[first], "single"))
    else:
        value = SURNAME_LEVELS[first] * NAME_VALUES["second_surname_missing"]
        if t2 is not None and query.ambiguous:
            value *= NAME_VALUES["full_name_ambiguous"]
        options.append((value, "second_missing"))
        if t2 is None:
            options.append(
                (
                    SURNAME_LEVELS[level(t1, r2)]  # type: ignore[arg-type]
                    * NAME_VALUES["first_surname_missing"],
                    "traveller_second_only",
                )
            )
        else:
            options.append(
                (
                    SURNAME_LEVELS[level(t2, r1)] * NAME_VALUES["first_surname_missing"],
                    "listed_second_only",
                )
            )
    value, shape = max(options, key=lambda option: option[0])
    if not explain:
        return value, []
    reasons: list[Reason] = []
    if shape == "straight":
        reasons.append(_surname_reason(1, first, t1, r1))
        reasons.append(_surname_reason(2, level(t2, r2), t2, r2))  # type: ignore[arg-type]
    elif shape == "swapped":
        reasons.append(
            Reason(
                "surnames_swapped", "name", f"{_upper(t1)} {_upper(t2)}/{_upper(r1)} {_upper(r2)}"
            )
        )  # type: ignore[arg-type]
        for position, (traveller, listed) in enumerate(((t1, r2), (t2, r1)), start=1):
            found = level(traveller, listed)  # type: ignore[arg-type]
            if found != EQUAL:
                reasons.append(_surname_reason(position, found, traveller, listed))  # type: ignore[arg-type]
    elif shape == "single":
        reasons.append(_surname_reason(1, first, t1, r1))
    elif shape == "second_missing":
        reasons.append(_surname_reason(1, first, t1, r1))
        present = r2 if t2 is None else t2
        reasons.append(Reason("second_surname_missing", "second_surname", _upper(present)))  # type: ignore[arg-type]
        if t2 is not None and query.ambiguous:
            reasons.append(Reason("full_name_ambiguous", "name"))
    elif shape == "traveller_second_only":
        found = level(t1, r2)  # type: ignore[arg-type]
        reasons.append(Reason("first_surname_missing", "first_surname", _upper(r1)))
        if found != EQUAL:
            reasons.append(_surname_reason(2, found, t1, r2))  # type: ignore[arg-type]
        else:
            reasons.append(Reason("second_surname_equal", "second_surname"))
    else:  # listed_second_only
        found = level(t2, r1)  # type: ignore[arg-type]
        reasons.append(Reason("first_surname_missing", "first_surname", _upper(t1)))
        if found != EQUAL:
            reasons.append(_surname_reason(2, found, t2, r1))  # type: ignore[arg-type]
        else:
            reasons.append(Reason("second_surname_equal", "second_surname"))
    return value, reasons


def compare_names(
    query: PreparedName,
    record: PreparedName,
    counts: Mapping[str, int],
    levels: dict | None = None,
    explain: bool = False,
    total: int = 0,
) -> tuple[float, list[Reason]]:
    """Name value in (0, 1] of a traveller's reading against a watchlist reading.

    ``counts`` are the occurrences of each unit core on the watchlist (known names, see
    compare_units) and ``total`` the number of names on it (0: do not weigh how common a
    name is, see common_name_factor); ``levels`` remembers unit comparisons between calls.
    Reasons are built only with ``explain``, as most comparisons end below the threshold.
    """
    levels = {} if levels is None else levels
    given_value, given_reasons = _compare_given(query, record, levels, counts, explain)
    surname_value, surname_reasons = _compare_surnames(query, record, levels, counts, explain)
    factor, common = common_name_factor(query, query.s2, record, counts, total)
    value = given_value * surname_value * factor
    if not explain:
        return value, []
    reasons = given_reasons + surname_reasons
    if factor < 1.0:
        reasons.append(Reason("common_name", "name", " ".join(_upper(unit) for unit in common)))
    if query.surnames_first or record.surnames_first:
        reasons.append(Reason("surnames_first_order", "name"))
    if record.alias:
        reasons.append(Reason("alias", "name", record.alias))
    return value, reasons


class NameScorer:
    """compare_names without reasons, fast: the search calls it for every candidate.

    Whole names rarely repeat, but pairs of units do (the thousandth María/María), so the
    value of each pair of units is remembered and the name value is multiplied together
    from them. It computes exactly what compare_names computes (a property test holds them
    equal); compare_names then explains the few matches returned.
    """

    __slots__ = ("counts", "given_levels", "given_values", "levels", "surname_levels", "total")

    def __init__(self, counts: Mapping[str, int], total: int = 0) -> None:
        self.counts = counts
        self.total = total
        self.levels: dict = {}  # (unit, unit, given?) → level, shared with compare_names
        self.given_levels: dict[tuple[Unit, Unit], float] = {}
        self.surname_levels: dict[tuple[Unit, Unit], float] = {}
        self.given_values: dict = {}

    def clear(self) -> None:
        self.levels.clear()
        self.given_levels.clear()
        self.surname_levels.clear()
        self.given_values.clear()

    def size(self) -> int:
        return len(self.levels) + len(self.given_values)

    def _given_level(self, traveller: Unit, listed: Unit) -> float:
        value = self.given_levels.get((traveller, listed))
        if value is None:
            value = self.given_levels[(traveller, listed)] = GIVEN_LEVELS[
                compare_units(traveller, listed, True, self.counts)
            ]
        return value

    def _two_given(self, query, record: PreparedName) -> float:
        """_compare_given's value for one or two given names on each side (not both one)."""
        mine, theirs = query.given, record.given
        level = self._given_level
        if len(mine) == 2 and len(theirs) == 2:
            in_order = level(mine[0], theirs[0]) * level(mine[1], theirs[1])
            reordered = (
                level(mine[0], theirs[1])
                * level(mine[1], theirs[0])
                * NAME_VALUES["given_names_reordered"]
            )
            return in_order if in_order >= reordered else reordered
        missing = NAME_VALUES["given_name_missing"]
        if len(mine) == 1:
            best = max(level(mine[0], theirs[0]), level(mine[0], theirs[1])) * missing
            if record.concat_key in mine[0].canon:
                best = max(best, GIVEN_LEVELS[NICKNAME])
        else:
            best = max(level(mine[0], theirs[0]), level(mine[1], theirs[0])) * missing
            if query.concat_key in theirs[0].canon:
                best = max(best, GIVEN_LEVELS[NICKNAME])
        if query.concat_core == record.concat_core:
            best = max(best, NAME_VALUES["given_names_joined"])
        return best

    def _surname_level(self, traveller: Unit, listed: Unit) -> float:
        value = self.surname_levels.get((traveller, listed))
        if value is None:
            value = self.surname_levels[(traveller, listed)] = SURNAME_LEVELS[
                compare_units(traveller, listed, False, self.counts)
            ]
        return value

    def value(
        self,
        query,
        t1: Unit | None,
        t2: Unit | None,
        ambiguous: bool,
        record: PreparedName,
        needed: float = 0.0,
    ) -> float:
        """Name value of a reading (its given names in ``query``, read as a PreparedName's,
        its surnames ``t1``, ``t2``) against a listed reading.

        Below ``needed`` the exact value does not matter: the surnames are scored first and
        the given names skipped (0 returned) when the best they could bring falls short.
        """
        if self.total:
            factor = common_name_factor(query, t2, record, self.counts, self.total)[0]
            if factor < 1.0:
                return factor * self._value(query, t1, t2, ambiguous, record, needed / factor)
        return self._value(query, t1, t2, ambiguous, record, needed)

    def surnames_value(
        self, t1: Unit | None, t2: Unit | None, ambiguous: bool, record: PreparedName
    ) -> float:
        """The surnames' part of the name value (1.0 when they agree fully)."""
        r1, r2 = record.s1, record.s2
        if t1 is None or r1 is None:
            surnames = NAME_VALUES["surnames_absent"]
        else:
            level = self._surname_level
            if t2 is not None and r2 is not None:
                surnames = level(t1, r1) * level(t2, r2)
                if surnames < 1.0:
                    swapped = level(t1, r2) * level(t2, r1) * NAME_VALUES["surnames_swapped"]
                    if swapped > surnames:
                        surnames = swapped
            elif t2 is None and r2 is None:
                surnames = level(t1, r1)
            elif t1.core + (t2.core if t2 is not None else "") == r1.core + (
                r2.core if r2 is not None else ""
            ):
                surnames = NAME_VALUES["surnames_joined"]
            else:
                missing = level(t1, r1) * NAME_VALUES["second_surname_missing"]
                if t2 is None:
                    crossed = level(t1, r2) * NAME_VALUES["first_surname_missing"]  # type: ignore[arg-type]
                else:
                    if ambiguous:
                        missing *= NAME_VALUES["full_name_ambiguous"]
                    crossed = level(t2, r1) * NAME_VALUES["first_surname_missing"]
                surnames = missing if missing >= crossed else crossed
        return surnames

    def _value(
        self,
        query,
        t1: Unit | None,
        t2: Unit | None,
        ambiguous: bool,
        record: PreparedName,
        needed: float,
    ) -> float:
        surnames = self.surnames_value(t1, t2, ambiguous, record)
        if surnames < needed:
            return 0.0
        mine, theirs = query.given, record.given
        if len(mine) == 1 and len(theirs) == 1:
            return surnames * self._given_level(mine[0], theirs[0])
        if len(mine) <= 2 and len(theirs) <= 2 and mine and theirs:
            if (
                len(mine) != len(theirs)
                and surnames * _UNEQUAL_GIVEN_BEST < needed
                and not (
                    query.concat_core == record.concat_core
                    or record.concat_key in mine[0].canon
                    or query.concat_key in theirs[0].canon
                )
            ):
                return 0.0
            return surnames * self._two_given(query, record)
        marker = (mine, theirs)
        given = self.given_values.get(marker)
        if given is None:
            given = self.given_values[marker] = _compare_given(
                query, record, self.levels, self.counts, False
            )[0]
        return surnames * given


# --- other evidence -----------------------------------------------------------------------


_NONE: frozenset[str] = frozenset()
_SEXES = frozenset({"", "M", "F"})


class Evidence:
    """Birth date, nationality, sex and documents of one identity, ready to compare."""

    __slots__ = (
        "birth",
        "countries",
        "documents",
        "empty",
        "nationalities",
        "ordinal",
        "sex",
        "year",
    )

    def __init__(self, identity: Identity) -> None:
        birth = identity.birth_date
        self.birth: datetime.date | None = birth
        self.ordinal: int = birth.toordinal() if birth is not None else 0
        self.year: int | None = birth.year if birth is not None else identity.birth_year
        self.nationalities: frozenset[str] = _NONE
        self.countries: frozenset[str] = _NONE
        self.documents: frozenset[str] = _NONE
        sex = identity.sex
        self.sex = sex if sex in _SEXES else sex.strip().upper()
        codes = identity.nationalities
        if codes:
            if len(codes) == 1 and len(codes[0]) == 2 and codes[0].isupper():
                self.nationalities = frozenset(codes)
            else:
                self.nationalities = frozenset(
                    code.strip().upper() for code in codes if code.strip()
                )
        countries: set[str] = set()
        if identity.document_numbers:
            documents: set[str] = set()
            for raw in identity.document_numbers:
                country, number = split_document(raw)
                if number:
                    documents.add(number)
                    if country:
                        countries.add(country)
            self.documents = frozenset(documents)
        # Without a prefix the nationalities stand in for the issuing country.
        self.countries = frozenset(countries) if countries else self.nationalities
        self.empty = not (self.year or self.nationalities or self.sex or self.documents)


_W = EVIDENCE_WEIGHTS


def evidence_weight(traveller: Evidence, listed: Evidence) -> float:
    """Summed log-odds weight of the evidence, without reasons (the fast path of search)."""
    weight = 0.0
    if traveller.ordinal and listed.ordinal:
        if traveller.ordinal == listed.ordinal:
            weight += _W["birth_date_equal"]
        else:
            mine, theirs = traveller.birth, listed.birth
            if mine.year != theirs.year:  # type: ignore[union-attr]
                weight += _W["birth_date_differs"]
            elif mine.month == theirs.day and mine.day == theirs.month:  # type: ignore[union-attr]
                weight += _W["birth_date_day_month_swapped"]
            else:
                weight += _W["birth_date_differs_same_year"]
    elif traveller.year and listed.year:
        gap = abs(traveller.year - listed.year)
        weight += (
            _W["birth_year_equal"]
            if gap == 0
            else _W["birth_year_differs_by_one"]
            if gap == 1
            else _W["birth_year_differs"]
        )
    if traveller.nationalities and listed.nationalities:
        weight += (
            _W["nationality_differs"]
            if traveller.nationalities.isdisjoint(listed.nationalities)
            else _W["nationality_equal"]
        )
    if traveller.sex and listed.sex:
        weight += _W["sex_equal"] if traveller.sex == listed.sex else _W["sex_differs"]
    if traveller.documents and listed.documents:
        if not traveller.documents.isdisjoint(listed.documents):
            weight += _W["document_number_equal"]
        elif not traveller.countries.isdisjoint(listed.countries):
            weight += _W["document_number_differs"]
    return weight


def compare_evidence(traveller: Evidence, listed: Evidence) -> tuple[float, list[Reason]]:
    """Summed log-odds weight of birth date, nationality, sex and documents, with reasons."""
    reasons: list[Reason] = []
    if traveller.birth is not None and listed.birth is not None:
        mine, theirs = traveller.birth, listed.birth
        detail = f"{mine.isoformat()}/{theirs.isoformat()}"
        if mine == theirs:
            reasons.append(Reason("birth_date_equal", "birth_date"))
        elif mine.year == theirs.year and mine.month == theirs.day and mine.day == theirs.month:
            reasons.append(Reason("birth_date_day_month_swapped", "birth_date", detail))
        else:
            reasons.append(Reason("birth_date_differs", "birth_date", detail))
    elif traveller.year is not None and listed.year is not None:
        if traveller.year == listed.year:
            reasons.append(Reason("birth_year_equal", "birth_date"))
        else:
            reasons.append(
                Reason("birth_year_differs", "birth_date", f"{traveller.year}/{listed.year}")
            )
    if traveller.nationalities and listed.nationalities:
        shared = traveller.nationalities & listed.nationalities
        if shared:
            reasons.append(Reason("nationality_equal", "nationality", ", ".join(sorted(shared))))
        else:
            reasons.append(
                Reason(
                    "nationality_differs",
                    "nationality",
                    f"{', '.join(sorted(traveller.nationalities))}/"
                    f"{', '.join(sorted(listed.nationalities))}",
                )
            )
    if traveller.sex and listed.sex:
        if traveller.sex == listed.sex:
            reasons.append(Reason("sex_equal", "sex"))
        else:
            reasons.append(Reason("sex_differs", "sex", f"{traveller.sex}/{listed.sex}"))
    if traveller.documents and listed.documents:
        if not traveller.documents.isdisjoint(listed.documents):
            reasons.append(Reason("document_number_equal", "document_number"))
        elif not traveller.countries.isdisjoint(listed.countries):
            reasons.append(
                Reason(
                    "document_number_differs",
                    "document_number",
                    ", ".join(sorted(traveller.countries & listed.countries)),
                )
            )
    return evidence_weight(traveller, listed), reasons
