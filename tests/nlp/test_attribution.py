"""Who a sentence credits, whom that source cites, and how the outlet hedges the figures.

Sentences follow the seed report's wire style (CNN on the Syrian offensive, December 2024): the
claimant becomes the event's source and the hedge its verification status.
"""

from __future__ import annotations

import pytest

from frontwatch.nlp.attribution import attribute
from frontwatch.nlp.pipeline import Coder
from frontwatch.nlp.spans import Attribution


def attributed(coder: Coder, sentence: str, previous: str | None = None) -> Attribution:
    [sent] = coder.nlp(sentence).sents
    return attribute(sent, previous)


def test_according_to(coder: Coder) -> None:
    found = attributed(coder, "At least 13 civilians were killed in Idlib, according to the White Helmets.")
    assert found.claimant == "White Helmets"


def test_trailing_said(coder: Coder) -> None:
    found = attributed(coder, "Elsewhere in Idlib, Syrian army warplanes killed five children and two women "
                              "in a displacement area near Harbanoush, the White Helmets said.")
    assert found.claimant == "White Helmets"
    assert found.hedges == []


def test_agency_citing_the_army(coder: Coder) -> None:
    found = attributed(coder, "The official Russian news agency TASS cited the Syrian army command in a "
                              "report Sunday as saying that its air forces stepped up strikes.")
    assert (found.claimant, found.cited) == ("TASS", "Syrian army command")


def test_pronoun_takes_the_previous_claimant(coder: Coder) -> None:
    sentence = "It said the military had carried out strikes near Shebab Mosque."
    found = attributed(coder, sentence, previous="White Helmets")
    assert found.claimant == "White Helmets"


@pytest.mark.parametrize(
    ("sentence", "hedge"),
    [
        ("CNN cannot independently verify the figures.", "unverified"),
        ("An airstrike close to Aleppo university on Sunday killed at least four people, according to social "
         "media video geolocated by CNN.", "verified"),
        ("The Syrian National Army claimed to have captured Tal Rifaat on Sunday.", "claimed"),
    ],
)
def test_hedges(coder: Coder, sentence: str, hedge: str) -> None:
    assert hedge in attributed(coder, sentence).hedges


def test_geolocating_outlet_is_the_claimant(coder: Coder) -> None:
    found = attributed(coder, "An airstrike close to Aleppo university on Sunday killed at least four "
                              "people, according to social media video geolocated by CNN.")
    assert found.claimant == "CNN"


def test_a_plain_sentence_credits_nobody(coder: Coder) -> None:
    found = attributed(coder, "Rebels entered the city of Hama on Thursday.")
    assert found == Attribution()
