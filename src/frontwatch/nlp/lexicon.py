"""Lexicons kept as data: the phrase lexicons of data/triggers.toml, matched on token lemmas or forms,
and the word lists of data/nouns.toml and data/words.toml."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Token

Phrase = tuple[str, ...]


def _data(name: str) -> dict[str, Any]:
    """The parsed TOML file `name` of the frontwatch.data package."""
    return tomllib.loads(resources.files("frontwatch.data").joinpath(name).read_text("utf-8"))


def _split(term: str) -> Phrase:
    """Split a lexicon term the way spaCy's tokenizer splits text ("air-strike" -> air, -, strike)."""
    words: list[str] = []
    for chunk in term.lower().split():
        parts = chunk.replace("-", " - ").split()
        words.extend(parts)
    return tuple(words)


def _forms(token: Token) -> tuple[str, str]:
    return token.lower_, token.lemma_.lower()


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    start: int
    end: int
    label: str


class PhraseLexicon:
    """Longest-first, non-overlapping matching of multi-word terms against a Doc's tokens.

    A term's word matches a token when it equals the token's lower-cased form or its lemma, so
    "throw stone" finds "threw stones" and "hurled stones" needs its own entry only for "hurl".
    """

    def __init__(self, entries: Iterable[tuple[str, str]]) -> None:
        index: dict[str, list[tuple[Phrase, str]]] = defaultdict(list)
        for term, label in entries:
            words = _split(term)
            if words:
                index[words[0]].append((words, label))
        for options in index.values():
            options.sort(key=lambda option: -len(option[0]))
        self._index = dict(index)
        self.longest = max((len(options[0][0]) for options in index.values()), default=0)
        """The most words a term has: how far back a match can depend on where matching stops."""

    def _match_at(self, doc: Doc, i: int, limit: int) -> tuple[int, str] | None:
        lower, lemma = _forms(doc[i])
        by_form = self._index.get(lower)
        by_lemma = self._index.get(lemma) if lemma != lower else None
        if by_form is None and by_lemma is None:  # most tokens start no term
            return None
        options = (by_form or []) + (by_lemma or [])
        best: tuple[int, str] | None = None
        for words, label in options:
            end = i + len(words)
            if end > limit or (best and end - i <= best[0] - i):
                continue
            if all(words[k] in _forms(doc[i + k]) for k in range(1, len(words))):
                best = (end, label)
        return best

    def finditer(self, doc: Doc, start: int = 0, end: int | None = None) -> Iterator[PhraseMatch]:
        limit = len(doc) if end is None else end
        i = start
        while i < limit:
            found = self._match_at(doc, i, limit)
            if found:
                yield PhraseMatch(i, found[0], found[1])
                i = found[0]
            else:
                i += 1


@dataclass(frozen=True)
class TriggerLexicon:
    """The event cues, the blockers and the aggregate markers of data/triggers.toml."""

    cues: PhraseLexicon
    blockers: PhraseLexicon
    aggregates: PhraseLexicon
    labels: dict[str, str]  # editorial label ("movement of forces") -> sub-event type
    not_territory: frozenset[str]  # what "captured" can take that is not a place ("equipment")

    def label_of(self, text: str) -> str | None:
        """The sub-event type a note's opening label names ("Movement of forces: On 5 May ...")."""
        head, colon, _ = text.lstrip()[:60].partition(":")
        return self.labels.get(head.strip().lower()) if colon else None


@lru_cache(maxsize=1)
def load_trigger_lexicon() -> TriggerLexicon:
    data = _data("triggers.toml")
    cues = PhraseLexicon((term, cue["category"]) for cue in data["cue"] for term in cue["terms"])
    blockers = PhraseLexicon((term, "block") for term in data["block"]["terms"])
    aggregates = PhraseLexicon((term, "aggregate") for term in data["aggregate"]["terms"])
    return TriggerLexicon(
        cues,
        blockers,
        aggregates,
        dict(data.get("labels", {})),
        frozenset(data.get("not_territory", {}).get("terms", ())),
    )


@dataclass(frozen=True)
class Nouns:
    """The noun lexicons of data/nouns.toml."""

    person: frozenset[str]  # people a figure can count
    civilian: frozenset[str]  # words that say civilians were hit
    armed: frozenset[str]  # words that say armed people or their posts were hit


@lru_cache(maxsize=1)
def load_nouns() -> Nouns:
    data = _data("nouns.toml")
    return Nouns(frozenset(data["person"]), frozenset(data["civilian"]), frozenset(data["armed"]))


@dataclass(frozen=True)
class Words:
    """The word lists of data/words.toml, one field a list, named as there (the file says what each
    list is for). Word lists are sets; the phrases of its [phrases] table keep their order."""

    rebel_words: frozenset[str]
    site_nouns: frozenset[str]
    fleeing: frozenset[str]
    bygone: frozenset[str]
    casualty_words: frozenset[str]
    care_words: frozenset[str]
    statement_heads: frozenset[str]
    locating_cues: frozenset[str]
    discovery_verbs: frozenset[str]
    beginnings: frozenset[str]
    auxiliaries: frozenset[str]
    judging_verbs: frozenset[str]
    plan_verbs: frozenset[str]
    sought_nouns: frozenset[str]
    negations: frozenset[str]
    grievance_markers: frozenset[str]
    object_markers: frozenset[str]
    companions: frozenset[str]
    owner_verbs: frozenset[str]
    attack_verbs: frozenset[str]
    state_deeds: frozenset[str]
    site_after: frozenset[str]
    quarter_nouns: frozenset[str]
    feasts: frozenset[str]
    struck_things: frozenset[str]
    tying_words: frozenset[str]
    same_day: tuple[str, ...]
    back_then: tuple[str, ...]
    habitual: tuple[str, ...]
    anaphoric_openers: tuple[str, ...]


@lru_cache(maxsize=1)
def load_words() -> Words:
    """The lists of data/words.toml; a list missing from the file, or one `Words` lacks, is a TypeError."""
    data = _data("words.toml")
    words = {name: frozenset(terms) for name, terms in data.items() if name != "phrases"}
    phrases = {name: tuple(terms) for name, terms in data.get("phrases", {}).items()}
    return Words(**words, **phrases)
