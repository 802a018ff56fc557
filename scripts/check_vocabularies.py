"""Check enlace/core/data/vocabularies.csv before it is committed (a developer tool).

Checks: the exact header; snake_case vocabulary names; codes without surrounding spaces and
unique within their vocabulary; no empty label; `source` is `htcds` or `enlace`; `sort_order` a
positive integer; every `parent_code` names exactly one term of the file. With the HTCDS field
list (../shared/data/htcds/htcds_fields.csv, or the path given) it also checks that each
vocabulary mirroring an HTCDS picklist holds exactly its values (trailing spaces stripped) as
`htcds` terms, and that nothing else in it claims to come from HTCDS.

Usage: python scripts/check_vocabularies.py [path/to/htcds_fields.csv]   (exit 1 on any error)
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VOCABULARIES = ROOT / "enlace" / "core" / "data" / "vocabularies.csv"
HTCDS_FIELDS = ROOT.parent / "shared" / "data" / "htcds" / "htcds_fields.csv"
HEADER = ["vocabulary", "code", "label_es", "label_en", "source", "sort_order", "parent_code"]

# vocabulary -> the HTCDS fields whose picklist it holds (some fields share a picklist)
HTCDS_PICKLISTS = {
    "organisation_type": ["org_Type"],
    "gender": ["prs_Gender"],
    "marital_status": ["prs_MaritalStatus"],
    "education_level": ["prs_HighestLevelOfEducation"],
    "trafficking_status": ["vic_TraffickingStatus"],
    "trafficking_status_decided_by": ["vic_TraffickingStatusDecisionMakingOrg"],
    "relationship_to_trafficker": ["vic_RelationshipToTrafficker"],
    "recruitment_platform": ["vic_RecruitmentWebsitesAndApps", "vic_ExploitationWebsitesAndApps"],
    "recruitment_method": ["vic_MethodOfRecruitment"],
    "methods_of_control": ["vic_MethodsOfControl"],
    "exploitation_type": ["vic_TypeOfExploitation"],
    "forced_labour_industry": ["vic_ForcedLabourIndustry"],
    "sexual_exploitation_type": ["vic_TypeOfSexExploitation"],
    "vulnerability": ["vic_Vulnerabilities"],
    "perpetrator_role": ["per_RoleInProcess"],
    "case_status": ["cas_Status"],
    "referral_reason": ["cas_ReasonForIncomingReferral", "cas_ReasonForOutgoingReferral"],
    "historic_event_type": ["hte_Type"],
    "support_plan_type": ["spl_Type"],
}
# Picklists written "[ISO ... codes]" are code lists, not vocabularies: countries.csv holds the
# countries; ISO 639-2 languages are not a vocabulary here.
CODE_LISTS = "["


def check_rows(rows: list[dict[str, str]]) -> list[str]:
    errors = []
    seen = Counter((row["vocabulary"], row["code"]) for row in rows)
    errors += [
        f"duplicate term {vocabulary}/{code!r}" for (vocabulary, code), n in seen.items() if n > 1
    ]
    holders = defaultdict(set)
    for row in rows:
        holders[row["code"]].add(row["vocabulary"])
    for line, row in enumerate(rows, start=2):
        where = f"line {line} ({row['vocabulary']}/{row['code']!r})"
        if not re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", row["vocabulary"]):
            errors.append(f"{where}: vocabulary name is not snake_case")
        if not row["code"] or row["code"] != row["code"].strip():
            errors.append(f"{where}: empty code or code with surrounding spaces")
        for column in ("label_es", "label_en"):
            if not row[column].strip() or row[column] != row[column].strip():
                errors.append(f"{where}: {column} empty or with surrounding spaces")
        if row["source"] not in ("htcds", "enlace"):
            errors.append(f"{where}: source {row['source']!r} is not htcds or enlace")
        if not row["sort_order"].isdigit() or int(row["sort_order"]) < 1:
            errors.append(f"{where}: sort_order {row['sort_order']!r} is not a positive integer")
        parent = row["parent_code"]
        if parent and len(holders.get(parent, ())) != 1:
            errors.append(
                f"{where}: parent_code {parent!r} is held by "
                f"{len(holders.get(parent, ()))} vocabularies, not exactly one"
            )
    return errors


def check_htcds(rows: list[dict[str, str]], fields_path: Path) -> list[str]:
    with fields_path.open(encoding="utf-8") as handle:
        picklists = {
            row["field_name"]: [value.strip() for value in values.split("|")]
            for row in csv.DictReader(handle)
            if (values := row["picklist_values"]) and not values.startswith(CODE_LISTS)
        }
    errors = []
    mapped = {field for fields in HTCDS_PICKLISTS.values() for field in fields}
    errors += [
        f"HTCDS picklist {field} is not mapped to any vocabulary"
        for field in sorted(set(picklists) - mapped)
    ]
    by_vocabulary = defaultdict(dict)
    for row in rows:
        by_vocabulary[row["vocabulary"]][row["code"]] = row["source"]
    for vocabulary, fields in HTCDS_PICKLISTS.items():
        terms = by_vocabulary.get(vocabulary, {})
        from_htcds = {code for code, source in terms.items() if source == "htcds"}
        for field in fields:
            if field not in picklists:
                errors.append(f"{vocabulary}: HTCDS field {field} has no picklist")
                continue
            expected = set(picklists[field])
            if from_htcds != expected:
                errors.append(
                    f"{vocabulary} vs {field}: missing {sorted(expected - from_htcds)}, "
                    f"not in HTCDS {sorted(from_htcds - expected)}"
                )
    for vocabulary, terms in by_vocabulary.items():
        if vocabulary not in HTCDS_PICKLISTS and "htcds" in terms.values():
            errors.append(f"{vocabulary}: has htcds terms but mirrors no HTCDS picklist")
    return errors


def main() -> int:
    fields_path = Path(sys.argv[1]) if len(sys.argv) > 1 else HTCDS_FIELDS
    with VOCABULARIES.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames
        rows = list(reader)
    errors = [] if header == HEADER else [f"header is {header}, expected {HEADER}"]
    if not errors:
        errors += check_rows(rows)
        if fields_path.exists():
            errors += check_htcds(rows, fields_path)
        else:
            print(f"note: {fields_path} not found, HTCDS picklists not checked", file=sys.stderr)
    for error in errors:
        print(error, file=sys.stderr)
    counts = Counter(row["vocabulary"] for row in rows)
    sources = Counter(row["source"] for row in rows)
    verdict = f"FAILED, {len(errors)} errors" if errors else "ok"
    print(
        f"{len(rows)} terms in {len(counts)} vocabularies ({sources['htcds']} htcds, "
        f"{sources['enlace']} enlace): {verdict}"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
