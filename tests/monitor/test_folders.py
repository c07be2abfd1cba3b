"""Folders receiving report files: new files coded, changed ones re-coded, known ones skipped."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from newsroom import (
    GEZIRA_ATTACK,
    MARIB_CLASHES,
    MARKET_STRIKE,
    MARKET_STRIKE_UPDATED,
    SARAQIB_DRONE,
    SARMIN_SHELLING,
    Clock,
    WatcherFactory,
    article,
)

from frontwatch.monitor import SourceKind, SourceSpec
from frontwatch.monitor.state import Tally
from frontwatch.monitor.watcher import utc_now

INTERVAL = 10.0


def folder_spec(path: Path) -> SourceSpec:
    return SourceSpec(SourceKind.FOLDER, str(path), INTERVAL)


def jsonl(*records: dict[str, str]) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


def test_a_folder_receiving_files(tmp_path: Path, make_watcher: WatcherFactory, clock: Clock) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "market.txt").write_text(MARKET_STRIKE, encoding="utf-8")
    watcher = make_watcher(folder_spec(inbox))

    [first] = watcher.poll_round()
    assert first.tally == Tally(coded=1)
    [strike] = watcher.store.events()
    assert (strike["location"], strike["fatalities"]) == ("Maarat al-Numan", 9)

    # New files of every kind, a hidden one (an editor's), and one with no words in it.
    (inbox / "sarmin.md").write_text("# Shelling in Sarmin\n\n" + SARMIN_SHELLING, encoding="utf-8")
    (inbox / "gezira.html").write_text(article("Village attack in Gezira", GEZIRA_ATTACK), encoding="utf-8")
    (inbox / ".draft.txt").write_text(MARIB_CLASHES, encoding="utf-8")
    (inbox / "empty.txt").write_text("   \n", encoding="utf-8")
    clock.advance(INTERVAL)
    [second] = watcher.poll_round()
    assert second.tally == Tally(coded=2)
    assert second.rejected == 1
    assert watcher.store.report_count() == 3
    assert sorted(e["fatalities"] for e in watcher.store.events()) == [3, 9, 35]

    # One file rewritten with new text, one only touched: the first is re-coded, the second not.
    (inbox / "market.txt").write_text(MARKET_STRIKE_UPDATED, encoding="utf-8")
    sarmin = inbox / "sarmin.md"
    os.utime(sarmin, ns=(sarmin.stat().st_atime_ns, sarmin.stat().st_mtime_ns + 5_000_000_000))
    clock.advance(INTERVAL)
    [third] = watcher.poll_round()
    assert third.tally == Tally(updated=1, skipped=1)
    assert watcher.store.report_count() == 3 and watcher.store.event_count() == 3
    [strike] = watcher.store.events(q="Maarat")
    assert strike["fatalities"] == 14

    # Nothing changed: no file is even read.
    clock.advance(INTERVAL)
    [quiet] = watcher.poll_round()
    assert quiet.tally == Tally() and quiet.rejected == 0


def test_jsonl_files_offer_each_line_and_an_appended_line_is_the_only_new_one(
    tmp_path: Path, make_watcher: WatcherFactory, clock: Clock
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    batch = inbox / "scrape.jsonl"
    lines = jsonl({"id": "gz-1", "text": GEZIRA_ATTACK, "published": "2025-03-12"},
                  {"id": "mb-1", "text": MARIB_CLASHES, "published": "2025-03-10"})
    batch.write_text(lines, encoding="utf-8")
    watcher = make_watcher(folder_spec(inbox))
    [first] = watcher.poll_round()
    assert first.tally == Tally(coded=2)

    with batch.open("a", encoding="utf-8") as handle:
        handle.write(jsonl({"id": "sq-1", "text": SARAQIB_DRONE, "published": "2025-03-14"}))
        handle.write("{not json\n")
    clock.advance(INTERVAL)
    [second] = watcher.poll_round()
    assert second.tally == Tally(coded=1, skipped=2)
    assert second.rejected == 1
    assert watcher.store.report_count() == 3
    assert [e["location"] for e in watcher.store.events(report_id="sq-1")] == ["Saraqib"]


def test_a_copy_of_a_known_file_is_not_coded_again(
    tmp_path: Path, make_watcher: WatcherFactory, clock: Clock
) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "2025").mkdir(parents=True)
    (inbox / "sarmin.txt").write_text(SARMIN_SHELLING, encoding="utf-8")
    (inbox / "2025" / "sarmin-copy.txt").write_text(SARMIN_SHELLING + "\n", encoding="utf-8")
    watcher = make_watcher(folder_spec(inbox))
    [result] = watcher.poll_round()
    assert result.tally == Tally(coded=1, skipped=1)
    assert watcher.store.report_count() == 1 and watcher.store.event_count() == 1


def test_a_missing_folder_is_an_error_not_a_crash(
    tmp_path: Path, make_watcher: WatcherFactory, clock: Clock
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    watcher = make_watcher(folder_spec(inbox))
    inbox.rmdir()
    [result] = watcher.poll_round()
    assert result.error == "folder not found"
    inbox.mkdir()
    (inbox / "sarmin.txt").write_text(SARMIN_SHELLING, encoding="utf-8")
    clock.advance(3600)
    [recovered] = watcher.poll_round()
    assert recovered.error is None and recovered.tally == Tally(coded=1)


def test_a_running_watcher_hears_of_new_files_and_stops_cleanly(
    tmp_path: Path, make_watcher: WatcherFactory
) -> None:
    """A bounded run on the real clock: the folder's interval is an hour, so only watchfiles can
    make the watcher read the new file in time; stop(), from another thread, then ends the run.
    The run keeps the main thread, where the shared coder was loaded."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    watcher = make_watcher(SourceSpec(SourceKind.FOLDER, str(inbox), 3600.0))
    watcher.clock = utc_now
    seen: list[int] = []

    def drop_a_file_then_stop() -> None:
        try:
            _wait_for(lambda: watcher.state.statuses()[0].last_poll is not None)
            (inbox / "saraqib.txt").write_text(SARAQIB_DRONE, encoding="utf-8")
            _wait_for(lambda: watcher.store.report_count() == 1)
            seen.append(watcher.store.report_count())
        finally:
            watcher.stop()

    helper = threading.Thread(target=drop_a_file_then_stop)
    helper.start()
    watcher.run()  # returns once the helper has seen the report coded and called stop()
    helper.join()
    assert seen == [1]
    assert [e["location"] for e in watcher.store.events()] == ["Saraqib"]


def _wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
