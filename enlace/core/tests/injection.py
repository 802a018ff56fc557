"""What every export test checks: text that a spreadsheet would evaluate reaches the file inert.

`HOSTILE` holds one payload per formula trigger (OWASP's list plus tab and carriage return);
a test stores them in a record's text fields, exports the record, and passes the file here."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from enlace.core.exporting import FORMULA_TRIGGERS

HOSTILE = tuple(
    f'{trigger}HYPERLINK("http://evil.example/?{index}","x")'
    for index, trigger in enumerate(FORMULA_TRIGGERS)
)


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_cells(content: bytes | str) -> list[str]:
    text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def assert_csv_inert(content: bytes | str, payloads=HOSTILE) -> None:
    """No cell starts with a trigger (a number such as -3 aside); every payload that
    reached the file carries the quote prefix; at least one payload reached it."""
    cells = csv_cells(content)
    live = [cell for cell in cells if cell.startswith(FORMULA_TRIGGERS) and not _numeric(cell)]
    assert not live, f"cells a spreadsheet would evaluate: {live[:3]}"
    escaped = [payload for payload in payloads if any("'" + payload in cell for cell in cells)]
    assert escaped, "no hostile text reached the file: the test exported nothing it planted"


def assert_xlsx_inert(content: bytes, payloads=HOSTILE) -> None:
    """No cell of any sheet is a formula; the payloads are there as text."""
    book = load_workbook(io.BytesIO(content))
    found = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str) and any(p in cell.value for p in payloads):
                    found.append(cell.value)
    assert found, "no hostile text reached the file: the test exported nothing it planted"
