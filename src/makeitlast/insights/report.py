"""``report.html``: the insights summary as one self-contained page, charts by Plotly.

The page carries Plotly's JavaScript inline (no CDN, no fonts or images fetched: it opens offline, from a file or
an e-mail attachment) and every chart is a ``div.chart``. Customer and agent text is always HTML-escaped; the
flagged words are wrapped in ``<mark>`` after escaping.

The same figures, with the selector of every bar and point (``insights.selectors``: what a click leads to), are
given as Plotly JSON by :func:`chart_specs` for the web dashboard, which draws them itself.

Plotly is an optional dependency (``pip install 'makeitlast[insights]'``); it is imported only here.
"""

from __future__ import annotations

import html
import json
from typing import Any

from makeitlast.insights.selectors import Kind, Selector
from makeitlast.model import STEPS

_COLORS = {"present": "#2e7d32", "weak": "#f9a825", "missing": "#c62828", "n/a": "#9e9e9e"}
#: How many problems get example replies.
TOP_PROBLEMS = 6


def _plotly() -> Any:
    try:
        import plotly.graph_objects as go
    except ImportError as e:  # pragma: no cover - depends on the install
        raise RuntimeError("report.html needs Plotly: `pip install 'makeitlast[insights]'`") from e
    return go


def _layout(title: str, **extra: Any) -> dict[str, Any]:
    return {
        "title": {"text": title, "x": 0.01},
        "margin": {"l": 60, "r": 20, "t": 50, "b": 50},
        "height": 360,
        "template": "plotly_white",
        "legend": {"orientation": "h", "y": -0.2},
        **extra,
    }


#: Each trace's point selectors: ``selectors[trace][point]`` names the replies behind that bar or point.
Selectors = list[list[Selector | None]]


def charts(summary: dict[str, Any]) -> list[tuple[str, Any]]:
    """The report's figures, as (id, Plotly figure)."""
    return [(name, fig) for name, fig, _sel in figures(summary)]


def figures(summary: dict[str, Any]) -> list[tuple[str, Any, Selectors]]:
    """The report's figures with the selector of every bar and point (``insights.selectors``): what the
    dashboard opens when one is clicked."""
    go = _plotly()
    out: list[tuple[str, Any, Selectors]] = []
    steps = summary["steps"]
    names = [s.value for s in STEPS]
    statuses = ("present", "weak", "missing", "n/a")
    fig = go.Figure(
        [
            go.Bar(name=status, x=names, y=[steps[n][status] for n in names], marker_color=_COLORS[status])
            for status in statuses
        ],
        layout=_layout("L.A.S.T. steps in the replies", barmode="stack", yaxis_title="replies"),
    )
    out.append(("steps", fig, [[Selector.step(n, status) for n in names] for status in statuses]))

    donts = [f for f in summary["findings"] if f["code"].startswith("D")][:12]
    others = [f for f in summary["findings"] if not f["code"].startswith("D")][:12]
    fig = go.Figure(
        [
            go.Bar(
                x=[f["per_100_replies"] for f in reversed(donts)],
                y=[f"{f['code']} {f['name']}" for f in reversed(donts)],
                orientation="h",
                marker_color="#c62828",
            )
        ],
        layout=_layout("Don'ts, ranked (per 100 replies)", xaxis_title="per 100 replies", margin={"l": 170}),
    )
    out.append(("donts", fig, [[Selector("finding", f["code"]) for f in reversed(donts)]]))
    fig = go.Figure(
        [
            go.Bar(
                x=[f["per_100_replies"] for f in reversed(others)],
                y=[f"{f['code']} {f['name']}" for f in reversed(others)],
                orientation="h",
                marker_color="#ef6c00",
            )
        ],
        layout=_layout("Steps skipped or weak, ranked (per 100 replies)", margin={"l": 190}),
    )
    out.append(("skipped", fig, [[Selector("finding", f["code"]) for f in reversed(others)]]))

    hist = summary["score_histogram"]
    fig = go.Figure(
        [go.Bar(x=list(hist), y=list(hist.values()), marker_color="#1565c0")],
        layout=_layout(f"Scores (mean {summary['mean_score']})", xaxis_title="score", yaxis_title="replies"),
    )
    out.append(("scores", fig, [[Selector("score", b) for b in hist]]))

    kinds: tuple[tuple[str, Kind, str], ...] = (
        ("by_agent", "agent", "agent"),
        ("by_brand", "brand", "brand"),
        ("by_team", "team", "team"),
    )
    for key, kind, label in kinds:
        groups = summary.get(key) or {}
        if not groups:
            continue
        top = list(groups.items())[:20]
        fig = go.Figure(
            [
                go.Bar(
                    name="mean score",
                    x=[html.escape(k) for k, _ in top],  # Plotly reads tags in labels: show them as text
                    y=[g["mean_score"] for _, g in top],
                    marker_color="#1565c0",
                    customdata=[g["replies"] for _, g in top],
                    hovertemplate="%{x}: %{y} (%{customdata} replies)<extra></extra>",
                )
            ],
            layout=_layout(f"Mean score by {label} (the {len(top)} with most replies)", yaxis_range=[0, 100]),
        )
        out.append((key, fig, [[Selector(kind, k) for k, _ in top]]))

    days = summary.get("by_day") or {}
    if days:
        fig = go.Figure(
            [
                go.Scatter(
                    name="mean score",
                    x=list(days),
                    y=[g["mean_score"] for g in days.values()],
                    mode="lines+markers",
                ),
                go.Bar(
                    name="replies",
                    x=list(days),
                    y=[g["replies"] for g in days.values()],
                    yaxis="y2",
                    opacity=0.3,
                ),
            ],
            layout=_layout(
                "Over time",
                xaxis={"type": "category"},
                yaxis={"title": "mean score", "range": [0, 100]},
                yaxis2={"title": "replies", "overlaying": "y", "side": "right"},
            ),
        )
        out.append(("over_time", fig, [[Selector("day", d) for d in days]] * 2))

    gap = summary["remedy_gap"]
    fig = go.Figure(
        [
            go.Bar(name="wanted", x=list(gap), y=[g["wanted"] for g in gap.values()], marker_color="#6a1b9a"),
            go.Bar(name="got it", x=list(gap), y=[g["met"] for g in gap.values()], marker_color="#2e7d32"),
        ],
        layout=_layout("What customers wanted, and whether they got it", barmode="group"),
    )
    out.append(("remedy_gap", fig, [[Selector.want(w) for w in gap], [Selector.want(w, "met") for w in gap]]))

    pr = summary["promises"]
    fig = go.Figure(
        [
            go.Bar(
                x=["kept", "kept early", "open", "broken"],
                y=[pr["kept"], pr["early"], pr["open"], pr["broken"]],
                marker_color=["#2e7d32", "#66bb6a", "#f9a825", "#c62828"],
            )
        ],
        layout=_layout("Promises made: kept, open, broken"),
    )
    out.append(("promises", fig, [[Selector("promise", s) for s in ("kept", "early", "open", "broken")]]))

    fr = summary["first_response"]["histogram"]
    rt = summary["reply_time"]
    fig = go.Figure(
        [
            go.Bar(name="first response", x=list(fr), y=list(fr.values()), marker_color="#00838f"),
            go.Bar(name="every reply", x=list(rt), y=list(rt.values()), marker_color="#80deea"),
        ],
        layout=_layout("Response times (“FedEx fast”)", barmode="group", yaxis_title="count"),
    )
    out.append(
        (
            "response_times",
            fig,
            [[Selector("first_response", b) for b in fr], [Selector("reply_time", b) for b in rt]],
        )
    )

    rec = summary["recovery"]
    fig = go.Figure(
        [
            go.Bar(
                x=["ended calmer", "did not"],
                y=[rec["recovered"], rec["upset_at_start"] - rec["recovered"]],
                marker_color=["#2e7d32", "#c62828"],
            )
        ],
        layout=_layout(
            "Recovery: upset customers who ended calmer"
            + (f" ({rec['rate']:.0%})" if rec["rate"] is not None else "")
        ),
    )
    out.append(("recovery", fig, [[Selector("recovery", k) for k in ("recovered", "not_recovered")]]))
    return out


def chart_specs(summary: dict[str, Any]) -> dict[str, Any]:
    """The figures as JSON for a page to draw with ``Plotly.newPlot`` (the dashboard): ``charts`` is a list of
    ``{"id", "data", "layout", "selectors"}`` (``selectors[trace][point]``: ``{"kind", "key"}`` or null), and
    ``template`` the layout template they share, sent once."""
    specs: list[dict[str, Any]] = []
    template: Any = None
    for name, fig, selectors in figures(summary):
        spec = json.loads(fig.to_json())
        layout = spec.get("layout", {})
        template = layout.pop("template", template)
        specs.append(
            {
                "id": name,
                "data": spec.get("data", []),
                "layout": layout,
                "selectors": [[s.to_json() if s else None for s in trace] for trace in selectors],
            }
        )
    return {"template": template, "charts": specs}


def _highlight(text: str, spans: list[list[int]]) -> str:
    """``text`` escaped, with ``spans`` (character offsets) in ``<mark>``."""
    out: list[str] = []
    pos = 0
    for start, end in sorted((s, e) for s, e in spans if 0 <= s < e <= len(text)):
        if start < pos:
            continue
        out += [html.escape(text[pos:start]), "<mark>", html.escape(text[start:end]), "</mark>"]
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _examples(summary: dict[str, Any]) -> str:
    parts = []
    for f in summary["findings"][:TOP_PROBLEMS]:
        items = []
        for ex in f["examples"]:
            customer = (
                f'<p class="customer"><b>Customer:</b> {html.escape(ex["customer"])}</p>'
                if ex.get("customer")
                else ""
            )
            who = " · ".join(html.escape(x) for x in (ex.get("agent"), ex.get("brand")) if x)
            items.append(
                f'<div class="example">{customer}'
                f'<p class="reply"><b>Reply</b> <small>{who}</small>: {_highlight(ex["reply"], ex["spans"])}</p>'
                f'<p class="why">{html.escape(ex["message"])}</p>'
                + (
                    f'<p class="instead"><b>Instead:</b> {html.escape(ex["suggestion"])}</p>'
                    if ex.get("suggestion")
                    else ""
                )
                + "</div>"
            )
        parts.append(
            f'<section class="problem" id="problem-{html.escape(f["code"])}"><h3>{html.escape(f["code"])} '
            f"{html.escape(f['name'])}: {f['count']} replies ({f['per_100_replies']} per 100)</h3>"
            + "".join(items)
            + "</section>"
        )
    return "".join(parts)


_CSS = """
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#212121;background:#fafafa}
header{background:#263238;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}
main{padding:18px 28px;max-width:1200px}.figures{display:flex;gap:18px;flex-wrap:wrap;margin:12px 0 24px}
.figure{background:#fff;border:1px solid #e0e0e0;border-radius:6px;padding:10px 16px;min-width:140px}
.figure b{display:block;font-size:24px}.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:16px}
.chart{background:#fff;border:1px solid #e0e0e0;border-radius:6px;min-width:0;overflow:hidden}.example{background:#fff;border-left:4px solid #c62828;
padding:6px 14px;margin:8px 0}mark{background:#ffcdd2;padding:0 2px}.instead{color:#2e7d32}.customer{color:#555}
"""


def render(summary: dict[str, Any]) -> str:
    """The whole page."""
    from plotly.offline import get_plotlyjs

    figs = charts(summary)
    blocks = []
    for name, fig in figs:
        div = fig.to_html(
            full_html=False,
            include_plotlyjs=False,
            div_id=f"chart-{name}",
            default_width="100%",
            default_height="360px",
            config={"displaylogo": False, "responsive": True, "displayModeBar": False},
        )
        blocks.append(f'<div class="chart" data-chart="{name}">{div}</div>')
    steps = summary["steps"]
    figures = [
        ("conversations", summary["conversations"]),
        ("replies judged", summary["replies"]),
        ("mean score", summary["mean_score"]),
        *[(f"{s.value} present", f"{(steps[s.value]['coverage'] or 0):.0%}") for s in STEPS],
        ("promises broken", summary["promises"]["broken"]),
        (
            "recovery rate",
            f"{summary['recovery']['rate']:.0%}" if summary["recovery"]["rate"] is not None else "n/a",
        ),
    ]
    head = "".join(
        f'<div class="figure"><b>{html.escape(str(v))}</b>{html.escape(k)}</div>' for k, v in figures
    )
    data = html.escape(
        json.dumps({"summary_version": summary["summary_version"], "charts": [n for n, _ in figs]})
    )
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width,initial-scale=1'>"
        "<title>makeitlast insights: where we miss the mark</title>"
        f"<style>{_CSS}</style><script>{get_plotlyjs()}</script></head><body>"
        "<header><h1>Where we miss the mark</h1><div>L.A.S.T. insights: Listen, Apologize, Solve, Thank</div></header>"
        f'<main data-report="{data}"><div class="figures">{head}</div>'
        f'<div class="grid">{"".join(blocks)}</div>'
        f"<h2>Top problems, with real replies</h2>{_examples(summary)}</main></body></html>"
    )
