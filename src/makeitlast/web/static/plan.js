// The plan page (/plan): start a 21-30 day plan, check in every day, streaks, the day's reminder, the chart and
// the trend of the related findings. API: GET/POST /api/v1/plan, POST /api/v1/plan/checkins.
// Commitments and notes are the trainee's own text: written with textContent (or as input values) only.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const { el, api, trainee, setupTrainee } = window.makeitlastPages;
  let defaults = { commitments: [], min_days: 21, max_days: 30 };
  let current = null;

  function say(id, text, isError) {
    const s = $(id);
    s.textContent = text || "";
    s.classList.toggle("error", !!isError);
  }

  // --- starting a plan ------------------------------------------------------------------------------------------

  function commitmentRow(text) {
    const row = el("div", "commitment-row");
    const input = el("input");
    input.type = "text";
    input.maxLength = 300;
    input.value = text || "";
    input.placeholder = "A behaviour you will practise every day";
    input.setAttribute("aria-label", "Commitment");
    const remove = el("button", null, "Remove");
    remove.type = "button";
    remove.addEventListener("click", () => row.remove());
    row.append(input, remove);
    return row;
  }

  function showStart(user, force) {
    // shown already for this trainee: keep what they have typed
    if (!force && !$("start").hidden && $("commitments").dataset.user === user) return;
    $("commitments").dataset.user = user;
    $("current").hidden = true;
    $("start").hidden = false;
    $("days").min = defaults.min_days;
    $("days").max = defaults.max_days;
    const box = $("commitments");
    box.replaceChildren(...defaults.commitments.map((c) => commitmentRow(c)));
  }

  async function startPlan(ev) {
    ev.preventDefault();
    const commitments = [...$("commitments").querySelectorAll("input")].map((i) => i.value.trim()).filter(Boolean);
    if (!commitments.length) {
      say("newplan-status", "Keep at least one commitment.", true);
      return;
    }
    const body = {
      user: trainee(),
      days: Number($("days").value),
      commitments,
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || null,
    };
    try {
      const r = await api("POST", "/api/v1/plan", body);
      say("newplan-status", "");
      render(r);
    } catch (e) {
      say("newplan-status", "Could not start the plan: " + e.message, true);
    }
  }

  // --- the current plan -----------------------------------------------------------------------------------------

  function pct(v) {
    return v === null || v === undefined ? "-" : Math.round(v * 100) + "%";
  }

  function render(r) {
    defaults = r.defaults || defaults;
    current = r.plan;
    $("start").dataset.user = $("current").dataset.user = r.user;
    if (!current) {
      showStart(r.user, false);
      return;
    }
    const p = current;
    $("start").hidden = true;
    $("current").hidden = false;
    $("current").dataset.day = p.day;
    $("current").dataset.state = p.state;
    const state = {
      active: "day " + p.day + " of " + p.days + ", " + p.days_left + " to go",
      upcoming: "starts on " + p.started_on,
      finished: "finished on " + p.ends_on,
    }[p.state];
    $("plan-head").textContent = "Plan for " + p.user + ": " + p.started_on + " to " + p.ends_on + " (" + p.timezone + "), " + state;
    $("reminder").textContent = p.reminder;

    // today's check-in
    const today = p.state === "active" && p.per_day.length ? p.per_day[p.per_day.length - 1] : null;
    $("checkin").hidden = p.state !== "active";
    $("checkin-head").textContent = "Today's check-in (" + p.today + ")";
    const rows = $("checkin-rows");
    rows.replaceChildren();
    for (const c of p.commitments) {
      const row = el("div", "commitment-row");
      row.dataset.position = c.position;
      row.append(el("span", null, c.position + ". " + c.text));
      const choice = el("span", "choice");
      const was = today ? today.kept[String(c.position)] : null;
      for (const [value, label] of [["kept", "kept"], ["missed", "missed"]]) {
        const lab = el("label");
        const radio = el("input");
        radio.type = "radio";
        radio.name = "c" + c.position;
        radio.value = value;
        radio.checked = was === (value === "kept");
        lab.append(radio, document.createTextNode(" " + label));
        choice.append(lab);
      }
      row.append(choice);
      rows.append(row);
    }
    $("note").value = today && today.note ? today.note : "";
    say("checkin-status", p.checkin_rate === null ? "" : "Checked in on " + pct(p.checkin_rate) + " of the days so far.");

    // streaks
    const body = $("streaks");
    body.replaceChildren();
    for (const c of p.commitments) {
      const tr = el("tr");
      tr.dataset.position = c.position;
      const today = { true: "kept", false: "missed" }[String(c.kept_today)] || "-";
      for (const v of [c.position, c.text, today, c.current_streak, c.best_streak, pct(c.kept_rate),
        c.codes.length ? c.findings_total : "-", c.trend]) {
        tr.append(el("td", null, v));
      }
      tr.children[3].className = "streak";
      body.append(tr);
    }

    // the chart over the days
    const chart = $("chart");
    if (r.figure && window.Plotly) {
      chart.hidden = false;
      window.Plotly.react(chart, r.figure.data, r.figure.layout, { displayModeBar: false, responsive: true });
    } else {
      chart.hidden = true;
    }

    // the related findings' trend
    const trend = $("findings-trend");
    trend.replaceChildren();
    const replies = p.per_day.reduce((n, d) => n + d.replies, 0);
    for (const c of p.commitments) {
      if (!c.codes.length) continue;
      const li = el("li");
      li.dataset.position = c.position;
      li.append(el("strong", null, c.position + ". " + c.codes.join(", ") + ": "),
        document.createTextNode(c.findings_total + " in " + replies + " replies, "),
        el("span", "trend-" + c.trend.replace(" ", "-"), c.trend),
        document.createTextNode(c.findings_per_day.length ? " (per day: " + c.findings_per_day.join(" ") + ")" : ""));
      trend.append(li);
    }
    if (!trend.children.length) trend.append(el("li", "muted", "No commitment tracks rule codes."));
  }

  async function checkIn(ev) {
    ev.preventDefault();
    const kept = {};
    for (const row of $("checkin-rows").children) {
      const chosen = row.querySelector("input:checked");
      if (chosen) kept[row.dataset.position] = chosen.value === "kept";
    }
    if (!Object.keys(kept).length) {
      say("checkin-status", "Say which commitments you kept or missed today.", true);
      return;
    }
    const note = $("note").value.trim();
    try {
      const r = await api("POST", "/api/v1/plan/checkins", { user: trainee(), kept, note: note || null });
      render(r);
      say("checkin-status", "Checked in for " + r.plan.today + ".");
    } catch (e) {
      say("checkin-status", "Could not check in: " + e.message, true);
    }
  }

  let loading = 0;

  async function load() {
    const mine = ++loading;
    try {
      const r = await api("GET", "/api/v1/plan?user=" + encodeURIComponent(trainee()));
      if (mine !== loading) return; // the trainee changed meanwhile: a newer answer is on its way
      render(r);
      say("status", "");
    } catch (e) {
      say("status", "Could not load the plan: " + e.message, true);
    }
  }

  $("newplan").addEventListener("submit", startPlan);
  $("add-commitment").addEventListener("click", () => {
    const row = commitmentRow("");
    $("commitments").append(row);
    row.querySelector("input").focus();
  });
  $("checkin").addEventListener("submit", checkIn);
  $("replace").addEventListener("click", () => {
    if (window.confirm("Start a new plan? The current one is closed (it stays in the database).")) showStart(trainee(), true);
  });
  setupTrainee("your plan", load).then(load);
})();
