// The coach page: debounced calls to POST /api/v1/check while the agent types. Those checks are not kept; "Save"
// sends the same check with "record": true, which keeps it in the coached replies (GET /api/v1/coached).
// Untrusted text (the customer's and the agent's) is only ever written with textContent.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const customer = $("customer"), draft = $("draft");
  let timer = null, seq = 0, last = null;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function preview(text, findings) {
    const box = $("preview");
    box.replaceChildren();
    const spans = findings.filter((f) => f.span).map((f) => [f.span.start, f.span.end, f])
      .sort((a, b) => a[0] - b[0]);
    let pos = 0;
    for (const [start, end, f] of spans) {
      if (start < pos) continue;
      box.append(document.createTextNode(text.slice(pos, start)));
      const m = el("mark", "sev-" + f.severity, text.slice(start, end));
      m.title = f.code + " " + f.name + ": " + f.message;
      m.tabIndex = 0;
      m.dataset.code = f.code;
      box.append(m);
      pos = end;
    }
    box.append(document.createTextNode(text.slice(pos)));
  }

  function applyFix(f) {
    const fix = f.fix;
    if (!fix) return;
    const text = draft.value;
    if (text.slice(fix.span.start, fix.span.end) !== fix.span.text) return; // the draft changed meanwhile
    draft.value = text.slice(0, fix.span.start) + fix.replacement + text.slice(fix.span.end);
    schedule(0);
  }

  function render(report, text) {
    const meter = $("meter");
    meter.replaceChildren();
    const marks = { present: "●", weak: "◐", missing: "○" };
    for (const step of ["listen", "apologize", "solve", "thank"]) {
      const s = report.steps[step];
      const cell = el("span", "step " + (s.applicable ? s.status : "na"));
      cell.append(el("b", null, step[0].toUpperCase()), el("span", null, s.applicable ? marks[s.status] : "n/a"));
      cell.title = step + ": " + (s.applicable ? s.status : "not needed here (" + s.status + ")");
      cell.dataset.step = step;
      meter.append(cell);
    }
    $("score").textContent = report.score + "/100";
    $("score").dataset.score = report.score;
    const list = $("findings");
    list.replaceChildren();
    for (const f of report.findings) {
      const li = el("li", "finding sev-" + f.severity);
      li.dataset.code = f.code;
      const head = el("div", "head");
      head.append(el("code", null, f.code), el("span", "name", f.name), el("span", "sev", f.severity));
      if (f.span) head.append(el("q", null, f.span.text));
      li.append(head, el("p", "why", f.message));
      if (f.suggestion) li.append(el("p", "instead", "Instead: " + f.suggestion));
      if (f.fix && f.fix.replacement !== undefined) {
        const b = el("button", "apply", "Apply: " + (f.fix.replacement || "(remove)"));
        b.type = "button";
        b.addEventListener("click", () => applyFix(f));
        li.append(b);
      }
      list.append(li);
    }
    const c = report.customer;
    $("reading").textContent = c
      ? "Wants: " + (c.wants.join(", ") || "nothing stated") + " · anger " + c.anger + "/3" +
        (c.bad_experience ? " · apology owed" : "") + (c.repeat_contact ? " · has written before" : "") +
        (c.abusive ? " · abusive: set a calm boundary" : "")
      : "";
    preview(text, report.findings);
  }

  async function run() {
    const text = draft.value;
    if (!text.trim()) {
      $("status").textContent = "";
      $("findings").replaceChildren();
      $("meter").replaceChildren();
      $("score").textContent = "";
      $("preview").replaceChildren();
      return;
    }
    const mine = ++seq;
    const started = performance.now();
    try {
      const res = await fetch("/api/v1/check", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ reply: text, customer: customer.value || null }),
      });
      const body = await res.json();
      if (mine !== seq) return; // a newer request is on its way
      if (!res.ok) {
        $("status").textContent = "Could not check: " + (body.detail || res.status);
        return;
      }
      last = body;
      render(body, text);
      $("status").textContent = "checked in " + Math.round(performance.now() - started) + " ms";
    } catch (e) {
      if (mine === seq) $("status").textContent = "Could not reach the coach: " + e;
    }
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(run, delay === undefined ? 150 : delay);
  }

  let saved = null; // what was saved last: the same draft is not saved twice in a row

  async function save() {
    const text = draft.value;
    if (!text.trim()) {
      $("status").textContent = "Nothing to save: type your reply first.";
      return;
    }
    const key = JSON.stringify([customer.value, text]);
    if (key === saved) {
      $("status").textContent = "Already saved.";
      return;
    }
    try {
      const res = await fetch("/api/v1/check", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ reply: text, customer: customer.value || null, record: true }),
      });
      const body = await res.json();
      if (!res.ok) {
        $("status").textContent = "Could not save: " + (body.detail || res.status);
        return;
      }
      saved = key;
      seq++; // newer than any check still on its way
      last = body;
      render(body, text);
      $("status").textContent = "Saved to your coached replies (score " + body.score + "/100).";
    } catch (e) {
      $("status").textContent = "Could not reach the coach: " + e;
    }
  }

  // A L.A.S.T.-shaped draft from the built-in drafter, put in the reply box for the agent to edit (their own text
  // is replaced only after they confirm).
  async function makeDraft() {
    if (!customer.value.trim()) {
      $("status").textContent = "Paste the customer's message first.";
      return;
    }
    if (draft.value.trim() && !window.confirm("Replace your reply with a draft?")) return;
    try {
      const offer = $("offer").value.trim();
      const res = await fetch("/api/v1/draft", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ customer: customer.value, offer: offer || null }),
      });
      const body = await res.json();
      if (!res.ok) {
        $("status").textContent = "Could not draft: " + (body.detail || res.status);
        return;
      }
      draft.value = body.text;
      seq++;
      last = body.report;
      render(body.report, body.text);
      $("status").textContent = "Drafted (score " + body.report.score + "/100): edit it to make it yours.";
    } catch (e) {
      $("status").textContent = "Could not reach the coach: " + e;
    }
  }

  customer.addEventListener("input", () => schedule());
  draft.addEventListener("input", () => schedule());
  $("save").addEventListener("click", save);
  $("make-draft").addEventListener("click", makeDraft);
  window.makeitlastLast = () => last;
})();
