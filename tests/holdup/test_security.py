"""Security: the write token, SQL injection, export paths, CORS, the listening address, and report
text that looks like code.

Injection is checked where it would happen: every SQL statement the server or the CLI sends to
SQLite is captured (SQLAlchemy's `before_cursor_execute`), and a hostile filter value must only
ever arrive among the statement's parameters, never inside its text.
"""

from __future__ import annotations

import hmac
import json
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import sqlalchemy as sa
from click.testing import Result
from holdup_figures import Figures
from holdup_reports import short_reports
from live_api import REPORTS, TOKEN, auth, live_server, serve
from typer.testing import CliRunner

from frontwatch.api import reports as reports_api
from frontwatch.cli.app import app as cli
from frontwatch.models import Report
from frontwatch.nlp.pipeline import Coder
from frontwatch.store import Store

MARKER = "zq9inj"
PAYLOADS = tuple(p.format(m=MARKER) for p in (
    "' OR '1'='1' -- {m}", '"; DROP TABLE events; -- {m}', "{m}') UNION SELECT sql, 1 FROM sqlite_master --",
    "{m}%' ESCAPE '\\", "{m}\\' OR 1=1", "{m}* OR NEAR(a b)", "{m}'; ATTACH DATABASE 'pwn.db' AS pwn; --",
    "{m}\u2019 OR 1=1", "{m}` OR 1=1", "{m}/* c */ OR 1", "{m}\x00' OR 1=1", '{m}" OR ""="', "{m}) OR (1=1",
    "{m}; PRAGMA writable_schema=1;", "{m}' AND 1=(SELECT COUNT(*) FROM reports) --",
))
TEXT_FILTERS = ("event_type", "sub_event_type", "actor", "country", "admin1", "report_id", "q")
TYPED_FILTERS = ("since", "until", "bbox", "min_fatalities", "verification", "limit", "cursor")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, coder: Coder) -> Path:
    """A database holding twenty reports' events, coded by the shared coder."""
    path = tmp_path_factory.mktemp("security") / "events.db"
    with Store(path) as store:
        batch = [Report(text=r["text"], id=r["id"], published=date.fromisoformat(r["published"]),
                        source=r["source"]) for r in short_reports(20)]
        for coded in coder.code_many(batch):
            store.save(coded)
    return path


@pytest.fixture(scope="module")
def server(db: Path) -> Iterator[tuple[str, Any]]:
    """The API over `db` with writes open to TOKEN; yields its URL and the app."""
    from frontwatch.api import create_app

    app = create_app(db, token=TOKEN)
    with live_server(app) as url:
        yield url, app


@contextmanager
def statements(engine: Any) -> Iterator[list[tuple[str, Any]]]:
    """Every (SQL text, parameters) the engine (or class of engines) sends while the block runs."""
    sent: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        sent.append((statement, parameters))

    sa.event.listen(engine, "before_cursor_execute", capture)
    try:
        yield sent
    finally:
        sa.event.remove(engine, "before_cursor_execute", capture)


def _table_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}


# -- the token -------------------------------------------------------------------------------------


def test_the_token_is_compared_in_constant_time(server: tuple[str, Any], monkeypatch: pytest.MonkeyPatch
                                                ) -> None:
    """Every check of the token goes through hmac.compare_digest, with the bytes the client sent."""
    url, _app = server
    compared: list[tuple[bytes, bytes]] = []
    compare = hmac.compare_digest

    def spy(given: bytes, expected: bytes) -> bool:
        compared.append((given, expected))
        return compare(given, expected)

    monkeypatch.setattr(reports_api.hmac, "compare_digest", spy)
    assert httpx.post(f"{url}/api/reports", json={"text": ""}, headers=auth("nope")).status_code == 401
    assert httpx.post(f"{url}/api/reports", json={"text": ""}, headers=auth()).status_code == 422  # past it
    assert compared == [(b"nope", TOKEN.encode()), (TOKEN.encode(), TOKEN.encode())]


@pytest.mark.parametrize("headers", [
    {}, auth("wrong"), auth(TOKEN[:-1]), auth(TOKEN + "x"), auth(TOKEN.upper()), {"Authorization": "Bearer"},
    {"Authorization": f"Basic {TOKEN}".encode()}, {"Authorization": TOKEN.encode()},
    {"X-Token": TOKEN.encode()}, {"Cookie": f"token={TOKEN}".encode()},
], ids=["none", "wrong", "prefix", "longer", "upper-case", "empty", "basic", "no-scheme", "other-header",
        "cookie"])
def test_a_write_without_the_token_is_refused_and_stores_nothing(server: tuple[str, Any], db: Path,
                                                                 headers: dict[str, Any]) -> None:
    url, _app = server
    before = _table_counts(db)
    response = httpx.post(f"{url}/api/reports", json=REPORTS[0], headers=headers)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert _table_counts(db) == before


@pytest.mark.parametrize("token", [None, ""], ids=["no-token", "empty-token"])
def test_a_server_without_a_token_refuses_every_write(db: Path, token: str | None) -> None:
    from frontwatch.api import create_app

    with live_server(create_app(db, token=token)) as url:
        for headers in ({}, auth(), {"Authorization": "Basic x"}):
            response = httpx.post(f"{url}/api/reports", json=REPORTS[0], headers=headers)
            assert response.status_code == 403, response.text


# -- SQL injection ---------------------------------------------------------------------------------


def test_no_filter_of_the_api_reaches_sql_as_text(server: tuple[str, Any], db: Path, figures: Figures
                                                  ) -> None:
    url, app = server
    before = _table_counts(db)
    tried = 0
    with httpx.Client(base_url=url, timeout=60) as client, statements(app.state.store.engine) as sent:
        for payload in PAYLOADS:
            for name in TEXT_FILTERS:
                for path in ("/api/events", "/api/events.geojson", "/api/export.csv"):
                    response = client.get(path, params={name: payload})
                    assert response.status_code == 200, (path, name, response.text)
                    tried += 1
                found = client.get("/api/events", params={name: payload}).json()
                assert found["events"] == [] and found["total"] == 0, (name, payload)
            for name in TYPED_FILTERS:
                assert client.get("/api/events", params={name: payload}).status_code == 422, name
                tried += 1
            for path in (f"/api/events/{quote(payload, safe='')}", "/api/figures"):
                response = client.get(path, params={"report_id": payload} if path == "/api/figures" else None)
                assert response.status_code in (200, 404), response.text
                tried += 1
    assert sent, "no statement was captured"
    assert not [statement for statement, _ in sent if MARKER in statement]
    assert any(MARKER in str(parameters) for _, parameters in sent)  # the values did reach the database
    assert _table_counts(db) == before and not (Path.cwd() / "pwn.db").exists()
    figures.add("injection cases tried (API filters, paths)", tried)


def _cli(*args: Any) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, [str(arg) for arg in args])


def test_no_filter_of_the_cli_reaches_sql_as_text(db: Path, figures: Figures) -> None:
    before = _table_counts(db)
    tried = 0
    with statements(sa.engine.Engine) as sent:
        for payload in PAYLOADS:
            if "\x00" in payload:
                continue  # a command-line argument cannot hold NUL
            for option in ("--type", "--country", "--actor", "--q"):
                result = _cli("events", "--db", db, "--json", option, payload)
                assert result.exit_code == 0 and result.stdout == "", (option, result.output)
                tried += 1
            result = _cli("figures", "--db", db, "--json", "--report", payload)
            assert result.exit_code == 0 and result.stdout == "", result.output
            result = _cli("control", payload, "--db", db, "--json")
            assert result.exit_code == 0 and json.loads(result.stdout)["known"] is False, result.output
            for option in ("--since", "--until"):
                assert _cli("events", "--db", db, option, payload).exit_code == 2
            tried += 4
    assert not [statement for statement, _ in sent if MARKER in statement]
    assert any(MARKER in str(parameters) for _, parameters in sent)
    assert _table_counts(db) == before
    figures.add("injection cases tried (CLI filters)", tried)


# -- export paths ----------------------------------------------------------------------------------


@pytest.fixture
def export(db: Path) -> Callable[[Path], Result]:
    return lambda output: _cli("export", "--db", db, "--format", "csv", "--output", output)


def test_export_writes_a_regular_file_whole_and_leaves_no_partial(export: Callable[[Path], Result],
                                                                 tmp_path: Path) -> None:
    output = tmp_path / "events.csv"
    output.write_text("an older export\n", encoding="utf-8")
    result = export(output)
    assert result.exit_code == 0, result.output
    assert output.read_text(encoding="utf-8").startswith("event_id,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv"]


def test_export_never_follows_a_link_planted_beside_its_output(export: Callable[[Path], Result],
                                                               tmp_path: Path) -> None:
    """A link where a temporary file might go, pointing outside: the file it points to is untouched."""
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    shared = tmp_path / "shared"
    shared.mkdir()
    for name in ("events.csv.partial", ".events.csv.partial", "events.csv.tmp"):
        (shared / name).symlink_to(victim)
    result = export(shared / "events.csv")
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert not (shared / "events.csv").is_symlink() and (shared / "events.csv").stat().st_size > 0
    assert sorted(p.name for p in outside.iterdir()) == ["victim.txt"]


def test_export_through_a_link_writes_its_target_and_keeps_the_link(export: Callable[[Path], Result],
                                                                    tmp_path: Path) -> None:
    target = tmp_path / "archive" / "events.csv"
    target.parent.mkdir()
    link = tmp_path / "latest.csv"
    link.symlink_to(target)
    assert export(link).exit_code == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("event_id,")


def test_export_refuses_to_replace_what_is_not_a_regular_file(export: Callable[[Path], Result],
                                                             tmp_path: Path) -> None:
    directory = tmp_path / "a-directory"
    directory.mkdir()
    fifo = tmp_path / "a-fifo"
    os.mkfifo(fifo)
    link_to_fifo = tmp_path / "a-link-to-a-fifo"
    link_to_fifo.symlink_to(fifo)
    for output in (directory, fifo, link_to_fifo):
        result = export(output)
        assert result.exit_code == 1 and "not a regular file" in result.stderr, result.output
    assert directory.is_dir() and stat.S_ISFIFO(fifo.stat().st_mode) and list(directory.iterdir()) == []
    missing = export(tmp_path / "no-such-directory" / "events.csv")
    assert missing.exit_code == 1 and "cannot write" in missing.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-directory", "a-fifo", "a-link-to-a-fifo"]


def test_api_downloads_name_no_path_from_the_request(server: tuple[str, Any]) -> None:
    url, _app = server
    response = httpx.get(f"{url}/api/export.csv", params={"format": "../../etc/passwd"})
    assert response.status_code == 422
    for path in ("/static/..%2f..%2fpyproject.toml", "/static/%2e%2e/%2e%2e/pyproject.toml",
                 "/docs/assets/..%2f..%2f..%2fetc%2fpasswd"):
        assert httpx.get(f"{url}{path}").status_code == 404, path


# -- CORS, the listening address, code in reports -----------------------------------------------------


def test_cross_origin_pages_get_no_permission_and_cannot_write(server: tuple[str, Any]) -> None:
    url, _app = server
    origin = "https://attacker.example"
    preflight = httpx.options(f"{url}/api/reports", headers={
        "Origin": origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type"})
    assert not any(name.startswith("access-control-") for name in preflight.headers), preflight.headers
    simple = httpx.post(f"{url}/api/reports", content=b"Shelling in Idlib.",
                        headers={"Origin": origin, "Content-Type": "text/plain"})
    assert simple.status_code == 401 and "access-control-allow-origin" not in simple.headers


def test_the_server_listens_on_loopback_unless_told_otherwise(tmp_path: Path) -> None:
    with serve(["--db", str(tmp_path / "served.db")], {}) as (url, _printed):
        port = int(url.rsplit(":", 1)[1])
        assert httpx.get(f"{url}/api/events").status_code == 200
        listening = _listening_addresses(port)
    assert listening == ["0100007F"], listening  # 127.0.0.1, and no IPv6 or wildcard socket


def _listening_addresses(port: int) -> list[str]:
    """The local addresses (kernel hex) of the sockets listening on `port`, IPv4 and IPv6."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if int(hex_port, 16) == port and state == "0A":  # TCP_LISTEN
                found.append(address)
    return found


def test_report_text_that_looks_like_code_is_stored_as_text_and_never_run(server: tuple[str, Any],
                                                                          tmp_path: Path) -> None:
    url, _app = server
    trap = tmp_path / "ran"
    text = ("Government forces shelled Aleppo on Monday, killing 4 civilians, residents said. "
            f"{{{{7*7}}}} ${{jndi:ldap://127.0.0.1/x}} __import__('os').system('touch {trap}') "
            f"<script>fetch('/api/reports')</script> '; DROP TABLE reports; -- {{% debug %}}")
    report = {"id": "code-like", "text": text, "published": "2024-03-05"}
    posted = httpx.post(f"{url}/api/reports", json=report, headers=auth(), timeout=120)
    assert posted.status_code == 201, posted.text
    event_id = posted.json()["events"][0]["event_id"]
    told = httpx.get(f"{url}/api/events/{event_id}").json()
    assert [report["text"] for report in told["reports"] if report["id"] == "code-like"] == [text]
    assert not trap.exists()
