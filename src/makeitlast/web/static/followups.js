"use strict";
(async function () {
  const res = await fetch("/api/v1/followups");
  const list = await res.json();
  const body = document.getElementById("followups");
  for (const p of list) {
    const tr = document.createElement("tr");
    tr.className = p.state;
    for (const text of [p.due ? p.due.replace("T", " ").slice(0, 16) : (p.due_text || "no time given"), p.state,
                        p.author, p.text, p.conversation_id, p.analysis_name]) {
      const td = document.createElement("td");
      td.textContent = text || "";
      tr.append(td);
    }
    body.append(tr);
  }
  if (!list.length) document.getElementById("empty").textContent = "No open or broken promises.";
})();
