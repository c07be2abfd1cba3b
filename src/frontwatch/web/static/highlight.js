// Report text with its evidence sentences and claimed figures marked, built only from text nodes
// and <mark> elements: the report is untrusted and must never be parsed as HTML.

const SURROGATE = /[\uD800-\uDFFF]/;

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Where `sentence` stands in `text`: exactly, or with any run of whitespace standing for any other. */
function findSentence(text, sentence) {
  const exact = text.indexOf(sentence);
  if (exact >= 0) return [exact, exact + sentence.length];
  const words = sentence.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return null;
  const match = new RegExp(words.map(escapeRegExp).join("\\s+")).exec(text);
  return match ? [match.index, match.index + match[0].length] : null;
}

/**
 * Claim offsets count code points (Python), JavaScript strings count UTF-16 units: the two differ
 * after any character outside the Basic Multilingual Plane (emoji, some scripts).
 */
function codeUnitOffsets(text) {
  if (!SURROGATE.test(text)) return (offset) => offset;
  const units = [0];
  for (const character of text) units.push(units[units.length - 1] + character.length);
  return (offset) => units[Math.min(offset, units.length - 1)];
}

/**
 * A fragment showing `text` with each `sentences` entry in <mark class="evidence"> and each
 * figure span ({start, end} in code points) in <mark class="figure">. Returns the fragment and
 * how many sentences were found.
 */
export function highlightedText(text, sentences, figures = []) {
  const toUnits = codeUnitOffsets(text);
  const evidence = [];
  for (const sentence of new Set(sentences)) {
    const range = sentence ? findSentence(text, sentence) : null;
    if (range) evidence.push(range);
  }
  const spans = figures
    .map(({ start, end }) => [toUnits(start), toUnits(end)])
    .filter(([start, end]) => start >= 0 && end > start && end <= text.length);

  const cuts = new Set([0, text.length]);
  for (const [start, end] of [...evidence, ...spans]) cuts.add(start).add(end);
  const points = [...cuts].sort((a, b) => a - b);
  const covers = (ranges, at) => ranges.some(([start, end]) => start <= at && at < end);

  const fragment = document.createDocumentFragment();
  let mark = null; // the evidence <mark> the current segment continues
  for (let i = 0; i < points.length - 1; i += 1) {
    const [start, end] = [points[i], points[i + 1]];
    const piece = document.createTextNode(text.slice(start, end));
    if (covers(evidence, start)) {
      if (!mark) {
        mark = document.createElement("mark");
        mark.className = "evidence";
        fragment.append(mark);
      }
    } else {
      mark = null;
    }
    const parent = mark ?? fragment;
    if (covers(spans, start)) {
      const figure = document.createElement("mark");
      figure.className = "figure";
      figure.append(piece);
      parent.append(figure);
    } else {
      parent.append(piece);
    }
  }
  return { fragment, found: evidence.length };
}
