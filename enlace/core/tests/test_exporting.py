"""The one writer of CSV and XLSX: any text a spreadsheet would evaluate is written inert,
numbers and dates keep their type, and Enlace's importers read an export back as typed."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from enlace.core import exporting
from enlace.core.exporting import FORMULA_TRIGGERS, neutralize, unneutralize
from enlace.core.importing import read_rows

# Text as people type it (any character a CSV or XLSX cell can hold), and text that starts
# with a trigger. XLSX cannot hold most control characters, so its strategy leaves them out.
texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"))
hostile = st.builds(lambda trigger, rest: trigger + rest, st.sampled_from(FORMULA_TRIGGERS), texts)
xlsx_texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1).filter(
    lambda text: text.strip() == text
)
cells = st.one_of(st.none(), st.integers(-(10**9), 10**9), texts, hostile)


@given(hostile)
def test_a_trigger_is_always_quoted(text):
    assert neutralize(text) == "'" + text
    assert not neutralize(text).startswith(FORMULA_TRIGGERS)


@given(texts)
def test_unneutralize_inverts_neutralize(text):
    assert unneutralize(neutralize(text)) == text


@given(st.one_of(st.integers(), st.floats(allow_nan=False), st.none(), st.dates(), st.booleans()))
def test_non_text_is_left_alone(value):
    assert neutralize(value) == value


@given(st.lists(st.lists(cells, min_size=3, max_size=3), max_size=8))
def test_no_csv_cell_starts_with_a_trigger(rows):
    content = exporting.csv_bytes(["a", "b", "c"], rows).decode("utf-8-sig")
    read = list(csv.reader(io.StringIO(content, newline="")))
    assert read[0] == ["a", "b", "c"]
    for written, row in zip(rows, read[1:], strict=True):
        for value, cell in zip(written, row, strict=True):
            if isinstance(value, str):
                assert not cell.startswith(FORMULA_TRIGGERS)
                assert unneutralize(cell) == value
            elif value is None:
                assert cell == ""
            else:
                assert cell == str(value)  # numbers are written as numbers, not quoted


xlsx_hostile = st.builds(
    lambda trigger, rest: trigger + rest, st.sampled_from(FORMULA_TRIGGERS), xlsx_texts
)


@given(
    st.lists(
        st.one_of(xlsx_hostile, xlsx_texts, st.integers(-(10**6), 10**6), st.dates()),
        min_size=1,
        max_size=6,
    )
)
def test_xlsx_cells_keep_their_type_and_are_never_formulas(values):
    columns = [f"c{index}" for index in range(len(values))]
    sheet = load_workbook(io.BytesIO(exporting.xlsx_bytes(columns, [values], "s"))).active
    for value, cell in zip(values, sheet[2], strict=True):
        assert cell.data_type != "f"
        if isinstance(value, str):
            assert cell.value == value  # typed as text: shown exactly as typed
        elif isinstance(value, datetime.date):
            assert cell.value.date() == value and cell.is_date
        else:
            assert cell.value == value and cell.data_type == "n"


@given(
    st.lists(
        st.text(st.sampled_from("\x00\x01\x08\x0b\x1b=+a "), max_size=6), min_size=1, max_size=4
    )
)
def test_control_characters_never_break_an_xlsx_export(values):
    columns = [f"c{index}" for index in range(len(values))]
    sheet = load_workbook(io.BytesIO(exporting.xlsx_bytes(columns, [values], "s"))).active
    for value, cell in zip(values, sheet[2], strict=True):
        assert cell.data_type != "f"
        kept = "".join(ch for ch in value if ch in "=+a ")
        assert (cell.value or "") == kept


def test_a_styled_workbook_is_checked_when_written():
    """A writer that sets cells directly (templates, styled sheets) is guarded too."""
    book = exporting.workbook()
    book.active["A1"] = '=HYPERLINK("http://evil.example","x")'
    book.active["A2"] = 3
    assert book.active["A1"].data_type == "f"
    sheet = load_workbook(io.BytesIO(exporting.workbook_bytes(book))).active
    assert sheet["A1"].data_type == "s" and sheet["A1"].value.startswith("=HYPERLINK")
    assert sheet["A2"].value == 3


@hypothesis_settings(deadline=None)  # writes and reads files: time varies with load
@given(
    st.lists(
        st.tuples(xlsx_hostile.filter(lambda t: t[:1] not in "\t\r"), st.integers(0, 10**6)),
        min_size=1,
        max_size=5,
    )
)
def test_an_export_imports_back_as_typed(tmp_path_factory, rows):
    """CSV and XLSX exports read by Enlace's importers give the typed text again."""
    folder = tmp_path_factory.mktemp("round")
    csv_file, xlsx_file = folder / "x.csv", folder / "x.xlsx"
    csv_file.write_bytes(exporting.csv_bytes(["text", "number"], rows))
    xlsx_file.write_bytes(exporting.xlsx_bytes(["text", "number"], rows, "x"))
    for path, file_format in ((csv_file, "csv"), (xlsx_file, "xlsx")):
        _header, read = read_rows(path, file_format)
        assert [(row["text"], row["number"]) for row in read] == [
            (text, str(number)) for text, number in rows
        ]


def test_a_formula_in_an_uploaded_workbook_is_still_refused(tmp_path):
    from openpyxl import Workbook

    from enlace.core.importing import ImportFileError

    book = Workbook()
    book.active.append(["text"])
    book.active.append(["=1+1"])
    path = tmp_path / "formula.xlsx"
    book.save(path)
    with translation.override("en"), pytest.raises(ImportFileError, match="formula"):
        read_rows(path, "xlsx")


def test_every_writer_goes_through_core_exporting():
    """No module writes CSV or XLSX by itself (tests aside, which build hostile inputs)."""
    import re
    from pathlib import Path

    root = Path(exporting.__file__).resolve().parents[1]
    pattern = re.compile(r"csv\.(writer|DictWriter)\(|\bWorkbook\(")
    writer = Path(exporting.__file__).resolve()
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and path != writer
        and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
