"""Date expressions in conflict reporting, resolved against the day a report was published.

A small rule-based resolver instead of a general date parser: general parsers happily return
future dates ("Monday" as next Monday) and read ordinary words as dates, and a conflict coder
needs the opposite bias: what a report describes has already happened. See `resolver` for the
rules, `tables` for the vocabulary.
"""

from __future__ import annotations

from datetime import date

from frontwatch.models import DateSpan
from frontwatch.timex.resolver import Timex, scan

__all__ = ["Timex", "find_dates", "resolve_expression"]


def find_dates(text: str, published: date | None) -> list[Timex]:
    """Every date expression in a sentence or a whole report, resolved, left to right.

    Relative expressions ("Monday", "yesterday", "November 26") are skipped when `published` is
    None, since nothing anchors them; history ("in 2020", "eight years ago") is returned with
    precision 3 and left for the caller to tell from the event day.
    """
    return list(scan(text, published))


def resolve_expression(expression: str, published: date | None) -> DateSpan | None:
    """The date one expression names (e.g. a spaCy DATE entity: "late on Friday", "the 29th").

    Unlike `find_dates`, a bare year, month or "the 29th" counts, and lower-case month and weekday
    names are accepted on a second try: the caller already knows the words are a date.
    """
    stripped = expression.strip()
    for candidate in dict.fromkeys((stripped, stripped.title())):
        for timex in scan(candidate, published, loose=True):
            return timex.span
    return None
