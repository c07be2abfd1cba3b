"""Batches of reports bounded by count and by text: the batching changes speed, never a coding."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from frontwatch.ingest.batches import batches
from frontwatch.models import CodedReport, Report
from frontwatch.nlp import pipeline
from frontwatch.nlp.pipeline import Coder

TEXTS = (
    "On 3 May 2024, Israeli airstrikes killed five people in Khan Younis, the health ministry said.",
    "Houthi forces fired a missile at a commercial ship in the Red Sea on Friday; no one was hurt.",
    "Protesters gathered peacefully in Khartoum on Sunday to demand an end to the war.",
    "Two soldiers were killed when Al-Shabaab militants attacked a base near Baidoa on Monday. "
    "The group claimed responsibility for the attack in a statement.",
)


def reports(texts: tuple[str, ...] = TEXTS) -> list[Report]:
    return [Report(text, id=f"r{n}", published=date(2024, 5, 6)) for n, text in enumerate(texts)]


def coding(coded: CodedReport) -> str:
    """Everything the pipeline made of a report: events, figures, control, relations, unplaced names."""
    return repr(coded)


def test_a_batch_closes_at_its_count_or_once_it_holds_enough_text() -> None:
    texts = ("a" * 10, "b" * 10, "c" * 30, "d" * 5, "e" * 5, "f" * 5)
    made = list(batches(reports(texts), size=2, characters=25))
    assert [[r.text[0] for r in batch] for batch in made] == [["a", "b"], ["c"], ["d", "e"], ["f"]]


def test_batches_take_reports_only_as_they_need_them() -> None:
    taken: list[int] = []

    def feed() -> Iterator[Report]:
        for n, report in enumerate(reports()):
            taken.append(n)
            yield report

    first = next(batches(feed(), size=2, characters=1_000_000))
    assert [r.id for r in first] == ["r0", "r1"] and taken == [0, 1]


@pytest.mark.parametrize("characters", [1, 150, 1_000_000])
def test_every_report_is_coded_the_same_in_any_batch(
    coder: Coder, monkeypatch: pytest.MonkeyPatch, characters: int
) -> None:
    alone = [coder.code(report) for report in reports()]
    assert sum(len(coded.events) for coded in alone) >= 3
    monkeypatch.setattr(pipeline, "BATCH_CHARACTERS", characters)
    together = list(coder.code_many(reports()))
    assert [coded.report.id for coded in together] == ["r0", "r1", "r2", "r3"]
    assert [coding(coded) for coded in together] == [coding(coded) for coded in alone]
