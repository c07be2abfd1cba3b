"""Calendar arithmetic for resolving dates against a publication day.

Every function that looks for "the most recent" day answers on or before its anchor, never after
(a report describes what has happened), unless its caller allows a few days' slack.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

_LOOKBACK_YEARS = 8
"""How far back a year-less "February 29" may look for a leap year (two leap cycles)."""


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, monthrange(year, month)[1])


def previous_month(year: int, month: int) -> tuple[int, int]:
    """The (year, month) before the one given."""
    return (year - 1, 12) if month == 1 else (year, month - 1)


def shift_months(day: date, months: int) -> date:
    """`day` moved by whole months, clamped to the target month's length ("31 March" - 1 → 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def safe_date(year: int, month: int, day: int) -> date | None:
    """A date, or None for an impossible one ("31 April") instead of an exception."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def recent_month_day(anchor: date, month: int, day: int, slack_days: int = 0) -> date | None:
    """The latest `month`/`day` on or before `anchor`, or up to `slack_days` after it: "December 30"
    read on 2 January is last year's; with a week's slack, "7 May" read on 6 May is this year's."""
    limit = anchor + timedelta(days=slack_days)
    for year in range(limit.year, limit.year - _LOOKBACK_YEARS - 1, -1):
        candidate = safe_date(year, month, day)
        if candidate is not None and candidate <= limit:
            return candidate
    return None


def recent_day_of_month(anchor: date, day: int) -> date | None:
    """The latest day numbered `day` on or before `anchor` ("on the 29th"), skipping short months."""
    year, month = anchor.year, anchor.month
    for _ in range(13):
        candidate = safe_date(year, month, day)
        if candidate is not None and candidate <= anchor:
            return candidate
        year, month = previous_month(year, month)
    return None


def recent_weekday(anchor: date, weekday: int, *, strict: bool = False) -> date:
    """The latest `weekday` on or before `anchor` (strictly before when `strict`, for "last Tuesday").

    "Monday" in a report published on a Monday is the publication day itself.
    """
    delta = (anchor.weekday() - weekday) % 7
    if strict and delta == 0:
        delta = 7
    return anchor - timedelta(days=delta)


def week_start(day: date) -> date:
    """The Monday of `day`'s ISO week: "this week" and "last week" are read as Monday-to-Sunday weeks."""
    return day - timedelta(days=day.weekday())
