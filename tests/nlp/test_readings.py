"""What the components read once and reuse gives what spaCy gives read afresh: the memoised
attribute ruler and the indexed actor ruler match as spaCy's own rulers do, and a Doc's text, kept
per Doc, gives its spans' texts."""

from __future__ import annotations

from spacy.pipeline import EntityRuler

from frontwatch.nlp.pipeline import Coder
from frontwatch.nlp.spans import doc_text, span_text

TEXTS = (
    # the model's few multi-token rules: "gon na", "got ta", "let 's", "y'all", "ai n't"
    "Y'all ain't gonna believe it: the fighters got ta leave, so let's go, they said. C'mon.",
    "On 3 May 2024, Israeli airstrikes killed five people in Khan Younis, the health ministry said.",
    "Syrian and Russian jets struck Idlib; HTS militants and the SDF clashed near Deir ez-Zor. "
    "There are reports that IS militants attacked a checkpoint, and there is no word on casualties.",
)


def test_the_memoised_attribute_ruler_matches_as_the_models_own(coder: Coder) -> None:
    ruler = coder.nlp.get_pipe("frontwatch_attribute_ruler")
    before = [name for name in coder.nlp.pipe_names if name != "frontwatch_attribute_ruler"]
    longer = 0
    for text in TEXTS:
        doc = coder.nlp.make_doc(text)
        for name in before[: before.index("lemmatizer")]:  # what the pipeline ran before the ruler
            doc = coder.nlp.get_pipe(name)(doc)
        assert ruler.match(doc) == ruler.ruler.match(doc)
        longer += sum(1 for _rule, _id, start, end in ruler.match(doc) if end - start > 1)
    assert longer >= 4  # the windows found the multi-token rules ("gon na", "got ta", "let 's"...)


def test_the_indexed_actor_ruler_matches_as_the_entity_rulers_matcher(coder: Coder) -> None:
    ruler = coder.nlp.get_pipe("frontwatch_actor_ruler")
    for text in TEXTS:
        doc = coder.nlp.make_doc(text)
        assert ruler.match(doc) == EntityRuler.match(ruler, doc)


def test_a_docs_text_and_its_spans_texts_are_spacys(coder: Coder) -> None:
    for text in (*TEXTS, "  two  spaces\n\nand a line break  "):
        doc = coder.nlp(text)
        assert doc_text(doc) == doc.text == text
        spans = [*doc.sents, doc[:], doc[1:4], doc[2:2], doc[len(doc) - 1 :]]
        assert [span_text(span) for span in spans] == [span.text for span in spans]
