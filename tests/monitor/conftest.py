"""Fixtures for the watcher's tests: the loopback news site, the clock, watchers over a real SQLite file."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from newsroom import Clock, NewsSite, WatcherFactory, handler

from frontwatch.monitor import SourceSpec, Watcher, WatchSettings, build_source
from frontwatch.store import Store

if TYPE_CHECKING:
    from frontwatch.nlp.pipeline import Coder


@pytest.fixture
def site() -> Iterator[NewsSite]:
    news = NewsSite()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler(news))
    news.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield news
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make_watcher(tmp_path: Path, coder: Coder, clock: Clock) -> Iterator[WatcherFactory]:
    """Watchers over one SQLite file in tmp_path (each with its own Store, as after a restart)."""
    opened: list[tuple[Watcher, Store]] = []

    def make(*specs: SourceSpec, db: Path | None = None) -> Watcher:
        store = Store(db or tmp_path / "watch.db")
        settings = WatchSettings(host_delay=0, timeout=5)
        watcher = Watcher([build_source(spec) for spec in specs], store, coder.code, settings=settings,
                          clock=clock, rng=random.Random(7))
        opened.append((watcher, store))
        return watcher

    yield make
    for watcher, store in opened:
        watcher.close()
        store.close()
