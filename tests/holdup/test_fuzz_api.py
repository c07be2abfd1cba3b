"""Fuzzing the API's inputs on a live server: report bodies of every kind and size, and every query
parameter of the event endpoints. Whatever is sent, the answer is a success with valid events or a
4xx whose JSON names the problem: never a 5xx, never a traceback.

Hand-written strategies rather than schemathesis: the parameters' own edges (dates that do not
exist, bounding boxes, cursors, FTS syntax, lone surrogates, numbers Python will not convert) are
what break a server, and every response is checked against the event schema the coder is held
to, not only against the OpenAPI document.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from holdup_checks import check_error_body, check_record
from holdup_figures import Figures
from holdup_strategies import fuzz_settings, html_pages, publication_days, report_texts
from hypothesis import given
from hypothesis import strategies as st
from live_api import REPORTS, TOKEN, auth, live_server

from frontwatch.store.records import RECORD_FIELDS

LIMIT = 20_000  # the server's max_report_bytes: small, so the 413 path is met often


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-api") / "events.db"


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[httpx.Client]:
    """A live server over a database holding our four reports' events."""
    from frontwatch.api import create_app

    with live_server(create_app(db, token=TOKEN, max_report_bytes=LIMIT)) as url, \
            httpx.Client(base_url=url, timeout=120) as http:
        for report in REPORTS:
            assert http.post("/api/reports", json=report, headers=auth()).status_code == 201
        yield http


# -- POST /api/reports ---------------------------------------------------------------------------

_ANY_JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(10**30), 10**30), st.floats(allow_nan=False),
              st.text(max_size=30)),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
_RAW_BODIES = (b'{"text": "Shelling in Idlib.', b"[" * 20_000, b'{"text": ' + b"9" * 5_000 + b"}",
               b'{"text": "a\\ud800b"}', b'{"text": "Shelling in Idlib.", "id": "x\\udfff"}', b"\xff\xfe{}",
               b'{"text": "Shelling in Idlib."}\x00', b"NaN", b'{"text": "a", "text": 5}', b"")
_MEDIA = ("text/plain", "text/markdown", "text/html", "application/xhtml+xml", "text/html; charset=klingon",
          "text/plain; charset=utf-16")
_OTHER_MEDIA = ("application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "image/png", "",
                "application/json-seq", "text/csv", "application/ld+json")


@st.composite
def post_requests(draw: st.DrawFn) -> dict[str, Any]:
    """One POST: body, content type, query parameters and whether the token is right."""
    kind = draw(st.integers(0, 9))
    content_type, params = "application/json", {}
    if kind <= 4:
        fields = {
            "text": st.one_of(report_texts(), _ANY_JSON),
            "id": st.one_of(st.text(max_size=140), _ANY_JSON),
            "published": st.one_of(publication_days.map(lambda d: d and d.isoformat()), st.text(max_size=12),
                                   _ANY_JSON),
            "source": st.one_of(st.text(max_size=600), _ANY_JSON),
            "title": _ANY_JSON,
            "url": _ANY_JSON,
            draw(st.text(max_size=6)): _ANY_JSON,
        }
        keys = [key for key in fields if key == "text" or draw(st.booleans())]
        body = json.dumps({key: draw(fields[key]) for key in keys}, ensure_ascii=draw(st.booleans())).encode()
    elif kind == 5:
        body = json.dumps(draw(_ANY_JSON)).encode()
    elif kind == 6:
        content_type = draw(st.sampled_from(_MEDIA))
        body = draw(html_pages()) if "html" in content_type else draw(report_texts()).encode(
            "utf-16" if "utf-16" in content_type else "utf-8")
        params = draw(st.dictionaries(st.sampled_from(("id", "published", "source")),
                                      st.one_of(st.text(max_size=20), st.dates().map(str)), max_size=3))
    elif kind == 7:
        body = draw(st.sampled_from(_RAW_BODIES))
    elif kind == 8:
        content_type = draw(st.sampled_from(_OTHER_MEDIA))
        body = draw(st.binary(max_size=200))
    else:
        body = b'{"text": "' + b"x" * (LIMIT + draw(st.integers(0, 500))) + b'"}'
    if kind <= 5 and draw(st.integers(0, 9)) == 0:
        params = {"published": "2024-03-05"}  # metadata in the query beside a JSON body: refused
    authorization = draw(st.sampled_from(_AUTHORIZATIONS))
    return {"body": body, "content_type": content_type, "params": params, "authorization": authorization}


_GOOD = (f"Bearer {TOKEN}", f"bearer {TOKEN}")
_AUTHORIZATIONS = (*_GOOD * 4, None, f"Bearer {TOKEN[:-1]}", f"Bearer {TOKEN}x", f"Basic {TOKEN}",
                   "Bearer", f"Token {TOKEN}", f"Bearer {TOKEN.upper()}")
"""Authorization headers: mostly right (the scheme's case does not matter), else wrong in some way."""


@fuzz_settings(1_500)
@given(request=post_requests())
def test_any_posted_body_is_coded_or_refused_with_a_4xx(client: httpx.Client, figures: Figures,
                                                        request: dict[str, Any]) -> None:
    figures.add("fuzz cases: POST /api/reports")
    headers: dict[str, Any] = {"Content-Type": request["content_type"]}
    if request["authorization"] is not None:
        headers["Authorization"] = request["authorization"].encode()
    response = client.post("/api/reports", content=request["body"], params=request["params"], headers=headers)
    if request["authorization"] not in _GOOD:
        assert response.status_code == 401, response.text
    elif len(request["body"]) > LIMIT:  # refused unread, unless a query parameter was refused first
        assert response.status_code in (413, 422), response.text
    if response.status_code == 201:
        found = response.json()
        assert isinstance(found["report_id"], str) and isinstance(found["stored"], bool)
        for record in found["events"]:
            check_record(record)
            assert found["report_id"] in record["report_ids"]
    else:
        check_error_body(response, {400, 401, 413, 415, 422})


# -- GET /api/events and its siblings ------------------------------------------------------------

_FILTERS = ("since", "until", "event_type", "sub_event_type", "actor", "country", "admin1", "bbox", "q",
            "min_fatalities", "verification", "report_id", "limit", "cursor", "fields")
_HOSTILE = ("' OR 1=1 --", '"; DROP TABLE events; --', "%", "_", "\\", "*", "NEAR(a b)", '"', "events_fts",
            "\x00", "1) OR (1=1", "nan", "inf", "-inf", "-0", "1e309", "0x10", "١٢", "２０２４-01-01", " ")
_numbers = st.one_of(st.integers(-(10**25), 10**25), st.floats(allow_nan=True, allow_infinity=True)).map(str)
_days = st.one_of(st.dates().map(str), st.sampled_from(["2024-02-30", "2024-13-01", "20240305", "2024-3-5",
                                                         "0000-01-01", "10000-01-01"]))
_boxes = st.lists(st.one_of(st.floats(-400, 400), _numbers), min_size=0, max_size=6).map(
    lambda parts: ",".join(str(part) for part in parts))
_cursors = _ANY_JSON.map(lambda value: base64.urlsafe_b64encode(json.dumps(value).encode()).decode())
_known = st.one_of(
    st.sampled_from(["Battles", "Syria", "verified", "Idlib", "Protests", "api-sarmin", "claimed"]),
    st.lists(st.sampled_from(RECORD_FIELDS), min_size=1, max_size=4).map(",".join),  # for `fields`
)
_values = st.one_of(st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
                    st.sampled_from(_HOSTILE), _numbers, _days, _boxes, _cursors, _known)


@st.composite
def get_requests(draw: st.DrawFn) -> tuple[str, list[tuple[str, str]]]:
    """A path and its query: the event list, its GeoJSON and CSV siblings, one event, the figures."""
    path = draw(st.sampled_from(("/api/events", "/api/events", "/api/events.geojson", "/api/export.csv",
                                 "/api/events/{}", "/api/figures")))
    if path == "/api/events/{}":
        event_id = draw(st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30)
                        .filter(lambda s: s not in {".", ".."} and "/" not in s))  # "a/" is another path
        return path.format(quote(event_id, safe="")), []
    names = st.one_of(st.sampled_from((*_FILTERS, "format")), st.text(max_size=8))
    return path, draw(st.lists(st.tuples(names, _values), max_size=5))


@fuzz_settings(3_300)
@given(request=get_requests())
def test_any_query_is_answered_or_refused_naming_the_parameter(client: httpx.Client, figures: Figures,
                                                               request: tuple[str, list[tuple[str, str]]]
                                                               ) -> None:
    figures.add("fuzz cases: GET /api/events, .geojson, export.csv, one event, figures")
    path, params = request
    response = client.get(path, params=params)
    if response.status_code != 200:
        body = check_error_body(response, {404, 422} if path.startswith("/api/events/") else {422})
        if response.status_code == 422:
            named = {name for name, _value in params} | {"body", "query"}
            assert body["error"].split(":", 1)[0] in named or body["error"].split(".", 1)[0] in named, body
        return
    if path == "/api/events":
        page = response.json()
        assert page["total"] >= len(page["events"])
        assert page["next"] is None or isinstance(page["next"], str)
        fields = [value for name, value in params if name == "fields"]
        wanted = [name.strip() for name in fields[-1].split(",") if name.strip()] if fields else None
        for record in page["events"]:
            if wanted:  # only the fields asked for (of a repeated parameter, the last counts)
                assert list(record) == list(dict.fromkeys(wanted))
            else:
                check_record(record)
    elif path == "/api/events.geojson":
        collection = response.json()
        assert collection["type"] == "FeatureCollection"
        for feature in collection["features"]:
            longitude, latitude = feature["geometry"]["coordinates"]
            assert -180 <= longitude <= 180 and -90 <= latitude <= 90
            check_record(feature["properties"])
    elif path == "/api/export.csv":
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows and all(len(row) == len(rows[0]) for row in rows)
    elif path == "/api/figures":
        assert isinstance(response.json()["figures"], list)
    else:
        check_record(response.json())


def test_after_the_fuzzing_the_database_is_whole(client: httpx.Client, db: Path) -> None:
    """Every seeded report's events are still served, and SQLite finds its file intact."""
    for report in REPORTS:
        page = client.get("/api/events", params={"report_id": report["id"]}).json()
        assert page["total"] >= 1, report["id"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
