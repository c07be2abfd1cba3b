// Client-side filtering over the loaded events, with the API's semantics (see store.EventQuery):
// actor is a case-insensitive substring of any of the four actor fields, dates are inclusive
// ISO days, and an undated event never matches a date bound.

const ACTOR_FIELDS = ["actor1", "assoc_actor_1", "actor2", "assoc_actor_2"];

/** Filters the server can apply too: when the loaded set is partial, they go into the query. */
export const SERVER_FILTERS = ["event_type", "actor", "verification"];

export function readFilters(form) {
  const data = new FormData(form);
  const value = (name) => String(data.get(name) ?? "").trim();
  return {
    event_type: value("event_type"),
    actor: value("actor"),
    since: value("since"),
    until: value("until"),
    verification: value("verification"),
  };
}

/** Does `event` pass `filters`? With `dates: false` the date range is ignored (the timeline's view). */
export function matches(event, filters, { dates = true } = {}) {
  if (filters.event_type && event.event_type !== filters.event_type) return false;
  if (filters.verification && event.verification !== filters.verification) return false;
  if (filters.actor) {
    const needle = filters.actor.toLowerCase();
    if (!ACTOR_FIELDS.some((name) => (event[name] || "").toLowerCase().includes(needle))) return false;
  }
  if (dates && (filters.since || filters.until)) {
    const day = event.event_date;
    if (!day) return false;
    if (filters.since && day < filters.since) return false;
    if (filters.until && day > filters.until) return false;
  }
  return true;
}

/** The server-side part of `filters`, as API query parameters. */
export function serverQuery(filters) {
  return Object.fromEntries(SERVER_FILTERS.filter((name) => filters[name]).map((name) => [name, filters[name]]));
}

/** Replace a <select>'s options after its first ("all") one by `values`, always keeping the current choice. */
export function fillSelect(select, values, label = (value) => value) {
  const chosen = select.value;
  const offered = chosen && !values.includes(chosen) ? [...values, chosen] : values;
  while (select.options.length > 1) select.remove(1);
  for (const value of offered) {
    select.add(new Option(label(value), value));
  }
  select.value = chosen;
}
