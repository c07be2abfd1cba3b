"""What the frontwatch components find in a Doc, and the Doc extensions that carry it.

Each component writes one list onto the Doc (`doc._.actors`, `doc._.places`, ...); later components
read them. Offsets are token indices into the Doc unless a field says otherwise.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TypeVar

from spacy.tokens import Doc, Span

from frontwatch.models import Claim, DateSpan, Place, Report


@dataclass(slots=True)
class ActorMention:
    """An actor named in the text, resolved as far as the words allow."""

    start: int
    end: int
    text: str
    name: str | None  # canonical name, or None while the country is still unknown
    inter: int
    kind: str  # "named", "military", "police", "civilians", "protesters", "rioters", "unidentified", ...
    country: str | None = None
    ident: str = ""  # the actor ruler's id: a canonical name or a placeholder such as "STATE:military"


@dataclass(slots=True)
class PlaceMention:
    """A place named in the text, with the gazetteer entry chosen for it (if any)."""

    start: int
    end: int
    text: str
    place: Place | None = None
    kind: str = "town"  # "town", "admin1", "country", "site"
    relation: str = "in"  # "in", "near" (near/outside/east of...), "area" (countryside, outskirts)
    cue: str | None = None  # the preposition or noun that introduced it ("in", "near", "village of")
    partial: bool = False  # the gazetteer knows only some of its words ("Deir" of "Deir Jamal")


@dataclass(slots=True)
class Cue:
    """A word or phrase that signals a kind of event (see data/triggers.toml)."""

    start: int
    end: int
    category: str
    text: str


@dataclass(slots=True)
class DateMention:
    start: int
    end: int
    text: str
    span: DateSpan
    relative: bool


@dataclass(slots=True)
class Attribution:
    """Who a sentence says the information comes from, and how the outlet hedges it."""

    claimant: str | None = None
    cited: str | None = None
    hedges: list[str] = field(default_factory=list)  # "unverified", "claimed", "verified", "disputed"
    source_span: tuple[int, int] | None = None  # where the text names the source (character offsets)
    own_deed: bool = False  # the source tells of itself: "the army said it killed ...", "X said its jets"


@dataclass(slots=True)
class SentenceInfo:
    """A sentence's index range, with the claims and attribution found in it."""

    start: int
    end: int
    claims: list[Claim] = field(default_factory=list)
    attribution: Attribution = field(default_factory=Attribution)


_EXTENSIONS: dict[str, object] = {
    "report": None,
    "actors": None,
    "places": None,
    "cues": None,
    "dates": None,
    "sentences": None,
    "report_countries": None,
    "events": None,
    "figures": None,
    "unplaced": None,
    "joined_text": None,  # `doc_text`'s copy of the Doc's text
}


def register_extensions() -> None:
    """Declare the Doc attributes the components write (idempotent, as spaCy requires)."""
    for name, default in _EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


Mention = TypeVar("Mention", ActorMention, PlaceMention, Cue, DateMention)


def starting_in(mentions: Sequence[Mention], start: int, end: int) -> list[Mention]:
    """The mentions that start at a token in [start, end), in their order.

    Each component writes its list in text order (by start), so these are one run of it, found by
    bisection: scanning the whole list for each sentence is quadratic in a report's length.
    """
    first = bisect_left(mentions, start, key=attrgetter("start"))
    return list(mentions[first : bisect_left(mentions, end, lo=first, key=attrgetter("start"))])


def dated_tokens(doc: Doc) -> set[int]:
    """The tokens inside a date expression the dates component found ("On 7 March" is no march)."""
    return {i for mention in doc._.dates or [] for i in range(mention.start, mention.end)}


def doc_text(doc: Doc) -> str:
    """`doc.text`, read once per Doc: spaCy joins the tokens anew on every read."""
    text = doc._.joined_text
    if text is None:
        text = doc._.joined_text = doc.text
    return text


def span_text(span: Span) -> str:
    """`span.text`, cut from its Doc's text (`doc_text`).

    spaCy joins a Span's tokens anew on every read of its text, and several components read each
    sentence's text. A Doc's text is its tokens' texts and the whitespace after each, and a
    token's `idx` its offset there, so the slice from the span's first character to its last
    token's end is the span's text, the same string.
    """
    return doc_text(span.doc)[span.start_char : span.end_char]


def report_of(doc: Doc) -> Report:
    report = doc._.report
    if report is None:
        report = Report(text=doc.text)
        doc._.report = report
    return report
