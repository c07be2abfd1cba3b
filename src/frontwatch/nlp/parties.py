"""The parties a sentence names, and patterns written over them (for control statements, relations).

Who holds a town or backs whom is said in many words ("Syria's key backers - Iran and Russia",
"the Turkish-backed Free Syrian Army", "in the hands of Kurdish forces"). Rather than parse, the
sentence is rewritten with every party (an actor, a country, a demonym, a name that stands for a
government) and every place replaced by a marker, and the data files' patterns are regular
expressions over that text: `{A}`, `{B}`, `{HOLDER}`... match a party or a list of parties ("Iran
and Russia"), `{PLACE}` a place, `{GAP}` words that name no party. The words between stay as
written, so a pattern reads like the sentences it is meant for.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Span

from frontwatch.nlp.actor_dictionary import ActorDictionary
from frontwatch.nlp.spans import ActorMention, PlaceMention, span_text, starting_in

_PARTY_MARK = "\u27e6P{}\u27e7"  # ⟦P3⟧
_PLACE_MARK = "\u27e6L{}\u27e7"  # ⟦L1⟧
_MARK = re.compile(r"\u27e6([PL])(\d+)\u27e7")
_SLOT = re.compile(r"\{([A-Z]+)\}")
_LIST_JOINER = r"(?:,\s*|\s+and\s+|\s+or\s+|,\s+and\s+|\s*[-–—]\s*)"
_STATE_KINDS = frozenset({"military", "police"})
_WORD = re.compile(r"\b[A-Z][A-Za-z]+\b")


@dataclass(frozen=True, slots=True)
class Party:
    """A party named in a sentence: the name frontwatch knows it by, and the words the report used."""

    name: str
    text: str
    start: int  # character offsets in the document
    end: int


@dataclass(frozen=True, slots=True)
class Marked:
    """A sentence rewritten with markers, and what each marker stands for."""

    text: str
    parties: tuple[Party, ...]
    places: tuple[PlaceMention, ...]

    def parties_in(self, group: str | None) -> list[Party]:
        """The parties a matched group covers ("⟦P1⟧ and ⟦P2⟧" -> two parties)."""
        return [self.parties[int(n)] for kind, n in _MARK.findall(group or "") if kind == "P"]

    def unmark(self, text: str) -> str:
        """Marked text back in the report's words."""

        def words(match: re.Match[str]) -> str:
            index = int(match.group(2))
            return self.parties[index].text if match.group(1) == "P" else self.places[index].text

        return _MARK.sub(words, text)

    def place_in(self, group: str | None) -> PlaceMention | None:
        found = [self.places[int(n)] for kind, n in _MARK.findall(group or "") if kind == "L"]
        return found[0] if found else None


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A data file's pattern as a regular expression over marked text (case-insensitive).

    `{PLACE}` matches one place marker; `{GAP}` any words of the clause that name no party (so
    that the party a pattern takes is the one nearest its verb); any other `{NAME}` one party
    marker or a list of them.
    """

    def slot(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "PLACE":
            return r"(?P<PLACE>\u27e6L\d+\u27e7)"
        if name == "GAP":
            return r"(?:(?!\u27e6P)[^.;])*?"
        one = r"\u27e6P\d+\u27e7"
        return rf"(?P<{name}>{one}(?:{_LIST_JOINER}{one})*)"

    return re.compile(_SLOT.sub(slot, pattern), re.IGNORECASE)


def government(country: str) -> str:
    """The party a state is when it is named by its country, a demonym or its capital."""
    return f"Government of {country}"


class PartyFinder:
    """Finds the parties of a sentence, resolving them with the actor dictionary.

    `stand_for` maps names that stand for a state ("Assad", "the Kremlin") to its country;
    `alias_patterns` find the report's own names for parties, learnt as it is read ("the rebel
    coalition, which calls itself the Military Operations Command").
    """

    def __init__(
        self, dictionary: ActorDictionary, stand_for: Mapping[str, str], alias_patterns: Sequence[str] = ()
    ) -> None:
        self.dictionary = dictionary
        self.stand_for = {key.casefold(): government(value) for key, value in stand_for.items()}
        self._stand_for = _phrases(stand_for)
        self._alias_patterns = tuple(compile_pattern(pattern) for pattern in alias_patterns)

    @classmethod
    def load(cls) -> PartyFinder:
        """The finder over the packaged actor dictionary and data/parties.toml."""
        text = resources.files("frontwatch.data").joinpath("parties.toml").read_text("utf-8")
        data = tomllib.loads(text)
        return cls(ActorDictionary.load(), data["stand_for"], data["aliases"]["patterns"])

    def learn_aliases(self, marked: Marked, aliases: dict[str, str]) -> None:
        """Add the names the sentence gives parties ("..., which calls itself X") to `aliases`."""
        for pattern in self._alias_patterns:
            for match in pattern.finditer(marked.text):
                named = marked.parties_in(match.group("NAME"))
                if named:
                    aliases[match.group("alias").strip()] = named[0].name

    def mark(
        self,
        doc: Doc,
        sent: Span,
        countries: Sequence[str],
        on: date | None,
        aliases: Mapping[str, str] | None = None,
        with_places: bool = False,
    ) -> Marked:
        """The sentence with its parties (and, if asked, places) replaced by markers."""
        text = span_text(sent)  # spaCy joins the tokens on every read of `sent.text`
        spans: list[tuple[int, int, str | None]] = []  # (start, end, party name or None for a place)
        for mention in within(doc._.actors or [], sent):
            name = self._actor_name(mention, countries, on)
            if name:
                spans.append((doc[mention.start].idx, _end_char(doc, mention.end), name))
        places: list[PlaceMention] = []
        for mention in within(doc._.places or [], sent):
            start, end = doc[mention.start].idx, _end_char(doc, mention.end)
            if mention.kind == "country" and mention.place is not None:
                spans.append((start, end, government(mention.place.country or mention.place.name)))
            elif with_places and mention.kind != "country":
                spans.append((start, end, None))
                places.append(mention)
        spans.extend(self._named(sent.start_char, text, aliases or {}))
        return _rewrite(sent, text, _without_overlaps(spans), places)

    def _actor_name(self, mention: ActorMention, countries: Sequence[str], on: date | None) -> str | None:
        """The mention's actor as ACLED names it on the report's day (as events name theirs); an
        unnamed state force ("the regime") is the report's country's."""
        country = self.dictionary.country(countries[0]) if countries else None
        if mention.ident:
            where = country.name if country else None
            resolved = self.dictionary.resolve(mention.ident, where, on, mention.text)
            if resolved:
                return resolved[0].name
        if mention.name:
            return mention.name
        if mention.kind in _STATE_KINDS and country is not None:
            branch = "police" if mention.kind == "police" else "military"
            return self.dictionary.state_forces(country.name, branch, on).name
        return None

    def _named(self, offset: int, text: str, aliases: Mapping[str, str]) -> Iterator[tuple[int, int, str]]:
        """Names that stand for a party, the report's own aliases, and demonyms ("Turkish-backed"),
        in a sentence's `text` that starts at character `offset` of the document."""
        learnt = {key.casefold(): value for key, value in aliases.items()}
        for pattern, table in ((self._stand_for, self.stand_for), (_phrases(aliases), learnt)):
            if pattern is None:
                continue
            for match in pattern.finditer(text):
                name = table[match.group(0).casefold()]
                yield offset + match.start(), offset + match.end(), name
        for match in _WORD.finditer(text):
            # "the US", "Turkish-backed": a demonym alone ("Syrian opposition groups") names no party
            if not (match.group(0).isupper() or text[match.end() : match.end() + 1] == "-"):
                continue
            country = self.dictionary.country_of_demonym(match.group(0))
            if country is not None:
                yield offset + match.start(), offset + match.end(), government(country)


def _phrases(table: Mapping[str, str]) -> re.Pattern[str] | None:
    if not table:
        return None
    forms = sorted(table, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(form) for form in forms) + r")\b", re.IGNORECASE)


def within(mentions: Sequence[Any], sent: Span) -> list[Any]:
    """The mentions (actors, places, dates...) that start inside the sentence."""
    return starting_in(mentions, sent.start, sent.end)


def _end_char(doc: Doc, end: int) -> int:
    last = doc[end - 1]
    return last.idx + len(last)


def _without_overlaps(spans: list[tuple[int, int, str | None]]) -> list[tuple[int, int, str | None]]:
    """Earlier-listed spans win (actors, then places and countries, then names and demonyms)."""
    kept: list[tuple[int, int, str | None]] = []
    for span in spans:
        if all(span[1] <= other[0] or span[0] >= other[1] for other in kept):
            kept.append(span)
    return sorted(kept)


def _rewrite(
    sent: Span, text: str, spans: list[tuple[int, int, str | None]], places: list[PlaceMention]
) -> Marked:
    """The sentence's `text` with each span replaced by its marker."""
    offset = sent.start_char
    pieces: list[str] = []
    parties: list[Party] = []
    ordered_places: list[PlaceMention] = []
    by_start = {sent.doc[p.start].idx: p for p in places}
    cursor = 0
    for start, end, name in spans:
        pieces.append(text[cursor : start - offset])
        if name is None:
            pieces.append(_PLACE_MARK.format(len(ordered_places)))
            ordered_places.append(by_start[start])
        else:
            pieces.append(_PARTY_MARK.format(len(parties)))
            parties.append(Party(name, text[start - offset : end - offset], start, end))
        cursor = end - offset
    pieces.append(text[cursor:])
    return Marked("".join(pieces), tuple(parties), tuple(ordered_places))
