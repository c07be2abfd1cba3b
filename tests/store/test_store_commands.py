"""Every command that takes `--db`, and the API server, on a SQLite file and a PostgreSQL database
(each test runs on both): what a user sees must not depend on the back end.

The reading commands run over a store filled by hand (events, a figure, a control change, a
relation); `extract`, `watch` and `POST /api/reports` write through the real NLP pipeline; two
`extract` processes at once, with overlapping inputs, store what one run of both inputs stores.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import Result
from live_api import REPORTS, TOKEN, auth, live_server
from test_store import make_coded
from typer.testing import CliRunner

from frontwatch import migrations
from frontwatch.cli.app import app
from frontwatch.ingest import iter_reports
from frontwatch.models import ControlChange, ControlKind, Relation, RelationKind, Report
from frontwatch.nlp.pipeline import Coder
from frontwatch.store import Store

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
HTS = "Hayat Tahrir al-Sham"
SYRIA = "Military Forces of Syria (2000-2024)"

Run = Callable[..., Result]


@pytest.fixture(scope="module")
def run() -> Run:
    runner = CliRunner(env={"COLUMNS": "220"})
    return lambda *args: runner.invoke(app, [str(arg) for arg in args])


@pytest.fixture
def filled(database: str) -> str:
    """The database with one report: two events, a figure, a control change and a relation."""
    coded = make_coded()
    coded.control = [ControlChange("Sarmin", ControlKind.GAINED, holder=HTS, previous=SYRIA,
                                   on=date(2024, 3, 4), claimant=HTS, evidence="HTS said it took Sarmin.")]
    coded.relations = [Relation(HTS, RelationKind.OPPOSES, SYRIA, evidence="HTS fights the regime.")]
    with Store(database) as store:
        store.save(coded)
    return database


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.stderr or result.output
    return result.stdout


def lines(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in ok(result).splitlines() if line.strip()]


def test_reading_commands(run: Run, filled: str) -> None:
    assert [e["location"] for e in lines(run("events", "--db", filled, "--json"))] == ["Kafr Nabl", "Sarmin"]
    searched = lines(run("events", "--db", filled, "--json", "--q", "shelled", "--actor", "MILITARY forces"))
    assert [e["location"] for e in searched] == ["Sarmin"]
    assert "2 event(s)" in ok(run("events", "--db", filled))
    rows = list(csv.DictReader(io.StringIO(ok(run("export", "--db", filled, "--format", "acled-csv")))))
    assert [row["location"] for row in rows] == ["Kafr Nabl", "Sarmin"]
    changes = lines(run("changes", "--since", "2000-01-01", "--db", filled, "--json"))
    assert sorted(c["change"] for c in changes) == ["created", "created"]
    [control] = lines(run("control", "Sarmin", "--on", "2024-03-10", "--db", filled, "--json"))
    assert (control["holder"], control["since"], control["previous"]) == (HTS, "2024-03-04", SYRIA)
    [figure] = lines(run("figures", "--db", filled, "--json"))
    assert (figure["kind"], figure["value"]) == ("displaced", 3000)
    [state] = lines(run("actors", "show", "Syria", "--db", filled, "--json"))  # every period's forces
    assert [(r["subject"], r["kind"], r["object"]) for r in state["relations"]] == [(HTS, "opposes", SYRIA)]
    assert ok(run("watch", "--status", "--db", filled, "--json")) == ""


def test_db_commands_show_and_make_the_revision(run: Run, database: str) -> None:
    head = migrations.head()
    assert ok(run("db", "upgrade", "--db", database)).strip() == f"migrated from nothing to revision {head}"
    assert ok(run("db", "current", "--db", database)).startswith(f"{head} (head {head}): up to date")
    assert ok(run("db", "upgrade", "--db", database)).strip() == f"already at revision {head}"


def test_extract_stores_and_prints_the_merged_events(run: Run, database: str, coder: Coder) -> None:
    printed = lines(run("extract", "--input", SAMPLES / "sample-batch.jsonl", "--db", database))
    assert printed
    with Store(database) as store:
        assert store.report_count() == 3
        assert store.events() == sorted(printed, key=lambda e: (e["event_date"] or "9999", e["event_id"]))


def test_watch_codes_a_folder_once_and_remembers_it(run: Run, database: str, coder: Coder,
                                                    tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    report = (SAMPLES / "inbox" / "idlib-drone-strike.txt").read_text(encoding="utf-8")
    (inbox / "idlib.txt").write_text(report, encoding="utf-8")
    for _ in range(2):  # the second run finds nothing new
        ok(run("watch", inbox, "--once", "--db", database))
    [status] = lines(run("watch", "--status", "--db", database, "--json"))
    assert (status["kind"], status["coded"], status["failures"]) == ("folder", 1, 0)
    with Store(database) as store:
        assert store.report_count() == 1 and store.event_count() >= 1


@pytest.fixture
def server(filled: str) -> Iterator[httpx.Client]:
    from frontwatch.api import create_app

    with live_server(create_app(filled, token=TOKEN)) as url, httpx.Client(base_url=url, timeout=120) as http:
        yield http


def test_the_api_reads_and_writes(server: httpx.Client, coder: Coder) -> None:
    page = server.get("/api/events", params={"q": "shelled", "country": "SYRIA"}).json()
    assert (page["total"], [e["location"] for e in page["events"]]) == (1, ["Sarmin"])
    posted = server.post("/api/reports", json=REPORTS[0], headers=auth())
    assert posted.status_code == 201 and posted.json()["stored"] is True
    told = server.get("/api/events", params={"report_id": REPORTS[0]["id"]}).json()
    assert told["total"] >= 1 and all(REPORTS[0]["id"] in e["report_ids"] for e in told["events"])


def test_two_extract_runs_at_once_store_what_one_run_stores(
    new_database: Callable[[], str], coder: Coder, tmp_path: Path
) -> None:
    batch = (SAMPLES / "sample-batch.jsonl").read_text(encoding="utf-8").splitlines()
    single = [SAMPLES / "sudan-market-drone-strike.txt", SAMPLES / "yemen-clashes.md"]
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("\n".join(batch[:2]) + "\n", encoding="utf-8")
    second.write_text("\n".join(batch[1:]) + "\n", encoding="utf-8")  # the middle report in both

    together = new_database()
    frontwatch = Path(sys.executable).parent / "frontwatch"
    runs = [subprocess.Popen([frontwatch, "extract", "--input", batch_file, "--db", together, *files,
                              "--published", "2025-06-02", "--output", tmp_path / f"{batch_file.stem}.out"],
                             stderr=subprocess.PIPE, text=True)
            for batch_file, files in ((first, single), (second, single[::-1]))]
    for process in runs:
        assert process.wait(timeout=600) == 0, process.stderr.read() if process.stderr else ""

    alone = new_database()
    with Store(alone) as store:
        reports = [item for item in iter_reports(single, batch=SAMPLES / "sample-batch.jsonl",
                                                 published=date(2025, 6, 2)) if isinstance(item, Report)]
        assert len(reports) == 5
        for coded in coder.code_many(reports):
            store.save(coded)
        expected = (store.report_count(), store.events())
    with Store(together) as store:
        assert (store.report_count(), store.events()) == expected
