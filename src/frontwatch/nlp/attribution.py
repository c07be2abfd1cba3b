"""The `frontwatch_attribution` component: who claims what, whom they cite, and how it is hedged.

Reporting patterns handled: "according to X", "X said/reported/claimed/told ...", "..., X said.",
"X cited Y as saying", "citing Y", pronouns ("it said") resolved to the previous claimant; hedges:
"could not independently verify" (unverified), "claimed" (claimed), "geolocated"/"verified by"
(verified), "denied"/"disputed" (disputed), "acknowledged"/"admitted" (acknowledged), "fact-check"
(debunked): the cues of data/verification.toml, which also grade merged events.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from frontwatch.merge.grading import load_cues
from frontwatch.nlp.spans import Attribution, SentenceInfo, register_extensions, span_text

REPORTING_VERBS = (
    r"said|says|say|reported|reports|report|told|claimed|claims|claim|stated|states|announced|announces|"
    r"confirmed|confirms|added|adds|wrote|posted|tweeted|noted|alleged|alleges|declared|acknowledged|"
    r"admitted|accused|blamed|quoted|cited|cites"
)
ACCORDING_TO = re.compile(r"\baccording to (?:a |an |the )?(?P<who>[^,.;:()\"“”]+)", re.IGNORECASE)
CITED = re.compile(
    r"\b(?:cited|quoting|quoted)\s+(?P<cited>[^,.;:\"“”]+?)\s+(?:as saying|in a report|as)", re.IGNORECASE
)
CITING = re.compile(r"\bciting\s+(?P<cited>[^,.;:\"“”]+)", re.IGNORECASE)
TRAILING = re.compile(
    rf",\s*(?P<who>[^,;:\"“”]{{2,80}}?)\s+(?:{REPORTING_VERBS})\b[^,;]*"
    # "..., OCHA said Monday, citing local health authorities."
    rf"(?:,\s*(?:citing|quoting)\b[^,;]*)?[.!]?\s*$",
    re.IGNORECASE,
)
_REPORTED_BY = (
    # "The Turkish-backed Free Syrian Army, which is part of the rebel coalition, said ..."
    rf"(?:,\s*(?:which|who)\s[^,;:\"“”]{{2,80}}?,)?\s+(?:(?:also|had|has|"
    rf"have|later|earlier|previously)\s+)?(?:{REPORTING_VERBS})\b"
)
REPORTED_BY = re.compile(_REPORTED_BY)
"""The reporting verb after a source's name ("The Free Syrian Army, which is part of the coalition, said")."""
LEADING = re.compile(rf"^(?:[A-Z][^,;:\"“”]{{0,20}},\s*)?(?P<who>[^,;:\"“”]{{2,80}}?){_REPORTED_BY}")
OWN_DEED = re.compile(
    r"(?:\s+(?:on\s+)?\w+)?(?:\s+in\s+a\s+statement)?(?:\s+that)?\s+(?:it|its|they|their|he|his|she|her|we|our)\b",
    re.IGNORECASE,
)
"""A reported clause about the source itself: "(said) it struck", "(said) Sunday its jets", "(said in a
statement) that they"."""
SUBORDINATE = re.compile(r"\s*(?:after|before|when|while|as|since|until|once|if)\b", re.IGNORECASE)
"""A clause of time or condition ("after the army's spokesman told residents to leave"), not a source."""
PRONOUNS = frozenset({"it", "they", "he", "she", "the group", "the agency", "the ministry", "the army"})

_LEAD_WORDS = re.compile(r"^(?:the|a|an|official|state|local)\s+", re.IGNORECASE)


def _clean(who: str, sent: Span, ents: Sequence[Span]) -> str | None:
    """Trim a claimant phrase to the organisation or person it names (among the sentence's `ents`)."""
    who = who.strip().strip("'\"“”")
    if not who or len(who.split()) > 12:
        return None
    start = sent.start_char + span_text(sent).find(who)
    inside = [
        ent
        for ent in ents
        if ent.start_char >= start
        and ent.end_char <= start + len(who) + 1
        and ent.label_ in {"ORG", "PERSON", "NORP", "GPE", "ACTOR", "FAC"}
    ]
    if inside:
        # the head of "the official Russian news agency TASS" is its last name, and an organisation
        # or a person names a source better than a nationality does
        head = max(inside, key=lambda ent: (ent.label_ != "NORP", ent.end_char))
        return re.sub(r"^the\s+", "", head.text, flags=re.IGNORECASE)
    cleaned = _LEAD_WORDS.sub("", who)
    if not cleaned or (cleaned[0].islower() and cleaned.lower() not in PRONOUNS):
        return None
    return cleaned


def attribute(sent: Span, previous: str | None, ents: Sequence[Span] | None = None) -> Attribution:
    """`ents` are the sentence's entities if the caller has them: spaCy's `sent.ents` rebuilds every
    entity of the document on each read, so a report of many sentences passes them (`_sentence_ents`)."""
    ents = sent.ents if ents is None else ents
    text = span_text(sent)
    attribution = Attribution()
    who: str | None = None
    match = ACCORDING_TO.search(text)
    if match:
        phrase = match.group("who")
        by = re.search(r"\bby (?P<org>[A-Z][^,.;]+)", phrase)
        who = _clean(by.group("org") if by else phrase, sent, ents)
    if who is None:
        for pattern in (TRAILING, LEADING):
            match = pattern.search(text)
            if match:
                who = _clean(match.group("who"), sent, ents)
                if who:
                    verb = REPORTED_BY.match(text, match.end("who"))
                    attribution.own_deed = verb is not None and OWN_DEED.match(text, verb.end()) is not None
                    break
    if who is not None and match is not None and not SUBORDINATE.match(match.group("who")):
        attribution.source_span = (sent.start_char + match.start("who"), sent.start_char + match.end("who"))
    if who and who.lower() in PRONOUNS:
        who = previous
    cited = CITED.search(text) or CITING.search(text)
    if cited:
        attribution.cited = re.sub(r"^the\s+", "", cited.group("cited").strip(), flags=re.IGNORECASE)
    attribution.claimant = who
    attribution.hedges = [str(grade) for grade, _ in load_cues().find(text)]
    return attribution


def _sentence_ents(ents: Sequence[Span], starts: list[int], ends: list[int], sent: Span) -> Sequence[Span]:
    """`sent.ents` from the document's entities, read once: spaCy's entities are ordered and never
    overlap, so theirs are a run from the first starting in the sentence to the last ending in it
    (spaCy stops its own scan at the first that ends past the sentence, as this does)."""
    first = bisect_left(starts, sent.start)
    return ents[first : bisect_right(ends, sent.end, lo=first)]


@Language.factory("frontwatch_attribution")
def make_attribution(nlp: Language, name: str) -> AttributionComponent:
    return AttributionComponent()


class AttributionComponent:
    """Fills each SentenceInfo's attribution and gives its claims their claimant."""

    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        infos: list[SentenceInfo] = doc._.sentences or []
        ents = doc.ents
        starts, ends = [ent.start for ent in ents], [ent.end for ent in ents]
        previous: str | None = None
        for info in infos:
            sent = doc[info.start : info.end]
            info.attribution = attribute(sent, previous, _sentence_ents(ents, starts, ends, sent))
            if info.attribution.claimant:
                previous = info.attribution.claimant
            for claim in info.claims:
                claim.claimant = info.attribution.claimant
                claim.cited = info.attribution.cited
        return doc
