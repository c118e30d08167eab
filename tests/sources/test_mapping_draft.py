"""The mapping draft proposes joins to the other files of an export, and the draft loads."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from referral_match.importer import read_source
from referral_match.report import ImportReport
from referral_match.sources.mapping import mapping_from_text, parse_mapping
from referral_match.sources.mapping_draft import suggest_mapping
from referral_match.taxonomy import default_taxonomy


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def test_a_file_named_by_the_same_id_column_is_joined(tmp_path: Path) -> None:
    export = _write(
        tmp_path,
        "services.csv",
        "Service ID,Program Title,Org ID\ns1,Food Pantry,o1\ns2,Rent Help,o2\ns3,Clinic,o9\n",
    )
    _write(
        tmp_path,
        "orgs.csv",
        "Org ID,Title,Website address\no1,Helping Hands,hh.example.org\n"
        "o2,Housing Now,hn.example.org\n",
    )
    draft = tomllib.loads(suggest_mapping(export))
    assert draft["join"] == {"orgs": {"file": "orgs.csv", "key": "Org ID", "on": "Org ID"}}
    assert draft["fields"]["organization"] == "orgs.Title"  # its name is the organization's
    assert draft["fields"]["website"] == "orgs.Website address"
    assert draft["fields"]["name"] == "Program Title"


def test_a_plain_id_that_the_export_calls_organization_id_is_joined(tmp_path: Path) -> None:
    export = _write(
        tmp_path, "services.csv", "id,name,organization_id\ns1,Pantry,10\ns2,Rent Help,11\n"
    )
    _write(
        tmp_path,
        "organizations.csv",
        "id,name,description\n10,Helping Hands,About us\n11,Housing Now,About them\n",
    )
    draft = tomllib.loads(suggest_mapping(export))
    assert draft["join"]["organizations"] == {
        "file": "organizations.csv",
        "key": "id",
        "on": "organization_id",
    }
    assert draft["fields"]["organization"] == "organizations.name"
    # An organization's description is not the service's.
    assert "organizations.description" not in draft["fields"].values()


def test_a_file_whose_keys_hold_the_exports_values_is_joined(tmp_path: Path) -> None:
    export = _write(
        tmp_path, "export.csv", "Title,Agency,Site\nPantry,Helping Hands,A-1\nClinic,Care,B-2\n"
    )
    _write(
        tmp_path,
        "sites.csv",
        "Code,Street address,Town\nA-1,1 Main St,Redwood City\n"
        "B-2,2 Oak Ave,Palo Alto\nC-3,3 Elm St,Menlo Park\n",
    )
    draft = tomllib.loads(suggest_mapping(export))
    assert draft["join"]["sites"] == {"file": "sites.csv", "key": "Code", "on": "Site"}
    assert draft["fields"]["address"] == "sites.Street address"
    assert draft["fields"]["city"] == "sites.Town"


@pytest.mark.parametrize(
    "other",
    [
        "Code,Town\nZ-1,Redwood City\nZ-2,Palo Alto\n",  # no value of the export's is a key
        "Site,Town\nA-1,Redwood City\nA-1,Palo Alto\n",  # same title, but repeated: no key
        "",  # empty: cannot be read, not proposed
    ],
)
def test_files_that_are_not_keyed_by_the_export_are_not_joined(tmp_path: Path, other: str) -> None:
    export = _write(tmp_path, "export.csv", "Title,Agency,Site\nPantry,Helping Hands,A-1\n")
    _write(tmp_path, "other.csv", other)
    assert "join" not in tomllib.loads(suggest_mapping(export))


@pytest.mark.datasets
def test_the_ilao_raw_export_loads_whole_through_its_draft(datasets: Path) -> None:
    services = datasets / "ilao-raw-export" / "services.csv"
    text = suggest_mapping(services)
    draft = tomllib.loads(text)
    assert set(draft["join"]) == {"organizations", "locations"}
    assert draft["join"]["organizations"]["on"] == "Organization ID"
    mapping = mapping_from_text(text, name="draft.toml")
    assert parse_mapping(draft).joins == mapping.joins
    report = ImportReport()
    resources = list(read_source(services, report, taxonomy=default_taxonomy(), mapping=mapping))
    assert report.total_rows == 430 and len(resources) >= 420
    assert len(resources) + len({p.line for p in report.rejected}) == 430
    named = [r for r in resources if r.organization != "Organization not listed"]
    assert len(named) >= 89  # organizations.csv holds 33 of the 152 organizations named
