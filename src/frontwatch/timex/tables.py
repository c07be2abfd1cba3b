"""The vocabulary of date expressions, as read-only tables.

Every word the resolver knows lives here and nowhere else, so that supporting a new spelling
("Sept", "twenty four") is a one-line change and the regular expressions in `patterns` are built
from these tables rather than repeating them. Keys are lower case with single spaces; `normalise`
puts a matched token into that form before a lookup.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

MONTH_NAMES: tuple[str, ...] = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip

MONTH_ABBREVIATIONS: Mapping[str, int] = MappingProxyType(
    {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
     "oct": 10, "nov": 11, "dec": 12}
)  # fmt: skip
"""The abbreviations wire copy uses ("Dec. 2", "Sept. 11"); only these take a full stop."""

MONTHS: Mapping[str, int] = MappingProxyType(
    {name: number for number, name in enumerate(MONTH_NAMES, start=1)} | dict(MONTH_ABBREVIATIONS)
)
"""Month names and abbreviations to month numbers."""

WEEKDAYS: Mapping[str, int] = MappingProxyType(
    {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
)
"""Weekday names to `date.weekday()` numbers. Abbreviations ("Sun", "Sat", "Wed") are left out:
in running text they are far more often a newspaper, a verb or a name than a day."""

_UNITS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORDINAL_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")


def _cardinals() -> dict[str, int]:
    """One to ninety-nine in words: enough for "forty-eight hours" and "seventy years ago"."""
    words = {word: value for value, word in enumerate(_UNITS, start=1)}
    for index, tens in enumerate(_TENS, start=2):
        words[tens] = index * 10
        for value, unit in enumerate(_UNITS[:9], start=1):
            words[f"{tens} {unit}"] = index * 10 + value
    return words


CARDINALS: Mapping[str, int] = MappingProxyType(_cardinals())
"""Number words to values; a space in a key also matches a hyphen ("twenty-four")."""

VAGUE_COUNTS: Mapping[str, int] = MappingProxyType(
    {"a": 1, "an": 1, "a couple of": 2, "couple of": 2, "a few": 3, "few": 3, "several": 5}
)
"""Indefinite counts as a reader would take them; a span built on one is never precision 1."""

ORDINALS: Mapping[str, int] = MappingProxyType(
    {word: value for value, word in enumerate(_ORDINAL_UNITS, start=1)}
    | {word: value for value, word in enumerate(
        ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
         "seventeenth", "eighteenth", "nineteenth", "twentieth"), start=10)}
    | {f"twenty {word}": 20 + value for value, word in enumerate(_ORDINAL_UNITS, start=1)}
    | {"thirtieth": 30, "thirty first": 31}
)  # fmt: skip
"""Spelled-out days of the month ("the twenty-ninth")."""

MONTH_THIRDS: Mapping[str, tuple[int, int | None]] = MappingProxyType(
    {
        "early": (1, 10),
        "beginning": (1, 10),
        "start": (1, 10),
        "mid": (11, 20),
        "middle": (11, 20),
        "late": (21, None),
        "end": (21, None),
    }
)
"""Part of a month a modifier names, as (first day, last day); None is the month's last day."""

YEAR_THIRDS: Mapping[str, tuple[int, int]] = MappingProxyType(
    {"early": (1, 4), "beginning": (1, 4), "start": (1, 4), "mid": (5, 8), "middle": (5, 8),
     "late": (9, 12), "end": (9, 12)}
)  # fmt: skip
"""Part of a year a modifier names, as (first month, last month)."""

RECENT: Mapping[str, tuple[int, int]] = MappingProxyType(
    {"days": (3, 2), "recently": (7, 2), "weeks": (21, 3), "months": (90, 3), "years": (3 * 365, 3)}
)
"""Vague look-backs as (days before publication the span starts, precision). They are guesses
by design: "in recent days" is read as the last three days, "recently" as the last week."""

DAY_OFFSETS: Mapping[str, int] = MappingProxyType({"before_yesterday": -2, "yesterday": -1, "today": 0})
"""Deictic days, as offsets from the publication day."""

_SPACE_OR_HYPHEN = re.compile(r"[\s\-]+")


def normalise(token: str) -> str:
    """A matched token in table-key form: lower case, hyphens and runs of space as one space, no dot."""
    return _SPACE_OR_HYPHEN.sub(" ", token.lower().strip().rstrip("."))
