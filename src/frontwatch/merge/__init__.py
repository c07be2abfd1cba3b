"""Merging events that several reports tell into one event per real-world event.

`group_events` decides which coded events are the same event (pairwise rules in `merge.cluster`);
`combine` builds the merged event from them (`merge.combine`) and grades it (`merge.grading`).
Merging is a pure function of the set of events and their reports' publication days: no state is
kept between calls, and input order does not change the result. The store relies on that to merge
each new report into what it holds (`store.merging`) and still end where a batch merge would.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from frontwatch.merge.cluster import UNPUBLISHED, Published, group_events
from frontwatch.merge.combine import combine
from frontwatch.models import Event

__all__ = ["Published", "listing_key", "merge_events"]


def listing_key(event: Event) -> tuple[bool, date, str]:
    """The order events are listed in, here and by the store: by date (undated last), then id."""
    return event.event_date is None, event.event_date or date.max, event.event_id


def merge_events(events: Sequence[Event], published: Published = UNPUBLISHED) -> list[Event]:
    """One event per real-world event, in `listing_key` order.

    Events coded from different reports that describe the same event (same country, dates a day
    apart at most, the same place, compatible types and actors) become one event carrying every
    report, source, claim and piece of evidence; events of one report are never merged together.
    `published` (report id -> publication day) decides which account names the event and lets a
    later, fuller death toll revise an earlier one. The input events are not modified.
    """
    return sorted((combine(group, published) for group in group_events(events, published)), key=listing_key)
