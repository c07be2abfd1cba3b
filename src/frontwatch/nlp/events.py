"""The `frontwatch_events` component: frames from sentences, then ACLED events from frames.

A frame is one sentence's account of something that happened: its cues, its actors in their
roles, its place, its date, its figures, who said so. Frames that are statements, plans, history,
ongoing trends ("are stepping up strikes", "have carried out raids") or period totals are not
events; period totals become humanitarian figures. A frame missing a role inherits it from the
frame before it ("The same day, ...", "It also claimed ...", "Elsewhere in Idlib, ..."), and frames
that share place, day and actor pair become one event, as ACLED codes them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from operator import attrgetter

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from frontwatch.geo.gazetteer import Gazetteer
from frontwatch.geo.resolve import distance_km
from frontwatch.models import Actor, Claim, ClaimKind, DateSpan, Event, Place, UnplacedName, Verification
from frontwatch.nlp.actor_dictionary import STATE_PREFIX, ActorDictionary
from frontwatch.nlp.lexicon import PhraseMatch, TriggerLexicon, load_nouns, load_trigger_lexicon, load_words
from frontwatch.nlp.lines import breaks_line
from frontwatch.nlp.places import (
    NEAR_WORDS,
    ORIGIN_CUES,
    REPORTING_VERBS,
    ROUTE_NOUNS,
    dateline_end,
    encloses,
    named_by_noun,
)
from frontwatch.nlp.spans import (
    ActorMention,
    Attribution,
    Cue,
    DateMention,
    PlaceMention,
    SentenceInfo,
    register_extensions,
    report_of,
    starting_in,
)
from frontwatch.nlp.taxonomy import ARMED_INTERS, TypingInput, event_type, sub_event_type
from frontwatch.timex.tables import CARDINALS

# The word lists are data: data/nouns.toml and data/words.toml say what each one is for.
CIVILIAN_NOUNS = load_nouns().civilian
ARMED_NOUNS = load_nouns().armed
REBEL_WORDS = load_words().rebel_words
SITE_NOUNS = load_words().site_nouns
TOLL_UPDATE = re.compile(
    r"\b(?:bringing|brings|brought|raising|raises|raised|pushing|taking)\s+the\s+(?:death\s+)?toll\b"
    r"|\btoll\b.{0,60}?\b(?:has|had)\s+(?:risen|climbed|grown)\s+to\b",
    re.IGNORECASE,
)
"""A sentence that updates the toll of an event already told ("... had died in hospital, bringing
the death toll from the strike to 19"): its figures are that event's, not a new event's."""
FLEEING = load_words().fleeing
BYGONE = load_words().bygone
CASUALTY_WORDS = load_words().casualty_words
CARE_WORDS = load_words().care_words
SAME_DAY = load_words().same_day
BACK_THEN = load_words().back_then
HABITUAL = load_words().habitual
STATEMENT_HEADS = load_words().statement_heads
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
SHORT_REPORT_SENTENCES = 5
ESCALATIONS = frozenset({"clash", "crowd_violence", "arson", "intervention", "riot", "capture"})
REMOTE = frozenset({"air", "aircraft", "strike_noun", "shelling", "ied", "grenade", "suicide", "chemical"})
LOCATING_CUES = load_words().locating_cues
HISTORY_DAYS = 45
AGGREGATE_RANGE_DAYS = 3
AGGREGATE_TOLL = 1000
BEGINNINGS = load_words().beginnings
DISCOVERY_VERBS = load_words().discovery_verbs
ONE_WEEK = re.compile(r"(?:the\s+)?(?:last|this|past|previous)\s+(?:week|weekend)")
"""'killed in Tripoli last week': a day somewhere in one week, not a period's total."""


@dataclass(slots=True)
class Frame:
    """One sentence's (or clause's) account of an event, before frames are grouped into events."""

    sentence: int
    start: int
    end: int
    cues: list[Cue]
    anchor: int
    agent: ActorMention | None = None
    target: ActorMention | None = None
    others: list[ActorMention] = field(default_factory=list)
    place: PlaceMention | None = None
    area: PlaceMention | None = None  # a wider area named with the place ("Elsewhere in Idlib")
    date: DateSpan | None = None
    own_date: bool = False
    claims: list[Claim] = field(default_factory=list)
    attribution: Attribution = field(default_factory=Attribution)
    evidence: str = ""
    civilian_target: bool = False
    armed_target: bool = False
    continuation: bool = False  # no place, date or actor of its own: tells more of the frame before
    anaphoric: bool = False  # opens by pointing back ("The same day", "It also", "Elsewhere in")
    located: bool = False  # names where it happened, or takes the place of the frame it follows
    heading: bool = False  # a title line: it summarises the report's event
    aside: bool = False  # a sentence's second clause (", as Hezbollah fired rockets"): off the story's thread
    definite: bool = False  # its cue is "the strike" doing something: the event told just before
    lag: int = 0  # days before the day it borrows ("three days after ..."); negative: after ("the next day")
    kind_of_place: str | None = None  # the noun after an unknown place ("the Abu Shouk camp": camp)
    # "A day after the abductions, ...": the kind of event told before that dates this one (or, when
    # no cue names it, the stem of its noun: "bomb" for "the bombing"), and the days from it
    # (negative: before it)
    reference: tuple[str, int] | None = None
    told_on: bool = False  # its only day is the statement's ("Police said on Saturday that ...")
    last_merged: int = -1  # the last sentence folded into this frame

    @property
    def last(self) -> int:
        """The frame's last sentence, counting the sentences folded into it."""
        return max(self.sentence, self.last_merged)

    own_country: bool = False  # its own sentence places it "in <country>" and nowhere narrower

    @property
    def categories(self) -> frozenset[str]:
        return frozenset(cue.category for cue in self.cues)

    def absorb(self, sequel: Frame, kinds: frozenset[str]) -> None:
        """Fold in a sentence that tells more of this event: its figures, its evidence, who was hit,
        the roles this frame lacks, and those of its cues whose category is in `kinds`."""
        self.cues.extend(c for c in sequel.cues if c.category in kinds)
        self.claims.extend(sequel.claims)
        self.evidence = f"{self.evidence} {sequel.evidence}"
        self.civilian_target |= sequel.civilian_target
        self.armed_target |= sequel.armed_target
        self.agent = self.agent or sequel.agent
        self.target = self.target or sequel.target
        if _narrows(sequel.place, self.place):
            # "An air strike in Myanmar's Sagaing region ... The bomb hit the hall in Lin Ta Lu
            # village": the sequel names the town of a strike first placed only in its region
            self.place, self.area = sequel.place, self.area or self.place


def _narrows(place: PlaceMention | None, than: PlaceMention | None) -> bool:
    """A town or site named after an event was placed only at a region or country."""
    return (
        place is not None
        and than is not None
        and than.kind in {"country", "admin1"}
        and place.kind in {"town", "site"}
    )


def _security_named(frame: Frame) -> bool:
    """Whether police or soldiers act in this frame."""
    actors = [a for a in [frame.agent, *frame.others] if a]
    return any(a.inter == 1 or a.kind in {"police", "military"} for a in actors)


def _security_arrests(frame: Frame) -> bool:
    """Police or soldiers arresting people in this frame."""
    return "arrest" in frame.categories and _security_named(frame)


def _in(items: list, start: int, end: int) -> list:  # type: ignore[type-arg]
    """The items inside tokens [start, end): those starting in [start, end] that end by `end`."""
    return [item for item in starting_in(items, start, end + 1) if item.end <= end]


AUXILIARIES = load_words().auxiliaries


def _verb_group(sent: Span, anchor: int) -> list[Token]:
    """The verb group that carries a cue: the cue itself when it is a verb; for a noun, the verbs
    right after it ("airstrikes killed", "jets are stepping up"), else the verbs before it
    ("carried out strikes", "there was a strike")."""
    doc = sent.doc
    token = doc[anchor]
    if token.pos_ == "VERB" or token.tag_ in {"VBD", "VBN", "VBG", "VBZ", "VBP", "VB"}:
        start = anchor
        while start > sent.start and (
            doc[start - 1].pos_ in {"AUX", "PART"}
            or doc[start - 1].lower_
            in {"not", "also", "reportedly", "allegedly", "then", "later", "previously", "essentially"}
        ):
            start -= 1
        return list(doc[start : anchor + 1])
    k, inside, seen = anchor + 1, False, 0
    while k < sent.end and seen < 4:
        if doc[k].text in {"–", "—", "(", ")"}:
            inside = (doc[k].text in {"–", "—"} and not inside) or doc[k].text == "("
            k += 1
            continue
        if inside:
            k += 1
            continue
        seen += 1
        if doc[k].pos_ in {"AUX", "VERB"}:
            end = k
            while (
                end + 1 < sent.end
                and (doc[end].pos_ == "AUX" or doc[end].lemma_ in AUXILIARIES)
                and (doc[end + 1].pos_ in {"AUX", "VERB", "ADV", "PART"})
            ):
                end += 1
            return list(doc[k : end + 1])
        if doc[k].is_punct or doc[k].pos_ in {"ADP", "SCONJ"}:
            break
        k += 1
    for k in range(anchor - 1, max(sent.start - 1, anchor - 7), -1):
        if doc[k].pos_ in {"VERB", "AUX"}:
            start = k
            while start > sent.start and (doc[start - 1].pos_ in {"AUX", "PART", "ADV"}):
                start -= 1
            return list(doc[start : k + 1])
    return []


def _realis(sent: Span, anchor: int, dated: bool, headline: bool = False) -> bool:
    """False for plans, threats, conditionals, questions, ongoing trends and present-tense statements.

    Present perfect ("have carried out raids"), progressive ("are stepping up strikes") and
    present simple describe trends or states; they are events only with a specific day, or in
    the headline style of a short note ("Riots break out in Kisumu", "Gunmen kill two"). An
    infinitive takes its tense from the verb that governs it ("claimed to have captured" is
    past; "appears to be carrying" is present; "vowed to attack" is a plan).
    """
    if "?" in sent.text:
        return False
    group = _verb_group(sent, anchor)
    if not group:
        return True
    words = [t.lower_ for t in group]
    if "MD" in (t.tag_ for t in group):
        return False
    if "to" in words:
        governor = _governor(sent, group[0].i)
        if governor is None:  # a purpose clause ("... chained themselves to the gate to demonstrate")
            return any(t.tag_ == "VBD" for t in sent.doc[sent.start : group[0].i]) or dated or headline
        if governor.lemma_ == "try" and governor.tag_ == "VBD" and _attempted(sent.doc, anchor):
            return True  # "fighters tried to retake the village": a battle was fought
        if governor.lemma_ in PLAN_VERBS:
            return False
        return governor.tag_ in {"VBD", "VBN"} or dated or headline
    main = next((t for t in reversed(group) if t.pos_ == "VERB"), group[-1])
    if main.i < anchor and main.lemma_ in JUDGING_VERBS:
        return False  # "called the raid a horrific violation": a statement about an event
    present_aux = any(w in {"is", "are", "am", "'re", "has", "have", "'ve"} for w in words)
    if present_aux and main.tag_ in {"VBG", "VBN"}:
        return dated or headline
    if main.tag_ in {"VBZ", "VBP"}:
        return dated or headline
    return not (main.lemma_ in STATEMENT_HEADS and main.i == anchor)


JUDGING_VERBS = load_words().judging_verbs
PLAN_VERBS = load_words().plan_verbs
SOUGHT_NOUNS = load_words().sought_nouns


def _attempted(doc: Doc, start: int) -> bool:
    """Whether the cue at `start` is what someone "tried to" do ("tried to retake the village")."""
    return start >= 2 and doc[start - 1].lower_ == "to" and doc[start - 2].lemma_ == "try"


def _governor(sent: Span, start: int) -> Token | None:
    """The verb an infinitive depends on ("claimed" in "claimed to have captured")."""
    doc = sent.doc
    for k in range(start - 1, max(sent.start - 1, start - 4), -1):
        if doc[k].pos_ in {"VERB", "AUX"}:
            return doc[k]
        if doc[k].pos_ not in {"ADV", "PART"}:
            return None
    return None


NEGATIONS = load_words().negations


GRIEVANCE_REACH = 12
"""How far back a grievance word reaches: "demanding accountability for the canopy collapse that killed"."""
GRIEVANCE_MARKERS = load_words().grievance_markers


def _grievance(doc: Doc, sent: Span, start: int) -> bool:
    """'protested against the arrest of ...', 'denouncing the killing of activists': what a protest is
    about is not an event of the protest."""
    return any(
        doc[k].lower_ in GRIEVANCE_MARKERS for k in range(max(sent.start, start - GRIEVANCE_REACH), start)
    )


def _the_casualties(doc: Doc, cue: Cue) -> bool:
    """ "Visiting wounded at the regional hospital", "doctors treated the injured": the word names
    the people an event left, in a sentence about something else, not the event itself."""
    if cue.end - cue.start != 1 or doc[cue.start].lower_ not in CASUALTY_WORDS or cue.start == 0:
        return False
    after = doc[cue.end] if cue.end < len(doc) else None
    modifies = after is not None and after.tag_.startswith("NN")  # "the wounded soldiers"
    return doc[cue.start - 1].lower_ in CARE_WORDS and not modifies


def _fled_from(doc: Doc, cue: Cue) -> bool:
    """ "150 people who had fled fighting nearby were sleeping in the compound", "families fled after
    Friday's fighting": what people fled is why they were there, not an event the sentence tells."""
    before = cue.start - 1
    while before >= max(0, cue.start - 7) and (
        doc[before].lower_ in {"the", "heavy", "intense", "renewed", "recent", "'s", "’s", ",", "and", "or"}
        or doc[before].pos_ in {"PROPN", "NOUN"}  # "after Friday's fighting", "fleeing drought, floods and"
    ):
        before -= 1
    if before >= 0 and doc[before].lower_ in FLEEING:
        return True
    # "200 families had fled the camps near Harib after Friday's fighting": why they fled
    return (
        before >= 0
        and doc[before].lower_ in {"after", "amid", "following"}
        and any(t.lower_ in FLEEING for t in doc[max(0, before - 8) : before])
    )


YEAR_TOKEN = re.compile(r"(?:19|20)\d\d")
"""A year written out ("2011", "1998")."""


def _bygone(doc: Doc, cue: Cue, published: date | None = None) -> bool:
    """ "200 people displaced by earlier fighting had been staying there": a fight named as the past
    behind the sentence's event, not one the sentence tells; so is one a past year names ("a former
    combatant who had signed the 2016 peace agreement")."""
    if cue.start > 0 and doc[cue.start - 1].lower_ in BYGONE and doc[cue.start].pos_ == "NOUN":
        return True
    this_year = published.year if published else None
    before = doc[max(0, cue.start - 3) : cue.start]
    return this_year is not None and any(
        YEAR_TOKEN.fullmatch(t.text) and int(t.text) < this_year for t in before
    )


def _habitual(doc: Doc, cue: Cue) -> bool:
    """A cue verb in the simple present, in an article's body: what happens habitually or what
    someone is ("Landmines kill or maim civilians almost every week", "a vigilante group that
    fights alongside the army"), not an event. (Notes and headlines, written in the present, are
    not read so.)"""
    token = doc[cue.start]
    if token.pos_ != "VERB":
        return False
    # the tagger's word alone is not trusted ("retook" is tagged VBP): the third person's -s, or a
    # relative pronoun before the bare form ("groups that fight")
    relative = cue.start > 0 and doc[cue.start - 1].lower_ in {"that", "which", "who"}
    return (token.tag_ == "VBZ" and token.lower_.endswith("s")) or (token.tag_ == "VBP" and relative)


def _air_defence(doc: Doc, cue: Cue) -> bool:
    """ "While air defences were engaged, a drone struck the base": air defences firing at drones
    or missiles fight no battle; the strike they met is the event."""
    if cue.category != "clash":
        return False
    before = {t.lower_ for t in doc[max(0, cue.start - 3) : cue.start]}
    return bool(before & {"defence", "defences", "defense", "defenses"})


def _negated(sent: Span, anchor: int) -> bool:
    doc = sent.doc
    return any(doc[k].lower_ in NEGATIONS for k in range(max(sent.start, anchor - 3), anchor))


def _blocked(lexicon: TriggerLexicon, sent: Span, anchor: int, blockers: Sequence[PhraseMatch]) -> bool:
    """Whether a blocker ("called for", "threatened") ends by the anchor and starts at most 12
    tokens before it, as matching the sentence from its start up to the anchor finds them.

    `blockers` are the sentence's, matched once to its end: matching again from the start for
    every cue is quadratic in a long sentence. Matching is greedy from the left, so the two agree
    on every match that starts over `longest` tokens before the anchor's end; from the first
    place after that where both stand, the stretch up to the anchor is matched again (a longer
    term there may run past the anchor and give way to a shorter one).
    """
    end = anchor + 1
    resume = max(sent.start, end - lexicon.blockers.longest + 1)
    agreed = bisect_left(blockers, resume, key=attrgetter("start"))
    if agreed and blockers[agreed - 1].end > resume:
        resume = blockers[agreed - 1].end
    if bisect_left(blockers, anchor - 12, hi=agreed, key=attrgetter("start")) < agreed:
        return True
    return any(anchor - m.start <= 12 for m in lexicon.blockers.finditer(sent.doc, resume, end))


def _aggregate(
    lexicon: TriggerLexicon,
    sent: Span,
    dates: list[DateMention],
    current: list[DateMention],
    claims: list[Claim],
    aside: int | None,
) -> bool:
    """A period total or a trend rather than one event: marked by its words ("so far", "civil war"),
    by a toll no single event reaches, or by a date that opens or spans a period. A past month
    recalled beside the day of the sentence's event ("a rally on Saturday over a collapse last
    November") spans no period of it: of the `dates`, only the `current` ones (not history) are
    read for a span, when there are any. A marker at `aside` (see `_aside`) makes no total."""
    if any(m.start != aside for m in lexicon.aggregates.finditer(sent.doc, sent.start, sent.end)):
        return True
    if any(c.kind == ClaimKind.KILLED and c.value >= AGGREGATE_TOLL for c in claims):
        return True
    since = [d for d in dates if d.text.lower().startswith(("since", "as of"))]
    day = any(
        d not in since and d.span.precision == 1 and d.span.end is None and not _statement_day(sent.doc, d)
        for d in current
    )
    if since and not day:
        return True  # "under near-daily bombardment since May 10": a trend or a running total
    # "police fired tear gas on Tuesday at women demanding the release of Machar, held since late
    # March": the day tells the event, the span since then someone else's state
    dates = [d for d in dates if d not in since]
    current = [d for d in current if d not in since]
    if (claims and _since_it_began(sent)) or _since_a_year(sent):
        return True
    return any(
        d.span.end
        and (d.span.end - d.span.start).days > AGGREGATE_RANGE_DAYS
        and not ONE_WEEK.fullmatch(d.text.lower())
        for d in current or dates
    )


def _aside(lexicon: TriggerLexicon, sent: Span, claims: list[Claim]) -> int | None:
    """Where a trailing ", in one of a series of ..." phrase starts, when no figure follows it: it
    sets the sentence's event among others ("A drone struck a car near Penjwen, killing three
    men, in one of a series of strikes and clashes over the past week") without making it a total
    (as "..., in one of a series of attacks that killed 30" does), and what it names is not the
    event."""
    doc = sent.doc
    for marker in lexicon.aggregates.finditer(doc, sent.start, sent.end):
        before = doc[max(sent.start, marker.start - 2) : marker.start]
        trailing = [t.text.lower() for t in before] == [",", "in"]
        if trailing and not any(c.start >= doc[marker.start].idx for c in claims):
            return marker.start
    return None


def _since_a_year(sent: Span) -> bool:
    """ "Tripoli has seen repeated bouts of fighting between armed groups since the 2011 uprising": a
    trend over years, told in the perfect ("has seen"), whether or not the year is read as a date
    (not "marched to demand the release of men held since 2019")."""
    doc = sent.doc
    perfect = any(
        t.lower_ in {"has", "have"} and t.i + 1 < sent.end and doc[t.i + 1].tag_ == "VBN" for t in sent
    )
    return perfect and any(
        any(YEAR_TOKEN.fullmatch(x.text) for x in doc[t.i + 1 : min(t.i + 3, sent.end)])
        for t in sent
        if t.lower_ == "since"
    )


def _dispersed_of_itself(doc: Doc, cue: Cue) -> bool:
    """ "stopped outside the palace before dispersing peacefully", "the crowd later dispersed.": a
    crowd going home, not forces breaking it up."""
    if doc[cue.start].lemma_.lower() != "disperse" or cue.end - cue.start != 1:
        return False
    after = doc[cue.end].lower_ if cue.end < len(doc) else "."
    before = doc[cue.start - 1].lower_ if cue.start > 0 else ""
    return after in {"peacefully", "quietly", "calmly", "without", "later", ".", ","} or before in {
        "before",
        "then",
        "later",
    }


def _began_since(doc: Doc, cue: Cue) -> bool:
    """ "River traffic has stopped since the fighting began", "to search for relatives missing
    since the fighting began": the start of the war, a time, not an event."""
    before = doc[max(0, cue.start - 3) : cue.start]
    after = doc[cue.end : min(len(doc), cue.end + 2)]
    return any(t.lower_ == "since" for t in before) and any(t.lower_ in BEGINNINGS for t in after)


def _since_it_began(sent: Span) -> bool:
    """ "39 people killed since nationwide protests began on June 18": a running total since
    something started, whatever the date after it (the caller asks for a figure: "marched to demand
    a search for those missing since the fighting began" is no total)."""
    since = [t.i for t in sent if t.lower_ == "since"]
    return any(t.lower_ in BEGINNINGS and any(0 < t.i - s <= 12 for s in since) for t in sent)


def _best_date(dates: list[DateMention], anchor: int) -> DateMention | None:
    """The most precise date nearest the cue; of two days named together ("from Thursday into
    Friday"), the first: ACLED dates a night's event to the evening it began."""
    if not dates:
        return None
    best = min(dates, key=lambda d: (d.span.precision, abs(d.start - anchor)))
    paired = [d for d in dates if d.span.precision == best.span.precision and abs(d.start - best.start) <= 4]
    return min(paired, key=lambda d: d.span.start)


RECAP = re.compile(
    r",\s+(?:in\s+(?:a|the)\s+(?:week|weekend|month|year)\s+(?:that|which)|capping\s+(?:a|the)\b"
    r"|the\s+latest\s+in\s+a\b)",
    re.IGNORECASE,
)
"""A sentence's tail recalling the other events of a period: "..., in a week that also saw deadly
attacks by Al-Shabaab", "..., capping a week of violence", "..., the latest in a series"."""


def _token_at_char(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else len(doc)


def _or_after(recalled: Callable[[int], bool], start: int) -> Callable[[int], bool]:
    """`recalled`, and every token from `start` on."""
    return lambda index: index >= start or recalled(index)


def _recalled(past: list[DateMention], current: list[DateMention]) -> Callable[[int], bool]:
    """Whether the token at an index belongs to a past event the sentence recalls: the date nearest
    it is a past one. "A rally on Saturday demanding accountability for the collapse of a canopy in
    Novi Sad last November that killed 15 people": the killing, its toll and its place are that
    past event's, recalled as background; the sentence's event is the rally, on Saturday. Without
    a parse, nearness stands in for the clause: the past date must be under half as far as the
    nearest current one ("held a vigil protesting HTS having executed a commander arrested 2 years
    ago" stays the vigil's)."""

    if not past:
        return _nothing_recalled

    def recalled(index: int) -> bool:
        def distance(d: DateMention) -> int:
            return min(abs(d.start - index), abs(d.end - 1 - index))

        then = min(distance(d) for d in past)
        now = min((distance(d) for d in current), default=None)
        return now is None or 2 * then < now

    return recalled


def _intended(doc: Doc, cue: Cue) -> bool:
    """A deed only aimed at or foretold: "a renewed push to seize the city", "a bid to storm the
    base", "his forces would enter El Fasher" (the sentence's other cues still code what happened)."""
    before = doc[max(0, cue.start - 3) : cue.start]
    if any(t.tag_ == "MD" for t in before):
        return True
    sought = doc[max(0, cue.start - 6) : min(len(doc), cue.end + 1)]
    if any(t.lower_ in SOUGHT_NOUNS and (t.i < cue.start or t.i == cue.end) for t in sought):
        return True  # "a reward for information leading to the arrest of ...", "an arrest warrant"
    if cue.category != "protest" and cue.start >= 2 and doc[cue.start - 1].tag_ == "TO":
        # ("blocked the avenue to demonstrate": a crowd's purpose is its protest)
        return doc[cue.start - 2].pos_ == "NOUN"  # a verb's infinitive is `_realis`'s to judge
    return False


def _statement_day(doc: Doc, day: DateMention) -> bool:
    """A day that dates the telling or the finding, not the event: "officials said on Thursday",
    "told Reuters Monday", "his body was found on 7 May"."""
    k = day.start - 1
    if k >= 0 and doc[k].lower_ == "on":
        k -= 1
    if k >= 1 and doc[k].pos_ in {"PROPN", "NOUN"} and doc[k - 1].lemma_ == "tell":
        k -= 1  # "told Reuters on Monday"
    # "said in a statement on Monday", "said at a news conference on Wednesday"
    medium = k
    while medium > max(0, k - 4) and doc[medium].pos_ in {"NOUN", "PROPN", "ADJ", "DET", "PRON"}:
        medium -= 1
    if medium < k and doc[medium].lower_ in {"in", "at", "during"} and medium >= 1:
        k = medium - 1
    return k >= 0 and (doc[k].lemma_ in REPORTING_VERBS or doc[k].lemma_ in DISCOVERY_VERBS)


def _nothing_recalled(_index: int) -> bool:
    """A sentence that names no past day recalls no past event."""
    return False


def _token_at(doc: Doc, claim: Claim) -> int:
    """The index of the token a figure starts in."""
    span = doc.char_span(claim.start, max(claim.end, claim.start + 1), alignment_mode="expand")
    return span.start if span is not None else 0


def _history(span: DateSpan, published: date | None, article: bool = False) -> bool:
    """A day too far from publication to be news: over a year back (a month's span, over
    `HISTORY_DAYS`), or after it. An article tells this week's news and recalls what came before:
    any day of its over `HISTORY_DAYS` back is background ("On Aug. 26, the BLA carried out
    coordinated attacks", in a story of late October)."""
    if published is None:
        return False
    age = (published - span.start).days
    return age > 365 or ((span.precision >= 3 or article) and age > HISTORY_DAYS) or age < -1


def _source(
    doc: Doc, actor: ActorMention, anchor: int, attribution: Attribution, actors: list[ActorMention]
) -> bool:
    """Whether an actor is named only as the source of what the sentence reports: "Residents said
    junta jets bombed the town", "..., a PDF member told Wire", "according to the TNLA". A source
    that tells of its own deed ("the army said it killed ...", "the Israeli army announced that two
    soldiers were killed") may still be the agent, when it is one that fights."""
    claimant = attribution.claimant
    if claimant and actor.text in claimant and actor.start > anchor:
        return True
    span, cue = attribution.source_span, doc[anchor].idx
    if span is None or not span[0] <= doc[actor.start].idx < span[1] or span[0] <= cue < span[1]:
        return False  # a phrase holding the event's cue is no source ("Regime forces shelled X ... reported")
    own_forces = actor.inter == 1 and any(
        other.ident.startswith(STATE_PREFIX) and doc[other.start].idx >= span[1] for other in actors
    )
    return not ((attribution.own_deed or own_forces) and actor.inter in ARMED_INTERS)


FINITE_VERBS = frozenset({"VBD", "VBZ", "VBP"})
"""Tags of a finite verb, whose object an actor right after it is ("told residents to leave")."""


OPPOSING_WORDS = frozenset({"with", "against", "from"})


def _opposing(doc: Doc, actor: ActorMention) -> bool:
    """Whether an actor is named as the other side: "with IS", "against the army", "from the Islamic
    State"."""
    k = actor.start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    return k >= 0 and doc[k].lower_ in OPPOSING_WORDS


def _definite_subject(doc: Doc, anchor: int) -> bool:
    """A cue noun that "the" alone introduces, as the subject of its verb ("the strike was meant to
    ...", "the attack killed"): the event told before, whose agent no actor earlier in this sentence
    names."""
    if doc[anchor].pos_ != "NOUN" or anchor == 0 or doc[anchor - 1].lower_ != "the":
        return False
    if doc[anchor].ent_type_ == "ACTOR":
        return False  # "the air force said": an actor, not an event told before
    k = anchor + 1  # past a phrase on its day or place: "the strike on Monday hit"
    while k < min(len(doc) - 1, anchor + 5) and doc[k].pos_ in {"ADP", "PROPN", "NOUN", "DET", "NUM"}:
        k += 1
    return k < len(doc) and doc[k].pos_ in {"AUX", "VERB"}


def _speaker(doc: Doc, actor: ActorMention, anchor: int, attribution: Attribution) -> bool:
    """ "Hezbollah lawmaker Amin Sherri said the strike was meant to terrorise": an actor naming
    whom a speaker belongs to, before the cue, is no agent (unless the speaker tells of its own
    forces' deed: "Houthi spokesman Yahya Saree said its forces fired missiles")."""
    if attribution.own_deed or actor.end >= anchor:
        return False
    k = actor.end
    titles = {"PROPN", "NOUN", "ADJ", "PART"}  # "the army's Arabic-language spokesman"
    while k < min(anchor, actor.end + 6) and (doc[k].pos_ in titles or doc[k].text in {"-", ")"}):
        k += 1  # ... "(ISPR) said"
    if actor.end < k < anchor - 1 and doc[k].text == ",":
        # "The army's media wing, Inter-Services Public Relations (ISPR), said": past a name in apposition
        k = k + 1 if doc[k + 1].lemma_ in REPORTING_VERBS else next(
            (i + 1 for i in range(k + 1, min(anchor, k + 12)) if doc[i].text == ","), k
        )
    return actor.end < k < anchor and doc[k].lemma_ in REPORTING_VERBS


STRUCK_THINGS = load_words().struck_things
TYING_WORDS = load_words().tying_words
TYING_PREPOSITIONS = frozenset({"to", "in", "for", "with", "over", "of", "from"})


def _tied_to(doc: Doc, cue: Cue) -> bool:
    """ "It said the men were linked to the bombing near Muqdadiyah", "suspects in the attack": an
    event told before that the sentence ties people to, not a new one; "wanted over kidnappings":
    crimes of the past, not an event."""
    before = [t.lower_ for t in doc[max(0, cue.start - 5) : cue.start]]
    if before and before[-1] == "the":
        before.pop()
    elif doc[cue.start].tag_ != "NNS" or not before or before[-1] not in TYING_PREPOSITIONS:
        return False  # a bare plural is tied through a preposition ("wanted over kidnappings")
    while before and before[-1] in TYING_PREPOSITIONS:
        before.pop()
    return bool(before) and before[-1] in TYING_WORDS


def _owns_struck(doc: Doc, actor: ActorMention) -> bool:
    """ "a MINUSCA vehicle hit a mine", "a bomb exploded under a vehicle of the PMF": an actor whose
    vehicle or patrol a blast hit."""
    if doc[actor.end - 1].lower_ in STRUCK_THINGS:
        return True  # "an army vehicle": the actor's own words
    k = actor.end
    last = min(actor.end + 2, len(doc) - 1)
    while k < last and doc[k].pos_ == "ADJ" and doc[k].lower_ not in STRUCK_THINGS:
        k += 1  # "a QSD military vehicle"
    if k < len(doc) and doc[k].lower_ in STRUCK_THINGS:
        return True
    k = actor.start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    return k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lower_ in STRUCK_THINGS


def _roles(
    doc: Doc, sent: Span, actors: list[ActorMention], anchor: int, attribution: Attribution, blast: bool
) -> tuple[ActorMention | None, ActorMention | None, list[ActorMention]]:
    """Agent before the cue (or after "by"), target after it; "between X and Y" gives both; the
    owner of what a blast hit is its target."""
    usable = [
        a
        for a in actors
        if not _source(doc, a, anchor, attribution, actors) and not _speaker(doc, a, anchor, attribution)
    ]
    if not usable:
        return None, None, []
    hit = [a for a in usable if blast and _owns_struck(doc, a)]
    # ... and its acronym in brackets after it: "a vehicle of the Popular Mobilization Forces (PMF)"
    hit += [a for a in usable if any(a.start == h.end + 1 and doc[h.end].text == "(" for h in hit)]
    words = [t.lower_ for t in sent]
    if "between" in words:
        k = sent.start + words.index("between")
        after = [a for a in usable if a.start > k]
        if len(after) >= 2:
            first, second = after[0], after[1]
            if second.inter == 1 and first.inter != 1:
                # "between IS and the army": neither side leads, and ACLED lists state forces first
                first, second = second, first
            return first, second, usable
    by = [a for a in usable if a.start > anchor and _after_by(doc, a)]
    # before the cue or naming it ("fighter jets bombed"), and no verb's object ("told residents")
    before = [
        a
        for a in usable
        if a.start <= anchor
        and not (a.start > 0 and doc[a.start - 1].tag_ in FINITE_VERBS and a.end <= anchor)
    ]
    if _definite_subject(doc, anchor):
        before = []  # "..., and a lawmaker said the strike was meant to terrorise": the strike told before
    # "seven civilians were killed in crossfire": a passive cue's subject is what it befell
    undergone = hit + [a for a in before if _passive_subject(doc, a, anchor) and a not in hit]
    before = [a for a in before if a not in undergone]
    after = [a for a in usable if a.start > anchor and a not in by and a not in hit]
    # the other side ("clashes with IS", "took the village from the Islamic State") leads only
    # when no one else is named before the cue
    before = sorted(before, key=lambda a: _opposing(doc, a))
    agent = by[0] if by else (before[0] if before else None)
    if (
        agent is None
        and after
        and after[0].inter != 7
        and doc[after[0].start - 1].lower_ not in OBJECT_MARKERS
        and not _numbered(doc, after[0])  # "a bomb exploded, killing two soldiers": the dead
        and not _owner(doc, after[0])  # "a position held by soldiers"
        and not _opposing(doc, after[0])
    ):
        agent = after[0]  # "Clashes broke out when IS attacked ...": the actor after a nominal cue
        after = after[1:]
    if agent is not None:
        agent = _umbrella(doc, agent, usable, anchor)
    partner = None
    if agent is not None:
        # "Government forces and Houthi fighters clashed": the second subject is the other side
        partner = next(
            (
                a
                for a in before
                if a.start >= agent.end and a is not agent and doc[a.start - 1].lower_ in {"and", "with"}
            ),
            None,
        )
    target = partner or next((a for a in after if a is not agent), None) or next(iter(undergone), None)
    return agent, target, usable


def _by_whom(doc: Doc, actor: ActorMention) -> str | None:
    """The word before "by" when the actor follows "by" (past its article), else None."""
    k = actor.start - 1
    if k >= 0 and doc[k].lower_ in {"a", "an", "the"}:
        k -= 1
    return doc[k - 1].lower_ if k >= 1 and doc[k].lower_ == "by" else None


def _after_by(doc: Doc, actor: ActorMention) -> bool:
    """ "shelled by regime forces", "planted by an unknown armed group" (not "backed by", "driven by")."""
    word = _by_whom(doc, actor)
    return word is not None and word not in COMPANIONS | OWNER_VERBS


def _owner(doc: Doc, actor: ActorMention) -> bool:
    """ "a vehicle driven by a QSD officer", "a position held by soldiers": whose the thing is."""
    return _by_whom(doc, actor) in OWNER_VERBS


def _numbered(doc: Doc, actor: ActorMention) -> bool:
    """Whether a number counts the actor's people ("two soldiers", "four suspected IS members"):
    those a deed befell, not its doers."""
    k = actor.start - 1
    while k > actor.start - 3 and k >= 0 and doc[k].tag_ in {"JJ", "VBN"}:
        k -= 1
    return k >= 0 and doc[k].tag_ == "CD"


def _passive_subject(doc: Doc, actor: ActorMention, anchor: int) -> bool:
    """Whether the actor is the subject of the passive cue just after it ("civilians were killed",
    "two soldiers have been wounded"): a form of "be" or "get" stands between them, nothing else
    but adverbs and auxiliaries."""
    if doc[anchor].tag_ != "VBN" or not 0 < anchor - actor.end <= 3:
        return False
    between = doc[actor.end : anchor]
    return any(t.lemma_ in {"be", "get"} for t in between) and all(
        t.pos_ in {"AUX", "ADV", "PART"} or t.lemma_ in {"be", "get"} for t in between
    )


PART_OF_WORDS = frozenset(
    {"the", "of", "a", "faction", "factions", "wing", "cell", "cells", "branch", "unit", "units"}
)
"""Words naming a part of a group between unnamed men and the group ("rival factions of the")."""


def _umbrella(doc: Doc, agent: ActorMention, actors: list[ActorMention], anchor: int) -> ActorMention:
    """'Turkish forces ... operating under OPS', 'US forces under the Global Coalition': the operation
    or coalition a force acts under is the actor ACLED codes (the force is an associate). 'Gunmen
    from the Viv Ansanm coalition', 'fighters of the ADF', 'gunmen from rival factions of the
    Sinaloa Cartel', 'rebels of the 3R armed group': unnamed men are the group they are of."""
    if agent.kind in {"unidentified", "rebels"}:
        group = next((a for a in actors if a.kind == "named" and 0 < a.start - agent.end <= 6), None)
        between = doc[agent.end : group.start] if group else []
        if (
            group is not None
            and between[0].lower_ in {"from", "of"}
            and all(t.lower_ in PART_OF_WORDS or t.pos_ == "ADJ" for t in between[1:])
        ):
            return group  # "gunmen from the separatist Balochistan Liberation Army"
    for other in actors:
        if agent.end <= other.start <= anchor and other.kind == "named":
            before = {t.lower_ for t in doc[max(agent.end, other.start - 3) : other.start]}
            if before & {"under", "within"}:
                return other
    return agent


def _victims(
    sent: Span, claims: list[Claim], anchor: int, agent: ActorMention | None, actors: list[ActorMention]
) -> tuple[bool, bool]:
    """Were civilians or armed people hit? From the victim nouns of the figures and the words after
    the cue (the target side): "gunmen opened fire on a civilian" hit a civilian, not gunmen, and
    "a body was found, killed by unknown gunmen" names its killers after the cue."""
    groups = {c.group for c in claims if c.group}
    agent_span = range(agent.start, agent.end) if agent is not None else range(0)
    target_words = {t.lower_ for t in sent if t.i > anchor and t.i not in agent_span}
    civilian = bool(groups & CIVILIAN_NOUNS) or bool(
        target_words & {"civilian", "civilians", "idps", "tents", "residential", "displacement"}
    )
    armed = (
        bool(groups & ARMED_NOUNS)
        or bool(target_words & (ARMED_NOUNS - {"vehicle", "vehicles"}))
        or any(_member_of_armed(sent.doc, actor) for actor in actors if actor is not agent)
    )
    if civilian and groups & ARMED_NOUNS and not groups & CIVILIAN_NOUNS:
        civilian = False
    if armed and target_words & {"civilian", "civilians"} and not groups & ARMED_NOUNS:
        armed = False
    return civilian, armed


def _member_of_armed(doc: Doc, actor: ActorMention) -> bool:
    """'a QSD member's body', 'an IS member': one of an armed group's own people was hit."""
    if actor.inter not in {1, 2, 3, 8}:
        return False
    members = {"member", "members"}
    if doc[actor.end - 1].lower_ in members:
        return True  # the dictionary knows "QSD members" as one name
    after = actor.end + (1 if actor.end < len(doc) and doc[actor.end].text in {"'s", "’s"} else 0)
    return after < len(doc) and doc[after].lower_ in members


OBJECT_MARKERS = load_words().object_markers
NEAR_CUES = NEAR_WORDS - {"province", "governorate", "district", "region", "countryside", "rural"}
COMPANIONS = load_words().companions
OWNER_VERBS = load_words().owner_verbs
ATTACK_VERBS = load_words().attack_verbs
SITE_AFTER = load_words().site_after
QUARTER_NOUNS = load_words().quarter_nouns


def _in_place(places: list[PlaceMention], starts: list[int], i: int) -> bool:
    """Whether token `i` is part of one of the places (with their `starts`): they are in text order
    and never overlap, so only the last to start by `i` can hold it."""
    last = bisect_right(starts, i) - 1
    return last >= 0 and i < places[last].end


def _route_end(doc: Doc, start: PlaceMention, end: PlaceMention) -> bool:
    """ "on the road from Afgooye to Mogadishu": the destination of a route named by its ends is no
    more the place than its origin is (while "reinforcements from Homs to Tal Tamer" went there)."""
    if start.cue != "from" or end.cue != "to" or end.start - start.end > 2 or start.start < 2:
        return False
    return doc[start.start - 2].lower_ in ROUTE_NOUNS


def _origin_phrase(doc: Doc, place: PlaceMention) -> bool:
    """"the main road that brings fuel from the Senegalese port of Dakar": a place a phrase opened by
    "from" names as the origin, through a few words of description, is not where the event was."""
    for k in range(place.start - 1, max(-1, place.start - 6), -1):
        if doc[k].lower_ == "from":
            return k < place.start - 1  # (a place right after "from" has that cue already)
        if doc[k].pos_ not in {"DET", "ADJ", "NOUN", "PROPN"} and doc[k].lower_ != "of":
            return False
    return False


def _after_route_noun(doc: Doc, place: PlaceMention) -> bool:
    """Whether a road, highway or railway is named just before the place ("the road between X and Y")."""
    return any(t.lower_ in ROUTE_NOUNS for t in doc[max(0, place.start - 4) : place.start])


def _event_place(
    doc: Doc, places: list[PlaceMention], anchor: int
) -> tuple[PlaceMention | None, PlaceMention | None]:
    """The place where the event happened, and the wider area named beside it.

    Towns come before regions and countries; among towns, the most specific wins: one that
    an area follows ("X in Y", "X (Y)") or that a settlement word introduces ("the village of X"),
    one the gazetteer places, one introduced by "in"/"near"/"at"; never the origin of a movement
    ("IDPs from Aleppo") nor a name heading an organisation ("Education Department building").
    """
    towns = [
        p
        for k, p in enumerate(places)
        if p.kind in {"town", "site"}
        and p.cue not in ORIGIN_CUES | {"dateline"}
        and not (p.place is None and p.end < len(doc) and doc[p.end].lower_ in SITE_AFTER)
        and not (k > 0 and _route_end(doc, places[k - 1], p))
    ]
    # "the highway between Quetta and Karachi about 25 km south of Kalat": a route's ends place the
    # event only when nothing else does, as does a town a road is named after ("the coastal Jiyeh
    # highway in Barja")
    ends: set[int] = {p.start for p in places if p.cue == "road"}
    for k, p in enumerate(places):
        if p.cue == "between" and _after_route_noun(doc, p):
            ends.add(p.start)
            joined = k + 1 < len(places) and p.end < len(doc) and doc[p.end].lower_ == "and"
            if joined and places[k + 1].start - p.end <= 2:
                ends.add(places[k + 1].start)
    towns = [p for p in towns if p.start not in ends and not _origin_phrase(doc, p)] or towns
    areas = [p for p in places if p.kind in {"admin1", "country"} and p.cue not in ORIGIN_CUES]
    starts, ends = [p.start for p in places], [p.end for p in places]

    def beside(mention: PlaceMention) -> tuple[list[PlaceMention], list[PlaceMention]]:
        """The places ending up to 5 tokens before the mention, and those starting up to 5 after it:
        the only ones `encloses` and `refers` can pair it with (places are in text order and never
        overlap, so each is a run found by bisection, not a scan of the sentence's every place)."""
        before = places[bisect_left(ends, mention.start - 5) : bisect_left(ends, mention.start)]
        return before, places[bisect_right(starts, mention.end) : bisect_right(starts, mention.end + 5)]

    def refers(place: PlaceMention, landmark: PlaceMention) -> bool:
        """'X near Y', 'X south of Y': Y only tells where X lies."""
        return (
            0 < landmark.start - place.end <= 5 and landmark.relation == "near" and landmark.cue in NEAR_CUES
        )

    def fronted(mention: PlaceMention) -> bool:
        """'Elsewhere in Idlib, ...': a phrase opening the sentence sets the scene around the event.
        (A sentence starts at most 3 tokens before it: spaCy's `Token.sent` walks the whole sentence.)"""
        first = max(0, mention.start - 3)
        opening = any(i == 0 or doc[i].is_sent_start for i in range(first, mention.start + 1))
        comma = next((t.i for t in doc[mention.end : min(anchor, mention.end + 4)] if t.text == ","), None)
        return opening and comma is not None and comma < anchor

    def quarter(mention: PlaceMention) -> bool:
        return mention.end < len(doc) and doc[mention.end].lower_ in QUARTER_NOUNS

    # 'Russia pounded Kharkiv ..., while Moscow pressed toward Pokrovsk': a place after the cue, in
    # a clause that ', while' (', as', ', whereas') opens, is that clause's
    last = max((p.start for p in places), default=anchor)
    second_clause = next(
        (
            i
            for i in range(anchor + 1, min(last, len(doc) - 1))
            if doc[i].lower_ in CLAUSE_OPENERS and doc[i - 1].text == "," and doc[i + 1].lower_ != "well"
        ),
        None,
    )

    def subordinate(mention: PlaceMention) -> bool:
        return second_clause is not None and second_clause < mention.start

    def score(mention: PlaceMention) -> tuple[int, int]:
        value = 0
        if quarter(mention) and any(p.place is not None and not quarter(p) for p in towns):
            value -= 4  # "in Cartagena, ... in the Olaya Herrera neighborhood": placed at the town
        before, after = beside(mention)
        if any(encloses(doc, mention, other) for other in after):
            value += 2
        if any(encloses(doc, other, mention) for other in before):
            value -= 2
        if (
            mention.cue
            in {"village", "town", "city", "villages", "towns", "area", "camp", "of"} | ATTACK_VERBS
        ):
            value += 2
        if mention.place is not None:
            value += 1
        if mention.cue in {"in", "at", "near", "outside", "around", "on", "into", "inside"}:
            value += 1
        if mention.start > anchor:
            value += 1
        if mention.kind == "site":
            value -= 2
        if named_by_noun(doc, mention.end) or any(refers(mention, other) for other in after):
            value += 2  # "Mustariha area near Oqeirbat town": the place, then its landmark
        if any(refers(other, mention) for other in before):
            value -= 1
        if fronted(mention):
            value -= 1
        if mention.start > anchor and subordinate(mention):
            value -= 3
        return value, -abs(mention.start - anchor) // 20

    chosen = max(towns, key=score) if towns else None
    if chosen is None:
        chosen = next((p for p in areas if p.kind == "admin1"), None) or (areas[0] if areas else None)
    area = None
    if chosen is not None and chosen.place is None:
        resolved = [p for p in towns if p.place is not None and p is not chosen]
        area = min(resolved, key=lambda p: abs(p.start - chosen.start), default=None)
    area = area or next((p for p in areas if p is not chosen and p.kind == "admin1"), None)
    if area is None:
        area = next((p for p in places if p is not chosen and p.place is not None and p.cue != "road"), None)
    return chosen, area


EVENT_NOUNS = (
    r"(?:attack|strikes?|bombing|raid|shelling|blast|explosion|killings?|massacre|assault|operation)"
)
BLAME = re.compile(
    rf"\b(?:blam\w*|accus\w*|attribut\w*|held)\b.{{0,80}}?\b(?:for|of|to)\s+(?:the|this|that)\s+{EVENT_NOUNS}\b"
    rf"|\b(?:claimed|confirmed|acknowledged|denied|did not comment on)\s+(?:the\s+|this\s+|that\s+)?"
    rf"(?:\w+\s+){{0,2}}{EVENT_NOUNS}\b"
    r"|\bclaimed responsibility\b|\bdenied (?:striking|attacking|carrying out)\b"
    r"|\bsuspect(?:ed|s)?\b.{0,60}?\b(?:of\s+(?:laying|planting|carrying|being)|(?:was|were)\s+responsible)\b"
    r"|\b(?:was|were)\s+responsible\s*(?:[.,]|$)"  # "Islamic State cells were responsible."
    r"|^\W*(?:[\w'’-]+\s+){1,4}blamed\b",  # "Police blamed Viv Ansanm gunmen based in Canaan"
    re.IGNORECASE,
)
"""Statements about who did an event told just before ("The group blamed the RSF for the attack",
"JNIM claimed the attack", "Russia denied striking the hospital"): they code no event of their own."""
CLAIMED_BY_SUBJECT = re.compile(
    rf"\bclaimed\s+(?:responsibility\b|(?:the|this|that)\s+(?:\w+\s+)?{EVENT_NOUNS}\b)", re.IGNORECASE
)
"""A claim of responsibility, made by the actor named before it ("JNIM claimed the attack")."""
BLAME_REACH, CLAIM_REACH = 2, 4
"""How many sentences after an event a statement of blame, and a claim of responsibility, refer to it."""
TOPIC_SHIFTS = (
    "Meanwhile",
    "Separately",
    "In another",
    "In a separate",
    "Earlier",
    "Previously",
    "Last ",
    "In recent",
    "Since ",
    "In 20",
    "In 19",
)
"""Openers that turn an article to another story, whose day the sentences before do not give."""
PLACE_ANAPHORA = re.compile(
    r"\b(?:the|that)\s+(?:city|town|village|capital|camp)\b(?!\s+of\b)", re.IGNORECASE
)
"""A day's event placed only by "the city" ("On Monday, drones hit the largest fuel depot just south
of the city"): the place is the one the report told of before."""
ANAPHORIC_OPENERS = load_words().anaphoric_openers


AIR_MEANS = frozenset({"air", "aircraft", "strike_noun"})
"""Cue categories that tell one means, a strike from the air ("warplanes", "raids", "the strike")."""


def _means(categories: frozenset[str]) -> frozenset[str]:
    """By what means a frame's cues tell its deed was done (not the harm: killed, hit)."""
    means = categories - {"violence", "impact"}
    return means - AIR_MEANS | ({"air"} if means & AIR_MEANS else frozenset())

CLAUSE_OPENERS = frozenset({"as", "while", "whereas"})
"""Words that, after a comma, may open a second event's clause in the same sentence."""
TIME_AFTER = re.compile(
    r"(?:(?:a|one|two|three|four|five|six|several|few|some)\s+)?(?:days?|weeks?|hours?|nights?)\s+(?:after|before)\b"
)
"""After a comma, "a day after" / "hours before" opens the clause of another event, told beside it."""


COUNTED_DAYS = r"(?P<count>a|one|two|three|four|five|six|seven|\d{1,2})\s+(?P<unit>days?|weeks?)"
""""three days", "a week": a count of days the two patterns below share (read by `_counted`)."""
LAG = re.compile(
    rf"\b{COUNTED_DAYS}\s+(?P<way>after|later|earlier)\b"
    r"|\bthe\s+(?:previous|preceding)\s+day\b|\bthe\s+day\s+before\b(?!\s+yesterday)|\ba\s+day\s+earlier\b"
    r"|(?P<next>\bthe\s+(?:next|following)\s+day\b)",
    re.IGNORECASE,
)
"""How far from the day told just before a clause's event happened: "The attack came three days
after gang members massacred ..." (before it), "On the previous day" (before), "The next day",
"two days later" (after), "Two days earlier" (before)."""
STEM = 4
"""Letters of a noun that find the sentence telling its event ("the bombing": "bomb exploded")."""
RELATIVE_TO_EVENT = re.compile(
    rf"\W*{COUNTED_DAYS}\s+(?P<way>after|before)\s+the\s+(?P<told>\w+)[^,]{{0,60}},", re.IGNORECASE
)
"""A sentence opening on its day counted from an event told before: "A day after the abductions,",
"Two days before the fighting in Souq al-Jumaa,"."""


def _refine(lead: Frame, sequel: Frame) -> None:
    """ "Two militants were killed in a gunfight in south Kashmir this week. ... On Tuesday night,
    police surrounded a house on the edge of Tral. The gunfight began ...": a sequel that names the
    day within the lead's week, or the town within its wide area, codes the event there and then."""
    if (
        sequel.date is not None
        and lead.date is not None
        and sequel.date.precision < lead.date.precision
        and lead.date.start <= sequel.date.start <= (lead.date.end or lead.date.start)
    ):
        lead.date = sequel.date
    wide = lead.place is not None and (
        lead.place.kind in {"admin1", "country"}
        or lead.place.cue in COMPASS  # "in south Kashmir", not "on the edge of El Fasher"
        or (lead.place.place is not None and lead.place.place.feature != "populated place")
    )
    town = sequel.place
    if wide and town is not None and town.kind == "town" and (town.relation == "in" or town.cue in OUTSKIRTS):
        lead.place, lead.area, lead.located = town, sequel.area or lead.area, sequel.located


def _tells(frame: Frame, kind: str) -> bool:
    """Whether a frame tells the event a later one is dated from: by its category ("abduct") or by
    a cue holding the stem of the noun naming it ("bomb" for "the bombing")."""
    return kind in frame.categories or any(kind in cue.text.lower() for cue in frame.cues)


def _counted(found: re.Match[str]) -> int:
    """The days a match of `COUNTED_DAYS` counts, and which way from the day told: positive when
    its `way` is "after" or "earlier", negative otherwise ("before", "later")."""
    count, unit = found.group("count").lower(), found.group("unit").lower()
    number = int(count) if count.isdigit() else 1 if count == "a" else CARDINALS[count]
    days = number * (7 if unit.startswith("week") else 1)
    return days if found.group("way").lower() in {"after", "earlier"} else -days


def _lag(text: str) -> int:
    """The days a clause's event happened before the one told beside or before it (negative when
    after it: "the next day"); 0 when it says none."""
    found = LAG.search(text)
    if found is None:
        return 0
    if found.group("count") is None:
        return -1 if found.group("next") else 1
    days = _counted(found)
    # "came three days after gang members massacred ...": the event is the one "after" introduces;
    # in "A day after the lockdown began, armed men stormed a school" it is the main clause's, on a
    # day counted from something else
    after = found.group("way").lower() == "after"
    return 0 if after and "," in text[found.end() :] else days


def _earlier(day: DateSpan | None, lag: int) -> DateSpan | None:
    """A day `lag` days before `day` (after it when negative; a week's precision when counted in weeks)."""
    if day is None or not lag:
        return day
    precision = day.precision if abs(lag) < 7 else max(day.precision, 2)
    end = day.end - timedelta(days=lag) if day.end is not None else None
    return DateSpan(day.start - timedelta(days=lag), end, precision)


def _opener_length(doc: Doc, cut: int) -> int:
    """How many words open a second clause at `cut` (just after a comma): 0 when none does."""
    if doc[cut].lower_ in CLAUSE_OPENERS:
        return 1
    words = " ".join(t.lower_ for t in doc[cut : cut + 4])
    found = TIME_AFTER.match(words)
    return len(found.group(0).split()) if found else 0


def _clauses(doc: Doc, info: SentenceInfo) -> list[SentenceInfo]:
    """A sentence as the clauses that each tell an event: usually itself, but a wire lead often
    joins two ("Israeli strikes killed nine people near Tyre, officials said, as Hezbollah fired
    rockets at Haifa"; "..., a day after a military drone strike on a market"). It is cut at ", as"
    (", while", ", a day after") when an armed actor opens what follows, within a few words, at or
    before a cue of its own, and a cue stands before the cut: the second clause has its own agent,
    deed, place and figures; the sentence's source stays with the first."""
    cues = _in(doc._.cues or [], info.start, info.end)
    if len(cues) < 2:
        return [info]
    actors = _in(doc._.actors or [], info.start, info.end)
    for cut in range(info.start + 2, info.end - 2):
        if doc[cut - 1].text != ",":
            continue
        length = _opener_length(doc, cut)
        if not length:
            continue
        later = [c for c in cues if c.start > cut]
        if not later or not any(c.end < cut for c in cues):
            continue
        opener = next((a for a in actors if cut < a.start <= later[0].start), None)
        if opener is None or opener.start - cut > 3 + length or opener.inter not in ARMED_INTERS:
            continue
        boundary = doc[cut].idx
        return [
            replace(info, end=cut - 1, claims=[c for c in info.claims if c.start < boundary]),
            SentenceInfo(cut + 1, info.end, [c for c in info.claims if c.start >= boundary]),
        ]
    return [info]


def _heading(doc: Doc, sent: Span) -> bool:
    """A title or subheading on a line of its own: no closing punctuation before the line break."""
    last = next((t for t in reversed(sent) if not t.is_space), None)
    ends_line = sent.end >= len(doc) or breaks_line(doc[sent.end - 1])
    return last is not None and not last.is_punct and ends_line and len(sent) < 20


def _opens_paragraph(doc: Doc, sent: Span) -> bool:
    """Whether a line break comes just before the sentence (or it opens the report): a paragraph
    opening "The attack came a day after a suicide bomber ..." turns the story to that event."""
    return sent.start == 0 or breaks_line(doc[sent.start - 1])


def _sentence_before(doc: Doc, index: int) -> SentenceInfo | None:
    """The whole sentence before sentence `index` (the index a clause shares with its sentence)."""
    return (doc._.sentences or [])[index - 1] if index > 0 else None


def _scene(doc: Doc, sent: Span, index: int, day: DateSpan | None) -> PlaceMention | None:
    """The place the sentence before, in the same paragraph, sets for one that names none: the town
    it opens on ("In Basra, meanwhile, anger over power cuts spilled into the streets. On Monday,
    hundreds of people protested outside the provincial council building"), the last town it
    names when this one says "the city" ("... brought students back onto the streets of Imphal. On
    Friday, several thousand students marched from a college in the city"), or, when it opens on
    its `day` (see `_scene_day`), the first town it names."""
    before = _sentence_before(doc, index)
    if before is None or _opens_paragraph(doc, sent):
        return None
    mentions = _in(doc._.places or [], before.start, before.end)
    named = [p for p in mentions if p.place is not None and p.cue != "dateline"]
    opens_on_place = doc[before.start].lower_ == "in"
    opening = next((p for p in named if p.start == before.start + 1 and opens_on_place), None)
    if opening is not None and opening.end < len(doc) and doc[opening.end].text == ",":
        return opening
    towns = [p for p in named if p.kind == "town" and p.relation == "in"]  # not "north of Hebron"
    if towns and PLACE_ANAPHORA.search(sent.text):
        return towns[-1]
    # "On Tuesday night, soldiers surrounded a house on the edge of Frisal, a village 13 km north of
    # Kulgam. The gunfight began ...": the town of a scene set on its day, not the landmark beside it
    sites = [
        p
        for p in mentions
        if p.kind == "town" and p.cue != "dateline" and (p.relation != "near" or p.cue in OUTSKIRTS)
    ]
    return sites[0] if sites and day is not None else None


OUTSKIRTS = frozenset({"edge", "outskirts", "outside"})
"""What lies on a town's edge is placed at the town ("the house on the edge of Frisal")."""
COMPASS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
     "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern",
     "southwestern"}
)
"""Words before a region that leave it wide ("south Kashmir"): a town a sequel names is more exact."""


def _scene_day(doc: Doc, sent: Span, index: int) -> DateSpan | None:
    """The one day the sentence before, in the same paragraph, opens on ("On Tuesday night,
    soldiers surrounded the house ...") for the sentence after it, which tells what happened then."""
    before = _sentence_before(doc, index)
    if before is None or _opens_paragraph(doc, sent):
        return None
    days = [d for d in _in(doc._.dates or [], before.start, before.end) if d.span.end is None]
    opening = days[0] if days and days[0].start - before.start <= 1 else None
    return opening.span if opening is not None and opening.span.precision == 1 else None


def _anaphoric(sent: Span) -> bool:
    return sent.text.lstrip().lower().startswith(ANAPHORIC_OPENERS)


def _pronoun_subject(sent: Span) -> bool:
    return sent[0].lower_ in {"it", "they", "he", "she"}


def _descriptive(doc: Doc, mention: PlaceMention) -> bool:
    """"a crowded market in a Shi'ite neighbourhood", "a Meitei armed group", "Churachandpur, the
    largest Kuki-Zo town": a word the gazetteer does not know, between "a" (or a superlative) and a
    noun, describes the place rather than naming it."""
    return (
        mention.place is None
        and mention.start > 0
        and (doc[mention.start - 1].lower_ in {"a", "an"} or doc[mention.start - 1].tag_ == "JJS")
        and mention.end < len(doc)
        and doc[mention.end].pos_ in {"NOUN", "ADJ"}
        and doc[mention.end].is_lower
    )


def _is_site(mention: PlaceMention) -> bool:
    return mention.place is None and any(w.lower() in SITE_NOUNS for w in mention.text.split())


class EventCoder:
    """Turns a processed Doc into events and aggregate figures (no state between documents)."""

    def __init__(self, dictionary: ActorDictionary, gazetteer: Gazetteer, lexicon: TriggerLexicon) -> None:
        self.dictionary = dictionary
        self.gazetteer = gazetteer
        self.lexicon = lexicon

    # -- frames -----------------------------------------------------------------------------
    def frames(self, doc: Doc) -> tuple[list[Frame], list[Claim]]:
        report = report_of(doc)
        figures: list[Claim] = []
        frames: list[Frame] = []
        short = len(doc._.sentences or []) <= SHORT_REPORT_SENTENCES
        clauses = [
            (i, k > 0, clause)
            for i, whole in enumerate(doc._.sentences or [])
            for k, clause in enumerate(_clauses(doc, whole))
        ]
        retold_at: set[int] = set()  # sentences that retell an event told before
        for index, aside, info in clauses:
            sent = doc[info.start : info.end]
            frame = self._frame(doc, sent, index, info, report.published, figures, short)
            if frame is not None:
                # a second clause, or an event told as days before the one told ("The attack came
                # three days after gunmen massacred ..."), is off the story's thread
                frame.aside = aside or (frame.lag > 0 and not _opens_paragraph(doc, sent))
            if frame is not None and frames and TOLL_UPDATE.search(sent.text):
                frames[-1].claims.extend(frame.claims)  # a later toll of the event told before
                continue
            retold = self._retold_by_day(frame, frames) if frame is not None else None
            if frame is not None and retold is not None:
                retold.claims.extend(frame.claims)
                retold_at.add(index)
                continue
            if frame is not None and (frame.place is None or frame.date is None):
                self._take_scene(doc, sent, index, retold_at, frame)
            if frames:
                # blame goes to the event the last frames tell, not to a sentence that continues it,
                # whether or not the sentence names a deed ("Residents blamed the 3R.")
                told = next((f for f in reversed(frames) if not f.continuation), frames[-1])
                if self._assigns_blame(doc, sent, told, index):
                    continue
            if frame is not None:
                frames.append(frame)
            elif frames and info.claims and not _in(doc._.cues or [], info.start, info.end):
                self._attach_claims(frames[-1], info, index)
            self._apply_hedges(frames, info)
        return frames, figures

    def _frame(
        self,
        doc: Doc,
        sent: Span,
        index: int,
        info: SentenceInfo,
        published: date | None,
        figures: list[Claim],
        short: bool,
    ) -> Frame | None:
        cues = _in(doc._.cues or [], sent.start, sent.end)
        blockers = list(self.lexicon.blockers.finditer(doc, sent.start, sent.end)) if cues else []
        cues = [
            c
            for c in cues
            if not _blocked(self.lexicon, sent, c.start, blockers) and not _negated(sent, c.start)
            and not _the_casualties(doc, c) and not _fled_from(doc, c) and not _air_defence(doc, c)
            and not _intended(doc, c) and not _bygone(doc, c, published) and not _tied_to(doc, c)
            and not _began_since(doc, c) and not _dispersed_of_itself(doc, c)
            and not (not short and _habitual(doc, c))
        ]
        if any(c.category in REMOTE | {"impact"} for c in cues):
            # "A third drone set fire to a fuel depot": a weapon's fire, not a crowd's; "a missile
            # struck as residents gathered for prayers": the crowd is the strike's target, no protest
            cues = [c for c in cues if c.category not in {"crowd_violence", "arson", "protest"}]
        if any(c.category == "protest" for c in cues):
            cues = [c for c in cues if c.category == "protest" or not _grievance(doc, sent, c.start)]
        if not cues:
            return None
        # "tried to retake the village from the ELN": a capture attempted is a battle, not a capture
        cues = [
            replace(c, category="clash") if c.category == "capture" and _attempted(doc, c.start) else c
            for c in cues
        ]
        if _definite_subject(doc, cues[0].start):
            # "The attack came three days after gang members massacred 17 people": the event told
            # before, then another, days before it; the frame is the other's
            lagged = LAG.search(doc[cues[0].end : sent.end].text)
            if lagged is not None:
                cut_at = doc[cues[0].end].idx + lagged.end()
                cues = [c for c in cues if doc[c.start].idx >= cut_at] or cues
        anchor = cues[0].start
        # "OUAGADOUGOU, Aug 26 — ... attack on the town of Barsalogho on Saturday": the dateline
        # dates the filing, not the event
        filed = dateline_end(report_of(doc).text) if index == 0 else 0
        dates = [
            d
            for d in _in(doc._.dates or [], sent.start, sent.end)
            if doc[d.start].idx >= filed
            # "the fighting went on overnight", in an article's body: the night of the event told,
            # not the one before publication
            and (index == 0 or short or d.text.lower() != "overnight")
        ]
        current = [d for d in dates if not _history(d.span, published, not short)]
        past = [d for d in dates if _history(d.span, published, not short)]
        aside = _aside(self.lexicon, sent, info.claims)
        if _aggregate(self.lexicon, sent, dates, current, info.claims, aside):
            figures.extend(info.claims)
            return None
        if aside is not None:
            cues = [c for c in cues if c.start < aside]
        if dates and not current:
            return None
        lowered = sent.text.lower()
        if not current and index > 0 and self._back_then(doc, lowered, index, published):
            return None
        if not current and not short and any(phrase in lowered for phrase in HABITUAL):
            return None  # "Landmines kill or maim civilians almost every week"
        told = [d for d in current if not _statement_day(doc, d)]
        told_on = bool(current) and not told
        current = told or current  # "media said on Monday that shells landed on Sunday": Sunday
        recalled = _recalled(past, current)
        recap = RECAP.search(sent.text)
        tail = sent.end
        if recap is not None:
            # "..., capping a week of violence that also saw attacks by communist guerrillas": the
            # other events a sentence's tail recalls lend it no cue, actor, place or figure
            tail = _token_at_char(doc, sent.start_char + recap.start())
            cues = [c for c in cues if c.start < tail]
            recalled = _or_after(recalled, tail)
        cues = [c for c in cues if not recalled(c.start)]
        if not cues:
            return None
        # a capture is the sentence's deed when it tells one ("Following clashes with IS, regime
        # forces gained control of Quriyeh"): its actors are found around it
        reference = None
        opening = RELATIVE_TO_EVENT.match(sent.text)
        if opening is not None:
            # "A day after the abductions, JNIM fighters ambushed a patrol": the abductions are the
            # event told before, by which this one is dated; its own deed is after the comma ("Two
            # days after the bombing," names no cue: it counts from the sentence telling of a bomb)
            cut = sent.start_char + opening.end()
            told = [c for c in cues if doc[c.start].idx < cut]
            own = [c for c in cues if doc[c.start].idx >= cut]
            if own:
                kind = told[0].category if told else opening.group("told")[:STEM].lower()
                cues, reference = own, (kind, _counted(opening))
        anchor = next((c.start for c in cues if c.category == "capture"), cues[0].start)
        chosen = _best_date(current, anchor)
        same_day = any(phrase in lowered for phrase in SAME_DAY)
        dated = (chosen is not None and chosen.span.precision == 1) or same_day
        heading = _heading(doc, sent)
        if (heading and not short) or not _realis(sent, anchor, dated, headline=short):
            return None
        frame = self._build(doc, sent, index, info, cues, anchor, chosen, same_day, recalled, tail)
        frame.heading = heading
        frame.definite = _definite_subject(doc, anchor)
        frame.reference = reference if chosen is None else None
        frame.told_on = told_on
        return frame

    def _build(
        self,
        doc: Doc,
        sent: Span,
        index: int,
        info: SentenceInfo,
        cues: list[Cue],
        anchor: int,
        chosen: DateMention | None,
        same_day: bool,
        recalled: Callable[[int], bool] = _nothing_recalled,
        tail: int | None = None,
    ) -> Frame:
        """A frame for a sentence whose cues (if any) have passed the checks; the places and figures
        of a past event it `recalled` are not the frame's, nor the actors of a recap from `tail` on."""
        tail = sent.end if tail is None else tail
        mentioned = _in(doc._.places or [], sent.start, sent.end)
        outlet = report_of(doc).source  # "speaking to Wire by phone": the outlet is no place
        places = [
            p
            for p in mentioned
            if not _is_site(p) and not recalled(p.start) and p.text != outlet and not _descriptive(doc, p)
        ]
        starts = [p.start for p in places]
        claims = [c for c in info.claims if not recalled(_token_at(doc, c))]
        actors = [
            a
            for a in _in(doc._.actors or [], sent.start, sent.end)
            if not _in_place(places, starts, a.start) and a.start < tail
        ]
        blast = any(c.category == "ied" for c in cues)
        agent, target, others = _roles(doc, sent, actors, anchor, info.attribution, blast)
        place, area = _event_place(doc, places, anchor)
        civilian, armed = _victims(sent, claims, anchor, agent, actors)
        frame = Frame(
            index,
            sent.start,
            sent.end,
            list(cues),
            anchor,
            agent,
            target,
            others,
            place,
            area,
            chosen.span if chosen else None,
            chosen is not None,
            claims,
            info.attribution,
            sent.text.strip(),
            civilian,
            armed,
        )
        frame.anaphoric = same_day or _anaphoric(sent) or (
            place is None and chosen is not None and PLACE_ANAPHORA.search(sent.text) is not None
        )
        frame.located = place is not None and (place.kind != "country" or place.cue in LOCATING_CUES)
        frame.own_country = place is not None and place.kind == "country" and place.cue in LOCATING_CUES
        if chosen is None:
            frame.lag = _lag(doc[sent.start : anchor].text)
        if place is not None and place.place is None and place.end < len(doc):
            frame.kind_of_place = doc[place.end].lower_
        frame.continuation = (
            chosen is None
            and not same_day
            and not frame.lag
            and place is None
            and (agent is None or _pronoun_subject(sent))
        )
        return frame

    def labelled_frame(self, doc: Doc) -> Frame | None:
        """A frame for the report's first sentence, cue or not: the event a labelled note states
        without any cue word ("Security measures: ..."), or the scene a note's lead sets."""
        infos = doc._.sentences or []
        if not infos:
            return None
        sent = doc[infos[0].start : infos[0].end]
        published = report_of(doc).published
        dates = [d for d in _in(doc._.dates or [], sent.start, sent.end) if not _history(d.span, published)]
        return self._build(doc, sent, 0, infos[0], [], sent.start, _best_date(dates, sent.start), False)

    @staticmethod
    def _back_then(doc: Doc, lowered: str, index: int, published: date | None) -> bool:
        """ "In August 2023, Fano seized Lalibela. That same month, a drone strike ... killed 26": a
        sentence (its text `lowered`) set in the time of the one before, which was history."""
        if not any(phrase in lowered for phrase in BACK_THEN):
            return False
        before = _sentence_before(doc, index)
        dates = _in(doc._.dates or [], before.start, before.end) if before is not None else []
        return bool(dates) and all(_history(d.span, published) for d in dates)

    @staticmethod
    def _assigns_blame(doc: Doc, sent: Span, previous: Frame, index: int) -> bool:
        """'The group blamed the RSF for the attack': who did the event before, not a new event.

        The named actor becomes the earlier event's perpetrator when it had none or an
        unidentified one, and whatever it had when the actor claims the event itself ("Fighters
        linked to al-Qaeda killed 200 ... JNIM claimed the attack"); either way the sentence codes
        nothing of its own."""
        claimed = CLAIMED_BY_SUBJECT.search(sent.text)
        reach = CLAIM_REACH if claimed else BLAME_REACH  # a claim of responsibility comes late in a story
        blame = BLAME.search(sent.text)
        if index - previous.last > reach or blame is None:
            return False
        named = [a for a in _in(doc._.actors or [], sent.start, sent.end) if a.kind == "named"]
        subject = [a for a in named if claimed and doc[a.end - 1].idx < sent.start_char + claimed.start()]
        # "MINUSCA said it suspected the 3R of laying the device": the one blamed follows the verb,
        # the one blaming comes before it (but "Islamic State cells were responsible")
        at = sent.start_char + blame.start()
        responsible = blame.group(0).lower().startswith(("was", "were"))
        blamed = [a for a in named if (doc[a.start].idx < at) == responsible] or named
        if subject:
            previous.agent = subject[0]
        elif blamed and (previous.agent is None or previous.agent.kind == "unidentified"):
            previous.agent = blamed[-1] if responsible else blamed[0]
        return True

    @staticmethod
    def _attach_claims(frame: Frame, info: SentenceInfo, index: int) -> None:
        """A figures-only sentence right after an event ("At least 12 other people were injured")."""
        if index - frame.sentence <= 2:
            frame.claims.extend(info.claims)

    @staticmethod
    def _apply_hedges(frames: list[Frame], info: SentenceInfo) -> None:
        """An outlet's hedge ("CNN cannot independently verify the figures") covers the frames before it."""
        hedges = info.attribution.hedges
        if frames and "unverified" in hedges and frames[-1].sentence < info.start:
            for frame in frames[-3:]:
                if "unverified" not in frame.attribution.hedges:
                    frame.attribution.hedges.append("unverified")

    # -- context ----------------------------------------------------------------------------
    def inherit(self, frames: list[Frame], long_form: bool, published: date | None) -> list[Frame]:
        """Fill missing roles from the frame before; fold continuations into it."""
        merged: list[Frame] = []
        for frame in frames:
            # the story's thread runs through main clauses: an aside lends nothing to what follows
            previous = next((f for f in reversed(merged) if not f.aside), merged[-1] if merged else None)
            if previous and self._dates_the_one_before(frame, previous):
                # "The army carried out an airstrike on Nyala. ... the strike on Monday hit a district":
                # the day the second sentence gives is the first one's
                previous.absorb(frame, ESCALATIONS | previous.categories)
                previous.date, previous.own_date = frame.date, True
                previous.last_merged = frame.sentence
                continue
            if (
                previous
                and not frame.aside  # a second clause tells another event, by construction
                and not frame.lag  # told as days before the event it follows: another event
                and (frame.continuation or self._retells(frame, previous))
                and (frame.sentence - previous.last <= 2)
            ):
                # a sequel tells more of the event; only an escalation changes what kind it is
                _refine(previous, frame)
                previous.absorb(frame, ESCALATIONS | previous.categories)
                previous.others.extend(frame.others)
                previous.last_merged = frame.sentence
                continue
            if frame.reference is not None and frame.date is None:
                kind, days = frame.reference
                dated = [f for f in reversed(merged) if f.date]
                # "A day after the lockdown began": no event told names it; the last day told dates it
                told = next((f for f in dated if _tells(f, kind)), dated[0] if dated else None)
                if told is not None:
                    frame.date, frame.own_date = _earlier(told.date, -days), True
            if previous is not None:
                close = frame.sentence - previous.last <= 1
                # "Last Friday, a roadside bomb tore through a minibus", after a US air strike on
                # Sunday: an article's event on a day of its own is its own perpetrator's unless it
                # is done by the same means
                other_day = long_form and frame.date is not None and previous.date is not None and (
                    frame.date.start != previous.date.start
                )
                same_means = bool(_means(frame.categories) & _means(previous.categories))
                linked = (
                    frame.anaphoric
                    or not long_form
                    or (
                        close
                        and (
                            frame.agent is None
                            or frame.agent.name == (previous.agent and previous.agent.name)
                        )
                    )
                )
                if frame.date is None and (linked or frame.lag):
                    # "On the previous day, army troops clashed with ELN fighters": counted from the
                    # day just told, whoever acted
                    frame.date = _earlier(previous.date, frame.lag)
                if frame.place is None and linked and (close or frame.anaphoric) and not frame.aside:
                    frame.place, frame.area = previous.place, frame.area or previous.area
                    frame.located = previous.located
                if frame.agent is None and self._same_kind(frame, previous) and (same_means or not other_day):
                    frame.agent = previous.agent
            if frame.date is None and not long_form and published is not None:
                frame.date = DateSpan(published)
            if frame.date is None and long_form and not frame.evidence.startswith(TOPIC_SHIFTS):
                # an undated sentence of an article happened around the last day it named: coded to
                # that day at week precision, unless it turns to another story ("Meanwhile, ...")
                dated = next((f.date for f in reversed(merged) if f.date is not None), None)
                if dated is not None:
                    around = DateSpan(dated.start, dated.end, max(dated.precision, 2))
                    frame.date = _earlier(around, frame.lag)
            merged.append(frame)
        if long_form:
            # an article's undated lead ("BANGKOK, Jan 14 — A military airstrike ... killed 11") tells
            # in brief what it dates later: around the first day it names
            first = next((f.date for f in merged if f.date is not None), None)
            for frame in merged:
                if frame.date is not None or first is None:
                    break
                frame.date = DateSpan(first.start, first.end, max(first.precision, 2))
        return merged

    def _with_lead(self, doc: Doc, frame: Frame, published: date | None) -> Frame:
        """A note's lead sentence sets the scene ("Around 6 May 2020, in Atenango del Rio, ...");
        an event told in a later sentence takes its date and place from there when it has none."""
        lead = self.labelled_frame(doc)
        if lead is None or lead.sentence == frame.sentence:
            return frame
        if lead.own_date and (frame.date is None or not frame.own_date):
            frame.date = lead.date
        if frame.place is None or (frame.place.place is None and lead.place is not None and lead.place.place):
            frame.place, frame.area = lead.place or frame.place, lead.area or frame.area
        frame.agent = frame.agent or lead.agent
        return frame

    @staticmethod
    def _one_event(frames: list[Frame]) -> Frame:
        """A note of a few sentences reports one event; its later sentences tell more of it.

        The first frame leads; later frames add their figures, their evidence, and the cues that
        escalate the event's type (clashes, crowd violence, police intervention, capture)."""
        stated = [frame for frame in frames if not frame.heading] or frames
        main = stated[0]
        for frame in stated[1:]:
            if "protest" in main.categories and _security_arrests(frame):
                # "... demonstrated in Gereida. Police arrested 12.": the police intervened
                arrests = [c for c in frame.cues if c.category == "arrest"]
                main.cues.extend(replace(c, category="intervention") for c in arrests)
            # a second clause's figures are another event's ("..., a day after a drone strike that
            # killed 30"): only what escalates the note's event is taken from it
            main.absorb(replace(frame, claims=[]) if frame.aside else frame, ESCALATIONS)
            main.place = main.place or frame.place
            main.area = main.area or frame.area
            main.attribution.hedges.extend(frame.attribution.hedges)
        return main

    def _take_scene(self, doc: Doc, sent: Span, index: int, retold_at: set[int], frame: Frame) -> None:
        """The place and day the sentence before set, when it told no event, for a frame naming
        neither ("On Tuesday night, soldiers surrounded a house in Frisal. The gunfight began ...")."""
        if not self._set_scene(doc, sent, index, retold_at):
            return
        day = _scene_day(doc, sent, index)
        if frame.place is None:
            frame.place = _scene(doc, sent, index, day)
            frame.located = frame.place is not None
        if frame.date is None:
            frame.date = day

    @staticmethod
    def _set_scene(doc: Doc, sent: Span, index: int, retold_at: set[int]) -> bool:
        """Whether the sentence before only set a scene: it named no event ("In Basra, meanwhile,
        anger spilled into the streets"), or one told already ("The drone attack on Wednesday
        brought students back onto the streets of Imphal")."""
        if index - 1 in retold_at:
            return True
        before = _sentence_before(doc, index)
        return before is not None and not _in(doc._.cues or [], before.start, before.end)

    def _retold_by_day(self, frame: Frame, frames: list[Frame]) -> Frame | None:
        """ "The drone attack on Wednesday brought students back onto the streets of Imphal": "the"
        event of a day an event of its kind was told for is that event, wherever the sentence goes."""
        if not (frame.definite and frame.own_date and frame.date):
            return None
        # the last event of its kind, not any of that day: "The army carried out an airstrike on
        # Nyala. ... the strike on Monday hit a residential district" dates the Nyala strike
        means = _means(frame.categories)
        kin = (f for f in reversed(frames) if not f.continuation and means & _means(f.categories))
        told = next(kin, None) if means else None
        return told if told is not None and told.date and told.date.start == frame.date.start else None

    def _dates_the_one_before(self, frame: Frame, previous: Frame) -> bool:
        """A dated "the strike ..." right after an undated event of its kind, at its place."""
        here, there = frame.place, previous.place
        same_place = here is None or there is None or here.place == there.place
        return (
            frame.definite
            and frame.own_date
            and not previous.own_date
            and frame.sentence - previous.last <= 1
            and same_place
            and self._same_kind(frame, previous)
        )

    def _retells(self, frame: Frame, previous: Frame) -> bool:
        """An undated sentence of the same kind, at no new place (or the town of one placed only
        in its region), by no other named actor, tells more of the event before it ("... the group
        said gunmen moved from house to house")."""
        if frame.own_date and frame.told_on and frame.date and previous.date:
            # "Police said on Saturday that they had recovered 17 bodies": a later statement on it
            if frame.date.start < previous.date.start:
                return False
        elif frame.own_date:
            return False
        if frame.anaphoric or not self._same_kind(frame, previous):
            return False
        # "... in a displacement camp on the edge of El Fasher. Shells fell on the Abu Shouk camp"
        noun = frame.kind_of_place
        named_there = noun is not None and f" {noun} " in f" {previous.evidence} "
        new_place = (
            frame.place is not None and not _narrows(frame.place, previous.place) and not named_there
        ) and (
            previous.place is None
            or (frame.place.place is not None and previous.place.place != frame.place.place)
            or (frame.place.place is None and frame.place.text != previous.place.text)
        )
        other_actor = (
            frame.agent is not None
            and frame.agent.name is not None
            and (previous.agent is None or frame.agent.name != previous.agent.name)
        )
        return not new_place and not other_actor

    @staticmethod
    def _same_kind(frame: Frame, previous: Frame) -> bool:
        def family(categories: frozenset[str]) -> frozenset[str]:
            return categories | ({"remote"} if categories & REMOTE else frozenset())

        return bool(family(frame.categories) & family(previous.categories))

    # -- events -----------------------------------------------------------------------------
    def events(self, doc: Doc) -> tuple[list[Event], list[Claim]]:
        report = report_of(doc)
        frames, figures = self.frames(doc)
        sentences = len(doc._.sentences or [])
        long_form = sentences > SHORT_REPORT_SENTENCES and len(doc._.dates or []) > 0
        frames = self.inherit(frames, long_form, report.published)
        if sentences <= SHORT_REPORT_SENTENCES and frames:
            frames = [self._with_lead(doc, self._one_event(frames), report.published)]
        elif long_form:
            # In an article, a sentence that names no place and points back to none ("Air raid
            # alerts remained in force", "gunmen moved from house to house") is colour, not an event.
            frames = [frame for frame in frames if frame.located]
        label = self.lexicon.label_of(report_of(doc).text)
        if label and not frames:
            frame = self.labelled_frame(doc)
            frames = self.inherit([frame], long_form, report.published) if frame else []
        countries = doc._.report_countries or []
        events: dict[tuple, Event] = {}
        backdrop = _backdrop(doc._.places or [])
        for frame in frames:
            local = _told_before(doc._.places or [], frame) if long_form else None
            frame.area = frame.area or local or backdrop
            for place in [frame.place] if label else self._places_of(doc, frame):
                event = self._event(report.id, report.source, frame, place, countries, label, long_form)
                if event is None:
                    continue
                key = (event.event_date, event.location, event.actor1, event.actor2)
                if key in events:
                    self._merge(events[key], event)
                else:
                    events[key] = event
        coded = _fold_unattributed(list(events.values()))
        if long_form:
            coded = [
                e
                for e in coded
                if e.geo_precision != 3
                or e.location != e.country
                or any(f.own_country and f.evidence in e.evidence for f in frames)
            ]
        # ACLED codes no event it cannot put anywhere: with no town, area or country named or
        # implied, a sentence stays evidence in the stored report but makes no event
        return [self._finish(e) for e in coded if e.location or e.country], figures

    def _places_of(self, doc: Doc, frame: Frame) -> list[PlaceMention | None]:
        """Captures name every place taken ("Tal Rifaat and the towns of Ain Daqna and Sheikh Issa")."""
        if "capture" not in frame.categories or frame.place is None:
            return [frame.place]
        named = _in(doc._.places or [], frame.start, frame.end)
        towns = [  # not a landmark ("setbacks for government forces around Lake Chad")
            p
            for p in named
            if p.kind == "town"
            and p.start > frame.anchor
            and p.relation != "near"
            and not _is_site(p)
            and not _is_area_word(doc, p)
        ]
        # "Umm Ramal village in Salamiyah countryside in Hama": every area around a prize is no prize
        taken = [p for p in towns if not any(encloses(doc, other, p) for other in named if other is not p)]
        return taken or [
            frame.place
        ]  # "captured Sihal in Idleb": Idleb is where Sihal is, not a second prize

    def _country_of(self, frame: Frame, place: Place | None, countries: list[str]) -> str | None:
        if place is not None and place.country:
            return place.country
        for code in countries:
            country = self.gazetteer.country(code)
            if country is not None and country.country:
                return country.country
        for actor in (frame.agent, frame.target):
            if actor is not None and actor.country:
                return actor.country
        return None

    def _resolve(self, actor: ActorMention | None, country: str | None, on: date | None) -> list[Actor]:
        """The actor(s) a mention names in this event's country and on its date."""
        if actor is None:
            return []
        if self._foreign_acronym(actor, country):
            return []
        if actor.ident:
            resolved = self.dictionary.resolve(actor.ident, actor.country or country, on=on, text=actor.text)
            if resolved:
                return [
                    replace(a, inter=self.dictionary.inter_in(a, country)) if country else a for a in resolved
                ]
        if actor.name:
            return [Actor(actor.name, actor.inter, actor.country)]
        return []

    @staticmethod
    def _foreign_acronym(actor: ActorMention, country: str | None) -> bool:
        """A bare acronym ("MSS", "AA") of a group from another country is more likely something
        else that shares the letters than that group acting here."""
        return bool(
            actor.text.isupper()
            and len(actor.text) <= 5
            and actor.kind == "named"
            and actor.country
            and country
            and actor.country != country
        )

    def _name(
        self, actor: ActorMention | None, country: str | None, on: date | None = None
    ) -> tuple[str | None, int | None]:
        resolved = self._resolve(actor, country, on)
        return (resolved[0].name, resolved[0].inter) if resolved else (None, None)

    def _event(
        self,
        report_id: str,
        outlet: str | None,
        frame: Frame,
        mention: PlaceMention | None,
        countries: list[str],
        label: str | None = None,
        article: bool = False,
    ) -> Event | None:
        geo = self._locate(mention, frame.area, countries)
        named = frame.area.place if frame.area is not None and frame.area.kind == "admin1" else None
        if named is not None and named.feature == "admin1" and named.country == geo.country:
            # named in the note's sentence itself ("(Al Quds, West Bank)"), not carried over from one
            # before; an article's sentence may name several regions ("Russia pounded Kharkiv ... in
            # the Donetsk region"): there, only one beside the place names its province
            beside = mention is None or abs(frame.area.start - mention.start) <= 6
            told_here = frame.start <= frame.area.start < frame.end and (
                not article or geo.admin1 is None or beside
            )
            if told_here or _around(named, geo):
                geo.admin1 = named.name  # "(Al Quds, West Bank)": the report names the province itself
        country = geo.country if geo.place else None
        country = country or self._country_of(frame, None, countries)
        on = frame.date.start if frame.date else None
        actor1, inter1 = self._name(frame.agent, country, on)
        actor2, inter2 = self._name(frame.target, country, on)
        if inter1 is None and frame.agent is not None:
            inter1 = frame.agent.inter  # "Regime forces" in a note with no country: still the state
        killed = _fatalities(frame.claims)
        protesters = any(a.kind == "protesters" for a in [frame.agent, *frame.others] if a)
        security = _security_named(frame)
        rioters = any(a.kind == "rioters" for a in [frame.agent, *frame.others] if a)
        typing = TypingInput(
            frame.categories,
            inter1,
            inter2,
            frame.armed_target,
            frame.civilian_target,
            protesters,
            rioters,
            killed[0],
            security,
        )
        sub = label or sub_event_type(typing)
        if sub is None:
            return None
        kind = event_type(sub)
        actor1, inter1, actor2, inter2 = self._conventional_actors(
            kind, sub, frame, country, actor1, inter1, actor2, inter2
        )
        injured = [c.value for c in frame.claims if c.kind == ClaimKind.INJURED]
        sources = _sources(frame, outlet)
        return Event(
            report_id=report_id,
            event_date=frame.date.start if frame.date else None,
            date_end=frame.date.end if frame.date else None,
            time_precision=frame.date.precision if frame.date else 3,
            event_type=kind,
            sub_event_type=sub,
            actor1=actor1,
            inter1=inter1,
            actor2=actor2,
            inter2=inter2,
            assoc_actor_1=self._associated(frame, actor1, country, on),
            country=country,
            admin1=geo.admin1,
            admin2=geo.admin2,
            location=geo.location,
            latitude=geo.latitude,
            longitude=geo.longitude,
            geo_precision=geo.precision,
            fatalities=killed[0],
            fatalities_low=killed[1],
            fatalities_high=killed[2],
            fatalities_qualifier=killed[3],
            injured=max(injured) if injured else None,
            sources=sources,
            verification=_verification(frame.attribution.hedges),
            evidence=[frame.evidence],
            notes=frame.evidence,
            claims=list(frame.claims),
        )

    def _conventional_actors(
        self,
        kind: str,
        sub: str,
        frame: Frame,
        country: str | None,
        actor1: str | None,
        inter1: int | None,
        actor2: str | None,
        inter2: int | None,
    ) -> tuple[str | None, int | None, str | None, int | None]:
        """ACLED's conventions: protesters and rioters lead their events, unknown perpetrators are an
        Unidentified Armed Group, civilians hit are Civilians (Country), and a coalition's patrols,
        convoys and deployments are the coalition's (US forces moving in Syria are the Global
        Coalition Against Daesh; a strike stays with the state that made it; Saudi forces in Yemen
        are Operation Restoring Hope whatever they do)."""
        if country is None:
            return actor1, inter1, actor2, inter2
        entry = self.dictionary.get(actor1) if actor1 else None
        if entry is not None:
            on = frame.date.start if frame.date else None
            acting = self.dictionary.acting_as(entry.to_actor(), country, on, kind)
            if acting.name != entry.name:
                actor1, inter1 = acting.name, acting.inter
        if kind == "Protests":
            crowd = self.dictionary.generic("protesters", country)
            if actor1 != crowd.name and actor1 is not None and inter1 in {1, 8}:
                actor2, inter2 = actor1, inter1
            actor1, inter1 = crowd.name, crowd.inter
            if sub == "Peaceful protest":
                actor2, inter2 = None, None
        elif kind == "Riots":
            crowd = self.dictionary.generic("rioters", country)
            if actor1 is None or inter1 not in {5}:
                if actor1 is not None and actor2 is None and inter1 in {1, 7}:
                    actor2, inter2 = actor1, inter1
                actor1, inter1 = crowd.name, crowd.inter
        elif actor1 is None and kind in {
            "Battles",
            "Explosions/Remote violence",
            "Violence against civilians",
        }:
            unnamed = (
                "rebels"
                if sub == "Non-state actor overtakes territory" and self._rebels_named(frame)
                else ("unidentified")
            )
            generic = self.dictionary.generic(unnamed, country)
            actor1, inter1 = generic.name, generic.inter
        civilians_hit = kind == "Violence against civilians" or (
            kind == "Explosions/Remote violence" and frame.civilian_target and not frame.armed_target
        )
        if civilians_hit and (actor2 is None or (inter2 != 7 and not frame.armed_target)):
            civilians = self.dictionary.generic("civilians", country)
            actor2, inter2 = civilians.name, civilians.inter
        if actor2 == actor1:
            actor2, inter2 = None, None
        return actor1, inter1, actor2, inter2

    @staticmethod
    def _rebels_named(frame: Frame) -> bool:
        return any(w.lower() in REBEL_WORDS for w in frame.evidence.split())

    def _associated(
        self, frame: Frame, actor1: str | None, country: str | None, on: date | None
    ) -> str | None:
        """Other actors acting alongside actor1 ("Syrian and Russian jets")."""
        if frame.agent is None:
            return None
        names = [a.name for a in self._resolve(frame.agent, country, on)[1:]]
        for other in frame.others:
            if other is frame.agent or other is frame.target or other.start > frame.anchor:
                continue
            name, _ = self._name(other, country, on)
            if name and name not in {actor1, *names} and other.inter == frame.agent.inter:
                names.append(name)
        names = [name for name in dict.fromkeys(names) if name != actor1]
        return "; ".join(names) or None

    @dataclass(slots=True)
    class _Geo:
        location: str | None = None
        latitude: float | None = None
        longitude: float | None = None
        admin1: str | None = None
        admin2: str | None = None
        country: str | None = None
        precision: int | None = None
        place: Place | None = None

    def _locate(self, mention: PlaceMention | None, area: PlaceMention | None, countries: list[str]) -> _Geo:
        """Coordinates and precision as ACLED codes them, falling back to the containing area."""
        if mention is not None and mention.place is not None:
            place = mention.place
            precision = 1 if mention.relation == "in" else 2
            if mention.kind == "admin1" or place.feature == "admin1":
                precision = 3 if mention.relation == "in" else 2
            if mention.kind == "country" or place.feature == "country":
                precision = 3
            name = place.name if place.feature in {"admin1", "country"} else _clean_location(mention.text)
            return self._Geo(
                name,
                place.latitude,
                place.longitude,
                place.admin1,
                place.admin2,
                place.country,
                precision,
                place,
            )
        fallback = area.place if area is not None and area.place is not None else None
        if fallback is None and countries:
            fallback = self.gazetteer.country(countries[0])
        if mention is not None:
            if fallback is None:
                return self._Geo(_clean_location(mention.text), precision=2)
            admin1 = fallback.admin1 or (fallback.name if fallback.feature == "admin1" else None)
            return self._Geo(
                _clean_location(mention.text),
                fallback.latitude,
                fallback.longitude,
                admin1,
                None,
                fallback.country,
                2 if fallback.feature != "country" else 3,
                fallback,
            )
        if fallback is None:
            return self._Geo()
        admin1 = fallback.admin1 if fallback.feature != "country" else None
        return self._Geo(
            fallback.name, fallback.latitude, fallback.longitude, admin1, None, fallback.country, 3, fallback
        )

    @staticmethod
    def _merge(into: Event, other: Event) -> None:
        if _regional(into) and not _regional(other):
            # a lead told at a region's level ("a base in the Lower Shabelle region"), retold at a
            # town inside it ("the base on the western edge of Wanlaweyn"): the town places it
            for name in ("location", "latitude", "longitude", "geo_precision", "admin1", "admin2"):
                setattr(into, name, getattr(other, name))
        if _unidentified(into) and not _unidentified(other):
            into.actor1, into.inter1 = other.actor1, other.inter1  # a later sentence names the perpetrator
        elif _sides_of_one_battle(into, other) and into.actor2 is None and other.actor1 != into.actor1:
            into.actor2, into.inter2 = other.actor1, other.inter1  # the side that told it
        into.claims.extend(other.claims)
        for sentence in other.evidence:
            if sentence not in into.evidence:
                into.evidence.append(sentence)
        for source in other.sources:
            if source not in into.sources:
                into.sources.append(source)
        killed = _fatalities(into.claims)
        into.fatalities, into.fatalities_low, into.fatalities_high, into.fatalities_qualifier = killed
        if other.injured is not None:
            into.injured = max(into.injured or 0, other.injured)
        if ESCALATION_ORDER.get(other.sub_event_type, -1) > ESCALATION_ORDER.get(into.sub_event_type, -1):
            # a demonstration told in phases is coded at its most violent phase
            into.event_type, into.sub_event_type = other.event_type, other.sub_event_type
            into.actor1, into.inter1 = other.actor1, other.inter1

    @staticmethod
    def _finish(event: Event) -> Event:
        event.notes = " ".join(event.evidence)
        return replace(event, event_id="")


PROVINCE_REACH_KM = 150.0
"""How far from a province's point a town it holds may lie, for a province an earlier sentence named
to name the town's: the Donetsk region told before does not hold Kharkiv."""


def _around(area: Place, geo: EventCoder._Geo) -> bool:
    """Whether a named province may be the one holding the place an event is coded at."""
    if geo.latitude is None or geo.longitude is None or area.latitude is None or area.longitude is None:
        return True
    return distance_km(area, Place(geo.location or "", geo.latitude, geo.longitude)) <= PROVINCE_REACH_KM


LOCAL_REACH = 80
"""How many tokens back an article's last placed town still frames an event named only by an
unknown place ("... on the edge of El Fasher. Shells began falling on the Abu Shouk camp")."""


def _told_before(places: list[PlaceMention], frame: Frame) -> PlaceMention | None:
    """The placed town an article named last before the event, within `LOCAL_REACH` tokens."""
    return next(
        (
            p
            for p in reversed(places)
            if p.end <= frame.start and frame.start - p.end <= LOCAL_REACH
            and p.place is not None and p.kind == "town" and p.cue != "dateline"
        ),
        None,
    )


def _backdrop(places: list[PlaceMention]) -> PlaceMention | None:
    """The area a report is about, for events whose own sentence names none: its first region,
    else its first placed town (the dateline city included)."""
    regions = [p for p in places if p.kind == "admin1" and p.place is not None]
    towns = [p for p in places if p.kind in {"town", "site"} and p.place is not None]
    return (regions or towns or [None])[0]


def _is_area_word(doc: Doc, mention: PlaceMention) -> bool:
    """'Aleppo’s northern countryside', 'Aleppo province': the place names an area, not a target."""
    after = doc[mention.end].lower_ if mention.end < len(doc) else ""
    return after in {"'s", "’s", "countryside", "province", "governorate", "region", "district"}


def _unidentified(event: Event) -> bool:
    return (event.actor1 or "").startswith("Unidentified") or event.actor1 is None


DEMONSTRATIONS = frozenset({"Protests", "Riots"})
ESCALATION_ORDER = {
    "Peaceful protest": 0,
    "Protest with intervention": 1,
    "Excessive force against protesters": 2,
    "Mob violence": 3,
    "Violent demonstration": 3,
}
SAME_PLACE_KM = 10.0


def _regional(event: Event) -> bool:
    """Coded to a whole region or country, not to a town (nor to a village placed at its region)."""
    return event.geo_precision == 3 and event.location in {event.admin1, event.country}


def _km_between(a: Event, b: Event) -> float | None:
    """How far apart two events are placed, when both have a point."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    here = Place(a.location or "", a.latitude, a.longitude)
    return distance_km(here, Place(b.location or "", b.latitude, b.longitude))


def _same_place(a: Event, b: Event) -> bool:
    """The same place, a few km off, or a town in the region the other is coded to only ("a
    military airstrike in the Sagaing region" and the strike on Sar Taung, in Sagaing)."""
    if a.location == b.location:
        return True
    regional = _regional(a) or _regional(b)
    if regional and a.admin1 is not None and (a.country, a.admin1) == (b.country, b.admin1):
        return True
    km = _km_between(a, b)
    return km is not None and km <= SAME_PLACE_KM


def _elsewhere(host: Event, event: Event) -> bool:
    """Placed at another town than the host, at least a km from it (a site placed at the host's
    town, like a market in Kharkiv, is not elsewhere)."""
    if event.location == host.location or _regional(event) or _regional(host):
        return False
    km = _km_between(host, event)
    return km is not None and km >= 1.0


def _retold(host: Event, event: Event) -> bool:
    """Does `event` tell more of `host`, coded from the same report? Same place (or a few km off)
    and kind of event, and either the same day with no other perpetrator named ("two adults were
    killed at Okhmatdyt"), or no day at all with no other perpetrator ("At least four people were
    killed when an Israeli air strike flattened a building"). A day's demonstrations in one city
    are one event however their phases are told (marching, tear gas, shooting)."""
    if host.event_date is None or not _same_place(host, event):
        return False
    kinds = {event.event_type, host.event_type}
    if (
        event.event_date == host.event_date
        and kinds <= DEMONSTRATIONS | {"Violence against civilians"}
        and (kinds & DEMONSTRATIONS)
    ):
        return True
    if event.event_type != host.event_type and not kinds <= VIOLENT_TYPES:
        return False
    same_actor = event.actor1 == host.actor1 or _unidentified(event)
    vaguer = event.event_date == host.event_date and event.time_precision > host.time_precision
    if event.event_date is None:  # no day of its own: it borrowed the day told before it
        return same_actor
    if event.event_date == host.event_date and _sides_of_one_battle(host, event):
        return True
    if vaguer:  # a day only borrowed too, unless it is placed a few km off, at a town of its own
        # ("Later in the morning, Israeli jets struck Haret Hreik", 4 km from the Basta strike)
        return same_actor and not _elsewhere(host, event)
    if event.date_end is not None and event.event_date < host.event_date <= event.date_end:
        # "repelled 27 attacks near Kurakhove over the past day": a span that holds the day the
        # capture of Kurakhove was told for, by the same actor, is that battle
        return same_actor and event.event_type == host.event_type
    if event.event_date != host.event_date:
        return False
    if (_regional(event) or _regional(host)) and same_actor and event.admin1 == host.admin1:
        return True  # a lead told at a region's level, retold at the town: "a base in Lower Shabelle"
    if same_actor and event.event_type == host.event_type and event.location == host.location:
        return True  # one actor's one kind of event at one place on one day is one event, as ACLED codes it
    same_kind_here = event.sub_event_type == host.sub_event_type and event.location == host.location
    if _unidentified(host) and same_kind_here:
        return True  # "The drone struck the market in Oursi", then "the air force hit Oursi": who did it
    # the same day: a victim count with no new perpetrator, or one the report told before
    # ("A Russian missile struck Okhmatdyt ... two adults were killed at Okhmatdyt")
    told_killing = event.actor1 == host.actor1 and event.sub_event_type == "Attack"
    return (_unidentified(event) and not _unidentified(host)) or told_killing


def _sides_of_one_battle(host: Event, event: Event) -> bool:
    """Clashes at one place on one day, each told by its own side ("the RSF launched a ground
    assault on El Fasher", "the army said it had repelled the attack"): one battle, whose sides are
    the two actors, when neither names a third."""
    if not (host.sub_event_type == event.sub_event_type == "Armed clash") or host.location != event.location:
        return False
    return event.actor2 in {None, host.actor1} and host.actor2 in {None, event.actor1}


def _fold_unattributed(events: list[Event]) -> list[Event]:
    """Fold the events that retell another event of the report into it (see `_retold`)."""
    # hosts first, the most precisely placed and dated first among them; order otherwise kept
    dated = sorted(events, key=lambda e: (e.event_date is None, e.geo_precision or 3, e.time_precision))
    kept: list[Event] = []
    for event in dated:
        host = next((e for e in kept if _retold(e, event)), None)
        if host is None:
            kept.append(event)
        else:
            EventCoder._merge(host, event)
    return [e for e in events if any(e is k for k in kept)]


def _clean_location(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in {"the", "city", "town", "village"}:
        words = words[1:]
    while words and words[-1].lower() in {
        "city",
        "town",
        "village",
        "province",
        "governorate",
        "countryside",
        "district",
        "area",
    }:
        words = words[:-1]
    return " ".join(words) or text


def _fatalities(claims: list[Claim]) -> tuple[int, int, int, str | None]:
    """ACLED's figure: each source's largest toll, then the lowest across sources; plus low/high."""
    killed = [c for c in claims if c.kind == ClaimKind.KILLED]
    if not killed:
        return 0, 0, 0, None
    by_source: dict[str | None, Claim] = {}
    for claim in killed:
        best = by_source.get(claim.claimant)
        if best is None or claim.value > best.value:
            by_source[claim.claimant] = claim
    chosen = min(by_source.values(), key=lambda c: c.value)
    return chosen.value, min(c.low for c in killed), max(c.high for c in killed), chosen.qualifier


def _sources(frame: Frame, outlet: str | None) -> list[str]:
    sources: list[str] = []
    for name in [frame.attribution.claimant, *(c.claimant for c in frame.claims)]:
        if name and name not in sources:
            sources.append(name)
    if not sources and outlet:
        sources.append(outlet)
    return sources


def _verification(hedges: list[str]) -> Verification:
    if "disputed" in hedges:
        return Verification.DISPUTED
    if "verified" in hedges or "acknowledged" in hedges:
        return Verification.VERIFIED
    if "claimed" in hedges:
        return Verification.CLAIMED
    return Verification.UNVERIFIED


@Language.factory("frontwatch_events", default_config={"gazetteer_path": None})
def make_events(nlp: Language, name: str, gazetteer_path: str | None) -> EventComponent:
    from pathlib import Path

    gazetteer = Gazetteer(Path(gazetteer_path) if gazetteer_path else None)
    return EventComponent(EventCoder(ActorDictionary.load(), gazetteer, load_trigger_lexicon()))


class EventComponent:
    def __init__(self, coder: EventCoder) -> None:
        register_extensions()
        self.coder = coder

    def __call__(self, doc: Doc) -> Doc:
        events, figures = self.coder.events(doc)
        doc._.events = events
        doc._.figures = figures
        doc._.unplaced = _unplaced(doc, events)
        return doc


def _unplaced(doc: Doc, events: list[Event]) -> list[UnplacedName]:
    """The event locations the gazetteer did not know, each once."""
    unknown = {_clean_location(p.text) for p in doc._.places or [] if p.place is None}
    found = {UnplacedName(e.location, e.country, e.admin1) for e in events if e.location in unknown}
    return sorted(found, key=lambda u: (u.name, u.country or "", u.admin1 or ""))
