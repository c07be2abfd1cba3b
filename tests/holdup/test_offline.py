"""No network at run time: the whole extract path — reading text, Markdown, HTML (with links, which
URL libraries like to look up) and a batch, loading the spaCy model, the gazetteer, coding,
merging, storing, exporting — runs in a process where every network operation is refused and
reported (offline_run.py). No model hub, no geocoding service, no telemetry, no suffix list.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from holdup_reports import short_reports, write_batch

HERE = Path(__file__).parent
SAMPLES = HERE.parents[1] / "samples"
PAGE = """<!doctype html><html><head><title>Drone strike on Sarmin</title>
<meta property="article:published_time" content="2024-03-05"><link rel="canonical" href="https://news.example.org/a/1">
</head><body><article><h1>Drone strike on Sarmin</h1>
<p>A drone strike hit <a href="https://maps.example.com/sarmin">Sarmin</a> in Idlib on Monday, killing four
civilians, the <a href="http://whitehelmets.example">White Helmets</a> said.</p></article></body></html>"""


def run_offline(*args: str | Path) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """`frontwatch ARGS` with the network refused: what it did, and each attempt to use the network."""
    done = subprocess.run([sys.executable, str(HERE / "offline_run.py"), *map(str, args)],
                          capture_output=True, text=True, timeout=300, env={**os.environ, "COLUMNS": "200"})
    return done, [line for line in done.stderr.splitlines() if line.startswith("network:")]


def offline(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`frontwatch ARGS`, which must succeed without trying the network once."""
    done, attempts = run_offline(*args)
    assert attempts == [], attempts
    assert done.returncode == 0, done.stderr
    return done


def test_extract_and_export_run_with_the_network_refused(tmp_path: Path) -> None:
    page = tmp_path / "sarmin.html"
    page.write_text(PAGE, encoding="utf-8")
    batch = write_batch(tmp_path / "batch.jsonl", short_reports(20))
    db = tmp_path / "events.db"
    extracted = offline("extract", SAMPLES / "sudan-market-drone-strike.txt", SAMPLES / "yemen-clashes.md",
                        page, "--input", batch, "--published", "2025-05-13", "--db", db)
    told = {event["report_id"] for event in map(json.loads, extracted.stdout.splitlines())}
    assert {"sudan-market-drone-strike", "yemen-clashes", "sarmin"} <= told and len(told) > 20
    geojson = json.loads(offline("export", "--db", db, "--format", "geojson").stdout)
    assert geojson["features"]
    found = json.loads(offline("places", "lookup", "El Obeid", "--json").stdout)
    assert found


def test_the_refusal_sees_an_attempt_even_when_it_is_caught(tmp_path: Path) -> None:
    """The check is not vacuous: `watch` fetching a feed is seen, though the watcher catches the
    refusal and logs it as a failed poll instead of raising it."""
    done, attempts = run_offline("watch", "https://news.example.org/rss.xml", "--once", "--db",
                                 tmp_path / "w.db")
    assert attempts and "getaddrinfo" in attempts[0]
    assert "Traceback" not in done.stderr and "network access refused" in done.stderr
