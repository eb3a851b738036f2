"""The ``mapper`` command line: a few lines per command, each calling the library.

Library errors (``MapperError``) become a one-line message and exit status
1; ``--debug`` shows the traceback instead. Problems with single inputs (the
report's diagnostics) are listed in the summary, one a line with their code
("W101 seeds/a.txt: not UTF-8; decoded as cp1256"), and do not change the exit status.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from mapper import __version__, pipeline
from mapper.diagnostics import printable
from mapper.errors import InputError, MapperError
from mapper.geocode import geonames_import
from mapper.geocode.chain import OnlineOptions
from mapper.geocode.online import nominatim_endpoint, user_agent_from


def folder_options(*names: str):
    """Shared --seeds/--data/--maps options (defaults: folders in the current directory)."""
    helps = {
        "seeds": "Folder of articles (*.txt, optional <stem>.meta.json sidecars).",
        "data": "Folder for CSV outputs, the geocode cache and overrides.",
        "maps": "Folder for the HTML map and the GeoJSON.",
    }

    def decorate(command):
        for name in reversed(names):
            command = click.option(
                f"--{name}", default=name, show_default=True, type=click.Path(file_okay=False, path_type=Path), help=helps[name]
            )(command)
        return command

    return decorate


def follow_symlinks_option(command):
    return click.option(
        "--follow-symlinks", is_flag=True,
        help="Read seeds that are symbolic links to files outside the seeds folder (named in the summary either way).",
    )(command)


def workers_option(command):
    return click.option(
        "--workers", type=click.IntRange(min=1), default=None,
        help="Processes for extraction (default: all cores). Output is identical for any number.",
    )(command)


def online_options(command):
    command = click.option("--nominatim-url", default="https://nominatim.openstreetmap.org", show_default=True,
                           help="Nominatim server (for a self-hosted instance).")(command)
    command = click.option("--user-agent", default=None, help="Identifies you to Nominatim (or set MAPPER_USER_AGENT).")(command)
    command = click.option("--online", is_flag=True, help="Ask Nominatim for places the offline gazetteer cannot find.")(command)
    return command


def _online(online: bool, user_agent: str | None, nominatim_url: str) -> OnlineOptions | None:
    if not online:
        return None
    scheme, domain = nominatim_endpoint(nominatim_url)  # one line naming a bad URL, before any work
    return OnlineOptions(user_agent=user_agent_from(user_agent), domain=domain, scheme=scheme)


class ProgressLine:
    """Progress of the long steps on stderr, one line rewritten in place, only on a terminal.

    "extract: 1,200/5,000 articles" while extracting; a log, a pipe or ``--quiet`` gets
    nothing, so scripts read only the summary. Updates are at most ten a second.
    """

    UNITS = {"extract": "articles", "geocode": "articles geocoded", "render": "map and GeoJSON"}

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self._last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if stage == "gazetteer":
            click.echo("building the offline gazetteer index (once per machine, about half a minute)...", err=True)
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        line = f"{stage}: writing the {self.UNITS[stage]}" if stage == "render" else \
            f"{stage}: {done:,}/{total:,} {self.UNITS.get(stage, '')}"
        click.echo("\r\x1b[K" + line, err=True, nl=done >= total)


def output_options(command):
    """--quiet and --json, shared by the commands that print a summary."""
    command = click.option("--json", "as_json", is_flag=True,
                           help="Print the summary as one JSON object (counts, files written, warnings).")(command)
    command = click.option("--quiet", "-q", is_flag=True,
                           help="No progress and no summary; warnings only (on stderr).")(command)
    return command


def _progress(quiet: bool, as_json: bool) -> ProgressLine:
    return ProgressLine(enabled=not (quiet or as_json) and sys.stderr.isatty())


def _report(report: pipeline.Report, quiet: bool, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=True))
    elif quiet:
        for diagnostic in report.diagnostics:
            click.echo(printable(str(diagnostic)), err=True)
    else:
        _summary(report)


def _echo(line: str) -> None:
    # File names, place names and warnings come from untrusted files: a name
    # like "\x1b]0;pwned\x07.txt" must not retitle or recolour the terminal.
    click.echo(printable(line))


def _summary(report: pipeline.Report) -> None:
    _echo(f"articles: {report.articles}  incidents: {report.incidents} (+{report.aggregates} overall tolls)  "
          f"places: {report.places}  unresolved: {len(report.unresolved)}")
    if report.unresolved:
        _echo("  approximate (see data/unresolved.csv; add an override to pin): " + ", ".join(report.unresolved))
    if report.rejected:
        _echo(f"  rejected by a reviewer, left out ({len(report.rejected)}): " + ", ".join(report.rejected))
    if report.without_coordinates:
        _echo(f"  incidents without coordinates ({len(report.without_coordinates)}): " + ", ".join(report.without_coordinates))
    for output in report.outputs:
        _echo(f"  wrote {output}")
    if report.diagnostics:
        _echo(f"warnings ({len(report.diagnostics)}):")
        for diagnostic in report.diagnostics:
            _echo(f"  - {diagnostic}")


class MapperGroup(click.Group):
    """Turns library errors into a clean message and exit status 1 (no traceback)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except MapperError as error:
            if (ctx.obj or {}).get("debug"):
                raise
            raise click.ClickException(printable(str(error))) from None


@click.group(cls=MapperGroup)
@click.version_option(__version__, prog_name="mapper")
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Turn conflict reporting in seeds/ into a traceable incident map."""
    ctx.obj = {"debug": debug}


@cli.command()
@folder_options("seeds", "data", "maps")
@online_options
@workers_option
@follow_symlinks_option
@output_options
@click.option("--engine", type=click.Choice(pipeline.ENGINES), default="local", show_default=True,
              help="Run extraction on local processes or on Dask (pip install -e '.[dask]').")
def build(seeds, data, maps, online, user_agent, nominatim_url, workers, follow_symlinks, quiet, as_json, engine):
    """Run every stage: extract, geocode, join and render the map."""
    paths = pipeline.Paths(seeds, data, maps, follow_symlinks=follow_symlinks)
    options = _online(online, user_agent, nominatim_url)
    workers = workers or pipeline.default_workers()
    report = pipeline.build(paths, options, progress=_progress(quiet, as_json), workers=workers, engine=engine)
    _report(report, quiet, as_json)


@cli.command()
@folder_options("seeds", "data")
@workers_option
@follow_symlinks_option
@output_options
def extract(seeds, data, workers, follow_symlinks, quiet, as_json):
    """Extract incidents from the articles into data/incidents.csv and data/aggregates.csv."""
    paths = pipeline.Paths(seeds, data, follow_symlinks=follow_symlinks)
    report = pipeline.extract(paths, progress=_progress(quiet, as_json), workers=workers or pipeline.default_workers())
    _report(report, quiet, as_json)


@cli.command()
@folder_options("seeds", "data")
@online_options
@workers_option
@follow_symlinks_option
@output_options
def geocode(seeds, data, online, user_agent, nominatim_url, workers, follow_symlinks, quiet, as_json):
    """Find and geocode the articles' places into data/places.csv."""
    paths = pipeline.Paths(seeds, data, follow_symlinks=follow_symlinks)
    options = _online(online, user_agent, nominatim_url)
    report = pipeline.geocode(paths, options, progress=_progress(quiet, as_json),
                              workers=workers or pipeline.default_workers())
    _report(report, quiet, as_json)


@cli.command("map")
@folder_options("seeds", "data", "maps")
@follow_symlinks_option
@output_options
def map_command(seeds, data, maps, follow_symlinks, quiet, as_json):
    """Join data/incidents.csv and data/places.csv into the tables and draw maps/."""
    paths = pipeline.Paths(seeds, data, maps, follow_symlinks=follow_symlinks)
    _report(pipeline.render(paths, progress=_progress(quiet, as_json)), quiet, as_json)


@cli.group()
def review() -> None:
    """Confirm, reject or correct incidents (data/reviews.csv; applied at every build)."""


def _reviewed(data: Path, incident_id: str, action: str, field: str = "", value: str = "", reviewer=None,
              reason: str = "") -> None:
    from mapper import review as reviews

    row = reviews.new_review(data, incident_id, action, field, value, reviewer or "", reason)
    path = reviews.append_review(data, row)
    _echo(f"{path}: {row.describe()} of {incident_id} by {row.reviewer} written; "
          "it takes effect at the next `mapper build` or `mapper map`")


def _review_options(command):
    command = click.option("--reason", default="", help="Why, or a citation (required to reject).")(command)
    command = click.option("--reviewer", default=None, help="Who reviews (default: $USER, or 'analyst').")(command)
    return folder_options("data")(command)


@review.command("confirm")
@click.argument("incident_id")
@_review_options
def review_confirm(incident_id, data, reviewer, reason):
    """Mark an incident as right as extracted (confidence high)."""
    _reviewed(data, incident_id, "confirm", reviewer=reviewer, reason=reason)


@review.command("reject")
@click.argument("incident_id")
@_review_options
def review_reject(incident_id, data, reviewer, reason):
    """Leave an incident out of every table and the map (--reason is required)."""
    if not reason.strip():
        raise InputError("a reject needs --reason (why this is no incident)")
    _reviewed(data, incident_id, "reject", reviewer=reviewer, reason=reason)


@review.command("edit")
@click.argument("incident_id")
@click.argument("field")
@click.argument("value")
@_review_options
def review_edit(incident_id, field, value, data, reviewer, reason):
    """Replace one extracted FIELD of an incident with VALUE (fatalities, location, event_date, ...)."""
    _reviewed(data, incident_id, "edit", field, value, reviewer, reason)


@review.command("list")
@folder_options("data")
def review_list(data):
    """Show the reviews of data/reviews.csv, with any problem they have."""
    from mapper.diagnostics import Diagnostics
    from mapper.review import current, read_reviews

    found = Diagnostics()
    rows = read_reviews(data / "reviews.csv", found.add)
    holding = set(current(rows))
    for row in rows:
        _echo(f"{row.line}: {row.incident_id} {row.describe()} by {row.reviewer or '?'} {row.date}"
              f"{' -- ' + row.reason if row.reason else ''}{'' if row in holding else ' (superseded)'}")
    if not rows:
        _echo(f"no reviews in {data / 'reviews.csv'}")
    for diagnostic in found:
        _echo(f"  - {diagnostic}")


@cli.group()
def gazetteer() -> None:
    """Index GeoNames dumps (download.geonames.org/export/dump/) beside the built-in gazetteer."""


@gazetteer.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
def gazetteer_import(files):
    """Index GeoNames dumps (SY.zip, cities1000.zip, allCountries.zip, or the .txt inside).

    A re-import of a file replaces its earlier import; a bad line stops that file and keeps what was indexed.
    """
    for file in files:
        click.echo(f"importing {file} ...", err=True)
        _echo(_import_line(geonames_import.import_file(file)))


@gazetteer.command("list")
def gazetteer_list():
    """Show the imported GeoNames dumps (name, file, places, countries, date)."""
    imports = geonames_import.list_imports()
    if not imports:
        _echo(f"no GeoNames dump imported in {geonames_import.default_cache_dir()} (only the built-in cities500)")
    for info in imports:
        _echo(_import_line(info))


@gazetteer.command("remove")
@click.argument("names", nargs=-1, required=True)
def gazetteer_remove(names):
    """Remove imports by name (as `mapper gazetteer list` shows it: "SY" for SY.zip)."""
    for name in names:
        if not geonames_import.remove_import(name):
            raise InputError(f"no GeoNames import called {name!r} (see mapper gazetteer list)")
        _echo(f"removed {name}")


def _import_line(info: geonames_import.ImportInfo) -> str:
    countries = ", ".join(info.countries[:8]) + (f" and {len(info.countries) - 8} more" if len(info.countries) > 8 else "")
    return f"{info.name}: {info.source}, {info.rows:,} places, countries {countries or 'none'}, imported {info.imported}"


def main() -> None:
    cli(prog_name="mapper")
