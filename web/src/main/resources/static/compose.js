// The compose page: prompt → planned layout → editable boxes → live glyph mask → generate.
"use strict";

const GRID = 128;
const MAX_CSS_W = 400;
const MAX_CSS_H = 600;
const HANDLE = 7;

const state = {
  layout: null, // {width, height, grid, lines: [{text, box:[l,t,r,b], font, color}]}
  selected: -1,
  version: 0,
  fonts: ["auto"],
  drag: null,
};

const $ = (id) => document.getElementById(id);
const canvas = $("layout-canvas");
const ctx = canvas.getContext("2d");
let cssW = MAX_CSS_W;
let cssH = MAX_CSS_H;

// ---- size presets ---------------------------------------------------------------------------

function presetChanged() {
  const value = document.querySelector('input[name="preset"]:checked').value;
  if (value !== "custom") {
    const [w, h] = value.split("x").map(Number);
    $("width").value = w;
    $("height").value = h;
  }
  sizeChanged();
}

function sizeChanged() {
  const w = Number($("width").value);
  const h = Number($("height").value);
  if (!(w >= 64 && h >= 64)) return;
  if (state.layout) {
    state.layout.width = w;
    state.layout.height = h;
    changed(true);
  } else {
    fitCanvas(w, h);
    draw();
  }
}

for (const radio of document.querySelectorAll('input[name="preset"]')) {
  radio.addEventListener("change", presetChanged);
}
for (const id of ["width", "height"]) {
  $(id).addEventListener("change", () => {
    $("preset-custom").checked = true;
    sizeChanged();
  });
}

// ---- planning -------------------------------------------------------------------------------

$("plan-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const messages = $("plan-messages");
  messages.hidden = true;
  $("plan").disabled = true;
  try {
    const res = await apiJson("/v1/layouts", {
      prompt: $("prompt").value,
      width: Number($("width").value),
      height: Number($("height").value),
      planner: $("planner").value,
    });
    state.layout = {
      width: res.layout.width,
      height: res.layout.height,
      grid: res.layout.grid,
      lines: res.layout.lines.map((l) => ({ text: l.text, box: l.box.slice(), font: l.font, color: l.color })),
    };
    state.selected = state.layout.lines.length ? 0 : -1;
    const notes = res.notes.concat(res.repairs);
    showNotice(
      messages,
      notes.length ? "info" : "ok",
      "Planned " + res.layout.lines.length + (res.layout.lines.length === 1 ? " line" : " lines") + " with the " + res.planner + " planner",
      notes
    );
    changed(true);
  } catch (err) {
    showProblem(messages, err);
  } finally {
    $("plan").disabled = false;
  }
});

// ---- drawing --------------------------------------------------------------------------------

function fitCanvas(w, h) {
  const scale = Math.min(MAX_CSS_W / w, MAX_CSS_H / h);
  cssW = Math.round(w * scale);
  cssH = Math.round(h * scale);
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(cssW * dpr);
  canvas.height = Math.round(cssH * dpr);
  canvas.style.width = cssW + "px";
  canvas.style.height = cssH + "px";
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
}

function toPx(box) {
  return {
    x: (box[0] / GRID) * cssW,
    y: (box[1] / GRID) * cssH,
    w: ((box[2] - box[0]) / GRID) * cssW,
    h: ((box[3] - box[1]) / GRID) * cssH,
  };
}

function draw() {
  ctx.clearRect(0, 0, cssW, cssH);
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, cssW, cssH);
  ctx.strokeStyle = "#eef0f5";
  ctx.lineWidth = 1;
  for (let g = 16; g < GRID; g += 16) {
    const x = Math.round((g / GRID) * cssW) + 0.5;
    const y = Math.round((g / GRID) * cssH) + 0.5;
    ctx.beginPath(); ctx.moveTo(x, 0); ctx.lineTo(x, cssH); ctx.stroke();
    ctx.beginPath(); ctx.moveTo(0, y); ctx.lineTo(cssW, y); ctx.stroke();
  }
  if (!state.layout) {
    ctx.fillStyle = "#8a93a3";
    ctx.font = "14px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.fillText("Plan a layout to edit it here", cssW / 2, cssH / 2);
    return;
  }
  state.layout.lines.forEach((line, i) => {
    const r = toPx(line.box);
    const sel = i === state.selected;
    ctx.fillStyle = sel ? "rgba(245,159,0,0.16)" : "rgba(59,91,219,0.10)";
    ctx.fillRect(r.x, r.y, r.w, r.h);
    ctx.strokeStyle = sel ? "#e8590c" : "#3b5bdb";
    ctx.lineWidth = sel ? 2 : 1.25;
    ctx.strokeRect(r.x + 0.5, r.y + 0.5, r.w - 1, r.h - 1);
    const size = Math.max(9, Math.min(r.h * 0.7, 28));
    ctx.font = "600 " + size + "px system-ui, sans-serif";
    ctx.fillStyle = sel ? "#7a2e00" : "#243b8f";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.save();
    ctx.beginPath();
    ctx.rect(r.x, r.y, r.w, r.h);
    ctx.clip();
    ctx.fillText(line.text, r.x + r.w / 2, r.y + r.h / 2, Math.max(10, r.w - 6));
    ctx.restore();
    ctx.font = "10px system-ui, sans-serif";
    ctx.textAlign = "left";
    ctx.textBaseline = "top";
    ctx.fillStyle = sel ? "#e8590c" : "#3b5bdb";
    ctx.fillText(String(i + 1), r.x + 2, r.y + 2);
    if (sel) {
      for (const [hx, hy] of corners(r)) {
        ctx.fillStyle = "#ffffff";
        ctx.strokeStyle = "#e8590c";
        ctx.lineWidth = 1.5;
        ctx.fillRect(hx - HANDLE / 2, hy - HANDLE / 2, HANDLE, HANDLE);
        ctx.strokeRect(hx - HANDLE / 2, hy - HANDLE / 2, HANDLE, HANDLE);
      }
    }
  });
}

function corners(r) {
  return [[r.x, r.y], [r.x + r.w, r.y], [r.x + r.w, r.y + r.h], [r.x, r.y + r.h]];
}

// ---- editing --------------------------------------------------------------------------------

function clampBox(box) {
  let [l, t, r, b] = box.map((v) => Math.round(v));
  l = Math.max(0, Math.min(l, GRID - 1));
  t = Math.max(0, Math.min(t, GRID - 1));
  r = Math.max(l + 1, Math.min(r, GRID));
  b = Math.max(t + 1, Math.min(b, GRID));
  return [l, t, r, b];
}

function moveBox(i, dx, dy) {
  const box = state.layout.lines[i].box;
  const w = box[2] - box[0];
  const h = box[3] - box[1];
  const l = Math.max(0, Math.min(GRID - w, box[0] + dx));
  const t = Math.max(0, Math.min(GRID - h, box[1] + dy));
  state.layout.lines[i].box = [l, t, l + w, t + h];
}

function select(i, announce) {
  state.selected = i;
  draw();
  updateRows();
  if (announce && i >= 0) {
    const line = state.layout.lines[i];
    $("selection-status").textContent = "Line " + (i + 1) + " selected: " + line.text + ", box " + line.box.join(",");
  }
}

/** Something in the layout changed: redraw, refresh the table, and re-render the mask. */
function changed(structural) {
  state.version += 1;
  fitCanvas(state.layout.width, state.layout.height);
  draw();
  if (structural) buildRows();
  else updateRows();
  scheduleMask();
}

function hit(x, y) {
  const lines = state.layout ? state.layout.lines : [];
  if (state.selected >= 0) {
    const r = toPx(lines[state.selected].box);
    const cs = corners(r);
    for (let k = 0; k < 4; k++) {
      if (Math.abs(x - cs[k][0]) <= HANDLE && Math.abs(y - cs[k][1]) <= HANDLE) {
        return { index: state.selected, corner: k };
      }
    }
  }
  for (let i = lines.length - 1; i >= 0; i--) {
    const r = toPx(lines[i].box);
    if (x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h) return { index: i, corner: -1 };
  }
  return null;
}

function pointer(e) {
  const rect = canvas.getBoundingClientRect();
  return { x: e.clientX - rect.left, y: e.clientY - rect.top };
}

canvas.addEventListener("pointerdown", (e) => {
  if (!state.layout) return;
  canvas.focus();
  const p = pointer(e);
  const h = hit(p.x, p.y);
  if (!h) {
    select(-1);
    return;
  }
  select(h.index, true);
  state.drag = { index: h.index, corner: h.corner, start: p, box: state.layout.lines[h.index].box.slice(), moved: false };
  canvas.setPointerCapture(e.pointerId);
});

canvas.addEventListener("pointermove", (e) => {
  const p = pointer(e);
  const d = state.drag;
  if (!d) {
    const h = state.layout ? hit(p.x, p.y) : null;
    canvas.style.cursor = !h ? "default" : h.corner === 0 || h.corner === 2 ? "nwse-resize" : h.corner >= 0 ? "nesw-resize" : "move";
    return;
  }
  const dx = Math.round(((p.x - d.start.x) / cssW) * GRID);
  const dy = Math.round(((p.y - d.start.y) / cssH) * GRID);
  const line = state.layout.lines[d.index];
  if (d.corner < 0) {
    line.box = d.box.slice();
    moveBox(d.index, dx, dy);
  } else {
    const b = d.box.slice();
    if (d.corner === 0 || d.corner === 3) b[0] += dx; else b[2] += dx;
    if (d.corner === 0 || d.corner === 1) b[1] += dy; else b[3] += dy;
    line.box = clampBox([Math.min(b[0], b[2] - 1), Math.min(b[1], b[3] - 1), b[2], b[3]]);
  }
  d.moved = dx !== 0 || dy !== 0;
  draw();
  updateRows();
});

function endDrag() {
  if (state.drag && state.drag.moved) changed(false);
  state.drag = null;
}
canvas.addEventListener("pointerup", endDrag);
canvas.addEventListener("pointercancel", endDrag);

canvas.addEventListener("keydown", (e) => {
  if (!state.layout) return;
  const n = state.layout.lines.length;
  const key = e.key;
  if (key === "n" || key === "N" || key === "p" || key === "P") {
    if (!n) return;
    const step = key.toLowerCase() === "n" ? 1 : -1;
    select(((state.selected < 0 ? (step > 0 ? -1 : 0) : state.selected) + step + n) % n, true);
    e.preventDefault();
    return;
  }
  if (state.selected < 0) return;
  const i = state.selected;
  const step = e.shiftKey ? 8 : 1;
  const arrows = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
  if (arrows[key]) {
    const [dx, dy] = arrows[key];
    if (e.altKey) {
      const b = state.layout.lines[i].box;
      state.layout.lines[i].box = clampBox([b[0], b[1], b[2] + dx, b[3] + dy]);
    } else {
      moveBox(i, dx, dy);
    }
    e.preventDefault();
    changed(false);
    select(i, true);
  } else if (key === "Delete" || key === "Backspace") {
    removeLine(i);
    e.preventDefault();
  } else if (key === "Escape") {
    select(-1);
  }
});

// ---- the lines table ------------------------------------------------------------------------

const SIDES = ["Left", "Top", "Right", "Bottom"];

function buildRows() {
  const body = $("lines");
  body.replaceChildren();
  if (!state.layout) return;
  state.layout.lines.forEach((line, i) => {
    const tr = document.createElement("tr");
    tr.className = "line-row";
    tr.dataset.index = String(i);
    const text = document.createElement("input");
    text.type = "text";
    text.name = "text";
    text.value = line.text;
    text.setAttribute("aria-label", "Text of line " + (i + 1));
    text.addEventListener("input", () => {
      line.text = text.value;
      changed(false);
    });
    const font = document.createElement("select");
    font.name = "font";
    font.setAttribute("aria-label", "Font of line " + (i + 1));
    for (const f of state.fonts) {
      const o = document.createElement("option");
      o.value = f;
      o.textContent = f;
      font.append(o);
    }
    if (!state.fonts.includes(line.font)) {
      const o = document.createElement("option");
      o.value = line.font;
      o.textContent = line.font;
      font.append(o);
    }
    font.value = line.font;
    font.addEventListener("change", () => {
      line.font = font.value;
      changed(false);
    });
    const cells = [text, font];
    SIDES.forEach((side, k) => {
      const input = document.createElement("input");
      input.type = "number";
      input.name = side.toLowerCase();
      input.min = "0";
      input.max = String(GRID);
      input.value = String(line.box[k]);
      input.setAttribute("aria-label", side + " of line " + (i + 1) + " (grid cells, 0 to 128)");
      input.addEventListener("change", () => {
        const b = line.box.slice();
        b[k] = Number(input.value);
        line.box = clampBox(b);
        changed(false);
      });
      cells.push(input);
    });
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "small danger";
    remove.textContent = "Remove";
    remove.setAttribute("aria-label", "Remove line " + (i + 1));
    remove.addEventListener("click", () => removeLine(i));
    cells.push(remove);
    for (const c of cells) {
      const td = document.createElement("td");
      td.append(c);
      tr.append(td);
    }
    tr.addEventListener("focusin", () => {
      if (state.selected !== i) select(i);
    });
    body.append(tr);
  });
  updateRows();
}

function updateRows() {
  for (const tr of document.querySelectorAll("#lines tr")) {
    const i = Number(tr.dataset.index);
    const line = state.layout && state.layout.lines[i];
    if (!line) continue;
    tr.classList.toggle("selected", i === state.selected);
    SIDES.forEach((side, k) => {
      const input = tr.querySelector('input[name="' + side.toLowerCase() + '"]');
      if (document.activeElement !== input) input.value = String(line.box[k]);
    });
  }
}

function removeLine(i) {
  state.layout.lines.splice(i, 1);
  state.selected = Math.min(i, state.layout.lines.length - 1);
  changed(true);
  $("selection-status").textContent = "Line " + (i + 1) + " removed";
}

$("add-line").addEventListener("click", () => {
  if (!state.layout) {
    state.layout = { width: Number($("width").value), height: Number($("height").value), grid: GRID, lines: [] };
  }
  const lines = state.layout.lines;
  const bottom = lines.reduce((m, l) => Math.max(m, l.box[3]), 8);
  const top = bottom + 12 <= GRID ? bottom + 2 : 8;
  lines.push({ text: "NEW TEXT", box: [24, top, 104, Math.min(GRID, top + 10)], font: "auto", color: null });
  state.selected = lines.length - 1;
  changed(true);
  const input = document.querySelector('#lines tr:last-child input[name="text"]');
  if (input) {
    input.focus();
    input.select();
  }
});

// ---- the glyph mask preview ----------------------------------------------------------------

let maskTimer = null;
let maskUrl = null;

function td2(layout) {
  return layout.lines.map((l) => l.text + " " + l.box.join(",")).join("\n");
}

function scheduleMask() {
  clearTimeout(maskTimer);
  maskTimer = setTimeout(renderMask, 150);
}

async function renderMask() {
  if (!state.layout) return;
  const version = state.version;
  const sent = JSON.parse(JSON.stringify(state.layout));
  const problem = $("mask-problem");
  try {
    const response = await api("/v1/glyphs", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "image/png" },
      body: JSON.stringify({ layout: sent }),
    });
    const blob = await response.blob();
    if (version !== state.version) return; // a newer edit is on its way
    if (maskUrl) URL.revokeObjectURL(maskUrl);
    maskUrl = URL.createObjectURL(blob);
    const img = $("mask-preview");
    img.src = maskUrl;
    img.dataset.version = String(version);
    img.dataset.layout = td2(sent);
    problem.hidden = true;
    $("mask-meta").textContent =
      sent.width + "×" + sent.height + " px · " + response.headers.get("X-Glyph-Characters") + " characters · updated " + new Date().toLocaleTimeString();
  } catch (err) {
    if (version !== state.version) return;
    showProblem(problem, err);
    $("mask-meta").textContent = "The mask is out of date: fix the layout.";
  }
}

// ---- generate -------------------------------------------------------------------------------

// Prompt guidance applies to the glyphs mode only: the other modes take 1 (the API refuses any
// other value), so there the input shows 1, disabled, and the request leaves it out. The value
// chosen for glyphs comes back when glyphs is chosen again.
let glyphsPromptGuidance = $("promptGuidance").defaultValue;

function guidanceModeChanged() {
  const input = $("promptGuidance");
  const glyphs = $("guidanceMode").value === "glyphs";
  if (glyphs !== input.disabled) return;
  if (glyphs) {
    input.value = glyphsPromptGuidance;
  } else {
    glyphsPromptGuidance = input.value;
    input.value = "1";
  }
  input.disabled = !glyphs;
}

$("guidanceMode").addEventListener("change", guidanceModeChanged);
guidanceModeChanged(); // a mode the browser kept over a reload

$("generate").addEventListener("click", async () => {
  const out = $("generate-result");
  const bar = $("gen-progress");
  const gallery = $("gallery");
  out.hidden = true;
  gallery.replaceChildren();
  const body = {
    prompt: $("prompt").value,
    width: Number($("width").value),
    height: Number($("height").value),
    steps: Number($("steps").value),
    guidance: Number($("guidance").value),
    scheduler: $("scheduler").value,
    guidanceMode: $("guidanceMode").value,
    n: Number($("n").value),
    planner: $("planner").value,
  };
  if ($("seed").value !== "") body.seed = Number($("seed").value);
  if (!$("promptGuidance").disabled) body.promptGuidance = Number($("promptGuidance").value);
  if (state.layout) {
    body.layout = state.layout;
    delete body.planner;
  }
  $("generate").disabled = true;
  try {
    const job = await apiJson("/v1/images", body);
    bar.hidden = false;
    showNotice(out, "info", "Generating…", []);
    await followJob(job.links.events, {
      progress: (d) => {
        bar.firstElementChild.style.width = Math.round(d.progress * 100) + "%";
        showNotice(out, "info", d.stage, []);
      },
      preview: (d) => {
        if (d.frame) {
          // A cheap look at the image being made: one live thumbnail, replaced as sampling goes.
          let live = $("gallery-live");
          if (!live) {
            live = document.createElement("figure");
            live.id = "gallery-live";
            live.className = "live";
            live.append(document.createElement("img"), document.createElement("figcaption"));
            gallery.append(live);
          }
          live.querySelector("img").src = d.image;
          live.querySelector("img").alt = "preview: " + d.label;
          live.querySelector("figcaption").textContent = "preview · " + d.label;
          return;
        }
        const live = $("gallery-live");
        if (live) live.remove();
        addThumb(gallery, d.image, d.label);
      },
      done: (d) => {
        bar.firstElementChild.style.width = "100%";
        const live = $("gallery-live");
        if (live) live.remove();
        const r = d.result;
        const lines = [r.model + " · " + r.steps + " steps · " + r.scheduler + " · guidance " + r.guidance + " on " + r.guidanceMode +
          (r.promptGuidance !== 1 ? " · prompt guidance " + r.promptGuidance : "")];
        const figures = gallery.querySelectorAll("figure");
        for (const check of r.checks || []) {
          const read = (check.verdicts || []).filter((v) => v.read).length;
          const head = "image " + (check.image + 1) + " · seed " + check.seed;
          if (check.unavailable) {
            lines.push(head + ": not read back (" + check.unavailable + ")");
          } else {
            lines.push(head + ": " + read + " of " + check.verdicts.length + " lines read, score " + check.score.toFixed(2));
          }
          const verdictList = document.createElement("ul");
          verdictList.className = "verdicts";
          for (const v of check.verdicts || []) {
            lines.push("image " + (check.image + 1) + ": “" + v.text + "” " + (v.read ? "read" : "missed") +
              " (score " + v.score.toFixed(2) + (v.readAs ? ", read as “" + v.readAs + "”" : "") + ")");
            const li = document.createElement("li");
            li.className = v.read ? "read" : "missed";
            li.textContent = "“" + v.text + "” " + (v.read ? "read" : "missed") + " · " + v.score.toFixed(2);
            verdictList.append(li);
          }
          const fig = figures[check.image];
          if (fig) {
            fig.querySelector("figcaption").textContent = "image " + (check.image + 1) + " · seed " + check.seed;
            fig.append(verdictList);
          }
        }
        showNotice(out, "ok", "Done", lines);
      },
      error: (d) => showNotice(out, "bad", d.title, [d.detail]),
    });
  } catch (err) {
    // 503 model-unavailable: no diffusion model is installed (or its package is damaged).
    showProblem(out, err, err.status === 503 ? "warn" : "bad");
  } finally {
    $("generate").disabled = false;
  }
});

function addThumb(gallery, url, label) {
  const fig = document.createElement("figure");
  const img = document.createElement("img");
  img.alt = label;
  api(url).then((r) => r.blob()).then((b) => (img.src = URL.createObjectURL(b)));
  const cap = document.createElement("figcaption");
  cap.textContent = label;
  fig.append(img, cap);
  gallery.append(fig);
}

// ---- start ----------------------------------------------------------------------------------

fitCanvas(Number($("width").value), Number($("height").value));
draw();
loadModels().then((models) => {
  if (models) state.fonts = ["auto"].concat(models.fonts);
  fillPlanners($("planner"), models);
  if (models && !models.diffusion.available) {
    $("generate").title = models.diffusion.detail;
  }
  buildRows();
  // A link may carry the prompt and size (/?prompt=...&size=512x768): plan it at once.
  const params = new URLSearchParams(location.search);
  if (params.get("size")) {
    const radio = document.querySelector('input[name="preset"][value="' + params.get("size") + '"]');
    if (radio) {
      radio.checked = true;
      presetChanged();
    }
  }
  if (params.get("prompt")) {
    $("prompt").value = params.get("prompt");
    $("plan-form").requestSubmit();
  }
});
