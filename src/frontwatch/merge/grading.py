"""Grading how far an event is established, from what its reports claim (in the spirit of Airwars).

An event told by one source is unverified (or claimed, when that source is a party claiming its
own deed); several independent sources corroborate it; the party that acted or lost may
acknowledge it; footage or imagery may verify it; the parties may contradict each other
(disputed); a fact-check may find it false (debunked). The strongest grade any report supports
wins, except that a contradiction outranks every confirmation but a debunking: a verified strike
whose author is denied is still disputed.

The cues are data (`data/verification.toml`), shared with the attribution component that marks
each sentence's hedges. Every report's account is graded here again from the sentences it rests
on (an account keeps at least the grade its coder gave it), so that one set of cues grades every
event, merged or not.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from frontwatch.merge.cluster import actor_key, is_named
from frontwatch.models import Event, Verification

STRONGEST_FIRST: tuple[Verification, ...] = (
    Verification.DEBUNKED,
    Verification.DISPUTED,
    Verification.VERIFIED,
    Verification.ACKNOWLEDGED,
    Verification.CORROBORATED,
    Verification.CLAIMED,
    Verification.UNVERIFIED,
)

NOT_PARTIES = ("civilians", "protesters", "rioters", "unidentified")
"""Actor names starting with these are the people hit or an unknown hand, not a party that can
acknowledge an event."""


@dataclass(frozen=True)
class VerificationCues:
    """The cues of data/verification.toml, compiled."""

    patterns: Mapping[Verification, tuple[re.Pattern[str], ...]]
    generic: frozenset[str]  # words of actor names that name no party ("forces", "of")
    any_cue: re.Pattern[str]  # every pattern as one alternation: matches where some pattern does

    def find(self, text: str) -> Iterable[tuple[Verification, re.Match[str]]]:
        """Each grade whose cue occurs in the text, with its first match, in the file's order.

        A text in which no cue occurs (nearly every sentence) costs one scan of `any_cue` instead
        of one per pattern; the result is the same, since the alternation matches exactly where
        one of its patterns does (the cues use no back-references or inline flags)."""
        if not self.any_cue.search(text):
            return
        for grade, patterns in self.patterns.items():
            match = next((m for pattern in patterns if (m := pattern.search(text))), None)
            if match is not None:
                yield grade, match


@lru_cache(maxsize=1)
def load_cues() -> VerificationCues:
    """The packaged cues, read once per process."""
    text = resources.files("frontwatch.data").joinpath("verification.toml").read_text("utf-8")
    data = tomllib.loads(text)
    patterns = {
        Verification(name): tuple(re.compile(p, re.IGNORECASE) for p in grade["patterns"])
        for name, grade in data["grades"].items()
    }
    any_cue = re.compile(
        "|".join(f"(?:{pattern.pattern})" for grade in patterns.values() for pattern in grade), re.IGNORECASE
    )
    return VerificationCues(patterns, frozenset(data["party"]["generic"]), any_cue)


def grade(members: Sequence[Event], event: Event) -> Verification:
    """The grade of `event` (merged from `members`, in `order_key` order) from its members' claims:
    the strongest of each member's own grade, the cues in the sentences it rests on and, when
    reports citing different sources tell it, corroboration."""
    cues = load_cues()
    found = {member.verification for member in members}
    parties = [pattern for actor in (event.actor1, event.actor2) if (pattern := party_pattern(actor))]
    for member in members:
        for sentence in member.evidence:
            for cue, match in cues.find(sentence):
                before = sentence[: match.start()]
                if cue != Verification.ACKNOWLEDGED or _said_by_party(before, member, parties):
                    found.add(cue)
    if independent_reports(members):
        found.add(Verification.CORROBORATED)
    return next((cue for cue in STRONGEST_FIRST if cue in found), Verification.UNVERIFIED)


def independent_reports(members: Sequence[Event]) -> bool:
    """At least two members from different reports that cite no source in common.

    Two outlets repeating one ministry statement corroborate nothing; outlets citing different
    sources do.
    """
    cited = [{s.casefold() for s in e.sources} for e in members if e.sources]
    return any(a.isdisjoint(b) for i, a in enumerate(cited) for b in cited[i + 1 :])


def _said_by_party(before_cue: str, member: Event, parties: Sequence[re.Pattern[str]]) -> bool:
    """The acknowledgement comes from a party: named before the cue ("Myanmar's military
    acknowledged ...") or the source the report gives for the sentence."""
    return any(party.search(text) for party in parties for text in (before_cue, *member.sources))


@lru_cache(maxsize=4096)
def party_pattern(actor: str | None) -> re.Pattern[str] | None:
    """A pattern for the names a party goes by: its own name's distinctive words, its aliases in the
    actor dictionary and, for state forces, its country's names and demonyms ("Israeli")."""
    if not is_named(actor) or actor_key(actor).startswith(NOT_PARTIES):
        return None
    from frontwatch.nlp.actor_dictionary import ActorDictionary  # the dictionary, not spaCy

    dictionary = ActorDictionary.load()
    entry = dictionary.get(actor or "") or dictionary.match_alias(actor_key(actor))
    names = {word for word in actor_key(actor).split() if len(word) > 2} - load_cues().generic
    caps: set[str] = set()
    if entry is not None:
        names.update(entry.aliases)
        caps.update(entry.case_sensitive_aliases)
        country = dictionary.country(entry.country) if entry.country and entry.inter == 1 else None
        if country is not None:
            names.update((country.name, *country.aliases))
            for form in country.demonyms:
                (caps if form.isupper() else names).add(form)
    if not names and not caps:
        return None
    alternatives = [rf"(?i:{re.escape(name)})" for name in sorted(names)]
    alternatives += [re.escape(form) for form in sorted(caps)]
    return re.compile(rf"\b(?:{'|'.join(alternatives)})\b")
