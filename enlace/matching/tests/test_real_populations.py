"""Names as real populations write them (issue 14): diminutives, unknown hypocorisms with a
birth date, surnames first without a comma, how common a name is.

The names here are made from patterns (syllables, suffix rules written in this file), never
taken from the engine's tables.
"""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from enlace.matching import DEFAULT_THRESHOLD, Identity, WatchlistIndex

CONSONANTS = "bdfglmnprstv"
VOWELS = "aeiou"
syllable = st.tuples(st.sampled_from(CONSONANTS), st.sampled_from(VOWELS)).map("".join)
# A made-up given-name stem of two or three syllables ("bale", "tomira"), capitalised later.
stem = st.lists(syllable, min_size=2, max_size=3).map("".join)


def spanish_diminutive(name: str) -> str:
    """The diminutive as Spanish speakers form it, written here apart from the engine."""
    lower = name.lower()
    if lower.endswith(("co", "ca")):
        return name[:-2] + ("quito" if lower.endswith("o") else "quita")
    if lower.endswith(("go", "ga")):
        return name[:-2] + ("guito" if lower.endswith("o") else "guita")
    if lower.endswith(("o", "a")):
        return name[:-1] + ("ito" if lower.endswith("o") else "ita")
    if lower.endswith(("n", "r")):
        return name + "cito"
    return name + "ito"


@settings(max_examples=60, deadline=None)
@given(
    base=stem,
    ending=st.sampled_from(["o", "a", "co", "ga", "n", "r", "l"]),
    written_on=st.sampled_from(["traveller", "list"]),
)
def test_a_diminutive_matches_its_name_on_the_name_alone(base, ending, written_on):
    name = (base + ending).capitalize()
    small = spanish_diminutive(name)
    listed_name, travelling_name = (name, small) if written_on == "traveller" else (small, name)
    index = WatchlistIndex.build(
        [
            Identity("W1", listed_name, "Quiroga Llanes"),
            Identity("W2", "Zacarías", "Quiroga Llanes"),
        ]
    )
    matches = index.search(Identity("T1", travelling_name, "QUIROGA LLANES"))
    assert [match.watchlist_id for match in matches] == ["W1"]
    assert matches[0].score >= DEFAULT_THRESHOLD
    assert "given_name_nickname" in {reason.code for reason in matches[0].reasons}


def test_a_word_that_only_ends_like_a_diminutive_stays_itself():
    # "Tito" has no stem to come from; "Rita" is not "Ra" + -ita.
    index = WatchlistIndex.build(
        [Identity("W1", "Tomás", "Quiroga"), Identity("W2", "Ra", "Quiroga")]
    )
    assert index.search(Identity("T1", "Rita", "Quiroga")) == []


BORN = datetime.date(1984, 11, 23)
