"""Merging events that several reports tell into one event per real-world event.

`group_events` decides which coded events are the same event (pairwise rules in `merge.cluster`);
`combine` builds the merged event from them (`merge.combine`). Merging is a pure function of the
set of events: no state is kept between calls, and input order does not change the result.
"""

from __future__ import annotations

from collections.abc import Sequence

from frontwatch.merge.cluster import group_events
from frontwatch.merge.combine import combine
from frontwatch.models import Event

__all__ = ["merge_events"]


def merge_events(events: Sequence[Event]) -> list[Event]:
    """One event per real-world event, ordered by (date, report, id) of each group's earliest member.

    Events coded from different reports that describe the same event (same country, dates a day
    apart at most, the same place, compatible types and actors) become one event carrying every
    report, source, claim and piece of evidence; events of one report are never merged together.
    The input events are not modified.
    """
    return [combine(group) for group in group_events(events)]
