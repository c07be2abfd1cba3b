"""Fixtures of the hold-up tests: the run's measured figures, printed in the terminal summary.

Hypothesis keeps caches of its own (constants, Unicode tables); they go to the repository's ignored
`.cache/`, like the gazetteer, not to a `.hypothesis/` in whatever directory the run started from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from holdup_figures import FIGURES, Figures
from hypothesis.configuration import set_hypothesis_home_dir

set_hypothesis_home_dir(Path(__file__).resolve().parents[2] / ".cache" / "hypothesis")


@pytest.fixture(scope="session")
def figures(request: pytest.FixtureRequest) -> Figures:
    return Figures(request.config.stash.setdefault(FIGURES, {}))


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    found = config.stash.get(FIGURES, {})
    if found:
        terminalreporter.section("hold-up figures (docs/reliability.md)")
        for name, value in sorted(found.items()):
            terminalreporter.write_line(f"{name}: {value}")
