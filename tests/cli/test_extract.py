"""`frontwatch extract`, `events` and `export` as a user runs them, against a database in tmp_path.

The JSON Lines fields are the contract outside checks read; bad inputs must be named on stderr
with a non-zero exit and no traceback, while good inputs beside them are still coded.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from frontwatch.cli.app import app
from frontwatch.nlp.pipeline import Coder
from frontwatch.store import Store

CONTRACT_FIELDS = frozenset((
    "event_id", "report_id", "report_ids", "event_date", "date_end", "time_precision", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "inter1", "inter2", "country",
    "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "fatalities", "fatalities_low",
    "fatalities_high", "injured", "sources", "verification", "evidence", "notes",
))

KHARKIV = ("Russian forces struck Kharkiv with drones and guided bombs overnight, killing three people and "
           "injuring 21, regional governor Oleh Syniehubov said on Saturday.")
SARMIN = ("On 14 October 2024, regime forces shelled the outskirts of Sarmin town in Idleb countryside with "
          "artillery. No casualties were reported.")

Run = Callable[..., Result]


@pytest.fixture(scope="module")
def run(coder: Coder) -> Run:
    """Invoke the CLI in-process; stderr is kept apart so errors can be checked on their own.

    Depends on the shared `coder` so the model and the gazetteer are known to be in place; a wide
    terminal keeps rich from folding the events table's cells.
    """
    runner = CliRunner(env={"COLUMNS": "220"})
    return lambda *args: runner.invoke(app, [str(arg) for arg in args])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "events.db"


def jsonl(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_extract_writes_every_contract_field(run: Run, db: Path, tmp_path: Path) -> None:
    report = write(tmp_path / "kharkiv.txt", KHARKIV)
    result = run("extract", report, "--published", "2025-06-07", "--source", "Regional Monitor", "--db", db)
    assert result.exit_code == 0, result.stderr
    [event] = jsonl(result)
    assert set(event) >= CONTRACT_FIELDS
    assert event["event_date"] in {"2025-06-06", "2025-06-07"}  # "overnight", told on Saturday 7 June
    assert event["country"] == "Ukraine"
    assert event["location"] == "Kharkiv" and event["sub_event_type"] == "Air/drone strike"
    assert event["sources"] == ["Oleh Syniehubov"]  # the claimant the outlet credits


def test_a_broken_batch_line_is_named_and_the_rest_coded(run: Run, db: Path, tmp_path: Path) -> None:
    good = [{"id": "kharkiv", "text": KHARKIV, "published": "2025-06-07"},
            {"id": "sarmin", "text": SARMIN, "published": "2024-10-20"}]
    lines = [json.dumps(good[0]), '{"id": "broken", "text": ', json.dumps(good[1])]
    batch = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    result = run("extract", "--input", batch, "--db", db)
    assert result.exit_code != 0
    assert "batch.jsonl:2" in result.stderr
    assert {event["report_id"] for event in jsonl(result)} == {"kharkiv", "sarmin"}


@pytest.mark.parametrize(("name", "content"), [("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01"),
                                               ("empty.txt", b"")])
def test_unreadable_file_is_a_message_not_a_traceback(run: Run, db: Path, tmp_path: Path, name: str,
                                                      content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = run("extract", path, "--published", "2025-06-07", "--db", db)
    assert result.exit_code != 0
    assert name in result.stderr
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    assert jsonl(result) == []


def test_extracting_the_same_report_twice_stores_it_once(run: Run, db: Path, tmp_path: Path) -> None:
    report = write(tmp_path / "sarmin.txt", SARMIN)
    args = ("extract", report, "--published", "2024-10-20", "--db", db)
    assert run(*args).exit_code == 0
    with Store(str(db)) as store:
        counts = store.report_count(), store.event_count()
    assert run(*args).exit_code == 0
    with Store(str(db)) as store:
        assert (store.report_count(), store.event_count()) == counts == (1, 1)


@pytest.fixture
def stored(run: Run, db: Path, tmp_path: Path) -> Path:
    """A database holding the Kharkiv and Sarmin reports' events."""
    inputs = (("kharkiv.txt", KHARKIV, "2025-06-07"), ("sarmin.txt", SARMIN, "2024-10-20"))
    for name, text, published in inputs:
        result = run("extract", write(tmp_path / name, text), "--published", published, "--db", db)
        assert result.exit_code == 0, result.stderr
    return db


def test_events_prints_a_table(run: Run, stored: Path) -> None:
    result = run("events", "--db", stored)
    assert result.exit_code == 0
    assert "sub-event type" in result.stdout and "Kharkiv" in result.stdout and "Sarmin" in result.stdout
    assert "2 event(s)" in result.stdout


def test_export_acled_csv_has_31_columns(run: Run, stored: Path) -> None:
    result = run("export", "--db", stored, "--format", "acled-csv")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert len(rows) == 3 and all(len(row) == 31 for row in rows)
    assert {"event_date", "sub_event_type", "fatalities"} <= set(rows[0])


def test_export_geojson_is_a_feature_collection(run: Run, stored: Path) -> None:
    result = run("export", "--db", stored, "--format", "geojson")
    assert result.exit_code == 0
    collection = json.loads(result.stdout)
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 2
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        longitude, latitude = feature["geometry"]["coordinates"]
        assert -180 <= longitude <= 180 and -90 <= latitude <= 90


def test_events_without_a_database_says_so(run: Run, tmp_path: Path) -> None:
    result = run("events", "--db", tmp_path / "missing.db")
    assert result.exit_code == 1 and "missing.db" in result.stderr
