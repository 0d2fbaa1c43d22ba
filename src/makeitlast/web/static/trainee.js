// Shared by the practice and plan pages (loaded before their own script): building elements, JSON calls that
// fail with the server's message, and who the trainee is: the signed-in user in team mode (a lead or admin may
// name another trainee), a name kept in this browser in local mode. Text is only ever set with textContent.
"use strict";
window.makeitlastPages = (function () {
  const KEY = "makeitlast.trainee";
  // filled in by setupTrainee(); the pages read it
  const who = { mode: "local", user: null, role: null, can_choose: true, default: "me" };

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  async function api(method, url, body) {
    const opt = { method, headers: {} };
    if (body !== undefined) {
      opt.headers["Content-Type"] = "application/json";
      opt.body = JSON.stringify(body);
    }
    const res = await fetch(url, opt);
    let data = null;
    try {
      data = await res.json();
    } catch (e) {
      data = null;
    }
    if (!res.ok) {
      const d = data && data.detail;
      throw new Error(typeof d === "string" ? d : d ? JSON.stringify(d) : res.status + " " + res.statusText);
    }
    return data;
  }

  function trainee() {
    const input = document.getElementById("trainee");
    const v = input ? input.value.trim() : "";
    return v || who.default;
  }

  // what: what the name keeps apart in local mode ("your plan", "your sessions"); onChange: called when it changes
  async function setupTrainee(what, onChange) {
    try {
      const me = await api("GET", "/api/v1/me"); // {team, user: {name, role, ...} | null}
      if (me && me.team && me.user) {
        const lead = me.user.role === "lead" || me.user.role === "admin";
        Object.assign(who, { mode: "team", user: me.user.name, role: me.user.role, can_choose: lead });
        who.default = me.user.name;
      }
    } catch (e) {
      /* no accounts on this server: local mode */
    }
    const input = document.getElementById("trainee");
    if (!input) return;
    const note = document.getElementById("trainee-note");
    if (who.mode === "team") {
      input.value = who.user;
      input.readOnly = !who.can_choose;
      note.textContent = who.can_choose
        ? "signed in as " + who.user + " (" + who.role + "): you may look at another trainee"
        : "signed in";
    } else {
      if (input.value.trim()) localStorage.setItem(KEY, input.value.trim()); // typed before the page was ready
      else input.value = localStorage.getItem(KEY) || who.default;
      note.textContent = "no login here: this name keeps " + what + " apart";
    }
    input.addEventListener("change", () => {
      if (who.mode !== "team") localStorage.setItem(KEY, trainee());
      if (onChange) onChange();
    });
  }

  return { el, api, trainee, setupTrainee, who };
})();
