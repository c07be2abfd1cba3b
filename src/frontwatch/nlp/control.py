"""The `frontwatch_control` component: who holds which place, from when, on whose claim.

Control changes come from the report's events (a capture moves its place to actor1, from actor2)
and from what the report says of places outright ("now appears to be entirely in rebel hands",
"the offensive that has cost the regime control of Aleppo", "Those territories were previously
held by the SDF"), matched by the patterns of data/control.toml. A statement fills in what an
event of the same place left open (from whom); a place taken and then said to be held by the same
party is one change, not two.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from frontwatch.geo.fold import fold_name
from frontwatch.models import ControlChange, ControlKind, Event, Verification
from frontwatch.nlp.parties import Marked, PartyFinder, compile_pattern, within
from frontwatch.nlp.spans import (
    DateMention,
    PlaceMention,
    SentenceInfo,
    register_extensions,
    report_of,
    span_text,
)

CONFIRMING = frozenset({Verification.VERIFIED, Verification.ACKNOWLEDGED, Verification.CORROBORATED})
"""An event graded this way confirms the change of control it tells; below it, the change is claimed."""

CONFIRMING_HEDGES = frozenset({"verified", "acknowledged"})

PRECEDING_SENTENCES = 2
"""How far back "Those territories were previously held by ..." reaches."""


@dataclass(frozen=True)
class Statement:
    kind: str  # "gained", "lost", "held", "previously"
    pattern: re.Pattern[str]
    with_former: bool = False


@dataclass(frozen=True)
class ControlRules:
    """The data of data/control.toml."""

    gained_by_events: frozenset[str]
    holder_words: dict[str, str]
    statements: tuple[Statement, ...]

    @classmethod
    def load(cls) -> ControlRules:
        data = tomllib.loads(resources.files("frontwatch.data").joinpath("control.toml").read_text("utf-8"))
        statements = tuple(
            Statement(raw["kind"], compile_pattern(pattern), raw.get("with_former", False))
            for raw in data["statement"]
            for pattern in raw["patterns"]
        )
        return cls(frozenset(data["events"]["gained"]), dict(data["holder_words"]), statements)


@dataclass(slots=True)
class _Found:
    sentence: int
    change: ControlChange


class ControlCoder:
    """Reads the control changes of a processed Doc (after `frontwatch_events`)."""

    def __init__(self, rules: ControlRules, parties: PartyFinder) -> None:
        self.rules = rules
        self.parties = parties

    def changes(self, doc: Doc) -> list[ControlChange]:
        report = report_of(doc)
        infos: list[SentenceInfo] = doc._.sentences or []
        from_events = self._from_events(doc)
        texts = [span_text(doc[info.start : info.end]).strip() for info in infos] if from_events else []
        found = [_Found(self._sentence_of(texts, e), change) for e, change in from_events]
        countries = doc._.report_countries or []
        for index, info in enumerate(infos):
            sent = doc[info.start : info.end]
            marked = self.parties.mark(doc, sent, countries, report.published, with_places=True)
            for statement in self.rules.statements:
                for match in statement.pattern.finditer(marked.text):
                    self._apply(found, index, statement, match, marked, doc, sent, info, countries)
        return [f.change for f in found]

    # -- from events -----------------------------------------------------------------------------

    def _from_events(self, doc: Doc) -> list[tuple[Event, ControlChange]]:
        outlet = report_of(doc).source
        return [
            (
                event,
                ControlChange(
                    place=event.location,
                    kind=ControlKind.GAINED,
                    holder=event.actor1,
                    previous=event.actor2,
                    on=event.event_date,
                    claimant=event.sources[0] if event.sources else outlet,
                    confirmed=event.verification in CONFIRMING,
                    evidence=event.evidence[0] if event.evidence else "",
                    country=event.country,
                    admin1=event.admin1,
                    latitude=event.latitude,
                    longitude=event.longitude,
                    event_id=event.event_id,
                ),
            )
            for event in doc._.events or []
            if event.sub_event_type in self.rules.gained_by_events and event.location
        ]

    @staticmethod
    def _sentence_of(texts: list[str], event: Event) -> int:
        """The sentence an event's evidence starts with (its frame's sentence), among the report's
        sentences' `texts` (stripped; read once per report, not once per event)."""
        first = event.evidence[0] if event.evidence else ""
        for index, text in enumerate(texts):
            if text and first.startswith(text):
                return index
        return -1

    # -- from statements ------------------------------------------------------------------------

    def _apply(
        self,
        found: list[_Found],
        index: int,
        statement: Statement,
        match: re.Match[str],
        marked: Marked,
        doc: Doc,
        sent: Span,
        info: SentenceInfo,
        countries: list[str],
    ) -> None:
        groups = match.groupdict()
        formers = marked.parties_in(groups.get("FORMER"))
        former = formers[0].name if formers else None
        if statement.kind == "previously":
            for earlier in found:
                recent = index - PRECEDING_SENTENCES <= earlier.sentence < index
                if recent and earlier.change.previous is None and earlier.change.holder != former:
                    earlier.change.previous = former
            return
        mention = marked.place_in(groups.get("PLACE"))
        if mention is None and not groups.get("name"):
            return
        place = _place_name(mention, groups.get("site")) if mention else groups["name"]
        holder = self._holder(marked, groups, mention, countries, report_of(doc).published)
        kind = ControlKind.LOST if statement.kind == "lost" else ControlKind(statement.kind)
        change = ControlChange(
            place=place,
            kind=kind,
            holder=holder if kind != ControlKind.LOST else None,
            previous=former if (kind == ControlKind.LOST or statement.with_former) else None,
            on=_day_of(doc, sent) or report_of(doc).published,
            claimant=info.attribution.claimant or report_of(doc).source,
            confirmed=bool(CONFIRMING_HEDGES & set(info.attribution.hedges)),
            evidence=span_text(sent).strip(),
            **(_geo(mention) if mention else {}),
        )
        if not self._folds_into(found, change):
            found.append(_Found(index, change))

    def _holder(
        self,
        marked: Marked,
        groups: dict[str, Any],
        mention: PlaceMention | None,
        countries: list[str],
        on: date | None,
    ) -> str | None:
        holders = marked.parties_in(groups.get("HOLDER"))
        if holders:
            return holders[0].name
        kind = self.rules.holder_words.get((groups.get("word") or "").lower())
        if kind is None:
            return None
        here = mention.place.country if mention is not None and mention.place is not None else None
        country = here or (countries[0] if countries else None)
        dictionary = self.parties.dictionary
        if kind == "military":
            found = dictionary.country(country) if country else None
            return dictionary.state_forces(found.name, on=on).name if found else None
        return dictionary.generic(kind, country).name  # type: ignore[arg-type]

    @staticmethod
    def _folds_into(found: list[_Found], change: ControlChange) -> bool:
        """A statement about a place the report already has a change for completes that change.

        "Lost" gives a capture of the place its former holder; a capture or hold by the same holder
        is the same change (a confirmation only upgrades it).
        """
        key = fold_name(change.place)
        for earlier in found:
            if fold_name(earlier.change.place) != key or earlier.change.kind == ControlKind.LOST:
                continue
            if change.previous is not None and change.previous == earlier.change.holder:
                # "X withdrew from P", "X handed P over to Y" said outright, where the event put P
                # in X's hands: the words the report chose outrank the event's typing
                earlier.change.kind, earlier.change.holder = change.kind, change.holder
                earlier.change.previous = change.previous
                return True
            if change.kind == ControlKind.LOST:
                if earlier.change.previous is None and earlier.change.holder != change.previous:
                    earlier.change.previous = change.previous
                return True
            if earlier.change.holder == change.holder:
                earlier.change.confirmed |= change.confirmed
                earlier.change.previous = earlier.change.previous or change.previous
                return True
        return False


def _place_name(mention: PlaceMention, site: str | None) -> str:
    """The place as the report spells it (as events name theirs), narrowed to a site if one is named."""
    return f"{mention.text} {site.strip()}" if site else mention.text


def _geo(mention: PlaceMention) -> dict[str, Any]:
    place = mention.place
    if place is None:
        return {}
    return {
        "country": place.country,
        "admin1": place.admin1,
        "latitude": place.latitude,
        "longitude": place.longitude,
    }


def _day_of(doc: Doc, sent: Span) -> date | None:
    """The first day the sentence names outright (a day's precision), if any."""
    dates: list[DateMention] = within(doc._.dates or [], sent)
    return next((d.span.start for d in dates if d.span.precision == 1 and d.span.end is None), None)


@Language.factory("frontwatch_control")
def make_control(nlp: Language, name: str) -> ControlComponent:
    return ControlComponent(ControlCoder(ControlRules.load(), PartyFinder.load()))


class ControlComponent:
    """Writes `doc._.control`: the report's control changes, in the order the report tells them."""

    def __init__(self, coder: ControlCoder) -> None:
        register_extensions()
        if not Doc.has_extension("control"):
            Doc.set_extension("control", default=None)
        self.coder = coder

    def __call__(self, doc: Doc) -> Doc:
        doc._.control = self.coder.changes(doc)
        return doc
