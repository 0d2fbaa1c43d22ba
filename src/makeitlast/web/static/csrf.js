// Team mode: every state-changing request a page makes to this app carries the session's CSRF token (from
// <meta name=csrf-token>) in the X-CSRF-Token header; the server refuses such requests without it (403).
// Loaded before the page's own scripts, so they need nothing of their own.
"use strict";
(function () {
  const meta = document.querySelector("meta[name=csrf-token]");
  if (!meta || !window.fetch) return;
  const token = meta.content;
  const original = window.fetch.bind(window);
  const safe = ["GET", "HEAD", "OPTIONS"];
  window.fetch = function (input, init) {
    const request = input instanceof Request ? input : null;
    const method = ((init && init.method) || (request ? request.method : "GET")).toUpperCase();
    const url = new URL(request ? request.url : String(input), location.href);
    if (url.origin === location.origin && !safe.includes(method)) {
      const headers = new Headers((init && init.headers) || (request ? request.headers : undefined));
      if (!headers.has("X-CSRF-Token")) headers.set("X-CSRF-Token", token);
      init = Object.assign({}, init, { headers: headers });
    }
    return original(input, init);
  };
})();
