"""The `frontwatch_humanitarian` component: figures over a period and an area, kept apart from events.

OCHA's "at least 44 civilians killed between 26 November and 1 December in Idlib and northern
Aleppo" and "more than 48,500 displaced as of 30 November" are not events: no single place, day
or actor pair. The events component sets such period totals aside; the figures of a sentence no
event took that counts over a period ("as of", "since", "between ... and ...", "in recent days")
are humanitarian figures too. Each becomes a `Figure` with its period, its area (the places the
sentence names, with the direction that narrows them: "northern Aleppo"), its claimant and whom
the claimant cited.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from frontwatch.models import Claim, Figure
from frontwatch.nlp.parties import within
from frontwatch.nlp.places import DIRECTIONS
from frontwatch.nlp.spans import DateMention, PlaceMention, register_extensions

AS_OF = ("as of", "as at", "by", "until", "up to")
SINCE = ("since", "from")


def period_of(dates: list[DateMention]) -> tuple[date | None, date | None] | None:
    """The period a sentence's figures count over, or None when it names none.

    A range ("between 26 November and 1 December", "in recent days") is the period; "as of 30
    November" ends one, "since 18 June" starts one. A single day is an event's, not a period's.
    """
    for mention in dates:
        text = mention.text.lower()
        span = mention.span
        if text.startswith(AS_OF):
            return None, span.end or span.start
        if text.startswith(SINCE):
            return span.start, None
        if span.end is not None and span.end > span.start:
            return span.start, span.end
    return None


def area_of(doc: Doc, places: list[PlaceMention]) -> list[str]:
    """The places a figure covers, as the report names them, each once, narrowed by a direction."""
    names: list[str] = []
    for mention in places:
        if mention.place is None:
            continue
        name = mention.text
        if mention.start > 0 and doc[mention.start - 1].lower_ in DIRECTIONS:
            name = f"{doc[mention.start - 1].text} {name}"
        if name not in names:
            names.append(name)
    return names


class HumanitarianCoder:
    """Turns the period totals of a processed Doc into `Figure`s (no state between documents)."""

    def figures(self, doc: Doc) -> list[Figure]:
        taken = {(claim.start, claim.end) for event in doc._.events or [] for claim in event.claims}
        totals = {(claim.start, claim.end) for claim in doc._.figures or []}
        found: list[Figure] = []
        for info in doc._.sentences or []:
            sent = doc[info.start : info.end]
            period = period_of(within(doc._.dates or [], sent))
            for claim in info.claims:
                key = (claim.start, claim.end)
                if key in taken or (key not in totals and period is None):
                    continue
                found.append(self._figure(claim, period, area_of(doc, within(doc._.places or [], sent))))
        return found

    @staticmethod
    def _figure(claim: Claim, period: tuple[date | None, date | None] | None, area: list[str]) -> Figure:
        start, end = period or (None, None)
        return Figure(
            kind=claim.kind,
            value=claim.value,
            low=claim.low,
            high=claim.high,
            qualifier=claim.qualifier,
            claimant=claim.claimant,
            cited=claim.cited,
            evidence=claim.evidence,
            start=claim.start,
            end=claim.end,
            group=claim.group,
            period_start=start,
            period_end=end,
            area=area,
        )


@Language.factory("frontwatch_humanitarian")
def make_humanitarian(nlp: Language, name: str) -> HumanitarianComponent:
    return HumanitarianComponent(HumanitarianCoder())


class HumanitarianComponent:
    """Replaces `doc._.figures` (the claims set aside as totals) with the report's `Figure`s."""

    def __init__(self, coder: HumanitarianCoder) -> None:
        register_extensions()
        self.coder = coder

    def __call__(self, doc: Doc) -> Doc:
        doc._.figures = self.coder.figures(doc)
        return doc
