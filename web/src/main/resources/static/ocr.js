// The OCR check page: upload → OCR job → lines read, boxes drawn over the image, verdicts.
"use strict";

const $ = (id) => document.getElementById(id);
let imageUrl = null;

$("ocr-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const file = $("ocr-file").files[0];
  const status = $("ocr-status");
  const bar = $("ocr-progress");
  if (!file) {
    showNotice(status, "bad", "Choose an image first", []);
    return;
  }
  if (imageUrl) URL.revokeObjectURL(imageUrl);
  imageUrl = URL.createObjectURL(file);
  const img = $("ocr-image");
  img.src = imageUrl;
  img.hidden = false;
  $("ocr-empty").hidden = true;
  clearResults();
  const form = new FormData();
  form.append("image", file);
  form.append("engine", $("ocr-engine").value);
  if ($("ocr-expect").value.trim()) form.append("expect", $("ocr-expect").value);
  $("ocr-run").disabled = true;
  try {
    const job = await (await api("/v1/ocr", { method: "POST", body: form, headers: { "Accept": "application/json" } })).json();
    bar.hidden = false;
    await followJob(job.links.events, {
      progress: (d) => {
        bar.firstElementChild.style.width = Math.round(d.progress * 100) + "%";
        showNotice(status, "info", d.stage, []);
      },
      done: (d) => {
        bar.firstElementChild.style.width = "100%";
        const r = d.result;
        showNotice(
          status,
          "ok",
          "Read " + d.ocr.length + (d.ocr.length === 1 ? " line" : " lines") + " with " + r.engine +
            (r.score == null ? "" : " · mean confidence " + r.score.toFixed(2)),
          []
        );
        showLines(d.ocr, r);
      },
      error: (d) => showNotice(status, "bad", d.title, [d.detail]),
    });
  } catch (err) {
    showProblem(status, err, err.status === 503 ? "warn" : "bad");
  } finally {
    $("ocr-run").disabled = false;
  }
});

function clearResults() {
  $("ocr-lines").replaceChildren();
  $("ocr-verdicts").replaceChildren();
  $("ocr-lines-table").hidden = true;
  const c = $("ocr-overlay");
  c.getContext("2d").clearRect(0, 0, c.width, c.height);
}

function showLines(lines, result) {
  const body = $("ocr-lines");
  lines.forEach((line, i) => {
    const tr = document.createElement("tr");
    for (const v of [String(i + 1), line.text, line.confidence.toFixed(3), line.box.join(", ")]) {
      const td = document.createElement("td");
      td.textContent = v;
      tr.append(td);
    }
    body.append(tr);
  });
  $("ocr-lines-table").hidden = lines.length === 0;
  if (!lines.length) showNotice($("ocr-verdicts"), "warn", "No text was read in this image", []);

  if (result.verdicts) {
    const wrap = $("ocr-verdicts");
    const table = document.createElement("table");
    table.innerHTML = '<thead><tr><th scope="col">Expected text</th><th scope="col">Verdict</th><th scope="col">Closest read</th></tr></thead>';
    const tb = document.createElement("tbody");
    for (const v of result.verdicts) {
      const tr = document.createElement("tr");
      tr.className = "verdict";
      const t = document.createElement("td");
      t.textContent = v.text;
      const verdict = document.createElement("td");
      const badge = document.createElement("span");
      badge.className = "badge " + (v.read ? "read" : "missed");
      badge.textContent = v.read ? "read" : "missed";
      verdict.append(badge);
      const best = document.createElement("td");
      best.textContent = v.read ? "" : v.bestRead + " (similarity " + v.similarity.toFixed(2) + ")";
      tr.append(t, verdict, best);
      tb.append(tr);
    }
    table.append(tb);
    wrap.append(table);
  }

  const img = $("ocr-image");
  const draw = () => {
    const c = $("ocr-overlay");
    c.width = result.width;
    c.height = result.height;
    const g = c.getContext("2d");
    g.lineWidth = Math.max(2, result.width / 300);
    g.font = "bold " + Math.max(12, result.width / 45) + "px system-ui, sans-serif";
    lines.forEach((line, i) => {
      const q = line.quad;
      g.strokeStyle = "#f59f00";
      g.beginPath();
      g.moveTo(q[0], q[1]); g.lineTo(q[2], q[3]); g.lineTo(q[4], q[5]); g.lineTo(q[6], q[7]);
      g.closePath();
      g.stroke();
      g.fillStyle = "#f59f00";
      g.fillText(String(i + 1), q[0], Math.max(12, q[1] - 4));
    });
  };
  if (img.complete) draw(); else img.onload = draw;
}

loadModels();
