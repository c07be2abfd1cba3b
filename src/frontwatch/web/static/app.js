// The dashboard's entry point: loads events from the API, keeps the map, the timeline, the list
// and the legend in step with the filters, and opens an event's evidence on demand.
//
// `window.frontwatchReady` resolves (with the number of markers) once the first page of events is
// drawn; the moment is also recorded as the performance mark "frontwatch:drawn" and
// <html data-ready="true">, for tests and the benchmark.

import { fetchEvent, fetchEvents, fetchTotal } from "./api.js";
import { renderDetail } from "./detail.js";
import { fillSelect, matches, readFilters, serverQuery } from "./filters.js";
import { setupReportForm, setupSettings } from "./forms.js";
import { EventMap } from "./map.js";
import { Timeline } from "./timeline.js";
import { colourOf } from "./types.js";

const LIST_PAGE = 200; // list items rendered at a time; the map and timeline show every event
const TYPING_DELAY_MS = 250;
// How often the page asks whether events were added (a watcher or another analyst writing to the
// database); `?poll=MS` in the page's address overrides it, `?poll=0` turns it off.
const POLL_MS = Number(new URLSearchParams(location.search).get("poll") ?? 15000);

const $ = (id) => document.getElementById(id);
const plural = (n, word) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;

/** Newest first, undated last, then by id: the order of the list. */
function byDateDescending(a, b) {
  if (a.event_date !== b.event_date) {
    if (!a.event_date) return 1;
    if (!b.event_date) return -1;
    return a.event_date < b.event_date ? 1 : -1;
  }
  return a.event_id < b.event_id ? -1 : 1;
}

class Dashboard {
  constructor() {
    this.events = []; // every loaded event, newest first
    this.query = {}; // the server-side filters the loaded events were fetched with
    this.next = null; // cursor of the next page, when the loaded events are not all of them
    this.total = 0;
    this.shown = [];
    this.listLimit = LIST_PAGE;
    this.form = $("filters");
    this.filters = readFilters(this.form);
    this.map = new EventMap($("map"), (id) => this.select(id));
    this.timeline = new Timeline($("timeline"), $("timeline-caption"), (range) => this.setDates(range));
    this.#wire();
  }

  #wire() {
    let typing = null;
    this.form.addEventListener("input", (event) => {
      clearTimeout(typing);
      const delay = event.target.type === "search" ? TYPING_DELAY_MS : 0;
      typing = setTimeout(() => this.applyFilters(), delay);
    });
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.form.addEventListener("reset", () => setTimeout(() => this.applyFilters()));
    $("timeline-clear").addEventListener("click", () => this.setDates(null));
    $("load-more").addEventListener("click", () => this.loadMore());
    $("list-more").addEventListener("click", () => {
      this.listLimit += LIST_PAGE;
      this.#renderList();
    });
    $("detail-close").addEventListener("click", () => this.closeDetail());
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !$("detail").hidden) this.closeDetail();
    });
    setupReportForm($("report-form"), (result) => this.addCoded(result.events));
    setupSettings($("settings-form"), (url) => this.map.setTileUrl(url));
  }

  async start() {
    const outlines = this.map.loadOutlines().then(
      () => (document.documentElement.dataset.outlines = "true"),
      (error) => this.#say(`Basemap unavailable: ${error.message}`),
    );
    const drawn = await this.load(serverQuery(this.filters));
    performance.mark("frontwatch:drawn");
    document.documentElement.dataset.ready = "true";
    if (POLL_MS > 0) setTimeout(() => this.#poll(), POLL_MS);
    await outlines;
    return drawn;
  }

  /** Reload the events when the database holds a different number of them: new reports landed. */
  async #poll() {
    try {
      const total = await fetchTotal(this.query);
      if (total !== this.total) {
        const page = await fetchEvents(this.query);
        this.events = [];
        this.#absorb(page);
        this.#refreshOptions();
        await this.redraw({ fit: false });
      }
    } catch (error) {
      this.#say(`Could not check for new events: ${error.message}`);
    } finally {
      setTimeout(() => this.#poll(), POLL_MS);
    }
  }

  /** Fetch the first page of events for `query` (server-side filters) and draw them. */
  async load(query) {
    const page = await fetchEvents(query);
    this.query = query;
    this.events = [];
    this.#absorb(page);
    this.#refreshOptions();
    return this.redraw({ fit: true });
  }

  async loadMore() {
    const button = $("load-more");
    button.disabled = true;
    try {
      this.#absorb(await fetchEvents(this.query, this.next));
      this.#refreshOptions();
      await this.redraw({ fit: false });
    } catch (error) {
      this.#say(`Could not load more events: ${error.message}`);
    } finally {
      button.disabled = false;
    }
  }

  #absorb(page) {
    this.next = page.next;
    this.total = page.total;
    this.#add(page.events);
  }

  /** Add or replace events (a report can re-tell an event already loaded), keeping the order. */
  #add(events) {
    const fresh = new Map(events.map((event) => [event.event_id, event]));
    this.events = this.events.filter((event) => !fresh.has(event.event_id)).concat([...fresh.values()]);
    this.events.sort(byDateDescending);
    this.timeline.setDomain(this.events);
  }

  /** Events a coded report returned: add them, show them, and frame them on the map. */
  async addCoded(events) {
    const known = new Set(this.events.map((event) => event.event_id));
    const added = events.filter((event) => !known.has(event.event_id)).length;
    this.#add(events);
    this.total += added;
    this.#refreshOptions();
    await this.redraw({ fit: false });
    this.map.fit(events);
  }

  #refreshOptions() {
    const distinct = (name) => [...new Set(this.events.map((event) => event[name]).filter(Boolean))].sort();
    fillSelect($("filter-type"), distinct("event_type"));
    fillSelect($("filter-verification"), distinct("verification"));
  }

  /** Narrow to the form's filters: on the loaded events, or by a new query when those cannot answer. */
  applyFilters() {
    this.filters = readFilters(this.form);
    const wanted = serverQuery(this.filters);
    const same = JSON.stringify(wanted) === JSON.stringify(this.query);
    // Loaded events answer any filter at least as narrow as the one they were fetched with, if complete.
    const covered = this.next === null && Object.entries(this.query).every(([name, value]) => wanted[name] === value);
    const done = same || covered ? this.redraw({ fit: false }) : this.load(wanted);
    return done.catch((error) => this.#say(`Could not load events: ${error.message}`));
  }

  setDates(range) {
    $("filter-since").value = range?.since ?? "";
    $("filter-until").value = range?.until ?? "";
    return this.applyFilters();
  }

  /** Draw the filtered events everywhere; resolves with the number of markers once they are drawn. */
  async redraw({ fit }) {
    const undated = this.events.filter((event) => matches(event, this.filters, { dates: false }));
    const dated = this.filters.since || this.filters.until;
    this.shown = dated ? undated.filter((event) => matches(event, this.filters)) : undated;
    this.timeline.update(undated, this.filters.since, this.filters.until);
    $("timeline-clear").hidden = !dated;
    if (fit) this.map.fit(this.shown);
    const drawn = this.map.show(this.shown);
    this.listLimit = LIST_PAGE;
    this.#renderList();
    this.#renderLegend();
    this.#renderSummary();
    return drawn;
  }

  #renderSummary() {
    const loaded = this.events.length;
    let text = `Showing ${plural(this.shown.length, "event")} of ${loaded.toLocaleString("en")} loaded`;
    if (this.total > loaded) text += ` (${this.total.toLocaleString("en")} match in the database)`;
    this.#say(text);
    $("load-more").hidden = this.next === null;
  }

  #say(text) {
    $("summary").textContent = text;
  }

  #renderLegend() {
    const counts = new Map();
    for (const event of this.shown) counts.set(event.event_type, (counts.get(event.event_type) ?? 0) + 1);
    const items = [...counts].sort((a, b) => b[1] - a[1]).map(([type, n]) => {
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = colourOf(type);
      const name = document.createElement("span");
      name.textContent = type;
      const count = document.createElement("span");
      count.className = "n";
      count.textContent = n.toLocaleString("en");
      item.append(swatch, name, count);
      return item;
    });
    $("legend").replaceChildren(...items);
  }

  #renderList() {
    const items = this.shown.slice(0, this.listLimit).map((event) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.eventId = event.event_id;
      if (event.event_id === this.selected) button.setAttribute("aria-current", "true");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = colourOf(event.event_type);
      const when = document.createElement("span");
      when.className = "when";
      when.textContent = `${event.event_date ?? "undated"} · ${plural(event.fatalities, "death")}`;
      const what = document.createElement("span");
      what.className = "what";
      what.textContent = `${event.sub_event_type} — ${event.location ?? "unknown place"}${event.actor1 ? ` (${event.actor1})` : ""}`;
      button.append(swatch, when, what);
      button.addEventListener("click", () => this.select(event.event_id));
      item.append(button);
      return item;
    });
    $("event-list").replaceChildren(...items);
    $("list-count").textContent = `(${this.shown.length.toLocaleString("en")})`;
    $("list-more").hidden = this.shown.length <= this.listLimit;
  }

  /** Open an event's detail panel (fetched whole: claims, reports and their text). */
  async select(eventId) {
    this.selected = eventId;
    this.returnFocus = document.activeElement;
    for (const button of $("event-list").querySelectorAll("button[aria-current]")) button.removeAttribute("aria-current");
    $("event-list").querySelector(`button[data-event-id="${CSS.escape(eventId)}"]`)?.setAttribute("aria-current", "true");
    const panel = $("detail");
    const body = $("detail-body");
    try {
      renderDetail(body, await fetchEvent(eventId));
    } catch (error) {
      const message = document.createElement("p");
      message.className = "status error";
      message.textContent = `Could not open event ${eventId}: ${error.message}`;
      body.replaceChildren(message);
    }
    panel.hidden = false;
    panel.focus();
    this.map.highlight(eventId, panel.offsetWidth);
    for (const text of body.querySelectorAll(".report-text")) {
      const first = text.querySelector("mark.evidence");
      if (first) text.scrollTop = Math.max(0, first.offsetTop - 40);
    }
  }

  closeDetail() {
    $("detail").hidden = true;
    this.selected = null;
    this.map.clearHighlight();
    this.returnFocus?.focus?.();
  }
}

const dashboard = new Dashboard();
window.frontwatchReady = dashboard.start().catch((error) => {
  document.documentElement.dataset.ready = "error";
  $("summary").textContent = `Could not load events: ${error.message}`;
  throw error;
});
