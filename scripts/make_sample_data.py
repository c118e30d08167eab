"""Generate the fictional San Mateo County sample directory, ``data/sample/resources.csv``.

Every agency, street address, phone number, email address and web site in the output is
invented for testing and demonstration. The region is real (San Mateo County, California,
with a few neighbours in San Francisco and in Palo Alto / Mountain View, Santa Clara County),
and so are the ZIP codes and the ZIP centroids the coordinates are jittered from.

The data lives beside the output, in TOML files under ``data/sample/`` (each one's header
says what its keys mean):

* ``kinds.toml`` (:data:`KINDS`), the kinds of service a 211 directory lists (a food pantry,
  eviction defense, a crisis line...), each with its category codes, a few ways agencies word
  their descriptions, typical eligibility, hours, documents and how to apply;
* ``organizations.toml`` (:data:`ORGANIZATIONS`), the fictional agencies, their sites, and
  which kinds of service they run at which sites, with whatever differs from the kind's
  defaults;
* ``places.toml``, the regions, "nearby" ZIP codes, invented streets and accessibility notes;
* ``spellings.toml``, the taxonomy and language names some rows give instead of codes.

This script only loads them, draws the details and writes the CSV.

The output is deterministic: every random choice is made by a :class:`random.Random` seeded
from the fixed :data:`SEED` and the stable key of the record it is for, so the same catalogues
always give the same bytes, and editing one agency does not reshuffle the others.

Regenerate with::

    .venv/bin/python scripts/make_sample_data.py            # writes data/sample/resources.csv
    .venv/bin/python scripts/make_sample_data.py --output /tmp/resources.csv
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime as dt
import random
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import zipcodes

#: The fixed seed of every random choice.
SEED = 20261101

#: Where the catalogues are read from, and the sample directory is written by default.
SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "sample"
DEFAULT_OUTPUT = SAMPLE_DIR / "resources.csv"

#: The columns of the flat CSV format, in the order of the README table.
COLUMNS: tuple[str, ...] = (
    "id",
    "service_id",
    "organization_id",
    "location_id",
    "name",
    "organization",
    "description",
    "categories",
    "keywords",
    "status",
    "address",
    "city",
    "state",
    "postal_code",
    "latitude",
    "longitude",
    "phones",
    "email",
    "website",
    "hours",
    "languages",
    "min_age",
    "max_age",
    "genders",
    "populations",
    "income_limit_fpl",
    "eligibility",
    "cost",
    "fees",
    "service_area",
    "application_process",
    "required_documents",
    "accessibility",
    "last_verified",
)

# --------------------------------------------------------------------------------------------
# The catalogues (what their entries mean is in each file's header comment)
# --------------------------------------------------------------------------------------------


def _load(name: str) -> dict[str, Any]:
    """Read one TOML catalogue from data/sample."""
    with (SAMPLE_DIR / name).open("rb") as handle:
        return tomllib.load(handle)


#: The kinds of service, keyed by the id a service's ``kind`` names (kinds.toml).
KINDS: dict[str, dict[str, Any]] = _load("kinds.toml")

#: The fictional agencies, in the order their rows are written (organizations.toml).
ORGANIZATIONS: list[dict[str, Any]] = _load("organizations.toml")["organizations"]

_PLACES = _load("places.toml")
#: County and main-line area code of each region key used by the organizations.
REGIONS: dict[str, dict[str, str]] = _PLACES["regions"]
#: ZIP codes that make up each "nearby" service area, keyed by a site's ZIP code.
NEARBY_ZIPS: dict[str, list[str]] = _PLACES["nearby_zips"]
COASTSIDE_AREA: str = _PLACES["coastside_area"]
STREETS: list[str] = _PLACES["streets"]
UNITS: list[str] = _PLACES["units"]
SITE_ACCESSIBILITY: list[str] = _PLACES["site_accessibility"]
REMOTE_ACCESSIBILITY: list[str] = _PLACES["remote_accessibility"]
VEHICLE_ACCESSIBILITY: str = _PLACES["vehicle_accessibility"]

_SPELLINGS = _load("spellings.toml")
#: Unambiguous taxonomy names, used in place of a code in some rows to exercise name lookup.
CATEGORY_NAMES: dict[str, str] = _SPELLINGS["category_names"]
#: How a language code is written by organizations that spell out names.
LANGUAGE_NAMES: dict[str, str] = _SPELLINGS["language_names"]

# --------------------------------------------------------------------------------------------
# Building the rows
# --------------------------------------------------------------------------------------------

FIRST_VERIFIED = dt.date(2023, 1, 3)
LAST_VERIFIED = dt.date(2026, 10, 30)


def _rng(seed: int, *keys: str) -> random.Random:
    """Return a generator seeded from the fixed seed and a record's stable key.

    String seeds are hashed with SHA-512 by :mod:`random`, so the result does not depend on
    ``PYTHONHASHSEED`` or on the order records are built in.
    """
    return random.Random(":".join((str(seed), *keys)))


def _zip_centroid(postal_code: str) -> tuple[float, float]:
    """Return the latitude and longitude of a real ZIP code's centroid."""
    matches = zipcodes.matching(postal_code)
    if not matches:
        raise ValueError(f"unknown ZIP code {postal_code}")
    return float(matches[0]["lat"]), float(matches[0]["long"])


def _format_phone(area: str, line: int, style: int) -> str:
    """Format a fictional 555-01xx number in one of the common styles."""
    number = f"555-{line:04d}"
    if style == 1:
        return f"{area}-{number}"
    if style == 2:
        return f"{area}.{number.replace('-', '.')}"
    if style == 3:
        return f"+1 {area} {number.replace('-', ' ')}"
    return f"({area}) {number}"


def _language_list(codes: Sequence[str], spelled_out: bool, rng: random.Random) -> str:
    """Write languages as codes (usually) or names, separated by ``;`` (or sometimes ``,``)."""
    values = [LANGUAGE_NAMES[c] if spelled_out else c for c in codes]
    separator = ", " if rng.random() < 0.05 else "; "
    return separator.join(values)


def _service_area(mode: str, region: str, site: dict[str, str] | None) -> str:
    """Turn a kind's area mode into the service_area column."""
    county_area = f"{REGIONS[region]['county']}, CA"
    if mode == "county":
        return county_area
    if mode == "state":
        return "CA"
    if mode == "national":
        return "national"
    if mode == "coast":
        return COASTSIDE_AREA
    if mode in {"city", "nearby"}:
        if site is None:
            return county_area
        if mode == "city" and site["city"] != "North Fair Oaks":
            return f"{site['city']}, CA"
        return "; ".join(NEARBY_ZIPS[site["zip"]])
    return mode  # a literal service area


def _verified_base(org: dict[str, Any], rng: random.Random) -> dt.date:
    """Pick the date an organization's records were last checked."""
    if "verified" in org:
        year, month = (int(part) for part in org["verified"].split("-"))
        return dt.date(year, month, rng.randint(1, 28))
    roll = rng.random()
    if roll < 0.7:
        start, end = dt.date(2025, 11, 1), LAST_VERIFIED
    elif roll < 0.88:
        start, end = dt.date(2024, 11, 1), dt.date(2025, 10, 31)
    else:
        start, end = FIRST_VERIFIED, dt.date(2024, 10, 31)
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _org_profile(org: dict[str, Any], org_index: int, seed: int) -> dict[str, Any]:
    """Give an organization its main phone line, email mailbox and last-checked date."""
    rng = _rng(seed, org["slug"])
    return {
        "area_code": org.get("phone_area", REGIONS[org["region"]]["area_code"]),
        "line": 100 + org_index % 100,
        "second_line": 100 + (org_index * 7 + 31) % 100,
        "phone_style": 0 if rng.random() < 0.6 else rng.randint(1, 3),
        "domain": org.get("domain", f"{org['slug']}.example.org"),
        "mailbox": rng.choice(("info", "intake", "help", "contact", "hello")),
        "verified": _verified_base(org, rng),
    }


def _build_site(
    org: dict[str, Any], site: dict[str, Any], site_index: int, seed: int
) -> dict[str, Any]:
    """Give one site of an organization its address, coordinates and accessibility."""
    key, city, postal_code = site["key"], site["city"], site["zip"]
    location_id = f"loc-{org['slug']}-{key}"
    rng = _rng(seed, location_id)
    street = f"{rng.randint(100, 3999)} {rng.choice(STREETS)}"
    if rng.random() < 0.25:
        street = f"{street}, {rng.choice(UNITS)}"
    lat, lon = _zip_centroid(postal_code)
    lat += rng.uniform(-0.01, 0.01)
    lon += rng.uniform(-0.01, 0.01)
    has_coordinates = rng.random() >= 0.09
    zip_column = postal_code
    if rng.random() < 0.12:
        zip_column = f"{postal_code}-{rng.randint(1000, 9999)}"
    return {
        "key": key,
        "index": site_index,
        "location_id": location_id,
        "address": street,
        "city": city,
        "zip": postal_code,
        "postal_code": zip_column,
        "state": "California" if rng.random() < 0.04 else "CA",
        "latitude": f"{lat:.5f}" if has_coordinates else "",
        "longitude": f"{lon:.5f}" if has_coordinates else "",
        "languages": list(site.get("languages", org["languages"])),
        "accessibility": rng.choice(SITE_ACCESSIBILITY),
    }


def _normalise_service(entry: str | dict[str, Any]) -> dict[str, Any]:
    """Merge a service entry over its kind, so every key has a value."""
    spec = {"kind": entry} if isinstance(entry, str) else dict(entry)
    kind = KINDS[spec["kind"]]
    merged: dict[str, Any] = {
        "keywords": [],
        "elig": {},
        "cost": "free",
        "fees": "",
        "documents": [],
        "apply": [""],
        "area": "county",
        "remote": False,
        "vehicle": False,
        "note": "",
        "status": "active",
    }
    merged.update(kind)
    merged.update(spec)
    if "name" in spec:
        merged["names"] = [spec["name"]]
    if "description" in spec:
        merged["descriptions"] = [spec["description"]]
    merged["slug"] = spec.get("slug", spec["kind"].replace("_", "-"))
    return merged


def _row(
    *,
    org: dict[str, Any],
    profile: dict[str, Any],
    service: dict[str, Any],
    site: dict[str, Any] | None,
    seed: int,
) -> dict[str, str]:
    """Build one CSV row: one service of one organization at one site (or at none)."""
    service_id = f"svc-{org['slug']}-{service['slug']}"
    srng = _rng(seed, service_id)
    rrng = _rng(seed, service_id, site["key"] if site else "-")
    region = org["region"]
    area_name = REGIONS[region]["county"]

    name = srng.choice(service["names"])
    templates = service["descriptions"]
    template = templates[service["variant"]] if "variant" in service else srng.choice(templates)
    description = template.format(
        city=site["city"] if site else area_name, org=org["name"], area=area_name
    )
    extras = service.get("extras", [])
    sentences = description.count(". ") + 1 + bool(service["note"])
    if extras and sentences < 3 and srng.random() < 0.65:
        description = f"{description} {srng.choice(extras)}"
    if service["note"]:
        description = f"{description} {service['note']}"

    categories = list(service["categories"])
    if srng.random() < 0.12:
        for i, code in enumerate(categories):
            if code in CATEGORY_NAMES:
                categories[i] = CATEGORY_NAMES[code]
                break

    status = service["status"]
    if isinstance(status, dict):
        status = status.get(site["key"] if site else "-", "active")

    hours = srng.choice(service["hours"]) if service.get("hours") else ""
    if site is not None and hours != "24/7" and rrng.random() < 0.06:
        hours = ""

    languages = service.get("languages") or (site["languages"] if site else org["languages"])
    spelled_out = org.get("lang_style") == "names" or srng.random() < 0.08

    elig = service["elig"]
    area_code, style = profile["area_code"], profile["phone_style"]
    phones = [_format_phone(area_code, profile["line"], style)]
    if site is not None and site["index"] > 0:
        phones[0] = f"{phones[0]} ext. {site['index'] + 1}"
    if rrng.random() < 0.15:
        phones.append(_format_phone(area_code, profile["second_line"], style))

    domain = profile["domain"]
    email = "" if srng.random() < 0.08 else f"{profile['mailbox']}@{domain}"
    website_roll = srng.random()
    if website_roll < 0.05:
        website = ""
    elif website_roll < 0.2:
        website = f"www.{domain}/{service['slug']}"
    else:
        website = f"https://{domain}/{service['slug']}"

    if site is None:
        lift = service["vehicle"]
        accessibility = VEHICLE_ACCESSIBILITY if lift else srng.choice(REMOTE_ACCESSIBILITY)
    else:
        accessibility = site["accessibility"]

    verified = profile["verified"] + dt.timedelta(days=rrng.randint(-20, 20))
    verified = min(max(verified, FIRST_VERIFIED), LAST_VERIFIED)
    verified_text = verified.strftime("%m/%d/%Y") if rrng.random() < 0.07 else verified.isoformat()

    def number(value: Any) -> str:
        return "" if value is None else str(value)

    return {
        "id": "",
        "service_id": service_id,
        "organization_id": f"org-{org['slug']}",
        "location_id": site["location_id"] if site else "",
        "name": name,
        "organization": org["name"],
        "description": description,
        "categories": "; ".join(categories),
        "keywords": "; ".join(service["keywords"]),
        "status": status,
        "address": site["address"] if site else "",
        "city": site["city"] if site else "",
        "state": site["state"] if site else "",
        "postal_code": site["postal_code"] if site else "",
        "latitude": site["latitude"] if site else "",
        "longitude": site["longitude"] if site else "",
        "phones": "; ".join(phones),
        "email": email,
        "website": website,
        "hours": hours,
        "languages": _language_list(languages, spelled_out, srng),
        "min_age": number(elig.get("min_age")),
        "max_age": number(elig.get("max_age")),
        "genders": "; ".join(elig.get("genders", ())),
        "populations": "; ".join(elig.get("populations", ())),
        "income_limit_fpl": number(elig.get("income_limit_fpl")),
        "eligibility": elig.get("text", ""),
        "cost": service["cost"],
        "fees": service["fees"],
        "service_area": _service_area(service["area"], region, site),
        "application_process": srng.choice(service["apply"]),
        "required_documents": "; ".join(service["documents"]),
        "accessibility": accessibility,
        "last_verified": verified_text,
    }


def build_rows(seed: int = SEED) -> list[dict[str, str]]:
    """Build every row of the sample directory, in catalogue order, with ids assigned."""
    rows: list[dict[str, str]] = []
    for org_index, org in enumerate(ORGANIZATIONS):
        profile = _org_profile(org, org_index, seed)
        sites = {
            site["key"]: _build_site(org, site, index, seed)
            for index, site in enumerate(org["sites"])
        }
        for entry in org["services"]:
            service = _normalise_service(entry)
            if service["remote"] or not sites:
                targets: list[dict[str, Any] | None] = [None]
            else:
                targets = [sites[key] for key in service.get("sites", list(sites))]
            for site in targets:
                rows.append(_row(org=org, profile=profile, service=service, site=site, seed=seed))
    for number, row in enumerate(rows, start=1):
        row["id"] = f"smc-{number:04d}"
    return rows


def write_csv(rows: Sequence[dict[str, str]], path: Path) -> None:
    """Write rows as UTF-8 CSV with a header of every column, in README order."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def summarize(rows: Sequence[dict[str, str]]) -> dict[str, Any]:
    """Count rows, organizations, top-level needs and special cases, for the README."""
    name_to_code = {name: code for code, name in CATEGORY_NAMES.items()}
    top_level: collections.Counter[str] = collections.Counter()
    for row in rows:
        codes = {name_to_code.get(c.strip(), c.strip()) for c in row["categories"].split(";")}
        for top in sorted({code[:3] for code in codes if code}):
            top_level[top] += 1
    return {
        "rows": len(rows),
        "organizations": len({row["organization_id"] for row in rows}),
        "locations": len({row["location_id"] for row in rows if row["location_id"]}),
        "services": len({row["service_id"] for row in rows}),
        "not_active": sum(row["status"] != "active" for row in rows),
        "without_address": sum(not row["address"] for row in rows),
        "zip_without_coordinates": sum(
            bool(row["postal_code"]) and not row["latitude"] for row in rows
        ),
        "top_level": dict(sorted(top_level.items())),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Write the sample directory (by default to data/sample/resources.csv)."""
    parser = argparse.ArgumentParser(
        description="Generate the fictional San Mateo County sample resource directory."
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="CSV file to write")
    parser.add_argument(
        "--seed", type=int, default=SEED, help="random seed (default: %(default)s)"
    )
    parser.add_argument("--quiet", action="store_true", help="do not print the summary")
    args = parser.parse_args(argv)
    rows = build_rows(args.seed)
    write_csv(rows, args.output)
    if not args.quiet:
        summary = summarize(rows)
        print(f"wrote {summary['rows']} resources to {args.output}")
        for key, value in summary.items():
            if key != "rows":
                print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
