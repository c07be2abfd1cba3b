// The detail panel of one event: its fields, sources, claims, and every report that told it with
// the evidence highlighted. Everything here comes from reports, so it is set as text, never HTML.

import { highlightedText } from "./highlight.js";
import { colourOf } from "./types.js";

const PRECISION = { 1: "day", 2: "week", 3: "month or vaguer" };

function element(name, text, className) {
  const node = document.createElement(name);
  if (text != null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function joined(...parts) {
  return parts.filter((part) => part != null && part !== "").join(", ");
}

function fieldList(record) {
  const dates = record.date_end && record.date_end !== record.event_date
    ? `${record.event_date} to ${record.date_end}`
    : record.event_date ?? "undated";
  const toll = record.fatalities_high > record.fatalities_low
    ? `${record.fatalities} (reported ${record.fatalities_low}–${record.fatalities_high})`
    : String(record.fatalities);
  const rows = [
    ["Date", `${dates} (precision: ${PRECISION[record.time_precision] ?? record.time_precision})`],
    ["Actor 1", record.actor1],
    ["With", record.assoc_actor_1],
    ["Actor 2", record.actor2],
    ["With", record.assoc_actor_2],
    ["Location", joined(record.location, record.admin2, record.admin1, record.country)],
    [
      "Coordinates",
      record.latitude != null
        ? `${record.latitude.toFixed(4)}, ${record.longitude.toFixed(4)} (precision ${record.geo_precision ?? "?"})`
        : null,
    ],
    ["Fatalities", record.fatalities_qualifier ? `${toll}, “${record.fatalities_qualifier}”` : toll],
    ["Injured", record.injured],
    ["Verification", record.verification],
    ["Event id", record.event_id],
  ];
  const list = document.createElement("dl");
  for (const [label, value] of rows) {
    if (value == null || value === "") continue;
    list.append(element("dt", label), element("dd", value));
  }
  return list;
}

function claimTable(claims) {
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  for (const label of ["Figure", "Victims", "Claimed by", "Citing"]) {
    const cell = element("th", label);
    cell.scope = "col";
    head.append(cell);
  }
  const body = table.createTBody();
  for (const claim of claims) {
    const figure = claim.high > claim.low ? `${claim.low}–${claim.high}` : String(claim.value);
    const row = body.insertRow();
    row.insertCell().textContent = `${claim.kind}: ${claim.qualifier ? `${claim.qualifier} ` : ""}${figure}`;
    row.insertCell().textContent = claim.group ?? "";
    row.insertCell().textContent = claim.claimant ?? "unattributed";
    row.insertCell().textContent = claim.cited ?? "";
  }
  return table;
}

/** A link only for web addresses: a report's URL is untrusted and could be `javascript:`. */
function safeLink(url, text) {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
    const link = element("a", text);
    link.href = parsed.href;
    link.rel = "noopener noreferrer nofollow";
    link.target = "_blank";
    return link;
  } catch {
    return null;
  }
}

function reportView(report, record) {
  const box = element("article", null, "report");
  const header = document.createElement("header");
  header.append(element("strong", report.title || report.source || report.id));
  const about = joined(report.title ? report.source : null, report.published, report.id);
  if (about) header.append(document.createTextNode(` — ${about}`));
  const link = report.url ? safeLink(report.url, "open the original") : null;
  if (link) header.append(document.createTextNode(" · "), link);
  const sentences = [...record.evidence, ...record.claims.map((claim) => claim.evidence)];
  const figures = record.claims.filter((claim) => claim.report_id === report.id);
  const { fragment } = highlightedText(report.text, sentences, figures);
  const text = element("div", null, "report-text");
  text.tabIndex = 0; // scrollable region: reachable by keyboard
  text.setAttribute("aria-label", `Text of report ${report.id}`);
  text.append(fragment);
  box.append(header, text);
  return box;
}

/** Fill `container` with the event `record` (as GET /api/events/{id} returns it). */
export function renderDetail(container, record) {
  const title = element("h2", record.sub_event_type || record.event_type);
  title.id = "detail-heading";
  const kind = element("p", null, "kind");
  const swatch = element("span", null, "swatch");
  swatch.style.background = colourOf(record.event_type);
  swatch.style.display = "inline-block";
  kind.append(swatch, document.createTextNode(` ${record.event_type} · ${record.location ?? "unknown place"}`));
  container.replaceChildren(title, kind, fieldList(record));

  if (record.notes) container.append(element("h3", "Notes"), element("p", record.notes));

  container.append(element("h3", `Sources (${record.sources.length})`));
  const sources = document.createElement("ul");
  sources.className = "sources";
  for (const source of record.sources) sources.append(element("li", source));
  if (!record.sources.length) sources.append(element("li", "none named"));
  container.append(sources);

  if (record.claims.length) container.append(element("h3", `Claims (${record.claims.length})`), claimTable(record.claims));

  container.append(element("h3", "Evidence"));
  for (const sentence of record.evidence) container.append(element("blockquote", sentence));

  const reports = record.reports ?? [];
  container.append(element("h3", `Reports (${reports.length})`));
  for (const report of reports) container.append(reportView(report, record));
}
