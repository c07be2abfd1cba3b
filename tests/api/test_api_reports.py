"""POST /api/reports on a live server: coding and storing, the token, and every kind of bad body."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from live_api import REPORTS, TOKEN, auth, live_server

from frontwatch.store.records import RECORD_FIELDS

LIMIT = 200_000  # the module server's max_report_bytes (see conftest.base_url)


def post(client: httpx.Client, report: dict[str, Any], **kwargs: Any) -> httpx.Response:
    return client.post("/api/reports", json=report, headers=auth(), **kwargs)


def assert_json_error(response: httpx.Response, status: int, *words: str) -> dict[str, Any]:
    """A JSON error body with a readable message mentioning `words`, and no traceback."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["error"], str) and body["error"]
    for word in words:
        assert word in body["error"], body["error"]
    assert "Traceback" not in response.text
    return body


def event_total(client: httpx.Client) -> int:
    return client.get("/api/events", params={"limit": 1}).json()["total"]


def test_a_posted_report_is_coded_stored_and_its_events_returned(client: httpx.Client) -> None:
    response = post(client, REPORTS[0])
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["report_id"] == "api-sarmin" and body["stored"] is True
    events = body["events"]
    assert events, "the Sarmin shelling report should yield an event"
    assert all(list(event) == list(RECORD_FIELDS) for event in events)  # Store.events()' exact shape
    assert all("api-sarmin" in event["report_ids"] for event in events)
    shelling = next(e for e in events if e["location"] == "Sarmin")
    assert (shelling["country"], shelling["event_date"], shelling["fatalities"]) == ("Syria", "2024-03-04", 5)
    assert shelling["sources"] and shelling["evidence"]
    listed = client.get("/api/events", params={"report_id": "api-sarmin"}).json()["events"]
    assert listed == events


def test_posting_a_stored_report_again_returns_its_stored_events(client: httpx.Client) -> None:
    first = post(client, REPORTS[0]).json()
    again = post(client, REPORTS[0])
    assert again.status_code == 201
    assert again.json() == dict(first, stored=False)


def test_without_an_id_the_report_is_known_by_its_text(client: httpx.Client) -> None:
    report = {"text": "Police arrested 14 protesters in Khartoum on Friday, witnesses said.",
              "published": "2025-01-11T09:30:00+02:00"}
    first = post(client, report)
    assert first.status_code == 201 and first.json()["stored"] is True
    assert first.json()["report_id"].startswith("r")
    second = post(client, report)
    assert second.json()["report_id"] == first.json()["report_id"] and second.json()["stored"] is False


def test_an_html_document_is_read_for_its_main_text(client: httpx.Client) -> None:
    page = (
        "<!doctype html><html><head><title>Drone strike in El Fasher</title></head><body>"
        "<nav>Home | World | Africa</nav><article><h1>Drone strike in El Fasher</h1>"
        "<p>A drone strike by the Rapid Support Forces hit a displacement camp in El Fasher on Sunday, "
        "killing at least nine civilians, the Sudan Doctors Network said.</p></article></body></html>"
    )
    response = client.post("/api/reports", content=page.encode(),
                           headers={**auth(), "Content-Type": "text/html"},
                           params={"id": "api-html", "published": "2025-04-14", "source": "Nile Desk"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["report_id"] == "api-html"
    assert any(e["location"] == "El Fasher" and e["fatalities"] == 9 for e in body["events"])
    detail = client.get(f"/api/events/{body['events'][0]['event_id']}").json()
    stored = next(r for r in detail["reports"] if r["id"] == "api-html")
    assert (stored["title"], stored["published"], stored["source"]) == (
        "Drone strike in El Fasher", "2025-04-14", "Nile Desk")
    assert "<" not in stored["text"] and "Home | World" not in stored["text"]


def test_plain_text_and_markdown_bodies_take_their_metadata_from_the_query(client: httpx.Client) -> None:
    markdown = "# Clash near Marib\n\nHouthi fighters **clashed** with army troops near Marib on Monday."
    response = client.post("/api/reports", content=markdown.encode(),
                           headers={**auth(), "Content-Type": "text/markdown; charset=utf-8"},
                           params={"id": "api-markdown", "published": "2025-06-03"})
    assert response.status_code == 201, response.text
    assert response.json()["report_id"] == "api-markdown"
    assert any(e["event_type"] == "Battles" for e in response.json()["events"])


def test_reports_posted_at_once_are_all_coded(client: httpx.Client, base_url: str) -> None:
    """Concurrent posts share one pipeline, one at a time; none is lost or garbled."""
    results: dict[str, httpx.Response] = {}

    def send(report: dict[str, Any]) -> None:
        with httpx.Client(base_url=base_url, timeout=120) as own:
            results[report["id"]] = post(own, report)

    threads = [threading.Thread(target=send, args=(report,)) for report in REPORTS[1:]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for report in REPORTS[1:]:
        response = results[report["id"]]
        assert response.status_code == 201, response.text
        assert response.json()["events"], report["id"]
        assert all(report["id"] in e["report_ids"] for e in response.json()["events"])


# -- the token ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong-token"}, {"Authorization": f"Basic {TOKEN.encode().hex()}"},
     {"Authorization": "Bearer"}, {"Authorization": f"Bearer {TOKEN}x".encode()}],
    ids=["none", "wrong", "basic-scheme", "empty", "longer"],
)
def test_a_write_without_the_right_token_is_401(client: httpx.Client, headers: dict[str, Any]) -> None:
    before = event_total(client)
    response = client.post("/api/reports", json={"id": "api-unauthorised", "text": REPORTS[1]["text"]},
                           headers=headers)
    assert_json_error(response, 401, "Bearer")
    assert response.headers["www-authenticate"] == "Bearer"
    assert event_total(client) == before
    assert client.get("/api/events", params={"report_id": "api-unauthorised"}).json()["total"] == 0


def test_a_server_without_a_token_refuses_every_write(db_path: Path, client: httpx.Client) -> None:
    from frontwatch.api import create_app

    with live_server(create_app(db_path)) as url, httpx.Client(base_url=url) as readonly:
        for headers in ({}, auth(), {"Authorization": "Bearer anything"}):
            response = readonly.post("/api/reports", json={"text": REPORTS[1]["text"]}, headers=headers)
            assert_json_error(response, 403, "--token", "FRONTWATCH_TOKEN")
        assert readonly.get("/api/events").status_code == 200  # reads stay open


# -- bad bodies --------------------------------------------------------------------------------


def test_a_body_over_the_limit_is_413_whether_declared_or_streamed(client: httpx.Client) -> None:
    before = event_total(client)
    text = "Shelling was reported near Idlib. " * (LIMIT // 30)
    declared = post(client, {"text": text})
    assert_json_error(declared, 413, f"{LIMIT:,}")

    def chunks() -> Iterator[bytes]:  # no Content-Length: the server must count as it reads
        yield b'{"text": "'
        for _ in range(LIMIT // 1000 + 1):
            yield b"x" * 1000
        yield b'"}'

    streamed = client.post("/api/reports", content=chunks(),
                           headers={**auth(), "Content-Type": "application/json"})
    assert_json_error(streamed, 413)
    assert event_total(client) == before


@pytest.mark.parametrize(
    ("body", "content_type", "status", "words"),
    [
        (b'{"text": "Shelling in Idlib",', "application/json", 400, ["not valid JSON", "line 1"]),
        (b"", "application/json", 400, ["not valid JSON"]),
        (b'{"text": "Idlib \xff\xfe"}', "application/json", 400, ["UTF-8"]),
        (b"text=Shelling+in+Idlib", "application/x-www-form-urlencoded", 415, ["application/json"]),
        (b"", "text/html", 422, ["empty report"]),
        (b"   \n", "text/plain", 422, ["empty report"]),
    ],
    ids=["truncated-json", "empty-json", "not-utf8", "form", "empty-html", "blank-text"],
)
def test_an_unreadable_body_is_a_4xx_naming_the_problem(
    client: httpx.Client, body: bytes, content_type: str, status: int, words: list[str]
) -> None:
    response = client.post("/api/reports", content=body, headers={**auth(), "Content-Type": content_type})
    assert_json_error(response, status, *words)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"text": 123}, "text"),
        ({"text": ["Shelling", "in Idlib"]}, "text"),
        ({"text": "   "}, "text"),
        ({}, "text"),
        ({"text": "Shelling in Idlib.", "published": "yesterday"}, "published"),
        ({"text": "Shelling in Idlib.", "published": 20241202}, "published"),
        ({"text": "Shelling in Idlib.", "id": 7}, "id"),
        ({"text": "Shelling in Idlib.", "id": ""}, "id"),
        ({"text": "Shelling in Idlib.", "id": "x" * 129}, "id"),
        ({"text": "Shelling in Idlib.", "source": {"name": "CNN"}}, "source"),
        ({"text": "Shelling in Idlib.", "pubished": "2024-12-02"}, "pubished"),
        (["Shelling in Idlib."], "body"),
        ("Shelling in Idlib.", "body"),
    ],
    ids=["text-int", "text-list", "text-blank", "text-missing", "published-word", "published-int", "id-int",
         "id-empty", "id-long", "source-object", "unknown-field", "array", "string"],
)
def test_a_wrongly_typed_report_is_422_naming_the_field(
    client: httpx.Client, payload: Any, field: str
) -> None:
    response = client.post("/api/reports", content=json.dumps(payload).encode(),
                           headers={**auth(), "Content-Type": "application/json"})
    body = assert_json_error(response, 422, field)
    assert any(field in (error["loc"][-1], error["loc"][0]) for error in body["detail"])


def test_query_metadata_is_refused_with_a_json_body(client: httpx.Client) -> None:
    response = post(client, {"text": "Shelling in Idlib."}, params={"published": "2024-12-02"})
    assert_json_error(response, 422, "JSON body")
