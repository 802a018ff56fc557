"""Importers on the real-document corpus (make bench). Runs the contract command on every
document as a user would (`enlace meetings import FILE --dry-run --json`, or `enlace workplan
import` for a work plan; one subprocess each, end to end) and compares the JSON with
`expected.json` field by field.

Per document and in total it prints fields right / wrong / invented / missing:
- right: the value read is the expected one;
- wrong: any field not right;
- invented: a value where the expected is empty (null) or a different value;
- missing: nothing read where a value is expected.

Figures at the end, one a line: `meetings_corpus_fields_right: N fields` and so on.

Usage: python bench/meetings_corpus/run.py [--corpus DIR] [--quiet]
(default corpus: enlace/meetings/tests/corpus, a copy of ../shared/corpus/reports)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = ROOT / "enlace" / "meetings" / "tests" / "corpus"
ENLACE = Path(sys.executable).with_name("enlace")

MEETING_FIELDS = ("start_date", "end_date", "city", "country", "participants", "language", "body")


def _fold(text: str | None) -> str | None:
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def run_command(kind: str, path: Path) -> tuple[dict | None, str]:
    noun = "workplan" if kind == "work_plan" else "meetings"
    command = [str(ENLACE), noun, "import", str(path), "--dry-run", "--json"]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "enlace.config.settings.dev"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)  # noqa: S603
    line = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    try:
        return json.loads(line), done.stderr
    except json.JSONDecodeError:
        return None, done.stderr


def compare_field(expected, got, *, fold=False) -> str:
    """One of right / invented / missing (wrong is every field not right)."""
    if fold:
        expected, got = _fold(expected), _fold(got)
    empty_expected = expected in (None, [], "")
    empty_got = got in (None, [], "")
    if expected == got or (empty_expected and empty_got):
        return "right"
    if empty_got:
        return "missing"
    return "invented"


def compare_meeting(expected: dict, got: dict) -> dict[str, str]:
    out = {}
    for name in MEETING_FIELDS:
        if name in expected:
            out[name] = compare_field(expected[name], got.get(name), fold=name == "city")
    items = got.get("items") or []
    minimum = expected.get("min_items", 0)
    if minimum:
        out["items"] = "right" if len(items) >= minimum else "missing"
    by_number = {str(item.get("number")): item for item in items}
    for number, count in (expected.get("subitems") or {}).items():
        found = len((by_number.get(number) or {}).get("subitems") or [])
        out[f"items[{number}].subitems"] = compare_field(count, found or None)
    return out


def compare_plan(expected: dict, got: dict) -> dict[str, str]:
    out = {}
    if "title" in expected:
        out["title"] = compare_field(expected["title"], got.get("title"), fold=True)
    if "updated_on" in expected:
        out["updated_on"] = compare_field(expected["updated_on"], got.get("updated_on"))
    minimum = expected.get("min_objectives", 0)
    if minimum:
        count = sum(len(area.get("objectives", [])) for area in got.get("areas", []))
        out["objectives"] = "right" if count >= minimum else "missing"
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--quiet", action="store_true", help="totals only")
    args = parser.parse_args()
    expected_all = json.loads((args.corpus / "expected.json").read_text(encoding="utf-8"))
    totals = {"right": 0, "wrong": 0, "invented": 0, "missing": 0, "fields": 0}
    documents_right = 0
    for name, expected in sorted(expected_all.items()):
        kind = expected.get("kind", "meeting_report")
        got, stderr = run_command(kind, args.corpus / name)
        if got is None:
            fields = compare_meeting(expected, {}) if kind != "work_plan" else {"title": "missing"}
            note = f" (no JSON: {stderr.strip().splitlines()[-1] if stderr.strip() else '?'})"
        else:
            compare = compare_plan if kind == "work_plan" else compare_meeting
            fields = compare(expected, got)
            note = ""
        counts = dict.fromkeys(("right", "invented", "missing"), 0)
        for verdict in fields.values():
            counts[verdict] += 1
        wrong = len(fields) - counts["right"]
        documents_right += wrong == 0
        totals["fields"] += len(fields)
        totals["right"] += counts["right"]
        totals["wrong"] += wrong
        totals["invented"] += counts["invented"]
        totals["missing"] += counts["missing"]
        if not args.quiet:
            bad = ", ".join(
                f"{field}={verdict}"
                + (
                    f" (expected {expected.get(field)!r}, got {got.get(field)!r})"
                    if got is not None and field in expected
                    else ""
                )
                for field, verdict in fields.items()
                if verdict != "right"
            )
            print(
                f"# {name}: {counts['right']}/{len(fields)} right, {wrong} wrong, "
                f"{counts['invented']} invented, {counts['missing']} missing{note}"
                + (f" -- {bad}" if bad else "")
            )
    share = 100.0 * totals["right"] / totals["fields"] if totals["fields"] else 0.0
    print(f"meetings_corpus_fields_right: {totals['right']} of {totals['fields']} fields")
    print(f"meetings_corpus_fields_right_share: {share:.1f} %")
    print(f"meetings_corpus_fields_wrong: {totals['wrong']} fields")
    print(f"meetings_corpus_fields_invented: {totals['invented']} fields")
    print(f"meetings_corpus_fields_missing: {totals['missing']} fields")
    print(f"meetings_corpus_documents_right: {documents_right} of {len(expected_all)} documents")


if __name__ == "__main__":
    main()
