"""The actor dictionary's entity ruler: spaCy's EntityRuler with its token patterns indexed by first word.

spaCy's Matcher starts every token pattern at every token. The actor dictionary needs about 900
token patterns (acronyms matched on ORTH, "Syrian and Russian jets", "IS militants"), so that scan
was the slowest step of the pipeline, slower than the statistical NER. Every one of these patterns
begins with a plain ORTH or LOWER test and has a bounded length, so a dictionary look-up tells
where a pattern can start and how far it can reach. The ruler runs, over each such window only, a
Matcher that holds only the patterns that can start in it.

The result is exactly the Matcher's own, order included (a pattern that cannot start in a window
dies on its first token and leaves no trace, and no partial match outlives its window), which
matters: the EntityRuler breaks ties between equal spans by the order of a set built from the
matches.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import EntityRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc

PatternKey = tuple[int, ...]
"""The indices, in the ruler's Matcher order, of the token patterns one window needs."""

_BOUNDED_OPS = frozenset({None, "?"})
_INDEXED_ATTRS = {"ORTH": ORTH, "LOWER": LOWER}
_WINDOW_MATCHERS = 256
"""Small Matchers kept per ruler (a few hundred combinations of first words recur in news)."""
_SEEN_ONCE = 4096


class IndexedEntityRuler(EntityRuler):
    """An EntityRuler whose token patterns are tried only in the windows where they can start.

    Patterns the index cannot bound (a first token tested on another attribute, `+` or `*`
    operators) switch the ruler back to the plain Matcher, so any pattern set stays correct.
    """

    def __init__(self, nlp: Language, name: str = "entity_ruler", **config: Any) -> None:
        self._reset_index()
        super().__init__(nlp, name, **config)

    def _reset_index(self) -> None:
        self._ordered: list[tuple[str, list[dict[str, Any]]]] = []  # (key, pattern) in Matcher order
        # attribute (ORTH, LOWER) -> word hash -> (indices of the patterns it starts, their
        # greatest length): a table per attribute, so that a token costs two look-ups
        self._starts_by: dict[int, dict[int, tuple[frozenset[int], int]]] = {
            attr: {} for attr in _INDEXED_ATTRS.values()
        }
        self._indexed = True
        self._window_matchers: dict[PatternKey, Matcher] = {}
        self._seen_once: set[PatternKey] = set()

    def clear(self) -> None:
        super().clear()
        self._reset_index()

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        super().add_patterns(patterns)
        for entry in patterns:  # EntityRuler adds token patterns to its Matcher in input order
            if isinstance(entry["pattern"], list):
                key = self._create_label(entry["label"], entry["id"]) if "id" in entry else entry["label"]
                self._ordered.append((key, entry["pattern"]))
        self._build_index()

    def remove(self, ent_id: str) -> None:
        super().remove(ent_id)
        self._ordered = [(key, pattern) for key, pattern in self._ordered if key in self.token_patterns]
        self._build_index()

    def _build_index(self) -> None:
        starts: dict[tuple[int, int], tuple[set[int], int]] = {}
        self._indexed = True
        for index, (_key, pattern) in enumerate(self._ordered):
            first = _first_words(pattern)
            if first is None:
                self._indexed = False
                break
            attr, words = first
            for word in words:
                start = (attr, get_string_id(word))
                indices, reach = starts.get(start, (set(), 0))
                indices.add(index)
                starts[start] = indices, max(reach, len(pattern))
        self._starts_by = {attr: {} for attr in _INDEXED_ATTRS.values()}
        for (attr, word), (indices, reach) in starts.items():
            self._starts_by[attr][word] = frozenset(indices), reach
        self._window_matchers.clear()
        self._seen_once.clear()

    def match(self, doc: Doc) -> list[tuple[int, int, int]]:
        """EntityRuler.match, with the token matches found window by window.

        The empty-ruler warning is checked only when the ruler looks empty: EntityRuler counts
        every phrase pattern (65,000 here) for it on each Doc.
        """
        if not self._ordered and not len(self.phrase_matcher):
            self._require_patterns()
        matches = [*self._token_matches(doc), *self.phrase_matcher(doc)]
        final_matches = {(m_id, start, end) for m_id, start, end in matches if start != end}
        return sorted(final_matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)

    def _token_matches(self, doc: Doc) -> Iterator[tuple[int, int, int]]:
        if not self._indexed:
            yield from self.matcher(doc)
            return
        for start, end, needed in self._windows(doc):
            matcher = self._matcher_for(needed, end - start)
            for match_id, first, last in matcher(doc[start:end]):
                yield match_id, first + start, last + start

    def _windows(self, doc: Doc) -> Iterator[tuple[int, int, PatternKey]]:
        """(start, end, patterns) of each stretch of tokens a match can cover, left to right."""
        if not self._ordered:
            return
        window: tuple[int, int, set[int]] | None = None
        by_orth, by_lower = self._starts_by[ORTH], self._starts_by[LOWER]
        for i, (orth, lower) in enumerate(doc.to_array([ORTH, LOWER]).tolist()):
            at_orth, at_lower = by_orth.get(orth), by_lower.get(lower)
            if at_orth is None and at_lower is None:  # nearly every token: two look-ups, nothing built
                continue
            found = [hit for hit in (at_orth, at_lower) if hit]
            reach = min(len(doc), i + max(hit[1] for hit in found))
            if window is not None and i < window[1]:
                window = window[0], max(window[1], reach), window[2].union(*(hit[0] for hit in found))
                continue
            if window is not None:
                yield window[0], window[1], tuple(sorted(window[2]))
            window = i, reach, set().union(*(hit[0] for hit in found))
        if window is not None:
            yield window[0], window[1], tuple(sorted(window[2]))

    def _matcher_for(self, needed: PatternKey, tokens: int) -> Matcher:
        """A Matcher holding just these patterns, in Matcher order; the full one for a one-off set.

        Adding a pattern to a Matcher costs about what running the full Matcher costs per token, so
        a set of patterns gets its own Matcher at once when it has no more patterns than the window
        has tokens, and otherwise the second time a window needs it.
        """
        matcher = self._window_matchers.pop(needed, None)
        if matcher is None:
            if len(needed) > tokens and needed not in self._seen_once:
                if len(self._seen_once) >= _SEEN_ONCE:
                    self._seen_once.clear()
                self._seen_once.add(needed)
                return self.matcher
            matcher = Matcher(self.nlp.vocab, validate=False, fuzzy_compare=self.matcher_fuzzy_compare)
            for index in needed:
                key, pattern = self._ordered[index]
                matcher.add(key, [pattern])
            self._seen_once.discard(needed)
            if len(self._window_matchers) >= _WINDOW_MATCHERS:
                del self._window_matchers[next(iter(self._window_matchers))]
        self._window_matchers[needed] = matcher  # most recently used last
        return matcher


def _first_words(pattern: list[dict[str, Any]]) -> tuple[int, Iterable[str]] | None:
    """(attribute, words) a pattern's first token must be, or None when the index cannot bound it."""
    if any(spec.get("OP") not in _BOUNDED_OPS for spec in pattern):
        return None
    first = {name.upper(): value for name, value in pattern[0].items()}
    if len(first) != 1 or "OP" in first:
        return None
    (name, value), = first.items()
    if name not in _INDEXED_ATTRS:
        return None
    if isinstance(value, str):
        return _INDEXED_ATTRS[name], (value,)
    if isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
        return _INDEXED_ATTRS[name], value["IN"]
    return None


@Language.factory(
    "frontwatch_actor_ruler",
    assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
    default_config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True},
)
def make_actor_ruler(nlp: Language, name: str, phrase_matcher_attr: str | None,
                     overwrite_ents: bool) -> IndexedEntityRuler:
    """The ruler the actor dictionary's patterns go into (see `frontwatch.nlp.pipeline.add_actor_ruler`)."""
    return IndexedEntityRuler(nlp, name, phrase_matcher_attr=phrase_matcher_attr,
                              overwrite_ents=overwrite_ents)
