"""A village the gazetteer does not know keeps its name on the event and is listed by
`frontwatch places unresolved`, so an analyst can add it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontwatch.cli.app import app
from frontwatch.geo import Gazetteer
from frontwatch.nlp.pipeline import Coder

VILLAGE = (
    "On 3 May 2021, gunmen shot dead a farmer in Zuhrat al-Qasr village (Maarat al-Numan, Idleb). "
    "No other casualties were reported."
)


def test_an_unknown_village_is_listed_for_the_analyst(
    coder: Coder, embedded: Gazetteer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(embedded.path, data / embedded.path.name)  # the listing is written beside the places
    monkeypatch.setenv("FRONTWATCH_DATA_DIR", str(data))
    report = tmp_path / "zuhra.txt"
    report.write_text(VILLAGE, encoding="utf-8")
    runner = CliRunner()

    coded = runner.invoke(app, ["extract", str(report), "--published", "2021-05-10", "--no-store"])
    assert coded.exit_code == 0, coded.stderr
    [event] = [json.loads(line) for line in coded.stdout.splitlines() if line.strip()]
    assert (event["location"], event["admin1"], event["geo_precision"]) == ("Zuhrat al-Qasr", "Idleb", 2)

    listed = runner.invoke(app, ["places", "unresolved", "--json"])
    assert listed.exit_code == 0, listed.stderr
    ours = [r for r in json.loads(listed.stdout) if "zuhra" in r["report_ids"]]
    assert [(r["name"], r["country_code"], r["admin1"]) for r in ours] == [("Zuhrat al-Qasr", "SY", "Idleb")]
