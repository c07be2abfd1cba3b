// Event-type colours (Okabe–Ito, distinguishable with the common colour-vision deficiencies).
// Keyed by ACLED's event-type names as the API returns them; anything else is drawn grey.

const TYPE_COLOURS = new Map([
  ["Battles", "#D55E00"],
  ["Explosions/Remote violence", "#E69F00"],
  ["Violence against civilians", "#CC79A7"],
  ["Protests", "#009E73"],
  ["Riots", "#F0E442"],
  ["Strategic developments", "#0072B2"],
]);

const OTHER_COLOUR = "#8a8f98";

export function colourOf(eventType) {
  return TYPE_COLOURS.get(eventType) ?? OTHER_COLOUR;
}

/** Marker radius in pixels: visible for zero deaths, growing with the log of the toll. */
export function radiusOf(fatalities) {
  return 5 + Math.min(13, 3 * Math.log2(1 + Math.max(0, fatalities || 0)));
}
