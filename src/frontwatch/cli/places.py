"""`frontwatch places`: look up, build, import and extend the gazetteer from the command line.

Kept free of the NLP stack (no spaCy import on this path) so a look-up answers in well under a
second; the gazetteer file is built on first use, with a progress message since that takes ~20 s.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.geo.schema import default_path
from frontwatch.models import FrontwatchError

places_app = typer.Typer(help="Look up, build, import and extend the gazetteer.", no_args_is_help=True)


class ImportFormat(StrEnum):
    GEONAMES = "geonames"
    CSV = "csv"


def _console(err: bool = False) -> Console:
    return Console(stderr=err, highlight=False)


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn a FrontwatchError into a one-line message and exit status 1, never a traceback."""
    try:
        yield
    except FrontwatchError as exc:
        _console(err=True).print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from None


def _open_gazetteer() -> Gazetteer:
    """Open the gazetteer, building it first (with a progress message) when missing or stale."""
    path = default_path()
    if Gazetteer.is_current(path):
        return Gazetteer(path)
    console = _console(err=True)
    console.print(f"Building the gazetteer at {path} (first use, about 20 s)...")
    with console.status("Building the gazetteer...") as status:
        return Gazetteer(path, progress=lambda msg: status.update(f"Building the gazetteer: {msg}..."))


@places_app.command("lookup")
def lookup(
    name: Annotated[str, typer.Argument(help="Place name, any common spelling.")],
    country: Annotated[str | None, typer.Option("--country", "-c", help="Country code or name.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON, best match first.")] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many candidates.")] = 5,
) -> None:
    """Find the places a name may refer to, best first."""
    with _user_errors():
        places = _open_gazetteer().lookup(name, country, limit)
    if as_json:
        typer.echo(json.dumps([p.to_record() for p in places], ensure_ascii=False, indent=2))
        return
    if not places:
        _console(err=True).print(f"no place called {name!r}" + (f" in {country}" if country else ""))
        raise typer.Exit(1)
    table = Table("name", "country", "admin1", "admin2", "lat", "lon", "feature", "population", "source")
    for p in places:
        table.add_row(p.name, p.country or "", p.admin1 or "", p.admin2 or "", f"{p.latitude:.4f}",
                      f"{p.longitude:.4f}", p.feature, str(p.population), p.source)  # fmt: skip
    _console().print(table)


@places_app.command("build")
def build() -> None:
    """(Re)build the gazetteer from the embedded GeoNames data; added and imported places are kept."""
    console = _console(err=True)
    with _user_errors(), console.status("Building the gazetteer...") as status:
        gazetteer = Gazetteer.build(progress=lambda msg: status.update(f"Building the gazetteer: {msg}..."))
    console.print(f"gazetteer ready at {gazetteer.path}")


@places_app.command("import")
def import_places(
    file: Annotated[Path, typer.Argument(help="GeoNames dump (XX.txt) or CSV gazetteer.")],
    alternate_names: Annotated[
        Path | None, typer.Option("--alternate-names", help="GeoNames alternateNamesV2.txt.")
    ] = None,
    fmt: Annotated[
        ImportFormat | None, typer.Option("--format", help="geonames or csv (default: from the file suffix).")
    ] = None,
    name_col: Annotated[str, typer.Option(help="CSV: column of the place name.")] = "name",
    lat_col: Annotated[str, typer.Option(help="CSV: column of the latitude.")] = "latitude",
    lon_col: Annotated[str, typer.Option(help="CSV: column of the longitude.")] = "longitude",
    country_col: Annotated[
        str | None, typer.Option(help="CSV: column of the country (code or name).")
    ] = None,
    country: Annotated[str | None, typer.Option(help="CSV: one country for every row.")] = None,
    admin1_col: Annotated[str | None, typer.Option(help="CSV: column of the admin1 name.")] = None,
    alt_col: Annotated[str | None, typer.Option(help="CSV: column of alternate names (; separated).")] = None,
) -> None:
    """Import places that then outrank the embedded data (e.g. GeoNames SY.txt, an OCHA CSV)."""
    kind = fmt or (ImportFormat.CSV if file.suffix.lower() == ".csv" else ImportFormat.GEONAMES)
    with _user_errors():
        if not file.is_file():
            raise FrontwatchError(f"no such file: {file}")
        gazetteer = _open_gazetteer()
        if kind is ImportFormat.CSV:
            count = gazetteer.import_csv(
                file, name_col, lat_col, lon_col, country_col, country, admin1_col, alt_col
            )
        else:
            count = gazetteer.import_geonames(file, alternate_names)
    _console(err=True).print(f"imported {count} places from {file}")


@places_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The place's name.")],
    lat: Annotated[float, typer.Option("--lat", help="Latitude.")],
    lon: Annotated[float, typer.Option("--lon", help="Longitude.")],
    country: Annotated[str, typer.Option("--country", "-c", help="Country code or name.")],
    admin1: Annotated[str | None, typer.Option("--admin1", help="Admin1 area.")] = None,
    alt: Annotated[list[str] | None, typer.Option("--alt", help="Alternate name (repeatable).")] = None,
) -> None:
    """Add a place the open data lacks (a camp, a hill, a neighbourhood)."""
    with _user_errors():
        place = _open_gazetteer().add_place(name, lat, lon, country, admin1, alt or ())
    _console(err=True).print(f"added {place.name} ({place.admin1 or '-'}, {place.country})")


@places_app.command("unresolved")
def unresolved(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Names the coder could not place, most frequent first."""
    with _user_errors():
        rows = _open_gazetteer().unresolved()
    if as_json:
        records = [
            {"name": r.name, "country_code": r.country_code, "admin1": r.admin1, "count": r.count,
             "report_ids": list(r.report_ids)}
            for r in rows
        ]  # fmt: skip
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    table = Table("name", "country", "admin1", "count", "reports")
    for r in rows:
        table.add_row(r.name, r.country_code or "", r.admin1 or "", str(r.count), ", ".join(r.report_ids[:5]))
    _console().print(table)
