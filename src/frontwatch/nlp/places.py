"""The `frontwatch_places` component: place mentions, resolved with the report's own context.

Candidates are capitalised phrases (with Arabic articles and hyphens inside: "Deir ez-Zor",
"Jisr al-Shughur"); each is looked up in the gazetteer whole, then by its longest known part, so
"Aleppo University" still locates Aleppo. Demonyms and actor names are never places. A phrase the
gazetteer does not know is kept as an unresolved place when a locative cue introduces it ("in",
"near", "the village of"), so the event keeps its name and falls back to the area around it.
Context: countries and admin areas named in the report steer the choice between namesakes, and
"X in Y" / "X (Y)" / "X, Y" make Y the area that contains X.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc, Span

from frontwatch.geo.fold import fold_name
from frontwatch.geo.gazetteer import Gazetteer, Match
from frontwatch.geo.resolve import PlaceResolver
from frontwatch.models import Place
from frontwatch.nlp.actor_dictionary import ActorDictionary
from frontwatch.nlp.lexicon import load_words
from frontwatch.nlp.spans import PlaceMention, dated_tokens, register_extensions, report_of
from frontwatch.timex.tables import MONTHS, WEEKDAYS

CONNECTORS = frozenset(
    {
        "al",
        "el",
        "ad",
        "as",
        "ash",
        "ar",
        "az",
        "an",
        "ez",
        "es",
        "ed",
        "de",
        "del",
        "la",
        "le",
        "bin",
        "bani",
        "-",
        "'",
        "’",
        "ul",
        "e",
        "et",
        "at",
        "um",
        "abu",
        "da",
        "do",
        "des",
        "du",
        "dos",
        "das",
        "di",
    }
)
LOCATIVE = frozenset(
    {
        "in",
        "near",
        "at",
        "outside",
        "around",
        "into",
        "inside",
        "toward",
        "towards",
        "on",
        "across",
        "through",
        "of",
        "between",
        "targeting",
        "struck",
        "hit",
        "shelled",
        "bombed",
        "attacked",
        "captured",
        "seized",
        "besieged",
        "stormed",
        "entered",
        "from",
        "to",
    }
)
ORIGIN_CUES = frozenset({"from"})
"""Cues that name where people or forces came from, not where the event happened ("IDPs from Aleppo"); a
destination ("reinforcements to Tal Tamer") is where a movement of forces happens."""
NEAR_WORDS = frozenset(
    {
        "near",
        "outside",
        "around",
        "outskirts",
        "vicinity",
        "countryside",
        "east",
        "west",
        "north",
        "south",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "eastern",
        "western",
        "northern",
        "southern",
        "close",
        "nearby",
        "rural",
        "periphery",
        "edge",
        "environs",
        "surroundings",
        "province",
        "governorate",
        "district",
        "region",
    }
)
SETTLEMENT_NOUNS = frozenset(
    {
        "village",
        "villages",
        "town",
        "towns",
        "city",
        "cities",
        "camp",
        "area",
        "neighborhood",
        "neighbourhood",
        "district",
        "suburb",
        "municipality",
        "locality",
        "hamlet",
        "settlement",
        "countryside",
        "outskirts",
        "vicinity",
        "province",
        "governorate",
        "county",
        "region",
        "state",
        "oblast",
    }
)
REGION_NOUNS = frozenset(
    {
        "province",
        "governorate",
        "region",
        "state",
        "oblast",
        "countryside",
        "prefecture",
        "department",
    }
)
NOT_PLACES = frozenset(
    [
        "the",
        "a",
        "an",
        "on",
        "in",
        "at",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mr",
        "mrs",
        "ms",
        "dr",
        "president",
        "minister",
        "general",
        "colonel",
        "imam",
        "prime",
        "foreign",
        "state",
        "news",
        "social",
        "video",
        "footage",
        "casualties",
        "unclear",
        "fatalities",
        "clashes",
        "protesters",
        "police",
        "army",
        "forces",
        "government",
        "regime",
        "local",
        "unidentified",
        "unknown",
        "around",
        "reports",
        "it",
        "they",
        "he",
        "she",
        "this",
        "that",
        "these",
        "those",
        "there",
        "coded",
        "no",
        "one",
        "some",
        "several",
        "later",
        "movement",
        "change",
        "headquarters",
        "looting",
        "property",
        "arrests",
        "agreement",
        "other",
        "earlier",
        "on",
        "department",
        "ministry",
        "agency",
        "office",
        "council",
        "command",
        "committee",
        "authority",
        "authorities",
        "directorate",
        "islamic",
        "arab",
        "kurdish",
    ]
)
PREMISES = frozenset({"club", "council", "office", "directorate", "institute", "court", "headquarters"})
"""Organisations named after their town whose premises are a place: 'outside Rangpur Press Club'."""
PREMISES_CUES = frozenset({"in", "at", "of", "near", "outside", "inside"})
ORGANISATION_WORDS = frozenset(
    {
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "ministry",
        "minister",
        "agency",
        "department",
        "official",
        "officials",
        "council",
        "command",
        "news",
        "tv",
        "television",
        "media",
        "channel",
        "newspaper",
        "daily",
        "party",
        "movement",
        "front",
        "brigade",
        "brigades",
        "army",
        "forces",
        "group",
        "university",
        "institute",
        "foundation",
        "organization",
        "organisation",
        "office",
        "building",
        "cooperative",
        "union",
        "syndicate",
        "association",
        "company",
        "club",
        "bank",
        "school",
        "college",
        "hospital",
        "network",
        "federation",
        "league",
        "positions",
        "fighters",
        "militants",
        "members",
        "rights",
        "commission",
        "mission",
        "court",
        "nations",
        "watch",
        "international",
        "centre",
        "center",
        "project",
        "initiative",
        "service",
        "services",
    }
)
DIRECTIONS = frozenset(
    {
        "northern", "southern", "eastern", "western", "central",
        "northeastern", "northwestern", "southeastern", "southwestern",
        "north-eastern", "north-western", "south-eastern", "south-western",
        "rural", "greater", "coastal",
    }
)  # fmt: skip
"""The part of a region a name may open with ("Eastern Raqqa", "rural Idlib"); before a place, they
narrow the area a figure covers ("northern Aleppo")."""
MAX_WORDS = 6
ARTICLES = frozenset({"al", "el", "ad", "ash", "ar", "az", "ez", "ed"})
KNOWN_TOWN = 5_000


def _is_cap(token) -> bool:
    text = token.text
    return bool(text) and (text[0].isupper() or (text[0] in "'’‘ʿ" and len(text) > 1 and text[1].isupper()))


CALENDAR_NAMES = frozenset(MONTHS) | frozenset(WEEKDAYS) | load_words().feasts


def _misread_dates(doc: Doc) -> set[int]:
    """Names spaCy's recogniser tags as dates though no date expression covers them and no month,
    weekday or feast is named: an unknown village ("blocked the main road in Taalabaya")."""
    dated = dated_tokens(doc)
    return {
        token.i
        for token in doc
        if token.ent_type_ == "DATE"
        and token.pos_ == "PROPN"
        and _is_cap(token)
        and token.i not in dated
        and token.lower_ not in CALENDAR_NAMES
    }


def candidate_spans(doc: Doc, blocked: set[int]) -> list[Span]:
    """Maximal capitalised phrases, allowing lower-case articles and hyphens inside them."""
    spans: list[Span] = []
    names = _misread_dates(doc)
    i = 0
    while i < len(doc):
        token = doc[i]
        # "al Rashid", "al-Hasakeh" (the tokenizer splits the hyphen off)
        name_at = i + 2 if i + 2 < len(doc) and doc[i + 1].text == "-" else i + 1
        article_start = (
            token.lower_ in ARTICLES
            and name_at < len(doc)
            and _is_cap(doc[name_at])
            and name_at not in blocked
        )
        if (
            i in blocked
            or not (_is_cap(token) or article_start)
            or (token.ent_type_ in {"DATE", "TIME", "MONEY", "PERCENT"} and i not in names)
        ):
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j not in blocked and j - i < MAX_WORDS + 3:
            nxt = doc[j]
            if (_is_cap(nxt) and not nxt.is_sent_start) or (
                nxt.lower_ in CONNECTORS
                and j + 1 < len(doc)
                and (_is_cap(doc[j + 1]) or doc[j + 1].lower_ in CONNECTORS)
            ):
                j += 1
            else:
                break
        while j > i + 1 and doc[j - 1].lower_ in CONNECTORS:
            j -= 1
        spans.append(doc[i:j])
        i = j
    return spans


PERSON_TITLES = frozenset(
    {"senator", "governor", "mayor", "councillor", "councilor", "congressman", "congresswoman", "deputy",
     "commander", "spokesman", "spokeswoman", "spokesperson", "secretary", "judge", "senior"}
)
"""Titles that make the name after them a person's ("State Senator Raquel Teran")."""


ATTRIBUTIVE_PARTICIPLES = frozenset(
    {"based", "backed", "born", "led", "funded", "allied", "aligned", "linked", "trained", "supported"}
)


def _attributive(doc: Doc, end: int) -> bool:
    """ "an offshoot of the Pakistan-based Lashkar-e-Taiba", "the Rwanda-backed M23": a name joined
    to a participle describes an actor; it names no place of the report."""
    after = doc[end : end + 2]
    return len(after) == 2 and after[0].text == "-" and after[1].lower_ in ATTRIBUTIVE_PARTICIPLES


def _bracketed(doc: Doc, span: Span) -> bool:
    """Whether the span is all a pair of brackets holds ("(CNL)")."""
    inside = span.start > 0 and span.end < len(doc)
    return inside and doc[span.start - 1].text == "(" and doc[span.end].text == ")"


def _demarcation_lines(doc: Doc) -> set[int]:
    """The tokens of "the Line of Control", "the Line of Actual Control": a front, not a town called
    Control."""
    tokens: set[int] = set()
    for token in doc[:-2]:
        if token.lower_ == "line" and doc[token.i + 1].lower_ == "of" and _is_cap(doc[token.i + 2]):
            end = token.i + 2
            while end < len(doc) and _is_cap(doc[end]):
                end += 1
            tokens.update(range(token.i, end))
    return tokens


def _strip(span: Span) -> Span:
    """Drop leading words that are never part of a place name ("The", "On", "Sunday"); a name a
    person's title opens is no place at all (the empty span)."""
    start = span.start
    while start < span.end and span.doc[start].lower_ in NOT_PLACES:
        start += 1
    if start < span.end and span.doc[start].lower_ in PERSON_TITLES:
        return span.doc[span.end : span.end]
    return span.doc[start : span.end]


class PlaceFinder:
    """Finds place mentions in a Doc with one gazetteer and one resolver (built once per pipeline)."""

    def __init__(self, gazetteer: Gazetteer, dictionary: ActorDictionary) -> None:
        self.gazetteer = gazetteer
        self.resolver = PlaceResolver(gazetteer)
        self.dictionary = dictionary

    def _lookup(self, text: str) -> list[Match]:
        """Candidates spelled like the text or sharing its consonant skeleton ("Idleb" ~ "Idlib"),
        never fuzzy look-alikes."""
        return self.gazetteer.matches(text, limit=8, fuzzy=False)

    def _best_part(self, span: Span) -> tuple[Span, list[Match]] | None:
        """The longest sub-phrase the gazetteer knows, longest first then leftmost."""
        n = len(span)
        for size in range(min(n, MAX_WORDS), 0, -1):
            for offset in range(0, n - size + 1):
                part = span[offset : offset + size]
                if part[-1].lower_ in CONNECTORS or part[0].text in {"-", "'", "’"}:
                    continue  # "Al-Hasakeh" may start with its article; no name ends with one
                if size == 1 and (part[0].lower_ in NOT_PLACES | SITE_WORDS or len(part[0]) < 3):
                    continue  # "Street" of "Street 50" is no town (Street, Somerset)
                found = self._lookup(part.text)
                if found:
                    return part, found
        return None

    def _place_prefix(self, span: Span) -> tuple[Span, list[Match]] | None:
        """The longest opening words of a name that the gazetteer knows as a place."""
        for size in range(min(len(span) - 1, MAX_WORDS), 0, -1):
            part = span[:size]
            if part[-1].lower_ in CONNECTORS or (size == 1 and len(part[0]) < 3):
                continue
            found = [match for match in self._lookup(part.text) if match.tier == 0]
            if found:
                return part, found
        return None

    def _part_of_region(self, span: Span) -> bool:
        """'Eastern Raqqa', 'Southern Lebanon': a direction before a province's or a country's name,
        which the gazetteer does not know whole and no settlement noun introduces ('Eastern Ghouta'
        and the town of 'Eastern Sharqiya' are names of their own)."""
        rest = span[1:].text
        if _cue_before(span.doc, span.start) in SETTLEMENT_NOUNS or self._lookup(span.text):
            return False  # "the town of Eastern Sharqiya"
        if self.gazetteer.country(rest) is not None:
            return True
        areas = self.gazetteer.matches(rest, limit=1, feature="admin1", fuzzy=False)
        return bool(areas) and areas[0].tier == 0

    def mentions(self, doc: Doc) -> list[tuple[PlaceMention, list[Match]]]:
        blocked = {
            i
            for mention in (doc._.actors or [])
            if not _acronym(mention.text)
            for i in range(mention.start, mention.end)
        }
        blocked.update(
            i
            for i, token in enumerate(doc)
            if self.dictionary.country_of_demonym(token.text) and not self.gazetteer.country(token.text)
        )
        blocked.update(_demarcation_lines(doc))
        found: list[tuple[PlaceMention, list[Match]]] = []
        for raw in candidate_spans(doc, blocked):
            span = _strip(raw)
            if len(span) > 1 and span[0].lower_ in DIRECTIONS and self._part_of_region(span):
                span = span[1:]  # "in Eastern Raqqa": Raqqa, the direction a cue
            if not len(span) or _attributive(doc, span.end):
                continue
            cue = _cue_before(doc, span.start)
            if cue is None and found and _coordinated(doc, found[-1][0].end, span.start):
                cue = found[-1][0].cue
            if cue is None and found and _contains_at(doc, found[-1][0].end, span.start, span.end):
                cue = "in"  # "Kafr Nobol (Al Ma'ra, Idleb)", "Murghab district, Badghis": the area around it
            if cue is None and found and _owned_by_area(doc, found[-1][0], span):
                cue = "in"  # "US strikes on Yemen's Ras Isa fuel port"
            if cue is None and named_by_noun(doc, span.end):
                cue = doc[
                    span.end
                ].lower_  # "Daret Azza town", "Maraanaz front", "Kafr Lusin border crossing"
            if cue is None and span.end < len(doc) and doc[span.end].lower_ in ROUTE_NOUNS:
                cue = "road"  # "blocked the Taalabaya highway": a road named after the town it serves
            if _organisation_after(doc, span.end) and (cue is None or _acronym(span.text)):
                continue
            if _outlet_after(doc, span.end):
                continue
            if span[-1].lower_ in ORGANISATION_WORDS - {"university", "hospital", "school", "college"}:
                # "Awami League", "Education Department" are organisations; "at the Idlib Health
                # Directorate", "in front of Rangpur Press Club" still say which town
                premises = span[-1].lower_ in PREMISES and cue in PREMISES_CUES
                prefix = self._place_prefix(span) if premises else None
                if prefix is not None:
                    found.append((self._mention(doc, prefix[0], cue, prefix[1][0].place), prefix[1]))
                continue
            if any(ch.isdigit() for ch in span[0].text) and cue not in {"in", "at", "near"}:
                continue  # "Kh-101", "UMPB D-30": a weapon's model, not a place
            if _reporting_after(doc, span.end):
                continue
            if _acronym(span.text) and cue not in {"in", "near", "at", "outside", "around", "inside"}:
                continue
            if _acronym(span.text) and _bracketed(doc, span) and not self.gazetteer.country(span.text):
                continue  # "the National Congress for Freedom (CNL)": a name's acronym
            hit = self._best_part(span)
            if hit:
                part, places = hit
                exact = len(part) == len(span)
                if not exact and part.start > span.start and cue is None:
                    cue = _cue_before(doc, part.start)
                if (
                    (part[0].ent_type_ == "PERSON" and not (exact and _city(places[0])))
                    or (len(part) == 1 and part[0].pos_ != "PROPN")
                    or all(match.tier > 0 for match in places)  # "Bikers for Trump" is not Trimont
                ) and cue is None:
                    continue
                if not exact and _settlement_after(doc, span.end) and cue in {"in", "of", "near"}:
                    found.append((self._mention(doc, span, cue, None), []))
                    continue
                mention = self._mention(doc, part if exact else span, cue, places[0].place)
                mention.partial = not exact and not _site(span)  # "Sanaa Street" still says Yemen
                found.append((mention, places))
            elif cue and span[0].lower_ not in NOT_PLACES and not (len(span) == 1 and span[0].tag_ == "JJ"):
                found.append((self._mention(doc, span, cue, None), []))
        return found

    def _mention(self, doc: Doc, span: Span, cue: str | None, top: Place | None) -> PlaceMention:
        following = doc[span.end].lower_ if span.end < len(doc) else ""
        kind = "site" if _site(span) or following in SITE_WORDS else "town"
        if top is not None and top.feature in {"country", "admin1"} and _fold_equal(top.name, span.text):
            kind = top.feature
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        if ((after in REGION_NOUNS and after != "countryside") or cue in REGION_NOUNS) and kind != "country":
            kind = "admin1"
        relation = (
            "near"
            if (cue in NEAR_WORDS or after in {"countryside", "outskirts"} or _near_before(doc, span.start))
            else "in"
        )
        return PlaceMention(span.start, span.end, span.text, top, kind, relation, cue)

    def resolve(
        self, doc: Doc, raw: list[tuple[PlaceMention, list[Match]]], countries: Sequence[str]
    ) -> list[PlaceMention]:
        """Choose each mention's place with the report's countries and containing areas as context."""
        admin1s = [m.text for m, _ in raw if m.kind == "admin1"]
        owners = [_possessor(doc, raw, index) for index in range(len(raw))]
        abroad: list[str] | None = None  # the actors' countries beyond the report's, once needed
        resolved: list[PlaceMention] = []
        for index, (mention, places) in enumerate(raw):
            container = _container(doc, raw, index) or owners[index]
            if not places:
                resolved.append(mention)
                continue
            if mention.kind == "country":
                mention.place = self.gazetteer.country(mention.text) or places[0].place
            elif mention.kind == "admin1" or (container is None and _region_context(doc, mention)):
                area = self._area(mention.text, countries)
                if area is not None:
                    mention.place, mention.kind = area, "admin1"
                else:
                    mention.kind = "town"  # "the countryside of Afrin": a town's surroundings
            if mention.kind in {"town", "site"}:
                scope = [container.text] if container is not None else admin1s
                best = self._town(mention.text, countries, scope)
                mention.place = (
                    best if best is not None and self._plausible(best, mention, countries) else None
                )
                if mention.place is None and mention.cue is not None:
                    abroad = self._countries_abroad(doc, countries) if abroad is None else abroad
                    mention.place = self._across_border(mention.text, abroad)
                if mention.place is None and mention.cue is None:
                    continue
            resolved.append(mention)
        links = _Links.of(doc, raw)
        for index, (mention, _places) in enumerate(raw):
            town = mention.place if mention.kind in {"town", "site"} else None
            owner = owners[index]
            areas = _containers(raw, index, links) + ([owner] if owner is not None else [])
            if town is not None and _outside(town, areas):
                mention.place = None  # "Hauban (Salh, Taizz)" is not Habban in Shabwah
        return resolved

    def _town(self, name: str, countries: Sequence[str], admin1s: Sequence[str]) -> Place | None:
        """The settlement a name means; a region's name read as a town ("close to Aleppo
        university") is the town of that name when the region holds one (Al Jawf governorate is
        not the hamlet of Jawf al Maqbabah in Abyan)."""
        best = self.resolver.resolve(name, countries=countries, admin1s=admin1s, fuzzy=False)
        if best is not None and best.feature in {"admin1", "country"}:
            towns = self.gazetteer.matches(
                name, best.country_code, limit=1, feature="populated place", fuzzy=False
            )
            if towns and towns[0].tier == 0 and (
                best.feature == "country" or _fold_equal(towns[0].place.admin1 or "", best.name)
            ):
                return towns[0].place
        return best

    def _area(self, name: str, countries: Sequence[str]) -> Place | None:
        """The admin1 area a name means, in the report's countries first."""
        for code in countries[:2]:
            area = self.gazetteer.admin1(name, code)
            if area is not None:
                return area
        if countries:
            return None
        matches = self.gazetteer.matches(name, limit=1, feature="admin1", fuzzy=False)
        return matches[0].place if matches and matches[0].tier == 0 else None

    def _countries_abroad(self, doc: Doc, countries: Sequence[str]) -> list[str]:
        """The countries (ISO codes) of the actors a report names, beyond the report's own."""
        codes = {
            country.country_code
            for actor in doc._.actors or []
            if actor.country and (country := self.gazetteer.country(actor.country)) is not None
        }
        return sorted(codes - set(countries))

    def _across_border(self, name: str, abroad: Sequence[str]) -> Place | None:
        """A town whose own name is spelt exactly so in one of the countries `abroad` (those of the
        report's actors, beyond its own): rockets fired from Lebanon "at the town of Kiryat Shmona",
        a Ukrainian drone striking Shebekino."""
        for code in abroad:
            found = self.gazetteer.matches(name, code, limit=1, feature="populated place", fuzzy=False)
            if found and found[0].tier == 0 and found[0].primary:  # its own name, not a byname
                return found[0].place
        return None

    def _plausible(self, place: Place, mention: PlaceMention, countries: Sequence[str]) -> bool:
        """A town is believed when it lies in the report's countries (its first one, when no
        locative cue introduces it); in a report with no country at all, only an exact spelling of a
        town of some size is."""
        if countries:
            return place.country_code in (countries[:1] if mention.cue is None else countries[:2])
        return _fold_equal(place.name, mention.text) and place.population >= KNOWN_TOWN


SITE_WORDS = frozenset(
    {
        "river",
        "mountains",
        "mountain",
        "sea",
        "lake",
        "valley",
        "desert",
        "plain",
        "plains",
        "gulf",
        "bay",
        "basin",
        "dam",
        "canal",
        "field",
        "fields",
        "highway",
        "road",
        "street",
        "roundabout",
        "square",
        "bridge",
        "airport",
        "airbase",
        "base",
        "port",
        "station",
        "crossing",
        "hospital",
        "school",
        "university",
        "mosque",
        "church",
        "market",
        "prison",
        "stadium",
        "park",
        "building",
        "factory",
    }
)


BIG_CITY = 250_000
"""A town this populous, named exactly, is the place even where spaCy reads a person ("Russian forces
pounded Kharkiv"): no one in the news is mostly called "Kharkiv"."""


def _city(match: Match) -> bool:
    """Whether a match is a populous town spelt exactly as the text names it."""
    return match.tier == 0 and match.place.feature == "populated place" and match.place.population >= BIG_CITY


def _possessor(doc: Doc, raw: list[tuple[PlaceMention, list[Match]]], index: int) -> PlaceMention | None:
    """The place owning this one: "Kharkiv's Kyivskyi district", "Beirut's southern suburbs"."""
    if index == 0:
        return None
    owner, mention = raw[index - 1][0], raw[index][0]
    between = doc[owner.end : mention.start]
    if 0 < len(between) <= 3 and between[0].lower_ in POSSESSIVE and all(t.is_lower for t in between[1:]):
        return owner
    return None


def _site(span: Span) -> bool:
    """'Euphrates River', 'Al Ghab Plain', 'Dawla roundabout': a feature or building, not a settlement."""
    return span[-1].lower_ in SITE_WORDS


def _fold_equal(a: str, b: str) -> bool:
    return fold_name(a) == fold_name(b)


FATES_OF_PEOPLE = frozenset(
    {"release", "arrest", "detention", "funeral", "assassination", "resignation", "trial", "extradition"}
)
"""Nouns whose "of" names a person, not a place ("the release of Machar")."""


def _cue_before(doc: Doc, start: int) -> str | None:
    """The locative word introducing a phrase ("in", "near", "village of", "east of")."""
    for k in range(start - 1, max(-1, start - 4), -1):
        word = doc[k].lower_
        if word == "state" and _is_cap(doc[k]) and not doc[k].is_sent_start:
            return None  # "Secretary of State Katie Hobbs", "State Senator ...": a title
        if word in LOCATIVE or word in NEAR_WORDS or word in SETTLEMENT_NOUNS:
            if word == "of" and k > 0 and doc[k - 1].lower_ in NEAR_WORDS | SETTLEMENT_NOUNS:
                return doc[k - 1].lower_
            if word == "of" and k > 0 and doc[k - 1].lower_ in FATES_OF_PEOPLE:
                return None  # "to demand the release of Machar": a person
            if word == "of" and k > 0 and _is_cap(doc[k - 1]) and not doc[k - 1].is_sent_start:
                return None  # "near the Line of Control", "the Gulf of Aden": inside a name
            if word == "to" and k > 0 and doc[k - 1].lower_ in {"close", "next", "near", "adjacent"}:
                return "near"
            return word
        if word not in {
            "the",
            "a",
            "of",
            "city",
            "town",
            "village",
            "areas",
            "area",
            "'s",
            "’s",
            "besieged",
            "northern",
            "southern",
            "eastern",
            "western",
            "central",
            "rural",
        }:
            return None
    return None


REPORTING_VERBS = frozenset(
    {
        "say",
        "report",
        "tell",
        "claim",
        "state",
        "announce",
        "confirm",
        "add",
        "write",
        "post",
        "accuse",
        "deny",
        "cite",
        "quote",
    }
)


def _reporting_after(doc: Doc, end: int) -> bool:
    """'..., the White Helmets said': the subject of a reporting verb is a source, not a place."""
    return (
        end < len(doc)
        and doc[end].lower_ not in REGION_NOUNS  # "Merida state" is a region
        and doc[end].lemma_.lower() in REPORTING_VERBS
    )


def _acronym(text: str) -> bool:
    """'MSS', 'QSD': a bare acronym may be a site's name ("near MSS Euphrates") as well as a group's."""
    return text.isupper() and len(text) <= 5 and " " not in text


def _organisation_after(doc: Doc, end: int) -> bool:
    """'Kremlin spokesperson', 'State Department', 'Aleppo University': a name heading an organisation."""
    return end < len(doc) and doc[end].lower_ in ORGANISATION_WORDS


def _outlet_after(doc: Doc, end: int) -> bool:
    """'Amaq news agency', 'Wafa press office': a name heading an outlet, whatever stands before it."""
    return (
        end + 1 < len(doc)
        and doc[end].lower_ in {"news", "press", "media"}
        and doc[end + 1].lower_ in ORGANISATION_WORDS
    )


def _coordinated(doc: Doc, end: int, start: int) -> bool:
    """'Shaaleh and Nairabiyyeh', 'Tal Rifaat and the towns of Ain Daqna': one list of places."""
    between = {t.lower_ for t in doc[end:start]}
    return (
        0 < start - end <= 5
        and bool(between & {"and", ","})
        and between
        <= {"and", ",", "the", "towns", "town", "villages", "village", "of", "cities", "city", "or"}
    )


def _near_before(doc: Doc, start: int) -> bool:
    """ "north of X", "near the town of X"; not "Further north, in Duhok province": a comma ends the
    phrase."""
    for k in range(start - 1, max(-1, start - 5), -1):
        if doc[k].text in {",", ";"}:
            return False
        if doc[k].lower_ in NEAR_WORDS:
            return True
    return False


PLACE_NOUNS = frozenset(
    {
        "town",
        "village",
        "city",
        "area",
        "district",
        "camp",
        "front",
        "axis",
        "border",
        "crossing",
        "triangle",
        "junction",
        "checkpoint",
        "neighborhood",
        "neighbourhood",
        "suburb",
        "subdistrict",
        "sub-district",
        "locality",
        "municipality",
        "township",
    }
)
ROUTE_NOUNS = frozenset({"road", "highway", "motorway", "route", "railway", "journey"})
POSSESSIVE = frozenset({"'s", "’s"})


def named_by_noun(doc: Doc, end: int) -> bool:
    """A name followed by the kind of place it is ("Daret Azza town", "Maraanaz front")."""
    return end < len(doc) and doc[end].lower_ in PLACE_NOUNS


def _settlement_after(doc: Doc, end: int) -> bool:
    return end < len(doc) and doc[end].lower_ in SETTLEMENT_NOUNS - REGION_NOUNS


def _region_context(doc: Doc, mention: PlaceMention) -> bool:
    """'the northern part of the Aleppo governorate', 'in Idleb countryside' name the region."""
    after = doc[mention.end].lower_ if mention.end < len(doc) else ""
    return after in REGION_NOUNS


CONTAINER_GAP = frozenset(
    {
        "in",
        "also",  # "In Uruapan, also in Michoacán, ..."
        ",",
        "(",
        "the",
        "of",
        "'s",
        "’s",
        "countryside",
        "province",
        "governorate",
        "district",
        "town",
        "city",
        "village",
        "area",
        "region",
        "state",
        "county",
        "rural",
        "northern",
        "southern",
        "eastern",
        "western",
        "north",
        "south",
        "east",
        "west",
        "northwest",
        "northeast",
        "southwest",
        "southeast",
        "north-west",
        "north-east",
        "south-west",
        "south-east",
        "northwestern",
        "northeastern",
        "southwestern",
        "southeastern",
        "-",
        "checkpoint",
        "base",
        "airport",
        "crossing",
        "areas",
        "vicinity",
        "outskirts",
        "neighborhood",
        "neighbourhood",
        "quarter",
        "suburb",
        "camp",
    }
)
"""Words that may stand between a place and the area named after it ("Ziyara town in the countryside of")."""


def encloses(doc: Doc, inner: PlaceMention, outer: PlaceMention) -> bool:
    """'X in Y', 'X (Y)', 'X, Y': Y follows X closely and names the area around it."""
    return _contains_at(doc, inner.end, outer.start, outer.end)


def _owned_by_area(doc: Doc, owner: PlaceMention, span: Span) -> bool:
    """ "Yemen's Ras Isa fuel port": a name a country or a province owns lies in it (not "Russia's
    Belgorod region", whose governor speaks, nor "Ukraine's Khortytsia group of forces")."""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return (
        owner.kind in {"country", "admin1"}
        and owner.end == span.start - 1
        and doc[owner.end].lower_ in POSSESSIVE
        and after not in REGION_NOUNS | {"group", "groups"}
        and not _organisation_after(doc, span.end)
    )


def _contains_at(doc: Doc, end: int, start: int, area_end: int) -> bool:
    """Whether the phrase at `start:area_end` names the area around the place ending at `end`.

    A bracket opened just after a place holds its areas whatever stands before it ("Kafr Nobol
    town-dstrict (Al Ma'ra, Idleb)"); otherwise only the few words of CONTAINER_GAP may intervene.
    A name that owns what follows it is no area ("near Kani Masi, in Amadiya district, Turkey's
    defence ministry said").
    """
    if not 0 < start - end <= 5:
        return False
    if area_end < len(doc) and doc[area_end].lower_ in POSSESSIVE:
        return False
    if start - end <= 4 and doc[start - 1].text == "(":
        return True
    between = {t.lower_ for t in doc[end:start]}
    linked = bool(between & {"in", ",", "("}) or ("of" in between and bool(between & AREA_OF))
    return linked and between <= CONTAINER_GAP


AREA_OF = frozenset({"countryside", "outskirts", "vicinity", "province", "governorate", "district", "region"})
"""'Qadsiyah of the western countryside of Ar-Raqqa': words that make 'of' name a containing area."""


@dataclass(frozen=True, slots=True)
class _Links:
    """What `_containers` asks of each mention, worked out once per report: walking every chain
    of a run of names again at each of its links is cubic in the run's length."""

    container: list[PlaceMention | None]  # the mention right after, when it names the area around
    comma_only: list[bool]  # only commas stand between the mention and that container
    listed: list[bool]  # the names joined by commas from the mention on end in 'and'/'or': a list
    opened: list[int]  # opened[i]: how many of the first i tokens hold a "(" (brackets between two)

    @classmethod
    def of(cls, doc: Doc, raw: list[tuple[PlaceMention, list[Match]]]) -> _Links:
        container = [_container(doc, raw, index) for index in range(len(raw))]
        gaps = [{t.lower_ for t in doc[here[0].end : there[0].start]} for here, there in pairwise(raw)]
        listed = [False] * len(raw)
        for index in range(len(raw) - 2, -1, -1):  # from the last back: each run of names read once
            gap = gaps[index]
            if gap and gap <= {","}:
                listed[index] = listed[index + 1]
            else:
                listed[index] = bool(gap & {"and", "or"}) and gap <= {",", "and", "or", "the"}
        comma_only = [found is not None and gaps[index] <= {","} for index, found in enumerate(container)]
        opened = [0]
        for token in doc:
            opened.append(opened[-1] + ("(" in token.text))
        return cls(container, comma_only, listed, opened)


def _containers(raw: list[tuple[PlaceMention, list[Match]]], index: int, links: _Links) -> list[PlaceMention]:
    """Every area named around a place, innermost first: 'Hauban (Salh, Taizz)' gives Salh, Taizz.

    A bare comma may as well join a list ("near Kurakhove, Petropavlivka, Dachne and Slovianka"):
    outside brackets, names in such a list are not each other's areas.
    """
    chain: list[PlaceMention] = []
    start = raw[index][0].end
    while (container := links.container[index]) is not None:
        bracketed = links.opened[container.start] > links.opened[start]
        if links.comma_only[index] and not bracketed and links.listed[index]:
            break
        chain.append(container)
        index += 1
    return chain


def _outside(place: Place, containers: list[PlaceMention]) -> bool:
    """Whether the areas a report puts around a place contradict where the gazetteer has it."""
    for container in containers:
        area = container.place
        if area is None:
            continue
        if area.country_code != place.country_code:
            return True  # "Eastern Sharqiya in the countryside of Dar'a" is not in Saudi Arabia
        if area.feature == "country":
            continue
        region = area.name if area.feature == "admin1" else area.admin1
        if region and place.admin1 and not _fold_equal(region, place.admin1):
            return True
    return False


def _container(doc: Doc, raw: list[tuple[PlaceMention, list[Match]]], index: int) -> PlaceMention | None:
    """The mention right after this one when it names the area containing it."""
    if index + 1 < len(raw) and encloses(doc, raw[index][0], raw[index + 1][0]):
        return raw[index + 1][0]
    return None


_CAPITAL = "A-ZÀ-ÖØ-Þ"  # "CULIACÁN", "BOGOTÁ", "SÃO PAULO"
DATELINE = re.compile(
    rf"^\s*[{_CAPITAL}][{_CAPITAL} .'’/-]+(?:,\s*[{_CAPITAL}][\w .'’-]+){{0,2}}\s*(?:\([^()\n]{{1,40}}\)\s*)?"
    r"(?:[—–]|-(?=\s))"
    rf"|^\s*[{_CAPITAL}][{_CAPITAL} .'’-]+\s*\("
)


def dateline_end(text: str) -> int:
    """Where a wire dateline ("EL FASHER, Sudan, Aug 12 —", "KYIV, April 24 (Reuters) -") ends: the
    city that filed the story is context, not where the event happened, and the agency no place."""
    match = DATELINE.match(text[:120])
    return match.end() if match else 0


FOREIGN_REACH = frozenset({1, 8})
"""ACLED inter codes of the actors whose country says little about where a report happens: state
forces (1) and external forces (8)."""


def report_countries(
    doc: Doc, mentions: list[tuple[PlaceMention, list[Match]]], gazetteer: Gazetteer
) -> list[str]:
    """The report's countries (ISO codes), most likely first: the country that explains most of
    the places named.

    Each place votes for every country where its exact spelling exists, twice for its best-known
    namesake and three times when that is a big city (spelling variants do not vote), so the one
    country where "Zinar", "Tell Abiad" and "Raqqa" all exist wins over the countries where only
    one of them does. Regions and countries named outright and a
    country in the source line ("Daily Nation (Kenya)") weigh 3. A state force's country weighs 1:
    a report on Turkish or Russian strikes is usually about somewhere else; so does a dateline's
    city, since bureaus file on their neighbours. Any other actor's country (an armed group, a
    party, a crowd) weighs 2: they act at home far more often.
    """
    votes: Counter[str] = Counter()
    spelt: set[tuple[str, str]] = set()  # (country, place name): the places named that exist there
    for mention, matches in mentions:
        if mention.partial or mention.cue == "road":
            continue  # "Deir" of "Deir Jamal", the Jiyeh of "the Jiyeh highway" are no clue to the country
        if mention.kind in {"country", "admin1"} and matches:
            # "solidarity with Palestine", "condemning Israel": a country the report only talks
            # about counts for less than one where something happens ("in Syria")
            topical = mention.kind == "country" and mention.cue is None
            areas = gazetteer.matches(mention.text, limit=1, feature=mention.kind, fuzzy=False)
            named = areas[0] if areas and areas[0].tier == 0 else matches[0]
            votes[named.place.country_code or ""] += 1 if topical else 3  # "Bolivar state": Venezuela's
            continue
        exact = [match.place.country_code or "" for match in matches if match.tier == 0]
        if mention.cue == "dateline":
            votes.update(exact[:1])  # "BANGKOK, July 12 —": the bureau filing on Myanmar, one vote
            continue
        holders = list(dict.fromkeys(exact))  # each country once, in a fixed order: ties break alike
        votes.update(holders)
        spelt.update({(code, fold_name(mention.text)) for code in holders})
        # the best-known namesake (Hama, Syria, not Hama, Japan) counts twice; a big city something
        # happens in, called by its own name, as much as its country named outright ("a flash mob
        # in Lyon ... amid the war in Ukraine": France), but not one a local name only shares
        # ("Quriyeh" for Korla) nor one talked about ("condemning aggression on Gaza")
        best = next((match for match in matches if match.tier == 0), None)
        if best is not None:
            located = mention.cue in {"in", "at"} and fold_name(best.place.name) == fold_name(mention.text)
            votes[best.place.country_code or ""] += 2 if located and _city(best) else 1
        # a province's name ("in Idleb") says which country far more surely than a village's does,
        # unless the report says it names a town ("the town of Eastern Sharqiya")
        if mention.cue in {"town", "towns", "village", "villages", "city", "cities"}:
            continue
        for code in dict.fromkeys(
            m.place.country_code or "" for m in matches if m.tier == 0 and m.place.feature == "admin1"
        ):
            votes[code] += 2
    source = report_of(doc).source or ""
    for inside in re.findall(r"\(([^)]+)\)", source):
        country = gazetteer.country(inside)
        if country is not None and country.country_code:
            votes[country.country_code] += 3
    for actor in doc._.actors or []:
        country = gazetteer.country(actor.country) if actor.country else None
        if country is not None and country.country_code:
            # armies and air forces often fight abroad; rebels, militias and crowds seldom do
            votes[country.country_code] += 1 if actor.inter in FOREIGN_REACH else 2
    votes.pop("", None)
    # a tie goes to the country where more of the places exist ("Qaatabah, Ad Dali": Yemen, not
    # Zambia's Kataba nor China's Dali)
    places_in = Counter(code for code, _name in spelt)
    ranked = sorted(votes.items(), key=lambda item: (-item[1], -places_in[item[0]]))
    return [code for code, vote in ranked if vote * 4 >= ranked[0][1] * 3] if ranked else []


@Language.factory("frontwatch_places", default_config={"gazetteer_path": None})
def make_places(nlp: Language, name: str, gazetteer_path: str | None) -> PlaceComponent:
    from pathlib import Path

    gazetteer = Gazetteer(Path(gazetteer_path) if gazetteer_path else None)
    return PlaceComponent(PlaceFinder(gazetteer, ActorDictionary.load()))


class PlaceComponent:
    def __init__(self, finder: PlaceFinder) -> None:
        register_extensions()
        self.finder = finder

    def __call__(self, doc: Doc) -> Doc:
        raw = self.finder.mentions(doc)
        dateline = dateline_end(report_of(doc).text)
        for mention, _matches in raw:
            if doc[mention.start].idx < dateline:
                mention.cue = "dateline"
        countries = report_countries(doc, raw, self.finder.gazetteer)
        doc._.report_countries = countries
        doc._.places = self.finder.resolve(doc, raw, countries)
        return doc
