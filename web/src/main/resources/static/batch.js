// The batch page: CSV upload → batch job → live mask previews → ZIP download.
"use strict";

const $ = (id) => document.getElementById(id);

$("batch-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const file = $("batch-file").files[0];
  const status = $("batch-status");
  const bar = $("batch-progress");
  const thumbs = $("batch-thumbs");
  if (!file) {
    showNotice(status, "bad", "Choose a CSV file first", []);
    return;
  }
  const [w, h] = $("batch-size").value.split("x");
  const form = new FormData();
  form.append("file", file);
  form.append("width", w);
  form.append("height", h);
  form.append("planner", $("batch-planner").value);
  if ($("batch-seed").value !== "") form.append("seed", $("batch-seed").value);
  thumbs.replaceChildren();
  $("batch-download").hidden = true;
  $("batch-run").disabled = true;
  try {
    const job = await (await api("/v1/batches", { method: "POST", body: form, headers: { "Accept": "application/json" } })).json();
    bar.hidden = false;
    $("batch-empty").hidden = true;
    await followJob(job.links.events, {
      progress: (d) => {
        bar.firstElementChild.style.width = Math.round(d.progress * 100) + "%";
        showNotice(status, "info", d.stage, []);
      },
      preview: (d) => {
        if (d.frame) return; // sampling previews: the batch shows finished masks and images only
        const fig = document.createElement("figure");
        const img = document.createElement("img");
        img.alt = d.label;
        api(d.image).then((r) => r.blob()).then((b) => (img.src = URL.createObjectURL(b)));
        const cap = document.createElement("figcaption");
        cap.textContent = d.label;
        fig.append(img, cap);
        thumbs.append(fig);
      },
      done: async (d) => {
        bar.firstElementChild.style.width = "100%";
        const r = d.result;
        showNotice(
          status,
          r.failed ? "warn" : "ok",
          "Planned " + (r.items - r.failed) + " of " + r.items + " items",
          (r.failed ? [r.failed + " items could not be planned: see the error column of layouts.csv"] : []).concat(
            r.model
              ? ["Generated " + r.generated + " images with " + r.model + " (seed " + r.seed + " + item − 1); OCR verdicts in ocr.csv" +
                 (r.generationFailed ? "; " + r.generationFailed + " failed: see the image_error column" : "")]
              : []
          )
        );
        const blob = await (await api(r.download)).blob();
        const link = $("batch-download-link");
        link.href = URL.createObjectURL(blob);
        link.download = "glyphwright-batch.zip";
        $("batch-download").hidden = false;
      },
      error: (d) => showNotice(status, "bad", d.title, [d.detail]),
    });
  } catch (err) {
    showProblem(status, err);
  } finally {
    $("batch-run").disabled = false;
  }
});

loadModels().then((models) => fillPlanners($("batch-planner"), models));
