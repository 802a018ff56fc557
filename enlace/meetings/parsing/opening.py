"""The opening of a report read as running text: the meeting's own date and place.

Real reports wrap their opening sentence over several lines ("met on December 2-3,\\n2003"),
or come as one line without any break, and name other dates around the meeting's (the date of
the document, of a covering letter or blog post, of the next meeting, of events mentioned).
So the opening (everything before the agreements) is joined into one text, and a date counts as
the meeting's only when the sentence ties it to the meeting: a meeting verb or "los días" shortly
before it ("se celebró ... el", "took place in ..., on", "met on", "los días"), or right after it
("Los días 13 y 14 de marzo de 1996, se celebró ..."). A date announced for the future ("la
próxima reunión se realizará", "will be held") never counts. The place is read from the same
sentence ("en <ciudad>, <país>" / "in <city>, <country>").

What no sentence ties to the meeting is not guessed: the report parser then falls back to a
heading line that gives a place and a date together, and otherwise leaves the value empty with
a problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from enlace.core.documents.dates import DateMatch, find_dates
from enlace.core.documents.text import fold
from enlace.meetings.parsing.lines import ITEM_RE, Line, is_section_heading

# A meeting verb or lead shortly before the date.
_ANCHOR_BEFORE = re.compile(
    r"(?:celebrad[oa]s?|se celebro|se celebraron|se realizo|realizad[oa]s?|tuvo lugar|"
    r"tuvieron lugar|se llevo a cabo|llevad[oa]s? a cabo|se reunio|se reunieron|reunid[oa]s?|"
    r"sesiono|sesionaron|los dias|el dia|took place|was held|were held|\bheld\b|\bmet\b|"
    r"convened|gathered)"
)
# A meeting verb right after the date ("Los días 13 y 14 de marzo de 1996, se celebró").
_ANCHOR_AFTER = re.compile(
    r"^[\s,]*(?:se (?:celebro|realizo|reunio|reunieron|llevo a cabo)|tuvo lugar|took place|"
    r"was held|(?:the|la|el|los|las)\s+\w+\s+(?:met|held|se reunio))"
)
# The date is of a meeting still to come, or of something other than the meeting.
_FUTURE = re.compile(
    r"proxim[oa]|siguiente reunion|se celebrara|se realizara|se llevara|a celebrarse|"
    r"a realizarse|\bnext\b|will be held|will take place|to be held|will meet|shall meet|"
    r"upcoming|\bantes del?\b|\bbefore\b|\bdated\b|\bfechad[oa]\b|\bissued\b|\bemitid[oa]\b"
)
_BEFORE_WINDOW = 110
_SENTENCE_END = re.compile(r"[.;](?=\s+[A-Z¿¡\"“(])")
# Where the agreements start inside a line ("... ACORDARON: 1. Aceptar ..."): the opening
# stops there.
_AGREEMENTS_INLINE = re.compile(
    r"\b(?:ACORDARON|ACUERDAN|ACUERDOS|CONCLUSIONES|RECOMENDACIONES|DECISIONES|RESOLUCIONES|"
    r"AGREED|AGREEMENTS|CONCLUSIONS|RECOMMENDATIONS|DECISIONS|RESOLUTIONS)\b"
)


@dataclass(frozen=True)
class MeetingDate:
    found: DateMatch
    sentence: str


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` that holds the span start..end (abbreviations such as "D.C."
    do not end a sentence: only a full stop before a capital does)."""
    head = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        head = match.end()
    tail = _SENTENCE_END.search(text, end)
    return text[head : tail.start() if tail else len(text)].strip()


def cut_at_agreements(text: str) -> str:
    """The opening of a text that runs on into its agreements on the same line."""
    match = _AGREEMENTS_INLINE.search(text)
    return text[: match.start()] if match else text


def meeting_dates(text: str) -> list[MeetingDate]:
    """The dates of `text` that its sentences tie to the meeting, in reading order."""
    folded = fold(text)
    out = []
    for found in find_dates(text):
        start, end = found.span
        before = folded[max(0, start - _BEFORE_WINDOW) : start]
        # Only the words since the last sentence end count as "before" the date.
        stop = max(before.rfind(". "), before.rfind("; "))
        if stop >= 0 and not re.search(r"\b[a-z]\.\s*$", before[: stop + 1]):
            before = before[stop + 1 :]
        after = folded[end : end + 60]
        anchors = list(_ANCHOR_BEFORE.finditer(before))
        if anchors:
            # Future or other-event words close before the verb or between it and the date.
            if _FUTURE.search(before[max(0, anchors[-1].start() - 35) :]):
                continue
        elif not _ANCHOR_AFTER.match(after) or _FUTURE.search(before[-35:]):
            continue
        out.append(MeetingDate(found, sentence_around(text, start, end)))
    return out


_METADATA = re.compile(r"^[A-Z][A-Z_-]{1,20}\s*:\s*\S")
_INLINE_ITEM = re.compile(r"(?<=[.:;\"”])\s+(?P<num>\d{1,2})\s*[.)]\s+(?=[\"“A-ZÁÉÍÓÚÑ])")
_RUN_ON = 200


def skip_metadata(lines: list[Line]) -> list[Line]:
    """Lines without the "KEY: value" block some copies open with (a saved page's "SOURCE:",
    "NOTE:"), up to its first blank line; the lines keep their numbers."""
    out = list(lines)
    for index, line in enumerate(out):
        if not line.text:
            break
        if not _METADATA.match(line.text):
            return out
        out[index] = Line(line.number, "")
    return out


def split_run_on_lines(lines: list[Line]) -> list[Line]:
    """A document that comes as one line (a web page's text without its breaks) split where
    its agreements start: before an agreements heading written in capitals with a colon
    ("ACORDARON:") and before each of its numbered items when they run 1, 2, 3 ..."""
    out: list[Line] = []
    for line in lines:
        if len(line.text) < _RUN_ON:
            out.append(line)
            continue
        cuts: set[int] = set()
        for match in _AGREEMENTS_INLINE.finditer(line.text):
            colon = re.match(r"\s*:", line.text[match.end() :])
            if colon and match.start() > 0:
                cuts.update((match.start(), match.end() + colon.end()))
        expected = 1
        for match in _INLINE_ITEM.finditer(line.text):
            if int(match.group("num")) == expected:
                cuts.add(match.start("num"))
                expected += 1
        if expected == 2:  # a lone "1." is no list
            cuts.discard(
                next(m.start("num") for m in _INLINE_ITEM.finditer(line.text) if m["num"] == "1")
            )
        start = 0
        for cut in sorted(cuts):
            piece = line.text[start:cut].strip()
            if piece:
                out.append(Line(line.number, piece))
            start = cut
        piece = line.text[start:].strip()
        if piece:
            out.append(Line(line.number, piece))
    return out


def opening_text(lines: list[Line]) -> str:
    """The text before the agreements (their first item or heading), as one text."""
    parts = []
    for line in lines:
        if not line.text:
            continue
        if ITEM_RE.match(line.text) or is_section_heading(line.text):
            break
        parts.append(line.text)
    return " ".join(parts)
