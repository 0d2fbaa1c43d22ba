// The practice pages: /practice (play a role-play, then its debrief), /practice/history (progress over the
// stored sessions) and /practice/history/{id} (one stored session's debrief). API: /api/v1/practice/...
// Everything the customer or the trainee wrote is untrusted: it is only ever written with textContent.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const { el, api, trainee, setupTrainee } = window.makeitlastPages;
  const params = new URLSearchParams(location.search);
  const fixedDelay = params.has("typing") ? Math.max(0, Number(params.get("typing")) || 0) : null;

  function status(text, isError) {
    const s = $("status");
    if (!s) return;
    s.textContent = text || "";
    s.classList.toggle("error", !!isError);
  }

  // --- a coached reply: the words flagged, the findings, the steps ---------------------------------------------

  function highlighted(text, findings) {
    const box = el("span", "text");
    const spans = (findings || []).filter((f) => f.span && f.span.end > f.span.start)
      .map((f) => [f.span.start, f.span.end, f]).sort((a, b) => a[0] - b[0]);
    let pos = 0;
    for (const [start, end, f] of spans) {
      if (start < pos || end > text.length) continue;
      box.append(document.createTextNode(text.slice(pos, start)));
      const m = el("mark", "sev-" + f.severity, text.slice(start, end));
      m.title = f.code + " " + f.name + ": " + f.message;
      m.dataset.code = f.code;
      box.append(m);
      pos = end;
    }
    box.append(document.createTextNode(text.slice(pos)));
    return box;
  }

  function findingsList(findings, coaching) {
    const list = el("ul", "turn-findings");
    for (const f of [...(coaching || []), ...(findings || [])]) {
      const li = el("li", "finding sev-" + f.severity);
      li.dataset.code = f.code;
      const head = el("div", "head");
      head.append(el("code", null, f.code), el("span", "name", f.name), el("span", "sev", f.severity));
      if (f.span && f.span.text) head.append(el("q", null, f.span.text));
      li.append(head, el("p", "why", f.message));
      if (f.suggestion) li.append(el("p", "instead", "Instead: " + f.suggestion));
      list.append(li);
    }
    return list;
  }

  const MARKS = { present: "●", weak: "◐", missing: "○", "n/a": "n/a" };

  function meter(steps, score) {
    const box = el("div", "meter");
    for (const step of ["listen", "apologize", "solve", "thank"]) {
      const mark = steps[step] || "n/a";
      const cell = el("span", "step " + (mark === "n/a" ? "na" : mark));
      cell.append(el("b", null, step[0].toUpperCase()), el("span", null, MARKS[mark] || mark));
      cell.title = step + ": " + mark;
      cell.dataset.step = step;
      box.append(cell);
    }
    if (score !== undefined && score !== null) box.append(el("span", "turn-score", "score " + score));
    return box;
  }

  function customerBubble(name, text, mood) {
    const li = el("li", "msg customer");
    li.append(el("span", "who", name + (mood ? " · " + mood : "")), document.createTextNode(text));
    return li;
  }

  function traineeBubble(entry) {
    const li = el("li", "msg trainee");
    li.dataset.turn = entry.index !== undefined ? entry.index : entry.turn;
    const n = li.dataset.turn;
    li.append(el("span", "who", "You (" + n + ")" + (entry.interrupted ? " · interrupted" : "")));
    li.append(highlighted(entry.text !== undefined ? entry.text : entry.reply, entry.findings));
    if (entry.steps) li.append(meter(entry.steps, entry.score));
    const list = findingsList(entry.findings, entry.coaching);
    if (list.children.length) li.append(list);
    return li;
  }

  function eventLine(text) {
    return el("li", "msg event", text);
  }

  // --- the debrief --------------------------------------------------------------------------------------------

  const ENDING = { resolved: "Resolved", escalated: "Escalated", walked_away: "Walked away" };

  function renderDebrief(box, d) {
    box.replaceChildren();
    box.hidden = false;
    box.append(el("h2", null, "Debrief: " + d.title));
    const ending = d.ending || "unfinished";
    const head = el("p", "ending " + ending, ENDING[d.ending] || "Unfinished");
    head.dataset.ending = ending;
    box.append(head);
    const moods = ["calm", "annoyed", "angry", "raging"];
    box.append(el("p", "muted", d.customer + ": " + moods[d.anger_start] + " → " + moods[d.anger_end] +
      " · seed " + d.seed + " · " + d.industry));
    const score = el("p", "bigscore", d.score + "/100");
    score.id = "session-score";
    score.dataset.score = d.score;
    box.append(score);
    box.append(el("p", "muted", "= mean of the reply scores (" + (d.turn_scores.join(", ") || "none") + ") " +
      d.mean_turn_score + " " + (d.ending_adjustment >= 0 ? "+" : "") + d.ending_adjustment + " for " +
      (ENDING[d.ending] || "unfinished").toLowerCase()));

    box.append(el("h3", null, "What went well"));
    const well = el("ul", "went-well");
    for (const w of d.went_well) well.append(el("li", null, w));
    if (!d.went_well.length) well.append(el("li", "muted", "Not much yet: start with listening and a sincere apology."));
    box.append(well);

    box.append(el("h3", null, "Top three to improve"));
    const imp = el("ol", "improve");
    imp.id = "improve";
    for (const i of d.improve) {
      const li = el("li", "sev-" + i.severity);
      li.dataset.code = i.code;
      const where = i.turns.length > 1 ? "replies " + i.turns.join(", ") : i.turns.length ? "reply " + i.turns[0] : "the session";
      li.append(el("strong", null, i.code + " " + i.name), el("span", "muted", "  (" + i.times + "×, " + where + ")"));
      if (i.words) {
        const p = el("p", null, "You wrote: ");
        p.append(el("span", "words", "“" + i.words + "”"));
        li.append(p);
      }
      li.append(el("p", null, i.message));
      if (i.suggestion) li.append(el("p", "instead", "Better: " + i.suggestion));
      imp.append(li);
    }
    if (!d.improve.length) imp.append(el("li", "went-well", "Nothing to improve: well done."));
    box.append(imp);

    if (d.hidden_wants && d.hidden_wants.length) {
      box.append(el("p", null, "What " + d.customer + " wanted: " + d.hidden_wants.join(", ").replace("future_credit", "future credit") +
        (d.revealed_at ? " (they told you after reply " + d.revealed_at + ")" : " (you never asked)") + "."));
    }

    box.append(el("h3", null, "L.A.S.T. over the session"));
    const table = el("table", "steps");
    const hr = el("tr");
    for (const h of ["reply", "Listen", "Apologize", "Solve", "Thank", "score", "mood after"]) hr.append(el("th", null, h));
    table.append(hr);
    for (const row of d.steps) {
      const tr = el("tr");
      tr.append(el("td", null, row.turn));
      for (const k of ["listen", "apologize", "solve", "thank"]) {
        tr.append(el("td", row[k] === "n/a" ? "na" : row[k], (MARKS[row[k]] || "") + " " + row[k]));
      }
      tr.append(el("td", null, row.score), el("td", null, row.mood));
      table.append(tr);
    }
    box.append(table);

    box.append(el("h3", null, "Transcript"));
    const chat = el("ol", "chat transcript");
    chat.id = "transcript";
    for (const e of d.transcript) {
      if (e.role === "customer") chat.append(customerBubble(d.customer.split(" ")[0], e.text, e.mood));
      else chat.append(traineeBubble(e));
    }
    box.append(chat);
  }

  // --- /practice: playing -------------------------------------------------------------------------------------

  let game = null; // {id, name, parts, shown, timer, busy}

  function setMood(mood, changes, before) {
    const m = $("mood");
    m.textContent = mood;
    m.className = "mood mood-" + mood;
    m.dataset.mood = mood;
    const c = $("mood-change");
    const why = (changes || []).map((x) => (x.delta > 0 ? "+" : "") + x.delta + " " + x.cause).join(", ");
    if (before && (before !== mood || why)) {
      c.textContent = "(" + (before !== mood ? "was " : "still ") + before + (why ? ": " + why : "") + ")";
    } else {
      c.textContent = "";
    }
  }

  function delayFor(part) {
    if (fixedDelay !== null) return fixedDelay;
    return Math.min(1800, 350 + part.length * 12);
  }

  function stopTyping() {
    if (game && game.timer) clearTimeout(game.timer);
    if (game) game.timer = null;
    $("typing").textContent = "";
  }

  // The customer's message arrives part by part, like typing; game.shown counts the parts the trainee has seen.
  function arrive(parts, then) {
    game.parts = parts.slice();
    game.shown = 0;
    const next = () => {
      if (game.shown >= game.parts.length) {
        stopTyping();
        $("chat").dataset.typing = "done";
        if (then) then();
        return;
      }
      $("chat").dataset.typing = "typing";
      $("typing").textContent = game.name + " is typing…";
      game.timer = setTimeout(() => {
        $("chat").append(customerBubble(game.name, game.parts[game.shown]));
        game.shown += 1;
        $("send").disabled = false;
        next();
      }, delayFor(game.parts[game.shown]));
    };
    next();
  }

  async function loadScenarios() {
    const list = $("scenarios");
    try {
      const scenarios = await api("GET", "/api/v1/practice/scenarios");
      list.replaceChildren();
      for (const sc of scenarios) {
        const li = el("li");
        li.dataset.id = sc.id;
        li.append(el("h3", null, sc.title), el("p", null, sc.industry + " · " + sc.customer + " · starts " + sc.starting_mood),
          el("p", null, sc.summary));
        const b = el("button", "primary", "Play");
        b.type = "button";
        b.dataset.scenario = sc.id;
        b.addEventListener("click", () => start(sc.id));
        li.append(b);
        list.append(li);
      }
    } catch (e) {
      status("Could not load the scenarios: " + e.message, true);
    }
  }

  async function start(id) {
    status("");
    let s;
    try {
      const body = { scenario: id, user: trainee() };
      if (params.has("seed")) body.seed = Number(params.get("seed")) || 0;
      s = await api("POST", "/api/v1/practice/sessions", body);
    } catch (e) {
      status("Could not start: " + e.message, true);
      return;
    }
    const sc = s.scenario;
    game = { id: s.id, name: sc.customer.split(" ")[0], parts: [], shown: 0, timer: null, busy: false };
    $("picker").hidden = true;
    $("debrief").hidden = true;
    $("again").hidden = true;
    $("play").hidden = false;
    $("play").dataset.session = s.id;
    $("reply-form").hidden = false;
    $("sc-title").textContent = sc.title + " (" + sc.industry + ")";
    $("sc-summary").textContent = sc.summary;
    const facts = $("sc-facts");
    facts.replaceChildren(...sc.facts.map((f) => el("li", null, f)));
    $("sc-persona").textContent = sc.customer + ": " + sc.style;
    $("chat").replaceChildren();
    setMood(s.mood);
    $("send").disabled = true;
    $("reply").value = "";
    arrive(s.customer);
    $("reply").focus();
  }

  async function send(ev) {
    ev.preventDefault();
    if (!game || game.busy) return;
    const text = $("reply").value.trim();
    if (!text) return;
    const body = { reply: text, user: trainee() };
    if (game.shown < game.parts.length) body.seen = Math.max(1, game.shown); // sent while they were typing
    stopTyping();
    game.busy = true;
    $("send").disabled = true;
    status("…");
    let r;
    try {
      r = await api("POST", "/api/v1/practice/sessions/" + encodeURIComponent(game.id) + "/replies", body);
    } catch (e) {
      game.busy = false;
      $("send").disabled = false;
      status("Could not send: " + e.message, true);
      return;
    }
    status("");
    game.busy = false;
    $("reply").value = "";
    const t = r.turn;
    $("chat").append(traineeBubble(t));
    if (t.interrupted) $("chat").append(eventLine("You answered before " + game.name + " finished: they start over."));
    if (t.events.includes("reveal")) $("chat").append(eventLine("You asked the golden question: " + game.name + " says what they want."));
    setMood(r.mood, t.changes, t.mood_before);
    if (r.ended) {
      $("reply-form").hidden = true;
      arrive(r.customer, () => finish(r));
    } else {
      arrive(r.customer);
    }
  }

  function finish(r) {
    const line = { resolved: " is satisfied.", escalated: " escalates.", walked_away: " walks away." }[r.ending] || " leaves.";
    $("chat").append(eventLine(game.name + line));
    renderDebrief($("debrief"), r.debrief);
    $("again").hidden = false;
    if (r.record_id !== null && r.record_id !== undefined) {
      status("Stored for " + trainee() + " as session " + r.record_id + ".");
    }
    game = null;
  }

  async function stop() {
    if (!game) return;
    stopTyping();
    let r;
    try {
      r = await api("POST", "/api/v1/practice/sessions/" + encodeURIComponent(game.id) + "/end");
    } catch (e) {
      status("Could not stop: " + e.message, true);
      return;
    }
    $("reply-form").hidden = true;
    renderDebrief($("debrief"), r.debrief);
    $("again").hidden = false;
    if (r.record_id !== null && r.record_id !== undefined) status("Stored for " + trainee() + " as session " + r.record_id + ".");
    else status("Nothing stored: no reply was sent.");
    game = null;
  }

  function again() {
    $("play").hidden = true;
    $("debrief").hidden = true;
    $("again").hidden = true;
    $("picker").hidden = false;
    status("");
  }

  // --- /practice/history --------------------------------------------------------------------------------------

  function whenPlotly(fn) {
    if (window.Plotly) fn();
    else window.addEventListener("load", () => { if (window.Plotly) fn(); });
  }

  function cell(tr, text, cls) {
    const td = el("td", cls, text === null || text === undefined ? "-" : text);
    tr.append(td);
    return td;
  }

  const ENDING_TEXT = { resolved: "resolved", escalated: "escalated", walked_away: "walked away" };

  let loading = 0;

  async function loadHistory() {
    const box = $("progress");
    const mine = ++loading;
    let p;
    try {
      p = await api("GET", "/api/v1/practice/history?user=" + encodeURIComponent(trainee()));
      if (mine !== loading) return; // the trainee changed meanwhile
    } catch (e) {
      status("Could not load the history: " + e.message, true);
      return;
    }
    status("");
    box.replaceChildren();
    box.dataset.sessions = p.sessions.length;
    box.dataset.user = p.user;
    if (!p.sessions.length) {
      box.append(el("p", null, "No practice sessions stored for " + p.user + " yet. "));
      const a = el("a", null, "Practise now");
      a.href = "/practice";
      box.lastChild.append(a);
    } else {
      const s = el("p");
      s.append(el("strong", null, p.sessions.length + " session" + (p.sessions.length === 1 ? "" : "s") + ". "),
        document.createTextNode("Score " + p.scores[0] + " → " + p.scores[p.scores.length - 1] + " (mean " +
          Math.round(p.mean_score) + ", best " + p.best_score + "): "));
      const tr = el("span", "trend-" + p.score_trend.replace(" ", "-"), p.score_trend);
      tr.id = "score-trend";
      s.append(tr);
      if (p.earlier_mean !== null) s.append(document.createTextNode(" (earlier half " + Math.round(p.earlier_mean) + ", later half " + Math.round(p.later_mean) + ")"));
      box.append(s);
      const e = el("p", null, "Endings: " + Object.entries(p.endings).map(([k, v]) => v + " " + (ENDING_TEXT[k] || k)).join(", "));
      e.id = "endings";
      box.append(e);
      const r = el("p", p.rarer.length ? "change-rarer" : "muted", p.rarer.length ? "Rarer now: " + p.rarer.join(", ") : "No don't has become rarer yet.");
      r.id = "rarer";
      box.append(r);
      if (p.more_often.length) box.append(el("p", "change-more-often", "More often now: " + p.more_often.join(", ")));
    }
    const chart = $("chart");
    if (p.figure && p.sessions.length) {
      chart.hidden = false;
      whenPlotly(() => window.Plotly.react(chart, p.figure.data, p.figure.layout, { displayModeBar: false, responsive: true }));
    } else {
      chart.hidden = true;
    }
    const body = $("sessions");
    body.replaceChildren();
    p.sessions.slice().reverse().forEach((s, i) => {
      const tr = el("tr");
      tr.dataset.id = s.id;
      cell(tr, p.sessions.length - i);
      cell(tr, new Date(s.started_at).toLocaleString());
      cell(tr, s.title);
      cell(tr, ENDING_TEXT[s.ending] || "unfinished", "ending " + (s.ending || "unfinished"));
      cell(tr, s.score);
      cell(tr, s.replies);
      cell(tr, s.top_codes.join(", ") || "-");
      const td = cell(tr, "");
      const a = el("a", null, "debrief");
      a.href = "/practice/history/" + encodeURIComponent(s.id);
      td.append(a);
      body.append(tr);
    });
    const donts = $("donts");
    donts.replaceChildren();
    for (const d of p.donts) {
      const tr = el("tr");
      tr.dataset.code = d.code;
      cell(tr, d.code);
      cell(tr, d.name);
      cell(tr, d.earlier);
      cell(tr, d.later);
      const rate = (v) => (v === null || v === undefined ? "-" : v.toFixed(2));
      cell(tr, rate(d.earlier_rate) + " → " + rate(d.later_rate));
      cell(tr, d.change, "change-" + d.change.replace(" ", "-"));
      donts.append(tr);
    }
  }

  // --- /practice/history/{id} ---------------------------------------------------------------------------------

  async function loadRecord() {
    const id = location.pathname.split("/").filter(Boolean).pop();
    try {
      const r = await api("GET", "/api/v1/practice/history/" + encodeURIComponent(id));
      $("record-head").textContent = "Session " + r.id + " of " + r.user + ", " + new Date(r.started_at).toLocaleString();
      renderDebrief($("debrief"), r.result.debrief);
    } catch (e) {
      status("Could not load the session: " + e.message, true);
    }
  }

  // --- start ----------------------------------------------------------------------------------------------------

  if ($("scenarios")) {
    setupTrainee("your sessions");
    loadScenarios();
    $("reply-form").addEventListener("submit", send);
    $("reply").addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) send(ev);
    });
    $("stop").addEventListener("click", stop);
    $("again-button").addEventListener("click", again);
  } else if ($("sessions")) {
    setupTrainee("your sessions", loadHistory).then(loadHistory);
  } else if ($("record-head")) {
    loadRecord();
  }
  window.makeitlastPractice = { renderDebrief, state: () => game };
})();
