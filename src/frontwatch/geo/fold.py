"""Transliteration-tolerant keys for place names.

Reports spell the same town many ways: "Deir ez-Zor", "Dayr az Zawr", "Deir al-Zour". A gazetteer
keyed on the raw spelling misses most of them, so every name (gazetteer side and report side) is
reduced to a *folded key* by general rules of Arabic/Persian/Kurdish-to-Latin transliteration,
plus a coarser *skeleton* (consonants only) that absorbs vowel variance ("Idleb"/"Idlib") for
fuzzy candidate retrieval. Rules are linguistic; no list of specific towns lives here.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_APOSTROPHES = re.compile(r"['’‘ʿʾ`´ʼʻ\"]")
_SEPARATORS = re.compile(r"[^a-z0-9]+")
_ARTICLES = frozenset({"al", "el", "as", "ar", "ad", "az", "ash", "an", "at", "ed", "es", "ez", "adh", "ath"})
_WORD_FORMS = {
    **dict.fromkeys(("tal", "tall", "tell", "tel", "til"), "tal"),
    **dict.fromkeys(("deir", "dayr", "dair", "deyr"), "dayr"),
    **dict.fromkeys(("sheikh", "shaykh", "shaikh", "sheik", "shekh", "sheyh"), "shaykh"),
    **dict.fromkeys(("ain", "ayn", "ein", "aen"), "ain"),
    **dict.fromkeys(("abu", "abou", "abo"), "abu"),
    **dict.fromkeys(("jabal", "jebel", "jabel", "jbel", "djebel"), "jabal"),
    **dict.fromkeys(("kafr", "kfar", "kafar", "kafir", "kefr", "kfr"), "kafr"),
    **dict.fromkeys(("khirbet", "khirbat", "khirbit", "kherbet"), "khirbat"),
}
_ENDINGS = (
    (re.compile(r"iy+(?:eh|ah|a|e)$"), "iya"),  # Nairabiyeh, Nayrabiyah, Nayrabiya
    (re.compile(r"(?<=[a-z]{2})[ae]h$"), "a"),  # Hasakeh/Hasakah/Hasaka, Raqqah/Raqqa
)
_LETTERS = (
    ("ei", "ay"),  # one diphthong, many spellings: Sheikhoun/Shaykhun/Shaikhun, Hussein/Husayn
    ("ai", "ay"),
    ("ey", "ay"),
    ("ou", "u"),  # French transliteration: Zour/Zur, Abou
    ("qua", "qa"),  # Quamishli/Qamishli: a French "qu" before a vowel is one letter
    ("q", "k"),  # Qamishli/Kamishli
    ("ee", "i"),  # Mayadeen/Mayadin
    ("oo", "u"),
)
_DOUBLED = re.compile(r"(.)\1+")
_SKELETON_DROP = re.compile(r"[aeiouyw]|(?<=[^aeiou])h")


def strip_accents(text: str) -> str:
    """NFKD without combining marks: 'Kobanî' -> 'Kobani', 'Hālab' -> 'Halab'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_latin(text: str) -> bool:
    """True when the name, accents stripped, is plain ASCII (the script reports are written in)."""
    return strip_accents(text).isascii()


def _fold_word(word: str) -> str:
    """Unify one word's spelling: the common words of toponyms, then word endings."""
    word = _WORD_FORMS.get(word, word)
    for pattern, repl in _ENDINGS:
        word = pattern.sub(repl, word)
    return word


def _words(name: str) -> list[str]:
    """Lowercase ASCII words, apostrophes/ayn marks dropped, articles before a word removed."""
    text = _APOSTROPHES.sub("", strip_accents(name).lower())
    words = [w for w in _SEPARATORS.split(text) if w]
    return [w for i, w in enumerate(words) if not (w in _ARTICLES and i + 1 < len(words))]


@functools.lru_cache(maxsize=65_536)
def fold_name(name: str) -> str:
    """The folded key of a place name: 'Deir ez-Zor', 'Dayr az Zawr' and 'Deir al-Zour' share one.

    Spaces and hyphens vanish, so 'Ras al-Ain' and 'Ras al Ain' agree; letters that
    transliterations swap (q/k, ou/u, ee/i) are unified and doubled letters collapsed. Memoised:
    the coder folds the same names (a report's admin areas, its candidates' provinces) over and over.
    """
    key = "".join(_fold_word(w) for w in _words(name))
    for old, new in _LETTERS:
        key = key.replace(old, new)
    return _DOUBLED.sub(r"\1", key)


def skeleton(key: str) -> str:
    """A coarse consonant skeleton of a folded key, for fuzzy candidate retrieval only.

    Vowels, glides (w/y) and an h after a consonant are dropped ('Idleb' ~ 'Idlib', 'Zawr' ~ 'Zor',
    'Kh'/'K'); a leading vowel is kept as 'a' so 'Efrin' and 'Afrin' meet.
    """
    if not key:
        return ""
    head = "a" if key[0] in "aeiou" else key[0]
    return _DOUBLED.sub(r"\1", head + _SKELETON_DROP.sub("", key[1:]))
