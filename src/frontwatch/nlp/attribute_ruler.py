"""The model's attribute ruler, with its one-token rules matched once per distinct token.

spaCy's AttributeRuler runs a Matcher of ~180 patterns (tag-to-POS mappings, exceptions by
word) over every token of every Doc, which cost as much as the tagger itself. Nearly all of these
patterns cover one token, so what they match depends only on that token's own attributes: this
component matches them once per distinct token (its text, tag, morphology... as the rules can
read them) and remembers the rule ids; the few longer patterns still run in a Matcher over the
Doc. The matches, sorted as AttributeRuler sorts them, go to the model ruler's own
`set_annotations`: the attributes set are the model's.
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
        self._memo: dict[tuple[int, ...], list[int]] = {}
        self._memoisable = True
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

    def __call__(self, doc: Doc) -> Doc:
        self.ruler.set_annotations(doc, self.match(doc) if self._memoisable else self.ruler.match(doc))
        return doc

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """AttributeRuler.match's result: (rule number, match id, start, end), sorted."""
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.clear()
        found: list[tuple[int, int, int]] = []
        for i, token_key in enumerate(map(tuple, doc.to_array(TOKEN_KEY).tolist())):
            match_ids = self._memo.get(token_key)
            if match_ids is None:
                one_token = self._one_token(doc[i : i + 1], allow_missing=True)
                match_ids = self._memo[token_key] = [match_id for match_id, _, _ in one_token]
            found.extend((match_id, i, i + 1) for match_id in match_ids)
        found.extend(self._longer(doc, allow_missing=True))
        strings = self.ruler.vocab.strings
        return sorted((int(strings[match_id]), match_id, start, end) for match_id, start, end in found)


@Language.factory("frontwatch_attribute_ruler")
def make_attribute_ruler(nlp: Language, name: str, source: str = "attribute_ruler") -> MemoAttributeRuler:
    """Wraps the pipeline's loaded attribute ruler (`source`), which should then be disabled."""
    return MemoAttributeRuler(nlp.get_pipe(source))
