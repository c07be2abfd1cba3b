"""The figures the hold-up tests measure (fuzz cases run, kills survived, writes under load,
throughput, latency): kept in the pytest config's stash and printed at the end of the run, for
docs/reliability.md."""

from __future__ import annotations

from typing import Any

import pytest

FIGURES = pytest.StashKey[dict[str, Any]]()


class Figures:
    """The measured figures of one run, by name."""

    def __init__(self, store: dict[str, Any]) -> None:
        self._store = store

    def add(self, name: str, amount: int = 1) -> None:
        self._store[name] = self._store.get(name, 0) + amount

    def set(self, name: str, value: Any) -> None:
        self._store[name] = value
