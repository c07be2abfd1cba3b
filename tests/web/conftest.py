"""Fixtures of the dashboard tests: one real server and one real browser per test module.

The server is `create_app` under uvicorn on loopback over a SQLite file, seeded by posting the
seed article through the API. The browser is Debian's chromium driven by Playwright (never a
downloaded one); every test gets a fresh page whose network traffic and errors are recorded.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from live_api import TOKEN, auth, live_server, seed_report
from live_dashboard import CHROMIUM, CHROMIUM_ARGS, VIEWPORT, Site, Traffic
from playwright.sync_api import Browser, Page, sync_playwright


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    from frontwatch.api import create_app

    db = tmp_path_factory.mktemp("web") / "events.db"
    with live_server(create_app(db, token=TOKEN)) as url, httpx.Client(base_url=url, timeout=180) as client:
        posted = client.post("/api/reports", json=seed_report(), headers=auth())
        assert posted.status_code == 201, posted.text
        seed_events = posted.json()["events"]
        assert seed_events, "the seed report produced no events"
        yield Site(url, client, seed_events, db)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"the dashboard tests need Debian's chromium at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def traffic() -> Traffic:
    return Traffic()


@pytest.fixture
def page(browser: Browser, site: Site, traffic: Traffic) -> Iterator[Page]:
    """A fresh tab on the dashboard, its first page of events drawn."""
    context = browser.new_context(viewport=VIEWPORT)
    tab = context.new_page()
    traffic.watch(tab)
    tab.goto(site.url + "/")
    tab.wait_for_selector("html[data-ready='true']", state="attached")
    yield tab
    context.close()
