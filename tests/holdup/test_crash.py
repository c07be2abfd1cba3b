"""Crash safety: `frontwatch extract --input BATCH --db FILE` killed with SIGKILL at random points,
then run again.

Each report is stored in a transaction of its own, and SQLite (WAL journal) either keeps a
committed transaction whole or never shows it. So after any kill: the file passes
`PRAGMA integrity_check`, every report committed before the kill is still there exactly as it was
committed, and running the same command again finishes the batch without storing anything twice:
the events end up exactly those of a run that was never interrupted.

The PostgreSQL store gets the same test when its test server is part of the suite.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import time
from datetime import date
from pathlib import Path
from typing import Any

from holdup_figures import Figures
from holdup_reports import short_reports, write_batch
from live_api import CLI

from frontwatch.models import Report
from frontwatch.nlp.pipeline import Coder
from frontwatch.store import Store

REPORTS = 120
SEED = 8


def test_a_killed_extract_loses_nothing_committed_and_a_rerun_completes_it(
    coder: Coder, figures: Figures, tmp_path: Path
) -> None:
    reports = short_reports(REPORTS)
    batch = write_batch(tmp_path / "batch.jsonl", reports)
    db = tmp_path / "events.db"
    rng = random.Random(SEED)
    # Three kills once some reports are committed, one at a moment that may fall in start-up.
    plan: list[int | float] = [*sorted(rng.sample(range(5, REPORTS - 10), 3)), rng.uniform(0.5, 8.0)]
    committed: dict[str, Any] = {"reports": {}, "accounts": {}}
    at_kills: list[int] = []
    for when in plan:
        if _run(batch, db, tmp_path / "events.jsonl", kill_at=when):
            at_kills.append(len(_state(db)["reports"]))
        state = _state(db)
        _assert_intact(committed, state)
        committed = state
    assert len(at_kills) >= 3, "the batch finished before the kills it was planned for"
    assert _run(batch, db, tmp_path / "events.jsonl", kill_at=None) is False
    final = _state(db)
    _assert_intact(committed, final)
    assert set(final["reports"]) == {report["id"] for report in reports}
    with Store(db) as store:
        events = store.events()
    assert len({event["event_id"] for event in events}) == len(events)
    assert events == _uninterrupted(coder, reports, tmp_path / "reference.db")
    figures.add("kills survived (SIGKILL during extract into SQLite)", len(at_kills))
    figures.set("reports committed at each kill (of 120)", at_kills)


def _run(batch: Path, db: Path, output: Path, kill_at: int | float | None) -> bool:
    """Run the extract; kill it once `kill_at` reports are stored (an int) or `kill_at` seconds
    have passed (a float). Returns whether it was killed before it finished."""
    process = subprocess.Popen([str(CLI), "extract", "--input", str(batch), "--db", str(db), "--output",
                                str(output)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    started = time.monotonic()
    try:
        while process.poll() is None:
            assert time.monotonic() - started < 300, "extract did not finish in 5 minutes"
            if kill_at is not None and (_stored_count(db) >= kill_at if isinstance(kill_at, int)
                                        else time.monotonic() - started >= kill_at):
                process.send_signal(signal.SIGKILL)
                process.wait()
                return True
            time.sleep(0.005)
        _, errors = process.communicate()
        assert process.returncode == 0, errors
        return False
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    except sqlite3.OperationalError:  # the tables are not made yet
        return 0


def _state(db: Path) -> dict[str, Any]:
    """The file is whole, and what it holds: each report's row and each account a report gave."""
    if not db.exists():
        return {"reports": {}, "accounts": {}}
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        try:
            reports = {row[0]: row for row in conn.execute("SELECT * FROM reports")}
            accounts = {row[0]: row for row in conn.execute("SELECT account_id, report_id, record "
                                                            "FROM accounts")}
        except sqlite3.OperationalError:  # killed before the tables were made
            return {"reports": {}, "accounts": {}}
    return {"reports": reports, "accounts": accounts}


def _assert_intact(before: dict[str, Any], after: dict[str, Any]) -> None:
    """Every report and account committed before is still there, unchanged."""
    for table in ("reports", "accounts"):
        missing = set(before[table]) - set(after[table])
        assert not missing, (table, sorted(missing)[:5])
        changed = [key for key, row in before[table].items() if after[table][key] != row]
        assert not changed, (table, changed[:5])


def _uninterrupted(coder: Coder, reports: list[dict[str, Any]], db: Path) -> list[dict[str, Any]]:
    """The events of the same batch stored in one go, never killed."""
    batch = [Report(text=r["text"], id=r["id"], published=date.fromisoformat(r["published"]),
                    source=r["source"]) for r in reports]
    with Store(db) as store:
        for coded in coder.code_many(batch):
            store.save(coded)
        return store.events()
