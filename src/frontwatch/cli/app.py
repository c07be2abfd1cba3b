"""The `frontwatch` command line.

The contract that outside checks call — `extract ... --format jsonl` with its fields, `places
lookup --json`, `serve` — is extended, never broken. Heavy imports (spaCy) happen inside the
commands that need them, so `frontwatch places lookup` starts fast.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from frontwatch.cli.actors import actors_app
from frontwatch.cli.database import db_app
from frontwatch.cli.places import places_app
from frontwatch.ingest import DEFAULT_MAX_BYTES, DEFAULT_MAX_REPORT_BYTES, parse_published
from frontwatch.models import FrontwatchError

app = typer.Typer(
    name="frontwatch",
    help="Code conflict reports into verified, mapped ACLED-style events — offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(places_app, name="places", help="Look up, add and import places in the gazetteer.")
app.add_typer(actors_app, name="actors", help="An actor's names, type and the relations reports state.")
app.add_typer(db_app, name="db", help="The database's schema revision, and migrating it.")

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
    _stderr().print(f"[bold red]error:[/] {escape(message)}", highlight=False)  # messages quote user input
    return typer.Exit(code)


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(f"{option} wants a date as YYYY-MM-DD, not {value!r}", 2) from None


def _parse_published(value: str | None) -> date | None:
    """--published as a batch line's "published" is read: a real day, within the plausible years."""
    try:
        return parse_published(value)
    except ValueError as error:
        raise _fail(f"--published: {error}", 2) from None


@contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    """stdout, or a file written whole: to a temporary file beside it, renamed over it when complete.

    The path is resolved first, so a symbolic link stays a link and its target is written; that
    target must be a regular file or not exist yet, or be a character device (`/dev/null`), which
    is written in place, never replaced; a directory or a FIFO is refused. The temporary file gets
    a fresh random name and is created exclusively, so a file or link planted beside the output is
    never opened or followed, and nothing is written outside the output's own directory.
    """
    if path is None:
        yield sys.stdout
        return
    try:
        target = path.resolve()
    except (OSError, RuntimeError) as error:  # RuntimeError: a loop of symbolic links
        raise _fail(f"cannot write {path}: {error}") from None
    if target.is_char_device():
        try:
            with target.open("w", encoding="utf-8", newline="") as stream:
                yield stream
        except OSError as error:
            raise _fail(f"cannot write {path}: {error.strerror}") from None
        return
    if target.exists() and not target.is_file():
        raise _fail(f"cannot write {path}: it exists and is not a regular file")
    partial = target.with_name(f".{target.name}.{secrets.token_hex(6)}.partial")
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with open(descriptor, "w", encoding="utf-8", newline="") as handle:
            yield handle
        partial.replace(target)
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
    engine: Annotated[str, typer.Option(help="Code here (local) or on a Dask cluster (dask).")] = "local",
    workers: Annotated[int | None, typer.Option(help="With --engine dask: worker processes of a local "
                                                     "cluster (default: one per CPU).")] = None,
    scheduler: Annotated[str | None, typer.Option(help="With --engine dask: address of a running Dask "
                                                       "scheduler, whose workers code the batch.")] = None,
    max_report_bytes: Annotated[int, typer.Option(min=1, help="Largest report text to code, in bytes of "
                                                              "UTF-8 (after HTML or Markdown is read); a "
                                                              "larger report is named as an error and "
                                                              "skipped.")] = DEFAULT_MAX_REPORT_BYTES,
    max_line_bytes: Annotated[int, typer.Option(min=1, help="Longest line of a JSON Lines batch, in bytes; "
                                                            "a longer line is named as an error and skipped.")
                              ] = DEFAULT_MAX_BYTES,
) -> None:
    """Code reports into events, store them, and write the events (stdout by default).

    A bad input (unreadable file, broken batch line, report over a limit, report the pipeline or
    the database refuses) is named on stderr and the rest are still coded; the exit code is then 1.
    """
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
            files or [], batch=input, published=_parse_published(published), source=source,
            db=(db or str(default_db())) if store else None, model=model, merge=merge,
            engine=engine, workers=workers, scheduler=scheduler,
            max_line_bytes=max_line_bytes, max_report_bytes=max_report_bytes,
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
    limit: Annotated[int, typer.Option(min=1, max=2**63 - 1, help="At most this many events.")] = 100,
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


def _open_store(db: str | None) -> Any:
    """The store at --db (or the default), which must exist: reading commands never create one."""
    from frontwatch.store import Store

    path = db or str(default_db())
    if "://" not in path and not Path(path).exists():
        raise _fail(f"no database at {path}: run `frontwatch extract` first, or name one with --db")
    try:
        return Store(path)
    except FrontwatchError as error:
        raise _fail(str(error)) from None


def _print_rows(rows: list[dict[str, Any]], columns: dict[str, str], json_out: bool, what: str) -> None:
    """Records as JSON Lines, or a table of the given columns (record key -> header)."""
    if json_out:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    table = Table(header_style="bold")
    for header in columns.values():
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(key) is None else str(row[key]) for key in columns))
    console = Console()
    console.print(table)
    console.print(f"{len(rows)} {what}")


@app.command()
def changes(
    since: Annotated[str, typer.Option(help="From this day (YYYY-MM-DD, UTC) or moment (ISO 8601).")],
    db: DbOption = None,
    json_out: Annotated[bool, typer.Option("--json", help="JSON Lines instead of a table.")] = False,
) -> None:
    """Events created, updated or retracted since a day, as ACLED users diff weekly releases."""
    try:
        moment = datetime.fromisoformat(since)
    except ValueError:
        raise _fail(f"--since wants a day (YYYY-MM-DD) or an ISO 8601 moment, not {since!r}", 2) from None
    with _open_store(db) as store:
        found = store.changes(moment if moment.tzinfo else moment.replace(tzinfo=UTC))
    # the table shows the changed event's summary beside the change
    rows = found if json_out else [
        {**change, **(change.get("event") or {}), "at": change["at"][:19].replace("T", " ")}
        for change in found
    ]
    columns = {"at": "when (UTC)", "change": "change", "event_id": "event", "event_date": "date",
               "sub_event_type": "sub-event type", "location": "location", "fatalities": "fat.",
               "replaced_by": "replaced by"}
    _print_rows(rows, columns, json_out, "change(s)")


@app.command()
def control(
    place: Annotated[str, typer.Argument(help="A place as reports name it (\"Aleppo\", \"Tal Rifaat\").")],
    on: Annotated[str | None, typer.Option(help="On this day (YYYY-MM-DD); default: the latest told.")
                  ] = None,
    db: DbOption = None,
    json_out: Annotated[bool, typer.Option("--json", help="One JSON object instead of text.")] = False,
) -> None:
    """Who held a place on a day: since when, from whom, on whose claim, claimed or confirmed."""
    day = _parse_date(on, "--on")
    with _open_store(db) as store:
        answer = store.control(place, day)
    if json_out:
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        return
    console = Console()
    when = f"on {answer['on']}" if answer["on"] else "as last told"
    if not answer["known"]:
        console.print(f"{place} {when}: no report says who held it", highlight=False)
    else:
        holder = answer["holder"] or "lost by its holder; no new holder told"
        since = f" since {answer['since']}" if answer["since"] else ""
        since += f" until {answer['until']}" if answer["until"] else ""
        taken = f", from {answer['previous']}" if answer["previous"] else ""
        claim = "; ".join(answer["claimants"]) or "unattributed"
        console.print(f"{place} {when}: [bold]{holder}[/]{since}{taken} — on the claim of {claim} "
                      f"({answer['status']})", highlight=False)
    rows = [{**tenure, "claimants": "; ".join(tenure["claimants"])} for tenure in answer["history"]]
    _print_rows(rows, {"on": "day", "kind": "change", "holder": "holder", "previous": "from",
                       "claimants": "on the claim of", "status": "status"}, False, "change(s) told")


@app.command()
def figures(
    db: DbOption = None,
    report: Annotated[str | None, typer.Option(help="Only the figures of this report id.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="JSON Lines instead of a table.")] = False,
) -> None:
    """Humanitarian figures: tolls and counts over a period and an area, with who said so. Never events."""
    with _open_store(db) as store:
        found = store.figures(report)
    if json_out:
        _print_rows(found, {}, True, "figure(s)")
        return
    rows = [
        {
            **figure,
            "period": _period_text(figure["period_start"], figure["period_end"]),
            "area": "; ".join(figure["area"]),
            "figure": _figure_text(figure["value"], figure["qualifier"]),
        }
        for figure in found
    ]
    _print_rows(rows, {"period": "period", "area": "area", "kind": "kind", "figure": "figure", "group": "who",
                       "claimant": "said by", "cited": "citing", "report_id": "report"}, False, "figure(s)")


def _figure_text(value: int, qualifier: str | None) -> str:
    """ "at least 44", "more than 48,500"; a vague count shows the figure coded for it: "12 (dozens)"."""
    if not qualifier:
        return f"{value:,}"
    if qualifier.split()[0] in {"at", "more", "nearly", "about", "up"}:
        return f"{qualifier} {value:,}"
    return f"{value:,} ({qualifier})"


def _period_text(start: str | None, end: str | None) -> str:
    if start and end:
        return f"{start} – {end}"
    return f"as of {end}" if end else (f"since {start}" if start else "")


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")
                    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port.")] = 8000,
    token: Annotated[str | None, typer.Option(envvar="FRONTWATCH_TOKEN", show_default=False,
                                              help="Bearer token that POST /api/reports must carry; "
                                                   "without one, writes are refused.")] = None,
    cors_origin: Annotated[list[str] | None, typer.Option("--cors-origin", help="A site whose pages may "
                                                          "call the API (repeatable; none by default).")
                           ] = None,
    watch: Annotated[Path | None, typer.Option("--watch", help="Also follow the sources of this watch "
                                                               "config (TOML), coding into the database.")
                     ] = None,
) -> None:
    """Serve the REST API (/api, docs at /docs) and the dashboard (/) over the database."""
    import uvicorn

    from frontwatch.api import create_app
    from frontwatch.cli.watching import logging_to
    from frontwatch.monitor import load_config
    from frontwatch.store import database_name

    try:
        watching = load_config(watch) if watch else None
        path = db or (watching.db if watching else None) or str(default_db())
        api = create_app(path, token=token, cors_origins=cors_origin or (), watch=watching)
    except FrontwatchError as error:
        raise _fail(str(error)) from None
    writes = "writes need the bearer token" if token else "read-only (no --token or FRONTWATCH_TOKEN)"
    _stderr().print(f"frontwatch: serving {database_name(path)} at http://{host}:{port}/ — API docs at "
                    f"/docs; {writes}",
                    highlight=False, soft_wrap=True)
    with logging_to(_stderr()):
        uvicorn.run(api, host=host, port=port)


@app.command()
def watch(
    sources: Annotated[list[str] | None, typer.Argument(help="RSS/Atom feed URLs, folders of report files, "
                                                             "or - for JSON Lines on stdin.")] = None,
    config: Annotated[Path | None, typer.Option("--config", "-c", help="TOML file of sources and settings "
                                                                       "(see the README).")] = None,
    db: DbOption = None,
    interval: Annotated[float | None, typer.Option(min=0.1, help="Seconds between polls of the sources "
                                                                 "named here (feeds 300, folders 10).")
                        ] = None,
    once: Annotated[bool, typer.Option("--once", help="Poll every source once, then exit (for cron).")
                    ] = False,
    status: Annotated[bool, typer.Option("--status", help="List the watched sources: last poll, last error, "
                                                          "reports taken.")] = False,
    json_out: Annotated[bool, typer.Option("--json", help="With --status: JSON Lines, not a table.")] = False,
    model: Annotated[str | None, typer.Option(help="Another installed spaCy pipeline to use.")] = None,
) -> None:
    """Follow feeds, folders and stdin; code each new report, re-code updated ones. Ctrl-C stops cleanly."""
    from frontwatch.cli.watching import run_watch, show_status, watch_config

    try:
        watching = watch_config(sources or [], config, interval)
        path = db or watching.db or str(default_db())
        if status:
            if "://" not in path and not Path(path).exists():
                raise _fail(f"no database at {path}: nothing has been watched into it yet")
            show_status(path, as_json=json_out, console=Console())
            return
        code = run_watch(watching, path, once=once, model=model, console=_stderr())
    except FrontwatchError as error:
        raise _fail(str(error)) from None
    raise typer.Exit(code)


def main() -> None:
    """Console entry point: user errors as one line on stderr, never a traceback."""
    try:
        app()
    except FrontwatchError as error:
        _stderr().print(f"[bold red]error:[/] {escape(str(error))}", highlight=False)
        sys.exit(1)
    except KeyboardInterrupt:
        _stderr().print("interrupted")
        sys.exit(130)
