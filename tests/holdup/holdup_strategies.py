"""Hypothesis strategies for hostile input: report text, HTML pages, batch lines, API parameters.

Report text mixes what conflict reporting is made of (actors, verbs, places, dates, tolls,
attributions) with what the open web adds to it: other scripts, right-to-left marks, control
characters, unpaired brackets, numbers of any size and runs of words without a full stop. Mixing
real cues with noise matters: random Unicode alone never reaches the event and figure code.

Texts long enough to take seconds each (thousands of sentences, one 24,000-word sentence, long
runs of names or dashes) are left to test_limits.py, which bounds their time, so that ten
thousand cases here stay quick.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from frontwatch.ingest.jsonl import EARLIEST_PUBLISHED, LATEST_PUBLISHED

MAX_DIGITS = 5_000
"""The longest numeral written into report text: past the 4,300 digits Python will convert."""


def fuzz_settings(examples: int) -> settings:
    """`examples` cases, no per-case deadline (coding a long text is slow, not wrong), and no
    example database: the suite writes nothing into the repository."""
    return settings(max_examples=examples, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


ACTORS = ("Syrian government forces", "the Rapid Support Forces", "Houthi fighters", "Protesters", "HTS",
          "Russian forces", "police", "Al-Shabaab militants", "unidentified gunmen", "the SDF", "Hamas",
          "Israeli forces", "the Taliban", "Ukrainian troops", "rioters", "the army")
VERBS = ("shelled", "struck", "clashed with", "killed", "protested in", "abducted", "attacked", "bombed",
         "captured", "seized", "looted", "arrested", "marched through", "fired rockets at", "ambushed")
PLACES = ("Aleppo", "Idlib", "Nairobi", "Marib", "El Obeid", "Kharkiv", "Gaza", "Khartoum", "Sarmin",
          "Mogadishu", "Kabul", "Bamako", "Kyiv", "Damascus", "Homs", "Tal Rifaat", "Null Island",
          "حلب", "Донецьк", "北京", "Goma", "Ouagadougou")
DAYS = ("on Monday", "yesterday", "last week", "on 3 March 2024", "on 29 February 2023", "on 31 February",
        "in 1066", "on 32 March", "on 12/31/9999", "in the year 10000", "between 5 and 2 March",
        "the next day", "on 2024-13-45", "three weeks ago", "900 decades ago", "overnight", "on 1 January 1",
        "from 9999 to 10000", "since October", "earlier this month")
SOURCES = ("the White Helmets said", "according to local sources", "the ministry claimed",
           "a spokesman told Reuters", "which could not be independently verified", "residents said")
NOUNS = ("civilians", "people", "fighters", "children", "soldiers", "protesters", "militants")
NOISE = ("\u202e", "\u200f", "\u200d", "\ufeff", "\x00", "\x07", "\x1b[31m", "\r\n", "\n\n", "\t", "\u2028",
         "\x85", "e\u0301", "💥", "(((", ")", "[", "—", "…", ";", "&amp;", "<b>", "</p>", "\"", "'", "«",
         "قصف", "הפצצה", "обстріл", "砲撃", "गोलाबारी", "\u0660\u0663", "١٢", "½", "Ⅻ")


def counts(max_digits: int) -> st.SearchStrategy[str]:
    """A number as news writes one, of up to `max_digits` digits: plain, with thousands separators
    (and "million" after them), as a raw run of digits (written as text: Python will not print an
    int of over 4,300 digits), in words, with decimals, in other scripts."""
    largest = 10 ** min(max_digits, 4_000) - 1
    return st.one_of(
        st.integers(0, largest).map(str),
        st.integers(0, largest).map(lambda n: f"{n:,}"),
        st.integers(0, largest).map(lambda n: f"{n:,} million"),
        st.text("0123456789", min_size=1, max_size=max_digits),
        st.sampled_from(["dozens of", "hundreds of thousands of", "at least 12", "more than 1,000", "3.5",
                         "-5", "0", "1e308", "millions of", "two", "forty-eight", "a dozen", "nine hundred",
                         "1.000.000", "٣٠", "१२", "12-15", "between 3 and 300"]),
    )


@st.composite
def sentences(draw: st.DrawFn, max_digits: int) -> str:
    """A sentence of the kind events are coded from, with every slot filled adversarially."""
    figure = f"killing {draw(counts(max_digits))} {draw(st.sampled_from(NOUNS))}"
    injured = f"and injuring {draw(counts(max_digits))}"
    return (f"{draw(st.sampled_from(ACTORS))} {draw(st.sampled_from(VERBS))} {draw(st.sampled_from(PLACES))} "
            f"{draw(st.sampled_from(DAYS))}, {figure} {injured}, {draw(st.sampled_from(SOURCES))}.")


_VOCABULARY = ACTORS + VERBS + PLACES + DAYS + SOURCES + NOUNS + NOISE


def _run_of_words(length: int, stride: int, start: int) -> str:
    """`length` words of the vocabulary in an order set by `stride` and `start`: a long sentence
    drawn from three integers, not hundreds of draws."""
    return " ".join(_VOCABULARY[(start + i * stride) % len(_VOCABULARY)] for i in range(length))


def report_texts(max_digits: int = MAX_DIGITS) -> st.SearchStrategy[str]:
    """Report text with at least one non-space character, up to a few hundred words.

    `max_digits` bounds the numbers written in it: the coder takes numerals of any length (Python
    itself refuses to convert over 4,300 digits) and the store any count the coder keeps.
    """
    words = st.sampled_from(_VOCABULARY)
    piece = st.one_of(
        sentences(max_digits),
        st.lists(st.one_of(words, counts(max_digits)), min_size=1, max_size=25).map(" ".join),
        st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60),
        st.lists(st.sampled_from(NOISE), min_size=1, max_size=8).map("".join),
        # a long sentence: no full stop in hundreds of words
        st.builds(_run_of_words, st.integers(40, 160), st.integers(1, 997), st.integers(0, 996)),
    )
    separator = st.sampled_from([" ", "\n", "\n\n", " | ", ""])
    return st.builds(lambda parts, sep: sep.join(parts), st.lists(piece, min_size=1, max_size=3),
                     separator).filter(lambda text: text.strip() != "")


publication_days = st.one_of(st.none(), st.dates(EARLIEST_PUBLISHED, LATEST_PUBLISHED))

# -- HTML --------------------------------------------------------------------------------------

_TAGS = ("div", "p", "span", "article", "main", "table", "tr", "td", "ul", "li", "script", "style", "b", "i",
         "a", "h1", "title", "meta", "html", "body", "head", "svg", "math", "template", "iframe", "noscript",
         "pre", "br", "!--", "![CDATA[", "?xml", "!DOCTYPE")
_ATTRIBUTES = ("", ' class="article-body"', ' charset="utf-8"',
               ' http-equiv="Content-Type" content="text/html; charset=koi8-r"',
               ' property="article:published_time" content="2024-03-05"', " onload=alert(1)", ' style="a',
               ' ="', " x=" + "y" * 300)


@st.composite
def html_pages(draw: st.DrawFn) -> bytes:
    """A page: nested (up to thousands deep), unbalanced, truncated, in one of several encodings."""
    parts: list[str] = []
    opened: list[str] = []
    for _ in range(draw(st.integers(0, 25))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            tag = draw(st.sampled_from(_TAGS))
            parts.append(f"<{tag}{draw(st.sampled_from(_ATTRIBUTES))}>")
            opened.append(tag)
        elif kind == 1 and opened:
            parts.append(f"</{opened.pop()}>")
        elif kind == 2:
            parts.append(draw(st.one_of(sentences(MAX_DIGITS), st.sampled_from(_VOCABULARY))))
        else:
            parts.append(draw(st.text(max_size=20)))
    nest = draw(st.sampled_from(("div", "b", "span", "table", "p")))
    depth = draw(st.integers(0, 3000))
    closing = f"</{nest}>" * depth if draw(st.booleans()) else ""
    page = draw(st.sampled_from(("<!doctype html><html><head><title>Report</title></head><body>", "<html>",
                                 "", "<!DOCTYPE html>")))
    page += f"<{nest}>" * depth + "".join(parts) + closing
    if draw(st.booleans()):
        page = page[: draw(st.integers(0, len(page)))]
    return page.encode(draw(st.sampled_from(("utf-8", "utf-16", "cp1252", "koi8-r"))), errors="replace")


# -- JSON Lines --------------------------------------------------------------------------------

_scalars = st.one_of(st.none(), st.booleans(), st.integers(-(10**30), 10**30),
                     st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=40))
_json_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3)
                            | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
_published_values = st.one_of(
    st.dates().map(date.isoformat),
    st.sampled_from(["2024-02-30", "0001-01-01", "9999-12-31", "2024-03-05T10:00:00+03:00", "yesterday",
                     "2024-03-05T25:00", "+002024-01-01", "２０２４-01-01", "", " 2024-03-05 ",
                     "1799-12-31"]),
    _json_values,
)


@st.composite
def batch_lines(draw: st.DrawFn) -> bytes:
    """One line of a JSON Lines batch: a report with fields of the right or the wrong type, or
    something that is not a report at all (raw bytes included)."""
    kind = draw(st.integers(0, 9))
    if kind <= 5:
        fields = {
            "text": st.one_of(sentences(MAX_DIGITS), st.text(max_size=40), _json_values),
            "id": st.one_of(st.text(max_size=30), st.integers(-(10**20), 10**20), _json_values),
            "published": _published_values,
            "source": st.one_of(st.text(max_size=30), _json_values),
            "title": _json_values,
            "url": _json_values,
            draw(st.text(max_size=6)): _json_values,  # a key the format does not know
        }
        record: dict[str, Any] = {key: draw(values) for key, values in fields.items() if draw(st.booleans())}
        return json.dumps(record, ensure_ascii=draw(st.booleans())).encode("utf-8")
    if kind == 6:
        return json.dumps(draw(_json_values)).encode("utf-8")
    if kind == 7:  # escapes JSON allows and text does not: lone surrogates, NUL
        field = draw(st.sampled_from(("text", "id", "source", "title", "url")))
        escape = draw(st.sampled_from(("\\ud800", "\\udfff", "\\u0000", "\\ud83d\\ude00")))
        return f'{{"text": "Shelling in Idlib.", "{field}": "x{escape}y"}}'.encode()
    if kind == 8:  # what no JSON parser should be made to recurse or convert
        return draw(st.sampled_from((b"[" * 100_000, b'{"text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
                                     b'{"text": "a", "id": ' + b"9" * 5_000 + b"}", b"NaN", b"Infinity",
                                     b'{"text": "a", "id": 1e999}', b"\xef\xbb\xbf{}")))
    return draw(st.binary(max_size=60))
