"""Regular-expression building blocks, generated from `tables`.

Word lists are compiled as prefix trees ("sep(?:t(?:ember)?)?") rather than flat alternations: the
master pattern tries them at every word start of a long article, and a tree fails on the first
letter where a flat list would retry each word. Month and weekday names must start with a capital
letter even though the rest of the pattern ignores case, which keeps the verbs "may" and "march"
and the noun "sun" out of the dates.

Patterns that need named groups are functions of a group-name prefix, because Python refuses the
same group name twice in one pattern and the master pattern holds every alternative at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from frontwatch.timex.tables import CARDINALS, MONTH_ABBREVIATIONS, MONTH_NAMES, ORDINALS, WEEKDAYS

_Trie = dict[str, "_Trie"]


def word_tree(words: Iterable[str]) -> str:
    """A non-capturing regex matching any of `words`, longest first, factored by shared prefixes.

    A space inside a word matches a run of spaces or hyphens ("twenty-four", "twenty four").
    """
    root: _Trie = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        branches = [
            (r"[\s\-]+" if char == " " else re.escape(char)) + emit(child)
            for char, child in sorted(node.items(), reverse=True)
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return f"(?:{emit(root)})"


_CAPITAL = r"(?-i:(?=[A-Z]))"

MONTH = rf"{_CAPITAL}(?>{word_tree(MONTH_NAMES)}\b|{word_tree(MONTH_ABBREVIATIONS)}\b\.?)"
"""A month name, or an abbreviation with its full stop, capitalised. A name's full stop ends the sentence.
The group is atomic: "Sept." never gives its full stop back to let a shorter reading through."""

WEEKDAY = rf"{_CAPITAL}{word_tree(WEEKDAYS)}\b"
"""A weekday name, capitalised; "Fridays" (a habit, not a day) does not match."""

DAY_NUMBER = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"
"""A day of the month in figures, with an optional ordinal suffix ("7", "07", "29th")."""

DAY_ORDINAL = rf"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)|{word_tree(ORDINALS)})\b"
"""A day written as an ordinal ("29th", "twenty-ninth"): a bare "the 29" is not a date."""

YEAR = r"(?:19|20)\d\d\b"
"""A four-digit year of the 20th or 21st century."""

COUNT = rf"(?:\d{{1,3}}|{word_tree(CARDINALS)}\b|a\s+few|a\s+couple\s+of|couple\s+of|few|several|an?)"
"""How many units: figures, number words or an indefinite count ("a few", "several")."""

DAY_PART = r"(?:morning|afternoon|evening|night|overnight)\b"
"""A part of a day that may follow a weekday ("Friday night"): it narrows nothing ACLED codes."""

DAY_PREFIX = (
    r"(?:(?:late|early)\s+(?:on\s+)?|overnight\s+(?:on\s+)?"
    r"|(?:in\s+)?the\s+(?:early\s+hours|small\s+hours|morning|afternoon|evening|night)\s+of\s+)"
)
"""Words before a day that keep it the same day ("late on Friday", "the early hours of 5 May")."""

THIRD = r"(?:early|mid|late|the\s+(?:end|beginning|start|middle)\s+of)(?:\s*-\s*|\s+)"
"""A part of a month or year ("late November", "mid-2023", "the end of March")."""


def loose_day(prefix: str) -> str:
    """A day with or without its month and year, as the two ends of a range are written.

    Groups: `<prefix>d1`/`<prefix>m1` for "26 (of) November", `<prefix>m2`/`<prefix>d2` for
    "November 26", `<prefix>y` for a year after either.
    """
    return (
        rf"(?:(?P<{prefix}d1>{DAY_NUMBER})(?:\s+(?:of\s+)?(?P<{prefix}m1>{MONTH}))?"
        rf"|(?P<{prefix}m2>{MONTH})\s+(?:the\s+)?(?P<{prefix}d2>{DAY_NUMBER}))"
        rf"(?:,?\s+(?P<{prefix}y>{YEAR}))?"
    )
