"""Find date expressions in report text and resolve them against the publication day.

One master regular expression holds every kind of expression as a named alternative, so an article
is scanned once, left to right, and matches never overlap. Where two kinds could start at the same
place, the order of `_KINDS` decides: longer and more specific readings come first ("Monday,
December 2" before "Monday", "between 26 and 28 November" before "26"). Each kind has a handler
that turns the match into a `DateSpan`, or into nothing when the match is not a date after all
("5-6 people", "next Monday").

Resolution rules (ACLED time precision: 1 day, 2 week or a few days, 3 month or vaguer):

* Explicit dates keep their year; a missing year is the latest one that puts the day on or before
  publication, or at most `YEAR_LESS_SLACK_DAYS` after it ("7 May" read on 6 May is this year's).
  Nothing else inferred from the publication day lands after it, and a span that contains the
  publication day ends on it ("this week" ends on publication, not on Sunday).
* "Monday" is the latest Monday on or before publication (the publication day itself if it is a
  Monday); "last Monday" is strictly before it.
* Ranges take precision 2 when they last at most seven days, else 3; "the night of 3 to 4 May" is
  one night, precision 1.
* A month ("in March 2023", "last month", "last November") starts on its first day with precision 3
  and ends on its last day; ACLED codes month-level events on a day inside the month, and the first
  is the choice that never depends on the report.
* "Around 5 March", "about", "(week of) 5 March" give precision 2; "(as reported)" is kept in the
  text but changes nothing, since it qualifies the source rather than the day.
* Numeric dates are read day first ("07/04/2022" is 7 April), as in the non-US press most conflict
  reporting comes from, unless the second number cannot be a month ("04/17/2022").
* Weeks run Monday to Sunday; weekends are Saturday and Sunday.
* Vague look-backs are guesses, kept in `tables.RECENT`: "in recent days" is the last three days and
  "recently" the last week (precision 2), "in recent weeks" three weeks (precision 3). "N days ago"
  is precision 1, "a few days ago" and "N weeks ago" 2, months and years ago 3.
* Forward-looking words ("next Monday", "tomorrow", "in the coming days") are consumed and dropped.
* History is returned, not hidden: "in 2020", "since 2011" and "eight years ago" come back with
  precision 3 so the caller can tell them from the event day. Durations ("for three days",
  "24-hour", "five-year-old") are not dates and never match.
* Without a publication day only self-contained dates resolve; relative ones are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from frontwatch.models import DateSpan
from frontwatch.timex.arith import (
    month_end,
    previous_month,
    recent_day_of_month,
    recent_month_day,
    recent_weekday,
    safe_date,
    shift_months,
    week_start,
)
from frontwatch.timex.patterns import (
    COUNT,
    DAY_NUMBER,
    DAY_ORDINAL,
    DAY_PART,
    DAY_PREFIX,
    MONTH,
    THIRD,
    WEEKDAY,
    YEAR,
    loose_day,
    word_tree,
)
from frontwatch.timex.tables import (
    CARDINALS,
    DAY_OFFSETS,
    MONTH_THIRDS,
    MONTHS,
    ORDINALS,
    RECENT,
    VAGUE_COUNTS,
    WEEKDAYS,
    YEAR_THIRDS,
    normalise,
)


@dataclass(frozen=True, slots=True)
class Timex:
    """A date expression found in a text: its character offsets, its words and what it resolves to.

    `relative` is True when the resolution leaned on the publication day (a weekday, "yesterday",
    a day without its year), so a caller can weigh it against a date the report spells out.
    """

    start: int
    end: int
    text: str
    span: DateSpan
    relative: bool


@dataclass(slots=True)
class _Match:
    """What a handler sees: the match's groups under its kind's prefix, and the reading context."""

    match: re.Match[str]
    prefix: str
    published: date | None
    anchored: bool  # a "since"/"as of" led the match, or the caller vouches that it is a date

    def __call__(self, name: str) -> str | None:
        return self.match.group(self.prefix + name)


_Resolved = tuple[DateSpan, bool]
_Handler = Callable[[_Match], _Resolved | None]

YEAR_LESS_SLACK_DAYS = 7
"""How far after publication a day named without its year ("on 7 May") may fall and still be this
year's. A report's date is often the day it was filed or collected, a little after the days it
tells; the alternative, the same day a year back, is never what a report means by a bare date."""

_QUALIFIER = r"(?:(?P<qual>since|as\s+of|until|till|up\s+to|from)\s+)?"
"""Words kept in a Timex's text because they change what its date means to the caller."""

_FOLLOWS_BARE_DAY = (
    r"(?=\s*(?:$|[,.;:!?)\]\"'”’—–]|\s(?:and|when|as|at|in|after|before|during|near|around|while|with"
    r"|by|or|but|on|amid|following)\b))"
)
"""What may follow "the 29th" for it to be a day rather than "the 29th Brigade" or "the 5th floor"."""

_APPROX = r"around|about|approximately|circa|c\.|\(week\s+of\)"


def _day(token: str) -> int:
    """A day number from "7", "07", "29th" or "twenty-ninth"."""
    digits = re.match(r"\d+", token)
    return int(digits.group()) if digits else ORDINALS[normalise(token)]


def _month(token: str) -> int:
    return MONTHS[normalise(token)]


def _count(token: str) -> tuple[int, bool]:
    """A count and whether it is exact ("three" is, "a few" is not)."""
    key = normalise(token)
    if key.isdigit():
        return int(key), True
    if key in VAGUE_COUNTS:
        return VAGUE_COUNTS[key], key in ("a", "an")
    return CARDINALS[key], True


def _on_or_recent(g: _Match, month: int, day: int, year: str | None) -> _Resolved | None:
    """A day with its year, or the latest such day on or before publication when the year is missing."""
    if year is not None:
        found = safe_date(int(year), month, day)
        return None if found is None else (DateSpan(found), False)
    if g.published is None:
        return None
    found = recent_month_day(g.published, month, day, YEAR_LESS_SLACK_DAYS)
    return None if found is None else (DateSpan(found), True)


# --- kinds: each is a pattern (a function of its group-name prefix) and a handler ---------------


def _future(p: str) -> str:
    return (
        rf"(?:next|coming|this\s+coming)\s+(?:{WEEKDAY}|week(?:end)?\b|month\b|year\b)"
        r"|tomorrow\b(?:\s+(?:morning|afternoon|evening|night)\b)?|(?:the\s+)?day\s+after\s+tomorrow\b"
        r"|later\s+this\s+(?:week|month|year)\b"
        rf"|(?:in|over|during|within)\s+the\s+(?:coming|next)\s+(?:{COUNT}\s+)?(?:hours?|days?|weeks?|months?)\b"
    )


def _resolve_future(g: _Match) -> None:
    """Forward-looking words are consumed so that "next Monday" never reads as last Monday."""
    return None


def _iso(p: str) -> str:
    return (
        rf"(?P<{p}y>(?:19|20)\d\d)-(?P<{p}m>0[1-9]|1[0-2])-(?P<{p}d>0[1-9]|[12]\d|3[01])(?!\d)"
        r"(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?"
    )


def _resolve_iso(g: _Match) -> _Resolved | None:
    found = safe_date(int(g("y") or 0), int(g("m") or 0), int(g("d") or 0))
    return None if found is None else (DateSpan(found), False)


def _numeric(p: str) -> str:
    return (
        rf"(?P<{p}a>\d{{1,2}})(?P<{p}sep>[/.])(?P<{p}b>\d{{1,2}})(?P={p}sep)"
        rf"(?P<{p}y>(?:19|20)\d\d|\d\d)(?!\d|[/.]\d)"
    )


def _resolve_numeric(g: _Match) -> _Resolved | None:
    """Day first ("07/04/2022" is 7 April) unless only month first is possible ("04/17/2022")."""
    first, second, year_text = int(g("a") or 0), int(g("b") or 0), g("y") or ""
    if len(year_text) == 2 and g("sep") == ".":
        return None  # "1.2.33" is a version or a figure, not a date
    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    day, month = (second, first) if second > 12 >= first else (first, second)
    found = safe_date(year, month, day)
    return None if found is None else (DateSpan(found), False)


def _range_of(g: _Match, first: str, second: str) -> _Resolved | None:
    """Resolve two `loose_day` ends: a missing month comes from the other end, a missing year from
    the other end or, failing that, from publication (the end is the latest such day on or before it,
    the start the latest such day on or before the end, so "28 December to 3 January" crosses years).
    Up to seven days is precision 2, longer precision 3.
    """
    day1, day2 = (
        _day(g(first + "d1") or g(first + "d2") or ""),
        _day(g(second + "d1") or g(second + "d2") or ""),
    )
    month1_text = g(first + "m1") or g(first + "m2")
    month2_text = g(second + "m1") or g(second + "m2") or month1_text
    if month2_text is None:
        return None  # "5-6 people", "between 20 and 30": figures, not days
    month2 = _month(month2_text)
    month1 = _month(month1_text) if month1_text else month2
    year1, year2 = g(first + "y"), g(second + "y")
    relative = False
    if year2 is None and year1 is not None:
        year2 = str(int(year1) + ((month2, day2) < (month1, day1)))
    if year2 is not None:
        end = safe_date(int(year2), month2, day2)
        start_year = int(year1) if year1 is not None else int(year2) - ((month1, day1) > (month2, day2))
        start = safe_date(start_year, month1, day1)
    elif g.published is not None:
        end = recent_month_day(g.published, month2, day2, YEAR_LESS_SLACK_DAYS)
        start = recent_month_day(end, month1, day1) if end is not None else None
        if start is not None and start > g.published:  # wholly after publication: a year back
            end = recent_month_day(g.published, month2, day2)
            start = recent_month_day(end, month1, day1) if end is not None else None
        relative = True
    else:
        return None
    if start is None or end is None or start > end:
        return None
    return DateSpan(start, end, 2 if (end - start).days <= 7 else 3), relative


def _night(p: str) -> str:
    return (
        rf"(?:the\s+)?night\s+(?:of|between)\s+(?:the\s+)?{loose_day(p + 'a')}"
        rf"\s*(?:to|and|into|[-–—/])\s*(?:the\s+)?{loose_day(p + 'b')}"
        rf"|(?:the\s+)?night\s+(?:of|between)\s+(?P<{p}w1>{WEEKDAY})\s+(?:to|and|into)\s+(?P<{p}w2>{WEEKDAY})"
    )


def _resolve_night(g: _Match) -> _Resolved | None:
    """ "The night of 3 to 4 May": the evening's day to the morning's day, one night (precision 1)."""
    if g("w1") is not None:
        return _weekday_range(g, precision=1)
    resolved = _range_of(g, "a", "b")
    if resolved is None:
        return None
    span, relative = resolved
    span.precision = 1 if span.end is not None and (span.end - span.start).days <= 1 else span.precision
    return span, relative


def _year_range(p: str) -> str:
    return (
        rf"between\s+(?P<{p}a>{YEAR})\s+and\s+(?P<{p}b>{YEAR})"
        rf"|(?P<{p}c>{YEAR})(?:\s*[-–—]\s*|\s+(?:to|until|through)\s+)(?P<{p}d>{YEAR}|\d\d\b)"
    )


def _resolve_year_range(g: _Match) -> _Resolved | None:
    first = int(g("a") or g("c") or 0)
    last_text = g("b") or g("d") or ""
    last = int(last_text) if len(last_text) == 4 else first // 100 * 100 + int(last_text)
    if last <= first:
        return None
    return DateSpan(date(first, 1, 1), date(last, 12, 31), 3), False


def _range(p: str) -> str:
    return (
        rf"between\s+(?:the\s+)?{loose_day(p + 'a')}\s+and\s+(?:the\s+)?{loose_day(p + 'b')}"
        rf"|{loose_day(p + 'c')}(?:\s*[-–—]\s*|\s+(?:to|until|till|through)\s+)"
        rf"(?:the\s+)?{loose_day(p + 'd')}"
        rf"|(?:between\s+)?(?P<{p}w1>{WEEKDAY})\s+(?:and|to|until|through|[-–])\s+(?P<{p}w2>{WEEKDAY})"
    )


def _resolve_range(g: _Match) -> _Resolved | None:
    if g("w1") is not None:
        return _weekday_range(g, precision=2)
    if g("ad1") is not None or g("ad2") is not None:
        return _range_of(g, "a", "b")
    return _range_of(g, "c", "d")


def _weekday_range(g: _Match, precision: int) -> _Resolved | None:
    """ "Friday to Sunday": the latest Sunday on or before publication and the Friday before it."""
    if g.published is None:
        return None
    first, last = WEEKDAYS[normalise(g("w1") or "")], WEEKDAYS[normalise(g("w2") or "")]
    end = recent_weekday(g.published, last)
    return DateSpan(end - timedelta(days=(last - first) % 7), end, precision), True


def _date(p: str) -> str:
    return (
        rf"(?:(?P<{p}approx>{_APPROX})\s+)?{DAY_PREFIX}?(?:{WEEKDAY},?\s+(?:the\s+)?)?"
        rf"(?:(?P<{p}d1>{DAY_NUMBER})\s+(?:of\s+)?(?P<{p}m1>{MONTH})"
        rf"|(?P<{p}m2>{MONTH})\s+(?:the\s+)?(?P<{p}d2>{DAY_NUMBER}))"
        rf"(?:,?\s+(?P<{p}y>{YEAR}))?(?:\s*\(as\s+reported\))?"
    )


def _resolve_date(g: _Match) -> _Resolved | None:
    resolved = _on_or_recent(g, _month(g("m1") or g("m2") or ""), _day(g("d1") or g("d2") or ""), g("y"))
    if resolved is not None and g("approx") is not None:
        resolved[0].precision = 2
    return resolved


def _nth(p: str) -> str:
    return (
        rf"(?P<{p}lead>on\s+)?the\s+(?P<{p}d>{DAY_ORDINAL})"
        rf"(?:\s+of\s+(?:(?P<{p}rel>this|last)\s+month\b|(?P<{p}m>{MONTH})(?:,?\s+(?P<{p}y>{YEAR}))?))?"
        rf"(?P<{p}ok>{_FOLLOWS_BARE_DAY})?"
    )


def _resolve_nth(g: _Match) -> _Resolved | None:
    """ "The 29th (of November)": a bare day needs "on" (or "since"...) before it to count in running text."""
    day = _day(g("d") or "")
    if g("m") is not None:
        return _on_or_recent(g, _month(g("m") or ""), day, g("y"))
    if g.published is None:
        return None
    if g("rel") is not None:
        year, month = g.published.year, g.published.month
        if normalise(g("rel") or "") == "last":
            year, month = previous_month(year, month)
        found = safe_date(year, month, day)
        return None if found is None or found > g.published else (DateSpan(found), True)
    if g("ok") is None or not (g("lead") or g.anchored):
        return None
    found = recent_day_of_month(g.published, day)
    return None if found is None else (DateSpan(found), True)


def _month_kind(p: str) -> str:
    return (
        rf"(?P<{p}lead>(?:in|during|throughout|of|(?P<{p}last>last))\s+)?(?:\(month\s+of\)\s+)?"
        rf"(?P<{p}third>{THIRD})?"
        rf"(?P<{p}m>{MONTH})(?:,?\s+(?P<{p}y>{YEAR})|(?!\s*\d))"
    )


def _month_bounds(year: int, month: int, third: str | None) -> tuple[date, date]:
    """A month, or the third of it a modifier names ("late November" is the 21st to the 30th)."""
    last = month_end(year, month)
    if third is None:
        return date(year, month, 1), last
    first_day, last_day = MONTH_THIRDS[_third_key(third)]
    return date(year, month, first_day), last if last_day is None else date(year, month, last_day)


def _third_key(third: str) -> str:
    """ "the end of" → "end", "mid-" → "mid"."""
    return normalise(re.sub(r"^the\s+|\s+of$|\s*-\s*$", "", third.strip(), flags=re.IGNORECASE))


def _resolve_month(g: _Match) -> _Resolved | None:
    """A month with its year is absolute; without one it is the latest such month up to publication
    ("last November": the latest one before the publication month)."""
    month, third, year = _month(g("m") or ""), g("third"), g("y")
    if year is not None:
        start, end = _month_bounds(int(year), month, third)
        return DateSpan(start, end, 3), False
    if g.published is None or not (g("lead") or third or g.anchored):
        return None  # "May" alone is too often the verb, even capitalised at a sentence start
    # "last November" read in November is a year back; "November" read then is this one
    year_back = month > g.published.month or (g("last") is not None and month == g.published.month)
    guess = g.published.year - year_back
    start, end = _month_bounds(guess, month, third)
    if start > g.published:
        start, end = _month_bounds(guess - 1, month, third)
    return DateSpan(start, end, 3), True


def _weekday(p: str) -> str:
    return (
        rf"(?:(?P<{p}mod>last|this\s+past|past|previous|this)\s+)?{DAY_PREFIX}?"
        rf"(?P<{p}wd>{WEEKDAY})(?:\s+{DAY_PART})?(?P<{p}lastweek>\s+(?:of\s+)?last\s+week\b)?"
    )


def _resolve_weekday(g: _Match) -> _Resolved | None:
    if g.published is None:
        return None
    weekday = WEEKDAYS[normalise(g("wd") or "")]
    if g("lastweek") is not None:  # "on Tuesday last week": that day of the calendar week before this one
        return DateSpan(week_start(g.published) - timedelta(days=7 - weekday)), True
    strict = g("mod") is not None and normalise(g("mod") or "") != "this"
    return DateSpan(recent_weekday(g.published, weekday, strict=strict)), True


def _deictic(p: str) -> str:
    # The day groups are named after the keys of DAY_OFFSETS, which says how far back each one is.
    return (
        rf"(?P<{p}before_yesterday>the\s+day\s+before\s+yesterday\b)"
        rf"|(?P<{p}yesterday>(?:(?:late|early)\s+)?yesterday\b(?:\s+(?:morning|afternoon|evening)\b)?"
        r"|(?:late\s+)?last\s+night\b)"
        rf"|(?P<{p}today>(?:(?:earlier|later|early|late)\s+)?today\b|tonight\b"
        r"|this\s+(?:morning|afternoon|evening)\b)"
        rf"|(?P<{p}overnight>overnight\b)"
    )


def _resolve_deictic(g: _Match) -> _Resolved | None:
    """ "Yesterday", "last night", "today"... and "overnight", the night that ends on publication."""
    if g.published is None:
        return None
    if g("overnight") is not None:
        return DateSpan(g.published - timedelta(days=1), g.published, 1), True
    offset = next(value for name, value in DAY_OFFSETS.items() if g(name) is not None)
    return DateSpan(g.published + timedelta(days=offset)), True


def _calendar(p: str) -> str:
    return (
        rf"(?:(?P<{p}pre>earlier|early|late|so\s+far)\s+)?(?P<{p}which>this|last)\s+"
        rf"(?P<{p}unit>week|weekend|month|year)\b"
        rf"|earlier\s+in\s+the\s+(?P<{p}inthe>week|month|year)\b"
        rf"|(?P<{p}weekend>(?:(?:over|at|during)\s+)?(?:the|this\s+past|past)\s+weekend\b)"
    )


def _resolve_calendar(g: _Match) -> _Resolved | None:
    """Calendar periods: this/last week (Monday to Sunday), weekend, month or year."""
    published = g.published
    if published is None:
        return None
    if g("weekend") is not None:
        saturday = recent_weekday(published, 5)
        return DateSpan(saturday, saturday + timedelta(days=1), 2), True
    unit = normalise(g("unit") or g("inthe") or "")
    last = normalise(g("which") or "") == "last"
    pre = normalise(g("pre") or "")
    third = pre if pre in ("early", "late") else None
    if unit == "week":
        start = week_start(published) - timedelta(days=7 * last)
        return DateSpan(start, start + timedelta(days=6), 2), True
    if unit == "weekend":
        if last:  # the latest weekend already over: on a Sunday, the one before
            sunday = recent_weekday(published, 6, strict=True)
            return DateSpan(sunday - timedelta(days=1), sunday, 2), True
        saturday = recent_weekday(published, 5)
        return DateSpan(saturday, saturday + timedelta(days=1), 2), True
    if unit == "month":
        year, month = (
            previous_month(published.year, published.month) if last else (published.year, published.month)
        )
        start, end = _month_bounds(year, month, third)
        return DateSpan(start, end, 3), True
    year = published.year - last
    first_month, last_month = YEAR_THIRDS[third] if third else (1, 12)
    return DateSpan(date(year, first_month, 1), month_end(year, last_month), 3), True


def _rolling(p: str) -> str:
    return (
        rf"(?P<{p}lead>(?:in|over|during|within|for)\s+)?(?P<{p}the>the\s+)?(?P<{p}which>past|last|previous)\s+"
        rf"(?:(?P<{p}n>{COUNT})\s+)?(?P<{p}unit>hours?|days?|weeks?|months?|years?|decades?)\b"
    )


def _resolve_rolling(g: _Match) -> _Resolved | None:
    """ "In the past 24 hours", "over the past week": a window that ends on publication."""
    if g.published is None:
        return None
    which, unit = normalise(g("which") or ""), normalise(g("unit") or "").rstrip("s")
    if g("n") is None:
        if which == "previous" or (which == "last" and (unit == "day" or g("the") is None)):
            return None  # "the previous day" points at another event; "the last day of" is no window
        count, exact = 1, True
    else:
        count, exact = _count(g("n") or "")
    return _look_back(g.published, count, exact, unit, window=True)


def _look_back(published: date, count: int, exact: bool, unit: str, *, window: bool) -> _Resolved:
    """`count` units before publication: a window up to publication ("the past 3 days"), or the
    single point of "… ago". A window is as precise as it is long (a day, up to a week, more); a
    point is as precise as its unit (hours and exact days 1, weeks and vague days 2, months 3).
    """
    if unit in ("month", "year", "decade"):
        start = shift_months(published, -count * {"month": 1, "year": 12, "decade": 120}[unit])
        return DateSpan(start, published if window else None, 3), True
    hours = count * {"hour": 1, "day": 24, "week": 168}[unit]
    if window:
        days = max(1, -(-hours // 24))
        precision = 1 if days == 1 and exact else 2 if days <= 7 else 3
        return DateSpan(published - timedelta(days=days), published, precision), True
    precision = 1 if unit == "hour" or (unit == "day" and exact) else 2
    return DateSpan(published - timedelta(days=hours // 24), None, precision), True


def _ago(p: str) -> str:
    return rf"(?P<{p}n>{COUNT})\s+(?P<{p}unit>hours?|days?|weeks?|months?|years?|decades?)\s+ago\b"


def _resolve_ago(g: _Match) -> _Resolved | None:
    """ "Two weeks ago", "eight years ago": a point before publication, vaguer the longer ago it is."""
    if g.published is None:
        return None
    count, exact = _count(g("n") or "")
    return _look_back(g.published, count, exact, normalise(g("unit") or "").rstrip("s"), window=False)


def _recent(p: str) -> str:
    return (
        rf"(?:(?:in|over|during)\s+)?recent\s+(?P<{p}unit>days|weeks|months|years)\b"
        rf"|(?P<{p}ly>recently|lately|of\s+late)\b"
    )


def _resolve_recent(g: _Match) -> _Resolved | None:
    if g.published is None:
        return None
    days, precision = RECENT[normalise(g("unit") or "recently")]
    return DateSpan(g.published - timedelta(days=days), g.published, precision), True


def _year(p: str) -> str:
    return rf"(?P<{p}lead>(?:in|during|throughout)\s+)?(?P<{p}third>{THIRD})?(?P<{p}y>{YEAR})"


def _resolve_year(g: _Match) -> _Resolved | None:
    """A year is a date after a preposition or a modifier ("in 2020", "since 2011", "mid-2023");
    a bare "2020" in running text may be a figure, and so may "a total of 2000"."""
    if not (g("lead") or g("third") or g.anchored):
        return None
    year = int(g("y") or 0)
    third = g("third")
    first_month, last_month = YEAR_THIRDS[_third_key(third)] if third else (1, 12)
    return DateSpan(date(year, first_month, 1), month_end(year, last_month), 3), False


_KINDS: tuple[tuple[str, Callable[[str], str], _Handler], ...] = (
    ("future", _future, _resolve_future),
    ("iso", _iso, _resolve_iso),
    ("numeric", _numeric, _resolve_numeric),
    ("night", _night, _resolve_night),
    ("yearrange", _year_range, _resolve_year_range),
    ("range", _range, _resolve_range),
    ("date", _date, _resolve_date),
    ("nth", _nth, _resolve_nth),
    ("month", _month_kind, _resolve_month),
    ("weekday", _weekday, _resolve_weekday),
    ("deictic", _deictic, _resolve_deictic),
    ("calendar", _calendar, _resolve_calendar),
    ("rolling", _rolling, _resolve_rolling),
    ("ago", _ago, _resolve_ago),
    ("recent", _recent, _resolve_recent),
    ("year", _year, _resolve_year),
)
"""Every kind of expression, in the order tried where several could start at the same character."""

_HANDLERS: dict[str, _Handler] = {kind: handler for kind, _, handler in _KINDS}

_UNIT_WORD = r"(?:hours?|days?|weeks?|months?|years?|decades?)\b"

_GATE_LEADS = (
    "in", "during", "throughout", "over", "within", "for", "at", "from", "since", "until", "till",
    "around", "about", "approximately", "circa", "as of", "up to",
)  # fmt: skip
_GATE_WORDS = (
    *MONTHS, *WEEKDAYS,
    "next", "coming", "tomorrow", "day", "later", "night", "between", "late", "early", "overnight", "mid",
    "last", "past", "previous", "yesterday", "earlier", "today", "tonight", "recent", "recently", "lately",
)  # fmt: skip
_THE_NEXT = (
    "day", "night", "past", "last", "previous", "weekend", "early", "small", "morning", "afternoon",
    "evening", "end", "beginning", "start", "middle", "coming", "next", *ORDINALS,
)  # fmt: skip

_GATE = (
    rf"(?=(?:{word_tree(_GATE_LEADS)}\s+)?"
    rf"(?:\(|c\.|{word_tree(_GATE_WORDS)}\b|\d{{4}}\b|\d{{1,3}}\s+{_UNIT_WORD}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?(?:[/.]\d|\s*[-–—]|\s+(?:of\s+)?{MONTH}|\s+(?:to|until|till|through|and)\b)"
    rf"|(?:{word_tree(CARDINALS)}|few|several|couple(?:\s+of)?)\s+{_UNIT_WORD}|the\s+(?:\d|{word_tree(_THE_NEXT)}\b)"
    rf"|on\s+the\s+(?:\d|{word_tree(ORDINALS)}\b)|of\s+(?:late\b|\d|{MONTH})|an?\s+(?:few|couple|{_UNIT_WORD})"
    rf"|so\s+far\b|this\s+(?:{word_tree(('coming', 'past', 'week', 'weekend', 'month', 'year', 'morning'))}"
    rf"|afternoon|evening|{WEEKDAY})\b))"
)
"""Where an expression may start: a month or weekday, a figure that a date could follow from, or a
word that opens one of the kinds, with its next word where the first is common ("the day", "on the
29th", "a few days"). It checks a little more than the kinds need, never less. The master pattern
is tried only where this one-pass check succeeds, which keeps a long article fast: "the", "on" and
"of" are most of the words an article begins a phrase with, and nearly none of them begin a date.
"""

_MASTER = re.compile(
    r"(?<!\w)"
    + _GATE
    + _QUALIFIER
    + "(?:"
    + "|".join(f"(?P<{kind}>{pattern(kind + '_')})" for kind, pattern, _ in _KINDS)
    + r")(?![\w-])",
    re.IGNORECASE,
)


_OFF_CALENDAR = (OverflowError, ValueError)
"""What `datetime` raises when arithmetic leaves its calendar (years 1 to 9999): OverflowError from
adding or subtracting days, ValueError from building a day in year 0 or -6976. Counting back from
publication can do either ("900 decades ago", a publication day in year 1), and such an expression
names no day, so it resolves to nothing. Handlers raise nothing else of the kind: they read only
what their pattern matched, and impossible days ("31 April") go through `safe_date`."""


def scan(text: str, published: date | None, *, loose: bool = False) -> Iterator[Timex]:
    """Every resolvable expression in `text`, left to right and non-overlapping.

    `loose` lets through what is only a date when the caller already knows the words are one: a
    bare year, a bare month, "the 29th" with nothing around it.
    """
    for match in _MASTER.finditer(text):
        kind = match.lastgroup or ""
        context = _Match(match, kind + "_", published, loose or bool(match.group("qual")))
        try:
            resolved = _HANDLERS[kind](context)
        except _OFF_CALENDAR:
            continue  # "900 decades ago", "yesterday" on 1 January of year 1: no day to name
        if resolved is None:
            continue
        span, relative = resolved
        if published is not None and span.end is not None and span.start <= published < span.end:
            span.end = published  # what a report describes had happened by the time it was published
        lead = kind + "_lead"
        start = match.end(lead) if lead in _MASTER.groupindex and match.group(lead) else match.start()
        yield Timex(start, match.end(), text[start : match.end()], span, relative)
