"""A Spanish-aware phonetic key for one normalized word.

Two spellings that a Spanish speaker says the same way get the same key, so "Vásquez",
"Vazquez" and "Basques", or "Jiménez", "Giménez" and "Ximénez", are one name for blocking and
scoring. Generic keys (Soundex, Metaphone) are built for English and both miss these pairs and
merge names the region keeps apart; this key keeps every vowel, because María and Mario, or
Ana and Ena, are different people.

Rules, applied left to right on the normal form (lower-case ASCII, see normalize.py):

==========================  ===========================================================
spelling                    key
==========================  ===========================================================
b, v                        B   (betacismo: Báez/Váez, Bega/Vega)
w                           W   (kept: Huang and Wang are two surnames)
c before e, i; s; z         S   (seseo: Cecilia/Sesilia, González/Gonsales)
c elsewhere; k; q           K   (Carla/Karla, Quique/Kike)
qu before e, i              K, the u is silent (Quintero/Kintero)
ch before a consonant       K   (Christian/Cristian, Chloe)
ch otherwise; sh            X   (Chávez, Shakira: one sound for the key)
g before e, i; j; x         J   (Giménez/Jiménez, Ximena/Jimena, Mexía/Mejía: the x of
                                 Mexican names is a j)
zh                          J   (pinyin: Zhu and Su, Zheng and Zeng stay apart)
gu before e, i              G, the u is silent (Guillermo/Gillermo; before a, o the u
                                 stays: Guadalupe)
gh                          G
h (alone)                   silent, dropped (Hernández → ERNANDES, Jhon/John → JON)
ph                          F   (Josephina/Josefina, Stephany/Stefany)
th                          T   (Ruth/Rut, Jonathan/Jonatan)
ll; y before a vowel        Y   (yeísmo: Castillo/Castiyo, Yolanda/Llolanda)
y before a consonant or     I   (Isabel/Ysabel, Nury/Nuri)
at the end
n before b, p, v            M   (Ambrosio/Anbrosio)
ñ                           N   (the normal form already wrote it n, as passports do)
doubled letters             one (Guerrero/Guerero, Mattos/Matos, Aaron/Aron)
anything else               the letter in capitals; digits are kept
==========================  ===========================================================

The key is a string of capitals; a word of silent letters only ("h") keys to its first letter.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["joined_key", "phonetic_key"]

_VOWELS = frozenset("aeiou")
_FRONT = frozenset("ei")  # vowels that soften c and g
_SOFTENING_LABIALS = frozenset("bpv")


@lru_cache(maxsize=262_144)
def phonetic_key(word: str) -> str:
    """The phonetic key of one normalized word (see the module docstring for the rules)."""
    text = word
    size = len(text)
    out: list[str] = []
    index = 0
    while index < size:
        char = text[index]
        following = text[index + 1] if index + 1 < size else ""
        after = text[index + 2] if index + 2 < size else ""
        step = 1
        if char in _VOWELS:
            code = char.upper()
        elif char in "bv":
            code = "B"
        elif char == "w":
            code = "W"
        elif char == "c":
            if following == "h":
                code = "K" if after and after not in _VOWELS else "X"
                step = 2
            elif following in _FRONT and following:
                code = "S"
            else:
                code = "K"
        elif char == "q":
            code = "K"
            if following == "u" and after in _FRONT and after:
                step = 2
        elif char == "k":
            code = "K"
        elif char == "s":
            if following == "h":
                code = "X"
                step = 2
            else:
                code = "S"
        elif char == "z":
            if following == "h":  # pinyin zh (Zhu, Zheng) is not the s of Su, Zeng
                code = "J"
                step = 2
            else:
                code = "S"
        elif char == "g":
            if following in _FRONT and following:
                code = "J"
            elif (following == "u" and after in _FRONT and after) or following == "h":
                code = "G"
                step = 2
            else:
                code = "G"
        elif char in "jx":
            code = "J"
        elif char == "h":
            code = ""
        elif char == "p":
            if following == "h":
                code = "F"
                step = 2
            else:
                code = "P"
        elif char == "t":
            if following == "h":
                step = 2
            code = "T"
        elif char == "l":
            if following == "l":
                code = "Y"
                step = 2
            else:
                code = "L"
        elif char == "y":
            code = "Y" if following in _VOWELS and following else "I"
        elif char == "n":
            code = "M" if following in _SOFTENING_LABIALS and following else "N"
        else:
            code = char.upper()
        if code and not (out and out[-1] == code):
            out.append(code)
        index += step
    return "".join(out) or word[:1].upper()


def joined_key(keys: list[str] | tuple[str, ...]) -> str:
    """The key of words written together, from their keys: "Pierre Paul" and "Pierre-Paul",
    "José María" and "Josemaría" get one key. A letter doubled across the seam is written once,
    as phonetic_key does inside a word."""
    joined = ""
    for key in keys:
        if joined and key and joined[-1] == key[0]:
            joined += key[1:]
        else:
            joined += key
    return joined
