"""The ``referral-match`` command: import, validate and search a resource directory.

Library errors become one-line messages: a bad argument exits 2, a data error exits 1.
The web server (``serve``) is added by the ``webapp`` package through the
``referral_match.commands`` entry point, so that the library never imports the web layer.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import click

from referral_match.directory import Directory, default_index_path
from referral_match.errors import InputError, ReferralMatchError
from referral_match.geo.geocoding import OnlineGeocoder, from_config
from referral_match.hsds.api_pull import DEFAULT_TIMEOUT, PullOptions, PullReport, is_api_url
from referral_match.importer import Format, import_directory
from referral_match.report import ImportReport
from referral_match.sources.mapping import MappingError

FORMATS = click.Choice(["auto", "flat", "hsds", "ohana", "hsds-json", "hsds-api"])
#: Warnings printed by import and validate; every rejected row is always printed.
MAX_WARNINGS_SHOWN = 20


class Context:
    """What every command shares: the index folder, and an online geocoder if configured."""

    def __init__(self, index: Path) -> None:
        self.index = index

    def geocoder(self, *, for_import: bool = False) -> OnlineGeocoder | None:
        """Return the online geocoder named by $REFERRAL_MATCH_GEOCODER, or None (offline).

        Resource addresses met at import are cached on disk beside the index; searches may
        hold a client's address, so their answers are kept in memory only.
        """
        try:
            return from_config(
                os.environ.get("REFERRAL_MATCH_GEOCODER"),
                os.environ.get("REFERRAL_MATCH_GEOCODER_USER_AGENT", "referral-match"),
                cache_dir=self.index if for_import else None,
            )
        except ReferralMatchError as exc:
            raise click.ClickException(exc.message) from exc

    def directory(self) -> Directory:
        """Open the directory, turning library errors into click errors."""
        try:
            return Directory.open(self.index, geocoder=self.geocoder())
        except ReferralMatchError as exc:
            raise click.ClickException(exc.message) from exc


class PluginGroup(click.Group):
    """A click group that also offers the commands other packages register.

    The web app adds ``serve`` through the ``referral_match.commands`` entry point; it is
    imported only when that command runs, so other commands start fast and without Flask.
    """

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the CLI; a usage error prints one line ("Error: ...") and exits 2."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as exc:
            click.echo(f"Error: {exc.format_message()}", err=True)
            sys.exit(2)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Aborted.", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)

    def _plugins(self) -> dict[str, Any]:
        return {e.name: e for e in entry_points(group="referral_match.commands")}

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Return the built-in and plugged-in command names."""
        return sorted(set(super().list_commands(ctx)) | set(self._plugins()))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Return a built-in command, or load a plugged-in one."""
        command = super().get_command(ctx, cmd_name)
        if command is None and (entry := self._plugins().get(cmd_name)) is not None:
            loaded: click.Command = entry.load()
            return loaded
        return command


@click.group(cls=PluginGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--index",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Index folder (default: $REFERRAL_MATCH_INDEX, else ./instance/index).",
)
@click.version_option(package_name="referral-match")
@click.pass_context
def main(ctx: click.Context, index: Path | None) -> None:
    """Find community, health and social services for clients: import a directory of
    resources from CSV, then search it."""
    ctx.obj = Context(index or default_index_path())


def _progress_bar(enabled: bool) -> Any:
    """Return a progress callback drawing a bar on stderr, or None."""
    if not enabled or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    bar = tqdm(total=0, unit="B", unit_scale=True, desc="Reading", file=sys.stderr, leave=False)

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    return update


def _path_or_url(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    """Return an http(s) URL as it is (an HSDS API), else the path, which must exist."""
    if value is None or is_api_url(value):
        return value
    return click.Path(exists=True, path_type=Path).convert(value, param, ctx)


def _moment(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.datetime | None:
    """Return an ISO 8601 date or date-time as an aware moment (UTC unless it says)."""
    if value is None:
        return None
    try:
        when = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(
            f'"{value}" is not an ISO 8601 date or date-time, such as 2026-05-01 or '
            "2026-05-01T08:00:00-07:00.",
            ctx,
            param,
        ) from None
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def _print_report(report: ImportReport, as_json: bool, verb: str) -> None:
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
        return
    for problem in report.rejected:
        click.echo(
            f"rejected: {problem}" + (f" (value: {problem.value!r})" if problem.value else ""),
            err=True,
        )
    for problem in report.warnings[:MAX_WARNINGS_SHOWN]:
        click.echo(f"warning: {problem}", err=True)
    if len(report.warnings) > MAX_WARNINGS_SHOWN:
        hidden = len(report.warnings) - MAX_WARNINGS_SHOWN
        click.echo(f"... and {hidden} more warnings (--json lists them all).", err=True)
    if isinstance(report, PullReport) and report.pull is not None:
        pull = report.pull
        how = "in one NDJSON stream" if pull.via == "ndjson" else f"in {pull.pages} pages"
        since = ""
        if pull.modified_after is not None:
            since = f" modified at or after {pull.modified_after.isoformat()}"
        click.echo(f"Pulled {pull.services} services{since} from {pull.url} {how}.")
    click.echo(
        f"{report.total_rows} rows read: {report.imported} {verb}, "
        f"{report.rejected_rows} rejected, {len(report.warnings)} warnings."
    )


format_option = click.option(
    "--format",
    "fmt",
    type=FORMATS,
    default="auto",
    show_default=True,
    help="Format of PATH; auto tells them apart by files and headers.",
)
json_report_option = click.option(
    "--json", "as_json", is_flag=True, help="Print the report as one JSON object."
)
timezone_option = click.option(
    "--timezone",
    metavar="ZONE",
    default="",
    help='The directory\'s time zone ("America/Chicago", or a UTC offset such as -6), for '
    "open-now: used for resources whose source gives none, before their state's.",
)
mapping_option = click.option(
    "--mapping",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="FILE.toml",
    help="Read PATH, a raw export with its own column titles, through this mapping file "
    '(README: "Mapped exports").',
)


def _pull_bar(enabled: bool) -> Any:
    """Return a progress callback counting the services pulled on stderr, or None."""
    if not enabled or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    bar = tqdm(total=0, unit=" services", desc="Pulling", file=sys.stderr, leave=False)

    def update(done: int, total: int) -> None:
        bar.total = total or None
        bar.n = done
        bar.refresh()

    return update


def _run_import(
    obj: Context,
    path: Path | str,
    fmt: Format,
    dry_run: bool,
    as_json: bool,
    mapping: Path | None = None,
    timezone: str = "",
    *,
    modified_after: dt.datetime | None = None,
    since_last_pull: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> ImportReport:
    """Import or validate PATH (or pull from the HSDS API at a URL), print the report."""
    is_url = isinstance(path, str)
    if not is_url and fmt == "hsds-api":
        raise click.UsageError(
            f"--format hsds-api reads an HSDS API: give its URL (http://HOST:PORT/hsds/), "
            f"not {path}."
        )
    if is_url and fmt not in ("auto", "hsds-api"):
        raise click.UsageError(
            f"{path} is a URL, read as an HSDS API (--format hsds-api), not as --format {fmt}."
        )
    if is_url and mapping is not None:
        raise click.UsageError("--mapping reads one CSV file, not an HSDS API.")
    if not is_url and (modified_after is not None or since_last_pull):
        option = "--modified-after" if modified_after is not None else "--since-last-pull"
        raise click.UsageError(
            f"{option} pulls what changed from an HSDS API: give its URL. A file or folder is "
            "imported whole."
        )
    if modified_after is not None and since_last_pull:
        raise click.UsageError("Give --modified-after DATE or --since-last-pull, not both.")
    try:
        report = import_directory(
            path,
            obj.index,
            format=fmt,
            dry_run=dry_run,
            # A dry run places rows offline: validating sends nothing over the network.
            geocoder=None if dry_run else obj.geocoder(for_import=True),
            progress=_progress_bar(not as_json),
            mapping=mapping,
            timezone=timezone,
            modified_after=modified_after,
            since_last_pull=since_last_pull,
            pull=PullOptions(timeout=timeout),
            pull_progress=_pull_bar(not as_json),
        )
    except MappingError as exc:
        raise click.UsageError(f"--mapping: {exc.message}") from exc
    except InputError as exc:
        if exc.field == "timezone":
            raise click.UsageError(f"--timezone: {exc.message}") from exc
        if exc.field == "url":
            raise click.UsageError(exc.message) from exc
        raise click.ClickException(exc.message) from exc
    except ReferralMatchError as exc:
        raise click.ClickException(exc.message) from exc
    _print_report(report, as_json, "valid" if dry_run else "imported")
    return report


timeout_option = click.option(
    "--timeout",
    type=click.FloatRange(0, 3600, min_open=True),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    metavar="S",
    help="With a URL: seconds to wait for the HSDS API to connect or send more "
    "(each request is tried again a few times).",
)


@main.command("import")
@click.argument("path", callback=_path_or_url, metavar="PATH|URL")
@format_option
@mapping_option
@timezone_option
@click.option(
    "--modified-after",
    callback=_moment,
    metavar="DATE",
    help="With a URL: pull only the services modified at or after DATE (ISO 8601; UTC "
    "unless it says) and merge them into the directory, keeping the rest.",
)
@click.option(
    "--since-last-pull",
    is_flag=True,
    help="With a URL: pull only what changed since the pull that built the directory "
    "served, and merge it in (everything, when that directory was not pulled from URL).",
)
@timeout_option
@click.option("--dry-run", is_flag=True, help="Validate and report only; leave the index as is.")
@json_report_option
@click.pass_obj
def import_command(
    obj: Context,
    path: Path | str,
    fmt: Format,
    mapping: Path | None,
    timezone: str,
    modified_after: dt.datetime | None,
    since_last_pull: bool,
    timeout: float,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Import PATH (a CSV file, an HSDS or Ohana package, HSDS JSON) or pull from the HSDS 3.0
    API at URL, replacing the directory atomically.

    Every row is imported or reported with its file, line, column and the fix. Exits 1 when
    nothing could be imported, or the API could not be read whole; the previous directory
    then keeps serving. With --modified-after or --since-last-pull, the services pulled are
    merged into the directory instead of replacing it.
    """
    report = _run_import(
        obj,
        path,
        fmt,
        dry_run,
        as_json,
        mapping,
        timezone,
        modified_after=modified_after,
        since_last_pull=since_last_pull,
        timeout=timeout,
    )
    pulled = report if isinstance(report, PullReport) else None
    if pulled is not None and pulled.pull is not None and pulled.no_earlier_pull and not as_json:
        click.echo(
            f"No pull of {pulled.pull.url} serves in {obj.index}: every service was pulled.",
            err=True,
        )
    if pulled is not None and pulled.merged and pulled.total_rows == 0:
        if not as_json:
            click.echo("Nothing changed at the API since then: the directory is as it was.")
        return
    if not dry_run and not report.index_updated:
        raise click.ClickException(
            "Nothing was imported: no row was valid. The previous directory is still serving."
        )
    if dry_run or as_json:
        return
    if pulled is not None and pulled.merged:
        click.echo(
            f"Merged {pulled.imported} resources into the directory in {obj.index}, which "
            f"kept {pulled.kept} others: it now serves {pulled.imported + pulled.kept} resources."
        )
        return
    click.echo(f"The directory in {obj.index} now serves {report.imported} resources.")


@main.command()
@click.argument("path", callback=_path_or_url, metavar="[PATH|URL]", required=False)
@format_option
@mapping_option
@click.option(
    "--suggest-mapping",
    "suggest",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="FILE.csv",
    help="Print a proposed mapping file (TOML) for this raw export, made from its column "
    "titles; check it, save it, and give it to --mapping.",
)
@timeout_option
@json_report_option
@click.pass_obj
def validate(
    obj: Context,
    path: Path | str | None,
    fmt: Format,
    mapping: Path | None,
    suggest: Path | None,
    timeout: float,
    as_json: bool,
) -> None:
    """Check PATH (or what the HSDS API at URL holds) without importing it. Exits 1 when any
    row would be rejected.

    With --suggest-mapping FILE.csv, print a proposed mapping for that export instead.
    """
    if suggest is not None:
        if path is not None or mapping is not None:
            raise click.UsageError("--suggest-mapping takes the CSV file itself: give no PATH.")
        from referral_match.sources.mapping_draft import suggest_mapping

        try:
            click.echo(suggest_mapping(suggest), nl=False)
        except ReferralMatchError as exc:
            raise click.ClickException(exc.message) from exc
        return
    if path is None:
        raise click.UsageError("Give PATH to validate, or --suggest-mapping FILE.csv.")
    if _run_import(obj, path, fmt, True, as_json, mapping, timeout=timeout).rejected:
        sys.exit(1)


@main.command()
@click.argument("text", required=False, default="")
@click.option("--near", metavar="LOC", help='ZIP code, "City, ST" or "lat,lon" to search around.')
@click.option(
    "--radius",
    type=click.FloatRange(0, 500, min_open=True),
    metavar="MILES",
    help="Search radius in miles around --near (default 10).",
)
@click.option(
    "--category",
    multiple=True,
    metavar="CODE",
    help="Only this taxonomy code or name (repeatable: any of them).",
)
@click.option(
    "--language",
    multiple=True,
    metavar="CODE",
    help="Only resources speaking this language (ISO 639 code or name; repeatable).",
)
@click.option("--age", type=click.IntRange(0, 120), help="Only resources serving this age.")
@click.option("--free", is_flag=True, help="Only free resources.")
@click.option("--open-now", is_flag=True, help="Only resources open right now.")
@click.option(
    "--limit",
    type=click.IntRange(1, 500),
    default=10,
    show_default=True,
    help="How many results to show.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the results as one JSON object.")
@click.pass_obj
def search(
    obj: Context,
    text: str,
    near: str | None,
    radius: float | None,
    category: tuple[str, ...],
    language: tuple[str, ...],
    age: int | None,
    free: bool,
    open_now: bool,
    limit: int,
    as_json: bool,
) -> None:
    """Search the directory for TEXT (words such as "help with rent"), ranked best first."""
    if radius is not None and not near:
        raise click.UsageError("--radius needs --near: say where to measure from.")
    directory = obj.directory()
    try:
        page = directory.search(
            text,
            near=near,
            radius_miles=radius,
            categories=category,
            languages=language,
            age=age,
            free_only=free,
            open_now=open_now,
            limit=limit,
        )
    except InputError as exc:
        raise click.UsageError(exc.message) from exc
    except ReferralMatchError as exc:
        raise click.ClickException(exc.message) from exc
    if as_json:
        click.echo(json.dumps(page.to_dict(), indent=2))
        return
    if page.suggestion:
        click.echo(f'Did you mean "{page.suggestion}"?')
    where = f" near {page.location}" if page.location else ""
    click.echo(f"{page.total} resources found{where} ({page.took_ms:.0f} ms).")
    _print_results(page.results)


@main.command()
@click.option(
    "--need",
    "needs",
    multiple=True,
    metavar="NEED",
    help='A need: taxonomy code, screening domain or words ("behind on rent"). Repeatable.',
)
@click.option("--text", default="", help="The client's situation in words.")
@click.option(
    "--near", metavar="LOC", help='Where the client lives: ZIP, "City, ST" or "lat,lon".'
)
@click.option(
    "--radius",
    type=click.FloatRange(0, 500, min_open=True),
    metavar="MILES",
    help="How far the client can travel, in miles (default 10).",
)
@click.option("--age", type=click.IntRange(0, 120), help="The client's age.")
@click.option(
    "--gender",
    type=click.Choice(["female", "male", "nonbinary"]),
    help="The client's gender, for services limited to one.",
)
@click.option(
    "--language",
    "languages",
    multiple=True,
    metavar="CODE",
    help="A language the client speaks (ISO 639 code or name). Repeatable.",
)
@click.option(
    "--household",
    type=click.IntRange(1, 30),
    metavar="N",
    help="People in the household, for income limits.",
)
@click.option(
    "--child-age",
    "children_ages",
    type=click.IntRange(0, 17),
    multiple=True,
    metavar="N",
    help="The age of a child under 18 in the household, for services for children. Repeatable.",
)
@click.option(
    "--income",
    type=click.FloatRange(0),
    metavar="DOLLARS",
    help="The household's income in dollars a year.",
)
@click.option("--veteran", is_flag=True, default=None, help="The client is a veteran.")
@click.option(
    "--profile",
    "profile_file",
    type=click.File("r", encoding="utf-8"),
    metavar="FILE.json",
    help="A client profile as JSON; the options above add to it.",
)
@click.option(
    "--limit",
    type=click.IntRange(1, 100),
    default=10,
    show_default=True,
    help="How many matches to show.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the matches as one JSON object.")
@click.pass_obj
def match(
    obj: Context,
    needs: tuple[str, ...],
    text: str,
    near: str | None,
    radius: float | None,
    age: int | None,
    gender: str | None,
    languages: tuple[str, ...],
    household: int | None,
    children_ages: tuple[int, ...],
    income: float | None,
    veteran: bool | None,
    profile_file: Any,
    limit: int,
    as_json: bool,
) -> None:
    """Rank the referrals that fit a client's needs, eligibility and place, and say why."""
    profile: dict[str, Any] = {}
    if profile_file is not None:
        try:
            profile = json.load(profile_file)
        except (ValueError, RecursionError) as exc:  # not JSON, not UTF-8, nested too deep
            why = "it is nested too deep" if isinstance(exc, RecursionError) else str(exc)
            raise click.UsageError(
                f"--profile: {profile_file.name} is not valid JSON ({why})."
            ) from exc
        if not isinstance(profile, dict):
            raise click.UsageError(f"--profile: {profile_file.name} must hold a JSON object.")
    given = {
        "text": text,
        "location": near,
        "radius_miles": radius,
        "age": age,
        "gender": gender,
        "household_size": household,
        "annual_income": income,
        "veteran": veteran,
    }
    profile.update({k: v for k, v in given.items() if v not in (None, "")})
    if needs:
        profile["needs"] = [*profile.get("needs", []), *needs]
    if languages:
        profile["languages"] = [*profile.get("languages", []), *languages]
    if children_ages:
        profile["children_ages"] = [*profile.get("children_ages", []), *children_ages]
    directory = obj.directory()
    try:
        found = directory.match(profile, limit=limit)
    except InputError as exc:
        raise click.UsageError(exc.message) from exc
    except ReferralMatchError as exc:
        raise click.ClickException(exc.message) from exc
    if as_json:
        click.echo(json.dumps(found.to_dict(), indent=2))
        return
    taxonomy = directory.taxonomy
    understood = "; ".join(
        f"{n.label} -> "
        f"{', '.join(t.name for c in n.codes if (t := taxonomy.get(c))) or 'its words only'}"
        f" ({n.via})"
        for n in found.needs
    )
    where = f" near {found.location}" if found.location else ""
    if found.crisis:
        from referral_match.ranking.crisis import crisis_lines

        kinds = ", ".join(s.kind for s in found.crisis_signs)
        click.echo(f"CRISIS ({kinds}): if the client is in danger now, call 911.")
        for line in crisis_lines(list(found.crisis_signs)):
            click.echo(f"  {line.name}: {line.phone} ({line.other})")
    click.echo(f"Needs: {understood}")
    click.echo(f"{found.total} matches{where}; {found.excluded} left out as ineligible.")
    _print_results(found.results)


@main.command()
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["hsds"]),
    default="hsds",
    show_default=True,
    help="Format to write: an Open Referral HSDS 3.0 tabular package (CSVs + datapackage.json).",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the rows written per file as one JSON object."
)
@click.pass_obj
def export(obj: Context, outdir: Path, fmt: str, as_json: bool) -> None:
    """Write the directory to OUTDIR as an HSDS 3.0 package that imports back unchanged.

    Files of OUTDIR that are not part of the package are left alone. Text that starts with
    = + - or @ is written behind a single quote, so that spreadsheets do not run it.
    """
    from referral_match.hsds.export import export_hsds

    count = 0

    def counted(resources: Any) -> Any:
        nonlocal count
        for resource in resources:
            count += 1
            yield resource

    with obj.directory() as directory:
        try:
            files = export_hsds(counted(directory.resources()), outdir)
        except OSError as exc:
            raise click.ClickException(
                f"Cannot write the package to {outdir}: {exc.strerror or exc}. Check that the "
                "folder is writable and the disk is not full."
            ) from exc
    if as_json:
        click.echo(
            json.dumps(
                {"format": fmt, "outdir": str(outdir), "resources": count, "files": files},
                indent=2,
            )
        )
        return
    click.echo(f"Exported {count} resources to {outdir} as an HSDS 3.0 package:")
    for file, rows in files.items():
        click.echo(f"  {file:<26} {rows:>7} rows")


def _print_results(results: list[Any]) -> None:
    """Print ranked results for people: name, place, phone, and why."""
    for rank, result in enumerate(results, start=1):
        r = result.resource
        distance = "" if result.distance_miles is None else f" — {result.distance_miles:.1f} mi"
        click.echo(f"\n{rank}. {r.name} — {r.organization}{distance}")
        if r.address is not None:
            click.echo(f"   {r.address.one_line()}")
        if r.phones:
            click.echo(f"   {'; '.join(r.phones)}")
        for reason in result.reasons:
            click.echo(f"   · {reason}")
