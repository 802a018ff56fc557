"""Uploaded files wait for their job sealed: no identity in clear on the disk."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from enlace.core.importing import ImportFileError, detect_format, read_rows
from enlace.core.uploads import save_upload


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def test_a_csv_upload_is_sealed_on_disk_and_read_back_in_memory():
    content = b"reference,given_names\nMX-2025-00001,Ximena Quetzalli\n"
    path, file_format = save_upload(SimpleUploadedFile("Casos Marzo.CSV", content))
    assert file_format == "csv" and path.name.endswith(".csv.sealed")
    assert b"Quetzalli" not in path.read_bytes() and content not in path.read_bytes()
    assert path.stat().st_mode & 0o077 == 0  # readable by the service only
    assert detect_format(path, None) == "csv"
    assert read_rows(path, "csv") == (
        ["reference", "given_names"],
        [{"reference": "MX-2025-00001", "given_names": "Ximena Quetzalli"}],
    )


def test_an_xlsx_upload_is_read_from_memory():
    workbook = Workbook()
    workbook.active.append(["id", "full_name"])
    workbook.active.append(["T1", "Ximena Quetzalli"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    path, file_format = save_upload(SimpleUploadedFile("manifest.xlsx", buffer.getvalue()))
    assert read_rows(path, file_format) == (
        ["id", "full_name"],
        [{"id": "T1", "full_name": "Ximena Quetzalli"}],
    )


def test_an_altered_upload_is_refused_with_a_clear_message():
    path, _format = save_upload(SimpleUploadedFile("cases.csv", b"reference\nMX-2025-00001\n"))
    sealed = bytearray(path.read_bytes())
    sealed[-1] ^= 1
    path.write_bytes(bytes(sealed))
    with pytest.raises(ImportFileError, match="no se puede descifrar"):
        read_rows(path, "csv")


def test_an_empty_upload_is_still_an_empty_file():
    path, _format = save_upload(SimpleUploadedFile("cases.csv", b""))
    with pytest.raises(ImportFileError, match="vacío"):
        read_rows(path, "csv")


def test_a_file_over_the_size_limit_is_refused_plain_or_sealed(monkeypatch, tmp_path):
    from enlace.core import importing

    monkeypatch.setattr(importing, "MAX_BYTES", 1024 * 1024)  # "1 MB" in the message
    content = b"reference\n" + b"MX-2025-00001\n" * 80_000  # about 1.1 MB
    plain = tmp_path / "cases.csv"
    plain.write_bytes(content)
    sealed, _format = save_upload(SimpleUploadedFile("cases.csv", content))
    for path in (plain, sealed):
        with pytest.raises(ImportFileError, match="1 MB"):
            read_rows(path, "csv")
