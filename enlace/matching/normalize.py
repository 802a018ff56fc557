"""Normalization of names before they are compared: one canonical spelling per written name.

Names arrive as the region writes them: with or without accents (passports and the MRZ drop
them), in capitals or not, with hyphens, apostrophes and stray punctuation, and sometimes in
another script (extra-regional migrants). Every comparison in the engine starts from the same
normal form, so that only real differences are left for the phonetic and edit-distance steps:

1. transliteration to Latin with anyascii (José → Jose, Peña → Pena as on passports,
   Мария → Mariya, Nguyễn → Nguyen); Chinese characters and Hangul syllables are one
   syllable each, so they are spaced out first (王伟 → "Wang Wei", not "WangWei");
2. case folding to lower case;
3. apostrophes are dropped, joining the parts (O'Brien → obrien, D'Angelo → dangelo),
   because the same name is written with and without them;
4. every other character that is not a letter or digit (hyphen, dot, comma, slash ...)
   becomes a space, so "Jean-Pierre" and "J." give the words "jean pierre" and "j";
5. runs of whitespace become one space, none at either end.

The result holds only ``[a-z0-9 ]``; normalizing it again changes nothing (idempotent, a
property test checks it).
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

__all__ = ["normalize_text", "tokens", "transliterate"]

_APOSTROPHES = "'`"


def _ascii_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(128):
        char = chr(code)
        if "A" <= char <= "Z":
            table[code] = char.lower()
        elif ("a" <= char <= "z") or ("0" <= char <= "9"):
            continue
        elif char in _APOSTROPHES:
            table[code] = None
        else:
            table[code] = " "
    return table


_TABLE = _ascii_table()
# One syllable per character: spaced so that a name of three characters gives three words.
_SYLLABIC = re.compile("([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af])")


def transliterate(text: str) -> str:
    """ASCII rendering of any script (anyascii); ASCII text is returned unchanged."""
    if text.isascii():
        return text
    if _SYLLABIC.search(text):
        text = _SYLLABIC.sub(r" \1 ", text)
    return anyascii(text)


def normalize_text(text: str) -> str:
    """The normal form of a written name: lower-case ASCII words separated by one space."""
    if not text:
        return ""
    if text.isascii():
        return " ".join(text.translate(_TABLE).split())
    # Word by word, remembered: the same few thousand words make up most names.
    return " ".join(filter(None, map(_normalize_word, text.split())))


@lru_cache(maxsize=100_000)
def _normalize_word(word: str) -> str:
    return " ".join(transliterate(word).translate(_TABLE).split())


def tokens(text: str) -> list[str]:
    """The words of ``text`` in normal form."""
    return normalize_text(text).split()
