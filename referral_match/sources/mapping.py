r"""Read a raw export with its own column titles through a mapping file (see README).

A mapping file is TOML. Its ``[fields]`` table names, for each column of the flat format,
where its value comes from in the export, with a few transforms::

    [fields]
    name = "Title"                                   # copy one column
    organization_id = "Organization ID"
    status = { column = "Is this service open?", yesno = { yes = "active", no = "inactive" } }
    latitude = { column = "Geolocation", latlon = true }
    longitude = { column = "Geolocation", latlon = true }
    languages = { column = "Languages", split = "," }
    description = { join = ["Service type", "Application process"], separator = ". " }
    cost = { column = "Fees", value_map = { "Free to everyone" = "free" } }
    state = { default = "IL" }

    ignore = ["Featured content"]   # top level: columns left out on purpose, without a warning

An export of several files is joined by key: ``[join.NAME]`` names a CSV file beside the
mapped one, its key column and the column of the mapped file that holds the key; fields
then read its columns as ``"NAME.Column"``::

    [join.organizations]
    file = "organizations.csv"
    key = "Organization ID"          # in organizations.csv
    on = "Organization ID"           # in the mapped file
    [fields]
    organization = "organizations.Title"

A ``template`` writes fixed text around the values of one or more columns, and can depend on
another column's value; it is a source of its own, in place of ``column`` or ``join``::

    [fields.service_area]
    split = "\n"                     # the export's list separator: one text per item
    [[fields.service_area.template]]
    text = "IL"
    when = { "Serves all of Illinois" = "Yes" }
    [[fields.service_area.template]]
    text = "{Counties} County, IL"   # "Cook\nLake" -> "Cook County, IL; Lake County, IL"

A template is one text or a list of them; each is a string, or a table with ``text`` and
``when``. A text names columns of the row (its own, or ``"NAME.Column"`` of a join) as
``{Column title}``; ``{{`` and ``}}`` are braces. With ``split``, each value is split into
items and the text is written once per item; every value is trimmed, its runs of spaces and
line breaks made one space, then replaced through ``value_map`` (a value mapped to ``""``
is empty). A text is written only when every column it names has a value and every ``when``
column holds one of the values given for it (a text, or a list of them; ``""`` means an
empty cell; compared without case or extra spaces). The texts written are joined by
``separator`` (default ``"; "``); when none is, ``default`` applies.

Each row is turned into flat-format cells and then loaded by :class:`FlatRowSchema`,
exactly as :func:`referral_match.sources.flat.read_flat` loads a flat CSV, so the same rules
apply; problems name the export's own column titles.
"""

from __future__ import annotations

import difflib
import itertools
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marshmallow import ValidationError

from referral_match.errors import ReferralMatchError
from referral_match.model import ORGANIZATION_NOT_LISTED, Resource
from referral_match.report import ImportReport, Problem
from referral_match.sources.csvfile import CsvFile, normalize_header
from referral_match.sources.flat import COLUMN_ALIASES, checked_rows
from referral_match.sources.schemas import FLAT_COLUMNS, REQUIRED_COLUMNS, FlatRowSchema
from referral_match.taxonomy import Taxonomy

__all__ = [
    "FieldRule",
    "Mapping",
    "MappingError",
    "Template",
    "load_mapping",
    "mapping_from_text",
    "parse_mapping",
    "read_mapped",
]

ProgressCallback = Callable[[int, int], None]

#: Pulls "lat, lon" out of text such as "Geolocation is 42.108547, -87.974705".
DEFAULT_LATLON = (
    r"(?<![\d.])(?P<lat>[-+]?\d{1,2}\.\d+)\s*[,;/ ]\s*(?P<lon>[-+]?\d{1,3}\.\d+)(?![\d.])"
)
#: Cell values read as yes / no by ``yesno`` (compared without case).
YES_WORDS = frozenset({"yes", "y", "true", "t", "1", "x", "open", "active"})
NO_WORDS = frozenset({"no", "n", "false", "f", "0", "closed", "inactive"})
_RULE_KEYS = (
    "column",
    "join",
    "separator",
    "split",
    "latlon",
    "yesno",
    "value_map",
    "default",
    "template",
)
#: ``{{``, ``}}``, a ``{Column title}`` placeholder, or a brace left alone (an error).
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_SEE = 'See "Mapped exports" in README.md.'


class MappingError(ReferralMatchError):
    """A mapping file cannot be used: not TOML, or a key or value that is wrong."""

    def __init__(self, message: str, *, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True, slots=True)
class Template:
    """One text of a ``template``: fixed words around column values, and when it applies."""

    #: The fixed words, one more than ``names``: words, value, words, value, ..., words.
    pieces: tuple[str, ...]
    #: The columns whose values fill the placeholders, in order.
    names: tuple[str, ...]
    #: (column, values it must hold, tidied and casefolded): all must hold.
    when: tuple[tuple[str, frozenset[str]], ...] = ()

    def applies(self, cells: dict[str, str]) -> bool:
        """Return True if every ``when`` column of the row holds one of its values."""
        return all(
            _tidy(cells.get(normalize_header(column), "")).casefold() in values
            for column, values in self.when
        )

    def fill(self, values: tuple[str, ...]) -> str:
        """Return the text with one value for each placeholder."""
        parts = [self.pieces[0]]
        for value, piece in zip(values, self.pieces[1:], strict=True):
            parts += [value, piece]
        return "".join(parts).strip()


@dataclass(frozen=True, slots=True)
class FieldRule:
    """Where one flat-format field comes from, and how its value is transformed."""

    field: str
    columns: tuple[str, ...] = ()
    separator: str = " "
    split: str | None = None
    latlon: re.Pattern[str] | None = None
    yesno: dict[str, str] | None = None
    value_map: dict[str, str] | None = None
    default: str | None = None
    template: tuple[Template, ...] = ()

    @property
    def source(self) -> str:
        """Return the export's column title(s) this field is read from, for reports."""
        if self.columns:
            return " + ".join(self.columns)
        return f"{self.field} (mapping default)"


@dataclass(frozen=True, slots=True)
class Join:
    """Another file of the export, joined to each row by key."""

    name: str
    file: str
    #: The key column of the joined file, and the column of the mapped file holding it.
    key: str
    on: str

    def reads(self, column: str) -> str | None:
        """Return the joined file's column a field column names ("NAME.Title"), else None."""
        prefix = f"{self.name}."
        return column[len(prefix) :] if column.startswith(prefix) else None


@dataclass(frozen=True, slots=True)
class Mapping:
    """A loaded mapping file: one rule per flat field, and columns ignored on purpose."""

    rules: tuple[FieldRule, ...]
    ignore: frozenset[str] = field(default_factory=frozenset)
    name: str = "mapping"
    joins: tuple[Join, ...] = ()

    @property
    def columns(self) -> set[str]:
        """Return every column of the mapped file the mapping reads (normalised)."""
        own = {c for rule in self.rules for c in rule.columns if not self.is_joined(c)}
        own |= {j.on for j in self.joins}
        return {normalize_header(c) for c in own}

    def is_joined(self, column: str) -> bool:
        """Return True if a field column is read from a joined file ("NAME.Column")."""
        return any(j.reads(column) is not None for j in self.joins)


def load_mapping(path: Path | str) -> Mapping:
    """Read and check a TOML mapping file; raise :class:`MappingError` naming the bad key."""
    path = Path(path)
    try:
        text = path.read_text("utf-8-sig")
    except OSError as exc:
        raise MappingError(
            f"Cannot read the mapping file {path}: {exc.strerror or exc}.", key=None
        ) from exc
    except UnicodeDecodeError as exc:
        raise MappingError(f"{path.name} is not UTF-8 text: save it as UTF-8.") from exc
    return mapping_from_text(text, name=path.name)


def mapping_from_text(text: str, *, name: str = "mapping") -> Mapping:
    """Read and check a TOML mapping given as text; messages call it ``name``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MappingError(
            f"{name} is not valid TOML ({exc}). Quote column titles: "
            f'name = "Service Title". {_SEE}'
        ) from exc
    return parse_mapping(data, name=name)


def parse_mapping(data: dict[str, Any], *, name: str = "mapping") -> Mapping:
    """Check a mapping already read from TOML and return it."""
    unknown = sorted(set(data) - {"fields", "ignore", "join"})
    if unknown:
        raise MappingError(
            f'{name}: unknown key "{unknown[0]}" at the top level; a mapping has a [fields] '
            f"table, an optional ignore list and optional [join.NAME] tables. {_SEE}",
            key=unknown[0],
        )
    joins = _parse_joins(name, data.get("join", {}))
    fields = data.get("fields")
    if not isinstance(fields, dict) or not fields:
        raise MappingError(
            f"{name}: there is no [fields] table: add one that names, for each flat column, "
            f'the export column it comes from, like name = "Service Title". {_SEE}',
            key="fields",
        )
    rules = tuple(_parse_rule(name, target, spec) for target, spec in fields.items())
    missing = [c for c in REQUIRED_COLUMNS if c not in fields]
    if missing:
        raise MappingError(
            f"{name}: [fields] has no {' or '.join(missing)}: every resource needs a service "
            "name and an organization; map the export columns that hold them (or give a "
            'constant, like organization = { default = "Legal Aid of Somewhere" }).',
            key=f"fields.{missing[0]}",
        )
    ignore = data.get("ignore", [])
    if not isinstance(ignore, list) or not all(isinstance(c, str) for c in ignore):
        raise MappingError(
            f'{name}: ignore must be a list of column titles, like ignore = ["Notes"].',
            key="ignore",
        )
    return Mapping(rules, frozenset(normalize_header(c) for c in ignore), name, joins)


def _parse_joins(name: str, tables: Any) -> tuple[Join, ...]:
    """Check the [join.NAME] tables: each names a file, its key column and ours."""
    if not isinstance(tables, dict):
        raise MappingError(
            f"{name}: join must be tables like [join.organizations] with file, key and on. {_SEE}",
            key="join",
        )
    joins = []
    for join_name, spec in tables.items():
        where = f"join.{join_name}"
        if not isinstance(spec, dict) or set(spec) != {"file", "key", "on"}:
            raise MappingError(
                f"{name}: [{where}] needs exactly file, key and on, like file = "
                f'"organizations.csv", key = "Organization ID", on = "Organization ID". {_SEE}',
                key=where,
            )
        if not all(isinstance(v, str) and v.strip() for v in spec.values()):
            raise MappingError(f"{name}: [{where}] file, key and on must be text.", key=where)
        if Path(spec["file"]).name != spec["file"] or not spec["file"].lower().endswith(".csv"):
            raise MappingError(
                f'{name}: [{where}] file "{spec["file"]}" must be the name of a CSV file beside '
                "the mapped one, with no folder.",
                key=f"{where}.file",
            )
        joins.append(Join(join_name, spec["file"], spec["key"], spec["on"]))
    return tuple(joins)


def _parse_rule(name: str, target: str, spec: Any) -> FieldRule:
    """Check one entry of [fields] and return its rule."""
    key = f"fields.{target}"

    def fail(message: str) -> MappingError:
        return MappingError(f"{name}: {key}: {message} {_SEE}", key=key)

    if target not in FLAT_COLUMNS:
        close = difflib.get_close_matches(target, FLAT_COLUMNS, n=1, cutoff=0.6)
        alias = COLUMN_ALIASES.get(target)
        hint = f' Did you mean "{alias or close[0]}"?' if alias or close else ""
        raise MappingError(
            f'{name}: {key}: "{target}" is not a column of the flat format.{hint} The keys '
            "of [fields] are our columns (see data/template.csv); the values name yours.",
            key=key,
        )
    if isinstance(spec, str):
        spec = {"column": spec}
    if not isinstance(spec, dict):
        raise fail('give a column title ("Title") or a table ({ column = "Title", ... }).')
    for option in spec:
        if option not in _RULE_KEYS:
            raise fail(f'unknown option "{option}"; the options are {", ".join(_RULE_KEYS)}.')
    sources = [k for k in ("column", "join", "template") if k in spec]
    if len(sources) > 1:
        raise fail(f"give one of column, join or template, not {' and '.join(sources)}.")
    columns: tuple[str, ...] = ()
    template: tuple[Template, ...] = ()
    if "template" in spec:
        if set(spec) & {"latlon", "yesno"}:
            raise fail("template cannot be combined with latlon or yesno.")
        template = _template(spec["template"], fail)
        named = [c for t in template for c in (*t.names, *(column for column, _ in t.when))]
        columns = tuple(dict.fromkeys(named))
    elif "column" in spec:
        if not isinstance(spec["column"], str) or not spec["column"].strip():
            raise fail("column must be a column title in quotes.")
        columns = (spec["column"].strip(),)
    elif "join" in spec:
        joined = spec["join"]
        if (
            not isinstance(joined, list)
            or len(joined) < 2
            or not all(isinstance(c, str) and c.strip() for c in joined)
        ):
            raise fail('join must list two or more column titles, like join = ["A", "B"].')
        columns = tuple(c.strip() for c in joined)
    elif "default" not in spec:
        raise fail(
            "say where the value comes from: column, join, template, or a constant default."
        )
    listed = "join" in spec or "template" in spec
    separator = _text_option(spec, "separator", fail, default="; " if listed else " ")
    split = _text_option(spec, "split", fail)
    default = _text_option(spec, "default", fail)
    latlon = None
    if "latlon" in spec:
        if target not in ("latitude", "longitude"):
            raise fail("latlon only fills latitude or longitude.")
        latlon = _latlon_pattern(spec["latlon"], fail)
        if set(spec) & {"split", "yesno", "value_map"}:
            raise fail("latlon cannot be combined with split, yesno or value_map.")
    yesno = _map_option(spec, "yesno", fail)
    if yesno is not None and not set(yesno) <= {"yes", "no"}:
        raise fail('yesno takes yes and no, like yesno = { yes = "active", no = "inactive" }.')
    value_map = _map_option(spec, "value_map", fail)
    if yesno is not None and value_map is not None:
        raise fail("give yesno or value_map, not both.")
    # A template replaces each value it names, as tidied: so are the keys.
    tidy = _tidy if template else str
    return FieldRule(
        target,
        columns,
        separator=separator or " ",
        split=split,
        latlon=latlon,
        yesno=yesno,
        value_map=None
        if value_map is None
        else {tidy(k).casefold(): v for k, v in value_map.items()},
        default=default,
        template=template,
    )


def _template(value: Any, fail: Callable[[str], MappingError]) -> tuple[Template, ...]:
    """Check a template: a text, or a list of texts and { text = ..., when = {...} } tables."""
    entries = value if isinstance(value, list) else [value]
    if not entries:
        raise fail('template must not be empty: give a text such as "{Counties} County, IL".')
    texts = []
    for entry in entries:
        when: Any = {}
        if isinstance(entry, dict):
            unknown = sorted(set(entry) - {"text", "when"})
            if unknown or "text" not in entry:
                raise fail(
                    'a template table takes text and when, like { text = "IL", when = '
                    '{ "Serves all of Illinois" = "Yes" } }.'
                )
            entry, when = entry["text"], entry.get("when", {})
        if not isinstance(entry, str):
            raise fail(
                'template must be a text in quotes, like "{Counties} County, IL", or a list.'
            )
        if not isinstance(when, dict) or not all(
            isinstance(v, str)
            or (isinstance(v, list) and v and all(isinstance(i, str) for i in v))
            for v in when.values()
        ):
            raise fail('when must be a table of column = value, like { "Open?" = "Yes" }.')
        pieces, names = _placeholders(entry, fail)
        conditions = tuple(
            (column, frozenset(_tidy(v).casefold() for v in ([vs] if isinstance(vs, str) else vs)))
            for column, vs in when.items()
        )
        texts.append(Template(pieces, names, conditions))
    return tuple(texts)


def _placeholders(
    text: str, fail: Callable[[str], MappingError]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split a template text into its fixed pieces and the column titles between them."""
    pieces, names = [""], []
    at = 0
    for match in _PLACEHOLDER.finditer(text):
        pieces[-1] += text[at : match.start()]
        at = match.end()
        token = match.group(0)
        if token in ("{{", "}}"):
            pieces[-1] += token[0]
        elif match.group(1) is None:
            raise fail(f'"{text}" has a {token} alone: write {token}{token} for a brace.')
        elif not match.group(1).strip():
            raise fail(f'"{text}" has an empty {{}}: name a column, like {{Counties}}.')
        else:
            names.append(match.group(1).strip())
            pieces.append("")
    pieces[-1] += text[at:]
    return tuple(pieces), tuple(names)


def _tidy(value: str) -> str:
    """Return a value trimmed, with its runs of spaces and line breaks made one space."""
    return " ".join(value.split())


def _text_option(
    spec: dict[str, Any],
    option: str,
    fail: Callable[[str], MappingError],
    default: str | None = None,
) -> str | None:
    if option not in spec:
        return default
    value = spec[option]
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise fail(f"{option} must be text in quotes.")
    text = str(value)
    if option != "default" and not text:
        raise fail(f"{option} must not be empty.")
    return text


def _map_option(
    spec: dict[str, Any], option: str, fail: Callable[[str], MappingError]
) -> dict[str, str] | None:
    if option not in spec:
        return None
    value = spec[option]
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise fail(f'{option} must be a table of texts, like {option} = {{ "Yes" = "active" }}.')
    return {str(k): v for k, v in value.items()}


def _latlon_pattern(value: Any, fail: Callable[[str], MappingError]) -> re.Pattern[str]:
    if value is True:
        return re.compile(DEFAULT_LATLON)
    if not isinstance(value, str):
        raise fail("latlon must be true or a regular expression in quotes.")
    try:
        pattern = re.compile(value)
    except re.error as exc:
        raise fail(f"latlon is not a valid regular expression ({exc}).") from exc
    if not {"lat", "lon"} <= set(pattern.groupindex) and pattern.groups < 2:
        raise fail("latlon needs two groups, (?P<lat>...) and (?P<lon>...).")
    return pattern


class _RowError(ValueError):
    """A transform failed on one cell; carries the source column and value."""

    def __init__(self, column: str, value: str, message: str) -> None:
        super().__init__(message)
        self.column, self.value, self.message = column, value, message


def _apply(rule: FieldRule, cells: dict[str, str]) -> tuple[str, str]:
    """Return (flat value, source value) of one rule on one row's cells."""
    if rule.template:
        filled = _fill(rule, cells)
        if not filled and rule.default is not None:
            return rule.default, filled
        return filled, filled
    values = [cells.get(normalize_header(c), "") for c in rule.columns]
    source = rule.separator.join(v for v in values if v)
    text = source
    if text and rule.latlon is not None:
        found = rule.latlon.search(text)
        if found is None:
            raise _RowError(
                rule.source,
                source,
                'no "latitude, longitude" pair was found in this text: write it like '
                "42.108547, -87.974705, or leave it blank to place the row by its ZIP code.",
            )
        groups = found.groupdict()
        lat = groups.get("lat") or found.group(1)
        lon = groups.get("lon") or found.group(2)
        text = lat if rule.field == "latitude" else lon
    if text and rule.split is not None:
        text = "; ".join(p.strip() for p in text.split(rule.split) if p.strip())
    if text and rule.yesno is not None:
        word = text.casefold()
        if word in YES_WORDS:
            text = rule.yesno.get("yes", "")
        elif word in NO_WORDS:
            text = rule.yesno.get("no", "")
        else:
            raise _RowError(
                rule.source, source, f'"{text}" is neither yes nor no: write Yes or No.'
            )
    if text and rule.value_map is not None:
        text = rule.value_map.get(text.casefold(), text)
    if not text and rule.default is not None:
        text = rule.default
    return text, source


def _fill(rule: FieldRule, cells: dict[str, str]) -> str:
    """Return the texts of a template rule that apply to a row, filled and joined."""
    written: list[str] = []
    for text in rule.template:
        if not text.applies(cells):
            continue
        choices: list[list[str]] = []
        for name in text.names:
            raw = cells.get(normalize_header(name), "")
            items = raw.split(rule.split) if rule.split else [raw]
            values = [_tidy(item) for item in items]
            if rule.value_map is not None:
                values = [rule.value_map.get(v.casefold(), v) for v in values]
            choices.append([v for v in values if v])
        # A text naming an empty value is left out; a list value writes it once per item.
        written += [text.fill(combo) for combo in itertools.product(*choices)]
    return rule.separator.join(dict.fromkeys(w for w in written if w))


def read_mapped(
    path: Path,
    mapping: Mapping,
    report: ImportReport,
    taxonomy: Taxonomy,
    *,
    display_name: str | None = None,
    progress: ProgressCallback | None = None,
) -> Iterator[tuple[str, int, Resource]]:
    """Yield (file, line, resource) for each usable row of a raw export read through a mapping.

    Every row that cannot be used is recorded in ``report`` with the export's column title;
    a mapping that names a column the file lacks refuses the whole file with one problem.
    """
    name = display_name or path.name
    report.files.append(name)
    with CsvFile(path, display_name=name) as csv_file:
        for warning in csv_file.warnings:
            report.warn(name, None, None, None, warning)
        header = set(csv_file.columns)
        titles = dict(zip(csv_file.columns, csv_file.raw_columns, strict=True))
        for rule in mapping.rules:
            for column in rule.columns:
                if normalize_header(column) not in header and not mapping.is_joined(column):
                    close = difflib.get_close_matches(
                        column, csv_file.raw_columns, n=1, cutoff=0.6
                    )
                    hint = f' Did you mean "{close[0]}"?' if close else ""
                    report.reject(
                        name,
                        1,
                        column,
                        None,
                        f'{mapping.name} maps {rule.field} from column "{column}", which is '
                        f"not in the header.{hint} Fix the title in the mapping file.",
                    )
        if report.rejected:
            return
        known = mapping.columns | mapping.ignore
        unused = [titles[c] for c in csv_file.columns if c and c not in known]
        if unused:
            listed = ", ".join(f'"{t}"' for t in unused)
            report.warn(
                name,
                1,
                None,
                None,
                f"{len(unused)} column(s) are not in {mapping.name}, so their values were not "
                f"imported: {listed}. Map them, or list them under ignore.",
            )
        joined = [_JoinedFile(join, mapping, path.parent, report) for join in mapping.joins]
        if report.rejected:
            return
        schema = FlatRowSchema(taxonomy)
        for row in checked_rows(csv_file, name, report, progress):
            cells = dict(row.cells)
            for other in joined:
                cells |= other.cells_for(row.cells, name, row.line, report)
            resource = _load_row(mapping, schema, cells, name, row.line, report)
            if resource is not None:
                yield name, row.line, resource


class _JoinedFile:
    """The rows of a joined file by key, and the cells they give each row of the export."""

    def __init__(self, join: Join, mapping: Mapping, folder: Path, report: ImportReport) -> None:
        self.join = join
        self.by_key: dict[str, dict[str, str]] = {}
        path = folder / join.file
        wanted = [c for rule in mapping.rules for c in rule.columns if join.reads(c) is not None]
        if not path.is_file():
            report.reject(
                join.file,
                None,
                None,
                None,
                f"{mapping.name} joins {join.file} ([join.{join.name}]), which is not beside "
                "the export: put it in the same folder (or the same zip).",
            )
            return
        report.files.append(join.file)
        with CsvFile(path, display_name=join.file) as csv_file:
            for column in [join.key, *(join.reads(c) or "" for c in wanted)]:
                if normalize_header(column) not in csv_file.columns:
                    report.reject(
                        join.file,
                        1,
                        column,
                        None,
                        f'{mapping.name} reads column "{column}" of {join.file}, which is not '
                        "in its header. Fix the title in the mapping file.",
                    )
            if report.rejected:
                return
            key = normalize_header(join.key)
            for row in csv_file.rows():
                value = row.cells.get(key, "").strip()
                if value and value not in self.by_key:
                    self.by_key[value] = row.cells

    def cells_for(
        self, cells: dict[str, str], file: str, line: int, report: ImportReport
    ) -> dict[str, str]:
        """Return the joined row's cells as "NAME.column" for one row of the export."""
        join = self.join
        value = cells.get(normalize_header(join.on), "").strip()
        if not value:
            return {}
        # Exports write several ids in one cell ("83176,83171"): the first that joins.
        keys = [value, *(k.strip() for k in value.split(","))]
        found = next((self.by_key[k] for k in keys if k in self.by_key), None)
        if found is None:
            report.warn(
                file,
                line,
                join.on,
                value,
                f'"{value}" is not a {join.key} in {join.file}, so the fields read from it '
                f'were left blank (an organization shows as "{ORGANIZATION_NOT_LISTED}").',
            )
            return {}
        return {normalize_header(f"{join.name}.{c}"): v for c, v in found.items()}


def _load_row(
    mapping: Mapping,
    schema: FlatRowSchema,
    row: dict[str, str],
    file: str,
    line: int,
    report: ImportReport,
) -> Resource | None:
    """Turn one row into flat cells, load them, and report what is wrong (None if rejected)."""
    cells: dict[str, str] = {}
    sources: dict[str, tuple[str, str]] = {}
    failed = False
    for rule in mapping.rules:
        try:
            value, source = _apply(rule, row)
        except _RowError as exc:
            # latitude and longitude read the same column: report its problem once.
            if not failed or report.rejected[-1] != Problem(
                file, line, exc.column, exc.value, exc.message
            ):
                report.reject(file, line, exc.column, exc.value, exc.message)
            failed = True
            continue
        if value:
            cells[rule.field] = value
            sources[rule.field] = (rule.source, source or value)
    if failed:
        return None
    if "organization" not in cells and any(
        mapping.is_joined(c) for r in mapping.rules if r.field == "organization" for c in r.columns
    ):
        # Its organization's row is missing from the joined file (warned about): the
        # service is still one a client can call.
        cells["organization"] = ORGANIZATION_NOT_LISTED
    try:
        resource, warnings = schema.load_row(cells)
    except ValidationError as exc:
        messages = exc.messages if isinstance(exc.messages, dict) else {"_schema": exc.messages}
        for field_name, field_messages in messages.items():
            texts = field_messages if isinstance(field_messages, list) else [str(field_messages)]
            column: str | None = None
            shown: str | None = None
            if field_name in sources:
                column, shown = sources[field_name]
            elif field_name != "_schema":
                column = _rule_source(mapping, field_name)
            for text in texts:
                report.reject(file, line, column, shown, str(text))
        return None
    for field_name, text, message in warnings:
        where, source = sources.get(field_name, (field_name, text))
        report.warn(file, line, where, source, message)
    return resource


def _rule_source(mapping: Mapping, field_name: str) -> str:
    """Return the export column(s) a field is mapped from, or the field itself."""
    for rule in mapping.rules:
        if rule.field == field_name:
            return rule.source
    return field_name
