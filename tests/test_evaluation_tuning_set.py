"""Checks on the Pima County tuning set: data/evaluation/tuning/cases-pima.json and its package.

The cases are written by hand over a fictional HSDS 3.0 package (see
data/evaluation/tuning/README.md). These checks keep the two consistent: every graded or
excluded id is a service of the package, graded services are open and do not exclude the
client by a rule the profile decides, every profile loads as a ClientProfile, the package's
tables keep the HSDS 3.0 columns and join, and it imports with no row rejected.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from case_words import words

from referral_match import Directory, import_directory
from referral_match.hsds.package import HSDS_TABLES
from referral_match.ranking.profile import load_profile

ROOT = Path(__file__).resolve().parent.parent
TUNING = ROOT / "data" / "evaluation" / "tuning"
CASES = TUNING / "cases-pima.json"
PACKAGE = TUNING / "pima-hsds3"
DIRECTORY = "tuning/pima-hsds3"

CASE_KEYS = {
    "id",
    "description",
    "directory",
    "crisis",
    "profile",
    "relevant",
    "must_not_recommend",
    "notes",
    "tags",
}
TAGS = {
    "word-mismatch",
    "multi-need",
    "ineligible-nearest",
    "closed-nearest",
    "hotline",
    "text-only",
    "children-ages",
    "crisis-lookalike",
}
TABLES = (
    "organization",
    "service",
    "attribute",
    "service_at_location",
    "location",
    "phone",
    "address",
    "schedule",
    "service_area",
    "language",
    "taxonomy_term",
    "taxonomy",
)
# The 100% federal poverty guideline the grades were written with (HHS 2025, 48 states).
POVERTY_FIRST, POVERTY_EACH = 15_650, 5_500
FPL_LIMIT = re.compile(r"at or below (\d+)% of the federal poverty level")
# An age above which a poverty limit does not apply ("..., or 60 and older at any income").
ANY_INCOME_AGE = re.compile(r"(\d+) and older at any income")
CLOSED_WORDS = "temporarily closed"


def read_table(name: str) -> list[dict[str, str]]:
    """Return the rows of one table of the package."""
    with (PACKAGE / HSDS_TABLES[name][0]).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


CASE_LIST: list[dict[str, Any]] = json.loads(CASES.read_text(encoding="utf-8"))
SERVICES = {row["id"]: row for row in read_table("service")}


def case_id(case: dict[str, Any]) -> str:
    """Return a case's id for pytest's test names."""
    return str(case.get("id"))


def closed(service: dict[str, str]) -> bool:
    """Return True if a service is not open: its status, or words saying it is closed."""
    text = f"{service['description']} {service['alert']}".lower()
    return service["status"] != "active" or CLOSED_WORDS in text


def poverty_percent(profile: dict[str, Any]) -> float | None:
    """Return the client's income as a percent of the poverty guideline, if the profile says."""
    income, size = profile.get("annual_income"), profile.get("household_size")
    if income is None or size is None:
        return None
    return 100 * income / (POVERTY_FIRST + POVERTY_EACH * (size - 1))


def column_exclusions(service: dict[str, str], profile: dict[str, Any]) -> list[str]:
    """Return the rules in a service's age columns and poverty limit that exclude the client.

    The poverty limit is read from the eligibility words ("at or below 200% of the federal
    poverty level"), and waived from the age they give for "at any income".

    A service whose ages end at 17 or below is for children: it is judged by the children's
    ages when the profile gives them, and not by the parent's age.
    """
    reasons = []
    low = int(service["minimum_age"] or 0)
    high = int(service["maximum_age"] or 999)
    age = profile.get("age")
    children = profile.get("children_ages", [])
    if high <= 17 and children:
        if not any(low <= a <= high for a in children):
            reasons.append(f"no child of ages {low} to {high}")
    elif age is not None and not low <= age <= high:
        reasons.append(f"age {age} outside {low} to {high}")
    limit = FPL_LIMIT.search(service["eligibility_description"])
    waived = ANY_INCOME_AGE.search(service["eligibility_description"])
    if waived and age is not None and age >= int(waived[1]):
        limit = None
    percent = poverty_percent(profile)
    if limit and percent is not None and percent > int(limit[1]):
        reasons.append(f"income {percent:.0f}% of poverty over {limit[1]}%")
    return reasons


def test_the_set_has_30_cases_with_unique_ids() -> None:
    assert isinstance(CASE_LIST, list) and len(CASE_LIST) == 30
    ids = Counter(case.get("id") for case in CASE_LIST)
    assert not [i for i, n in ids.items() if n > 1], "duplicate case ids"


@pytest.mark.parametrize("case", CASE_LIST, ids=case_id)
def test_case_shape(case: dict[str, Any]) -> None:
    assert set(case) == CASE_KEYS
    assert case["directory"] == DIRECTORY
    assert type(case["crisis"]) is bool
    assert case["description"].strip() and case["notes"].strip()
    assert isinstance(case["relevant"], dict) and isinstance(case["must_not_recommend"], list)
    assert set(case["tags"]) <= TAGS
    assert ("text-only" in case["tags"]) == (not case["profile"].get("needs"))


@pytest.mark.parametrize("case", CASE_LIST, ids=case_id)
def test_profile_loads_as_a_client_profile(case: dict[str, Any]) -> None:
    profile = load_profile(case["profile"])
    assert profile.needs or profile.text
    assert re.fullmatch(r"\d{5}", profile.location or ""), "every case is placed by a ZIP code"


@pytest.mark.parametrize("case", CASE_LIST, ids=case_id)
def test_graded_services_exist_are_open_and_graded_1_to_3(case: dict[str, Any]) -> None:
    assert 3 <= len(case["relevant"]) <= 9
    for sid, grade in case["relevant"].items():
        assert sid in SERVICES, f"{sid} is not a service id of the package"
        assert type(grade) is int and 1 <= grade <= 3, f"{sid}: grade {grade!r}"
        assert not closed(SERVICES[sid]), f"{sid} ({SERVICES[sid]['name']}) is closed"
    assert {2, 3} & set(case["relevant"].values()), "no good or ideal referral"


@pytest.mark.parametrize("case", CASE_LIST, ids=case_id)
def test_graded_services_do_not_exclude_the_client(case: dict[str, Any]) -> None:
    for sid in case["relevant"]:
        reasons = column_exclusions(SERVICES[sid], case["profile"])
        assert not reasons, f"{sid} ({SERVICES[sid]['name']}) excludes the client: {reasons}"


@pytest.mark.parametrize("case", CASE_LIST, ids=case_id)
def test_must_not_recommend_are_services_closed_or_restricted(case: dict[str, Any]) -> None:
    must_not = case["must_not_recommend"]
    assert len(set(must_not)) == len(must_not)
    assert not set(must_not) & set(case["relevant"]), "graded and must-not overlap"
    for sid in must_not:
        assert sid in SERVICES, f"{sid} is not a service id of the package"
        service = SERVICES[sid]
        # An open service is excluded by a rule it states (its words are read by the notes).
        assert closed(service) or service["eligibility_description"].strip(), sid
        assert service["name"] in case["notes"], f"the notes do not say why {sid} is excluded"


def test_the_set_has_the_advertised_kinds_of_case() -> None:
    text_only = [c for c in CASE_LIST if not c["profile"].get("needs")]
    assert len(text_only) == 5
    assert sum(1 for c in text_only if c["profile"].get("languages") == ["es"]) == 2
    crisis = [c for c in CASE_LIST if c["crisis"]]
    assert len(crisis) == 4
    assert any(c["profile"].get("languages") == ["es"] for c in crisis)
    lookalikes = [c for c in CASE_LIST if "crisis-lookalike" in c["tags"]]
    assert len(lookalikes) == 3 and not any(c["crisis"] for c in lookalikes)
    for case in CASE_LIST:
        if {"closed-nearest", "ineligible-nearest"} & set(case["tags"]):
            assert case["must_not_recommend"], case["id"]
        if "closed-nearest" in case["tags"]:
            assert any(closed(SERVICES[s]) for s in case["must_not_recommend"]), case["id"]
        if "ineligible-nearest" in case["tags"]:
            assert any(not closed(SERVICES[s]) for s in case["must_not_recommend"]), case["id"]


@pytest.mark.parametrize(
    "case", [c for c in CASE_LIST if "word-mismatch" in c["tags"]], ids=case_id
)
def test_word_mismatch_cases_share_no_word_with_graded_names_or_descriptions(
    case: dict[str, Any],
) -> None:
    profile = case["profile"]
    client = words(" ".join([*profile.get("needs", []), profile.get("text", "")]))
    for sid in case["relevant"]:
        service = SERVICES[sid]
        shared = client & words(f"{service['name']} {service['description']}")
        assert not shared, f"{sid} ({service['name']}) shares {sorted(shared)}"


def test_the_package_keeps_the_hsds_3_columns_and_its_descriptor() -> None:
    descriptor = json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))
    described = {r["name"]: r for r in descriptor["resources"]}
    assert set(described) == set(TABLES)
    for name in TABLES:
        path, columns = HSDS_TABLES[name]
        with (PACKAGE / path).open(encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        assert tuple(header) == columns, f"{path} does not have the HSDS 3.0 columns"
        assert described[name]["path"] == path
        assert [f["name"] for f in described[name]["schema"]["fields"]] == list(columns)


def test_the_tables_join() -> None:
    ids = {name: {row["id"] for row in read_table(name)} for name in TABLES}
    for name in TABLES:
        rows = read_table(name)
        assert len({row["id"] for row in rows}) == len(rows), f"{name}: ids repeat"
        for row in rows:
            for column, table in (
                ("organization_id", "organization"),
                ("service_id", "service"),
                ("location_id", "location"),
                ("taxonomy_id", "taxonomy"),
                ("taxonomy_term_id", "taxonomy_term"),
            ):
                if row.get(column):
                    assert row[column] in ids[table], f"{name} {row['id']}: {column}"
    placed = {row["location_id"] for row in read_table("service_at_location")}
    assert placed == ids["location"], "a location that no service is at"


def test_the_package_imports_with_no_rejections(tmp_path: Path) -> None:
    report = import_directory(PACKAGE, tmp_path / "index", format="hsds")
    assert not report.rejected, [str(p) for p in report.rejected[:5]]
    placed = {row["service_id"] for row in read_table("service_at_location")}
    rows = len(read_table("service_at_location")) + len(set(SERVICES) - placed)
    assert report.total_rows == report.imported == rows
    assert report.index_updated
    with Directory.open(tmp_path / "index") as directory:
        imported = {resource.service_id for resource in directory.resources()}
    graded = {
        sid for case in CASE_LIST for sid in [*case["relevant"], *case["must_not_recommend"]]
    }
    assert graded <= imported
