"""The `frontwatch_dates` component: every date expression, resolved against the publication date.

The resolver lives in `frontwatch.timex` (regular expressions over the text, so that spaCy's
DATE entities, which miss "on the 29th" and split "late on Friday", are not the only source).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from frontwatch.nlp.spans import DateMention, doc_text, register_extensions, report_of
from frontwatch.timex import find_dates


@Language.factory("frontwatch_dates")
def make_dates(nlp: Language, name: str) -> DateComponent:
    return DateComponent()


class DateComponent:
    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        published = report_of(doc).published
        mentions = []
        for timex in find_dates(doc_text(doc), published):
            span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is not None:
                mentions.append(DateMention(span.start, span.end, timex.text, timex.span, timex.relative))
        doc._.dates = mentions
        return doc
