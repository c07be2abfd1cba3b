"""The `frontwatch_figures` component: casualty and other figures as Claims.

A figure is a quantity ("at least 13", "five children and two women", "dozens", "a man") tied to
an outcome word ("killed", "were injured", "fatalities", "displaced"). Values follow ACLED's
conventions: the lowest reported figure; "several" 3, "dozens" 12, "hundreds" 100; quantities
after "including" are subsets and are not added; coordinated victim groups are summed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from frontwatch.models import Claim, ClaimKind
from frontwatch.nlp.lexicon import load_nouns
from frontwatch.nlp.spans import SentenceInfo, register_extensions, span_text

NUMBER_WORDS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "dozen": 12,
    "a dozen": 12,
    "single": 1,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

# Vague quantities and the value ACLED codes for each (low, high for the UCDP-style range).
VAGUE: dict[str, tuple[int, int]] = {
    "several": (3, 9),
    "a few": (3, 5),
    "few": (3, 5),
    "a number of": (3, 9),
    "some": (3, 9),
    "dozens": (12, 99),
    "scores": (20, 99),
    "hundreds": (100, 999),
    "thousands": (1000, 9999),
    "numerous": (3, 20),
    "multiple": (2, 9),
    "many": (10, 99),
    "a couple of": (2, 2),
}

QUALIFIERS: dict[str, str] = {
    "at least": "at least",
    "more than": "more than",
    "over": "more than",
    "upwards of": "more than",
    "nearly": "nearly",
    "almost": "nearly",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "up to": "up to",
    "as many as": "up to",
    "at most": "up to",
    "fewer than": "up to",
    "less than": "up to",
}

VAGUE_STARTS = frozenset(phrase.split(" ")[0] for phrase in VAGUE)
QUALIFIER_STARTS = frozenset(phrase.split(" ")[0] for phrase in QUALIFIERS)

OUTCOMES: dict[str, ClaimKind] = {
    "kill": ClaimKind.KILLED,
    "killed": ClaimKind.KILLED,
    "killing": ClaimKind.KILLED,
    "die": ClaimKind.KILLED,
    "died": ClaimKind.KILLED,
    "dead": ClaimKind.KILLED,
    "death": ClaimKind.KILLED,
    "toll": ClaimKind.KILLED,
    "fatality": ClaimKind.KILLED,
    "fatalities": ClaimKind.KILLED,
    "slay": ClaimKind.KILLED,
    "slain": ClaimKind.KILLED,
    "perish": ClaimKind.KILLED,
    "execute": ClaimKind.KILLED,
    "lifeless": ClaimKind.KILLED,
    "body": ClaimKind.KILLED,
    "bodies": ClaimKind.KILLED,
    "behead": ClaimKind.KILLED,
    "murder": ClaimKind.KILLED,
    "assassinate": ClaimKind.KILLED,
    "gunned": ClaimKind.KILLED,
    "lynch": ClaimKind.KILLED,
    "lynched": ClaimKind.KILLED,
    "massacre": ClaimKind.KILLED,
    "massacred": ClaimKind.KILLED,
    # an army's word for the fighters it says it killed ("neutralised eight assailants")
    "neutralise": ClaimKind.KILLED,
    "neutralised": ClaimKind.KILLED,
    "neutralize": ClaimKind.KILLED,
    "neutralized": ClaimKind.KILLED,
    "injure": ClaimKind.INJURED,
    "injured": ClaimKind.INJURED,
    "injury": ClaimKind.INJURED,
    "wound": ClaimKind.INJURED,
    "wounded": ClaimKind.INJURED,
    "hurt": ClaimKind.INJURED,
    "displace": ClaimKind.DISPLACED,
    "displaced": ClaimKind.DISPLACED,
    "flee": ClaimKind.DISPLACED,
    "arrest": ClaimKind.ARRESTED,
    "detain": ClaimKind.ARRESTED,
    "apprehend": ClaimKind.ARRESTED,
    "abduct": ClaimKind.ABDUCTED,
    "kidnap": ClaimKind.ABDUCTED,
}

PERSON_NOUNS = load_nouns().person

SUBSET_MARKERS = frozenset({"including", "among", "of whom", "whom"})
NONE_PATTERNS = re.compile(
    r"\b(?:no|zero|without|neither)\s+(?:\w+\s+){0,2}?(?:fatalities|casualties|deaths|injuries|one\s+was|"
    r"(?:\w+\s+)?personnel\s+(?:were\s+)?(?:injured|killed|hurt)|injured|killed|dead)\b",
    re.IGNORECASE,
)
UNKNOWN_PATTERN = re.compile(r"\b(?:casualties|fatalities)\s+(?:are\s+|were\s+)?unknown\b", re.IGNORECASE)
CODED_AS = re.compile(
    r"\b(?:fatalit\w*|deaths|unknown number)\b[^.;]{0,60}?\bcoded\s+(?:as|to)\s+(\d{1,12})(?!\d)",
    re.IGNORECASE,
)
NUMBER_RE = re.compile(r"^\d{1,3}(?:[,.]\d{3}){1,4}$|^\d{1,12}$")
"""A count as reports write one: up to 12 digits (a 4,000-digit string is no toll, and Python
refuses to read it)."""
MAX_COUNT = 1_000_000_000
"""The largest count a claim may state. No toll of people killed, injured, displaced, arrested or
abducted comes near a billion (the deadliest wars killed tens of millions, and the world's
displaced number about 120 million), so a larger reading ("999,999,999,999,999 million", or a sum
of such) is a typo, a misreading or hyperbole, not a figure to code: the claim is left out. The
bound also keeps every count the store writes inside its INTEGER columns, 32-bit on PostgreSQL
(2,147,483,647 at most): merged events take the lowest or highest of their claims, never a sum."""


@dataclass(slots=True)
class Quantity:
    start: int  # index within the sentence of the first word (qualifier included)
    end: int  # index within the sentence after the noun (or the number)
    value: int
    high: int
    qualifier: str | None
    noun: str | None
    subset: bool


def _number_value(words: list[str], i: int) -> tuple[int, int, int] | None:
    """Parse a numeral starting at words[i] (the sentence's lower-cased words): (value, high, end
    index), or None."""
    text = words[i]
    if NUMBER_RE.match(text):
        value = int(re.sub(r"[,.]", "", text))
        end = i + 1
        if end < len(words) and words[end] in SCALES:
            value *= SCALES[words[end]]
            end += 1
        return value, value, end
    parts = text.split("-")
    if all(part in NUMBER_WORDS for part in parts) and text not in {"single"}:
        value = sum(NUMBER_WORDS[part] for part in parts)
        end = i + 1
        while end < len(words) and words[end] in NUMBER_WORDS:
            word = words[end]
            value = value * SCALES[word] if word in SCALES else value + NUMBER_WORDS[word]
            end += 1
        if end < len(words) and words[end] in {"dozen", "dozens"}:
            value *= 12
            end += 1
        return value, value, end
    return None


def _match_phrase(words: list[str], i: int, table: dict[str, object], starts: frozenset[str]
                  ) -> tuple[str, int] | None:
    """The longest phrase of `table` (up to three words) at words[i]; `starts` are its first words,
    so that the many words that start no phrase cost one look-up."""
    if i >= len(words) or words[i] not in starts:
        return None
    for size in (3, 2, 1):
        if i + size <= len(words):
            phrase = " ".join(words[i : i + size])
            if phrase in table:
                return phrase, i + size
    return None


def find_quantities(sent: Span) -> list[Quantity]:
    """Every person quantity in a sentence, left to right."""
    return _quantities(list(sent))


def _quantities(tokens: list[Token]) -> list[Quantity]:
    """Every person quantity in a sentence's tokens, left to right.

    The tokens' lower-cased words are read once into a list: each word is looked at many times
    (as a qualifier, a vague quantity, a numeral, an article), and spaCy builds a new string from
    its string store on every `token.lower_`."""
    words = [token.lower_ for token in tokens]
    found: list[Quantity] = []
    subset = False
    i = 0
    while i < len(tokens):
        token, word = tokens[i], words[i]
        if word in SUBSET_MARKERS or (
            word == "of" and i + 1 < len(tokens) and words[i + 1] in {"whom", "them"}
        ):
            subset = True
        elif (token.is_punct and token.text in {";", "."}) or word in {"while", "whereas"}:
            subset = False
        start = i
        qualifier = None
        matched = _match_phrase(words, i, QUALIFIERS, QUALIFIER_STARTS)
        if matched:
            qualifier = QUALIFIERS[matched[0]]
            i = matched[1]
        if i >= len(tokens):
            break
        quantity = _read_quantity(tokens, words, i, start, qualifier, subset)
        if quantity:
            found.append(quantity)
            i = quantity.end
        else:
            i = start + 1
    return found


def _read_quantity(
    tokens: list[Token], words: list[str], i: int, start: int, qualifier: str | None, subset: bool
) -> Quantity | None:
    """The person quantity at tokens[i] (`words` are the tokens' lower-cased words), or None."""
    vague = _match_phrase(words, i, VAGUE, VAGUE_STARTS)
    if vague and (qualifier is None or vague[0] != "some"):
        low, high = VAGUE[vague[0]]
        end = vague[1]
        if end < len(tokens) and words[end] == "of":
            end += 1
        noun, end = _person_noun(tokens, end)
        if noun is None and not _outcome_follows(tokens, end):
            return None
        return Quantity(start, end, low, high, qualifier or vague[0], noun, subset)
    number = _number_value(words, i)
    if number and _an_age(words, i):
        return None
    if number:
        value, high, end = number
        token = tokens[i]
        # "injuring 21": right after an outcome verb a number is a toll, whatever NER calls it.
        mislabelled = token.ent_type_ in {
            "DATE",
            "TIME",
            "MONEY",
            "PERCENT",
            "ORDINAL",
        } and not _outcome_precedes(tokens, i)
        if mislabelled or (
            end < len(tokens) and words[end] in {"-", "year", "years", "%", "percent"}
        ):
            return None
        noun, after = _person_noun(tokens, end)
        if noun is None and not (
            _outcome_follows(tokens, end) or _outcome_precedes(tokens, i) or _toll_reaches(tokens, i)
        ):
            return None
        return Quantity(start, after, value, high, qualifier, noun, subset)
    if words[i] in {"him", "her"} and _outcome_precedes(tokens, i):
        return Quantity(start, i + 1, 1, 1, qualifier, words[i], subset)  # "..., killing him"
    if words[i] in {"a", "an", "one", "another"} or _the_victim(tokens, words, i):
        noun, after = _person_noun(tokens, i + 1, reach=_ADJECTIVE_REACH)
        if noun and not noun.endswith(("s", "men")) and noun not in COLLECTIVE_NOUNS:
            return Quantity(start, after, 1, 1, qualifier, noun, subset)
    return None


COLLECTIVE_NOUNS = frozenset({"people", "police", "personnel", "children"})
"""Plural or collective nouns that never mean one person after "a(n)" ("an unidentified gunmen")."""
def _the_victim(tokens: list[Token], words: list[str], i: int) -> bool:
    """'killing the local council member', 'the killing of the driver': one person, named by 'the'."""
    if words[i] != "the" or i + 1 >= len(tokens):
        return False
    after_of = i >= 2 and words[i - 1] == "of"
    return _outcome_precedes(tokens, i - 1 if after_of else i)


_ADJECTIVE_REACH = 8
"""How far an article may stand from its noun: "a sixteen years old young man"."""


def _person_noun(tokens: list[Token], i: int, reach: int = 4) -> tuple[str | None, int]:
    """A victim noun a few tokens on ("other civilians", "Al-Shabaab members"), and the index after it."""
    for j in range(i, min(i + reach, len(tokens))):
        word = tokens[j].lower_
        if word in PERSON_NOUNS:
            if j + 1 < len(tokens) and tokens[j + 1].lower_ in PERSON_NOUNS:
                return tokens[j + 1].lower_, j + 2  # "a police detective", "two police officers"
            return word, j + 1
        hyphen = tokens[j].text in {"-", "/"}
        if (tokens[j].is_punct and not hyphen) or (tokens[j].pos_ in {"VERB", "AUX", "ADP", "NUM"} and j > i):
            break
    return None, i


def _outcome_kind(token: Token) -> ClaimKind | None:
    return OUTCOMES.get(token.lower_) or OUTCOMES.get(token.lemma_.lower())


def _outcome_follows(tokens: list[Token], i: int) -> bool:
    for j in range(i, min(i + 3, len(tokens))):
        if _outcome_kind(tokens[j]):
            return True
        if tokens[j].lower_ not in {"were", "was", "are", "have", "been", "reportedly", "people", "others"}:
            return False
    return False


def _outcome_precedes(tokens: list[Token], i: int) -> bool:
    return i > 0 and _outcome_kind(tokens[i - 1]) is not None


TOLL_REACH = 10
"""How far "toll" (or "killed") may stand before its number: "the death toll from the market strike
rose to 15"."""


def _toll_reaches(tokens: list[Token], i: int) -> bool:
    """A bare number a toll rose to, stands at or reached: "bringing the toll to 19", "the death
    toll from Thursday's strikes has risen to 74", "the number of people killed has risen to 74"."""
    if i == 0 or tokens[i - 1].lower_ not in {"to", "at", "of", "reached", "hit"}:
        return False
    for j in range(i - 2, max(-1, i - 2 - TOLL_REACH), -1):
        if _outcome_kind(tokens[j]) == ClaimKind.KILLED:
            return True
        if tokens[j].text in {".", ";", ","}:
            return False
    return False


WOUNDING = frozenset({"shot", "stabbed", "beaten", "tortured", "attacked", "hacked", "wounded", "injured"})
"""Participles that may precede "and killed" ("were shot and killed")."""
PASSIVE_GAP = frozenset(
    {
        "'s",
        "’s",
        "shot",
        "stabbed",
        "beaten",
        "tortured",
        "were",
        "was",
        "are",
        "is",
        "have",
        "has",
        "had",
        "been",
        "reportedly",
        "also",
        "later",
        "other",
        "people",
        "others",
    }
)
"""Words that may stand between a figure and its outcome ("3 fighters were reportedly killed"); not
"and", which starts the next clause ("killing three children and injuring 10")."""


def _acts_on_object(tokens: list[Token], after: int, outcome: int) -> bool:
    """'a gunman shot dead 2 civilians': with no auxiliary before it and an object after it, the
    outcome verb is active and the quantity before it names who did it, not who suffered it."""
    if any(tokens[k].pos_ == "AUX" for k in range(after, outcome)):
        return False
    following = outcome + 1
    if following < len(tokens) and tokens[following].lower_ in {"dead", "off"}:
        following += 1  # "shot dead", "killed off"
    return following < len(tokens) and tokens[following].pos_ in {"NUM", "DET", "PRON"}


LOCATIVES = frozenset({"in", "across", "throughout"})


AGE_WORDS = frozenset({"aged", "ages", "age"})
AGE_LIST_WORDS = frozenset({"and", ",", "to", "-", "between"})


def _an_age(words: list[str], i: int) -> bool:
    """Whether the number at words[i] is an age: "two brothers aged nine and 12", "ages 5 to 14"."""
    j = i - 1
    while j >= 0 and (words[j] in AGE_LIST_WORDS or _number_value(words, j) is not None):
        j -= 1
    return j >= 0 and words[j] in AGE_WORDS


def _past_ages(words: list[str], i: int) -> int:
    """Where the words after a figure go on once its victims' ages are passed ("two brothers aged
    nine and 12 were killed")."""
    if i >= len(words) or words[i] not in AGE_WORDS:
        return i
    j = i + 1
    while j < len(words) and (words[j] in AGE_LIST_WORDS or _number_value(words, j) is not None):
        j += 1
    return j


def _past_places(tokens: list[Token], i: int) -> int:
    """Where the words after a figure go on once the places it is in are passed: "48,500 people in
    Idlib and northern Aleppo had been displaced" (i itself when no place follows)."""
    if i >= len(tokens) or tokens[i].lower_ not in LOCATIVES:
        return i
    j = i + 1
    while j < len(tokens) and (tokens[j].pos_ in {"PROPN", "ADJ", "CCONJ", "DET"} or tokens[j].text == ","):
        j += 1
    # only before an auxiliary ("had been displaced"): "44 civilians in Idlib and injured 162" is a
    # figure whose outcome came before it
    return j if j > i + 1 and j < len(tokens) and tokens[j].pos_ == "AUX" else i


SETTLEMENT_NOUNS = frozenset({"town", "city", "village", "camp", "district", "community", "population"})
ROUGHLY = QUALIFIER_STARTS | {"around", "about", "some", "roughly"}
"""Words that may stand before a population count ("home to around 150,000")."""


def _population(tokens: list[Token], i: int) -> bool:
    """ "The town of 3,000 residents", "home to around 150,000 people": how many live there."""
    j = i - 1
    while j >= 0 and tokens[j].lower_ in ROUGHLY:
        j -= 1
    if j < 1:
        return False
    return (tokens[j].lower_ == "of" and tokens[j - 1].lower_ in SETTLEMENT_NOUNS) or (
        tokens[j].lower_ == "to" and tokens[j - 1].lower_ == "home"
    )


def _kind_for(tokens: list[Token], quantity: Quantity) -> ClaimKind | None:
    """The outcome a quantity belongs to: a following "were killed" wins over a preceding verb; a
    settlement's population is none."""
    if _population(tokens, quantity.start):
        return None
    after = _past_ages([t.lower_ for t in tokens[: quantity.end + 8]], _past_places(tokens, quantity.end))
    for j in range(after, min(after + 4, len(tokens))):
        kind = _outcome_kind(tokens[j])
        if kind:
            return None if _acts_on_object(tokens, after, j) else kind
        after_wound = tokens[j].lower_ == "and" and j > after and tokens[j - 1].lower_ in WOUNDING
        if tokens[j].lower_ not in PASSIVE_GAP and not after_wound:
            break
    for j in range(quantity.start - 1, max(-1, quantity.start - 12), -1):
        kind = _outcome_kind(tokens[j])
        if kind:
            return kind
        if tokens[j].text in {";", "."} or tokens[j].lower_ in {"while", "after", "as"}:
            break
        if tokens[j].pos_ == "VERB" and j > 0 and tokens[j - 1].lower_ == "and":
            break  # "killed 300,000 people and created 6 million refugees": another verb, another count
    return None


def sentence_claims(sent: Span) -> list[Claim]:
    """The claims a sentence states, with same-kind coordinated groups summed; a claim over
    `MAX_COUNT`, summed or not, is no credible figure and is left out."""
    tokens = list(sent)
    text = span_text(sent)  # spaCy joins the tokens on every read of `sent.text`
    claims: list[Claim] = []
    previous: tuple[Quantity, ClaimKind] | None = None
    quantities = [q for q in _quantities(tokens) if not q.subset]
    kinds = [_kind_for(tokens, q) for q in quantities]
    for k in range(len(quantities) - 2, -1, -1):
        # "nine Houthi fighters and four soldiers were killed": the outcome told after the last
        if kinds[k] is None and _coordinated(tokens, quantities[k].end, quantities[k + 1].start):
            kinds[k] = kinds[k + 1]
    for quantity, kind in zip(quantities, kinds, strict=True):
        if kind is None:
            continue
        if previous and previous[1] == kind and _coordinated(tokens, previous[0].end, quantity.start):
            claim = claims[-1]
            claim.value += quantity.value
            claim.low += quantity.value
            claim.high += quantity.high
            claim.end = tokens[quantity.end - 1].idx + len(tokens[quantity.end - 1])
            previous = (quantity, kind)
            continue
        first, last = tokens[quantity.start], tokens[quantity.end - 1]
        claims.append(
            Claim(
                kind=kind,
                value=quantity.value,
                low=quantity.value,
                high=quantity.high,
                qualifier=quantity.qualifier,
                evidence=text,
                start=first.idx,
                end=last.idx + len(last),
                group=quantity.noun,
            )
        )
        previous = (quantity, kind)
    claims.extend(_stated_none(sent, text, claims))
    return [claim for claim in claims if claim.high <= MAX_COUNT]


def _coordinated(tokens: list[Token], left_end: int, right_start: int) -> bool:
    between = [t.lower_ for t in tokens[left_end:right_start]]
    return bool(between) and all(word in {"and", ",", "as", "well"} for word in between)


def _stated_none(sent: Span, text: str, claims: list[Claim]) -> list[Claim]:
    """ "No fatalities were reported", "Casualties unknown", "fatalities coded as 10" (`text` is
    the sentence's)."""
    coded = CODED_AS.search(text)
    if coded and not any(c.kind == ClaimKind.KILLED for c in claims):
        value = int(coded.group(1))
        return [
            Claim(
                ClaimKind.KILLED,
                value,
                value,
                value,
                "coded",
                evidence=text,
                start=sent.start_char + coded.start(),
                end=sent.start_char + coded.end(),
            )
        ]
    zero: list[Claim] = []
    for match in NONE_PATTERNS.finditer(text):
        phrase = match.group(0).lower()
        kinds = []
        if any(w in phrase for w in ("fatalities", "deaths", "killed", "dead", "casualties")):
            kinds.append(ClaimKind.KILLED)
        if any(w in phrase for w in ("injur", "hurt", "casualties")):
            kinds.append(ClaimKind.INJURED)
        for kind in kinds:
            if not any(c.kind == kind for c in claims + zero):
                zero.append(
                    Claim(
                        kind,
                        0,
                        0,
                        0,
                        "none reported",
                        evidence=text,
                        start=sent.start_char + match.start(),
                        end=sent.start_char + match.end(),
                    )
                )
    if UNKNOWN_PATTERN.search(text) and not claims:
        zero.append(
            Claim(
                ClaimKind.KILLED, 0, 0, 0, "unknown", evidence=text, start=sent.start_char, end=sent.end_char
            )
        )
    return zero


@Language.factory("frontwatch_figures")
def make_figures(nlp: Language, name: str) -> FiguresComponent:
    return FiguresComponent()


class FiguresComponent:
    """Splits the Doc into SentenceInfo records and fills each with its claims."""

    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        infos = []
        for sent in doc.sents:
            infos.append(SentenceInfo(sent.start, sent.end, claims=sentence_claims(sent)))
        doc._.sentences = infos
        return doc
