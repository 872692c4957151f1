// Live batch progress: polls the progress endpoint while any batch on the page is still being scored.
"use strict";

function refreshBatches(table) {
  fetch(table.dataset.progressUrl, { headers: { Accept: "application/json" } })
    .then((response) => response.json())
    .then((data) => {
      let pending = false;
      for (const batch of data.batches) {
        const row = table.querySelector(`tr[data-batch-id="${batch.id}"]`);
        if (!row) continue;
        row.querySelector(".status").textContent = batch.status;
        row.querySelector(".count").textContent =
          `${batch.done} / ${batch.total}` + (batch.failed ? ` (${batch.failed} failed)` : "");
        const bar = row.querySelector("progress");
        bar.max = batch.total || 1;
        bar.value = batch.done + batch.failed;
        pending = pending || batch.status === "queued" || batch.status === "running";
      }
      if (pending) setTimeout(() => refreshBatches(table), 1000);
    })
    .catch(() => setTimeout(() => refreshBatches(table), 5000));
}

document.addEventListener("DOMContentLoaded", () => {
  const table = document.getElementById("batches");
  if (table) refreshBatches(table);
});
