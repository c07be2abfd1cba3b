"""Building one event from the events that several reports coded for it.

Each field takes the member that knows it best (the most precise place, the best-dated day, the
most named actors) instead of an average, so every value in the merged event was said by some
report. Members arrive in `order_key` order, and every tie goes to the earlier member, which makes
the result independent of input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from frontwatch.merge.cluster import UNPUBLISHED, Published, date_span, is_named
from frontwatch.merge.grading import grade
from frontwatch.models import ClaimKind, Event

TYPE_PRECEDENCE: tuple[str, ...] = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Riots",
    "Protests",
    "Strategic developments",
)
"""When members disagree on the type, the earlier wins: ACLED codes a strike inside a clash as
Battles, and a demonstration that turned violent as Riots."""

CATCH_ALL_SUB_EVENTS = frozenset({"Armed clash", "Attack", "Peaceful protest", "Other"})
"""Sub-event types a coder falls back to when the report says nothing more specific; any other
sub-event type of the same event type says more ("Government regains territory" over a clash)."""

_UNPLACED = 99  # ranks an event without geo precision after every placed one


def ordered_union(lists: Iterable[Sequence[str]]) -> list[str]:
    """Items of all lists, first occurrence first, each once."""
    return list(dict.fromkeys(item for items in lists for item in items))


def most_precise_place(members: Sequence[Event]) -> Event:
    """The member placed most precisely (lowest geo_precision); ties go to the earlier member."""
    return min(members, key=lambda e: e.geo_precision if e.geo_precision is not None else _UNPLACED)


def merged_dates(members: Sequence[Event]) -> tuple[date | None, date | None, int]:
    """Start, end and time precision of the merged event.

    Only members dated at the best time precision count: a month-level date must not move a
    day-level one. Among those the earliest start is kept, because reports that disagree by a day
    are usually the evening an event began and the next morning's account of it; the latest day
    they name becomes `date_end`, so the span still covers both accounts.
    """
    dated = [(e.time_precision, span) for e in members if (span := date_span(e)) is not None]
    if not dated:
        return None, None, members[0].time_precision
    best = min(precision for precision, _ in dated)
    start = min(first for precision, (first, _) in dated if precision == best)
    end = max(last for precision, (_, last) in dated if precision == best)
    return start, (end if end > start else None), best


def most_specific_type(members: Sequence[Event]) -> tuple[str, str]:
    """Event and sub-event type by ACLED's hierarchy: type by TYPE_PRECEDENCE, then a specific
    sub-event type over a catch-all one; ties go to the earlier member."""

    def rank(event: Event) -> tuple[int, bool]:
        kind = TYPE_PRECEDENCE.index(event.event_type) if event.event_type in TYPE_PRECEDENCE else 99
        return kind, event.sub_event_type in CATCH_ALL_SUB_EVENTS

    chosen = min(members, key=rank)
    return chosen.event_type, chosen.sub_event_type


def best_named_actors(members: Sequence[Event]) -> Event:
    """The member naming the most identified actors; its pair is kept whole (ties: earlier).

    Actors are taken as a pair, not side by side from different members, so that the merged
    event never pairs actors that no report put together.
    """
    return max(members, key=lambda e: sum(is_named(a) for a in (e.actor1, e.actor2)))


def report_figure(event: Event) -> int | None:
    """The largest death toll one report gives for the event (its latest, fullest count), if any.

    A report's own fatalities count only when it gave a figure: a killed claim (possibly
    "no one was killed") or a non-zero toll; a bare 0 means the report said nothing.
    """
    killed = [c.value for c in event.claims if c.kind == ClaimKind.KILLED]
    if not killed and event.fatalities <= 0:
        return None
    return max([event.fatalities, *killed])


def coded_toll(figures: Sequence[tuple[int, Event]], published: Published) -> tuple[int, Event]:
    """The toll ACLED codes from each report's figure: the lowest, revised upward by later days.

    Reports of the same day conflict, and ACLED codes the most conservative of them. A report
    published on a later day with a higher figure is a fuller count (the toll rose as bodies were
    recovered), so it replaces the earlier figure; a later, lower figure is a partial or stale one
    and does not. Reports with no known publication day count as told on the first day.
    """
    first = min((day for _, e in figures if (day := published.get(e.report_id)) is not None), default=None)
    by_day: dict[date | None, list[tuple[int, Event]]] = {}
    for figure, event in figures:
        by_day.setdefault(published.get(event.report_id) or first, []).append((figure, event))
    coded: tuple[int, Event] | None = None
    for day in sorted(by_day, key=lambda d: d or date.min):
        lowest = min(by_day[day], key=lambda pair: pair[0])
        if coded is None or lowest[0] > coded[0]:
            coded = lowest
    assert coded is not None  # figures is not empty
    return coded


def merged_fatalities(
    members: Sequence[Event], published: Published = UNPUBLISHED
) -> tuple[int, int, int, str | None]:
    """Fatalities, low, high and qualifier by ACLED's convention (see `coded_toll`).

    Each report's largest figure stands for that report. Low and high span every figure any
    report or claim gave, so the range across sources survives the choice of one figure.
    """
    figures = [(figure, e) for e in members if (figure := report_figure(e)) is not None]
    if not figures:
        return 0, 0, 0, None
    value, source = coded_toll(figures, published)
    killed = [c for e in members for c in e.claims if c.kind == ClaimKind.KILLED]
    lows = [e.fatalities_low for _, e in figures] + [c.low for c in killed]
    highs = [max(e.fatalities_high, e.fatalities) for _, e in figures] + [c.high for c in killed]
    return value, min(lows), max(highs), source.fatalities_qualifier


def merged_injured(members: Sequence[Event]) -> int | None:
    """The largest injured count: later, fuller counts of the wounded only grow."""
    counts = [e.injured for e in members if e.injured is not None]
    return max(counts) if counts else None


def combine(members: Sequence[Event], published: Published = UNPUBLISHED) -> Event:
    """One event from the members of a group (in `order_key` order); a single member is returned as is.

    The id and report_id are the first member's: the account of the earliest-published report, so
    an event keeps its id when a later report joins it (a report published earlier that arrives
    late takes the id over, the same id a batch of all the reports would have given).
    """
    first = members[0]
    if len(members) == 1:
        return replace(first, verification=grade(members, first))
    event_type, sub_event_type = most_specific_type(members)
    # the pair comes from a report that told the event as the type it is coded as: a riot's
    # rioters, not the protesters of a report that saw a protest
    typed = [member for member in members if member.event_type == event_type]
    place, actors = most_precise_place(members), best_named_actors(typed)
    start, end, time_precision = merged_dates(members)
    fatalities, low, high, qualifier = merged_fatalities(members, published)
    merged = replace(
        first,
        event_date=start,
        date_end=end,
        time_precision=time_precision,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=actors.actor1,
        assoc_actor_1=actors.assoc_actor_1,
        actor2=actors.actor2,
        assoc_actor_2=actors.assoc_actor_2,
        inter1=actors.inter1,
        inter2=actors.inter2,
        country=place.country or next((e.country for e in members if e.country), None),
        admin1=place.admin1,
        admin2=place.admin2,
        location=place.location,
        latitude=place.latitude,
        longitude=place.longitude,
        geo_precision=place.geo_precision,
        fatalities=fatalities,
        fatalities_low=low,
        fatalities_high=high,
        fatalities_qualifier=qualifier,
        injured=merged_injured(members),
        sources=ordered_union(e.sources for e in members),
        evidence=ordered_union(e.evidence for e in members),
        notes=" | ".join(dict.fromkeys(e.notes for e in members if e.notes)),
        claims=[claim for e in members for claim in e.claims],
        report_ids=sorted({r for e in members for r in e.report_ids}),
    )
    merged.verification = grade(members, merged)
    return merged
