"""The plan's layout: lines (the seed copies) or Word blocks made paragraphs and table rows,
and the numbered entries of a cell."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from enlace.core.documents.reading import TableRow, TextBlock
from enlace.core.documents.text import clean_line, fold, normalize_space, upper_ratio


@dataclass
class _Para:
    line: int
    text: str


@dataclass
class _Cell:
    line: int
    paragraphs: list[_Para] = field(default_factory=list)
    merged: bool = False

    @property
    def empty(self) -> bool:
        return not any(para.text for para in self.paragraphs)


@dataclass
class _Row:
    line: int
    cells: list[_Cell] = field(default_factory=list)


_CODE = re.compile(r"^(?P<code>\d{1,2}(?:\.\d{1,2}){0,5})\.?(?:\s+|$)(?P<text>.*)$")
_LETTER = re.compile(r"^(?P<code>[A-Z])[.)]\s+(?P<text>\S.*)$")
_ROMAN_HEADING = re.compile(r"^(?P<code>[IVX]{1,5})[.)]\s+(?P<text>\S.*)$")
_LEGEND = re.compile(
    r"^\W*(?:pasar al historico|subrayad[oa]|mayusculas|negrita|cursiva|"
    r"leyenda|legend|underlined|capitals|bold|italics|move to history|"
    r"sombreado|shaded)\b"
)
_HISTORY_HEADING = re.compile(
    r"^\W*(?:historico|historial|history|actividades realizadas|"
    r"completed activities)\W*$"
)
_UPDATED = re.compile(r"actualizad[oa]|updated|ultima actualizacion|last update")
_DOCUMENT_TITLE = re.compile(
    r"plan de trabajo|work ?plan|conferencia regional|regional "
    r"conference|grupo regional|red de funcionarios|network of liaison"
)
_HEADER_WORDS = {
    "objetivos": "objective",
    "objetivo": "objective",
    "objectives": "objective",
    "objective": "objective",
    "actividades": "activity",
    "actividad": "activity",
    "activities": "activity",
    "activity": "activity",
    "responsable": "responsible",
    "responsables": "responsible",
    "responsible": "responsible",
    "calendario": "schedule",
    "cronograma": "schedule",
    "schedule": "schedule",
    "timeline": "schedule",
    "plazo": "schedule",
    "fecha": "schedule",
    "estado": "schedule",
    "status": "schedule",
    "realizado": "done",
    "acciones realizadas": "done",
    "lo realizado": "done",
    "done": "done",
    "actions taken": "done",
    "historico": "done",
    "history": "done",
}
_SCHEDULE_WORDS = re.compile(r"^(?:continuo|pendiente|por definir|permanente|ongoing|pending)\W*$")


def _is_heading(text: str) -> bool:
    """An area or objective heading, a history heading or a legend line (outside the cells)."""
    folded = fold(text)
    if _LEGEND.match(folded) or _HISTORY_HEADING.match(folded):
        return True
    if _LETTER.match(text) or _ROMAN_HEADING.match(text):
        return True
    return (
        not _CODE.match(text)
        and len(text.split()) >= 2
        and upper_ratio(text) > 0.8
        and not _SCHEDULE_WORDS.match(folded)
    )


def _units_from_lines(lines: list[str]) -> list[_Para | _Row]:
    """Paragraphs and rows from the seed layout (a cell starts with a tab, its further
    paragraphs follow on lines of their own) or from rows written one per line, tab-separated.

    A line with two tabs or more, or with text before its tab, is a whole row. Where a row
    ends is not written in the seed layout: a new row starts with a first-column
    entry ("2. Promover ..."), or when the row already has as many cells as the header row.
    """
    units: list[_Para | _Row] = []
    row: _Row | None = None
    width = 0  # cells of the table's header row, once one has been seen

    def close(current: _Row | None) -> None:
        nonlocal width
        if current is not None and _header_roles(current):
            width = len(current.cells)

    for index, raw in enumerate(lines):
        number = index + 1
        line = clean_line(raw).rstrip(" \r\n")
        if "\t" in line:
            segments = line.split("\t")
            # One row per line ("A. ...<tab>1.1 ...<tab>OIM<tab>Continuo", an empty first cell
            # written as a leading tab) has several tabs; the seed layout one per line.
            if segments[0].strip() or len(segments) > 2:
                close(row)
                row = None
                cells = [_Cell(number, [_Para(number, normalize_space(seg))]) for seg in segments]
                units.append(_Row(number, cells))
                continue
            for segment in segments[1:]:
                text = normalize_space(segment)
                code = _CODE.match(text)
                # A first-level entry ("2.") opens a row unless the row so far only holds the
                # objective ("A. ...") it belongs to, as in a one-row-per-activity table.
                numbered = (
                    any(_CODE.match(para.text) for cell in row.cells for para in cell.paragraphs)
                    if row
                    else False
                )
                starts_row = row is None or (
                    not (_header_roles(row) and _is_header_word(text))
                    and (
                        (code is not None and "." not in code.group("code") and numbered)
                        or bool(width and len(row.cells) >= width)
                    )
                )
                if starts_row:
                    close(row)
                    row = _Row(number)
                    units.append(row)
                row.cells.append(_Cell(number, [_Para(number, text)]))
            continue
        text = normalize_space(line)
        if row is not None and not (text and _is_heading(text)):
            row.cells[-1].paragraphs.append(_Para(number, text))
            continue
        close(row)
        row = None
        if text:
            units.append(_Para(number, text))
    return units


def _units_from_blocks(blocks) -> list[_Para | _Row]:
    units: list[_Para | _Row] = []
    for block in blocks:
        if isinstance(block, TextBlock):
            text = normalize_space(block.text)
            if text:
                units.append(_Para(block.line, text))
        elif isinstance(block, TableRow):
            cells = [
                _Cell(
                    cell.line,
                    [
                        _Para(cell.line + offset, normalize_space(text))
                        for offset, text in enumerate(cell.paragraphs)
                    ],
                    cell.merged,
                )
                for cell in block.cells
            ]
            units.append(_Row(block.line, cells))
    return units


def _is_header_word(text: str) -> bool:
    return normalize_space(fold(text).strip(" .:")) in _HEADER_WORDS


def _header_roles(row: _Row) -> list[str] | None:
    roles = []
    for cell in row.cells:
        text = fold(" ".join(para.text for para in cell.paragraphs)).strip(" .:")
        role = _HEADER_WORDS.get(normalize_space(text))
        if role is None:
            return None
        roles.append(role)
    return roles if len(roles) >= 2 else None


@dataclass
class _Entry:
    code: str | None
    text: str
    line: int
    continued: bool = False  # unnumbered paragraphs were added to it


def _entries(cell: _Cell, *, letters: bool = False) -> list[_Entry]:
    """A cell's numbered entries; unnumbered paragraphs continue the entry above."""
    entries: list[_Entry] = []
    for para in cell.paragraphs:
        if not para.text:
            continue
        match = (_LETTER.match(para.text) if letters else None) or _CODE.match(para.text)
        if match:
            entries.append(_Entry(match.group("code"), match.group("text"), para.line))
        elif entries:
            entries[-1].text = f"{entries[-1].text} {para.text}"
            entries[-1].continued = True
        else:
            entries.append(_Entry(None, para.text, para.line))
    return entries
