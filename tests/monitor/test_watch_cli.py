"""`frontwatch watch` as a user (or cron) runs it: --once, --status, stdin, and a clean stop on a signal."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from newsroom import GEZIRA_ATTACK, MARIB_CLASHES, MARKET_STRIKE, SARMIN_SHELLING, NewsSite, article, rss
from typer.testing import CliRunner

from frontwatch.cli.app import app
from frontwatch.nlp.pipeline import Coder
from frontwatch.store import Store

FRONTWATCH = Path(sys.executable).with_name("frontwatch")


@pytest.fixture(scope="module")
def runner(coder: Coder) -> CliRunner:
    """In-process CLI; depends on the shared `coder` so the model and gazetteer are known to be there."""
    return CliRunner(env={"COLUMNS": "250"})


def test_once_codes_every_source_and_a_second_run_codes_nothing_new(
    runner: CliRunner, site: NewsSite, tmp_path: Path
) -> None:
    site.serve("/news/market", article("Airstrike on Maarat al-Numan market", MARKET_STRIKE))
    entries = [{"title": "Airstrike on Maarat al-Numan market", "link": site.url("/news/market"),
                "text": MARKET_STRIKE}]
    site.serve("/feed.xml", rss("Levant Desk", entries), "application/rss+xml")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "sarmin.txt").write_text(SARMIN_SHELLING, encoding="utf-8")
    db = tmp_path / "watch.db"
    stdin = "".join(json.dumps(r) + "\n" for r in (
        {"id": "gz-1", "text": GEZIRA_ATTACK, "published": "2025-03-12", "source": "Sudan Monitor"},
        {"id": "mb-1", "text": MARIB_CLASHES, "published": "2025-03-10"},
    ))
    args = ["watch", site.url("/feed.xml"), str(inbox), "-", "--once", "--db", str(db)]

    first = runner.invoke(app, args, input=stdin)
    assert first.exit_code == 0, first.output
    assert "1 new" in first.stderr and "2 new" in first.stderr
    with Store(db) as store:
        assert store.report_count() == 4
        events = store.event_count()

    second = runner.invoke(app, args, input=stdin)
    assert second.exit_code == 0, second.output
    with Store(db) as store:
        assert (store.report_count(), store.event_count()) == (4, events)

    listed = runner.invoke(app, ["watch", "--status", "--json", "--db", str(db)])
    assert listed.exit_code == 0, listed.output
    statuses = {s["source"]: s for s in map(json.loads, listed.stdout.splitlines())}
    assert set(statuses) == {site.url("/feed.xml"), str(inbox), "-"}
    assert [statuses[k]["coded"] for k in (site.url("/feed.xml"), str(inbox), "-")] == [1, 1, 2]
    assert statuses["-"]["skipped"] == 2  # the same lines, piped again
    assert all(s["last_error"] is None and s["last_poll"] for s in statuses.values())

    table = runner.invoke(app, ["watch", "--status", "--db", str(db)])
    assert table.exit_code == 0 and site.url("/feed.xml") in table.stdout and "3 source(s)" in table.stdout


def test_once_exits_non_zero_when_a_source_failed(runner: CliRunner, site: NewsSite, tmp_path: Path) -> None:
    site.fail("/feed.xml", 500)
    db = tmp_path / "watch.db"
    result = runner.invoke(app, ["watch", site.url("/feed.xml"), "--once", "--db", str(db)])
    assert result.exit_code == 1
    assert "HTTP 500" in result.stderr and "Traceback" not in result.output
    table = runner.invoke(app, ["watch", "--status", "--db", str(db)])
    assert "HTTP 500" in table.stdout


def test_user_mistakes_are_one_line_errors(runner: CliRunner, tmp_path: Path) -> None:
    nothing = runner.invoke(app, ["watch", "--once", "--db", str(tmp_path / "w.db")])
    assert nothing.exit_code == 1 and "nothing to watch" in nothing.stderr
    typo = runner.invoke(app, ["watch", "news.example.org/rss", "--db", str(tmp_path / "w.db")])
    assert typo.exit_code == 1 and "not a feed URL" in typo.stderr
    no_db = runner.invoke(app, ["watch", "--status", "--db", str(tmp_path / "none.db")])
    assert no_db.exit_code == 1 and "no database at" in no_db.stderr
    assert "Traceback" not in nothing.output + typo.output + no_db.output


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_stops_the_watcher_cleanly(coder: Coder, tmp_path: Path, signum: int) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "sarmin.txt").write_text(SARMIN_SHELLING, encoding="utf-8")
    db = tmp_path / "watch.db"
    process = subprocess.Popen([str(FRONTWATCH), "watch", str(inbox), "--db", str(db)],
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        _wait_for_a_poll(db, process)
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr
    assert "stopping after the report in hand" in stderr and "Traceback" not in stderr
    with Store(db) as store:
        assert store.report_count() == 1


def _wait_for_a_poll(db: Path, process: subprocess.Popen[str], timeout: float = 120.0) -> None:
    """Until the watcher in `process` has recorded a poll in `db` (it loads spaCy first)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[1]
        if db.exists():
            with sqlite3.connect(db) as conn:
                try:
                    if conn.execute("SELECT last_poll FROM watch_sources").fetchone() not in (None, (None,)):
                        return
                except sqlite3.OperationalError:  # tables not created yet
                    pass
        time.sleep(0.1)
    raise AssertionError("the watcher did not poll in time")
