// The OpenAPI explorer at /docs: Swagger UI from this app's own /docs-assets/ (no CDN). In team mode "Try it
// out" calls go with the session cookie, and csrf.js adds the CSRF token to the state-changing ones.
"use strict";
(function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  });
})();
