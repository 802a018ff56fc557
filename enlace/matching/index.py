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

The code: index.py builds the index and searches one traveller; plans.py turns a traveller's
name into readings and lookup plans against the list's vocabulary; batch.py screens many
travellers, in forked workers.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterable
from dataclasses import dataclass

from enlace.core.identifiers import split_document
from enlace.matching.batch import BatchSearch
from enlace.matching.identity import Identity, Match
from enlace.matching.names import Unit, multiword_formal_keys, parse_full_name, parse_name
from enlace.matching.phonetic import joined_key
from enlace.matching.plans import (
    CACHE_LIMIT,
    NAMELESS,
    NO_SURNAME,
    GivenPart,
    LookupPlans,
    Query,
    SurnamePart,
    deletions,
    prepared_view,
)
from enlace.matching.reasons import Reason
from enlace.matching.score import (
    DEFAULT_THRESHOLD,
    NAME_VALUES,
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

# A block this large says more about the list (thousands of "MARIA LOPEZ" without a second
# surname) than about the traveller; scoring all of it would stall the batch.
MAX_BLOCK = 5_000
# Given names in another form (other_forms): surnames carried by more listed names than this
# share of the list (or OTHER_FORM_MIN_CAP) are too common for a birth date to single one out.
OTHER_FORM_SHARE = 1 / 2_000
OTHER_FORM_MIN_CAP = 5
_OTHER_FORM_SURNAMES = 0.97  # the surnames agree: equal, or sounding alike
_BEST_NAME = 0.99  # name values are capped here before they meet the evidence (score.logit)


class _Record(PreparedName):
    """A watchlist reading, with its identity and its initials."""

    __slots__ = ("ident", "initial_only", "initials")


@dataclass(frozen=True)
class IndexStats:
    identities: int
    names: int
    vocabulary: int
    gs_keys: int
    ss_keys: int
    largest_gs_block: int
    largest_ss_block: int


class WatchlistIndex(LookupPlans, BatchSearch):
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
        # (first surname key, birth date ordinal) → names with given names (other_forms)
        self._born: dict[tuple[str, int], list[int]] = {}
        self._surname_counts: dict[tuple[str, str], int] = {}  # surname keys → names
        self._counts: dict[str, int] = {}  # unit core → occurrences on the list
        self._given_role: dict[str, int] = {}
        self._surname_role: dict[str, int] = {}
        self._deleted_cores: dict[str, list[str]] = {}
        self._deleted_keys: dict[str, list[str]] = {}
        self._core_key: dict[str, str] = {}
        self._key_counts: dict[str, int] = {}
        self._multiword = multiword_formal_keys()
        self._total = 0  # names on the list, for how common a name is (score.common_name_factor)
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
        self._scorer = NameScorer(self._counts, self._total)
        self._targets: dict[float, float] = {}  # threshold → its logit
        self._searches = 0

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        for name in self._CACHES:
            state[name] = {}
        state["_scorer"] = NameScorer(self._counts, self._total)
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
            for variant in deletions(core):
                self._deleted_cores.setdefault(variant, []).append(core)
        for key in set(self._core_key.values()):
            for variant in deletions(key):
                self._deleted_keys.setdefault(variant, []).append(key)
        for number, record in enumerate(self._records):
            self._insert(number, record)
        self._single_keys = frozenset(
            record.s1.key for record in self._records if record.s1 is not None and record.s2 is None
        )
        self._total = len(self._records)
        self._scorer = NameScorer(self._counts, self._total)
        for number, record in enumerate(self._records):
            if record.s1 is None or not record.given:
                continue
            surnames = (record.s1.key, record.s2.key if record.s2 is not None else NO_SURNAME)
            self._surname_counts[surnames] = self._surname_counts.get(surnames, 0) + 1
            ordinal = self._evidence[record.ident].ordinal
            if ordinal:
                self._born.setdefault((record.s1.key, ordinal), []).append(number)

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
                s2.key if s2 is not None else NO_SURNAME, []
            ).append(number)
            if s2 is not None:
                if s2.key != s1.key:
                    gs.setdefault(s2.key, {}).setdefault(given_key, {}).setdefault(
                        s1.key, []
                    ).append(number)
                # the two surnames written as one ("Pierre Paul" for "Pierre-Paul")
                gs.setdefault(joined, {}).setdefault(given_key, {}).setdefault(
                    NO_SURNAME, []
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
                *(() if record.given else (NAMELESS,)),
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

    # --- search -----------------------------------------------------------------------

    def _candidates(self, given: GivenPart, surnames: SurnamePart) -> set[int]:
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
        if not self._searches % 1024 and scorer.size() >= CACHE_LIMIT:
            scorer.clear()
        value_of = scorer.value
        weights: dict[int, float] = {}
        best: dict[int, tuple[float, int, Query]] = {}
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
        other_forms: set[int] = set()
        if traveller.birth_date is not None and self._born:
            if evidence is None:
                evidence = Evidence(traveller)
            self._other_forms(evidence, queries, threshold, best, other_forms)
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
            name_reasons: list[Reason] = []
            if ident in other_forms:
                listed = records[number]
                name_reasons.append(
                    Reason(
                        "given_name_other_form",
                        "given_names",
                        f"{' '.join(unit.norm.upper() for unit in query[0].given)}/"
                        f"{' '.join(unit.norm.upper() for unit in listed.given)}",
                    )
                )
            name_reasons += compare_names(
                prepared_view(query),
                records[number],
                self._counts,
                scorer.levels,
                explain=True,
                total=self._total,
            )[1]
            matches.append(
                Match(self._ids[ident], round(score, 6), tuple(name_reasons + evidence_reasons))
            )
        matches.sort(key=lambda match: (-match.score, match.watchlist_id))
        return matches[:limit]

    def _other_forms(
        self, evidence: Evidence, queries, threshold: float, best: dict, found: set[int]
    ) -> None:
        """Listed names with the traveller's surnames and exact birth date whose given names
        agree in nothing: perhaps a hypocorism no table knows (Chucho for Jesús).

        Only surnames that agree fully (equal or sounding alike, the same number of them) and
        that few listed names carry count: among many García the same birth date is chance.
        """
        records = self._records
        cap = max(OTHER_FORM_MIN_CAP, self._total * OTHER_FORM_SHARE)
        scorer = self._scorer
        for query in queries:
            given, surnames, _surnames_first, ambiguous = query
            s1, s2 = surnames.s1, surnames.s2
            if s1 is None or not given.given:
                continue
            for number in self._born.get((s1.key, evidence.ordinal), ()):
                record = records[number]
                ident = record.ident
                if ident in best or (record.s2 is None) != (s2 is None):
                    continue
                key = (record.s1.key, record.s2.key if record.s2 is not None else NO_SURNAME)
                if self._surname_counts.get(key, 0) > cap:
                    continue
                value = scorer.surnames_value(s1, s2, ambiguous, record)
                if value < _OTHER_FORM_SURNAMES:
                    continue
                value *= NAME_VALUES["given_name_other_form"]
                weight = evidence_weight(evidence, self._evidence[ident])
                if combine(value, weight) >= threshold:
                    best[ident] = (value, number, query)
                    found.add(ident)

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
