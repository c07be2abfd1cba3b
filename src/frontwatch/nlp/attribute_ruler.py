"""The model's attribute ruler, with its one-token rules matched once per distinct token.

spaCy's AttributeRuler runs a Matcher of ~180 patterns (tag-to-POS mappings, exceptions by
word) over every token of every Doc, which cost as much as the tagger itself. Nearly all of these
patterns cover one token, so what they match depends only on that token's own attributes: this
component matches them once per distinct token (its text, tag, morphology... as the rules can
read them) and remembers the rule ids; the few longer patterns still run in a Matcher, but only
over the stretches of the Doc where one of them can start (their first tokens are one-token
patterns too, memoised alike: "gon na", "let 's" are rare, and a Matcher over a whole Doc costs
as much as all the rest). The matches, sorted as AttributeRuler sorts them, go to the model
ruler's own `set_annotations`: the attributes set are the model's.
"""

from __future__ import annotations

from spacy.attrs import DEP, ENT_ID, ENT_IOB, ENT_TYPE, LEMMA, MORPH, NORM, ORTH, POS, SENT_START, SPACY, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

TOKEN_KEY = [ORTH, NORM, TAG, POS, MORPH, LEMMA, DEP, ENT_TYPE, ENT_IOB, ENT_ID, SENT_START, SPACY]
"""Everything a one-token pattern can test, as Doc.to_array columns: the text (every lexical
attribute, LOWER or IS_SPACE, follows from it) and the token's own annotations."""
_MEMO_SIZE = 200_000


class MemoAttributeRuler:
    """Runs a loaded AttributeRuler's rules with a memo of one-token matches per distinct token."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self._one_token = Matcher(ruler.vocab, validate=False)
        self._longer = Matcher(ruler.vocab, validate=False)
        self._starts = Matcher(ruler.vocab, validate=False)  # the longer patterns' first tokens
        # token key -> ((rule number, match id) of each one-token match, whether a longer pattern
        # can start at the token)
        self._memo: dict[tuple[int, ...], tuple[list[tuple[int, int]], bool]] = {}
        self._memoisable = True
        every_longer: list[list[dict]] = []
        for index in range(len(ruler.attrs)):
            key = str(index)  # AttributeRuler's Matcher key for its rule number `index`
            _on_match, patterns = ruler.matcher.get(key)
            one = [pattern for pattern in patterns if len(pattern) == 1]
            if any("_" in spec for pattern in one for spec in pattern):
                self._memoisable = False  # custom attributes are not in TOKEN_KEY
            if one:
                self._one_token.add(key, one)
            longer = [pattern for pattern in patterns if len(pattern) > 1]
            if longer:
                self._longer.add(key, longer)
                every_longer.extend(longer)
        self._windowed = all(_fixed(pattern) for pattern in every_longer)
        """Whether the longer patterns can run in windows; else they run over the whole Doc."""
        self._longest = max((len(pattern) for pattern in every_longer), default=0)
        if self._windowed and every_longer:
            self._starts.add("start", [pattern[:1] for pattern in every_longer])

    def __call__(self, doc: Doc) -> Doc:
        self.ruler.set_annotations(doc, self.match(doc) if self._memoisable else self.ruler.match(doc))
        return doc

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """AttributeRuler.match's result: (rule number, match id, start, end), sorted."""
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.clear()
        found: list[tuple[int, int, int, int]] = []
        starts: list[int] = []
        for i, token_key in enumerate(map(tuple, doc.to_array(TOKEN_KEY).tolist())):
            memo = self._memo.get(token_key)
            if memo is None:
                memo = self._memo[token_key] = self._match_token(doc, i)
            for rule, match_id in memo[0]:
                found.append((rule, match_id, i, i + 1))
            if memo[1]:
                starts.append(i)
        strings = self.ruler.vocab.strings
        for match_id, start, end in self._longer_matches(doc, starts):
            found.append((int(strings[match_id]), match_id, start, end))
        return sorted(found)

    def _match_token(self, doc: Doc, i: int) -> tuple[list[tuple[int, int]], bool]:
        """The one-token rules token i matches, and whether a longer pattern can start at it."""
        token = doc[i : i + 1]
        strings = self.ruler.vocab.strings
        matches = self._one_token(token, allow_missing=True)
        starts = self._windowed and bool(self._starts(token, allow_missing=True))
        return [(int(strings[match_id]), match_id) for match_id, _, _ in matches], starts

    def _longer_matches(self, doc: Doc, starts: list[int]) -> list[tuple[int, int, int]]:
        """The longer patterns' matches: the Matcher's over the whole Doc, found only in the
        stretches from each token where one can start to as far as the longest reaches.

        A pattern of fixed length matches from a token its first spec matches and within its length
        of it, so these stretches (overlapping ones merged, so that no match is found twice) hold
        every match the whole-Doc Matcher finds, and only those.
        """
        if not self._windowed:
            return self._longer(doc, allow_missing=True)
        windows: list[list[int]] = []
        for i in starts:
            reach = min(len(doc), i + self._longest)
            if windows and i < windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], reach)
            else:
                windows.append([i, reach])
        return [
            (match_id, first + start, last + start)
            for start, end in windows
            for match_id, first, last in self._longer(doc[start:end], allow_missing=True)
        ]


def _fixed(pattern: list[dict]) -> bool:
    """Whether a pattern matches exactly one token per spec (no operator, no custom attribute)."""
    return all(not {"OP", "_"} & {name.upper() for name in spec} for spec in pattern)


@Language.factory("frontwatch_attribute_ruler")
def make_attribute_ruler(nlp: Language, name: str, source: str = "attribute_ruler") -> MemoAttributeRuler:
    """Wraps the pipeline's loaded attribute ruler (`source`), which should then be disabled."""
    return MemoAttributeRuler(nlp.get_pipe(source))
