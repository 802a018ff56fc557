"""A report's agreements: numbered or un-numbered items, their sub-items, the text before
them (preamble) and after them (closing)."""

from __future__ import annotations

import re

from enlace.core.documents.dates import find_dates
from enlace.core.documents.places import (
    city_lookup,
    match_country_at,
    match_organization_at,
    parse_place,
)
from enlace.core.documents.problems import gettext_noop
from enlace.core.documents.text import fold, normalize_space
from enlace.meetings.parsing.lines import (
    BULLET_RE,
    INLINE_SUB_RE,
    ITEM_RE,
    SUB_RE,
    SUBNUM_RE,
    Line,
    is_section_heading,
)
from enlace.meetings.parsing.result import Item, SubItem

_CLOSING = re.compile(
    r"^(?:anexos?\b|annex(?:es)?\b|lista de (?:participantes|asistentes)|list of participants|"
    r"participantes\s*:|participants\s*:|dado en\b|done (?:at|in)\b|firmad[oa]\b|signed\b|"
    r"aprobad[oa] en\b|adopted (?:at|in)\b|fin del documento|end of document|\*{3})"
)
_ANNOUNCE = re.compile(
    r"siguiente|following|recomienda|recomendaciones|acuerd|conclusion|informe|report|agreed|"
    r"recommend|decid|somete|submit|presenta"
)


def previous_text(lines: list[Line], index: int) -> str:
    """The text of the last non-empty line before `lines[index]` ("" if none)."""
    return next((line.text for line in reversed(lines[:index]) if line.text), "")


def _strip_list_punctuation(text: str) -> str:
    return re.sub(r"\s*[;,]\s*(?:y|e|and|o|or)?\s*$", "", text).strip()


class AgreementsReader:
    """The steps of the report parser that read the agreements, from `body_start` on; items
    and sub-items collect their paragraphs in `self.parts` until `finish_texts` joins them."""

    def read_agreements(self, body_start: int) -> None:
        lines = self.lines[body_start:]
        section_index = None
        for index, line in enumerate(lines):
            if line.text and is_section_heading(line.text):
                section_index = index
                break
            if line.text and ITEM_RE.match(line.text):
                break
        numbered = any(line.text and ITEM_RE.match(line.text) for line in lines)
        if section_index is not None:
            for line in lines[:section_index]:
                if line.text:
                    self.preamble_line(line)
            items_lines = lines[section_index + 1 :]
            strict = True
        elif numbered:
            first = next(
                index for index, line in enumerate(lines) if line.text and ITEM_RE.match(line.text)
            )
            for line in lines[:first]:
                if line.text:
                    self.preamble_line(line)
            items_lines = lines[first:]
            strict = True
        else:
            items_lines = lines
            strict = False
        if numbered:
            self.read_numbered(items_lines, strict)
        else:
            self.read_unnumbered(items_lines)
        for item in self.report.items:
            if not item.subitems:
                self.split_inline(item)
        if not self.report.items:
            self.problem(
                0,
                gettext_noop(
                    "No agreements found: no numbered items and no paragraphs after "
                    "the opening paragraph."
                ),
            )

    def preamble_line(self, line: Line) -> None:
        text = line.text
        folded = fold(text)
        # A participants list written one name a line ("- Belice") is part of the opening.
        bare = BULLET_RE.sub(r"\g<text>", text)
        only_names = len(bare) < 60 and bool(
            match_country_at(bare, 0) or match_organization_at(bare, 0)
        )
        if (
            text.endswith(":")
            or _ANNOUNCE.search(folded)
            or len(text) >= 100
            or only_names
            or line.number in self.participant_lines
        ):
            self.report.preamble.append(text)
        else:
            self.problem(
                line.number,
                gettext_noop("Text before the first agreement belongs to no item: “%(text)s”."),
                text=text[:80],
            )

    def is_closing(self, text: str, previous: str = "") -> bool:
        """Whether `text` starts the closing (signature place and date, annexes ...); a line
        that continues a sentence the line above leaves open ("... held in" / "Panama City, on
        12-14 November, 2014.") does not."""
        if previous and re.search(r"[\w,]$", previous) and not _CLOSING.match(fold(text)):
            return False
        folded = fold(text)
        if _CLOSING.match(folded):
            return True
        if len(text) <= 90:
            dates = find_dates(text)
            if dates:
                rest = (text[: dates[0].span[0]] + text[dates[0].span[1] :]).strip(" ,.-")
                rest = re.sub(
                    r"^(?:dado en|done (?:at|in)|firmado en|signed (?:at|in))\s+",
                    "",
                    rest,
                    flags=re.IGNORECASE,
                )
                # Only a place and a date ("San José, 5 de mayo de 2012"): a sentence that
                # names a place ("held on July 16-17, 2014, in Tegucigalpa") goes on.
                if rest and rest[:1].isupper():
                    city, country = parse_place(rest)
                    return bool(country or (city and city_lookup(city)))
        return False

    def new_item(self, number: str, text: str, line: int) -> Item:
        item = Item(number, text, [], line)
        self.report.items.append(item)
        self.parts[id(item)] = [text]
        return item

    def add_subitem(self, item: Item, label: str, text: str, line: int) -> None:
        letters = [sub.label for sub in item.subitems if len(sub.label) == 1]
        if len(label) == 1 and label.isalpha():
            expected = chr(ord(letters[-1]) + 1) if letters else "a"
            if label != expected and not (label == "i" and letters and letters[-1] != "h"):
                self.warning(
                    line,
                    gettext_noop("Sub-item %(label)s of item %(item)s follows %(previous)s."),
                    label=label,
                    item=item.number,
                    previous=letters[-1] if letters else "nothing",
                )
        sub = SubItem(label, text, line)
        item.subitems.append(sub)
        self.parts[id(sub)] = [text]

    def continue_last(self, item: Item, text: str) -> None:
        target = item.subitems[-1] if item.subitems else item
        self.parts[id(target)].append(text)

    def next_label(self, item: Item) -> str:
        letters = [
            sub.label for sub in item.subitems if len(sub.label) == 1 and sub.label.isalpha()
        ]
        if letters:
            return chr(min(ord(letters[-1]) + 1, ord("z")))
        return chr(ord("a") + min(len(item.subitems), 25))

    def sub_line(self, item: Item | None, line: Line) -> bool:
        """Read `line` as a sub-item of `item` when it is one; True if it was."""
        text = line.text
        match = SUBNUM_RE.match(text)
        if match and item is not None and match.group("num") == item.number:
            self.add_subitem(
                item, f"{match.group('num')}.{match.group('sub')}", match.group("text"), line.number
            )
            return True
        match = SUB_RE.match(text)
        bullet = BULLET_RE.match(text) if not match else None
        if not match and not bullet:
            return False
        if item is None:
            self.problem(
                line.number,
                gettext_noop("A sub-item comes before any item: “%(text)s”."),
                text=text[:80],
            )
            return True
        if match:
            label = (match.group("p") or match.group("l") or match.group("u")).lower()
            self.add_subitem(item, label, match.group("text"), line.number)
        else:
            self.add_subitem(item, self.next_label(item), bullet.group("text"), line.number)
        return True

    def read_numbered(self, lines: list[Line], strict: bool) -> None:
        item: Item | None = None
        self.parts = {}
        for index, line in enumerate(lines):
            text = line.text
            if not text:
                continue
            if (
                item is not None
                and not ITEM_RE.match(text)
                and self.is_closing(text, previous_text(lines, index))
            ):
                self.report.closing.extend(rest.text for rest in lines[index:] if rest.text)
                break
            match = ITEM_RE.match(text)
            if match:
                number = str(int(match.group("num")))
                expected = str(int(item.number) + 1) if item else "1"
                if number != expected:
                    self.warning(
                        line.number,
                        gettext_noop("Item %(number)s follows item %(previous)s."),
                        number=number,
                        previous=item.number if item else "nothing",
                    )
                item = self.new_item(number, match.group("text"), line.number)
                continue
            if self.sub_line(item, line):
                continue
            if item is not None:
                self.continue_last(item, text)
            elif strict:
                self.problem(
                    line.number,
                    gettext_noop("Text before the first agreement belongs to no item: “%(text)s”."),
                    text=text[:80],
                )
        self.finish_texts()

    def read_unnumbered(self, lines: list[Line]) -> None:
        item: Item | None = None
        self.parts = {}
        for index, line in enumerate(lines):
            text = line.text
            if not text:
                continue
            if item is not None and self.is_closing(text, previous_text(lines, index)):
                self.report.closing.extend(rest.text for rest in lines[index:] if rest.text)
                break
            if self.sub_line(item, line):
                continue
            if item is not None and text[:1].islower():
                self.continue_last(item, text)
                continue
            item = self.new_item(str(len(self.report.items) + 1), text, line.number)
        self.finish_texts()

    def finish_texts(self) -> None:
        for item in self.report.items:
            item.text = normalize_space(" ".join(self.parts.get(id(item), [item.text])))
            for sub in item.subitems:
                sub.text = _strip_list_punctuation(
                    normalize_space(" ".join(self.parts.get(id(sub), [sub.text])))
                )

    @staticmethod
    def split_inline(item: Item) -> None:
        """ "... referidas a: a) modificar ...; b) revisar ..." -> two sub-items."""
        text = item.text
        cuts: list[tuple[int, int, str]] = []
        for match in INLINE_SUB_RE.finditer(text):
            label = match.group("p") or match.group("l")
            before = text[: match.start()].rstrip()
            if not before or before[-1] not in ":;,.":
                continue
            expected = chr(ord(cuts[-1][2]) + 1) if cuts else "a"
            if label != expected:
                continue
            cuts.append((match.start(), match.end(), label))
        if len(cuts) < 2:
            return
        item.text = text[: cuts[0][0]].strip()
        for index, (_, end, label) in enumerate(cuts):
            stop = cuts[index + 1][0] if index + 1 < len(cuts) else len(text)
            item.subitems.append(
                SubItem(label, _strip_list_punctuation(text[end:stop].strip()), item.line)
            )
