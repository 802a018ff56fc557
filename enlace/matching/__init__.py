"""Name and identity matching for traveller screening: a pure-Python library.

No Django here (a test checks it): the engine is benchmarked on its own and the screening app
wires it to the watchlist. Modules, in the order data flows through them:

- normalize.py: one normal form per written name (transliteration, case, punctuation).
- phonetic.py: a Spanish-aware phonetic key per word.
- names.py: given names, surnames, particles, compound surnames, word order; hypocorisms.
- score.py: name comparison levels, birth date / nationality / sex / document evidence.
- reasons.py: the reason codes every match carries, with English texts.
- index.py: the blocking index and the search.

    >>> from enlace.matching import Identity, WatchlistIndex
    >>> index = WatchlistIndex.build([Identity("W1", "José Guadalupe", "Hernández Ulloa")])
    >>> traveller = Identity("T1", full_name="JOSE HERNANDEZ ULLOA")
    >>> [match.watchlist_id for match in index.search(traveller)]
    ['W1']
"""

from enlace.matching.identity import Identity, Match
from enlace.matching.index import WatchlistIndex
from enlace.matching.reasons import REASON_CODES, Reason
from enlace.matching.score import DEFAULT_THRESHOLD

__all__ = ["DEFAULT_THRESHOLD", "REASON_CODES", "Identity", "Match", "Reason", "WatchlistIndex"]
