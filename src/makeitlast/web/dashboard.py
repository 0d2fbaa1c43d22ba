"""The insights dashboard: an analysis's charts filtered by agent, team and date, each bar leading to the replies
behind it.

``dashboard_router(analyses)`` holds every route (``create_app`` includes it; a dependency added to the router,
such as a login check, covers them all):

- ``GET /api/v1/insights/{id}/summary?agent=&team=&since=&until=``: the figures for those replies
  (``insights.filter.summary``), the filter values the analysis has, and the charts as Plotly JSON with the
  selector of every bar and point (``insights.report.chart_specs``);
- ``GET /api/v1/insights/{id}/examples?kind=&key=&...&offset=&limit=``: the replies behind one point
  (``insights.filter.examples``), a page at a time;
- ``GET /insights/{id}``: the page (``static/dashboard.html`` and ``dashboard.js``), which draws the charts with
  Plotly served from the installed ``plotly`` package (``/insights/assets/plotly.min.js``, no CDN) under the app's
  Content-Security-Policy: no inline script, no inline style (Plotly's own style rules are served as a
  stylesheet, ``/insights/assets/plotly.css``, which tells Plotly not to inject them). The two files are under
  ``/insights/`` rather than ``/static/`` so that whatever guards the router guards them too and works for them:
  team mode looks no user up for ``/static/``.

Results are cached per analysis and query (a finished analysis does not change): filtering a large analysis
reads its whole ``replies.jsonl`` once, and the page asks again for the same figures on every visit.
"""

from __future__ import annotations

import html
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse, Response

from makeitlast.insights import filter as insights_filter
from makeitlast.insights.filter import PAGE, FilterError, Filters
from makeitlast.insights.selectors import Selector, SelectorError
from makeitlast.web.analyses import Analyses
from makeitlast.web.vendor import plotly_css, plotly_response, plotly_style_ids

T = TypeVar("T")
#: Results kept in memory (filtered summaries, chart specs, pages of examples, filter values).
CACHE_SIZE = 128


class _Lru:
    """A small thread-safe least-recently-used cache (the API's routes run in a thread pool)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                value: T = self._items[key]
                return value
        value = compute()  # outside the lock: a long computation does not hold up other requests
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


def _number(name: str, value: str | None, default: int) -> int:
    if value is None or value == "":
        return default
    if not re.fullmatch(r"\d{1,9}", value):
        raise HTTPException(400, f"{name} must be a whole number, 0 or more: got {value!r}")
    return int(value)


def dashboard_router(analyses: Analyses) -> APIRouter:
    """The dashboard's API routes, its page and the local Plotly files."""
    router = APIRouter()
    cache = _Lru(CACHE_SIZE)

    def finished(ident: str) -> tuple[dict[str, Any], Path]:
        try:
            meta = analyses.meta(ident)
            folder = analyses.folder(ident)
        except (KeyError, FileNotFoundError):
            raise HTTPException(404, f"no analysis {ident!r}") from None
        if meta["state"] != "done" or not (folder / "replies.jsonl").is_file():
            raise HTTPException(409, f"analysis {ident!r} is {meta['state']}: its figures are not ready")
        return meta, folder

    def stamp(folder: Path) -> int:
        return (folder / "replies.jsonl").stat().st_mtime_ns

    def options(ident: str, folder: Path) -> dict[str, Any]:
        return cache.get(("options", ident, stamp(folder)), lambda: insights_filter.options(folder))

    def filters(
        ident: str, folder: Path, agent: str | None, team: str | None, since: str | None, until: str | None
    ) -> Filters:
        try:
            f = Filters.parse(agent, team, since, until)
            f.check(options(ident, folder))
        except FilterError as e:
            raise HTTPException(400, str(e)) from None
        return f

    @router.get(
        "/api/v1/insights/{ident}/summary",
        tags=["insights"],
        summary="An analysis's figures for one agent, team or date range, with its charts",
    )
    def filtered_summary(
        ident: str,
        agent: str | None = None,
        team: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> dict[str, Any]:
        """`summary`: the figures of `summary.json` for the replies the filters select (`since` and `until` are
        days, `YYYY-MM-DD`, inclusive; no filter gives `summary.json` itself); `options`: the agents, teams
        and first and last day the analysis has; `charts`: the report's charts as Plotly JSON, with the selector
        (`kind`, `key`) of each bar and point for `GET .../examples`. 400 for a bad or unknown filter value,
        404 for an unknown analysis, 409 while it is still running."""
        from makeitlast.insights.report import chart_specs

        meta, folder = finished(ident)
        f = filters(ident, folder, agent, team, since, until)
        key = (ident, stamp(folder), f)
        figures = cache.get(("summary", *key), lambda: insights_filter.summary(folder, f))
        specs = cache.get(("charts", *key), lambda: chart_specs(figures))
        opts = options(ident, folder)
        return {
            "id": ident,
            "name": meta["name"],
            "filters": f.to_json(),
            "options": {k: opts[k] for k in ("agents", "teams", "since", "until")},
            "summary": figures,
            **specs,
        }

    @router.get(
        "/api/v1/insights/{ident}/examples",
        tags=["insights"],
        summary="The replies behind one bar or point of a chart",
    )
    def examples(
        ident: str,
        kind: str | None = None,
        key: str | None = None,
        agent: str | None = None,
        team: str | None = None,
        since: str | None = None,
        until: str | None = None,
        offset: str | None = None,
        limit: str | None = None,
    ) -> dict[str, Any]:
        """`kind` and `key`: a chart point's selector (`step` `listen:missing`, `finding` `D001`, `agent` `Dana`,
        `day` `2026-11-03`, `want` `refund:unmet`, `conversation` and its id ...: `docs/web.md`), with the
        same filters as `.../summary`; `limit` replies (default 20, at most 100) from `offset`, each with the
        customer's text, the reply, its findings (with the flagged spans), its score and conversation id;
        `next_offset` is null on the last page. 400 for a bad selector, filter, offset or limit."""
        _meta, folder = finished(ident)
        f = filters(ident, folder, agent, team, since, until)
        try:
            selector = Selector.parse(kind, key)
        except SelectorError as e:
            raise HTTPException(400, str(e)) from None
        start, size = _number("offset", offset, 0), _number("limit", limit, PAGE)

        def page() -> dict[str, Any]:
            return insights_filter.examples(folder, selector, f, offset=start, limit=size)

        try:
            return cache.get(("examples", ident, stamp(folder), f, selector, start, size), page)
        except FilterError as e:
            raise HTTPException(400, str(e)) from None

    @router.get("/insights/{ident}", include_in_schema=False)
    def dashboard_page(ident: str) -> HTMLResponse:
        from makeitlast.web.app import _page, _static  # imported here: the app module imports this one

        try:
            analyses.meta(ident)
        except (KeyError, FileNotFoundError):
            raise HTTPException(404, f"no analysis {ident!r}") from None
        placeholders = "".join(
            f'<i hidden id="{html.escape(i, quote=True)}"></i>' for i in plotly_style_ids()
        )
        return _page("Insights dashboard", _static("dashboard.html") + placeholders, "dashboard.js")

    @router.get("/insights/assets/plotly.min.js", include_in_schema=False)
    def plotly_js() -> Response:
        return plotly_response()

    @router.get("/insights/assets/plotly.css", include_in_schema=False)
    def plotly_stylesheet() -> Response:
        return Response(plotly_css(), media_type="text/css", headers={"Cache-Control": "no-cache"})

    return router
