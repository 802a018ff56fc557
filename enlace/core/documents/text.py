"""Text helpers every document parser uses: cleaning a line, folding case and accents,
spacing, the share of capitals in a heading, roman numerals.

`fold` keeps one character for one character, so a match found in the folded text can be cut
out of the original; `fold_keep_case` does the same for acronyms that only count in capitals.
"""

from __future__ import annotations

import re
import unicodedata

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]", re.IGNORECASE)


def clean_line(text: str) -> str:
    """A line without invisible characters, odd spaces or Tika bookmark markers, still with
    its tabs (they carry the table layout)."""
    text = text.translate(_INVISIBLE).translate(_SPACES)
    return _BOOKMARK.sub("", text)


def normalize_space(text: str) -> str:
    """Single spaces, no leading or trailing whitespace."""
    return " ".join(text.split())


def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFD", char)[0]
    lower = base.lower()
    return lower if len(lower) == 1 else base


_FOLD_CACHE: dict[str, str] = {}


def fold(text: str) -> str:
    """Lower case without accents, one character for one character.

    Keeping the length lets a match found in the folded text be cut out of the original (a
    date out of "Tegucigalpa, Honduras, 8 de junio de 2016"), and makes the Spanish spellings
    with and without accents ("México", "Mexico", "MEXICO") one key.
    """
    text = text.translate(_DASHES).translate(_SPACES)
    out = []
    for char in text:
        if char.isascii():
            out.append(char.lower())
            continue
        folded = _FOLD_CACHE.get(char)
        if folded is None:
            folded = _FOLD_CACHE[char] = _fold_char(char)
        out.append(folded)
    return "".join(out)


def fold_keep_case(text: str) -> str:
    """Like `fold` but keeping upper case, for acronyms that are only acronyms in capitals
    ("US", "ST")."""
    text = text.translate(_DASHES).translate(_SPACES)
    return "".join(unicodedata.normalize("NFD", c)[0] if not c.isascii() else c for c in text)


def upper_ratio(text: str) -> float:
    """Share of upper-case letters among the letters of `text` (0.0 without letters): headings
    are written in capitals."""
    letters = [char for char in text if char.isalpha()]
    return sum(char.isupper() for char in letters) / len(letters) if letters else 0.0


def roman_numeral(number: int) -> str:
    """`number` in lower-case roman numerals ("" for 0 or less)."""
    pairs = (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    )
    out = []
    for value, letters in pairs:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)
