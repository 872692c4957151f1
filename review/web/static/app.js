// review's own script: live batch progress, saving a revision without a reload (with re-score progress),
// the conflict view, picking a span to annotate, and keyboard shortcuts. No third-party code.
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

// The queue page remembers its order, so j / k on an item page move through the same list.
function rememberQueue() {
  const links = [...document.querySelectorAll("#queue a.item-link")].map((a) => a.getAttribute("href"));
  if (links.length) sessionStorage.setItem("review.queue", JSON.stringify(links));
}

function neighbour(step) {
  const item = document.getElementById("item");
  const list = JSON.parse(sessionStorage.getItem("review.queue") || "[]");
  const here = list.indexOf(item.dataset.itemUrl);
  const target = list[here + step];
  if (here >= 0 && target) window.location.assign(target);
}

function showStatus(message, busy) {
  const box = document.getElementById("save-status");
  box.hidden = false;
  document.getElementById("save-message").textContent = message;
  document.getElementById("save-progress").hidden = !busy;
}

function showConflict(data) {
  document.getElementById("conflict").hidden = false;
  document.getElementById("conflict-message").textContent = data.error;
  document.getElementById("conflict-theirs-revision").textContent = `revision ${data.theirs.revision}`;
  document.getElementById("conflict-theirs").textContent = `${data.theirs.headline}\n\n${data.theirs.body}`;
  document.getElementById("conflict-mine").textContent = `${data.mine.headline}\n\n${data.mine.body}`;
}

function waitForScore(item, revision, started) {
  fetch(item.dataset.stateUrl, { headers: { Accept: "application/json" } })
    .then((response) => response.json())
    .then((state) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      if (state.revision === revision && state.scored) {
        return fetch(item.dataset.analysisUrl).then((r) => r.text()).then((html) => {
          document.getElementById("analysis").innerHTML = html;
          showStatus(`Revision ${revision} re-scored in ${seconds} s.`, false);
        });
      }
      showStatus(`Re-scoring revision ${revision}… ${seconds} s`, true);
      setTimeout(() => waitForScore(item, revision, started), 700);
    })
    .catch(() => setTimeout(() => waitForScore(item, revision, started), 2000));
}

function saveRevision(event) {
  event.preventDefault();
  const form = event.target;
  const item = document.getElementById("item");
  showStatus("Saving…", true);
  fetch(form.action, {
    method: "POST",
    body: new FormData(form),
    headers: { Accept: "application/json" },
  })
    .then((response) => response.json().then((data) => ({ status: response.status, data })))
    .then(({ status, data }) => {
      if (status === 201) {
        form.querySelector("input[name=base_revision]").value = data.revision;
        showStatus(`Saved revision ${data.revision} (HTER ${data.hter.toFixed(1)}). Re-scoring…`, true);
        waitForScore(item, data.revision, Date.now());
      } else if (status === 409 && data.theirs) {
        showStatus("Not saved: conflict.", false);
        showConflict(data);
      } else {
        showStatus(`Not saved: ${data.error || status}`, false);
      }
    })
    .catch(() => showStatus("Not saved: the server did not answer. Your text is still here.", false));
}

// Annotation: the selected words of one field and side, as character offsets into that field's text.
function offsetIn(segment, node, offset) {
  const range = document.createRange();
  range.setStart(segment, 0);
  range.setEnd(node, offset);
  return Number(segment.dataset.start) + range.toString().length;
}

function pickSpan() {
  const form = document.getElementById("annotate-form");
  const selection = window.getSelection();
  if (!form || !selection || selection.isCollapsed || selection.rangeCount === 0) return;
  const range = selection.getRangeAt(0);
  const element = (node) => (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement);
  const first = element(range.startContainer).closest("#analysis p.seg");
  const last = element(range.endContainer).closest("#analysis p.seg");
  if (!first || !last) return;
  const button = document.getElementById("annotate");
  const shown = document.getElementById("annotate-selection");
  if (first.dataset.field !== last.dataset.field || first.dataset.side !== last.dataset.side) {
    button.disabled = true;
    button.title = "select words of one field and one language";
    shown.value = "";
    return;
  }
  const start = offsetIn(first, range.startContainer, range.startOffset);
  const end = offsetIn(last, range.endContainer, range.endOffset);
  document.getElementById("annotate-field").value = first.dataset.field;
  document.getElementById("annotate-side").value = first.dataset.side;
  document.getElementById("annotate-start").value = start;
  document.getElementById("annotate-end").value = end;
  shown.value = `${first.dataset.side === "source" ? "Spanish" : "English"} ${first.dataset.field}: ${selection.toString()}`;
  button.disabled = false;
  button.title = "";
}

function typing(target) {
  return target.closest("input, textarea, select, [contenteditable]") !== null;
}

function onKey(event) {
  const item = document.getElementById("item");
  if (!item) return;
  if ((event.ctrlKey || event.metaKey) && event.key === "s") {
    const form = document.getElementById("edit-form");
    if (form) {
      event.preventDefault();
      form.requestSubmit();
    }
    return;
  }
  if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key === "j") neighbour(1);
  else if (event.key === "k") neighbour(-1);
  else if (event.key === "e") {
    const headline = document.getElementById("headline");
    if (headline) {
      event.preventDefault();
      headline.focus();
    }
  } else if (event.key === "a") {
    const approve = document.getElementById("approve");
    if (approve) approve.click();
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const table = document.getElementById("batches");
  if (table) refreshBatches(table);
  rememberQueue();
  const form = document.getElementById("edit-form");
  if (form) form.addEventListener("submit", saveRevision);
  document.addEventListener("keydown", onKey);
  document.addEventListener("selectionchange", pickSpan);
});
