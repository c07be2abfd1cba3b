"""Determinism: the same inputs give byte-identical output from runs in different processes with
different string-hash seeds (PYTHONHASHSEED randomises set and dict-of-str iteration order, the
usual way run-to-run differences creep in), into different databases, and through every export.

One column is meant to differ: ACLED's `timestamp`, the moment the event was stored (ACLED's
definition: when it was uploaded), which the ACLED CSV export carries; every other byte is equal.

Engine independence (local and Dask give the same output) is tests/scale's
`test_cli_dask_engine_gives_the_local_output`.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
from pathlib import Path

from holdup_reports import short_reports, write_batch
from live_api import CLI, SEED

SAMPLES = Path(__file__).parents[2] / "samples"


def _run(args: list[str | Path], hash_seed: str) -> bytes:
    done = subprocess.run([str(CLI), *map(str, args)], capture_output=True, timeout=300,
                          env={**os.environ, "PYTHONHASHSEED": hash_seed})
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def test_extract_and_export_are_byte_identical_across_processes_and_hash_seeds(tmp_path: Path) -> None:
    batch = write_batch(tmp_path / "batch.jsonl", short_reports(60))
    inputs = [SEED, SAMPLES / "sudan-market-drone-strike.txt", SAMPLES / "yemen-clashes.md", "--input", batch,
              "--published", "2024-12-02", "--source", "Desk"]
    outputs: list[dict[str, bytes]] = []
    for hash_seed in ("1", "2"):
        db = tmp_path / f"events-{hash_seed}.db"
        written = {"extract": _run(["extract", *inputs, "--db", db], hash_seed),
                   "unstored": _run(["extract", *inputs, "--no-store"], hash_seed)}
        for fmt in ("acled-csv", "geojson", "hxl", "csv", "jsonl"):
            written[fmt] = _run(["export", "--db", db, "--format", fmt], hash_seed)
        outputs.append(written)
    assert outputs[0]["extract"].count(b"\n") > 60
    for output in outputs:
        output["acled-csv"] = _without_timestamp(output["acled-csv"])
    for name in outputs[0]:
        assert outputs[0][name] == outputs[1][name], name


def _without_timestamp(acled_csv: bytes) -> bytes:
    """The ACLED CSV with its `timestamp` column (when each event was stored) taken out."""
    rows = list(csv.reader(io.StringIO(acled_csv.decode("utf-8"))))
    column = rows[0].index("timestamp")
    assert all(row[column].isdigit() for row in rows[1:])
    return "\n".join(",".join(row[:column] + row[column + 1:]) for row in rows).encode("utf-8")
