"""The shapes of a report's lines: items ("1.", "1)"), sub-items ("a)", "1.1", bullets) and
the headings of the agreements ("Recomendaciones", "Acuerdos" ...)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from enlace.core.documents.text import fold


@dataclass
class Line:
    """A line of the report (1-based `number`), tabs and runs of spaces made single spaces."""

    number: int
    text: str


# "1.", "1)", "1 -", "1.-", "1°": not "1.1" (a sub-number) nor "18-19" (a date range).
ITEM_RE = re.compile(
    r"^(?P<num>\d{1,3})\s*(?:\.-|\.(?!\d)|\)|[-–—](?!\s*\d)|[°º](?!\d))\s*(?P<text>.*)$"
)
SUBNUM_RE = re.compile(r"^(?P<num>\d{1,3})\.(?P<sub>\d{1,2})\.?(?:\s+|$)(?P<text>.*)$")
SUB_RE = re.compile(
    r"""^(?:
        \((?P<p>[a-zA-Z]|[ivxIVX]{1,4})\)  # (a) (A) (iv)
      | (?P<l>[a-z]|[ivx]{1,4})[.)]       # a. a) i) iv.
      | (?P<u>[A-Z]|[IVX]{1,4})\)         # A) IV)
    )(?:\s+|$)(?P<text>.*)$""",
    re.VERBOSE,
)
# Sub-items written inside an item's paragraph: "... referidas a: a) modificar ...; b) ...".
INLINE_SUB_RE = re.compile(r"(?:(?<=[\s:;,.])|^)(?:\((?P<p>[a-z])\)|(?P<l>[a-z])\))\s+")
BULLET_RE = re.compile(
    r"""^(?:
        [•·▪◦●○■□➢►▶✓✔\uf0b7\uf0a7\uf0d8\uf0fc\uf076\u2043\u2219\u25aa\u25cf]\s*  # a bullet sign
      | [-–—*>]\s+  # a dash, star or ">" and a space ("-3" is no bullet)
    )(?P<text>\S.*)$""",
    re.VERBOSE,
)

_HEADING_WORDS = {
    "recomendaciones",
    "conclusiones",
    "acuerdos",
    "decisiones",
    "resoluciones",
    "recommendations",
    "conclusions",
    "agreements",
    "decisions",
    "resolutions",
    "puntos",
    "acuerdo",
    "resultados",
    "outcomes",
    "compromisos",
    "commitments",
    "acordaron",
    "acuerdan",
    "decidieron",
    "resolvieron",
    "agreed",
    "concluded",
}
_HEADING_FILLERS = {
    "y",
    "e",
    "and",
    "las",
    "los",
    "the",
    "siguientes",
    "following",
    "de",
    "principales",
    "main",
    "of",
}


def is_section_heading(text: str) -> bool:
    words = re.findall(r"[a-z]+", fold(text))
    if not words or len(text) > 80:
        return False
    meaningful = [word for word in words if word not in _HEADING_FILLERS]
    return bool(meaningful) and all(word in _HEADING_WORDS for word in meaningful)


def starts_agreement(text: str) -> bool:
    """Whether `text` opens the agreements: an item, a sub-item, a bullet or their heading."""
    return bool(
        ITEM_RE.match(text)
        or SUB_RE.match(text)
        or BULLET_RE.match(text)
        or is_section_heading(text)
    )
