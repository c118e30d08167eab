"""The shipped ILAO mapping, data/mappings/ilao-raw-export.toml, on ILAO's real raw export.

Each expected value is read here from the export's own CSV files with the csv module, so
that the tests say what the raw rows hold, not what the mapping made of them.
"""

from __future__ import annotations

import csv
import json
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from referral_match import Directory, import_directory
from referral_match.cli import main
from referral_match.model import Resource, Status
from referral_match.report import ImportReport
from referral_match.sources.mapping import load_mapping, parse_mapping

MAPPING = Path(__file__).resolve().parents[2] / "data" / "mappings" / "ilao-raw-export.toml"
FREE_TO_ELIGIBLE = "Free to eligible persons/entities"
LIST = "\n\n    "  # how ILAO separates the items of a list in one cell
LATLON = re.compile(r"(-?\d+\.\d+),\s*(-?\d+\.\d+)")


def test_the_shipped_mapping_validates() -> None:
    # parse_mapping refuses an unknown key, option or flat column, naming it.
    mapping = load_mapping(MAPPING)
    data = tomllib.loads(MAPPING.read_text("utf-8"))
    assert parse_mapping(data, name=MAPPING.name) == mapping
    assert {j.file for j in mapping.joins} == {"organizations.csv", "locations.csv"}
    assert {r.field for r in mapping.rules} >= {
        "id", "service_id", "organization_id", "location_id", "name", "organization",
        "status", "description", "phones", "website", "email", "hours", "latitude",
        "longitude", "service_area", "eligibility", "income_limit_fpl",
        "application_process", "fees", "cost",
    }  # fmt: skip


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as f:
        return [row for row in csv.DictReader(f) if any(v.strip() for v in row.values())]


def _items(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(LIST) if item.strip()]


@dataclass(frozen=True)
class Ilao:
    """The raw export's rows, and what importing it with the shipped mapping gave."""

    folder: Path
    services: list[dict[str, str]]
    locations: dict[str, dict[str, str]]
    organizations: dict[str, dict[str, str]]
    report: ImportReport
    resources: dict[str, Resource]

    def named(self) -> Iterator[dict[str, str]]:
        """Yield the service rows that have a name (the ones to import)."""
        return (s for s in self.services if s["Title"].strip())

    def location(self, service: dict[str, str]) -> dict[str, str]:
        """Return the locations.csv row of a service ({} if it names none)."""
        return self.locations.get(service["Location ID"].strip(), {})


@pytest.fixture(scope="module")
def ilao(datasets: Path, tmp_path_factory: pytest.TempPathFactory) -> Ilao:
    """Import the whole raw export with the shipped mapping into a real index, once."""
    folder = datasets / "ilao-raw-export"
    index = tmp_path_factory.mktemp("ilao-index")
    report = import_directory(folder / "services.csv", index, mapping=MAPPING)
    assert report.index_updated, report.rejected[:3]
    with Directory.open(index) as directory:
        resources = {r.id: r for r in directory.resources()}
    return Ilao(
        folder,
        _rows(folder / "services.csv"),
        {r["Location_id"]: r for r in _rows(folder / "locations.csv")},
        {r["Organization ID"]: r for r in _rows(folder / "organizations.csv")},
        report,
        resources,
    )


@pytest.mark.datasets
def test_every_named_service_is_imported_and_no_other_row_is_rejected(ilao: Ilao) -> None:
    report = ilao.report
    named = list(ilao.named())
    assert report.total_rows == len(ilao.services)
    assert report.imported == len(named) == len(ilao.resources)
    assert report.imported + report.rejected_rows == report.total_rows
    unnamed = [line for line, s in enumerate(ilao.services, start=2) if not s["Title"].strip()]
    assert [(p.line, p.column, p.message) for p in report.rejected] == [
        (line, "Title", "the service has no name.") for line in unnamed
    ]
    # Every column is mapped or ignored on purpose; the warnings are of two kinds only.
    unlisted = [s for s in ilao.services if s["Organization ID"] not in ilao.organizations]
    org_warnings = [w for w in report.warnings if w.column == "Organization ID"]
    assert len(org_warnings) == len(unlisted)
    others = [w for w in report.warnings if w.column != "Organization ID"]
    assert others and all("Until then it is shown as written." in w.message for w in others)


@pytest.mark.datasets
def test_ids_are_ilao_s_service_location_and_organization_ids(ilao: Ilao, datasets: Path) -> None:
    ids = {s["Services-ID"] for s in ilao.named()}
    assert set(ilao.resources) == ids
    for s in ilao.named():
        r = ilao.resources[s["Services-ID"]]
        assert r.service_id == s["Services-ID"]
        assert r.location_id == s["Location ID"].strip()
        assert r.organization_id == s["Organization ID"]
        assert r.name == s["Title"].strip()
        org = ilao.organizations.get(s["Organization ID"])
        assert r.organization == (org["Title"] if org else "Organization not listed")
    hsds = datasets / "ilao-hsds-1.1" / "services.csv"
    if hsds.is_file():  # the same services as ILAO's own HSDS 1.1 conversion
        assert {r["id"] for r in _rows(hsds)} == {r.service_id for r in ilao.resources.values()}


@pytest.mark.datasets
def test_the_services_marked_closed_and_only_those_are_inactive(ilao: Ilao) -> None:
    closed = {s["Services-ID"] for s in ilao.named() if s["Is this service open?"] == "No"}
    inactive = {i for i, r in ilao.resources.items() if r.status != Status.ACTIVE}
    assert closed and inactive == closed
    assert all(ilao.resources[i].status == Status.INACTIVE for i in closed)


def _fold(name: str) -> str:
    """Return a place name without case, spaces or punctuation ("La Salle" -> "lasalle")."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


@pytest.mark.datasets
def test_service_areas_are_the_lists_their_locations_say(ilao: Ilao) -> None:
    kinds: set[str] = set()
    for s in ilao.named():
        r = ilao.resources[s["Services-ID"]]
        area = r.service_area
        loc = ilao.location(s)
        limited = loc.get("Service area limited to specific", "")
        if not loc:
            assert not area.counties and not area.cities and not area.zips
            continue
        statewide = loc["Location serves all of Illinois"] == "Yes"
        if not r.area_from:  # not the state of its phone, for want of any other place
            assert ("IL" in area.states) == statewide, s["Services-ID"]
        counties = _items(loc["Counties"]) if limited == "Counties" else []
        cities = _items(loc["Cities"]) if limited == "Cities" else []
        zips = _items(loc["Zip codes"]) if limited == "Zip codes" else []
        assert sorted(_fold(k.split("|")[0]) for k in area.counties) == sorted(
            _fold(c) for c in counties
        ), s["Services-ID"]
        assert sorted(_fold(k.split("|")[0]) for k in area.cities) == sorted(
            _fold(c) for c in cities
        )
        assert sorted(area.zips) == sorted(zips)
        assert all(k.endswith("|IL") for k in (*area.counties, *area.cities))
        kinds |= {k for k, v in (("state", statewide), ("county", counties), ("city", cities),
                                 ("zip", zips)) if v}  # fmt: skip
    assert kinds == {"state", "county", "city", "zip"}


def _fpl_limit(ilao: Ilao, s: dict[str, str]) -> int | None:
    """Return the poverty-level income limit a raw row states, or None."""
    loc = ilao.location(s)
    percent = s["Max percentage of income standard"].strip().rstrip("%")
    if (
        s["Income eligibility and fees"] == FREE_TO_ELIGIBLE
        and s["Same income eligibility as location"] == "Yes"
        and loc.get("Income standard for eligibility") == "Federal Poverty Level"
        and percent
    ):
        return int(percent)
    return None


@pytest.mark.datasets
def test_income_limits_are_the_percent_of_the_poverty_level_the_rows_give(ilao: Ilao) -> None:
    limited = 0
    for s in ilao.named():
        r = ilao.resources[s["Services-ID"]]
        expected = _fpl_limit(ilao, s)
        assert r.eligibility.income_limit_fpl == expected, (s["Services-ID"], expected)
        percent = s["Max percentage of income standard"].strip()
        if expected is not None:
            limited += 1
            assert f"up to {percent} of the Federal Poverty Level" in r.eligibility.text
        standard = ilao.location(s).get("Income standard for eligibility")
        if standard == "Area median income" and s["Income eligibility and fees"] == (
            FREE_TO_ELIGIBLE
        ):
            # Said in words for the case manager; not a poverty-level limit.
            assert f"up to {percent} of the Area median income" in r.eligibility.text
        if s["Income eligibility and fees"] == "Free to everyone":
            assert "income" not in r.eligibility.text.lower()
    assert limited >= 50
    # "Free to everyone" services keep an old percent in the export: it limits nobody.
    assert any(
        s["Income eligibility and fees"] == "Free to everyone"
        and s["Max percentage of income standard"]
        for s in ilao.named()
    )


@pytest.mark.datasets
def test_the_eligibility_words_give_the_population_rules_they_state(ilao: Ilao) -> None:
    seen: set[str] = set()
    for s in ilao.named():
        el = ilao.resources[s["Services-ID"]].eligibility
        groups = _items(s["An individual must be one of these to qualify"])
        if s["Is this service limited to specific populations?"] != "Yes" or not groups:
            assert (el.min_age, el.max_age, el.populations) == (None, None, ())
            continue
        rules = (el.min_age, el.max_age, el.populations)
        if len(groups) > 1:  # any one of several groups: no rule of one of them
            assert rules == (None, None, ()), (groups, rules)
            seen.add("several")
        elif groups[0] == "a senior (60 years or older)":
            assert rules == (60, None, ()) and el.said("age") == "Seniors (60 years or older)"
            seen.add("senior")
        elif groups[0] == "a youth (17 years or younger)":
            assert rules == (None, 17, ())
            seen.add("youth")
        elif groups[0].startswith("a veteran"):
            assert rules == (None, None, ("veterans",)) and el.said("population")
            seen.add("veteran")
        elif groups[0].startswith("an immigrant"):
            assert rules == (None, None, ("immigrants",))
            seen.add("immigrant")
        else:  # HIV/AIDS, disability, survivors, at risk of homelessness: words only
            assert rules == (None, None, ()), (groups, rules)
            assert el.text
    assert seen == {"several", "senior", "youth", "veteran", "immigrant"}


@pytest.mark.datasets
def test_coordinates_phones_hours_and_words_come_from_the_rows(ilao: Ilao) -> None:
    for s in ilao.named():
        r = ilao.resources[s["Services-ID"]]
        found = LATLON.search(s["Geolocation"])
        if found:
            assert (r.latitude, r.longitude) == (float(found[1]), float(found[2]))
            assert r.geocoded_from == "given"
        else:
            assert r.geocoded_from == ""
        digits = re.sub(r"\D", "", s["Phone number"])[-10:]
        if len(digits) == 10:  # not "no phone", nor "1-800-LAW-REP-4"
            assert any(re.sub(r"\D", "", p).endswith(digits) for p in r.phones)
        assert r.description.startswith(f"{s['Service type']}.")
        for process in ("Process for applying by phone", "Process for walk-ins"):
            if s[process].strip():
                assert " ".join(s[process].split()) in r.application_process
        if s["Service availability"] == "Available 24/7/365":
            assert r.hours is not None and r.hours_text == "24/7"
        elif s["Hours of operation"].strip():
            assert r.hours_text == " ".join(s["Hours of operation"].split())
        website = s["Website address"] or ilao.organizations.get(s["Organization ID"], {}).get(
            "Website address", ""
        )
        assert bool(r.website) == bool(website)
        assert set(r.keywords) == set(_items(s["Featured content"]))


@pytest.mark.datasets
def test_the_readme_command_imports_the_export(ilao: Ilao, tmp_path: Path) -> None:
    services = ilao.folder / "services.csv"
    args = ["--index", str(tmp_path / "index"), "import", str(services), "--mapping", str(MAPPING)]
    result = CliRunner().invoke(main, [*args, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["total_rows"] == ilao.report.total_rows
    assert report["imported"] == ilao.report.imported and report["index_updated"]
    assert len(report["rejected"]) == 1 and len(report["warnings"]) == len(ilao.report.warnings)
