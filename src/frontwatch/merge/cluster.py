"""Which coded events tell the same real-world event, and how they are grouped.

Reports of one event disagree in small ways: one says "Thursday evening", the next "Friday"; one
names the camp, the other the town; one blames "gunmen", the other names the group. The rules
below accept those disagreements and nothing more: a different place or province, a different
named actor pair, a date two days apart, or two calendar days each stated outright keeps events
apart, because ACLED's unit of an event is one place, one day and one actor pair. Each rule is a
small function so that a wrong merge can be traced to the rule that allowed it.

Grouping is complete-linkage: two groups join only when every pair across them is the same event,
so a vague member ("Beirut") cannot chain two precise ones ("Basta", "Haret Hreik") together.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, timedelta
from types import MappingProxyType

from frontwatch.geo.fold import fold_name
from frontwatch.models import Event

Published = Mapping[str, date | None]
"""Report id -> the day the report was published: the order in which an event was told."""

UNPUBLISHED: Published = MappingProxyType({})
"""No publication days known: events are then ordered by their own fields only."""

MAX_DAYS_APART = 1
"""Reports of one event disagree by a day at most (evening vs next day, time zones, "overnight")."""

UNDATED_WITHIN_DAYS = 1
"""An account its report gives no day for happened at most this many days before publication."""

MAX_KM_APART = 10.0
"""A site or place near a town is at most this far from the town's point."""

SAME_POINT_KM = 1.0
"""Two town-level points this close are one gazetteer entry (or its duplicate) spelled two ways."""

MIN_CONTAINED_KEY = 4
"""A folded name shorter than this is too short to count as contained in another ("As" in "Aleppo")."""

COARSE_PRECISION = 3
"""ACLED geo precision of an event placed only at its province or country."""

DEMONSTRATIONS = frozenset({"Protests", "Riots"})

_ACRONYM_PREFIX = re.compile(r"^\s*[A-Z][A-Za-z0-9-]{1,9}\s*:\s*")
_YEAR_SPAN = re.compile(r"\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def actor_key(name: str | None) -> str:
    """A comparison key for an actor name, blank for no actor.

    Coders write the same actor as "RSF: Rapid Support Forces" or "Rapid Support Forces", and the
    same army as "Military Forces of Sudan (2019-)" or without the period; the acronym prefix and
    the year span carry no identity of their own, so both are dropped.
    """
    if not name:
        return ""
    name = _YEAR_SPAN.sub(" ", _ACRONYM_PREFIX.sub("", name))
    return _NON_WORD.sub(" ", name.lower()).strip()


def is_named(name: str | None) -> bool:
    """True for an identified actor; "Unidentified Armed Group (X)" or no actor says nothing."""
    key = actor_key(name)
    return bool(key) and not key.startswith("unidentified")


def named_actors(event: Event) -> frozenset[str]:
    """The keys of the event's identified primary actors (actor1, actor2)."""
    return frozenset(actor_key(name) for name in (event.actor1, event.actor2) if is_named(name))


def share_report(a: Event, b: Event) -> bool:
    """Events of one report were split by its coder for a reason, so they are never merged."""
    return not set(a.report_ids).isdisjoint(b.report_ids)


def countries_agree(a: Event, b: Event) -> bool:
    """Different countries are different events; an unknown country does not contradict."""
    return not (a.country and b.country) or a.country.casefold() == b.country.casefold()


def date_span(event: Event) -> tuple[date, date] | None:
    """The first and last day the event covers, or None when it is undated."""
    if event.event_date is None:
        return None
    return event.event_date, max(event.event_date, event.date_end or event.event_date)


def told_span(event: Event, published: Published) -> tuple[date, date] | None:
    """The days an event can have happened on: its own dates; for an account its report left
    undated ("08:10 - An Israeli strike flattened a building"), the day the report was published
    and the day before, since news tells what just happened. None when neither is known."""
    span = date_span(event)
    if span is not None:
        return span
    told = published.get(event.report_id)
    return (told - timedelta(days=UNDATED_WITHIN_DAYS), told) if told else None


def days_apart(a: Event, b: Event, published: Published = UNPUBLISHED) -> int | None:
    """Days between the two events' spans (0 when they overlap); None when either is undated
    (and, with `published`, its report's day is not known either)."""
    span_a, span_b = told_span(a, published), told_span(b, published)
    if span_a is None or span_b is None:
        return None
    return max(0, (span_b[0] - span_a[1]).days, (span_a[0] - span_b[1]).days)


def distance_km(a: Event, b: Event) -> float | None:
    """Great-circle distance between the events' points, None when either has no coordinates."""
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat, dlon = lat2 - lat1, math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def admin1_conflicts(a: Event, b: Event) -> bool:
    """Both events name a province and the provinces differ: a shared name is then two places."""
    return bool(a.admin1 and b.admin1) and fold_name(a.admin1 or "") != fold_name(b.admin1 or "")


def names_agree(a: Event, b: Event) -> bool:
    """Folded place names equal, or one inside the other ("Abu Shouk" in "Abu Shouk camp").

    Containment needs both events placed below province level: "Sudan" inside "Port Sudan" is
    not the same place, and a province-level event matches a town only by `coarse_place_agrees`.
    """
    key_a, key_b = fold_name(a.location or ""), fold_name(b.location or "")
    if not key_a or not key_b:
        return False
    if key_a == key_b:
        return True
    if COARSE_PRECISION in (a.geo_precision, b.geo_precision):
        return False
    return min(len(key_a), len(key_b)) >= MIN_CONTAINED_KEY and (key_a in key_b or key_b in key_a)


def points_agree(a: Event, b: Event) -> bool:
    """Coordinates that place both events at one spot, though the names differ.

    A precision-2 point may be the containing area's point (the coder falls back to it for a name
    the gazetteer lacks), so two precision-2 points agreeing only says both lie in one area. Hence:
    a town (precision 1) and a site or place near it (precision 2) within MAX_KM_APART are one
    place; two towns are one place only on the same gazetteer point (another spelling of it);
    province- or country-level points (precision 3) are centroids and say nothing.
    """
    precisions = {a.geo_precision, b.geo_precision}
    if 1 not in precisions or not precisions <= {1, 2}:
        return False
    km = distance_km(a, b)
    return km is not None and km <= (SAME_POINT_KM if precisions == {1} else MAX_KM_APART)


def coarse_place_agrees(a: Event, b: Event) -> bool:
    """One event is only placed at province/country level and both name the same province.

    This is weak evidence (a province holds many places), so callers also require strong
    agreement on the rest.
    """
    if COARSE_PRECISION not in (a.geo_precision, b.geo_precision):
        return False
    return bool(a.admin1 and b.admin1) and fold_name(a.admin1 or "") == fold_name(b.admin1 or "")


def shares_named_actor(a: Event, b: Event) -> bool:
    """Actor1 of one event is an identified actor1 or actor2 of the other."""
    return actor_key(a.actor1) in named_actors(b) or actor_key(b.actor1) in named_actors(a)


def types_compatible(a: Event, b: Event) -> bool:
    """The same event type, a protest and a riot, or a battle and a strike by the same parties (a
    strike during a battle).

    Reports of a clash often single out the shelling or the drone strike in it; ACLED codes the
    whole as Battles. Any other pair of types describes different events.
    """
    if a.event_type == b.event_type:
        return True
    pair = {a.event_type, b.event_type}
    if pair == DEMONSTRATIONS:
        return True  # one crowd: a protest met with tear gas to one report, a riot to the next
    return pair == {"Battles", "Explosions/Remote violence"} and shares_named_actor(a, b)


def _side_key(name: str | None) -> str:
    """An actor's key as one side of a pair: "Rioters (Kenya)" and "Protesters (Kenya)" are one
    crowd, named by what one report saw it do."""
    key = actor_key(name)
    return "protesters" + key.removeprefix("rioters") if key.startswith("rioters") else key


def _sides_agree(x: str | None, y: str | None) -> bool:
    """One side of an actor pair: equal keys, or one report does not know who it was."""
    return not is_named(x) or not is_named(y) or _side_key(x) == _side_key(y)


def _same_named(x: str | None, y: str | None) -> bool:
    """Both sides name the same identified actor."""
    return is_named(x) and _side_key(x) == _side_key(y)


def actors_compatible(a: Event, b: Event) -> bool:
    """The actor pairs can be one pair, with unknown sides left open.

    "Israel vs civilians" and "Israel vs Hezbollah" conflict (another actor pair, another event);
    "Israel vs civilians" and "unidentified vs civilians" do not. Reports disagree on who attacked
    whom, so a reversed pair also matches, but only when an actor named on one side of one event
    is named on the other side of the other: two different actor1s with no actor2 stay apart.
    Demonstrations match on their crowd alone.
    """
    if {a.event_type, b.event_type} <= DEMONSTRATIONS:
        # the crowd is the event; its counterpart is whoever each report saw it face (police
        # firing tear gas, the embassy it stormed, UN vehicles it burned)
        return _sides_agree(a.actor1, b.actor1)
    straight = _sides_agree(a.actor1, b.actor1) and _sides_agree(a.actor2, b.actor2)
    crossed = _sides_agree(a.actor1, b.actor2) and _sides_agree(a.actor2, b.actor1)
    reversed_named = _same_named(a.actor1, b.actor2) or _same_named(a.actor2, b.actor1)
    return straight or (crossed and reversed_named)


def agree_strongly(a: Event, b: Event) -> bool:
    """Same sub-event type and a shared identified actor: enough to outweigh a vague date or place."""
    return a.sub_event_type == b.sub_event_type and shares_named_actor(a, b)


def states_its_date(event: Event) -> bool:
    """The event's evidence writes its calendar day out ("On 28 April 2020", "May 6", "2020-04-28").

    The one-day tolerance exists for days resolved from "Thursday evening", "overnight" or
    "yesterday"; two accounts that each state a different calendar day outright are about
    different days (the same village shelled on two consecutive days is two events).
    """
    day = event.event_date
    if day is None:
        return False
    month = rf"(?:{day.strftime('%B')}|{day.strftime('%b')})\.?"
    number = rf"0?{day.day}(?:st|nd|rd|th)?"
    written = re.compile(rf"\b(?:{number}\s+(?:of\s+)?{month}|{month}\s+{number})\b", re.IGNORECASE)
    return any(written.search(text) or day.isoformat() in text for text in event.evidence)


def dates_compatible(a: Event, b: Event, published: Published = UNPUBLISHED) -> bool | None:
    """True when the dates fit one event, False when they do not, None when either is undated."""
    gap = days_apart(a, b, published)
    if gap is None:
        return None
    if gap == 0:
        return True
    return gap <= MAX_DAYS_APART and not (states_its_date(a) and states_its_date(b))


def same_event(a: Event, b: Event, published: Published = UNPUBLISHED) -> bool:
    """Whether two events from different reports describe one real-world event."""
    if share_report(a, b) or not countries_agree(a, b) or admin1_conflicts(a, b):
        return False
    dated = dates_compatible(a, b, published)
    if dated is False:
        return False
    if not types_compatible(a, b) or not actors_compatible(a, b):
        return False
    strong = agree_strongly(a, b)
    if dated is None and not strong:
        return False
    if names_agree(a, b) or points_agree(a, b):
        return True
    return strong and coarse_place_agrees(a, b)


def pair_score(a: Event, b: Event, published: Published = UNPUBLISHED) -> int:
    """How closely two mergeable events agree; the closest pairs are joined first.

    When one event could join either of two events of the same report, the better match wins.
    """
    score = 2 * (a.sub_event_type == b.sub_event_type) + 2 * names_agree(a, b) + points_agree(a, b)
    score += days_apart(a, b, published) == 0
    return score + len(named_actors(a) & named_actors(b))


def order_key(
    event: Event, published: Published = UNPUBLISHED
) -> tuple[bool, date, bool, date, str, str, str]:
    """A total order on events that does not depend on input order: first told, then date, report,
    id, content.

    The first member of a group gives the merged event its id and its tie-breaks, so the key must be
    a property of the event (and of its report's publication day) alone. Publication comes first
    because news arrives in that order: a report published after an event was first told joins it
    without changing its id, while the id still never depends on the order reports were ingested in.
    """
    told = published.get(event.report_id)
    record = json.dumps(event.to_record(), sort_keys=True, ensure_ascii=False)
    return (
        told is None,
        told or date.max,
        event.event_date is None,
        event.event_date or date.max,
        event.report_id,
        event.event_id,
        record,
    )


def candidate_pairs(ordered: Sequence[Event]) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) whose dates could be close enough; blocking keeps this near-linear.

    Dated events are swept in start order and compared only while the next start is within
    MAX_DAYS_APART of the current span's end; undated events are compared with everything.
    """
    spans = {i: span for i, e in enumerate(ordered) if (span := date_span(e)) is not None}
    dated = sorted(spans, key=lambda i: spans[i][0])
    undated = [i for i in range(len(ordered)) if i not in spans]
    window = timedelta(days=MAX_DAYS_APART)
    for position, i in enumerate(dated):
        for j in dated[position + 1 :]:
            if spans[j][0] > spans[i][1] + window:
                break
            yield min(i, j), max(i, j)
        for j in undated:
            yield min(i, j), max(i, j)
    for position, i in enumerate(undated):
        for j in undated[position + 1 :]:
            yield i, j


def group_events(events: Sequence[Event], published: Published = UNPUBLISHED) -> list[list[Event]]:
    """Group events that tell the same real-world event; each group is in `order_key` order.

    Same-event pairs are joined best first (by `pair_score`, then order), and two groups join only
    when every pair across them is the same event (so no report ever appears twice). Every step
    depends on the events alone, so any input order gives the same groups; and events that no
    chain of same-event pairs connects never affect each other's groups, which is what lets the
    store regroup only the part of its events a new report touches.
    """
    ordered = sorted(events, key=lambda event: order_key(event, published))
    links = {(i, j) for i, j in candidate_pairs(ordered) if same_event(ordered[i], ordered[j], published)}
    groups: dict[int, list[int]] = {i: [i] for i in range(len(ordered))}
    group_of = list(range(len(ordered)))
    scores = {(i, j): pair_score(ordered[i], ordered[j], published) for i, j in links}
    for i, j in sorted(links, key=lambda pair: (-scores[pair], pair)):
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        if not all((min(x, y), max(x, y)) in links for x in groups[gi] for y in groups[gj]):
            continue
        keep, gone = min(gi, gj), max(gi, gj)
        groups[keep] = sorted(groups[keep] + groups.pop(gone))
        for member in groups[keep]:
            group_of[member] = keep
    return [[ordered[i] for i in members] for _, members in sorted(groups.items())]
