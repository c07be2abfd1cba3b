"""Fixtures of the API tests: one real server per test module, over a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from live_api import TOKEN, live_server


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("api") / "events.db"


@pytest.fixture(scope="module")
def base_url(db_path: Path) -> Iterator[str]:
    """The module's server: a fresh database, writes open to `TOKEN`, a small body limit."""
    from frontwatch.api import create_app

    with live_server(create_app(db_path, token=TOKEN, max_report_bytes=200_000)) as url:
        yield url


@pytest.fixture(scope="module")
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=120) as http:
        yield http
