"""The read side on a live server: filters, keyset paging, GeoJSON, CSV, one event, the seed
report end to end, hostile filter values, the docs and the dashboard page.

The module's database is filled through the API itself (POST /api/reports); what each filter
should keep is computed from the full event list, so the tests follow the coder as it improves
while still checking that every filter keeps some events and drops others.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from live_api import REPORTS, SEED, auth, live_server, seed_report

from frontwatch.store import ACLED_COLUMNS

Record = dict[str, Any]


@pytest.fixture(scope="module")
def everything(client: httpx.Client) -> list[Record]:
    """Post our reports, then read every stored event back in one page."""
    for report in REPORTS:
        response = client.post("/api/reports", json=report, headers=auth())
        assert response.status_code == 201, response.text
        assert response.json()["events"], report["id"]
    body = client.get("/api/events", params={"limit": 10_000}).json()
    assert body["total"] == len(body["events"]) and body["next"] is None
    return body["events"]


def events(client: httpx.Client, **params: Any) -> list[Record]:
    response = client.get("/api/events", params={"limit": 10_000, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["events"])
    return body["events"]


def actors(record: Record) -> list[str]:
    names = (record["actor1"], record["assoc_actor_1"], record["actor2"], record["assoc_actor_2"])
    return [name.lower() for name in names if name]


def told(record: Record) -> str:
    """The text `q` searches: notes and evidence."""
    return (record["notes"] + "\n" + "\n".join(record["evidence"])).lower()


def in_box(west: float, south: float, east: float, north: float) -> Callable[[Record], bool]:
    def inside(e: Record) -> bool:
        if e["latitude"] is None or e["longitude"] is None:
            return False
        lon = e["longitude"]
        lon_ok = west <= lon <= east if west <= east else lon >= west or lon <= east  # antimeridian
        return south <= e["latitude"] <= north and lon_ok

    return inside


NARROWS = True  # the filter keeps some of the module's events and drops others
FILTERS: list[tuple[dict[str, Any], Callable[[Record], bool], bool]] = [
    ({"event_type": "Protests"}, lambda e: e["event_type"] == "Protests", NARROWS),
    ({"sub_event_type": "Air/drone strike"}, lambda e: e["sub_event_type"] == "Air/drone strike", NARROWS),
    ({"actor": "rapid SUPPORT"}, lambda e: any("rapid support" in name for name in actors(e)), NARROWS),
    ({"actor": "civilians"}, lambda e: any("civilians" in name for name in actors(e)), NARROWS),
    ({"country": "sudan"}, lambda e: (e["country"] or "").lower() == "sudan", NARROWS),
    ({"admin1": "IDLEB"}, lambda e: (e["admin1"] or "").lower() == "idleb", NARROWS),
    ({"since": "2025-01-01", "until": "2025-06-30"},
     lambda e: e["event_date"] is not None and "2025-01-01" <= e["event_date"] <= "2025-06-30", NARROWS),
    ({"bbox": "35.5,32.3,42.4,37.4"}, in_box(35.5, 32.3, 42.4, 37.4), NARROWS),  # Syria
    ({"bbox": "170,-60,-170,60"}, in_box(170, -60, -170, 60), False),  # across the antimeridian
    ({"q": "livestock market"}, lambda e: "livestock market" in told(e), NARROWS),
    ({"min_fatalities": 5}, lambda e: e["fatalities"] >= 5, NARROWS),
    ({"verification": "unverified"}, lambda e: e["verification"] == "unverified", False),
    ({"report_id": "api-marib"}, lambda e: "api-marib" in e["report_ids"], NARROWS),
    ({"country": "Syria", "min_fatalities": 1, "since": "2024-01-01"},
     lambda e: e["country"] == "Syria" and e["fatalities"] >= 1 and (e["event_date"] or "") >= "2024-01-01",
     NARROWS),
]


@pytest.mark.parametrize(("params", "keeps", "narrows"), FILTERS, ids=[str(f[0]) for f in FILTERS])
def test_each_filter_keeps_exactly_the_matching_events(
    client: httpx.Client, everything: list[Record], params: dict[str, Any], keeps: Callable[[Record], bool],
    narrows: bool,
) -> None:
    expected = [e for e in everything if keeps(e)]
    assert events(client, **params) == expected
    if narrows:
        assert 0 < len(expected) < len(everything)


def test_events_come_in_date_order_with_records_as_the_store_gives_them(
    client: httpx.Client, everything: list[Record], db_path: Path
) -> None:
    from frontwatch.store import Store

    keys = [((e["event_date"] is None), e["event_date"] or "", e["event_id"]) for e in everything]
    assert keys == sorted(keys)
    with Store(db_path) as store:
        assert everything == store.events()


def test_cursor_paging_walks_every_event_exactly_once(client: httpx.Client, everything: list[Record]) -> None:
    for params in ({}, {"country": "Syria"}):
        expected = events(client, **params)
        seen: list[str] = []
        cursor = None
        for _ in range(len(expected) + 1):
            paging = {"limit": 2, **({"cursor": cursor} if cursor else {})}
            body = client.get("/api/events", params={**params, **paging}).json()
            assert body["total"] == len(expected)
            assert len(body["events"]) <= 2
            seen += [e["event_id"] for e in body["events"]]
            cursor = body["next"]
            if cursor is None:
                break
        assert seen == [e["event_id"] for e in expected]
        assert len(set(seen)) == len(seen)


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"limit": 0}, "limit"), ({"limit": 10_001}, "limit"), ({"limit": "ten"}, "limit"),
        ({"since": "2024-13-01"}, "since"), ({"since": "yesterday"}, "since"),
        ({"until": "20241202"}, "until"),
        ({"since": "2025-01-02", "until": "2025-01-01"}, "until"),
        ({"bbox": "1,2,3"}, "bbox"), ({"bbox": "a,b,c,d"}, "bbox"), ({"bbox": "0,50,10,40"}, "bbox"),
        ({"bbox": "-200,0,0,10"}, "bbox"), ({"bbox": "nan,0,1,1"}, "bbox"),
        ({"min_fatalities": -1}, "min_fatalities"), ({"min_fatalities": "many"}, "min_fatalities"),
        ({"verification": "certain"}, "verification"),
        ({"cursor": "not-a-cursor"}, "cursor"), ({"cursor": "WzEsMl0"}, "cursor"),  # base64 of [1,2]
        ({"actor": "x" * 201}, "actor"),
    ],
)
def test_a_bad_parameter_is_422_naming_it(client: httpx.Client, params: dict[str, Any], name: str) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"].startswith(f"{name}:"), body["error"]
    assert any(error["loc"] == ["query", name] for error in body["detail"])


@pytest.mark.parametrize("path", ["/api/export.csv", "/api/events.geojson"])
def test_a_download_limit_no_database_can_hold_is_422_naming_it(client: httpx.Client, path: str) -> None:
    response = client.get(path, params={"limit": 10**20})
    assert response.status_code == 422, response.text
    assert response.json()["error"].startswith("limit:")


HOSTILE = ["' OR 1=1 --", '"; DROP TABLE events; --', "%", "_", "\\", "events_fts MATCH '*'", "1) OR (1=1",
           "Syria' --", "NEAR(a b)", "*"]
TEXT_FILTERS = ["event_type", "sub_event_type", "actor", "country", "admin1", "report_id"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_filter_values_are_only_ever_values(
    client: httpx.Client, everything: list[Record], db_path: Path, value: str
) -> None:
    for name in TEXT_FILTERS:
        assert events(client, **{name: value}) == [], name
    for found in events(client, q=value):  # full text: whatever matches must contain every word
        assert all(word.lower() in told(found) for word in value.replace("'", " ").split() if word.isalnum())
    for name in ("since", "until", "bbox", "min_fatalities", "verification", "limit", "cursor"):
        assert client.get("/api/events", params={name: value}).status_code == 422, name
    assert client.get(f"/api/events/{value}").status_code in (404, 422)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == len(everything)
    assert events(client) == everything


def test_one_event_in_full_with_its_claims_and_reports(
    client: httpx.Client, everything: list[Record]
) -> None:
    listed = next(e for e in everything if e["claims"])
    response = client.get(f"/api/events/{listed['event_id']}")
    assert response.status_code == 200
    detail = response.json()
    assert {k: v for k, v in detail.items() if k not in ("claims", "reports")} == {
        k: v for k, v in listed.items() if k != "claims"}
    assert all(claim["report_id"] in listed["report_ids"] for claim in detail["claims"])
    assert [r["id"] for r in detail["reports"]] == listed["report_ids"]
    report_text = detail["reports"][0]["text"]
    for claim in detail["claims"]:  # the evidence spans point into the stored report text
        assert claim["evidence"] in report_text


def test_an_unknown_event_is_a_json_404(client: httpx.Client) -> None:
    response = client.get("/api/events/ev-no-such-event")
    assert response.status_code == 404
    assert "ev-no-such-event" in response.json()["error"]
    assert client.get("/api/no-such-endpoint").json()["error"]


def test_geojson_is_a_feature_collection_of_the_filtered_events(
    client: httpx.Client, everything: list[Record]
) -> None:
    for params, keeps in ({}, lambda e: True), ({"country": "Sudan"}, lambda e: e["country"] == "Sudan"):
        response = client.get("/api/events.geojson", params=params)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/geo+json")
        collection = response.json()
        assert collection["type"] == "FeatureCollection"
        placed = [e for e in everything if keeps(e) and e["latitude"] is not None]
        assert [f["id"] for f in collection["features"]] == [e["event_id"] for e in placed]
        for feature, record in zip(collection["features"], placed, strict=True):
            assert feature["type"] == "Feature"
            point = [record["longitude"], record["latitude"]]
            assert feature["geometry"] == {"type": "Point", "coordinates": point}
            assert feature["properties"] == record
    assert len(client.get("/api/events.geojson", params={"limit": 1}).json()["features"]) <= 1


def test_csv_exports_use_the_export_writers(client: httpx.Client, everything: list[Record]) -> None:
    acled = client.get("/api/export.csv", params={"format": "acled"})
    assert acled.status_code == 200 and acled.headers["content-type"].startswith("text/csv")
    assert "attachment" in acled.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(acled.text)))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert [row[0] for row in rows[1:]] == [e["event_id"] for e in everything]

    hxl = list(csv.reader(io.StringIO(client.get("/api/export.csv", params={"format": "hxl",
                                                                           "country": "Kenya"}).text)))
    assert hxl[1][0] == "#event+id"
    assert [row[0] for row in hxl[2:]] == [e["event_id"] for e in everything if e["country"] == "Kenya"]
    assert client.get("/api/export.csv", params={"format": "xlsx"}).status_code == 422


def test_figures_are_listed(client: httpx.Client, everything: list[Record]) -> None:
    response = client.get("/api/figures")
    assert response.status_code == 200
    assert isinstance(response.json()["figures"], list)


@pytest.mark.skipif(not SEED.is_file(), reason=f"the shared seed report is not at {SEED}")
def test_the_seed_report_posted_with_the_token_comes_back_filtered_and_as_geojson(
    client: httpx.Client, everything: list[Record]
) -> None:
    unauthorised = client.post("/api/reports", json=seed_report())
    assert unauthorised.status_code == 401
    response = client.post("/api/reports", json=seed_report(), headers=auth())
    assert response.status_code == 201, response.text
    posted = response.json()["events"]
    assert len(posted) >= 10  # the gold coding has 17 events
    assert {e["country"] for e in posted} == {"Syria"}
    mine = {"report_id": "seed-syria-2024-12-02"}
    assert events(client, **mine) == posted
    assert events(client, **mine, event_type="Battles") == [e for e in posted if e["event_type"] == "Battles"]
    assert any(e["event_type"] == "Battles" for e in posted)
    sna = events(client, **mine, actor="syrian national army")  # five of the gold events
    assert sna == [e for e in posted if any("syrian national army" in name for name in actors(e))] and sna
    week = events(client, **mine, since="2024-11-27", until="2024-12-01")
    assert week and all("2024-11-27" <= e["event_date"] <= "2024-12-01" for e in week)
    aleppo = events(client, **mine, bbox="36.9,35.9,37.4,36.4")  # the city and its countryside
    assert aleppo and aleppo == [e for e in posted if in_box(36.9, 35.9, 37.4, 36.4)(e)]
    deadly = events(client, **mine, min_fatalities=10)
    assert deadly == [e for e in posted if e["fatalities"] >= 10]
    geojson = client.get("/api/events.geojson", params=mine).json()
    placed = [e["event_id"] for e in posted if e["latitude"] is not None]
    assert placed and [f["id"] for f in geojson["features"]] == placed


# -- the rest of the site ----------------------------------------------------------------------


def test_openapi_lists_every_endpoint_and_docs_load_without_a_cdn(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/events.geojson", "/api/export.csv", "/api/figures",
            "/api/reports"} <= set(spec["paths"])
    assert spec["paths"]["/api/reports"]["post"]["security"] == [{"HTTPBearer": []}]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/openapi.json" in docs.text
    assert "cdn" not in docs.text.lower() and "https://" not in docs.text.replace("https://fastapi", "")
    assert client.get("/docs/assets/swagger-ui-bundle.js").status_code == 200


def test_the_dashboard_page_is_served_or_clearly_missing(client: httpx.Client) -> None:
    response = client.get("/")
    if response.status_code == 200:
        assert response.headers["content-type"].startswith("text/html")
        assert "<html" in response.text.lower()
        assert client.get("/static/index.html").text == response.text  # the same file, from the package
    else:
        assert response.status_code == 503 and "dashboard" in response.json()["error"]


def test_cors_is_closed_unless_an_origin_is_allowed(client: httpx.Client, db_path: Path) -> None:
    from frontwatch.api import create_app

    origin = {"Origin": "https://newsroom.example"}
    assert "access-control-allow-origin" not in client.get("/api/events", headers=origin).headers
    with live_server(create_app(db_path, cors_origins=["https://newsroom.example"])) as url:
        allowed = httpx.get(f"{url}/api/events", headers=origin)
        assert allowed.headers["access-control-allow-origin"] == "https://newsroom.example"
        other = httpx.get(f"{url}/api/events", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers


def test_fields_narrow_each_record_and_unknown_ones_are_refused(
    client: httpx.Client, everything: list[Record]
) -> None:
    narrow = client.get("/api/events", params={"fields": "event_id,event_date,latitude", "limit": 5})
    assert narrow.status_code == 200
    body = narrow.json()
    assert body["events"] and all(set(e) == {"event_id", "event_date", "latitude"} for e in body["events"])
    full = client.get("/api/events", params={"limit": 5}).json()
    assert [e["event_id"] for e in body["events"]] == [e["event_id"] for e in full["events"]]
    refused = client.get("/api/events", params={"fields": "event_id,colour"})
    assert refused.status_code == 422
    assert "colour" in refused.json()["error"]


def test_narrowed_pages_follow_the_cursor_and_carry_claims_when_asked(
    client: httpx.Client, everything: list[Record]
) -> None:
    """Fields without the cursor's own (date, id) still page; `claims` alone still brings them."""
    seen, cursor = [], None
    while True:
        params = {"fields": "location,claims", "limit": 3, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/events", params=params).json()
        assert all(list(e) == ["location", "claims"] for e in body["events"])
        seen += body["events"]
        if not (cursor := body["next"]):
            break
    now = events(client)  # every event stored by now, other tests' posts included
    assert seen == [{"location": e["location"], "claims": e["claims"]} for e in now]
    assert len(now) >= len(everything)
