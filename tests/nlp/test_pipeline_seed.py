"""End to end on the seed report (CNN, 2 December 2024): code it, score it, hold the Core bar.

The report and its gold coding live in the shared folder beside the repository (read-only, not
shipped); the test is skipped where that folder is absent.
"""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from frontwatch.models import Report
from frontwatch.nlp.pipeline import Coder

SHARED = Path(__file__).parents[2].parent / "shared"
SEED = SHARED / "seed"
REPORT_ID = "syria-offensive-2024-12-02"

CORE_THRESHOLDS = {
    "recall": 0.85, "precision": 0.85, "event_type": 0.95, "event_date": 0.9, "fatalities": 0.85,
    "actor1": 0.85, "strict_f1": 0.7,
}  # fmt: skip

pytestmark = pytest.mark.skipif(
    not (SEED / f"{REPORT_ID}.txt").is_file() or not (SHARED / "eval/score.py").is_file(),
    reason=f"the shared seed report and scorer are not at {SHARED}",
)


def load_scorer() -> ModuleType:
    """The evaluation scorer, imported by path: it is a script beside the repository, not a package."""
    spec = importlib.util.spec_from_file_location("frontwatch_eval_score", SHARED / "eval/score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seed_events(coder: Coder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed report coded and written as `extract --format jsonl` would write it."""
    text = (SEED / f"{REPORT_ID}.txt").read_text(encoding="utf-8")
    coded = coder.code(Report(text, id=REPORT_ID, published=date(2024, 12, 2), source="CNN"))
    path = tmp_path_factory.mktemp("seed") / "events.jsonl"
    path.write_text("".join(json.dumps(event.to_record()) + "\n" for event in coded.events), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def records(seed_events: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in seed_events.read_text(encoding="utf-8").splitlines()]


def test_seed_meets_the_core_thresholds(seed_events: Path) -> None:
    scorer = load_scorer()
    result = scorer.score(scorer.load(str(seed_events)), scorer.load(str(SEED / f"{REPORT_ID}.gold.jsonl")))
    below = {name: result[name] for name, bar in CORE_THRESHOLDS.items() if result[name] < bar}
    assert not below, f"below the Core bar: {below} (full score: {result})"


STATEMENTS = ("certainly continue to support", "urged", "hotline", "must not endure")  # gold-extra not_events


@pytest.mark.parametrize("statement", STATEMENTS)
def test_statements_are_not_events(records: list[dict[str, Any]], statement: str) -> None:
    assert not [r for r in records if any(statement in sentence for sentence in r["evidence"])]


def test_every_event_names_its_report_and_source(records: list[dict[str, Any]]) -> None:
    assert records
    for record in records:
        assert record["report_id"] == REPORT_ID and record["report_ids"] == [REPORT_ID]
        assert record["sources"], record
