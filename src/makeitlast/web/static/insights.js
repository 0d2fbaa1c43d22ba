// Insights page: upload an export, watch its analysis, open its report or its dashboard (/insights/ID: filters
// and drill-down). Text from the server is written with textContent only; the report itself is shown in a
// sandboxed frame.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  let polling = null;

  function cell(row, text) {
    const td = document.createElement("td");
    td.textContent = text === null || text === undefined ? "" : String(text);
    row.append(td);
    return td;
  }

  function open(a) {
    $("dashboard").hidden = false;
    $("dash-title").textContent = a.name + ": " + a.conversations + " conversations, " + a.replies + " replies";
    $("report").src = "/insights/" + encodeURIComponent(a.id) + "/report";
  }

  async function refresh() {
    const res = await fetch("/api/v1/insights");
    const list = await res.json();
    const body = $("analyses");
    body.replaceChildren();
    let busy = false;
    for (const a of list) {
      const tr = document.createElement("tr");
      tr.dataset.id = a.id;
      tr.dataset.state = a.state;
      cell(tr, a.name);
      cell(tr, a.created.replace("T", " ").slice(0, 16));
      cell(tr, a.state === "failed" ? "failed: " + (a.error || "") : a.state);
      cell(tr, a.conversations);
      cell(tr, a.replies);
      cell(tr, a.mean_score);
      const td = cell(tr, "");
      if (a.state === "done") {
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = "Open report";
        b.addEventListener("click", () => open(a));
        const d = document.createElement("a");
        d.className = "dashboard-link";
        d.href = "/insights/" + encodeURIComponent(a.id);
        d.textContent = "Dashboard";
        td.append(b, " ", d);
      }
      if (a.state === "queued" || a.state === "running") busy = true;
      body.append(tr);
    }
    clearTimeout(polling);
    if (busy) polling = setTimeout(refresh, 700);
    return list;
  }

  $("upload").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const file = $("file").files[0];
    if (!file) return;
    const params = new URLSearchParams({ name: file.name });
    if ($("format").value) params.set("format", $("format").value);
    $("upload-status").textContent = "uploading…";
    const res = await fetch("/api/v1/insights?" + params, { method: "POST", body: file });
    const body = await res.json();
    $("upload-status").textContent = res.ok ? "analysing " + body.name + "…" : "Upload refused: " + body.detail;
    refresh();
  });

  refresh();
})();
