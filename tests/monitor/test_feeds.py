"""Feeds served by a real HTTP server on loopback: new entries, changed pages, errors, 304s, robots.txt."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from newsroom import (
    GEZIRA_ATTACK,
    MARKET_STRIKE,
    MARKET_STRIKE_UPDATED,
    SARMIN_SHELLING,
    Clock,
    NewsSite,
    WatcherFactory,
    article,
    rss,
)

from frontwatch.monitor import SourceKind, SourceSpec, Watcher
from frontwatch.monitor.state import Tally
from frontwatch.store import Store
from frontwatch.store.schema import reports

INTERVAL = 300.0


def feed_spec(site: NewsSite, path: str = "/feed.xml") -> SourceSpec:
    return SourceSpec(SourceKind.FEED, site.url(path), INTERVAL)


def entry(site: NewsSite, path: str, title: str, text: str, **extra: str) -> dict[str, str]:
    """A feed entry whose teaser is the story's first sentence, its page serving the whole story."""
    site.serve(path, article(title, text))
    teaser = text.split(". ")[0] + "."
    return {"title": title, "link": site.url(path), "text": teaser,
            "published": "Wed, 12 Mar 2025 09:00:00 GMT", **extra}


def stored_reports(store: Store) -> dict[str, dict[str, Any]]:
    with store.engine.connect() as conn:
        return {row["url"]: dict(row) for row in conn.execute(sa.select(reports)).mappings()}


def events_of(store: Store, url: str) -> list[dict[str, Any]]:
    return store.events(report_id=stored_reports(store)[url]["id"])


def test_new_entries_are_coded_once_and_a_repoll_codes_only_the_new_one(
    site: NewsSite, make_watcher: WatcherFactory, clock: Clock
) -> None:
    market = entry(site, "/news/market", "Airstrike on Maarat al-Numan market", MARKET_STRIKE)
    sarmin = entry(site, "/news/sarmin", "Shelling in Sarmin", SARMIN_SHELLING)
    site.serve("/feed.xml", rss("Levant Desk", [sarmin, market]), "application/rss+xml")
    watcher = make_watcher(feed_spec(site))

    [first] = watcher.poll_round()
    assert first.error is None
    assert first.tally == Tally(coded=2)
    stored = stored_reports(watcher.store)
    assert set(stored) == {site.url("/news/market"), site.url("/news/sarmin")}
    market_report = stored[site.url("/news/market")]
    # The page's full article was coded, not the feed's one-sentence teaser.
    assert "Rescuers were still searching the rubble." in market_report["text"]
    assert market_report["source"] == "Levant Desk"
    assert market_report["title"] == "Airstrike on Maarat al-Numan market"
    [strike] = events_of(watcher.store, site.url("/news/market"))
    assert (strike["sub_event_type"], strike["location"], strike["fatalities"]) == (
        "Air/drone strike", "Maarat al-Numan", 9)
    assert [e["location"] for e in events_of(watcher.store, site.url("/news/sarmin"))] == ["Sarmin"]

    assert watcher.poll_round() == []  # not due before its interval
    assert len(site.hits("/feed.xml")) == 1

    clock.advance(INTERVAL)
    [again] = watcher.poll_round()
    assert again.tally == Tally()  # known entries are not even fetched again
    assert len(site.hits("/news/market")) == len(site.hits("/news/sarmin")) == 1

    gezira = entry(site, "/news/gezira", "Village attack in Gezira", GEZIRA_ATTACK)
    site.serve("/feed.xml", rss("Levant Desk", [gezira, sarmin, market]), "application/rss+xml")
    clock.advance(INTERVAL)
    [third] = watcher.poll_round()
    assert third.tally == Tally(coded=1)
    assert watcher.store.report_count() == 3
    assert [e["fatalities"] for e in events_of(watcher.store, site.url("/news/gezira"))] == [35]
    assert len(site.hits("/news/market")) == 1
    status = watcher.state.status(site.url("/feed.xml"))
    assert status is not None
    assert (status.coded, status.updated, status.failures, status.last_error) == (3, 0, 0, None)


def test_an_updated_page_replaces_its_events_instead_of_adding_more(
    site: NewsSite, make_watcher: WatcherFactory, clock: Clock
) -> None:
    market = entry(site, "/news/market", "Airstrike on Maarat al-Numan market", MARKET_STRIKE)
    site.serve("/feed.xml", rss("Levant Desk", [market]), "application/rss+xml")
    watcher = make_watcher(feed_spec(site))
    watcher.poll_round()
    [before] = events_of(watcher.store, site.url("/news/market"))
    assert before["fatalities"] == 9

    # The newsroom updates the story: new page text, and the feed entry says it was updated.
    updated = entry(site, "/news/market", "Airstrike on Maarat al-Numan market", MARKET_STRIKE_UPDATED,
                    updated="2025-03-12T15:00:00Z")
    site.serve("/feed.xml", rss("Levant Desk", [updated]), "application/rss+xml")
    clock.advance(INTERVAL)
    [result] = watcher.poll_round()
    assert result.tally == Tally(updated=1)
    assert watcher.store.report_count() == 1
    assert watcher.store.event_count() == 1
    [after] = events_of(watcher.store, site.url("/news/market"))
    assert (after["location"], after["fatalities"]) == ("Maarat al-Numan", 14)
    assert "fourteen" in stored_reports(watcher.store)[site.url("/news/market")]["text"]

    # Polled again with nothing new: the update is not applied twice.
    clock.advance(INTERVAL)
    [quiet] = watcher.poll_round()
    assert quiet.tally == Tally()
    assert watcher.store.event_count() == 1


def test_a_failing_feed_is_retried_with_back_off_then_recovers(
    site: NewsSite, make_watcher: WatcherFactory, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    sarmin = entry(site, "/news/sarmin", "Shelling in Sarmin", SARMIN_SHELLING)
    site.serve("/feed.xml", rss("Levant Desk", [sarmin]), "application/rss+xml")
    site.fail("/feed.xml", 500, times=2)
    watcher = make_watcher(feed_spec(site))

    with caplog.at_level(logging.WARNING, logger="frontwatch.monitor"):
        [failed] = watcher.poll_round()
    assert failed.error is not None and "HTTP 500" in failed.error
    assert "HTTP 500" in caplog.text
    status = watcher.state.status(site.url("/feed.xml"))
    assert status is not None and status.failures == 1 and "HTTP 500" in (status.last_error or "")
    # First failure: between one and two intervals (the doubled interval, jittered over its upper half).
    wait = (failed.next_poll - clock()).total_seconds()
    assert INTERVAL <= wait <= 2 * INTERVAL

    clock.advance(wait - 1)
    assert watcher.poll_round() == []  # backing off: no request before its time
    assert len(site.hits("/feed.xml")) == 1

    clock.advance(1)
    [second] = watcher.poll_round()
    assert second.error is not None
    wait = (second.next_poll - clock()).total_seconds()
    assert 2 * INTERVAL <= wait <= 4 * INTERVAL  # the second failure in a row doubles it

    clock.advance(wait)
    [recovered] = watcher.poll_round()
    assert recovered.error is None and recovered.tally == Tally(coded=1)
    status = watcher.state.status(site.url("/feed.xml"))
    assert status is not None and status.failures == 0
    assert status.last_success == clock() and "HTTP 500" in (status.last_error or "")
    assert recovered.next_poll == clock() + timedelta(seconds=INTERVAL)


def test_retry_after_is_honoured(site: NewsSite, make_watcher: WatcherFactory, clock: Clock) -> None:
    site.fail("/feed.xml", 503, Retry_After="5000")
    watcher = make_watcher(feed_spec(site))
    [failed] = watcher.poll_round()
    assert failed.error is not None and "HTTP 503" in failed.error
    assert (failed.next_poll - clock()).total_seconds() == 5000


def test_a_malformed_feed_is_logged_and_the_others_go_on(
    site: NewsSite, make_watcher: WatcherFactory, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    site.serve("/broken.xml", "<rss><channel><title>Half a feed", "application/rss+xml")
    site.serve("/not-a-feed", article("Home", "Welcome to our site."))
    sarmin = entry(site, "/news/sarmin", "Shelling in Sarmin", SARMIN_SHELLING)
    site.serve("/feed.xml", rss("Levant Desk", [sarmin]), "application/rss+xml")
    watcher = make_watcher(feed_spec(site, "/broken.xml"), feed_spec(site, "/not-a-feed"), feed_spec(site))

    with caplog.at_level(logging.WARNING, logger="frontwatch.monitor"):
        broken, html, good = watcher.poll_round()
    assert broken.error is not None and "not a readable RSS or Atom feed" in broken.error
    assert html.error is not None and "not a readable RSS or Atom feed" in html.error
    assert good.error is None and good.tally == Tally(coded=1)
    assert site.url("/broken.xml") in caplog.text
    statuses = {s.source: s for s in watcher.state.statuses()}
    assert statuses[site.url("/broken.xml")].failures == 1
    assert statuses[site.url("/feed.xml")].failures == 0


def test_not_modified_is_honoured_for_the_feed_and_its_pages(
    site: NewsSite, make_watcher: WatcherFactory, clock: Clock
) -> None:
    sarmin = entry(site, "/news/sarmin", "Shelling in Sarmin", SARMIN_SHELLING)
    site.serve("/news/sarmin", article("Shelling in Sarmin", SARMIN_SHELLING), etag='"sarmin-1"')
    site.serve("/feed.xml", rss("Levant Desk", [sarmin]), "application/rss+xml", etag='"feed-1"',
               last_modified=clock())
    watcher = make_watcher(feed_spec(site))
    watcher.poll_round()

    clock.advance(INTERVAL)
    [unchanged] = watcher.poll_round()
    assert unchanged.error is None and unchanged.tally == Tally()
    second = site.hits("/feed.xml")[1]
    assert second.headers["if-none-match"] == '"feed-1"'
    assert "if-modified-since" in second.headers

    # The entry is touched in the feed, but its page has not changed: a conditional GET, a 304.
    touched = dict(sarmin, updated="2025-03-12T16:00:00Z")
    site.serve("/feed.xml", rss("Levant Desk", [touched]), "application/rss+xml", etag='"feed-2"')
    clock.advance(INTERVAL)
    [result] = watcher.poll_round()
    assert result.tally == Tally()
    page_hits = site.hits("/news/sarmin")
    assert len(page_hits) == 2 and page_hits[1].headers["if-none-match"] == '"sarmin-1"'
    assert watcher.store.report_count() == 1


def test_robots_txt_is_honoured(site: NewsSite, make_watcher: WatcherFactory, clock: Clock) -> None:
    site.serve("/robots.txt", "User-agent: *\nDisallow: /members/\n", "text/plain")
    market = entry(site, "/members/market", "Airstrike on Maarat al-Numan market", MARKET_STRIKE)
    site.serve("/feed.xml", rss("Levant Desk", [market]), "application/rss+xml")
    site.serve("/members/feed.xml", rss("Members", [market]), "application/rss+xml")
    watcher = make_watcher(feed_spec(site), feed_spec(site, "/members/feed.xml"))

    public, members = watcher.poll_round()
    # The page is off limits: the entry's own text is coded instead, and the page never requested.
    assert public.tally == Tally(coded=1)
    assert site.hits("/members/market") == []
    text = stored_reports(watcher.store)[site.url("/members/market")]["text"]
    assert text == market["text"]
    [strike] = events_of(watcher.store, site.url("/members/market"))
    assert strike["location"] == "Maarat al-Numan"
    # A feed that is off limits is an error, and is not requested either.
    assert members.error is not None and "robots.txt disallows" in members.error
    assert site.hits("/members/feed.xml") == []
    assert len(site.hits("/robots.txt")) == 1  # read once per host


def test_a_page_that_fails_is_coded_from_the_feed_then_updated_from_the_page(
    site: NewsSite, make_watcher: WatcherFactory, clock: Clock
) -> None:
    market = entry(site, "/news/market", "Airstrike on Maarat al-Numan market", MARKET_STRIKE)
    site.serve("/feed.xml", rss("Levant Desk", [market]), "application/rss+xml")
    site.fail("/news/market", 502)
    watcher = make_watcher(feed_spec(site))

    [first] = watcher.poll_round()
    assert first.error is None and first.tally == Tally(coded=1)
    assert stored_reports(watcher.store)[site.url("/news/market")]["text"] == market["text"]

    clock.advance(INTERVAL)
    [second] = watcher.poll_round()
    assert second.tally == Tally(updated=1)
    assert "Rescuers were still searching" in stored_reports(watcher.store)[site.url("/news/market")]["text"]
    assert watcher.store.report_count() == 1 and watcher.store.event_count() == 1


def test_the_same_story_at_two_urls_is_coded_once(
    site: NewsSite, make_watcher: WatcherFactory, clock: Clock
) -> None:
    first = entry(site, "/news/sarmin", "Shelling in Sarmin", SARMIN_SHELLING)
    copy = entry(site, "/wire/sarmin-copy", "Shelling in Sarmin", SARMIN_SHELLING)
    site.serve("/feed.xml", rss("Levant Desk", [first]), "application/rss+xml")
    site.serve("/wire.xml", rss("Wire", [copy]), "application/rss+xml")
    watcher: Watcher = make_watcher(feed_spec(site), feed_spec(site, "/wire.xml"))
    desk, wire = watcher.poll_round()
    assert desk.tally == Tally(coded=1)
    assert wire.tally == Tally(skipped=1)
    assert watcher.store.report_count() == 1
