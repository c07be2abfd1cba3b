"""Casualty figures as wire copy, rescue groups and ACLED notes state them.

Values follow ACLED's conventions (lowest reported figure, "several" 3, "dozens" 12, coordinated
victim groups summed, subsets after "including" not added), so these cases pin the fatality
counts the exported events carry.
"""

from __future__ import annotations

import pytest

from frontwatch.models import Claim, ClaimKind
from frontwatch.nlp.figures import MAX_COUNT, sentence_claims
from frontwatch.nlp.pipeline import Coder


def claims(coder: Coder, text: str) -> list[Claim]:
    """Every claim in every sentence of `text`, as the pipeline splits it."""
    return [claim for sent in coder.nlp(text).sents for claim in sentence_claims(sent)]


def of_kind(found: list[Claim], kind: ClaimKind) -> list[Claim]:
    return [claim for claim in found if claim.kind == kind]


def test_lowest_figure_keeps_its_qualifier(coder: Coder) -> None:
    [killed] = claims(coder, "Syrian army airstrikes killed at least 13 civilians in the city of Idlib on "
                             "Monday.")
    assert (killed.kind, killed.value, killed.qualifier, killed.group) == (
        ClaimKind.KILLED, 13, "at least", "civilians"
    )


def test_coordinated_victim_groups_are_summed(coder: Coder) -> None:
    [killed] = claims(coder, "Syrian army warplanes killed five children and two women near Harbanoush.")
    assert (killed.kind, killed.value) == (ClaimKind.KILLED, 7)


def test_groups_told_before_one_passive_outcome_are_summed(coder: Coder) -> None:
    [killed] = claims(coder, "The official said six rebels and three policemen were killed in the fighting.")
    assert (killed.kind, killed.value) == (ClaimKind.KILLED, 9)


def test_bandits_and_attackers_are_counted(coder: Coder) -> None:
    [killed] = claims(coder, "The air force said its jets struck a forest camp, killing at least 15 bandits.")
    assert (killed.kind, killed.value) == (ClaimKind.KILLED, 15)


@pytest.mark.parametrize(
    "text",
    [
        "Three sisters aged seven and 10 were killed when a shell hit their home.",
        "Gunmen shot dead three pupils, ages 8 to 11, outside the school.",
    ],
)
def test_ages_are_not_counts(coder: Coder, text: str) -> None:
    assert [claim.value for claim in of_kind(claims(coder, text), ClaimKind.KILLED)] == [3]


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Russian jets struck the market, killing a woman and three children and injuring 10 other "
         "civilians.", 4, 10),
        ("Russian forces struck Kharkiv with drones overnight, killing three people and injuring 21, "
         "regional governor Oleh Syniehubov said.", 3, 21),
    ],
)
def test_killed_and_injured_in_one_sentence(coder: Coder, text: str, killed: int, injured: int) -> None:
    found = claims(coder, text)
    assert [c.value for c in of_kind(found, ClaimKind.KILLED)] == [killed]
    assert [c.value for c in of_kind(found, ClaimKind.INJURED)] == [injured]


@pytest.mark.parametrize(("text", "killed"), [
    ("The death toll from the strike on the bus depot rose to 15, the ministry said.", 15),
    ("A man died of his burns, bringing the toll to nine.", 1 + 9),
    ("The number of people killed in the raids has risen to 74, with 171 wounded.", 74),
    ("The toll stood at 40 on Monday.", 40),
])  # fmt: skip
def test_a_toll_a_count_rose_to(coder: Coder, text: str, killed: int) -> None:
    assert sum(claim.value for claim in of_kind(claims(coder, text), ClaimKind.KILLED)) == killed


@pytest.mark.parametrize("text", [
    "Gunmen killed four people in the town of 3,000 residents.",
    "Gunmen killed four people in Kaura, normally home to around 150,000 people.",
])  # fmt: skip
def test_a_settlements_population_is_no_toll(coder: Coder, text: str) -> None:
    assert [claim.value for claim in of_kind(claims(coder, text), ClaimKind.KILLED)] == [4]


def test_passive_figure(coder: Coder) -> None:
    [killed] = claims(coder, "At least four people were killed in the shelling on Sunday.")
    assert (killed.kind, killed.value, killed.qualifier) == (ClaimKind.KILLED, 4, "at least")


@pytest.mark.parametrize(
    ("text", "value", "high"),
    [
        ("Several people were killed when a drone hit the village.", 3, 9),
        ("Dozens killed as fighting rages in the north.", 12, 99),
    ],
)
def test_vague_quantities_take_acled_values(coder: Coder, text: str, value: int, high: int) -> None:
    [killed] = claims(coder, text)
    assert (killed.kind, killed.value, killed.low, killed.high) == (ClaimKind.KILLED, value, value, high)


def test_no_fatalities_reported_is_a_zero_claim(coder: Coder) -> None:
    found = claims(coder, "Regime forces shelled the outskirts of Sarmin. No fatalities were reported.")
    assert [(c.kind, c.value) for c in found] == [(ClaimKind.KILLED, 0)]
    assert found[0].evidence == "No fatalities were reported."


def test_acled_coded_fatalities(coder: Coder) -> None:
    [killed] = claims(coder, "Unclear fatalities coded as 10.")
    assert (killed.kind, killed.value, killed.qualifier) == (ClaimKind.KILLED, 10, "coded")


def test_a_subset_after_including_is_not_added(coder: Coder) -> None:
    found = claims(coder, "Russian warplanes struck a medical complex in Idlib, killing at least three "
                          "civilians, including two who died when their ventilators shut down.")
    assert [(c.kind, c.value) for c in found] == [(ClaimKind.KILLED, 3)]


def test_offsets_point_at_the_figure(coder: Coder) -> None:
    text = "Israeli strikes killed 20 people in Rafah."
    [killed] = claims(coder, text)
    assert text[killed.start : killed.end] == "20 people"


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("On 30 May 2022, unknown gunmen shot and killed a sixteen years old young man near his house.", 1),
        ("On 28 April 2020, a man's body was found in Al Bab city, killed by an unknown armed group.", 1),
        ("Unidentified gunmen fired on a vehicle driven by an intelligence officer, killing him.", 1),
        ("Four people were shot and killed as inter-clan fighting erupted at a farm.", 4),
        ("Four Al-Shabaab members were killed by the army after soldiers raided the camp.", 4),
        ("Fighters clashed near the village. Unknown number of total fatalities coded to 10.", 10),
    ],
)
def test_single_victims_and_note_conventions(coder: Coder, text: str, killed: int) -> None:
    assert max(c.value for c in of_kind(claims(coder, text), ClaimKind.KILLED)) == killed


@pytest.mark.parametrize(
    "text",
    [
        "A gunman shot dead two shepherds near the village on Sunday.",
        "An unidentified gunmen shot dead 2 civilians in front of their houses.",
    ],
)
def test_the_one_who_killed_is_not_counted_among_the_dead(coder: Coder, text: str) -> None:
    [killed] = of_kind(claims(coder, text), ClaimKind.KILLED)
    assert killed.value == 2
    assert killed.group in {"shepherds", "civilians"}


def test_a_person_shot_dead_is_counted(coder: Coder) -> None:
    found = claims(coder, "A shepherd was shot dead near the village on Sunday.")
    [killed] = of_kind(found, ClaimKind.KILLED)
    assert (killed.value, killed.group) == (1, "shepherd")


@pytest.mark.parametrize(
    "text",
    [
        "An IED exploded near a council member's car in Suluk, killing the council member.",
        "Gunmen opened fire on a car, which resulted in the killing of the driver.",
        "A senior police detective was gunned down outside his home.",
        "A vigilante mob lynched a suspected thief in the market.",
    ],
)
def test_one_person_killed_named_without_a_number(coder: Coder, text: str) -> None:
    [killed] = of_kind(claims(coder, text), ClaimKind.KILLED)
    assert killed.value == 1


def test_an_unknown_toll_coded_by_convention(coder: Coder) -> None:
    found = claims(coder, "Fatalities were reported on both sides, with the unknown number coded as 10.")
    [killed] = of_kind(found, ClaimKind.KILLED)
    assert killed.value == 10


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Houthi fighters shelled Marib, killing 1,000 million people.", [MAX_COUNT]),
        ("Houthi fighters shelled Marib, killing 1,001 million people.", []),
        ("Houthi fighters shelled Marib, killing 999,999,999,999,999 million people.", []),
        ("Shelling killed 600 million men and 600 million women.", []),  # the sum is over the ceiling
        ("Fatalities were reported, with the unknown number coded as 1000000000000.", []),
        (f"Fatalities were reported, with the unknown number coded as {'9' * 5_000}.", []),
    ],
)
def test_a_count_over_the_ceiling_is_no_claim(coder: Coder, text: str, killed: list[int]) -> None:
    """Past a billion (`MAX_COUNT`) a count is no toll any conflict reaches: a typo or a misreading."""
    assert [claim.value for claim in of_kind(claims(coder, text), ClaimKind.KILLED)] == killed


def test_one_victim_described_by_age_and_trade(coder: Coder) -> None:
    [killed] = claims(coder, "A drone attack set fire to a warehouse and killed a 52-year-old port worker.")
    assert (killed.kind, killed.value) == (ClaimKind.KILLED, 1)
