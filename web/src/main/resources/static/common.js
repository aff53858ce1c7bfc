// Shared by every page: API calls (with the optional API key), problem details, SSE over fetch,
// and the header's status pills.
"use strict";

const KEY_STORE = "glyphwright.apiKey";

/** An API refusal: the RFC 9457 problem object the service answered with. */
class ApiError extends Error {
  constructor(problem, status) {
    super(problem.detail || problem.title || ("HTTP " + status));
    this.problem = problem;
    this.status = status;
  }
}

function apiHeaders(extra) {
  const headers = Object.assign({}, extra || {});
  const key = sessionStorage.getItem(KEY_STORE);
  if (key) headers["X-API-Key"] = key;
  return headers;
}

/** fetch() against the API; throws ApiError with the problem on any non-2xx answer. */
async function api(path, options) {
  const opts = Object.assign({}, options || {});
  opts.headers = apiHeaders(opts.headers);
  const response = await fetch(path, opts);
  if (!response.ok) {
    let problem;
    try {
      problem = await response.json();
    } catch (e) {
      problem = { title: "HTTP " + response.status, detail: response.statusText, status: response.status };
    }
    if (response.status === 401) askForKey(problem.detail);
    throw new ApiError(problem, response.status);
  }
  return response;
}

async function apiJson(path, body) {
  const response = await api(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Accept": "application/json" },
    body: JSON.stringify(body),
  });
  return response.json();
}

/**
 * Follows a job's server-sent events. fetch() instead of EventSource, so that the API key header
 * can be sent. Calls handlers[type](data) for progress, preview, done and error.
 */
async function followJob(eventsUrl, handlers) {
  const response = await api(eventsUrl, { headers: { "Accept": "text/event-stream" } });
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, "");
      let type = "message";
      const data = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith("event:")) type = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      if (data.length && handlers[type]) handlers[type](JSON.parse(data.join("\n")));
    }
  }
}

/** Shows a problem in an element: title, detail, and the request id for support. */
function showProblem(el, err, kind) {
  el.hidden = false;
  el.className = "notice " + (kind || "bad");
  el.replaceChildren();
  const strong = document.createElement("strong");
  const p = err.problem || { title: "Request failed", detail: String(err.message || err) };
  strong.textContent = p.title || "Request failed";
  const detail = document.createElement("div");
  detail.textContent = p.detail || "";
  el.append(strong, detail);
}

function showNotice(el, kind, title, lines) {
  el.hidden = false;
  el.className = "notice " + kind;
  el.replaceChildren();
  const strong = document.createElement("strong");
  strong.textContent = title;
  el.append(strong);
  if (lines && lines.length) {
    const ul = document.createElement("ul");
    for (const text of lines) {
      const li = document.createElement("li");
      li.textContent = text;
      ul.append(li);
    }
    el.append(ul);
  }
}

function askForKey(detail) {
  if (document.getElementById("api-key-banner")) return;
  const banner = document.createElement("form");
  banner.id = "api-key-banner";
  banner.className = "notice warn";
  banner.style.margin = "12px 24px 0";
  banner.innerHTML =
    '<strong>This service needs an API key</strong><div class="row" style="margin-top:6px">' +
    '<div><label for="api-key-input">API key (kept for this tab only)</label>' +
    '<input id="api-key-input" type="text" autocomplete="off"></div>' +
    '<div style="flex:0"><button class="primary" type="submit">Use key</button></div></div>';
  banner.querySelector("div.row").insertAdjacentText("beforebegin", detail || "");
  banner.addEventListener("submit", (e) => {
    e.preventDefault();
    sessionStorage.setItem(KEY_STORE, banner.querySelector("input").value.trim());
    location.reload();
  });
  document.querySelector("header.top").after(banner);
}

/** Fills the header's status pills from GET /v1/models; returns the models object. */
async function loadModels() {
  const pill = document.getElementById("gen-status");
  try {
    const models = await (await api("/v1/models", { headers: { "Accept": "application/json" } })).json();
    if (pill) {
      pill.className = "pill " + (models.diffusion.available ? "ok" : "warn");
      pill.textContent = models.diffusion.available
        ? "Generation: " + models.diffusion.model
        : "Generation: no diffusion model installed";
      pill.title = models.diffusion.detail;
    }
    const ocr = document.getElementById("ocr-status-pill");
    if (ocr) {
      const ready = models.ocr.filter((e) => e.available).map((e) => e.engine);
      ocr.className = "pill " + (ready.length ? "ok" : "bad");
      ocr.textContent = ready.length ? "OCR: " + ready.join(", ") : "OCR: not installed";
    }
    return models;
  } catch (err) {
    if (pill) {
      pill.className = "pill bad";
      pill.textContent = "Service unreachable";
      pill.title = err.message;
    }
    return null;
  }
}

/** Fills a planner <select> from GET /v1/models: usable planners first, the others disabled. */
function fillPlanners(select, models) {
  if (!models) return;
  const current = select.value;
  select.replaceChildren();
  for (const p of models.planners) {
    const o = document.createElement("option");
    o.value = p.name;
    o.textContent = p.available ? p.name : p.name + " (not available)";
    o.disabled = !p.available;
    o.title = p.detail;
    select.append(o);
  }
  const usable = models.planners.filter((p) => p.available).map((p) => p.name);
  select.value = usable.includes(current) ? current : usable[0] || "";
}
