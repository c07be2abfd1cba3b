"""ACLED's sub-event hierarchy: the same cues typed the way the codebook orders them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from frontwatch.nlp.taxonomy import TypingInput, event_type, sub_event_type

STATE, REBELS, CIVILIANS = 1, 2, 7  # ACLED inter codes

BASE = TypingInput(categories=frozenset(), agent_inter=None, target_inter=None, armed_target=False,
                   civilian_target=False, protesters=False, rioters=False, killed=0)


def typed(*categories: str, **fields: object) -> str | None:
    return sub_event_type(replace(BASE, categories=frozenset(categories), **fields))


@pytest.mark.parametrize(
    ("sub", "expected"),
    [
        # Jets joining a ground battle do not make it remote violence.
        (typed("air", "clash", agent_inter=STATE, target_inter=REBELS, armed_target=True), "Armed clash"),
        # Air strikes outrank shelling when a report tells both.
        (typed("shelling", "air", agent_inter=STATE, target_inter=CIVILIANS, civilian_target=True, killed=4),
         "Air/drone strike"),
        # A capture is typed by who took the ground.
        (typed("capture", agent_inter=STATE), "Government regains territory"),
        (typed("capture", agent_inter=REBELS), "Non-state actor overtakes territory"),
        # Demonstrations come first: a protest that turns violent is a riot.
        (typed("protest", "crowd_violence", protesters=True), "Violent demonstration"),
        (typed("protest", "intervention", agent_inter=STATE, protesters=True), "Protest with intervention"),
        (typed("protest", protesters=True), "Peaceful protest"),
        # Direct violence is typed by its target.
        (typed("violence", agent_inter=REBELS, target_inter=CIVILIANS, civilian_target=True, killed=2),
         "Attack"),
        (typed("violence", agent_inter=REBELS, target_inter=STATE, armed_target=True, killed=2),
         "Armed clash"),
    ],
)
def test_sub_event_type(sub: str | None, expected: str) -> None:
    assert sub == expected


def test_no_cue_is_no_event() -> None:
    assert typed() is None


@pytest.mark.parametrize(
    ("sub", "event"),
    [
        ("Armed clash", "Battles"),
        ("Air/drone strike", "Explosions/Remote violence"),
        ("Non-state actor overtakes territory", "Battles"),
        ("Violent demonstration", "Riots"),
        ("Protest with intervention", "Protests"),
        ("Attack", "Violence against civilians"),
    ],
)
def test_event_type_follows_sub_event_type(sub: str, event: str) -> None:
    assert event_type(sub) == event


def test_an_exchange_of_shelling_is_a_battle() -> None:
    # "Regime and Islamist faction fighters exchanged mortar and artillery shelling"
    assert typed("exchange", "shelling", agent_inter=1, target_inter=2) == "Armed clash"
    assert typed("shelling", agent_inter=1, target_inter=2) == "Shelling/artillery/missile attack"


def test_state_forces_abroad_detaining_people_make_arrests() -> None:
    # Israeli troops in the West Bank, Turkish forces in northern Syria: external state forces (8)
    assert typed("arrest", "violence", agent_inter=8, target_inter=CIVILIANS) == "Arrests"
    assert typed("arrest", "abduct", agent_inter=8) == "Arrests"
    assert typed("arrest", agent_inter=REBELS) == "Abduction/forced disappearance"


def test_burning_beside_looting_with_no_crowd_is_property_destruction() -> None:
    assert typed("looting", "crowd_violence") == "Looting/property destruction"
    assert typed("looting", "crowd_violence", rioters=True) == "Violent demonstration"
