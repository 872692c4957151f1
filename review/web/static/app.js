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

// After a re-score: the new analysis (and with it the sentence grid), and fresh Revisions and History lists.
function refreshItem(item) {
  return Promise.all([
    fetch(item.dataset.analysisUrl).then((r) => r.text()).then((html) => {
      document.getElementById("analysis").innerHTML = html;
    }),
    fetch(item.dataset.itemUrl).then((r) => r.text()).then((html) => {
      const fresh = new DOMParser().parseFromString(html, "text/html");
      for (const id of ["revisions", "history"]) {
        const list = fresh.getElementById(id);
        if (list) document.getElementById(id).replaceWith(document.adoptNode(list));
      }
    }),
  ]).then(() => {
    localTimes(document);
    setGridLocked(false, "");
  });
}

function waitForScore(item, revision, started) {
  fetch(item.dataset.stateUrl, { headers: { Accept: "application/json" } })
    .then((response) => response.json())
    .then((state) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      if (state.revision === revision && state.scored) {
        return refreshItem(item).then(() => showStatus(`Revision ${revision} re-scored in ${seconds} s.`, false));
      }
      showStatus(`Re-scoring revision ${revision}… ${seconds} s`, true);
      setTimeout(() => waitForScore(item, revision, started), 700);
    })
    .catch(() => setTimeout(() => waitForScore(item, revision, started), 2000));
}

// The grid's sentences carry offsets into the revision they came from: after a save they are locked until
// the re-scored analysis brings the new ones; while one editor has unsaved text, the other is locked.
function setGridLocked(locked, reason) {
  for (const box of document.querySelectorAll("textarea.seg-edit")) box.readOnly = locked;
  for (const id of ["save-sentences", "save-sentences-next"]) {
    const button = document.getElementById(id);
    if (button) {
      button.disabled = locked;
      button.title = reason;
    }
  }
}

function setWholeLocked(locked, reason) {
  for (const id of ["headline", "body"]) {
    const box = document.getElementById(id);
    if (box) box.readOnly = locked;
  }
  for (const id of ["save", "save-next"]) {
    const button = document.getElementById(id);
    if (button) {
      button.disabled = locked;
      button.title = reason;
    }
  }
}

function gridDirty() {
  return [...document.querySelectorAll("textarea.seg-edit")].some((box) => box.value !== box.dataset.original);
}

function wholeDirty() {
  return ["headline", "body"].some((id) => {
    const box = document.getElementById(id);
    return box && box.value !== box.defaultValue;
  });
}

function onEditorInput(event) {
  if (event.target.matches("textarea.seg-edit")) {
    setWholeLocked(gridDirty(), "save or undo your sentence edits first");
  } else if (event.target.matches("#headline, #body")) {
    setGridLocked(wholeDirty(), "save or undo your edit of the whole text first");
  }
}

function saveRevision(event) {
  event.preventDefault();
  const form = event.target;
  if (form.dataset.saving) return; // one save at a time: a double click or Ctrl+S twice sends one POST
  const item = document.getElementById("item");
  const buttons = form.querySelectorAll("button[type=submit], input[type=submit]");
  form.dataset.saving = "yes";
  buttons.forEach((button) => { button.disabled = true; });
  const done = () => {
    delete form.dataset.saving;
    buttons.forEach((button) => { button.disabled = false; });
  };
  const body = new FormData(form);
  if (event.submitter && event.submitter.name) body.set(event.submitter.name, event.submitter.value);
  showStatus("Saving…", true);
  fetch(form.action, { method: "POST", body, headers: { Accept: "application/json" } })
    .then((response) => response.json().then((data) => ({ status: response.status, data })))
    .then(({ status, data }) => {
      if (status === 201) {
        if (data.next_url) {
          window.location.assign(data.next_url);
          return;
        }
        for (const base of document.querySelectorAll("input[name=base_revision]")) base.value = data.revision;
        for (const id of ["headline", "body"]) {
          const box = document.getElementById(id);
          if (box) box.value = box.defaultValue = data[id];
        }
        setWholeLocked(false, "");
        setGridLocked(true, "the sentences come back when the re-score is done");
        showStatus(`Saved revision ${data.revision} (HTER ${data.hter.toFixed(1)}). Re-scoring…`, true);
        waitForScore(item, data.revision, Date.now());
      } else if (status === 409 && data.theirs) {
        showStatus("Not saved: conflict.", false);
        showConflict(data);
      } else {
        showStatus(`Not saved: ${data.error || status}`, false);
      }
    })
    .catch(() => showStatus("Not saved: the server did not answer. Your text is still here.", false))
    .finally(done);
}

// The form Ctrl+S (or Ctrl+Enter, "and next") submits: the editor with unsaved text, else the grid.
function activeEditForm() {
  if (wholeDirty()) return document.getElementById("edit-form");
  return document.getElementById("grid-form") || document.getElementById("edit-form");
}

function moveInGrid(event) {
  const boxes = [...document.querySelectorAll("textarea.seg-edit")];
  const here = boxes.indexOf(event.target);
  const down = (event.key === "Enter" && !event.shiftKey && !event.ctrlKey) || (event.altKey && event.key === "ArrowDown");
  const up = event.altKey && event.key === "ArrowUp";
  if (!down && !up) return false;
  event.preventDefault();
  const target = boxes[here + (down ? 1 : -1)];
  if (target) target.focus();
  return true;
}

// Annotation: the selected words of one field and side, as character offsets into that field's text.
function offsetIn(segment, node, offset) {
  const range = document.createRange();
  range.setStart(segment, 0);
  range.setEnd(node, offset);
  return Number(segment.dataset.start) + range.toString().length;
}

function showSpan(field, side, start, end, text) {
  document.getElementById("annotate-field").value = field;
  document.getElementById("annotate-side").value = side;
  document.getElementById("annotate-start").value = start;
  document.getElementById("annotate-end").value = end;
  document.getElementById("annotate-selection").value =
    `${side === "source" ? "Spanish" : "English"} ${field}: ${text}`;
  const button = document.getElementById("annotate");
  button.disabled = false;
  button.title = "";
}

// In the grid's English boxes the offsets are the box's own, from where its sentence starts in the field.
function pickSpanInBox(box) {
  const button = document.getElementById("annotate");
  if (!button || box.selectionStart === box.selectionEnd || box.classList.contains("seg-new")) return;
  if (box.value !== box.dataset.original) {
    button.disabled = true;
    button.title = "save your edit of this sentence before annotating it";
    return;
  }
  const start = Number(box.dataset.start);
  showSpan(box.dataset.field, "target", start + box.selectionStart, start + box.selectionEnd,
    box.value.slice(box.selectionStart, box.selectionEnd));
}

function pickSpan() {
  const form = document.getElementById("annotate-form");
  const active = document.activeElement;
  if (form && active && active.matches("textarea.seg-edit")) {
    pickSpanInBox(active);
    return;
  }
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
  showSpan(first.dataset.field, first.dataset.side, offsetIn(first, range.startContainer, range.startOffset),
    offsetIn(last, range.endContainer, range.endOffset), selection.toString());
}

function typing(target) {
  return target.closest("input, textarea, select, [contenteditable]") !== null;
}

function onKey(event) {
  const item = document.getElementById("item");
  if (!item) return;
  if ((event.ctrlKey || event.metaKey) && (event.key === "s" || event.key === "Enter")) {
    const form = activeEditForm();
    if (form) {
      event.preventDefault();
      const next = form.querySelector("button[value=next]");
      form.requestSubmit(event.key === "Enter" && next ? next : undefined);
    }
    return;
  }
  if (event.target.matches && event.target.matches("textarea.seg-edit") && moveInGrid(event)) return;
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
    if (approve && approve.disabled) {
      const why = document.getElementById("approve-why");
      showStatus(`Cannot approve yet: ${why ? why.textContent : "not now"}.`, false);
    } else if (approve) approve.click();
  }
}

// Times arrive as UTC instants; show them in the reader's own time zone (the UTC time stays as the tooltip).
function localTimes(root) {
  for (const element of root.querySelectorAll("time[datetime]")) {
    if (element.dataset.local) continue;
    const moment = new Date(element.getAttribute("datetime"));
    if (Number.isNaN(moment.getTime())) continue;
    element.title = element.textContent;
    element.textContent = element.dataset.style === "time"
      ? moment.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })
      : moment.toLocaleString([], { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
    element.dataset.local = "yes";
  }
}

document.addEventListener("DOMContentLoaded", () => {
  localTimes(document);
  const table = document.getElementById("batches");
  if (table) refreshBatches(table);
  rememberQueue();
  for (const id of ["edit-form", "grid-form"]) {
    const form = document.getElementById(id);
    if (form) form.addEventListener("submit", saveRevision);
  }
  document.addEventListener("input", onEditorInput);
  document.addEventListener("keydown", onKey);
  document.addEventListener("selectionchange", pickSpan);
  document.addEventListener("select", pickSpan);
});
