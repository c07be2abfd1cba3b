"""`extract --db` merging across runs, and `changes`, `control`, `figures`, `actors show` as a user
runs them against a real SQLite file."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from frontwatch.cli.app import app
from frontwatch.models import (
    ClaimKind,
    CodedReport,
    ControlChange,
    ControlKind,
    Figure,
    Relation,
    RelationKind,
    Report,
)
from frontwatch.nlp.pipeline import Coder
from frontwatch.store import Store

Run = Callable[..., Result]

FIRST = ("BEIRUT, Nov 23 — An Israeli air strike on a residential building in Basta, Beirut killed at least "
         "11 people on Saturday, the civil defence said.")
LATER = ("BEIRUT, Nov 24 — Lebanon's health ministry said on Sunday that the toll from Saturday's Israeli "
         "air strike on a residential building in Basta, Beirut had risen to 29 dead.")


@pytest.fixture(scope="module")
def run() -> Run:
    runner = CliRunner(env={"COLUMNS": "220"})
    return lambda *args: runner.invoke(app, [str(arg) for arg in args])


def lines(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_a_later_report_joins_the_stored_event_and_output_agrees_with_the_database(
    coder: Coder, run: Run, tmp_path: Path
) -> None:
    db = tmp_path / "events.db"
    (tmp_path / "first.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "later.txt").write_text(LATER, encoding="utf-8")
    started = datetime.now(UTC).isoformat()
    first = run("extract", tmp_path / "first.txt", "--published", "2024-11-23", "--source", "Levant Wire",
                "--db", db)
    [told] = lines(first)
    later = run("extract", tmp_path / "later.txt", "--published", "2024-11-24", "--source", "Cedar News",
                "--db", db)
    [joined] = lines(later)
    assert joined["event_id"] == told["event_id"]
    assert joined["report_ids"] == ["first", "later"]
    # a later, fuller count revises the toll upward; the range keeps the first figure
    assert (joined["fatalities"], joined["fatalities_low"], joined["fatalities_high"]) == (29, 11, 29)
    assert joined["verification"] == "corroborated"
    exported = run("export", "--db", db, "--format", "jsonl")
    assert lines(exported) == [joined]

    changes = lines(run("changes", "--since", started, "--db", db, "--json"))
    assert [(c["change"], c["event_id"]) for c in changes] == [("created", told["event_id"])]
    assert changes[0]["event"]["report_ids"] == ["first", "later"]
    table = run("changes", "--since", date.today().isoformat(), "--db", db)
    assert table.exit_code == 0 and "created" in table.stdout and "1 change(s)" in table.stdout


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """A database holding one report's control changes, relations and figures (coded by hand)."""
    path = tmp_path / "provenance.db"
    report = Report("Text.", "fsa-claims", date(2024, 12, 2), source="Levant Wire")
    coded = CodedReport(
        report,
        figures=[
            Figure(ClaimKind.DISPLACED, 48500, 48500, 48500, "more than", "OCHA", group="people",
                   period_end=date(2024, 11, 30), area=["Idlib", "northern Aleppo"]),
        ],
        control=[
            ControlChange("Tal Rifaat", ControlKind.GAINED, "JWS: Syrian National Army",
                          "QSD: Syrian Democratic Forces", date(2024, 12, 1), "Free Syrian Army",
                          evidence="It had seized control of Tal Rifaat."),
            ControlChange("Tal Rifaat", ControlKind.HELD, "JWS: Syrian National Army", None,
                          date(2024, 12, 2), "Syrian Observatory", confirmed=True,
                          evidence="Tal Rifaat is held by the SNA."),
        ],
        relations=[
            Relation("Government of Turkey", RelationKind.SUPPORTS, "JWS: Syrian National Army",
                     evidence="The Turkish-backed Free Syrian Army ..."),
            Relation("Government of United States", RelationKind.SUPPORTS, "HTS: Hayat Tahrir al Sham",
                     negated=True, claimant="Matthew Miller", evidence="The US did not support HTS."),
        ],
    )
    with Store(path) as store:
        store.save(coded)
    return path


def test_control_answers_who_held_a_place_on_a_day(run: Run, store_path: Path) -> None:
    def answer(place: str, *on: str) -> dict[str, Any]:
        return json.loads(run("control", place, *on, "--db", store_path, "--json").stdout)

    latest = answer("tall rif'at")
    assert latest["holder"] == "JWS: Syrian National Army" and latest["since"] == "2024-12-01"
    assert latest["previous"] == "QSD: Syrian Democratic Forces"
    # the next day's confirmed telling of the same holder backs the capture
    assert latest["claimants"] == ["Free Syrian Army", "Syrian Observatory"]
    assert latest["status"] == "confirmed"
    on_capture = answer("Tal Rifaat", "--on", "2024-12-01")
    assert (on_capture["claimants"], on_capture["status"]) == (["Free Syrian Army"], "claimed")
    before = answer("Tal Rifaat", "--on", "2024-11-20")
    assert (before["holder"], before["until"]) == ("QSD: Syrian Democratic Forces", "2024-12-01")
    text = run("control", "Tal Rifaat", "--db", store_path)
    assert "JWS: Syrian National Army since 2024-12-01, from QSD: Syrian Democratic Forces" in text.stdout
    unknown = run("control", "Nowhere", "--db", store_path)
    assert unknown.exit_code == 0 and "no report says who held it" in unknown.stdout


def test_figures_lists_period_area_and_claimant(run: Run, store_path: Path) -> None:
    [figure] = lines(run("figures", "--db", store_path, "--json"))
    assert (figure["kind"], figure["value"], figure["period_end"]) == ("displaced", 48500, "2024-11-30")
    assert figure["area"] == ["Idlib", "northern Aleppo"] and figure["claimant"] == "OCHA"
    table = run("figures", "--db", store_path)
    assert "as of 2024-11-30" in table.stdout and "more than 48,500" in table.stdout


def test_actors_show_gives_aliases_and_relations(run: Run, store_path: Path) -> None:
    about = json.loads(run("actors", "show", "FSA", "--db", store_path, "--json").stdout)
    assert about["acled_name"] == "JWS: Syrian National Army"
    assert "Free Syrian Army" in about["aliases"]
    assert [(r["subject"], r["kind"]) for r in about["relations"]] == [("Government of Turkey", "supports")]
    text = run("actors", "show", "HTS", "--db", store_path).stdout
    assert "not supports" in text and "Matthew Miller" in text
    turkey = json.loads(run("actors", "show", "Turkey", "--db", store_path, "--json").stdout)
    assert turkey["name"] == "Government of Turkey" and len(turkey["relations"]) == 1


def test_bad_input_is_named_without_a_traceback(run: Run, store_path: Path, tmp_path: Path) -> None:
    missing = run("changes", "--since", "2024-01-01", "--db", tmp_path / "absent.db")
    assert missing.exit_code == 1 and "no database at" in missing.stderr
    bad_day = run("changes", "--since", "last week", "--db", store_path)
    assert bad_day.exit_code == 2 and "--since wants a day" in bad_day.stderr
    nobody = run("actors", "show", "Nobody At All", "--db", store_path)
    assert nobody.exit_code == 1 and "no actor 'Nobody At All'" in nobody.stderr
    assert not (tmp_path / "absent.db").exists()
