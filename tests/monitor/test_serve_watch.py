"""`frontwatch serve --watch`: the watcher runs inside a live API server, and its status is served."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from live_api import live_server
from newsroom import SARAQIB_DRONE, SARMIN_SHELLING

from frontwatch.api import create_app
from frontwatch.monitor import SourceKind, SourceSpec, WatchConfig, WatchSettings
from frontwatch.nlp.pipeline import Coder


def test_the_server_codes_what_lands_in_a_watched_folder(coder: Coder, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "sarmin.txt").write_text(SARMIN_SHELLING, encoding="utf-8")
    # An hour between scans: the second file can only be seen in time through file events.
    config = WatchConfig(sources=(SourceSpec(SourceKind.FOLDER, str(inbox), 3600.0),),
                         settings=WatchSettings(host_delay=0))
    app = create_app(tmp_path / "served.db", watch=config)

    with live_server(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        _wait_for(lambda: client.get("/api/events").json()["total"] == 1)
        (inbox / "saraqib.txt").write_text(SARAQIB_DRONE, encoding="utf-8")
        _wait_for(lambda: client.get("/api/events").json()["total"] == 2)
        locations = {event["location"] for event in client.get("/api/events").json()["events"]}
        assert locations == {"Sarmin", "Saraqib"}
        status = client.get("/api/watch/status")
        assert status.status_code == 200
        body = status.json()
        assert body["watching"] is True
        [source] = body["sources"]
        assert (source["source"], source["kind"], source["coded"], source["last_error"]) == (
            str(inbox), "folder", 2, None)
    # Shutting the app down stopped its watcher.
    assert not any(thread.name == "frontwatch-watcher" for thread in threading.enumerate())


def test_a_server_without_a_watcher_reports_none(tmp_path: Path) -> None:
    with live_server(create_app(tmp_path / "served.db")) as base:
        body = httpx.get(f"{base}/api/watch/status", timeout=30).json()
    assert body == {"watching": False, "sources": []}


def _wait_for(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)
