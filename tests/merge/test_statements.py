"""Control statements, actor relations and humanitarian figures read from short reports by the
real pipeline (patterns from the data files, parties from the actor dictionary)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from frontwatch.models import CodedReport, ControlKind, RelationKind, Report
from frontwatch.nlp.pipeline import Coder

DAY = date(2024, 11, 15)


Code = Callable[[str], CodedReport]


@pytest.fixture(scope="module")
def code(coder: Coder) -> Code:
    def run(text: str) -> CodedReport:
        return coder.code(Report(text=text, published=DAY, source="Wire"))

    return run


def test_a_withdrawal_said_outright_is_a_loss_not_a_capture(code: Code) -> None:
    coded = code("KYIV, Nov 14 — Russian forces withdrew from the village of Krynky on Tuesday, "
                 "the Ukrainian army said.")
    [change] = [c for c in coded.control if c.place == "Krynky"]
    assert change.kind == ControlKind.LOST
    assert change.holder is None and change.previous is not None and "Russia" in change.previous
    assert change.claimant == "Ukrainian army"


def test_a_handover_names_who_took_the_place_and_from_whom(code: Code) -> None:
    coded = code("The Syrian Democratic Forces handed over the town of Manbij to government forces on "
                 "Friday, a spokesman said.")
    [change] = coded.control
    assert (change.place, change.kind) == ("Manbij", ControlKind.GAINED)
    assert change.holder is not None and change.holder.startswith("Military Forces of Syria")
    assert change.previous == "QSD: Syrian Democratic Forces"


def test_a_place_said_to_be_held(code: Code) -> None:
    coded = code("Kherson remains under the control of Ukrainian forces, the regional governor said on "
                 "Thursday.")
    [change] = coded.control
    assert (change.place, change.kind, change.on) == ("Kherson", ControlKind.HELD, date(2024, 11, 14))
    assert change.holder is not None and change.holder.startswith("Military Forces of Ukraine")
    assert not coded.events


def test_relations_with_their_direction(code: Code) -> None:
    coded = code("Iran, which has long backed the Houthis, denied sending weapons. The Rapid Support "
                 "Forces, formerly known as the Janjaweed, were accused of atrocities. Hezbollah, which is "
                 "considered a terrorist organisation by the United States, has rejected talks.")
    told = {(r.subject, r.kind, r.object, r.negated) for r in coded.relations}
    assert ("RSF: Rapid Support Forces", RelationKind.FORMERLY_KNOWN_AS, "Janjaweed", False) in told
    assert ("Government of United States", RelationKind.DESIGNATES_TERRORIST, "Hezbollah", False) in told
    assert any(s == "Government of Iran" and k == RelationKind.SUPPORTS for s, k, _, _ in told)
    assert all(r.evidence for r in coded.relations)


def test_a_denied_relation_is_negated(code: Code) -> None:
    coded = code("The United States does not support the Rapid Support Forces, a spokesman said.")
    [relation] = coded.relations
    assert (relation.subject, relation.kind, relation.negated) == (
        "Government of United States",
        RelationKind.SUPPORTS,
        True,
    )


def test_figures_over_a_period_are_kept_apart_from_events(code: Code) -> None:
    coded = code("More than 13 million people have been displaced since April 2023, the UN said. "
                 "Between 1 and 7 March, at least 120 civilians were killed in Khartoum and Omdurman, "
                 "OCHA said, citing local health authorities.")
    displaced, killed = coded.figures
    assert (displaced.value, displaced.period_start) == (13_000_000, date(2023, 4, 1))
    assert displaced.period_end is None
    assert displaced.claimant == "UN"
    assert (killed.value, killed.qualifier, killed.group) == (120, "at least", "civilians")
    assert (killed.period_start, killed.period_end) == (date(2024, 3, 1), date(2024, 3, 7))
    assert killed.area == ["Khartoum", "Omdurman"]
    assert (killed.claimant, killed.cited) == ("OCHA", "local health authorities")
    assert not coded.events
