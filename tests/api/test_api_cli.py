"""`frontwatch serve` as a user runs it: its own process, the token from the environment or --token."""

from __future__ import annotations

from pathlib import Path

import httpx
from live_api import REPORTS, serve


def test_the_token_comes_from_the_environment(tmp_path: Path) -> None:
    db = tmp_path / "served.db"
    with serve(["--db", str(db)], {"FRONTWATCH_TOKEN": "from-env"}) as (url, printed), \
            httpx.Client(base_url=url, timeout=120) as client:
        assert f"serving {db}" in printed and "writes need the bearer token" in printed
        assert client.get("/api/events").json() == {"events": [], "total": 0, "next": None}
        report = REPORTS[1]
        assert client.post("/api/reports", json=report, headers={"Authorization": "Bearer nope"}
                           ).status_code == 401
        posted = client.post("/api/reports", json=report, headers={"Authorization": "Bearer from-env"})
        assert posted.status_code == 201 and posted.json()["events"]
        assert client.get("/api/events").json()["total"] == len(posted.json()["events"])
    assert db.is_file()


def test_without_a_token_the_server_is_read_only(tmp_path: Path) -> None:
    with serve(["--db", str(tmp_path / "served.db")], {}) as (url, printed):
        assert "read-only" in printed
        refused = httpx.post(f"{url}/api/reports", json=REPORTS[0], headers={"Authorization": "Bearer x"})
        assert refused.status_code == 403 and "FRONTWATCH_TOKEN" in refused.json()["error"]
        assert httpx.get(f"{url}/openapi.json").status_code == 200


def test_the_token_option_is_required_to_match(tmp_path: Path) -> None:
    with serve(["--db", str(tmp_path / "served.db"), "--token", "from-option"], {}) as (url, _printed):
        wrong = httpx.post(f"{url}/api/reports", json=REPORTS[0], headers={"Authorization": "Bearer x"})
        assert wrong.status_code == 401
