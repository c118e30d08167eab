"""Checks on the labelled evaluation set, data/evaluation/cases.json, over the sample directory.

The set is written by hand (see data/evaluation/README.md); these checks keep it consistent
with data/sample/resources.csv and data/taxonomy.csv, so that a change to the sample data that
breaks a case fails here rather than silently skewing the scores of bench/evaluate.py.
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

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "data" / "evaluation" / "cases.json"
SAMPLE = ROOT / "data" / "sample" / "resources.csv"
TAXONOMY = ROOT / "data" / "taxonomy.csv"

TOP_LEVEL = [str(code) for code in range(101, 112)]
CASE_KEYS = {"id", "description", "profile", "relevant", "must_not_recommend", "notes"}
OPTIONAL_KEYS = {"tags"}
TAGS = {
    "word-mismatch",
    "multi-need",
    "ineligible-nearest",
    "closed-nearest",
    "hotline",
    "text-only",
    "children-ages",
}
PROFILE_KEYS = {
    "needs",
    "text",
    "location",
    "radius_miles",
    "age",
    "gender",
    "household_size",
    "children_ages",
    "annual_income",
    "languages",
    "veteran",
    "insurance",
    "populations",
}
CODE = re.compile(r"^\d{3}(-\d{2}){0,2}$")
# The 100% federal poverty guideline the grades were written with (HHS 2025, 48 states).
POVERTY_FIRST, POVERTY_EACH = 15_650, 5_500
SENIOR_AGE, YOUTH_MAX_AGE, CHILDREN_SERVICE_MAX_AGE = 60, 24, 18


def load_cases() -> list[dict[str, Any]]:
    """Return the parsed evaluation cases."""
    cases: list[dict[str, Any]] = json.loads(CASES.read_text(encoding="utf-8"))
    return cases


def load_resources() -> dict[str, dict[str, str]]:
    """Return the sample directory's rows by id."""
    with SAMPLE.open(encoding="utf-8", newline="") as f:
        return {row["id"]: row for row in csv.DictReader(f)}


def taxonomy_codes() -> dict[str, str]:
    """Return a map from every taxonomy code and lower-cased name to its code."""
    with TAXONOMY.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    names = {row["name"].strip().lower(): row["code"] for row in rows}
    return names | {row["code"]: row["code"] for row in rows}


def categories(row: dict[str, str], terms: dict[str, str]) -> set[str]:
    """Return the taxonomy codes of a resource row (categories are codes or names)."""
    out: set[str] = set()
    for value in re.split(r"[;,]", row["categories"]):
        value = value.strip()
        if value:
            out.add(terms[value if CODE.match(value) else value.lower()])
    return out


def explicit_exclusions(row: dict[str, str], profile: dict[str, Any]) -> list[str]:
    """Return the rules of a resource that explicitly exclude the client (empty if none).

    Only what the profile decides counts: a stated age, gender, income and household size,
    or a population the client is known not to be in (not a veteran; not a senior or not
    young by age; a man is not pregnant). Unknown is not ineligible. A service for children
    (ages up to 18 at most) that the client is too old for is judged for the client's
    children when their ages are given.
    """
    reasons = []
    age = profile.get("age")
    served_ages = [age] if age is not None else []
    low, high = int(row["min_age"] or 0), int(row["max_age"] or 999)
    for_a_child = high <= CHILDREN_SERVICE_MAX_AGE and not any(
        low <= a <= high for a in served_ages
    )
    if for_a_child and profile.get("children_ages"):
        served_ages = profile["children_ages"]
        if not any(low <= a <= high for a in served_ages):
            reasons.append(f"no child of ages {low} to {high}")
    elif age is not None:
        if row["min_age"] and age < int(row["min_age"]):
            reasons.append(f"younger than {row['min_age']}")
        if row["max_age"] and age > int(row["max_age"]):
            reasons.append(f"older than {row['max_age']}")
    genders = {g.strip() for g in row["genders"].split(";") if g.strip()}
    if genders and profile.get("gender") and profile["gender"] not in genders:
        reasons.append(f"serves {'/'.join(sorted(genders))} only")
    required = {p.strip() for p in row["populations"].split(";") if p.strip()}
    if required:
        member = set(profile.get("populations", []))
        not_member: set[str] = set()
        if profile.get("veteran") is True:
            member.add("veterans")
        elif profile.get("veteran") is False:
            not_member.add("veterans")
        if age is not None:
            (member if age >= SENIOR_AGE else not_member).add("seniors")
            (member if age <= YOUTH_MAX_AGE else not_member).add("youth")
        if profile.get("children_ages"):
            member.add("families")
            if for_a_child:
                member.add("youth")
        if profile.get("gender") == "male":
            not_member.add("pregnant")
        if not required & member and required <= not_member - member:
            reasons.append(f"serves {'/'.join(sorted(required))} only")
    income, size = profile.get("annual_income"), profile.get("household_size")
    if row["income_limit_fpl"] and income is not None and size is not None:
        percent = 100 * income / (POVERTY_FIRST + POVERTY_EACH * (size - 1))
        if percent > float(row["income_limit_fpl"]):
            reasons.append(f"income {percent:.0f}% of poverty over {row['income_limit_fpl']}%")
    return reasons


CASE_LIST = load_cases()
RESOURCES = load_resources()
TERMS = taxonomy_codes()


def case_id(case: dict[str, Any]) -> str:
    """Return a case's id for pytest's test names."""
    return str(case.get("id"))


def test_the_set_is_a_list_of_at_least_45_cases_with_unique_ids() -> None:
    assert isinstance(CASE_LIST, list)
    assert len(CASE_LIST) >= 45
    ids = Counter(case.get("id") for case in CASE_LIST)
    assert not [i for i, n in ids.items() if n > 1], "duplicate case ids"
    assert all(isinstance(i, str) and i for i in ids)


@pytest.mark.parametrize("case", CASE_LIST, ids=case_id)
def test_case_shape(case: dict[str, Any]) -> None:
    assert CASE_KEYS <= set(case) <= CASE_KEYS | OPTIONAL_KEYS
    assert set(case["profile"]) <= PROFILE_KEYS
    assert isinstance(case["relevant"], dict)
    assert isinstance(case["must_not_recommend"], list)
    assert case["description"].strip() and case["notes"].strip()
    assert set(case.get("tags", [])) <= TAGS


@pytest.mark.parametrize("case", CASE_LIST, ids=case_id)
def test_profile_has_needs_or_text(case: dict[str, Any]) -> None:
    profile = case["profile"]
    needs = [n for n in profile.get("needs", []) if n.strip()]
    assert needs or profile.get("text", "").strip()
    for need in needs:
        if CODE.match(need):
            assert need in TERMS, f"{need} is not a taxonomy code"


@pytest.mark.parametrize("case", CASE_LIST, ids=case_id)
def test_graded_resources_exist_are_active_and_graded_1_to_3(case: dict[str, Any]) -> None:
    assert 3 <= len(case["relevant"]) <= 12
    for rid, grade in case["relevant"].items():
        assert rid in RESOURCES, f"{rid} is not in {SAMPLE.name}"
        assert type(grade) is int and 1 <= grade <= 3, f"{rid}: grade {grade!r}"
        assert RESOURCES[rid]["status"] == "active", f"{rid} is {RESOURCES[rid]['status']}"
    assert 3 in case["relevant"].values() or 2 in case["relevant"].values()


@pytest.mark.parametrize("case", CASE_LIST, ids=case_id)
def test_graded_resources_do_not_exclude_the_client(case: dict[str, Any]) -> None:
    for rid in case["relevant"]:
        reasons = explicit_exclusions(RESOURCES[rid], case["profile"])
        assert not reasons, f"{rid} excludes the client: {reasons}"


@pytest.mark.parametrize("case", CASE_LIST, ids=case_id)
def test_must_not_recommend_are_closed_or_exclude_the_client(case: dict[str, Any]) -> None:
    must_not = case["must_not_recommend"]
    assert len(set(must_not)) == len(must_not)
    assert not set(must_not) & set(case["relevant"]), "graded and must-not overlap"
    for rid in must_not:
        assert rid in RESOURCES, f"{rid} is not in {SAMPLE.name}"
        row = RESOURCES[rid]
        closed = row["status"] != "active"
        assert closed or explicit_exclusions(row, case["profile"]), (
            f"{rid} ({row['name']}) is active and does not exclude the client"
        )


def test_every_top_level_need_has_graded_resources() -> None:
    covered: Counter[str] = Counter()
    for case in CASE_LIST:
        tops: set[str] = set()
        for rid in case["relevant"]:
            tops |= {code[:3] for code in categories(RESOURCES[rid], TERMS)}
        covered.update(tops)
    missing = [code for code in TOP_LEVEL if not covered[code]]
    assert not missing, f"no case grades a resource under {missing}"


def test_the_set_has_the_advertised_kinds_of_case() -> None:
    tags = Counter(tag for case in CASE_LIST for tag in case.get("tags", []))
    assert tags["word-mismatch"] >= 12
    assert tags["multi-need"] >= 10
    assert tags["ineligible-nearest"] >= 8
    assert tags["hotline"] >= 1 and tags["text-only"] >= 1
    for case in CASE_LIST:
        tags_of = set(case.get("tags", []))
        if "text-only" in tags_of:
            assert not case["profile"].get("needs")
        if "ineligible-nearest" in tags_of:
            assert any(
                RESOURCES[rid]["status"] == "active"
                and explicit_exclusions(RESOURCES[rid], case["profile"])
                for rid in case["must_not_recommend"]
            ), case["id"]


@pytest.mark.parametrize(
    "case", [c for c in CASE_LIST if "word-mismatch" in c.get("tags", [])], ids=case_id
)
def test_word_mismatch_cases_share_no_word_with_graded_names_or_descriptions(
    case: dict[str, Any],
) -> None:
    profile = case["profile"]
    client = words(" ".join([*profile.get("needs", []), profile.get("text", "")]))
    for rid in case["relevant"]:
        row = RESOURCES[rid]
        shared = client & words(f"{row['name']} {row['description']}")
        assert not shared, f"{rid} ({row['name']}) shares {sorted(shared)}"
