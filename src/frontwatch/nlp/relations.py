"""The `frontwatch_relations` component: how actors stand to each other, as a report says it.

"Russia will certainly continue to support Assad", "HTS ... used to go by the name Al-Nusra Front",
"the SDF, largely made up of the YPG", "the YPG, which is considered a terrorist organisation by
neighbouring Turkey" become `Relation`s (supports, opposes, part of, leads, formerly known as,
designates as terrorist) with the sentence as evidence and the sentence's claimant. The patterns
are data (data/relations.toml) over sentences whose parties are marked (`nlp.parties`). A report's
own names for a party ("the rebel coalition, which calls itself the Military Operations Command")
are learnt as it is read, so later sentences that use them are understood.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc

from frontwatch.models import Relation, RelationKind
from frontwatch.nlp.parties import Marked, Party, PartyFinder, compile_pattern
from frontwatch.nlp.spans import SentenceInfo, register_extensions, report_of, span_text

NEGATION = re.compile(r"\b(?:not|never|no\s+longer|n't)\b", re.IGNORECASE)
_MARKERS = re.compile(r"\u27e6[PL]\d+\u27e7")


@dataclass(frozen=True)
class RelationRule:
    kind: RelationKind
    pattern: re.Pattern[str]


def load_rules() -> tuple[RelationRule, ...]:
    """The patterns of data/relations.toml, compiled."""
    data = tomllib.loads(resources.files("frontwatch.data").joinpath("relations.toml").read_text("utf-8"))
    return tuple(
        RelationRule(RelationKind(raw["kind"]), compile_pattern(pattern))
        for raw in data["relation"]
        for pattern in raw["patterns"]
    )


class RelationCoder:
    """Reads the relations of a processed Doc (no state between documents)."""

    def __init__(self, rules: tuple[RelationRule, ...], parties: PartyFinder) -> None:
        self.rules = rules
        self.parties = parties

    def relations(self, doc: Doc) -> list[Relation]:
        report = report_of(doc)
        countries = doc._.report_countries or []
        aliases: dict[str, str] = {}
        found: dict[tuple[str, str, str, bool], Relation] = {}
        infos: list[SentenceInfo] = doc._.sentences or []
        for info in infos:
            sent = doc[info.start : info.end]
            marked = self.parties.mark(doc, sent, countries, report.published, aliases)
            self.parties.learn_aliases(marked, aliases)
            text = marked.text.strip()
            for rule in self.rules:
                for match in rule.pattern.finditer(text):
                    for relation in self._relations(rule, match, marked, info, span_text(sent).strip()):
                        key = (relation.subject, str(relation.kind), relation.object, relation.negated)
                        found.setdefault(key, relation)
        return list(found.values())

    def _relations(
        self, rule: RelationRule, match: re.Match[str], marked: Marked, info: SentenceInfo, evidence: str
    ) -> list[Relation]:
        groups = match.groupdict()
        objects = marked.parties_in(groups.get("OBJECT"))
        subjects = marked.parties_in(groups.get("SUBJECT"))
        if rule.kind == RelationKind.FORMERLY_KNOWN_AS:
            if not objects and groups.get("name"):  # an old name the dictionary does not know
                objects = [Party(groups["name"], groups["name"], -1, -1)]
            before = match.string[: match.start()]
            subjects = [self._renamed(marked, objects[0], before)] if objects else []
            subjects = [s for s in subjects if s is not objects[0]]
        words = _MARKERS.sub(" ", match.group(0))
        qualifier = marked.unmark(groups.get("qualifier") or "").strip() or None
        relations = []
        for subject in subjects:
            for obj in objects:
                named = obj.text if rule.kind == RelationKind.FORMERLY_KNOWN_AS else obj.name
                if rule.kind != RelationKind.FORMERLY_KNOWN_AS and subject.name == obj.name:
                    continue  # "the SDF are made up of Kurdish fighters" (the SDF's own fighters)
                relations.append(
                    Relation(
                        subject=subject.name,
                        kind=rule.kind,
                        object=named,
                        negated=bool(NEGATION.search(words)),
                        qualifier=qualifier,
                        claimant=info.attribution.claimant,
                        evidence=evidence,
                    )
                )
        return relations

    @staticmethod
    def _renamed(marked: Marked, old_name: Party, before_cue: str) -> Party:
        """Who went by the old name: the actor the old name resolves to when the sentence named it
        before the cue (an alias of the same actor), else the first party the sentence names."""
        before = marked.parties_in(before_cue)
        same = [party for party in before if party.name == old_name.name]
        return same[0] if same else (before[0] if before else old_name)


@Language.factory("frontwatch_relations")
def make_relations(nlp: Language, name: str) -> RelationsComponent:
    return RelationsComponent(RelationCoder(load_rules(), PartyFinder.load()))


class RelationsComponent:
    """Writes `doc._.relations`: the report's actor relations, each once, in the order told."""

    def __init__(self, coder: RelationCoder) -> None:
        register_extensions()
        if not Doc.has_extension("relations"):
            Doc.set_extension("relations", default=None)
        self.coder = coder

    def __call__(self, doc: Doc) -> Doc:
        doc._.relations = self.coder.relations(doc)
        return doc
