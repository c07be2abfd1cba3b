"""Placing events: frontwatch against a naive geocoder, on the ACLED dev notes, side by side.

The naive coder is the baseline the Places issue names: the first capitalised phrase of a note
that the gazetteer knows, taken at its best-known namesake. Both are scored by the evaluation's own
scorer (`../shared/eval/score.py`): `geo_e2e_25km` is the share of ALL gold events placed within
25 km of ACLED's coordinates; `coords_within_10km` and `admin1` are over the events paired on place.

Usage: python bench/bench_places.py   (prints a table; skipped when ../shared/eval is absent)
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from rich.console import Console
from rich.table import Table

from frontwatch.geo import Gazetteer
from frontwatch.models import Report

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
NOTES = EVAL / "acled-dev.reports.jsonl"
GOLD = EVAL / "acled-dev.gold.jsonl"
CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:al|el|ad|as|ar|ash|az|de|la)?-?\s*[A-Z][\w'’-]*){0,3}")
NOT_NAMES = frozenset(
    {
        "On", "In", "At", "The", "A", "An", "Around", "Between", "During", "After", "Before", "Since",
        "Clashes", "Movement", "Security", "Police", "Unknown", "Unidentified", "January", "February",
        "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    }
)
"""Capitalised words that open sentences of notes: even a naive coder does not look them up."""
FIELDS = {
    "geo_e2e_25km": "all ≤25 km",
    "coords_within_10km": "paired ≤10 km",
    "coords_within_25km": "paired ≤25 km",
    "admin1": "admin1",
    "recall": "recall",
    "precision": "precision",
}


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("acled_score", EVAL / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def naive_event(gazetteer: Gazetteer, note: dict[str, Any]) -> dict[str, Any]:
    """One event at the first capitalised phrase the gazetteer knows (its longest known prefix)."""
    for match in CAPITALISED.finditer(note["text"]):
        words = match.group(0).split()
        if words[0] in NOT_NAMES or len(words[0]) < 3:
            continue
        for size in range(len(words), 0, -1):
            found = gazetteer.matches(" ".join(words[:size]), limit=1, fuzzy=False)
            if found:
                place = found[0].place
                return {"report_id": note["id"], "report_ids": [note["id"]], "location": place.name,
                        "latitude": place.latitude, "longitude": place.longitude,
                        "admin1": place.admin1, "country": place.country}
    return {"report_id": note["id"], "report_ids": [note["id"]], "location": None}


def ours(notes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from frontwatch.ingest import parse_published
    from frontwatch.nlp.pipeline import Coder

    coder = Coder()
    reports = (Report(n["text"], id=n["id"], published=parse_published(n.get("published")),
                      source=n.get("source")) for n in notes)
    return [event.to_record() for coded in coder.code_many(reports) for event in coded.events]


def main() -> int:
    if not NOTES.exists():
        print(f"skipped: {NOTES} is not here")
        return 0
    score = _scorer()
    notes = [json.loads(line) for line in NOTES.read_text(encoding="utf-8").splitlines() if line.strip()]
    golds = score.load(str(GOLD))
    with Gazetteer() as gazetteer:
        naive = [naive_event(gazetteer, note) for note in notes]
    rows = {"naive: first known name": score.score(naive, golds),
            "frontwatch": score.score(ours(notes), golds)}
    table = Table(title=f"Placing the {len(golds)} ACLED dev events (score.py)")
    table.add_column("coder", max_width=24)
    for label in FIELDS.values():
        table.add_column(label, justify="right")
    for coder, result in rows.items():
        table.add_row(coder, *(f"{result[name]:.3f}" for name in FIELDS))
    Console().print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
