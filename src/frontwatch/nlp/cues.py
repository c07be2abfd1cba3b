"""The `frontwatch_cues` component: event cues from the trigger lexicon (data/triggers.toml)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from frontwatch.nlp.lexicon import TriggerLexicon, load_trigger_lexicon
from frontwatch.nlp.spans import Cue, dated_tokens, register_extensions


def _label_end(doc: Doc) -> int:
    """The tokens of a note's opening label ("Arrests: On 4 May ..."), which name no event of their own."""
    for token in doc[:6]:
        if token.text == ":":
            return token.i + 1
    return 0


@Language.factory("frontwatch_cues")
def make_cues(nlp: Language, name: str) -> CueComponent:
    return CueComponent(load_trigger_lexicon())


class CueComponent:
    def __init__(self, lexicon: TriggerLexicon) -> None:
        register_extensions()
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        dated = dated_tokens(doc)
        dated.update(range(_label_end(doc)))
        doc._.cues = [
            Cue(m.start, m.end, m.label, doc[m.start : m.end].text)
            for m in self.lexicon.cues.finditer(doc)
            if not dated.intersection(range(m.start, m.end))  # "On 7 March" is no march
            and not (m.label == "capture" and self._not_a_capture(doc, m.start, m.end))
            and not _wreck(doc, m.start, m.end)
            and not (m.label in {"abduct", "arrest"} and _held_already(doc, m.start))
            and not (m.label == "agreement" and _sought(doc, m.start))
            and not (m.label == "clash" and _paused(doc, m.start))
        ]
        return doc

    def _takes_things(self, doc: Doc, end: int) -> bool:
        """'captured military equipment', 'seized 34 vehicles': a capture of things, not of territory."""
        return any(self._not_territory(t) for t in doc[end : min(end + 4, len(doc))])

    def _not_a_capture(self, doc: Doc, start: int, end: int) -> bool:
        return self._takes_things(doc, end) or self._things_taken(doc, start) or _counted(doc, start)

    def _things_taken(self, doc: Doc, start: int) -> bool:
        """'a pistol and cash had been seized': in the passive, what was taken comes before the verb
        and its auxiliaries ("had been", "were")."""
        k = start - 1
        while k >= 0 and doc[k].lemma_ in {"be", "have"}:
            k -= 1
        if not any(t.lemma_ == "be" for t in doc[k + 1 : start]):
            return False  # active ("its fighters had taken the town"): the object follows
        first = max(doc[start].sent.start, k - 5)
        return any(self._not_territory(t) for t in doc[first : k + 1])

    def _not_territory(self, token: Token) -> bool:
        things = self.lexicon.not_territory
        return token.lemma_.lower() in things or token.lower_ in things


FREEING = frozenset({"release", "releases", "exchange", "swap", "return", "freeing", "fate", "families"})


def _headed_by(
    doc: Doc, start: int, heads: frozenset[str], prepositions: frozenset[str], determiners: frozenset[str]
) -> bool:
    """Whether the cue at `start`, after at most one of the `determiners`, is the object of one of
    the `prepositions` after one of the `heads` ("pauses in the fighting", "the release of hostages")."""
    k = start - 1
    if k >= 0 and doc[k].lower_ in determiners:
        k -= 1
    return k >= 1 and doc[k].lower_ in prepositions and doc[k - 1].lower_ in heads


def _held_already(doc: Doc, start: int) -> bool:
    """ "talks on the release of hostages held in Gaza", "the fate of the detainees": people held
    before the report, whose freeing or fate is talked about; no one is taken."""
    return _headed_by(doc, start, FREEING, frozenset({"of"}), frozenset({"the", "all", "remaining"}))


SEEKING = frozenset(
    {"talks", "negotiations", "proposal", "proposals", "proposed", "calls", "call", "push", "plan", "plans",
     "efforts", "bid", "demands", "demand", "hopes", "prospects", "mediation"}
)


def _sought(doc: Doc, start: int) -> bool:
    """ "Talks in Cairo on a ceasefire ended without a breakthrough", "calls for a truce": an
    agreement talked about or asked for, not one reached."""
    return any(t.lower_ in SEEKING for t in doc[max(doc[start].sent.start, start - 6) : start])


PAUSES = frozenset({"pause", "pauses", "lull", "halt", "end", "break", "respite", "let-up", "cessation"})


def _paused(doc: Doc, start: int) -> bool:
    """ "limited pauses in the fighting", "an end to the fighting": fighting that stops, no clash."""
    return _headed_by(doc, start, PAUSES, frozenset({"in", "to", "of"}), frozenset({"the"}))


def _wreck(doc: Doc, start: int, end: int) -> bool:
    """ "When it ended, the house was a shell": a shell said of a building is what is left of it,
    no shelling."""
    return (
        end - start == 1
        and doc[start].lower_ == "shell"
        and start >= 2
        and doc[start - 1].lower_ in {"a", "an"}
        and doc[start - 2].lemma_ == "be"
    )


def _counted(doc: Doc, start: int) -> bool:
    """'three guerrillas were killed and two captured': a number just before "captured" (or before
    "were captured") counts people taken, not territory."""
    k = start - 1
    if k >= 1 and doc[k].lemma_ == "be":
        k -= 1
    return k >= 0 and doc[k].like_num
