// The two small forms of the sidebar: adding a report (POST /api/reports) and the map settings.

import { postDocument, postReport } from "./api.js";

const TOKEN_KEY = "frontwatch.token"; // sessionStorage: forgotten when the tab closes
const TILE_KEY = "frontwatch.tileUrl"; // localStorage: a preference, not a secret
const MEDIA_TYPES = { html: "text/html", htm: "text/html", md: "text/markdown", markdown: "text/markdown" };

function mediaTypeOf(file) {
  return MEDIA_TYPES[file.name.split(".").pop().toLowerCase()] ?? "text/plain";
}

function say(status, text, kind = "") {
  status.textContent = text;
  status.className = `status ${kind}`.trim();
}

/** The report form; `onCoded(response)` receives the API's {report_id, stored, events}. */
export function setupReportForm(form, onCoded) {
  const field = (name) => form.elements.namedItem(name);
  const token = field("token");
  const status = form.querySelector("#report-status");
  const submit = form.querySelector("button[type=submit]");
  token.value = sessionStorage.getItem(TOKEN_KEY) ?? "";
  token.addEventListener("input", () => sessionStorage.setItem(TOKEN_KEY, token.value));

  // An HTML or Markdown file is sent as the document itself, for the server to extract the article
  // and its title, unless its text was edited in the box; everything else is sent as text.
  let file = null;
  let fileText = "";
  form.querySelector("#report-file").addEventListener("change", async (event) => {
    [file] = event.target.files;
    if (!file) return;
    fileText = await file.text();
    field("text").value = fileText;
    say(status, `Loaded ${file.name} (${file.size.toLocaleString("en")} bytes).`);
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const meta = {};
    for (const name of ["published", "source", "title"]) {
      const value = field(name).value.trim();
      if (value) meta[name] = value;
    }
    const text = field("text").value;
    submit.disabled = true;
    say(status, "Coding the report…");
    try {
      const asDocument = file && text === fileText && mediaTypeOf(file) !== "text/plain";
      const result = asDocument
        ? await postDocument(file, mediaTypeOf(file), { published: meta.published, source: meta.source }, token.value.trim())
        : await postReport({ text, ...meta }, token.value.trim());
      const what = `${result.events.length} event${result.events.length === 1 ? "" : "s"}`;
      const outcome = result.stored ? "Stored report" : "Already stored: report";
      say(status, `${outcome} ${result.report_id}, ${what}.`, "ok");
      await onCoded(result);
    } catch (error) {
      say(status, `Not stored — ${error.message}`, "error");
    } finally {
      submit.disabled = false;
    }
  });
}

/** A tile URL must be a web address with {z}, {x} and {y}; anything else is refused with a reason. */
function tileProblem(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return "that is not a URL";
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return "the URL must start with https://";
  const missing = ["{z}", "{x}", "{y}"].filter((part) => !url.includes(part));
  return missing.length ? `the URL needs ${missing.join(", ")}` : null;
}

/** The tile URL setting; `apply(url)` is called now with the saved value and again on every change. */
export function setupSettings(form, apply) {
  const input = form.elements.namedItem("tile_url");
  const status = form.querySelector("#settings-status");
  input.value = localStorage.getItem(TILE_KEY) ?? "";
  if (input.value && !tileProblem(input.value)) apply(input.value);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = input.value.trim();
    const problem = url ? tileProblem(url) : null;
    if (problem) {
      say(status, `Not applied: ${problem}.`, "error");
      return;
    }
    if (url) localStorage.setItem(TILE_KEY, url);
    else localStorage.removeItem(TILE_KEY);
    apply(url);
    say(status, url ? "Tiles on (they load from that server)." : "Offline outlines only.", "ok");
  });
}
