"""The Dask engine against the in-process one, on a real LocalCluster of worker processes.

One cluster serves the module (starting one and loading the pipeline on its workers takes
seconds); the CLI test starts its own, as `--engine dask --workers 2` does for a user.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from frontwatch.ingest import iter_jsonl, read_report
from frontwatch.models import CodedReport, FrontwatchError, Report
from frontwatch.nlp.pipeline import Coder
from frontwatch.scale import open_engine
from frontwatch.scale.dask_engine import DaskEngine
from frontwatch.store import Store

distributed = pytest.importorskip("distributed")

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
FRONTWATCH = Path(sys.executable).with_name("frontwatch")


def sample_reports() -> list[Report]:
    """The repository's samples: the batch, and each sample article whole and sentence by sentence."""
    reports = [item for item in iter_jsonl(SAMPLES / "sample-batch.jsonl") if isinstance(item, Report)]
    for name, published in (("sudan-market-drone-strike.txt", date(2025, 5, 13)),
                            ("yemen-clashes.md", date(2025, 6, 2))):
        article = read_report(SAMPLES / name, published=published, source="Field Desk")
        reports.append(article)
        sentences = [s for s in re.split(r"(?<=\.)\s+", article.text) if len(s.split()) > 6]
        reports += [Report(s, id=f"{article.id}-{n}", published=published, source="Field Desk")
                    for n, s in enumerate(sentences)]
    return reports


def records(coded: list[CodedReport]) -> list[tuple[str, list[dict[str, Any]]]]:
    return [(c.report.id, [event.to_record() for event in c.events]) for c in coded]


def stored_events(store: Store) -> list[tuple[str, list[str]]]:
    """(event id, the reports that told it) of every stored event."""
    return sorted((e["event_id"], sorted(e["report_ids"])) for e in store.events(limit=None))


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    found = sample_reports()
    assert len(found) >= 10 and len({r.id for r in found}) == len(found)
    return found


@pytest.fixture(scope="module")
def scheduler(coder: Coder) -> Iterator[str]:
    """Address of a two-worker LocalCluster (after the shared coder made sure the gazetteer exists)."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


def test_dask_engine_codes_like_the_local_engine(coder: Coder, reports: list[Report], scheduler: str) -> None:
    expected = records(list(coder.code_many(reports)))
    assert sum(len(events) for _, events in expected) >= 5
    with DaskEngine(scheduler=scheduler, partition_size=2) as engine:
        got = records(list(engine.code_many(reports)))
        again = records(list(engine.code_many(reversed(reports))))  # order follows the input, not the cluster
    assert got == expected
    assert again == expected[::-1]


class KillOnce(distributed.WorkerPlugin):
    """Kills the worker process (as the OOM killer would) when it starts its second task, once per
    cluster: the marker file says it has happened."""

    name = "test-kill-once"

    def __init__(self, marker: Path) -> None:
        self.marker = marker
        self.started = 0

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        if finish == "executing":
            self.started += 1
            if self.started == 2 and not self.marker.exists():
                self.marker.touch()
                os._exit(1)


def test_a_killed_worker_costs_a_retry_not_an_event(coder: Coder, reports: list[Report], scheduler: str,
                                                     tmp_path: Path) -> None:
    expected = Store(str(tmp_path / "local.db"))
    for coded in coder.code_many(reports):
        expected.save(coded)
    marker = tmp_path / "killed"
    with distributed.Client(scheduler) as client:
        client.register_plugin(KillOnce(marker))
        try:
            with DaskEngine(scheduler=scheduler, partition_size=2) as engine, \
                    Store(str(tmp_path / "dask.db")) as store:
                for coded in engine.code_many(reports):
                    store.save(coded)
                got = store.report_count(), stored_events(store)
        finally:
            client.unregister_worker_plugin(KillOnce.name)
    assert marker.exists(), "no worker was killed"
    with expected:
        want = expected.report_count(), stored_events(expected)
    assert got == want
    assert got[0] == len(reports) and len({event_id for event_id, _ in got[1]}) == len(got[1]) >= 5


def test_cli_dask_engine_gives_the_local_output(coder: Coder, reports: list[Report], tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps({"id": r.id, "text": r.text, "published": r.published.isoformat(),
                                         "source": r.source}) + "\n" for r in reports), encoding="utf-8")

    def extract(*options: str) -> str:
        done = subprocess.run([str(FRONTWATCH), "extract", "--input", str(batch), "--no-store", *options],
                              capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    local = extract()
    assert local.count("\n") >= 5
    assert extract("--engine", "dask", "--workers", "2") == local


def test_engine_options_are_checked() -> None:
    with pytest.raises(FrontwatchError, match="--engine dask"), open_engine("local", workers=2):
        pass
    with pytest.raises(FrontwatchError, match="not both"):
        DaskEngine(workers=2, scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(FrontwatchError, match="at least 1"):
        DaskEngine(workers=0)
    with pytest.raises(FrontwatchError, match="unknown engine"), open_engine("spark"):
        pass
