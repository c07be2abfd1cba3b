"""Crash safety: `frontwatch extract --input BATCH --db DATABASE` killed with SIGKILL at random points,
then run again, into SQLite and into PostgreSQL.

Each report is stored in a transaction of its own, and both back ends either keep a committed
transaction whole or never show it (SQLite through its WAL journal; PostgreSQL rolls back the
transaction of a client whose connection drops). So after any kill: every report committed before
the kill is still there exactly as it was committed (and a SQLite file passes
`PRAGMA integrity_check`), and running the same command again finishes the batch without storing
anything twice: the events end up exactly those of a run that was never interrupted.
"""

from __future__ import annotations

import random
import signal
import subprocess
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from holdup_figures import Figures
from holdup_reports import short_reports, write_batch
from live_api import CLI

from frontwatch.models import Report
from frontwatch.nlp.pipeline import Coder
from frontwatch.store import Store
from frontwatch.store.schema import accounts, reports

REPORTS = 120
SEED = 8


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, Any]], Path]:
    """The 120 batch records, and the batch file holding them."""
    records = short_reports(REPORTS)
    return records, write_batch(tmp_path_factory.mktemp("crash") / "batch.jsonl", records)


@pytest.fixture(scope="module")
def uninterrupted(coder: Coder, batch: tuple[list[dict[str, Any]], Path],
                  tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """The events of the same batch stored in one go, never killed (into SQLite: what both back ends
    must end up holding)."""
    records, _ = batch
    coded = coder.code_many([Report(text=r["text"], id=r["id"], published=date.fromisoformat(r["published"]),
                                    source=r["source"]) for r in records])
    with Store(tmp_path_factory.mktemp("reference") / "events.db") as store:
        for one in coded:
            store.save(one)
        return store.events()


def test_a_killed_extract_loses_nothing_committed_and_a_rerun_completes_it(
    batch: tuple[list[dict[str, Any]], Path], uninterrupted: list[dict[str, Any]], database: str,
    figures: Figures, tmp_path: Path
) -> None:
    records, batch_file = batch
    backend = "PostgreSQL" if "://" in database else "SQLite"
    rng = random.Random(SEED)
    # Three kills once some reports are committed, one at a moment that may fall in start-up.
    plan: list[int | float] = [*sorted(rng.sample(range(5, REPORTS - 10), 3)), rng.uniform(0.5, 8.0)]
    committed: dict[str, Any] = {"reports": {}, "accounts": {}}
    at_kills: list[int] = []
    for when in plan:
        if _run(batch_file, database, tmp_path / "events.jsonl", kill_at=when):
            at_kills.append(len(_state(database)["reports"]))
        state = _state(database)
        _assert_intact(committed, state)
        committed = state
    assert len(at_kills) >= 3, "the batch finished before the kills it was planned for"
    assert _run(batch_file, database, tmp_path / "events.jsonl", kill_at=None) is False
    final = _state(database)
    _assert_intact(committed, final)
    assert set(final["reports"]) == {record["id"] for record in records}
    with Store(database) as store:
        events = store.events()
    assert len({event["event_id"] for event in events}) == len(events)
    assert events == uninterrupted
    figures.add(f"kills survived (SIGKILL during extract into {backend})", len(at_kills))
    figures.set(f"reports committed at each kill into {backend} (of 120)", at_kills)


def _run(batch: Path, database: str, output: Path, kill_at: int | float | None) -> bool:
    """Run the extract; kill it once `kill_at` reports are stored (an int) or `kill_at` seconds
    have passed (a float). Returns whether it was killed before it finished."""
    process = subprocess.Popen([str(CLI), "extract", "--input", str(batch), "--db", database, "--output",
                                str(output)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    started = time.monotonic()
    stored = _StoredCount(database)
    try:
        while process.poll() is None:
            assert time.monotonic() - started < 300, "extract did not finish in 5 minutes"
            if kill_at is not None and (stored() >= kill_at if isinstance(kill_at, int)
                                        else time.monotonic() - started >= kill_at):
                process.send_signal(signal.SIGKILL)
                process.wait()
                return True
            time.sleep(0.005)
        _, errors = process.communicate()
        assert process.returncode == 0, errors
        return False
    finally:
        stored.close()
        if process.poll() is None:
            process.kill()
            process.wait()


def _engine(database: str, *, read_only: bool = False) -> sa.Engine | None:
    """An engine of the test's own on the database under test; None for a SQLite file not made yet
    (connecting would make it). `read_only` opens a SQLite file read-only, so that looking at it
    while extract runs never takes a lock that extract waits for."""
    if "://" in database:
        return sa.create_engine(database, poolclass=sa.pool.NullPool)
    if not Path(database).exists():
        return None
    url = f"sqlite:///file:{database}?mode=ro&uri=true" if read_only else f"sqlite:///{database}"
    return sa.create_engine(url, poolclass=sa.pool.NullPool, connect_args={"timeout": 5})


class _StoredCount:
    """The number of reports committed, looked up every few milliseconds while extract runs, through
    one connection kept open (a new PostgreSQL connection would start a server process each time)."""

    def __init__(self, database: str) -> None:
        self.database = database
        self.engine: sa.Engine | None = None
        self.connection: sa.Connection | None = None

    def __call__(self) -> int:
        if self.connection is None:
            self.engine = _engine(self.database, read_only=True)
            if self.engine is None:
                return 0
            self.connection = self.engine.connect()
        try:
            return self.connection.execute(sa.select(sa.func.count()).select_from(reports)).scalar_one()
        except sa.exc.DBAPIError:  # the tables are not made yet
            return 0
        finally:
            self.connection.rollback()  # no transaction held open between looks

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
        if self.engine is not None:
            self.engine.dispose()


def _state(database: str) -> dict[str, Any]:
    """The database is whole, and what it holds: each report's row and each account a report gave."""
    engine = _engine(database)
    if engine is None:
        return {"reports": {}, "accounts": {}}
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                assert conn.exec_driver_sql("PRAGMA integrity_check").fetchall() == [("ok",)]
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            try:
                stored = {row.id: tuple(row) for row in conn.execute(sa.select(reports))}
                told = {row.account_id: (row.report_id, row.record)
                        for row in conn.execute(sa.select(accounts))}
            except sa.exc.DBAPIError:  # killed before the tables were made
                return {"reports": {}, "accounts": {}}
    finally:
        engine.dispose()
    return {"reports": stored, "accounts": told}


def _assert_intact(before: dict[str, Any], after: dict[str, Any]) -> None:
    """Every report and account committed before is still there, unchanged."""
    for table in ("reports", "accounts"):
        missing = set(before[table]) - set(after[table])
        assert not missing, (table, sorted(missing)[:5])
        changed = [key for key, row in before[table].items() if after[table][key] != row]
        assert not changed, (table, changed[:5])
