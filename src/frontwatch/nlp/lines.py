"""The `frontwatch_lines` component: a line break ends a sentence.

Reports carry headings, bylines and list items on lines of their own ("Women and children among
those killed"); the statistical sentence splitter would glue them to the next sentence.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token


def breaks_line(token: Token) -> bool:
    """Whether a line break is in the token or in the whitespace after it."""
    return "\n" in token.text or "\n" in token.whitespace_


@Language.component("frontwatch_lines")
def split_lines(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if breaks_line(token):
            doc[token.i + 1].is_sent_start = True
    return doc
