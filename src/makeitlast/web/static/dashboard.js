// Insights dashboard: the report's charts for the replies the filters select, drawn with the local Plotly; a
// click on a bar or point lists the replies behind it. Customer and agent text is written with textContent only
// (never as HTML); the chart labels come escaped from the server, since Plotly reads tags in labels.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const $ = (id) => document.getElementById(id);
  const ident = decodeURIComponent(location.pathname.split("/")[2] || "");
  const api = "/api/v1/insights/" + encodeURIComponent(ident);
  const FILTERS = ["agent", "team", "since", "until"];
  const PAGE = 20;
  let current = null; // the selector whose replies are listed: {kind, key}
  let nextOffset = null;
  let drawSeq = 0;
  let listSeq = 0;

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function filterParams() {
    const p = new URLSearchParams();
    for (const name of FILTERS) {
      const v = $(name).value.trim();
      if (v) p.set(name, v);
    }
    return p;
  }

  // the page's state lives in its address, so a view can be bookmarked or sent to a colleague
  function remember() {
    const p = filterParams();
    if (current) {
      p.set("kind", current.kind);
      p.set("key", current.key);
    }
    const q = p.toString();
    history.replaceState(null, "", location.pathname + (q ? "?" + q : ""));
  }

  function fillOptions(opts) {
    for (const [list, values] of [["agent-list", opts.agents], ["team-list", opts.teams]]) {
      const box = $(list);
      box.replaceChildren(...values.map((v) => {
        const o = document.createElement("option");
        o.value = v;
        return o;
      }));
    }
    $("team").disabled = opts.teams.length === 0 && !$("team").value;
    for (const name of ["since", "until"]) {
      if (opts.since) $(name).min = opts.since;
      if (opts.until) $(name).max = opts.until;
    }
  }

  function pct(v) {
    return v === null || v === undefined ? "n/a" : Math.round(v * 100) + "%";
  }

  function showFigures(s) {
    const items = [
      ["conversations", s.conversations],
      ["replies judged", s.replies],
      ["mean score", s.mean_score === null ? "n/a" : s.mean_score],
      ...["listen", "apologize", "solve", "thank"].map((st) => [st + " present", pct(s.steps[st].coverage)]),
      ["promises broken", s.promises.broken],
      ["recovery rate", pct(s.recovery.rate)],
    ];
    $("figures").replaceChildren(...items.map(([label, value]) => {
      const box = el("div", "figure");
      box.dataset.figure = label;
      box.append(el("b", "", value), document.createTextNode(label));
      return box;
    }));
  }

  function drawCharts(data) {
    const box = $("charts");
    for (const old of box.querySelectorAll(".plot")) Plotly.purge(old);
    box.replaceChildren();
    for (const chart of data.charts) {
      const wrap = el("div", "chart");
      wrap.dataset.chart = chart.id;
      const plot = el("div", "plot");
      plot.id = "chart-" + chart.id;
      wrap.append(plot);
      box.append(wrap);
      const layout = Object.assign({}, chart.layout, { template: data.template, autosize: true });
      Plotly.newPlot(plot, chart.data, layout, { displaylogo: false, responsive: true, displayModeBar: false });
      plot.on("plotly_click", (ev) => {
        const pt = ev && ev.points && ev.points[0];
        if (!pt) return;
        const selector = (chart.selectors[pt.curveNumber] || [])[pt.pointNumber];
        if (selector) showExamples(selector, true);
      });
    }
    box.dataset.drawn = String(drawSeq);
  }

  async function load() {
    const seq = ++drawSeq;
    $("status").textContent = "loading…";
    const res = await fetch(api + "/summary?" + filterParams());
    const data = await res.json();
    if (seq !== drawSeq) return; // a newer request is on its way
    if (!res.ok) {
      $("status").textContent = typeof data.detail === "string" ? data.detail : "the figures could not be loaded";
      return;
    }
    $("analysis-name").textContent = data.name;
    document.title = data.name + " · insights · makeitlast";
    fillOptions(data.options);
    const s = data.summary;
    const notes = [];
    if (s.replies === 0) notes.push("No replies match these filters.");
    if (s.missing) {
      notes.push("This analysis was made by an earlier version: " + s.missing.join(", ") +
        " are not known for a filter. Upload the export again for them.");
    }
    $("notice").textContent = notes.join(" ");
    $("notice").hidden = notes.length === 0;
    showFigures(s);
    if (typeof Plotly === "undefined") {
      $("status").textContent = "The charts need Plotly on the server: pip install 'makeitlast[insights]'.";
      return;
    }
    drawCharts(data);
    const f = Object.entries(data.filters).filter(([, v]) => v).map(([k, v]) => k + " " + v);
    $("status").textContent = (f.length ? "filtered: " + f.join(", ") + ": " : "") + s.replies + " replies";
    remember();
    if (current) showExamples(current, true);
  }

  // --- the replies behind a point -----------------------------------------------------------------------------

  function reply(text, findings, selectedCode) {
    const p = el("p", "reply");
    p.append(el("b", "", "Reply: "));
    if (text === null || text === undefined) {
      p.classList.add("unknown");
      p.append(document.createTextNode("(the reply's text is not kept in analyses made by earlier versions)"));
      return p;
    }
    const chars = Array.from(text); // the spans count characters (code points), as Python does
    const spans = findings
      .filter((f) => f.span)
      .map((f) => ({ start: f.span[0], end: f.span[1], f }))
      .sort((a, b) => a.start - b.start || a.end - b.end);
    let pos = 0;
    for (const s of spans) {
      if (s.start < pos || s.start >= s.end || s.end > chars.length) continue;
      p.append(document.createTextNode(chars.slice(pos, s.start).join("")));
      const mark = el("mark", "sev-" + s.f.severity, chars.slice(s.start, s.end).join(""));
      mark.dataset.code = s.f.code;
      mark.title = s.f.code + " " + s.f.name + ": " + s.f.message;
      if (s.f.code === selectedCode) mark.classList.add("selected");
      p.append(mark);
      pos = s.end;
    }
    p.append(document.createTextNode(chars.slice(pos).join("")));
    return p;
  }

  function item(x, selector) {
    const li = el("li", "example");
    li.dataset.conversation = x.conversation_id || "";
    const meta = el("div", "meta");
    meta.append(el("span", "score", x.score + "/100"));
    const brand = x.brand !== x.agent ? x.brand : null; // a TWCS brand account answers as itself
    for (const v of [x.agent, brand, x.team, x.time ? x.time.replace("T", " ").slice(0, 16) : null]) {
      if (v) meta.append(el("span", "", v));
    }
    if (x.conversation_id) {
      const a = el("a", "conversation", "conversation " + x.conversation_id + ": all its replies");
      a.href = location.pathname + "?" + new URLSearchParams({ kind: "conversation", key: x.conversation_id });
      a.addEventListener("click", (ev) => {
        ev.preventDefault();
        showExamples({ kind: "conversation", key: x.conversation_id }, true);
      });
      meta.append(a);
    }
    li.append(meta);
    if (x.customer) {
      const c = el("p", "customer");
      c.append(el("b", "", "Customer: "), document.createTextNode(x.customer));
      li.append(c);
    }
    li.append(reply(x.reply, x.findings, selector.kind === "finding" ? selector.key : null));
    if (x.findings.length) {
      const ul = el("ul", "findings");
      for (const f of x.findings) {
        const row = el("li", "sev-" + f.severity);
        row.dataset.code = f.code;
        row.append(el("code", "", f.code), document.createTextNode(" " + f.name + ": " + f.message));
        if (f.suggestion) row.append(el("div", "instead", "Instead: " + f.suggestion));
        ul.append(row);
      }
      li.append(ul);
    }
    for (const pr of x.promises) {
      li.append(el("p", "promises", "Promise: “" + pr.text + "” (" + pr.state + (pr.early ? ", early" : "") +
        (pr.due ? ", due " + pr.due : "") + ")"));
    }
    return li;
  }

  async function showExamples(selector, fresh) {
    const seq = fresh ? ++listSeq : listSeq;
    if (fresh) {
      current = { kind: selector.kind, key: selector.key };
      nextOffset = 0;
      $("examples-list").replaceChildren();
      remember();
    }
    $("examples").hidden = false;
    $("examples-status").textContent = "loading…";
    $("more").hidden = true;
    // a conversation's replies are all of them, whoever wrote them and when
    const p = current.kind === "conversation" ? new URLSearchParams() : filterParams();
    p.set("kind", current.kind);
    p.set("key", current.key);
    p.set("offset", String(nextOffset));
    p.set("limit", String(PAGE));
    const res = await fetch(api + "/examples?" + p);
    const body = await res.json();
    if (seq !== listSeq) return; // another point was clicked meanwhile
    if (!res.ok) {
      $("examples-status").textContent = typeof body.detail === "string" ? body.detail : "could not load the replies";
      return;
    }
    $("examples-title").textContent = "Replies: " + body.selector.label;
    for (const x of body.items) $("examples-list").append(item(x, body.selector));
    const shown = $("examples-list").children.length;
    nextOffset = body.next_offset;
    $("more").hidden = nextOffset === null;
    $("examples-status").textContent = shown === 0 ? "No replies." : shown + (nextOffset === null ? "" : "+") +
      (shown === 1 ? " reply" : " replies");
    if (fresh) $("examples").scrollIntoView({ block: "start" });
  }

  $("more").addEventListener("click", () => {
    if (current && nextOffset !== null) showExamples(current, false);
  });

  $("filters").addEventListener("submit", (ev) => {
    ev.preventDefault();
    load();
  });
  $("clear").addEventListener("click", () => {
    for (const name of FILTERS) $(name).value = "";
    load();
  });

  // start from the address: filters and the point whose replies were open
  const q = new URLSearchParams(location.search);
  for (const name of FILTERS) $(name).value = q.get(name) || "";
  if (q.get("kind") && q.get("key")) current = { kind: q.get("kind"), key: q.get("key") };
  $("report-link").href = "/insights/" + encodeURIComponent(ident) + "/report";
  load();
});
