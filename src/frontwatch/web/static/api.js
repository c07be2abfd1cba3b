// The dashboard's only channel to the server: the frontwatch REST API on the same origin.

export const PAGE_SIZE = 10000; // the API's largest page

/**
 * What the map, the timeline, the list and the client-side filters read. The detail panel fetches
 * the full record of one event, so the claims, evidence and notes of thousands are not sent.
 */
const LIST_FIELDS = [
  "event_id", "event_date", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
  "assoc_actor_2", "location", "latitude", "longitude", "fatalities", "verification",
].join(",");

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * A readable message from an error response. frontwatch sends {"error": "<one line>", "detail": ...};
 * plain FastAPI sends {"detail": "..."} or a list of problems.
 */
async function errorOf(response) {
  let message = response.statusText || `HTTP ${response.status}`;
  try {
    const body = await response.json();
    if (typeof body.error === "string") {
      message = body.error;
    } else if (typeof body.detail === "string") {
      message = body.detail;
    } else if (Array.isArray(body.detail)) {
      message = body.detail.map((problem) => `${(problem.loc || []).join(".")}: ${problem.msg}`).join("; ");
    }
  } catch {
    // Not JSON: the status text will do.
  }
  return new ApiError(response.status, `${response.status}: ${message}`);
}

/**
 * The Authorization header for `token`. Header values travel as bytes and fetch() only accepts
 * characters up to U+00FF, sending each as one byte; a token is compared as UTF-8, so it is sent
 * as its UTF-8 bytes, one character per byte (a non-ASCII token would otherwise be refused).
 */
function bearer(token) {
  return `Bearer ${String.fromCharCode(...new TextEncoder().encode(token))}`;
}

async function request(url, options = {}) {
  const response = await fetch(url, { headers: { Accept: "application/json" }, ...options });
  if (!response.ok) {
    throw await errorOf(response);
  }
  return response.json();
}

/** How many events match `filters` now: one id is fetched, the total is what is read. */
export async function fetchTotal(filters) {
  const params = new URLSearchParams({ limit: "1", fields: "event_id" });
  for (const [name, value] of Object.entries(filters)) {
    if (value !== "" && value != null) {
      params.set(name, value);
    }
  }
  return (await request(`/api/events?${params}`)).total;
}

/** One page of events: {events, total, next}. `filters` holds API query parameters; empty ones are dropped. */
export function fetchEvents(filters, cursor = null) {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE), fields: LIST_FIELDS });
  for (const [name, value] of Object.entries(filters)) {
    if (value !== "" && value != null) {
      params.set(name, value);
    }
  }
  if (cursor) {
    params.set("cursor", cursor);
  }
  return request(`/api/events?${params}`);
}

/** One event with its claims and the full reports that told it. */
export function fetchEvent(eventId) {
  return request(`/api/events/${encodeURIComponent(eventId)}`);
}

/** Code and store a report given as JSON ({text, published?, source?, title?}): {report_id, stored, events}. */
export function postReport(report, token) {
  return request("/api/reports", {
    method: "POST",
    headers: { Accept: "application/json", "Content-Type": "application/json", Authorization: bearer(token) },
    body: JSON.stringify(report),
  });
}

/**
 * Code and store a document as it is (an HTML page has its main text and metadata extracted by the
 * server); `mediaType` is text/html, text/markdown or text/plain, `params` {published?, source?}.
 */
export function postDocument(body, mediaType, params, token) {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value));
  return request(`/api/reports?${query}`, {
    method: "POST",
    headers: { Accept: "application/json", "Content-Type": mediaType, Authorization: bearer(token) },
    body,
  });
}
