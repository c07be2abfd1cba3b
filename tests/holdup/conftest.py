"""Fixtures of the hold-up tests: the run's measured figures, printed in the terminal summary."""

from __future__ import annotations

from typing import Any

import pytest
from holdup_figures import FIGURES, Figures


@pytest.fixture(scope="session")
def figures(request: pytest.FixtureRequest) -> Figures:
    return Figures(request.config.stash.setdefault(FIGURES, {}))


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    found = config.stash.get(FIGURES, {})
    if found:
        terminalreporter.section("hold-up figures (docs/reliability.md)")
        for name, value in sorted(found.items()):
            terminalreporter.write_line(f"{name}: {value}")
