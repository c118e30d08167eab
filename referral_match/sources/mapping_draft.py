"""Draft a mapping for a raw export: its columns, and the other files of the export to join.

``suggest_mapping`` reads the export's header and first rows and proposes a TOML mapping
(the format is in :mod:`referral_match.sources.mapping`). When other CSV files lie beside
the export (``organizations.csv`` beside ``services.csv``), it proposes to join each one
whose key column the export names: by the same id column title ("Organization ID" in
both), by a plain ``id`` that the export calls ``organization_id``, or because the export's
values are found among the file's keys. The joined file's columns then fill what the
export lacks: the organization's name from ``organizations.Title``, and so on.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from referral_match.sources.csvfile import CsvFile, normalize_header
from referral_match.sources.flat import canonical_column
from referral_match.sources.mapping import DEFAULT_LATLON, NO_WORDS, YES_WORDS
from referral_match.sources.schemas import FLAT_COLUMNS, REQUIRED_COLUMNS

__all__ = ["SUGGEST_HINTS", "suggest_mapping", "toml_string"]

#: Column titles of raw exports that mean a flat column, beyond COLUMN_ALIASES.
SUGGEST_HINTS: dict[str, str] = {
    "title": "name",
    "service_title": "name",
    "program_title": "name",
    "body": "description",
    "summary": "description",
    "website_address": "website",
    "web_site": "website",
    "email_address": "email",
    "hours_of_operation": "hours",
    "schedule": "hours",
    "application_process": "application_process",
    "languages_spoken": "languages",
    "eligibility_requirements": "eligibility",
    "services_id": "service_id",
    "locations_id": "location_id",
    "town": "city",
}
_SAMPLE_ROWS = 50
#: Rows of a file beside the export read for its keys; files beyond these bounds are
#: not proposed (a folder of downloads is not an export).
_KEY_ROWS = 200_000
_MAX_JOIN_FILES = 20
_MAX_JOIN_BYTES = 100 * 1024**2
#: What a joined file's columns fill, by the kind of record it holds (its file name).
#: An organization's name is the resource's organization, not its name; its description
#: describes the organization, not the service.
_JOINED_AS: dict[str, dict[str, str | None]] = {
    "organization": {"name": "organization", "description": None, "id": None},
    "location": {"name": None, "description": None, "id": None},
}


@dataclass
class _Table:
    """A CSV file's titles, normalised columns, sampled values and (for keys) all values."""

    path: Path
    titles: list[str]
    columns: list[str]
    samples: dict[str, list[str]]
    values: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _JoinDraft:
    name: str
    file: str
    key: str  # the joined file's title
    on: str  # the export's title
    why: str
    fields: dict[str, str]


def _read(path: Path, rows: int, *, every_value: bool = False) -> _Table:
    """Read a file's header and up to ``rows`` rows (sampled, or every value kept)."""
    with CsvFile(path) as csv_file:
        titles, columns = csv_file.raw_columns, csv_file.columns
        table = _Table(path, titles, columns, {c: [] for c in columns})
        if every_value:
            table.values = {c: [] for c in columns}
        for number, row in enumerate(csv_file.rows()):
            if number >= rows:
                break
            for column, value in row.cells.items():
                if every_value:
                    table.values[column].append(value)
                if value and number < _SAMPLE_ROWS:
                    table.samples[column].append(value)
    return table


def suggest_mapping(path: Path) -> str:
    """Return a proposed TOML mapping for a raw export, made from its header and first rows.

    Exact and alias matches become entries; near misses and the columns that look like
    "lat, lon" text are proposed as comments to check; other columns are listed as comments.
    Other CSV files of the same folder that the export names by key are proposed as joins.
    """
    export = _read(path, _SAMPLE_ROWS)
    entries: dict[str, str] = {}
    near: list[str] = []
    unknown: list[str] = []
    latlon_pattern = re.compile(DEFAULT_LATLON)
    for title, column in zip(export.titles, export.columns, strict=True):
        if not column:
            continue
        target = canonical_column(column)
        if target not in FLAT_COLUMNS:
            target = SUGGEST_HINTS.get(column, target)
        values = export.samples[column]
        if target in FLAT_COLUMNS and target not in entries:
            entries[target] = toml_string(title)
        elif "latitude" not in entries and _mostly(values, latlon_pattern.search):
            spec = f"{{ column = {toml_string(title)}, latlon = true }}"
            entries["latitude"] = entries["longitude"] = spec
        elif (
            re.findall(r"[a-z]+", column)[-1:] == ["open"]
            and "status" not in entries
            and _mostly(values, lambda v: v.casefold() in YES_WORDS | NO_WORDS)
        ):
            yesno = '{ yes = "active", no = "inactive" }'
            entries["status"] = f"{{ column = {toml_string(title)}, yesno = {yesno} }}"
        else:
            close = difflib.get_close_matches(target, FLAT_COLUMNS, n=1, cutoff=0.75)
            if close and close[0] not in entries:
                near.append(f"# {close[0]} = {toml_string(title)}    # near miss: check it")
            else:
                unknown.append(f"#   {toml_string(title)}")
    joins = _joins(export, entries)
    for join in joins:
        for target, column in join.fields.items():
            entries.setdefault(target, toml_string(f"{join.name}.{column}"))
    lines = [
        f"# Mapping for {path.name}, proposed by referral-match validate --suggest-mapping.",
        "# Check every line, then run: referral-match validate "
        f"{path.name} --mapping THIS-FILE.toml",
        '# The format is described in README.md, "Mapped exports".',
        "",
        "[fields]",
    ]
    width = max((len(k) for k in entries), default=0)
    lines += [f"{k.ljust(width)} = {v}" for k, v in entries.items()]
    lines += near
    for required in REQUIRED_COLUMNS:
        if required not in entries:
            lines.append(
                f'# {required} = "?"    # required: no column matched; name the one that holds it'
            )
    if unknown:
        lines += ["", "# Columns not in the flat format (not imported unless mapped):"]
        lines += unknown
    for join in joins:
        lines += ["", f"# {join.file}, joined: {join.why}."]
        if not join.fields:
            lines.append(f'# It fills nothing yet: map its columns as "{join.name}.Column".')
        lines += [
            f"[join.{join.name}]",
            f"file = {toml_string(join.file)}",
            f"key = {toml_string(join.key)}    # in {join.file}",
            f"on = {toml_string(join.on)}    # in {path.name}",
        ]
    return "\n".join(lines) + "\n"


def _joins(export: _Table, entries: dict[str, str]) -> list[_JoinDraft]:
    """Return a join for each CSV file beside the export that the export names by key."""
    others = sorted(p for p in export.path.parent.glob("*.csv") if p.name != export.path.name)
    drafts: list[_JoinDraft] = []
    taken = set(entries)
    for other in others[:_MAX_JOIN_FILES]:
        if other.stat().st_size > _MAX_JOIN_BYTES:
            continue
        try:
            table = _read(other, _KEY_ROWS, every_value=True)
        except Exception:  # noqa: BLE001 (a file that cannot be read is just not proposed)
            continue
        found = _key_pair(export, table)
        if found is None:
            continue
        key, on, why = found
        name = re.sub(r"[^a-z0-9_]+", "_", other.stem.lower()).strip("_") or "joined"
        fills = _fills(table, key, _singular(name), taken)
        taken |= set(fills)
        drafts.append(_JoinDraft(name, other.name, key, on, why, fills))
    return drafts


def _key_pair(export: _Table, table: _Table) -> tuple[str, str, str] | None:
    """Return (key title, export title, why) when the export names the table's rows."""
    singular = _singular(normalize_header(table.path.stem))
    best: tuple[float, str, str, str] | None = None
    for key_title, key in zip(table.titles, table.columns, strict=True):
        keys = [v for v in table.values.get(key, []) if v]
        if (
            not keys
            or len(set(keys)) < 0.95 * len(keys)
            or len(keys) < 0.9 * len(table.values[key])
        ):
            continue  # not a key: blank or repeated
        key_set = set(keys)
        for on_title, on in zip(export.titles, export.columns, strict=True):
            firsts = [re.split(r"[,;]", v)[0].strip() for v in export.samples[on]]
            if not firsts:
                continue
            share = sum(1 for v in firsts if v in key_set) / len(firsts)
            if "id" in on.split("_") and on == key:
                score, why = 2 + share, f"the export's {on_title!r} names its {key_title!r}"
            elif key == "id" and on in (f"{singular}_id", f"{singular}id"):
                score, why = 2 + share, f"the export's {on_title!r} names its {key_title!r}"
            elif share >= 0.8:
                score, why = share, f"the export's {on_title!r} values are its {key_title!r}s"
            else:
                continue
            if share == 0 and score >= 2:
                score = 1.5  # the titles agree, but the sampled rows name no row of it
            if best is None or score > best[0]:
                best = (score, key_title, on_title, why)
    return None if best is None else best[1:]


def _fills(table: _Table, key: str, kind: str, taken: set[str]) -> dict[str, str]:
    """Return the flat fields the joined file can fill that the export does not."""
    fills: dict[str, str] = {}
    if kind.startswith("org") or kind in ("agency", "provider"):
        kind = "organization"
    elif kind in ("site", "address", "place"):
        kind = "location"
    meaning = _JOINED_AS.get(kind, {})
    for title, column in zip(table.titles, table.columns, strict=True):
        if column == key or not table.samples.get(column):
            continue
        target: str | None = canonical_column(column)
        if target not in FLAT_COLUMNS:
            target = SUGGEST_HINTS.get(column, target)
        target = meaning.get(target or "", target)
        if target in FLAT_COLUMNS and target not in taken and target not in fills:
            fills[target] = title
    return fills


def _singular(name: str) -> str:
    """Return a table name as one record: "organizations" -> "organization"."""
    if name.endswith("ies"):
        return name[:-3] + "y"
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


def _mostly(values: list[str], test: Callable[[str], object]) -> bool:
    """Return True if at least 4 in 5 of the sampled values pass the test."""
    return bool(values) and sum(1 for v in values if test(v)) >= 0.8 * len(values)


def toml_string(text: str) -> str:
    """Return text as a TOML basic string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", escaped)
    return f'"{escaped}"'
