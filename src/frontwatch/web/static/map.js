// The map: offline Natural Earth outlines (optionally under an online tile layer), and one circle
// marker per event, clustered by leaflet.markercluster so that 10,000 events stay fluid.
// Leaflet, markercluster and topojson-client are the vendored UMD globals loaded by index.html.

import { colourOf, radiusOf } from "./types.js";

const L = window.L;
const OUTLINES_URL = "/static/vendor/world-atlas/countries-50m.json";
const WORLD_VIEW = { center: [25, 20], zoom: 2 };
// Deep enough for a village (events are coded to a town at best); markercluster builds one grid per
// zoom level, so every level more is paid for in drawing time.
const MAX_ZOOM = 14;

/** The tooltip of a marker, built as DOM text: event fields come from reports and are untrusted. */
function tooltipOf(event) {
  const box = document.createElement("div");
  box.className = "fw-tip";
  const title = document.createElement("strong");
  title.textContent = `${event.sub_event_type || event.event_type} — ${event.location || "unknown place"}`;
  const line = document.createElement("span");
  line.textContent = `${event.event_date || "undated"} · ${event.actor1 || "unknown actor"} · ${event.fatalities} killed`;
  box.append(title, line);
  return box;
}

/** A cluster drawn as a ring of its event types' shares, sized by how many events it holds. */
function clusterIcon(cluster) {
  const shares = new Map();
  const markers = cluster.getAllChildMarkers();
  for (const marker of markers) {
    const colour = colourOf(marker.options.event.event_type);
    shares.set(colour, (shares.get(colour) ?? 0) + 1);
  }
  let angle = 0;
  const stops = [];
  for (const [colour, n] of shares) {
    const next = angle + (360 * n) / markers.length;
    stops.push(`${colour} ${angle}deg ${next}deg`);
    angle = next;
  }
  const size = Math.round(26 + 8 * Math.log10(markers.length));
  const element = document.createElement("div");
  element.className = "fw-cluster";
  element.style.width = element.style.height = `${size}px`;
  element.style.background = `conic-gradient(${stops.join(", ")})`;
  element.title = `${markers.length} events — click to zoom in`;
  const count = document.createElement("span");
  count.textContent = String(markers.length);
  element.append(count);
  return L.divIcon({ html: element, className: "", iconSize: [size, size] });
}

export class EventMap {
  /** `onSelect(eventId)` fires when a marker is clicked. */
  constructor(element, onSelect) {
    this.element = element;
    this.onSelect = onSelect;
    this.map = L.map(element, { worldCopyJump: true, minZoom: 2, maxZoom: MAX_ZOOM }).setView(WORLD_VIEW.center, WORLD_VIEW.zoom);
    this.map.attributionControl.setPrefix(false);
    this.map.createPane("outlines").style.zIndex = "250";
    this.map.createPane("halo").style.zIndex = "650"; // above markers and clusters (600)
    this.halo = null;
    this.markers = new Map(); // event_id -> circle marker
    this.tiles = null;
    this.cluster = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 50,
      iconCreateFunction: clusterIcon,
    });
    this.map.addLayer(this.cluster);
  }

  /** Draw the country outlines from the vendored TopoJSON (no network beyond this server). */
  async loadOutlines() {
    const response = await fetch(OUTLINES_URL);
    if (!response.ok) throw new Error(`could not load the basemap (${response.status})`);
    const topology = await response.json();
    const countries = window.topojson.feature(topology, topology.objects.countries);
    this.outlines = L.geoJSON(countries, {
      pane: "outlines",
      renderer: L.canvas({ pane: "outlines" }),
      interactive: false,
      style: () => this.#outlineStyle(),
    }).addTo(this.map);
    this.map.attributionControl.addAttribution("Outlines: Natural Earth");
  }

  #outlineStyle() {
    const online = this.tiles !== null;
    return { color: "#8d98a8", weight: 0.8, fillColor: "#f8f6f1", fillOpacity: online ? 0 : 1 };
  }

  /** Put an online tile layer under the outlines, or remove it (`url` empty). */
  setTileUrl(url) {
    if (this.tiles) {
      this.tiles.remove();
      this.tiles = null;
    }
    if (url) {
      this.tiles = L.tileLayer(url, { maxZoom: MAX_ZOOM, attribution: "Tiles: as configured" }).addTo(this.map);
    }
    this.outlines?.setStyle(this.#outlineStyle());
  }

  /** The event's marker, made once per event record (a record fetched anew gets a new marker). */
  #markerOf(event) {
    let marker = this.markers.get(event.event_id);
    if (marker?.options.event !== event) {
      const colour = colourOf(event.event_type);
      marker = L.circleMarker([event.latitude, event.longitude], {
        radius: radiusOf(event.fatalities),
        color: "#1d2430",
        weight: 1,
        fillColor: colour,
        fillOpacity: 0.85,
        className: "fw-marker",
        event,
      });
      marker.bindTooltip(() => tooltipOf(event), { direction: "top" });
      marker.on("click", () => this.onSelect(event.event_id));
      // Named in the DOM whenever it is drawn on its own (out of a cluster): for tests and tools.
      marker.on("add", () => marker.getElement()?.setAttribute("data-event-id", event.event_id));
      this.markers.set(event.event_id, marker);
    }
    return marker;
  }

  /**
   * Replace the drawn markers by `events` (those with coordinates); resolves after the next frame.
   * Synchronous on purpose: markercluster's chunked loading keeps adding a superseded batch after
   * clearLayers(), and 10,000 markers cluster in well under a second anyway.
   */
  show(events) {
    const layers = [];
    for (const event of events) {
      if (event.latitude != null && event.longitude != null) layers.push(this.#markerOf(event));
    }
    this.cluster.clearLayers();
    this.cluster.addLayers(layers);
    this.element.dataset.drawn = String(layers.length);
    return new Promise((resolve) => requestAnimationFrame(() => resolve(layers.length)));
  }

  /** Frame `events` (all of them when nothing is filtered), or the world when none has coordinates. */
  fit(events) {
    const points = events.filter((e) => e.latitude != null && e.longitude != null).map((e) => [e.latitude, e.longitude]);
    if (points.length) {
      this.map.fitBounds(L.latLngBounds(points), { padding: [30, 30], maxZoom: 9 });
    } else {
      this.map.setView(WORLD_VIEW.center, WORLD_VIEW.zoom);
    }
  }

  /**
   * Ring an event's place (above any cluster that hides its marker) and pan it into view, clear of
   * `coveredRight` pixels on the right (the detail panel). The zoom is left as the reader set it.
   */
  highlight(eventId, coveredRight = 0) {
    this.clearHighlight();
    const marker = this.markers.get(eventId);
    if (!marker) return;
    const place = marker.getLatLng();
    this.halo = L.circleMarker(place, {
      pane: "halo",
      radius: marker.options.radius + 6,
      color: "#0b5cad",
      weight: 3,
      fill: false,
      interactive: false,
      className: "fw-halo",
    }).addTo(this.map);
    this.map.panInside(place, { paddingTopLeft: [40, 40], paddingBottomRight: [coveredRight + 40, 40] });
  }

  clearHighlight() {
    this.halo?.remove();
    this.halo = null;
  }
}
