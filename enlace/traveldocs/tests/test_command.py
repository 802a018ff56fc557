"""`enlace mrz check FILE|- [--json]`: output per document, exit status 0 / 1 / 2, the line
of what cannot be read, standard input, and the parallel path giving the same output."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from enlace.traveldocs.management.commands import mrz as command
from enlace.traveldocs.tests.test_mrz import ICAO_EXAMPLES, write_zone, zones

ROOT = Path(__file__).resolve().parents[3]


def run(tmp_path: Path, text: str, *args: str) -> tuple[int, str, str]:
    """(exit status, stdout, error message) of `mrz check` on `text`, in English."""
    path = tmp_path / "zones.txt"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    with translation.override("en"):
        try:
            call_command("mrz", "check", str(path), *args, stdout=out)
        except CommandError as error:
            return error.returncode, out.getvalue(), str(error)
    return 0, out.getvalue(), ""


def examples() -> list[str]:
    return [text for _, text in ICAO_EXAMPLES]


def test_every_example_gives_one_json_object_and_exit_0(tmp_path):
    status, out, _ = run(tmp_path, "\n\n".join(examples()) + "\n", "--json")
    assert status == 0
    objects = [json.loads(line) for line in out.splitlines()]
    assert len(objects) == len(examples())
    assert all(item["valid"] for item in objects)
    assert set(objects[0]) == {
        "format",
        "document_type",
        "issuing_state",
        "surname",
        "given_names",
        "document_number",
        "nationality",
        "birth_date",
        "sex",
        "expiry_date",
        "optional_data",
        "checks",
        "valid",
    }


def test_a_failing_check_gives_exit_1_after_every_document(tmp_path):
    texts = examples()
    broken = texts[0][:-1] + ("1" if texts[0][-1] != "1" else "2")  # the composite
    status, out, message = run(tmp_path, "\n\n".join([texts[1], broken, texts[2]]), "--json")
    assert status == 1
    objects = [json.loads(line) for line in out.splitlines()]
    assert [item["valid"] for item in objects] == [True, False, True]
    assert objects[1]["checks"]["composite"] is False
    assert "1 of 3" in message


def test_plain_output_names_the_line_and_the_failing_checks(tmp_path):
    texts = examples()
    broken = texts[0][:-1] + ("1" if texts[0][-1] != "1" else "2")
    status, out, _ = run(tmp_path, "\n\n".join([texts[2], broken]))
    assert status == 1
    first, second = out.splitlines()
    assert first.startswith("line 1: TD1 ") and first.endswith(": valid")
    assert second.startswith("line 5: TD3 ") and second.endswith("fails composite")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(zones(), min_size=1, max_size=6), st.data())
def test_input_that_is_not_mrz_gives_exit_2_with_its_line(tmp_path, documents, data):
    texts = [write_zone(fields) for fields in documents]
    index = data.draw(st.integers(0, len(texts) - 1))
    lines = texts[index].split("\n")
    line = data.draw(st.integers(0, len(lines) - 1))
    how = data.draw(st.sampled_from(["short", "character", "lower"]))
    if how == "short":
        lines[line] = lines[line][:-1]
    elif how == "character":
        lines[line] = lines[line][:3] + "?" + lines[line][4:]
    else:
        lines[line] = lines[line].lower()
    assume(how != "lower" or any(c.isalpha() for c in lines[line]))
    texts[index] = "\n".join(lines)
    status, out, message = run(tmp_path, "\n\n".join(texts) + "\n", "--json")
    expected_line = sum(len(text.split("\n")) + 1 for text in texts[:index]) + line + 1
    assert status == 2
    assert message.startswith(f"line {expected_line}: "), message
    assert "\n" not in message
    assert len(out.splitlines()) == index  # the documents before it, none after


def test_lines_are_counted_from_the_top_of_the_file(tmp_path):
    texts = examples()
    text = "\n \n\n" + texts[0] + "\n\n\n\n" + texts[1] + "\n\nP<UTO\n"
    status, out, message = run(tmp_path, text)
    assert out.splitlines()[0].startswith("line 4: ")
    assert out.splitlines()[1].startswith("line 9: ")
    assert (status, message.split(":")[0]) == (2, "line 12")
    assert run(tmp_path, text, "--json")[2].startswith("line 12: ")


def test_nothing_to_read_gives_exit_2(tmp_path):
    assert run(tmp_path, "\n \n")[0] == 2
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("mrz", "check", str(tmp_path / "missing.txt"))
    assert error.value.returncode == 2 and "missing.txt" in str(error.value)


def test_blank_lines_with_spaces_and_windows_line_ends_separate_documents(tmp_path):
    texts = examples()[:3]
    text = "\r\n \t\r\n".join(t.replace("\n", "\r\n") for t in texts) + "\r\n\r\n\r\n"
    status, out, _ = run(tmp_path, text, "--json")
    assert status == 0 and len(out.splitlines()) == 3


def test_the_parallel_path_writes_what_one_process_writes(tmp_path, monkeypatch):
    texts = examples() * 40
    broken = texts[0][:-1] + ("1" if texts[0][-1] != "1" else "2")
    texts[77] = broken
    one_status, one_out, one_message = run(tmp_path, "\n\n".join(texts), "--json", "--workers", "1")
    monkeypatch.setattr(command, "PARALLEL_FROM", 10)
    monkeypatch.setattr(command, "SLICE", 7)
    status, out, message = run(tmp_path, "\n\n".join(texts), "--json", "--workers", "2")
    assert (status, out, message) == (one_status, one_out, one_message)
    assert status == 1 and len(out.splitlines()) == len(texts)


def test_the_cli_reads_standard_input_in_spanish_by_default():
    texts = examples()
    result = subprocess.run(
        [sys.executable, "-m", "enlace.cli", "mrz", "check", "-"],
        input=("\n\n".join(texts[:2]) + "\n\nP<UTO\n").encode(),
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    stderr = result.stderr.decode()
    assert len(stderr.strip().splitlines()) == 1
    assert "línea 7" in stderr
    assert len(result.stdout.decode().splitlines()) == 2
