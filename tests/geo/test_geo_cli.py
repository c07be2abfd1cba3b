"""`frontwatch places` sub-commands, against a copy of the tiny gazetteer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from frontwatch.cli.places import places_app


@pytest.fixture
def run(tiny_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    (tmp_path / "gazetteer.sqlite").write_bytes(tiny_build.read_bytes())
    monkeypatch.setenv("FRONTWATCH_DATA_DIR", str(tmp_path))
    runner = CliRunner()
    return lambda *args: runner.invoke(places_app, list(args))


def test_lookup_json(run: Callable[..., Result]) -> None:
    result = run("lookup", "Tell Rifaat", "--json", "--limit", "1")
    assert result.exit_code == 0
    [record] = json.loads(result.stdout)
    assert record["name"] == "Tall Rif‘at" and record["country"] == "Syria" and record["admin1"] == "Aleppo"
    fields = "name latitude longitude country admin1 admin2 feature population source"
    assert set(record) == set(fields.split())


def test_lookup_table_and_miss(run: Callable[..., Result]) -> None:
    assert "Aleppo" in run("lookup", "Halab").stdout
    missing = run("lookup", "Xyzzy", "--country", "SY")
    assert missing.exit_code == 1 and "Xyzzy" in missing.output


def test_bad_country_is_a_message_not_a_traceback(run: Callable[..., Result]) -> None:
    result = run("lookup", "Aleppo", "--country", "Narnia")
    assert result.exit_code == 1 and "Narnia" in result.output and "Traceback" not in result.output


def test_add_then_lookup(run: Callable[..., Result]) -> None:
    added = run(
        "add", "Hole Camp", "--lat", "36.37", "--lon", "41.15", "--country", "SY", "--alt", "Al-Hol camp"
    )
    assert added.exit_code == 0, added.output
    [record] = json.loads(run("lookup", "Al-Hol camp", "--json", "--limit", "1").stdout)
    assert record["source"] == "user"


def test_import_csv_and_errors(run: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "villages.csv"
    path.write_text("name,latitude,longitude\nSfuhen,35.6073,36.4645\n")
    result = run("import", str(path), "--country", "SY")
    assert result.exit_code == 0 and "imported 1" in result.output
    missing = run("import", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 1 and "nope.txt" in missing.output


def test_unresolved_json(run: Callable[..., Result]) -> None:
    result = run("unresolved", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_lookup_path_does_not_import_spacy(tiny_build: Path) -> None:
    code = "import sys, frontwatch.cli.places; assert 'spacy' not in sys.modules"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2] / "src")}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
