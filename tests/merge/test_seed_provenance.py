"""The seed report (CNN, 2 December 2024) into a real SQLite store: its humanitarian figures,
control changes and actor relations against the seed's extra gold, read back through the store.

Skipped where the shared seed folder beside the repository is absent.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from frontwatch.models import Report
from frontwatch.nlp.actor_dictionary import ActorDictionary
from frontwatch.nlp.pipeline import Coder
from frontwatch.store import Store
from frontwatch.store.schema import actor_relations

SEED = Path(__file__).parents[2].parent / "shared" / "seed"
REPORT_ID = "syria-offensive-2024-12-02"

pytestmark = pytest.mark.skipif(
    not (SEED / f"{REPORT_ID}.gold-extra.json").is_file(), reason=f"the shared seed is not at {SEED}"
)


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    return json.loads((SEED / f"{REPORT_ID}.gold-extra.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def store(coder: Coder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    text = (SEED / f"{REPORT_ID}.txt").read_text(encoding="utf-8")
    coded = coder.code(Report(text, REPORT_ID, date(2024, 12, 2), source="CNN"))
    with Store(tmp_path_factory.mktemp("seed") / "seed.db") as opened:
        opened.save(coded)
        yield opened


def state_or_actor(dictionary: ActorDictionary, name: str | None) -> str | None:
    """Who a name means, comparing states by country: the gold writes "Military Forces of Russia",
    "Iran" or "Government of Syria" for a state; frontwatch writes "Government of Russia"."""
    if not name:
        return None
    bare = name.split(" (")[0].removeprefix("Government of ").removeprefix("Military Forces of ")
    country = dictionary.country(bare.removeprefix("the "))
    if country is not None:
        return f"state:{country.name}"
    entry = dictionary.get(name) or dictionary.match_alias(name) or dictionary.match_alias(bare)
    return entry.name if entry is not None else name


def test_every_humanitarian_figure_with_period_area_and_claimant(store: Store, gold: dict[str, Any]) -> None:
    figures = store.figures(REPORT_ID)
    for expected in gold["figures"]:
        period = expected.get("period") or [None, expected.get("as_of")]
        found = [
            f
            for f in figures
            if (f["kind"], f["value"], f["group"]) == (expected["kind"], expected["value"], expected["group"])
            and [f["period_start"], f["period_end"]] == period
            and f["area"] == expected["area"]
            and f["claimant"] == expected["source"]
            and f["cited"] == expected.get("cited_source")
        ]
        assert found, f"figure {expected} not among {figures}"
    totals = {figure["value"] for figure in gold["figures"]}
    claimed = [claim["value"] for event in store.events() for claim in event["claims"]]
    assert claimed and not totals & set(claimed)  # figures are never an event's claims


def test_control_changes_who_from_whom_since_when(store: Store, gold: dict[str, Any]) -> None:
    dictionary = ActorDictionary.load()
    found = []
    for expected in gold["control_changes"]:
        answer = store.control(expected["place"])
        holder_agrees = state_or_actor(dictionary, answer.get("holder")) == state_or_actor(
            dictionary, expected["to"].split(" (")[0]
        ) or ("rebel" in expected["to"] and "Rebels" in (answer.get("holder") or ""))
        previous_agrees = "from" not in expected or state_or_actor(
            dictionary, answer.get("previous")
        ) == state_or_actor(dictionary, expected["from"])
        if answer["known"] and answer["since"] == expected["as_of"] and holder_agrees and previous_agrees:
            found.append(expected["place"])
    assert len(found) >= 6, found
    tal_rifaat = store.control("Tal Rifaat")
    assert tal_rifaat["claimants"] == ["Free Syrian Army"] and tal_rifaat["status"] == "claimed"
    assert store.control("Aleppo International Airport")["status"] == "confirmed"  # video verified by CNN
    before = store.control("Aleppo", on=date(2024, 11, 30))
    assert before["holder"] == "Military Forces of Syria (2000-2024)" and before["until"] == "2024-12-01"


def test_actor_relations_with_evidence(store: Store, gold: dict[str, Any]) -> None:
    dictionary = ActorDictionary.load()
    with store.engine.connect() as conn:
        told = [dict(row) for row in conn.execute(sa.select(actor_relations)).mappings()]
    kinds = {  # the gold's wording -> (kind, negated, subject and object swapped)
        "supports": ("supports", False, False),
        "supported (against ISIS)": ("supports", False, False),
        "does not support": ("supports", True, False),
        "largely made up of": ("part of", False, True),
        "part of": ("part of", False, False),
        "leads": ("leads", False, False),
        "formerly known as": ("formerly known as", False, False),
        "designates as terrorist": ("designates as terrorist", False, False),
    }
    found = 0
    for subject, wording, obj in gold["actor_relations"]:
        kind, negated, swapped = kinds[wording]
        if swapped:
            subject, obj = obj, subject
        found += any(
            r["kind"] == kind
            and r["negated"] == negated
            and state_or_actor(dictionary, r["subject"]) == state_or_actor(dictionary, subject)
            and (state_or_actor(dictionary, r["object"]) == state_or_actor(dictionary, obj))
            and r["evidence"]
            for r in told
        )
    assert found >= 7
    us = [r for r in told if r["subject"] == "Government of United States"]
    backing = next(r for r in us if "ISIS" in (r["qualifier"] or ""))
    assert backing["object"] == "QSD: Syrian Democratic Forces"


def test_no_statement_is_coded_as_an_event(store: Store) -> None:
    """Assad's statements, Peskov's support, the State Department's call, the Pentagon hotline and
    the UN appeal are not events."""
    kinds = {record["sub_event_type"] for record in store.events()}
    assert not kinds & {"Agreement", "Other", "Change to group/activity"}
    evidence = " ".join(" ".join(record["evidence"]) for record in store.events())
    for statement in ("Peskov", "de-escalation", "hotline", "international law", "territorial integrity"):
        assert statement not in evidence
