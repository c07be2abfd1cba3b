"""The `frontwatch` command line.

The contract that outside checks call — `extract ... --format jsonl` with its fields, `places
lookup --json`, `serve` — is extended, never broken. Heavy imports (spaCy) happen inside the
commands that need them, so `frontwatch places lookup` starts fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.table import Table

from frontwatch.cli.places import places_app
from frontwatch.models import FrontwatchError

app = typer.Typer(
    name="frontwatch",
    help="Code conflict reports into verified, mapped ACLED-style events — offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(places_app, name="places", help="Look up, add and import places in the gazetteer.")

FORMAT_NAMES = ("jsonl", "csv", "acled-csv", "geojson", "hxl")


def default_db() -> Path:
    """The embedded database: $FRONTWATCH_DB, else frontwatch.db in the user data directory."""
    if os.environ.get("FRONTWATCH_DB"):
        return Path(os.environ["FRONTWATCH_DB"])
    base = os.environ.get("FRONTWATCH_DATA_DIR") or os.path.join(
        os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share"), "frontwatch"
    )
    return Path(base) / "frontwatch.db"


DbOption = Annotated[
    str | None, typer.Option("--db", help="SQLite file or database URL (default: $FRONTWATCH_DB or the "
                                          "user data directory's frontwatch.db).")
]

FormatOption = Annotated[str, typer.Option("--format", "-f", help=f"One of {', '.join(FORMAT_NAMES)}.")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")]


def _stderr() -> Console:
    return Console(stderr=True)


def _fail(message: str, code: int = 1) -> typer.Exit:
    _stderr().print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(f"{option} wants a date as YYYY-MM-DD, not {value!r}", 2) from None


@contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    """stdout, or a file written whole: to a temporary name first, renamed when complete."""
    if path is None:
        yield sys.stdout
        return
    partial = path.with_name(path.name + ".partial")
    try:
        with open(partial, "w", encoding="utf-8", newline="") as handle:
            yield handle
        partial.replace(path)
    except OSError as error:
        raise _fail(f"cannot write {path}: {error.strerror}") from None
    finally:
        partial.unlink(missing_ok=True)


def _write(records: list[dict[str, Any]], fmt: str, output: Path | None) -> None:
    from frontwatch.store.export import FORMATS

    writer = FORMATS["acled" if fmt == "acled-csv" else fmt]
    with _output(output) as handle:
        writer(records, handle)


@app.command()
def extract(
    files: Annotated[list[Path] | None, typer.Argument(help="Report files (.txt, .md, .html, .jsonl); - "
                                                            "reads a report from stdin.")] = None,
    input: Annotated[Path | None, typer.Option("--input", "-i", help="JSON Lines batch, one report per line "
                                                                    "(.gz too).")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date of single files (YYYY-MM-DD).")
                         ] = None,
    source: Annotated[str | None, typer.Option(help="Outlet of single files.")] = None,
    format: FormatOption = "jsonl",
    output: OutputOption = None,
    db: DbOption = None,
    merge: Annotated[bool, typer.Option("--merge/--no-merge", help="Merge reports of the same event.")
                     ] = True,
    model: Annotated[str | None, typer.Option(help="Another installed spaCy pipeline to use.")] = None,
    store: Annotated[bool, typer.Option("--store/--no-store", help="Keep the coded reports in the database.")
                     ] = True,
) -> None:
    """Code reports into events, store them, and write the events (stdout by default)."""
    if format not in FORMAT_NAMES:
        raise _fail(f"--format must be one of {', '.join(FORMAT_NAMES)}, not {format!r}", 2)
    if not files and input is None:
        if sys.stdin.isatty():
            raise _fail("nothing to code: give report files, --input BATCH.jsonl, or pipe a report to stdin",
                        2)
        files = [Path("-")]
    from frontwatch.cli.extracting import run_extract

    try:
        records, failures = run_extract(
            files or [], batch=input, published=_parse_date(published, "--published"), source=source,
            db=(db or str(default_db())) if store else None, model=model, merge=merge,
        )
    except FrontwatchError as error:
        raise _fail(str(error)) from None
    _write(records, format, output)
    if failures:
        raise typer.Exit(1)


@app.command()
def events(
    db: DbOption = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="ACLED event type.")] = None,
    country: Annotated[str | None, typer.Option(help="Country name.")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor in any role.")] = None,
    q: Annotated[str | None, typer.Option("--q", help="Full-text search over notes and evidence.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many events.")] = 100,
    json_out: Annotated[bool, typer.Option("--json", help="JSON Lines instead of a table.")] = False,
) -> None:
    """Show stored events as a table."""
    records = _query(db, since=_parse_date(since, "--since"), until=_parse_date(until, "--until"),
                     event_type=event_type, country=country, actor=actor, q=q, limit=limit)
    if json_out:
        _write(records, "jsonl", None)
        return
    print_events(records, Console())


def _query(db: str | None, **filters: Any) -> list[dict[str, Any]]:
    from frontwatch.store import Store

    path = db or str(default_db())
    if "://" not in path and not Path(path).exists():
        raise _fail(f"no database at {path}: run `frontwatch extract` first, or name one with --db")
    try:
        with Store(path) as store:
            return store.events(**filters)
    except FrontwatchError as error:
        raise _fail(str(error)) from None


def print_events(records: list[dict[str, Any]], console: Console) -> None:
    """The analyst's table: date, type, actors, place, fatalities, source, verification."""
    table = Table(show_lines=False, header_style="bold")
    for column in ("date", "sub-event type", "actor 1", "actor 2", "location", "admin1", "fat.", "sources",
                   "verification"):
        table.add_column(column, overflow="fold")
    for record in records:
        table.add_row(
            record.get("event_date") or "?",
            record.get("sub_event_type") or "",
            record.get("actor1") or "",
            record.get("actor2") or "",
            f"{record.get('location') or ''} ({record.get('geo_precision') or '-'})",
            record.get("admin1") or "",
            str(record.get("fatalities") or 0),
            "; ".join(record.get("sources") or []),
            record.get("verification") or "",
        )
    console.print(table)
    console.print(f"{len(records)} event(s)")


@app.command()
def export(
    db: DbOption = None,
    format: FormatOption = "acled-csv",
    output: OutputOption = None,
) -> None:
    """Export stored events as ACLED CSV (31 columns), GeoJSON, HXL CSV, CSV or JSON Lines."""
    if format not in FORMAT_NAMES:
        raise _fail(f"--format must be one of {', '.join(FORMAT_NAMES)}, not {format!r}", 2)
    _write(_query(db), format, output)


def main() -> None:
    """Console entry point: user errors as one line on stderr, never a traceback."""
    try:
        app()
    except FrontwatchError as error:
        _stderr().print(f"[bold red]error:[/] {error}", highlight=False)
        sys.exit(1)
    except KeyboardInterrupt:
        _stderr().print("interrupted")
        sys.exit(130)
