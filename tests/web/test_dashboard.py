"""The dashboard in a real browser against a real server: what an analyst sees and does.

Counts on the page are checked against the API's own answers, so the map, the timeline and the
filters are held to the same data and the same filter semantics as the REST endpoints.
"""

from __future__ import annotations

import os
import struct
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from live_api import TOKEN, auth
from live_dashboard import Site, Traffic
from playwright.sync_api import Page, expect

from frontwatch.models import CodedReport, Event, Report
from frontwatch.store import Store

REPO = Path(__file__).resolve().parents[2]
SUDAN = REPO / "samples" / "sudan-market-drone-strike.txt"
PAYLOAD_IMG = '<img src=x onerror="window.__pwned=1">'
PAYLOAD_SCRIPT = "<script>window.__pwned=1</script>"


def located(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in events if e["latitude"] is not None and e["longitude"] is not None]


def drawn(page: Page) -> int:
    return int(page.locator("#map").get_attribute("data-drawn") or -1)


def markers_on_map(page: Page) -> int:
    """Events the map shows: each lone marker is one, each cluster says how many it holds."""
    clusters = page.locator(".fw-cluster span").all_inner_texts()
    return page.locator("path.fw-marker").count() + sum(int(text) for text in clusters)


def timeline_total(page: Page) -> int:
    counts = page.locator("#timeline rect.bar").evaluate_all("bars => bars.map(b => b.dataset.count)")
    return sum(int(n) for n in counts)


def open_report_form(page: Page) -> None:
    page.locator("#add-report > summary").click()
    page.fill("#report-token", TOKEN)


def test_page_loads_everything_from_its_own_server(page: Page, site: Site, traffic: Traffic) -> None:
    page.wait_for_selector("html[data-outlines='true']", state="attached")
    assert page.evaluate("typeof L.markerClusterGroup") == "function"
    assert page.locator(".leaflet-outlines-pane canvas").count() >= 1  # the Natural Earth outlines
    hosts = {urlsplit(url).hostname for url in traffic.requests}
    assert hosts == {"127.0.0.1"}, traffic.requests
    assert any(url.endswith("/countries-50m.json") for url in traffic.requests)
    assert traffic.failed == [] and traffic.errors == []


def test_seed_events_are_on_the_map_and_the_timeline(page: Page, site: Site) -> None:
    listed = site.events()
    assert listed["total"] == len(site.seed_events) == len(listed["events"])
    on_map = len(located(listed["events"]))
    assert drawn(page) == on_map
    assert markers_on_map(page) == on_map
    dated = [e for e in listed["events"] if e["event_date"]]
    assert timeline_total(page) == len(dated)
    assert page.locator("#timeline svg").get_attribute("data-total") == str(len(dated))
    expect(page.locator("#event-list > li")).to_have_count(listed["total"])
    expect(page.locator("#summary")).to_contain_text(f"Showing {listed['total']} events")


def test_filters_narrow_the_map_the_list_and_the_timeline(page: Page, site: Site) -> None:
    every = site.events()["total"]
    battles = site.events(event_type="Battles")
    assert 0 < battles["total"] < every, "the seed should hold battles and other events"
    page.select_option("#filter-type", "Battles")
    expect(page.locator("#map")).to_have_attribute("data-drawn", str(len(located(battles["events"]))))
    expect(page.locator("#event-list > li")).to_have_count(battles["total"])
    assert timeline_total(page) == sum(1 for e in battles["events"] if e["event_date"])

    # Actor: any role, any case, part of the name — as the API reads it.
    actor = battles["events"][0]["actor1"].split()[-1].lower()
    both = site.events(event_type="Battles", actor=actor)
    page.fill("#filter-actor", actor)
    expect(page.locator("#event-list > li")).to_have_count(both["total"])

    # Reset, then brush the timeline from its first day to the day before its last.
    page.click("#filters button[type=reset]")
    expect(page.locator("#event-list > li")).to_have_count(every)
    bars = page.locator("#timeline rect.bar")
    days = bars.evaluate_all("bars => bars.map(b => b.dataset.day)")
    assert len(set(days)) >= 2, "the seed's events span several days"
    first = bars.nth(days.index(min(days))).bounding_box()
    end = bars.nth(days.index(sorted(set(days))[-2])).bounding_box()
    assert first and end
    y = first["y"] + first["height"] / 2
    page.mouse.move(first["x"] + 1, y)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, y, steps=5)
    page.mouse.up()
    since, until = min(days), sorted(set(days))[-2]
    expect(page.locator("#filter-since")).to_have_value(since)
    expect(page.locator("#filter-until")).to_have_value(until)
    ranged = site.events(since=since, until=until)
    assert 0 < ranged["total"] < every
    expect(page.locator("#event-list > li")).to_have_count(ranged["total"])
    expect(page.locator("#map")).to_have_attribute("data-drawn", str(len(located(ranged["events"]))))
    expect(page.locator("#timeline-caption")).to_contain_text(f"{ranged['total']} of")


def test_clicking_an_event_opens_its_evidence_highlighted(page: Page, site: Site) -> None:
    event_id = located(site.events()["events"])[0]["event_id"]
    full = site.client.get(f"/api/events/{event_id}").json()
    page.click(f'#event-list button[data-event-id="{event_id}"]')
    detail = page.locator("#detail")
    expect(detail).to_be_visible()
    expect(detail.locator("#detail-heading")).to_have_text(full["sub_event_type"])
    expect(detail).to_contain_text(event_id)
    marks = detail.locator(".report-text mark.evidence")
    assert marks.count() >= 1
    highlighted = " ".join(marks.all_inner_texts())
    assert any(" ".join(sentence.split()) in " ".join(highlighted.split()) for sentence in full["evidence"])
    expect(detail.locator("ul.sources > li")).to_have_count(len(full["sources"]))
    for source in full["sources"]:
        expect(detail.locator("ul.sources")).to_contain_text(source)
    expect(detail.locator("table tbody tr")).to_have_count(len(full["claims"]))
    expect(page.locator("path.fw-halo")).to_have_count(1)  # its place is ringed on the map
    page.keyboard.press("Escape")
    expect(detail).to_be_hidden()
    expect(page.locator("path.fw-halo")).to_have_count(0)


def test_clicking_a_marker_opens_its_event(page: Page, site: Site) -> None:
    # Narrowed to one event, its marker stands alone instead of inside a cluster.
    lone = next(
        e for e in located(site.events()["events"])
        if e["actor1"] and site.events(event_type=e["event_type"], actor=e["actor1"])["total"] == 1
    )
    page.select_option("#filter-type", lone["event_type"])
    page.fill("#filter-actor", lone["actor1"])
    expect(page.locator("#map")).to_have_attribute("data-drawn", "1")
    lone_id = lone["event_id"]
    page.locator(f'path.fw-marker[data-event-id="{lone_id}"]').click()
    detail = page.locator("#detail")
    expect(detail).to_be_visible()
    expect(detail.locator("#detail-heading")).to_have_text(lone["sub_event_type"])
    expect(detail).to_contain_text(lone_id)
    page.click("#detail-close")
    expect(detail).to_be_hidden()


def test_screenshot(page: Page, site: Site, tmp_path: Path) -> None:
    """The README's picture: the seed on the map with one event's evidence open.

    Saved under the test's temporary directory; FRONTWATCH_SCREENSHOT=docs/dashboard.png names
    where to keep it (that is how docs/dashboard.png is refreshed).
    """
    page.wait_for_selector("html[data-outlines='true']", state="attached")
    page.locator("#event-list button").first.click()
    page.wait_for_selector("#detail .report-text mark.evidence")
    target = Path(os.environ.get("FRONTWATCH_SCREENSHOT") or tmp_path / "dashboard.png")
    page.screenshot(path=str(target))
    header = target.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1400, 900)


def test_pasting_a_report_adds_its_events(page: Page, site: Site) -> None:
    before = site.events()["events"]
    shown = drawn(page)
    open_report_form(page)
    page.fill("#report-text", SUDAN.read_text(encoding="utf-8"))
    page.fill("#report-published", "2025-05-13")
    page.fill("#report-source", "Nile Desk")

    page.fill("#report-token", "not-the-token")
    page.click("#report-submit")
    expect(page.locator("#report-status")).to_contain_text("401")
    assert site.events()["total"] == len(before)

    page.fill("#report-token", TOKEN)
    page.click("#report-submit")
    expect(page.locator("#report-status")).to_contain_text("Stored report", timeout=60_000)
    after = site.events()
    known = {e["event_id"] for e in before}
    new = [e for e in after["events"] if e["event_id"] not in known]
    assert new, "the Sudan sample should add events"
    expect(page.locator("#map")).to_have_attribute("data-drawn", str(shown + len(located(new))))
    expect(page.locator("#event-list > li")).to_have_count(after["total"])
    expect(page.locator("#event-list")).to_contain_text("El Obeid")


def test_an_uploaded_html_page_is_coded_from_its_article(page: Page, site: Site, tmp_path: Path) -> None:
    html = tmp_path / "kharkiv.html"
    html.write_text(
        "<!doctype html><html><head><title>Overnight attack on Kharkiv</title></head><body>"
        "<nav>Home | World</nav><article><h1>Overnight attack on Kharkiv</h1><p>Russian forces struck "
        "Kharkiv with drones and guided bombs overnight, killing three people and injuring 21, regional "
        "governor Oleh Syniehubov said on Saturday.</p></article></body></html>",
        encoding="utf-8",
    )
    open_report_form(page)
    page.set_input_files("#report-file", str(html))
    expect(page.locator("#report-text")).to_have_value(html.read_text(encoding="utf-8"))
    page.fill("#report-published", "2025-06-07")
    page.click("#report-submit")
    expect(page.locator("#report-status")).to_contain_text("Stored report", timeout=60_000)
    kharkiv = site.events(q="Kharkiv")
    assert kharkiv["total"] >= 1
    page.locator("#event-list button", has_text="Kharkiv").first.click()
    report = page.locator("#detail .report").first
    expect(report.locator("header")).to_contain_text("Overnight attack on Kharkiv")
    expect(report.locator(".report-text")).not_to_contain_text("<article>")


def test_report_text_and_source_names_render_as_text(page: Page, site: Site, traffic: Traffic) -> None:
    open_report_form(page)
    page.fill(
        "#report-text",
        "Syrian government forces shelled the town of Maarat al-Numan in Idlib on Tuesday, killing two "
        f"civilians. {PAYLOAD_SCRIPT} {PAYLOAD_IMG}",
    )
    page.fill("#report-published", "2024-03-06")
    page.fill("#report-source", PAYLOAD_IMG)
    page.click("#report-submit")
    expect(page.locator("#report-status")).to_contain_text("Stored report", timeout=60_000)
    page.locator("#event-list button", has_text="Maarat al-Numan").first.click()
    detail = page.locator("#detail")
    expect(detail.locator(".report-text")).to_contain_text(f"{PAYLOAD_SCRIPT} {PAYLOAD_IMG}")
    expect(detail.locator("ul.sources")).to_contain_text(PAYLOAD_IMG)
    expect(detail.locator(".report header")).to_contain_text(PAYLOAD_IMG)
    assert page.locator("body img:not(.leaflet-tile), body script:not([src])").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert not any(urlsplit(url).path == "/x" for url in traffic.requests), "the <img> was parsed and fetched"
    assert traffic.errors == []  # nor blocked by the page's CSP, which would log a violation


def test_actor_place_and_source_names_render_as_text(page: Page, site: Site, traffic: Traffic) -> None:
    """Names come from reports (an unknown group, a village, an outlet): markup in any of them is
    shown, never parsed."""
    event = Event(
        report_id="markup-names", event_date=date(2024, 3, 7), event_type="Violence against civilians",
        sub_event_type="Attack", actor1=f"Gunmen {PAYLOAD_IMG}", actor2=f"Civilians {PAYLOAD_SCRIPT}",
        assoc_actor_1=PAYLOAD_IMG, location=f"Kafr Markup {PAYLOAD_IMG}", country="Syria", admin1="Idlib",
        latitude=35.93, longitude=36.63, geo_precision=1, sources=[PAYLOAD_SCRIPT],
        evidence=["Gunmen attacked Kafr Markup on Thursday."], notes="Gunmen attacked Kafr Markup.",
    )
    report = Report("Gunmen attacked Kafr Markup on Thursday.", "markup-names", date(2024, 3, 8),
                    source=PAYLOAD_SCRIPT, title=PAYLOAD_IMG)
    with Store(site.db) as store:
        assert store.save(CodedReport(report, [event]))
    page.reload()
    page.wait_for_selector("html[data-ready='true']", state="attached")
    page.locator("#event-list button", has_text="Kafr Markup").first.click()
    detail = page.locator("#detail")
    for shown in (f"Gunmen {PAYLOAD_IMG}", f"Civilians {PAYLOAD_SCRIPT}", f"Kafr Markup {PAYLOAD_IMG}"):
        expect(detail).to_contain_text(shown)
    expect(page.locator("#event-list")).to_contain_text(f"Kafr Markup {PAYLOAD_IMG}")
    assert page.locator("body img:not(.leaflet-tile), body script:not([src])").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert not any(urlsplit(url).path == "/x" for url in traffic.requests), "the <img> was parsed and fetched"


def test_tile_url_setting_is_checked_and_remembered(page: Page, site: Site, traffic: Traffic) -> None:
    page.locator("#settings > summary").click()
    page.fill("#tile-url", "javascript:alert(1)")
    page.click("#settings-form button[type=submit]")
    expect(page.locator("#settings-status")).to_contain_text("Not applied")
    # A tile server on loopback (this one answers 404): tiles are requested from the configured URL.
    page.fill("#tile-url", site.url + "/tiles/{z}/{x}/{y}.png")
    page.click("#settings-form button[type=submit]")
    page.wait_for_selector("img.leaflet-tile", state="attached")
    assert any("/tiles/" in url for url in traffic.requests)
    page.reload()
    page.wait_for_selector("html[data-ready='true']", state="attached")
    expect(page.locator("#tile-url")).to_have_value(site.url + "/tiles/{z}/{x}/{y}.png")


def test_events_stored_by_others_appear_without_a_reload(browser: Any, site: Site) -> None:
    """A watcher or another analyst stores a report: the open page polls and draws its events.

    Last in the module: it adds events to the shared site, which the tests above count.
    """
    context = browser.new_context()
    tab = context.new_page()
    try:
        tab.goto(site.url + "/?poll=300")
        tab.wait_for_selector("html[data-ready='true']", state="attached")
        before = drawn(tab)
        report = {"id": "live-1", "published": "2025-06-04", "source": "Kosti Monitor",
                  "text": "A drone struck a fuel depot in Kosti on Tuesday, killing four workers, local "
                          "officials said."}
        posted = site.client.post("/api/reports", json=report, headers=auth())
        assert posted.status_code == 201, posted.text
        added = len(located(posted.json()["events"]))
        assert added > 0
        expect(tab.locator("#map")).to_have_attribute("data-drawn", str(before + added), timeout=10_000)
    finally:
        context.close()
