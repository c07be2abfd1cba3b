"""Merging events that several reports tell into one event per real-world event.

Until the Merge issue lands this keeps every event as coded; it is the single place where
cross-report merging will happen.
"""

from __future__ import annotations

from collections.abc import Sequence

from frontwatch.models import Event


def merge_events(events: Sequence[Event]) -> list[Event]:
    """Events in a stable order (by report, then as found); cross-report merging is issue "Merge"."""
    return list(events)
