// A histogram of events per day with a brush: drag across it to pick a date range, click to clear.
// Plain SVG; one <rect> per day, so 10,000 events over a year are a few hundred elements.

const SVG = "http://www.w3.org/2000/svg";
const DAY_MS = 86_400_000;
const MARGIN = { left: 36, right: 12, top: 8, bottom: 20 };

export const dayNumber = (iso) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
export const isoDay = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);

function svgElement(name, attributes = {}) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

export class Timeline {
  /** `onSelect({since, until} | null)` fires when a brush ends. */
  constructor(container, caption, onSelect) {
    this.container = container;
    this.caption = caption;
    this.onSelect = onSelect;
    this.first = null; // day numbers of the axis, from every loaded event
    this.last = null;
    this.counts = new Map(); // day number -> events passing the non-date filters
    this.selection = null; // [firstDay, lastDay] or null
    this.bars = [];
    this.brush = null;
    this.total = 0;
    this.svg = svgElement("svg", { role: "img" });
    container.append(this.svg);
    this.svg.addEventListener("pointerdown", (event) => this.#brushStart(event));
    new ResizeObserver(() => this.render()).observe(container);
  }

  /** Fix the axis to the span of all loaded events, so brushing and filtering never move it. */
  setDomain(events) {
    let first = Infinity;
    let last = -Infinity;
    for (const event of events) {
      if (!event.event_date) continue;
      const day = dayNumber(event.event_date);
      if (day < first) first = day;
      if (day > last) last = day;
    }
    [this.first, this.last] = first <= last ? [first, last] : [null, null];
  }

  /** Show `events` (already filtered on everything but dates) and the selected range. */
  update(events, since, until) {
    this.counts = new Map();
    for (const event of events) {
      if (!event.event_date) continue;
      const day = dayNumber(event.event_date);
      this.counts.set(day, (this.counts.get(day) ?? 0) + 1);
    }
    this.selection = since || until ? [since ? dayNumber(since) : this.first, until ? dayNumber(until) : this.last] : null;
    this.render();
  }

  #geometry() {
    const width = this.container.clientWidth;
    const height = this.container.clientHeight;
    const days = this.last - this.first + 1;
    const plotWidth = Math.max(1, width - MARGIN.left - MARGIN.right);
    return { width, height, days, plotWidth, band: plotWidth / days, baseline: height - MARGIN.bottom };
  }

  /** Draw the bars and the axis anew (new data or a new size), then the selection. */
  render() {
    this.svg.replaceChildren();
    this.bars = []; // [day number, <rect>]
    this.brush = null;
    this.total = [...this.counts.values()].reduce((sum, n) => sum + n, 0);
    this.svg.dataset.total = String(this.total);
    if (this.first === null || this.container.clientWidth === 0) {
      this.caption.textContent = "No dated events to chart";
      this.svg.setAttribute("aria-label", this.caption.textContent);
      return;
    }
    const { width, height, days, band, baseline } = this.#geometry();
    this.svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    const peak = Math.max(1, ...this.counts.values());
    const scale = (baseline - MARGIN.top) / peak;
    const group = svgElement("g");
    for (const [day, count] of this.counts) {
      const barHeight = Math.max(1, count * scale);
      const rect = svgElement("rect", {
        class: "bar",
        x: MARGIN.left + (day - this.first) * band + (band > 3 ? 0.5 : 0),
        y: baseline - barHeight,
        width: Math.max(1, band > 3 ? band - 1 : band),
        height: barHeight,
        "data-day": isoDay(day),
        "data-count": count,
      });
      const title = svgElement("title");
      title.textContent = `${isoDay(day)}: ${count} event${count === 1 ? "" : "s"}`;
      rect.append(title);
      group.append(rect);
      this.bars.push([day, rect]);
    }
    const line = svgElement("line", { class: "baseline", x1: MARGIN.left, x2: width - MARGIN.right, y1: baseline, y2: baseline });
    this.brush = svgElement("rect", { class: "brush", y: MARGIN.top - 4, height: baseline - MARGIN.top + 4 });
    this.svg.append(group, line, this.brush);
    this.#axis(width, height, days, band, baseline, peak);
    this.#paintSelection();
  }

  /** Show the selected range (bars outside it greyed, the brush over it): cheap enough for every drag step. */
  #paintSelection() {
    if (!this.brush) return;
    const [from, to] = this.selection ?? [this.first, this.last];
    for (const [day, rect] of this.bars) rect.classList.toggle("out", day < from || day > to);
    const { band } = this.#geometry();
    this.brush.setAttribute("x", String(MARGIN.left + (from - this.first) * band));
    this.brush.setAttribute("width", String(Math.max(2, (to - from + 1) * band)));
    this.brush.style.display = this.selection ? "" : "none";
    this.#describe(from, to);
  }

  #axis(width, height, days, band, baseline, peak) {
    const label = (text, x, y, anchor) => {
      const element = svgElement("text", { class: "axis", x, y, "text-anchor": anchor });
      element.textContent = text;
      this.svg.append(element);
    };
    label(String(peak), MARGIN.left - 4, MARGIN.top + 8, "end");
    label("0", MARGIN.left - 4, baseline, "end");
    const ticks = Math.max(1, Math.min(days, Math.floor((width - MARGIN.left) / 110)));
    for (let i = 0; i < ticks; i += 1) {
      const day = this.first + Math.round((i * (days - 1)) / Math.max(1, ticks - 1));
      const x = MARGIN.left + (day - this.first + 0.5) * band;
      const anchor = i === 0 ? "start" : i === ticks - 1 && ticks > 1 ? "end" : "middle";
      label(isoDay(day), x, height - 5, anchor);
    }
  }

  #describe(from, to) {
    const range = `${isoDay(from)} to ${isoDay(to)}`;
    const selected = this.selection
      ? this.bars.reduce((sum, [day]) => (day >= from && day <= to ? sum + this.counts.get(day) : sum), 0)
      : this.total;
    const [n, of] = [selected.toLocaleString("en"), this.total.toLocaleString("en")];
    const text = this.selection
      ? `${n} of ${of} dated events selected, ${range} — drag to change, click to clear`
      : `${of} dated events, ${range} — drag across the bars to select dates`;
    this.caption.textContent = text;
    this.svg.setAttribute("aria-label", `Histogram of events per day: ${text}`);
  }

  #dayAt(clientX) {
    const { band } = this.#geometry();
    const x = clientX - this.svg.getBoundingClientRect().left - MARGIN.left;
    return Math.min(this.last, Math.max(this.first, this.first + Math.floor(x / band)));
  }

  #brushStart(event) {
    if (this.first === null || event.button !== 0) return;
    event.preventDefault();
    this.svg.setPointerCapture(event.pointerId);
    const anchor = this.#dayAt(event.clientX);
    const startX = event.clientX;
    let range = [anchor, anchor];
    const move = (moved) => {
      const day = this.#dayAt(moved.clientX);
      range = [Math.min(anchor, day), Math.max(anchor, day)];
      this.selection = range;
      this.#paintSelection();
    };
    const end = (ended) => {
      this.svg.removeEventListener("pointermove", move);
      this.svg.removeEventListener("pointerup", end);
      this.svg.removeEventListener("pointercancel", end);
      const dragged = Math.abs(ended.clientX - startX) >= 3;
      this.onSelect(dragged ? { since: isoDay(range[0]), until: isoDay(range[1]) } : null);
    };
    this.svg.addEventListener("pointermove", move);
    this.svg.addEventListener("pointerup", end);
    this.svg.addEventListener("pointercancel", end);
  }
}
