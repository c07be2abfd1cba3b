"""The `frontwatch_actors` component: actor mentions from the actor dictionary's entity ruler.

The entity ruler (patterns from data/actors.toml, placed before spaCy's NER) marks ACTOR spans
whose `ent_id_` is the canonical name, or a placeholder ("STATE:military", "GENERIC:civilians")
for actors whose country comes from context. This component turns them into ActorMentions and
adds what the ruler cannot see: a demonym directly qualifying an attack or a weapon ("a Russian
strike", "Syrian and Russian jets", "Israeli drones").
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc

from frontwatch.nlp.actor_dictionary import ActorDictionary
from frontwatch.nlp.lexicon import load_words
from frontwatch.nlp.spans import ActorMention, doc_text, register_extensions

GENERIC_INTER = {
    "civilians": 7,
    "protesters": 6,
    "rioters": 5,
    "unidentified": 3,
    "rebels": 2,
    "military": 1,
    "police": 1,
}
WEAPON_NOUNS = frozenset(
    [
        "strike",
        "strikes",
        "airstrike",
        "airstrikes",
        "air",
        "raid",
        "raids",
        "warplane",
        "warplanes",
        "jet",
        "jets",
        "plane",
        "planes",
        "aircraft",
        "drone",
        "drones",
        "helicopter",
        "helicopters",
        "shelling",
        "artillery",
        "missile",
        "missiles",
        "rocket",
        "rockets",
        "bombardment",
        "attack",
        "attacks",
        "forces",
        "troops",
        "soldiers",
        "army",
        "military",
        "navy",
        "bombing",
        "bombings",
        "fire",
        "offensive",
        "operation",
        "operations",
        "raid",
        "gunboats",
        "tanks",
    ]
)


@Language.factory("frontwatch_actors")
def make_actors(nlp: Language, name: str) -> ActorComponent:
    return ActorComponent(ActorDictionary.load())


def _opposed(doc: Doc, start: int) -> bool:
    """'anti-Houthi National Resistance forces': a group named as what an actor is against is not
    the actor (while "pro-Houthi forces" are the Houthis' own)."""
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ == "anti"


STATE_DEEDS = load_words().state_deeds
IRREGULARS = frozenset(
    {"fighters", "militants", "gunmen", "rebels", "insurgents", "militiamen", "guerrillas"}
)
"""Men a demonym qualifies who are not a state's forces ("Palestinian fighters")."""
NON_STATE_INTERS = frozenset({2, 3, 4})

DEFINED_GROUP = re.compile(
    r"\b([A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|for|of|the|in|and|de|du|des|la|le|pour)){1,9})"
    r"\s+\(([A-Z][A-Za-z0-9-]{1,7})\)"
)
"""A name with its acronym in brackets: "the Union for Peace in the Central African Republic (UPC)"."""
ARMED_WORDS = IRREGULARS | frozenset({"fighter", "militia", "militias", "armed", "rebel", "insurgency"})
"""Words beside a group's name that say it fights."""

"""ACLED inter codes of rebel, political and identity militias: the groups 'the group' points back to."""

GROUP_ANAPHORS = frozenset(
    {"group", "militia", "movement", "organisation", "organization", "militants", "insurgents", "jihadists"}
)
"""Nouns that, after "the" opening a sentence, point back to the armed group told of before ("The
group also said it fired rockets at Kiryat Shmona", "The militants hit the base from three sides")."""


def _group_anaphors(doc: Doc, mentions: list[ActorMention], covered: set[int]) -> list[ActorMention]:
    """'The group' opening a sentence, or 'the Rwanda-backed group' anywhere: the non-state group
    named last before it (mentions sorted). A generic mention there ("The militants") gives way."""
    found: list[ActorMention] = []
    sole = _SoleGroup(mentions)
    for sent in doc.sents:
        for start in range(sent.start, sent.end - 1):
            if doc[start].lower_ != "the":
                if doc[start].lower_ in BARE_ANAPHORS and (start == 0 or doc[start - 1].pos_ != "DET"):
                    found.extend(sole.standing_for(doc, start))
                continue
            noun = start + 1
            while noun < min(sent.end - 1, start + 5) and (
                doc[noun].pos_ in {"PROPN", "ADJ"} or doc[noun].text == "-" or doc[noun].tag_ == "VBN"
            ):
                noun += 1  # "the Rwanda-backed group", "the Islamist group"
            opening = all(t.is_space for t in doc[sent.start : start])
            if doc[noun].lower_ not in GROUP_ANAPHORS or (noun == start + 1 and not opening):
                continue  # a bare "the group" points back only from a sentence's start
            generic = next((m for m in mentions if m.start <= noun < m.end), None)
            if noun in covered and (generic is None or not generic.ident.startswith("GENERIC:")):
                continue
            named = (m for m in reversed(mentions) if m.end <= start and m.kind == "named")
            antecedent = next((m for m in named if m.inter in NON_STATE_INTERS), None)
            if antecedent is None:
                continue
            if generic is not None:
                mentions.remove(generic)
                sole.by_start.pop(generic.start, None)  # "the other militants": taken as a whole
            found.append(replace(antecedent, start=start, end=noun + 1, text=doc[start : noun + 1].text))
    if sole.replaced:
        mentions[:] = [m for m in mentions if id(m) not in sole.replaced]
    return found


BARE_ANAPHORS = frozenset({"insurgents", "jihadists", "militants"})
"""Plural nouns that, with no article, name the one armed group a report has told of ("Islamic
State Mozambique fighters entered Macomia ... Late on Monday, insurgents attacked a farming village")."""


class _SoleGroup:
    """The one non-state group a report has named, for the bare plurals after it that stand for it.
    Built once per report, so that every bare plural is looked up in constant time."""

    def __init__(self, mentions: list[ActorMention]) -> None:
        self.by_start = {m.start: m for m in mentions}
        self.ends = {m.end for m in mentions}
        groups = [m for m in mentions if m.kind == "named" and m.inter in NON_STATE_INTERS]
        self.first = groups[0] if groups else None
        # the first group of another name: from its end on, a bare plural may mean either
        self.rival = next((m for m in groups if self.first and m.name != self.first.name), None)
        self.replaced: set[int] = set()

    def standing_for(self, doc: Doc, start: int) -> list[ActorMention]:
        """The group `doc[start]` ("insurgents") stands for, when every group named before it is
        that one; the generic mention it replaces is recorded in `replaced`."""
        generic = self.by_start.get(start)
        if generic is None or not generic.ident.startswith("GENERIC:") or generic.end != start + 1:
            return []
        if start > 0 and (doc[start - 1].pos_ == "PROPN" or start in self.ends):
            return []  # "PKK-YJA STAR militants": the name before them already says whose they are
        first, rival = self.first, self.rival
        if first is None or first.end > start or (rival is not None and rival.end <= start):
            return []
        self.replaced.add(id(generic))
        return [replace(first, start=start, end=start + 1, text=doc[start].text)]


class ActorComponent:
    def __init__(self, dictionary: ActorDictionary) -> None:
        register_extensions()
        self.dictionary = dictionary

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[ActorMention] = []
        covered: set[int] = set()
        for ent in doc.ents:
            if ent.label_ != "ACTOR" or _opposed(doc, ent.start):
                continue
            mention = self._from_ruler(ent.ent_id_, ent.start, ent.end, ent.text)
            if mention:
                mentions.append(mention)
                covered.update(range(ent.start, ent.end))
        mentions.extend(_defined_groups(doc, covered))
        mentions.extend(self._demonym_attackers(doc, covered))
        mentions.extend(self._country_subjects(doc, covered))
        mentions.sort(key=lambda m: m.start)
        mentions.extend(_group_anaphors(doc, mentions, covered))
        for mention in mentions:
            if mention.country is None and mention.ident.startswith("STATE:"):
                mention.country = self._antecedent_country(doc, mention.start)
        mentions.sort(key=lambda m: m.start)
        doc._.actors = _recoded(doc, mentions)
        return doc

    def _antecedent_country(self, doc: Doc, start: int) -> str | None:
        """'Russia's defence ministry claimed its troops had captured Kurakhove': forces named by
        'its'/'their' belong to the country last named before them in the sentence."""
        if start == 0 or doc[start - 1].lower_ not in {"its", "their"}:
            return None
        for token in reversed(doc[doc[start].sent.start : start - 1]):
            country = self.dictionary.country(token.text) if token.text[:1].isupper() else None
            name = country.name if country else self.dictionary.country_of_demonym(token.text)
            if name:
                return name
        return None

    def _from_ruler(self, ident: str, start: int, end: int, text: str) -> ActorMention | None:
        prefix, _, rest = ident.partition(":")
        if prefix in {"STATE", "GENERIC"} and rest:
            named = self.dictionary.resolve(ident, None, text=text)  # a demonym names the country
            first = named[0] if named else None
            return ActorMention(
                start,
                end,
                text,
                first.name if first else None,
                first.inter if first else GENERIC_INTER.get(rest, 3),
                rest,
                first.country if first else None,
                ident=ident,
            )
        if prefix in {"FAMILY", "AMBIGUOUS"} and rest:
            home = self.dictionary.homeland(ident)
            return ActorMention(start, end, text, None, 2, "named", home, ident=ident)
        entry = self.dictionary.get(ident)
        if entry is None:
            return None
        return ActorMention(start, end, text, entry.name, entry.inter, "named", entry.country, ident=ident)

    def _country_subjects(self, doc: Doc, covered: set[int]) -> list[ActorMention]:
        """'Russia pounded Kharkiv', 'Israel also struck Beirut': a country's name as the subject of
        an armed deed is its armed forces."""
        found: list[ActorMention] = []
        for token in doc:
            if token.i in covered or not token.is_title or token.i + 1 >= len(doc):
                continue
            verb = token.i + 1
            while verb < len(doc) - 1 and doc[verb].pos_ == "ADV":
                verb += 1  # "Israel also struck"
            if doc[verb].lower_ not in STATE_DEEDS:
                continue
            country = self.dictionary.country(token.text)
            if country is None:
                continue
            actor = self.dictionary.state_forces(country.name, "military")
            found.append(
                ActorMention(
                    token.i,
                    token.i + 1,
                    token.text,
                    actor.name,
                    actor.inter,
                    "military",
                    country.name,
                    ident=actor.name,
                )
            )
            covered.add(token.i)
        return found

    def _demonym_attackers(self, doc: Doc, covered: set[int]) -> list[ActorMention]:
        """'Russian strike', 'Syrian and Russian jets': each demonym becomes that state's military."""
        found: list[ActorMention] = []
        i = 0
        while i < len(doc):
            if i in covered or (not doc[i].is_title and not doc[i].is_upper):
                i += 1
                continue
            countries: list[tuple[int, str]] = []
            j = i
            while j < len(doc):
                country = self.dictionary.country_of_demonym(doc[j].text)
                if country and j not in covered:
                    countries.append((j, country))
                    j += 1
                    if j < len(doc) and doc[j].lower_ in {"and", "or", ","} and j + 1 < len(doc):
                        j += 1
                        continue
                break
            if countries and j < len(doc) and self._qualifies_attack(doc, j):
                for index, country in countries:
                    actor = self.dictionary.state_forces(country, "military")
                    found.append(
                        ActorMention(
                            index,
                            index + 1,
                            doc[index].text,
                            actor.name,
                            actor.inter,
                            "military",
                            country,
                            ident=actor.name,
                        )
                    )
                i = j
            else:
                i += 1
        return found

    @staticmethod
    def _qualifies_attack(doc: Doc, j: int) -> bool:
        if doc[j].lower_ in IRREGULARS:
            return False  # "Palestinian fighters fired": not the state's forces
        for k in range(j, min(j + 3, len(doc))):
            if doc[k].lower_ in WEAPON_NOUNS or doc[k].lemma_.lower() in WEAPON_NOUNS:
                return True
            if doc[k].pos_ not in {"ADJ", "NOUN", "PROPN"}:
                return False
        return False


def _recoded(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """'anti-Houthi forces (coded as Saudi-led coalition) conducted air raids': a note that says how
    an actor is coded names the actor to code; the description before it is dropped."""
    dropped: set[int] = set()
    for mention, after in pairwise(mentions):
        words = [t.lower_ for t in doc[mention.end : after.start]]
        if words[:3] == ["(", "coded", "as"] and len(words) <= 4:
            dropped.add(id(mention))
    return [m for m in mentions if id(m) not in dropped]


def _acronym_of(name: str, acronym: str) -> bool:
    """Whether the acronym's letters come, in order, from the name's capitalised words, the first
    from the first ("UPC" of "Union for Peace in the Central African Republic")."""
    initials = [word[0] for word in name.split() if word[0].isupper()]
    letters = [ch for ch in acronym if ch.isalpha()]
    if not letters or not initials or letters[0] != initials[0]:
        return False
    rest = iter(initials[1:])
    return all(any(letter == initial for initial in rest) for letter in letters[1:])


def _defined_groups(doc: Doc, covered: set[int]) -> list[ActorMention]:
    """An armed group the dictionary does not know, named once with its acronym ("fighters of the
    Union for Peace in the Central African Republic (UPC)"), is an actor under ACLED's "UPC: Union
    for Peace ..." wherever the report names it; only when words beside a naming say it fights
    ("fighters of", "UPC fighters", "an armed group"), so that an office or a ministry is none."""
    found: list[ActorMention] = []
    for match in DEFINED_GROUP.finditer(doc_text(doc)):
        acronym = match.group(2)
        # the name starts at the first capitalised word the acronym fits ("Fighters of the
        # Movement for the Defence of Ituri (MDI)": at "Movement")
        phrase = match.group(1)
        starts = [w.start() for w in re.finditer(r"\S+", phrase) if phrase[w.start()].isupper()]
        start = next((k for k in starts if _acronym_of(phrase[k:], acronym)), None)
        if start is None:
            continue
        full = phrase[start:]
        name_span = doc.char_span(match.start(1) + start, match.end(1), alignment_mode="expand")
        if name_span is None or covered.intersection(range(name_span.start, name_span.end)):
            continue  # a group the dictionary knows
        spans = [name_span] + [doc[t.i : t.i + 1] for t in doc if t.text == acronym and t.i not in covered]
        beside = [
            t.lower_
            for span in spans
            for t in (*doc[max(0, span.start - 3) : span.start], *doc[span.end : span.end + 3])
        ]
        if not ARMED_WORDS.intersection(beside):
            continue
        name = f"{acronym}: {full}"
        for span in spans:
            if not covered.intersection(range(span.start, span.end)):
                mention = ActorMention(span.start, span.end, span.text, name, 2, "named", None, ident=name)
                found.append(mention)
                covered.update(range(span.start, span.end))
    return found
