"""The word lists of data/words.toml: what the loader reads is what the file holds, and every list is
usable as the events component matches it (lower-case forms, none empty, none repeated)."""

from __future__ import annotations

import tomllib
from dataclasses import fields
from importlib import resources

import pytest

from frontwatch.nlp import events
from frontwatch.nlp.lexicon import Words, load_words

FILE = tomllib.loads(resources.files("frontwatch.data").joinpath("words.toml").read_text("utf-8"))
RAW = {**{k: v for k, v in FILE.items() if k != "phrases"}, **FILE["phrases"]}


def test_every_list_of_the_file_is_a_field_and_every_field_a_list() -> None:
    assert set(RAW) == {f.name for f in fields(Words)}


@pytest.mark.parametrize("name", sorted(RAW))
def test_a_list_is_lower_case_non_empty_and_without_repeats(name: str) -> None:
    terms = RAW[name]
    assert terms, name
    assert all(isinstance(t, str) and t == t.lower() and t.strip() for t in terms), name
    assert all(t == t.lstrip() for t in terms), name  # "it " keeps its space after, never before
    assert len(set(terms)) == len(terms), name


def test_words_are_sets_and_phrases_keep_their_order() -> None:
    words = load_words()
    assert words.negations == frozenset(RAW["negations"]) and "n't" in words.negations
    assert words.anaphoric_openers == tuple(FILE["phrases"]["anaphoric_openers"])
    assert "it " in words.anaphoric_openers  # the space keeps "Italy" from opening on "it"
    assert words.same_day[0] == "same day"


def test_the_lists_are_loaded_once_and_bound_in_the_events_component() -> None:
    assert load_words() is load_words()
    assert events.PLAN_VERBS is load_words().plan_verbs
    assert events.ANAPHORIC_OPENERS is load_words().anaphoric_openers
    assert "’s" in events.SITE_AFTER and "'s" in events.SITE_AFTER
