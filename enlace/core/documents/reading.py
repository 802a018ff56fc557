"""Reading the network's documents into lines, the way the seed copies look.

The seeds in /work/shared/seeds are plain-text exports of Word files: every paragraph is one
line, and a table cell starts with a tab, its first paragraph on that line and its further
paragraphs on the lines below (an empty cell is a lone tab). `read_document` produces exactly
that layout from a `.docx`, so one parser serves both the seed copies and the originals, and the
line numbers in problem reports point at the same text either way.

Two details of Word files matter for the parsers and are therefore rendered here:
- automatic list numbering ("1.", "a)", bullets) is not in the paragraph text in the XML; it is
  computed from numbering.xml, otherwise a report's numbered agreements would lose their numbers;
- a table row that is one cell wide (a merged heading row) is rendered as plain lines, as the
  seeds show such headings; a vertically merged cell repeats nothing (a lone tab).

Nothing here knows about meetings or work plans; the text helpers live in `text`.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from enlace.core.documents.text import clean_line, roman_numeral

MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text"}
DOCX_SUFFIXES = {".docx", ".docm"}

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


class DocumentError(Exception):
    """The file as a whole cannot be read: missing, unsupported type, corrupt or not text."""


# ---------------------------------------------------------------------------------------------
# Plain text
# ---------------------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentError("The file starts like UTF-16 text but cannot be decoded.") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Word's "plain text" export on Windows: the region's offices saved in cp1252 for years.
        # Five byte values are undefined there; they are replaced, never fatal.
        return data.decode("cp1252", errors="replace")


def _read_text(path: Path) -> list[str]:
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(f"{path.name} is not a text file (it holds binary data).")
    return [clean_line(line) for line in _decode(data).splitlines()]


# ---------------------------------------------------------------------------------------------
# Word (.docx)
# ---------------------------------------------------------------------------------------------


@dataclass
class TextBlock:
    """A paragraph outside any table (one line; `line` is 1-based)."""

    line: int
    text: str


@dataclass
class TableCell:
    """One cell: its paragraphs, the line of the first one, and whether it continues a
    vertical merge (then it has no paragraphs of its own and means "same as above")."""

    line: int
    paragraphs: list[str] = field(default_factory=list)
    merged: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class TableRow:
    line: int
    cells: list[TableCell]


Block = TextBlock | TableRow


def _int_attr(element, name: str) -> int | None:
    if element is None:
        return None
    value = element.get(_W + name)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _letters(number: int) -> str:
    # Word repeats the letter past z: aa, bb ...
    if number < 1:
        return ""
    letter = chr(ord("a") + (number - 1) % 26)
    return letter * ((number - 1) // 26 + 1)


def _format_number(number: int, fmt: str) -> str:
    if fmt in ("lowerLetter",):
        return _letters(number)
    if fmt in ("upperLetter",):
        return _letters(number).upper()
    if fmt == "lowerRoman":
        return roman_numeral(number)
    if fmt == "upperRoman":
        return roman_numeral(number).upper()
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt == "none":
        return ""
    return str(number)


class _Numbering:
    """Renders Word's automatic list numbers ("1.", "a)", "•") for paragraphs.

    Counters are kept per abstract numbering definition, as Word does: two lists pointing at
    the same definition continue one sequence unless a num restarts it (startOverride).
    """

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.num_to_abstract: dict[str, str] = {}
        self.start_overrides: dict[str, dict[int, int]] = {}
        self.style_numbering: dict[str, tuple[str | None, int | None, str | None]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started_nums: set[str] = set()
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering = None
        if numbering is not None:
            self._read_numbering(numbering)
        try:
            styles = document.part.styles.element
        except (KeyError, NotImplementedError, AttributeError):
            styles = None
        if styles is not None:
            self._read_styles(styles)

    def _read_numbering(self, numbering) -> None:
        for abstract in numbering.iter(_W + "abstractNum"):
            abstract_id = abstract.get(_W + "abstractNumId")
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in abstract.iter(_W + "lvl"):
                ilvl = _int_attr(lvl, "ilvl") or 0
                fmt = lvl.find(_W + "numFmt")
                text = lvl.find(_W + "lvlText")
                start = _int_attr(lvl.find(_W + "start"), "val")
                levels[ilvl] = (
                    fmt.get(_W + "val") if fmt is not None else "decimal",
                    text.get(_W + "val", "") if text is not None else "",
                    1 if start is None else start,
                )
            self.levels[abstract_id] = levels
        for num in numbering.iter(_W + "num"):
            num_id = num.get(_W + "numId")
            abstract = num.find(_W + "abstractNumId")
            if abstract is None:
                continue
            self.num_to_abstract[num_id] = abstract.get(_W + "val")
            overrides = {}
            for override in num.iter(_W + "lvlOverride"):
                start = _int_attr(override.find(_W + "startOverride"), "val")
                if start is not None:
                    overrides[_int_attr(override, "ilvl") or 0] = start
            if overrides:
                self.start_overrides[num_id] = overrides

    def _read_styles(self, styles) -> None:
        for style in styles.iter(_W + "style"):
            style_id = style.get(_W + "styleId")
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            num_id = ilvl = None
            if num_pr is not None:
                num_el = num_pr.find(_W + "numId")
                num_id = num_el.get(_W + "val") if num_el is not None else None
                ilvl = _int_attr(num_pr.find(_W + "ilvl"), "val")
            based = style.find(_W + "basedOn")
            self.style_numbering[style_id] = (
                num_id,
                ilvl,
                based.get(_W + "val") if based is not None else None,
            )

    def _style_num(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            num_id, ilvl, based = self.style_numbering.get(style_id, (None, None, None))
            if num_id is not None:
                return num_id, ilvl
            style_id = based
        return None, None

    def label(self, p) -> str:
        """The rendered list label of paragraph element `p`, or ""."""
        ppr = p.find(_W + "pPr")
        num_id = ilvl = None
        style_id = None
        if ppr is not None:
            style = ppr.find(_W + "pStyle")
            style_id = style.get(_W + "val") if style is not None else None
            num_pr = ppr.find(_W + "numPr")
            if num_pr is not None:
                num_el = num_pr.find(_W + "numId")
                num_id = num_el.get(_W + "val") if num_el is not None else None
                ilvl = _int_attr(num_pr.find(_W + "ilvl"), "val")
        if num_id is None:
            num_id, style_ilvl = self._style_num(style_id)
            ilvl = ilvl if ilvl is not None else style_ilvl
        if num_id in (None, "0"):
            return ""
        ilvl = ilvl or 0
        abstract_id = self.num_to_abstract.get(num_id)
        levels = self.levels.get(abstract_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        overrides = self.start_overrides.get(num_id, {})
        if num_id not in self.started_nums:
            self.started_nums.add(num_id)
            for level, start in overrides.items():
                counters[level] = start - 1
        fmt, text, start = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]
        if fmt == "bullet":
            return "•"

        def substitute(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_fmt, _, level_start = levels.get(level, ("decimal", "", 1))
            value = counters.get(level, level_start)
            return _format_number(value, level_fmt)

        return re.sub(r"%([1-9])", substitute, text).strip()


def _paragraph_text(p) -> tuple[str, list]:
    """Text of paragraph element `p` and the paragraphs of text boxes anchored in it.

    Inline text boxes are read as paragraphs of their own (letterheads often put the meeting
    name in one); the VML fallback copy of a text box is skipped, Word writes both.
    """
    parts: list[str] = []
    boxes: list = []

    def walk(element) -> None:
        for child in element:
            tag = child.tag
            if tag == _W + "txbxContent":
                boxes.extend(child.iter(_W + "p"))
                continue
            if tag == _MC_FALLBACK or tag == _W + "delText":
                continue
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag == _W + "tab":
                parts.append(" ")
            elif tag in (_W + "br", _W + "cr"):
                parts.append("\n")
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
            else:
                walk(child)

    walk(p)
    return "".join(parts), boxes


class _DocxReader:
    def __init__(self, document) -> None:
        self.document = document
        self.numbering = _Numbering(document)
        self.lines: list[str] = []
        self.blocks: list[Block] = []

    def paragraph_lines(self, p) -> list[str]:
        text, boxes = _paragraph_text(p)
        label = self.numbering.label(p)
        if label:
            text = f"{label} {text.lstrip()}"
        lines = [clean_line(part).rstrip() for part in text.split("\n")]
        for box_p in boxes:
            lines.extend(self.paragraph_lines(box_p))
        return lines

    def container_paragraphs(self, element) -> list[str]:
        """All paragraphs of a cell, nested tables read row by row."""
        out: list[str] = []
        for child in element:
            if child.tag == _W + "p":
                out.extend(self.paragraph_lines(child))
            elif child.tag == _W + "tbl":
                for tr in child.iter(_W + "tr"):
                    cells = [
                        " ".join(self.container_paragraphs(tc)).strip()
                        for tc in tr.findall(_W + "tc")
                    ]
                    out.append(" ".join(cell for cell in cells if cell))
            elif child.tag == _W + "sdt":
                content = child.find(_W + "sdtContent")
                if content is not None:
                    out.extend(self.container_paragraphs(content))
        return out

    def add_line(self, text: str) -> int:
        self.lines.append(text)
        return len(self.lines)

    def body(self, element) -> None:
        for child in element:
            if child.tag == _W + "p":
                for text in self.paragraph_lines(child):
                    self.blocks.append(TextBlock(self.add_line(text), text))
            elif child.tag == _W + "tbl":
                self.table(child)
            elif child.tag == _W + "sdt":
                content = child.find(_W + "sdtContent")
                if content is not None:
                    self.body(content)

    def table(self, tbl) -> None:
        for tr in tbl.findall(_W + "tr"):
            tcs = tr.findall(_W + "tc")
            for sdt in tr.findall(_W + "sdt"):
                content = sdt.find(_W + "sdtContent")
                if content is not None:
                    tcs.extend(content.findall(_W + "tc"))
            cells: list[TableCell] = []
            for tc in tcs:
                v_merge = tc.find(f"{_W}tcPr/{_W}vMerge")
                merged = v_merge is not None and v_merge.get(_W + "val", "continue") == "continue"
                paragraphs = [] if merged else self.container_paragraphs(tc)
                while paragraphs and not paragraphs[-1].strip():
                    paragraphs.pop()
                cells.append(TableCell(0, paragraphs, merged))
            if not cells:
                continue
            if len(cells) == 1 and not cells[0].merged:
                # A heading row across the whole table reads as the seeds show headings.
                for text in cells[0].paragraphs:
                    self.blocks.append(TextBlock(self.add_line(text), text))
                continue
            first_line = len(self.lines) + 1
            for cell in cells:
                paragraphs = cell.paragraphs or [""]
                cell.line = self.add_line("\t" + paragraphs[0])
                for text in paragraphs[1:]:
                    self.add_line(text)
            self.add_line("")
            self.blocks.append(TableRow(first_line, cells))


def _check_file(path: Path) -> None:
    if not path.exists():
        raise DocumentError(f"File not found: {path}")
    if not path.is_file():
        raise DocumentError(f"{path} is not a file.")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DocumentError(f"{path.name} is larger than {MAX_BYTES // (1024 * 1024)} MB.")


def _open_docx(path: Path):
    import docx  # python-docx; imported here so text-only use does not pay for lxml loading
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(f"{path.name} is not a valid Word (.docx) document.") from exc
    except Exception as exc:  # lxml raises its own errors on damaged XML
        raise DocumentError(f"{path.name} cannot be read as a Word document: {exc}") from exc


def read_docx_blocks(path: Path | str) -> tuple[list[str], list[Block]]:
    """Lines of a `.docx` (as `read_document` gives them) and its blocks: paragraphs and table
    rows with their cells, numbered with the same line numbers. Table-aware parsers (the work
    plan) read the blocks; the lines are for everyone else."""
    path = Path(path)
    _check_file(path)
    if path.suffix.lower() not in DOCX_SUFFIXES:
        raise DocumentError(f"{path.name} is not a .docx file.")
    reader = _DocxReader(_open_docx(path))
    try:
        reader.body(reader.document.element.body)
    except DocumentError:
        raise
    except Exception as exc:  # a malformed part deep in the XML: report, never crash
        raise DocumentError(f"{path.name} cannot be read as a Word document: {exc}") from exc
    return reader.lines, reader.blocks


def read_document(path: Path | str) -> list[str]:
    """Lines of a `.txt` (UTF-8 with or without BOM, UTF-16 with BOM, else cp1252) or `.docx`
    document (paragraphs and tables in body order, tables laid out as in the seeds).

    Raises DocumentError for a missing, unsupported, oversized or unreadable file.
    """
    path = Path(path)
    _check_file(path)
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        try:
            return _read_text(path)
        except OSError as exc:
            raise DocumentError(f"{path.name} cannot be read: {exc.strerror or exc}") from exc
    if suffix in DOCX_SUFFIXES:
        return read_docx_blocks(path)[0]
    if suffix in {".doc", ".rtf", ".odt", ".pdf"}:
        raise DocumentError(
            f"{path.name}: {suffix} documents are not supported; save the file as .docx or .txt."
        )
    raise DocumentError(
        f"{path.name}: unsupported document type '{suffix or '(none)'}'; use .docx or .txt."
    )
