"""Plotly for the app's pages, from the installed ``plotly`` package (the ``insights`` extra): never a CDN.

One copy of plotly.js serves the insights dashboard (``/insights/assets/``, guarded with the dashboard's router)
and the practice and plan pages (``/vendor/``, for every trainee): :func:`plotly_response` streams the package's
own file. The pages keep a Content-Security-Policy without inline styles: :func:`plotly_css` serves the style
rules plotly.js would otherwise inject, and :func:`plotly_style_ids` names the style elements it looks for before
injecting its own.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path

from fastapi import HTTPException
from fastapi.responses import FileResponse


@functools.cache
def plotly_path() -> Path | None:
    """The installed plotly.min.js, or None without the ``insights`` extra."""
    try:
        path = Path(str(resources.files("plotly").joinpath("package_data", "plotly.min.js")))
    except ModuleNotFoundError:
        return None
    return path if path.is_file() else None


#: Plotly's style rules, inserted by plotly.js at load unless the page has an element with this id and class.
_PLOTLY_RULES = re.compile(r'=\{("X,X div":.*?)\};for\(\w+ in \w+\)', re.S)
_RULE = re.compile(r'"((?:[^"\\]|\\.)*)":(?:\'((?:[^\'\\]|\\.)*)\'|"((?:[^"\\]|\\.)*)")')
#: The few rules the charts cannot do without, should a Plotly release hide its rules from the pattern above.
_FALLBACK_CSS = (
    ".js-plotly-plot .plotly .main-svg{position:absolute;top:0;left:0;pointer-events:none}"
    ".js-plotly-plot .plotly .main-svg .draglayer{pointer-events:all}"
    ".js-plotly-plot .plotly .cursor-pointer{cursor:pointer}"
    ".js-plotly-plot .plotly,.js-plotly-plot .plotly div{direction:ltr;margin:0;padding:0;border:0}\n"
)


@functools.cache
def plotly_css() -> str:
    """Plotly's global style rules as a stylesheet, read from the installed plotly.js (so they match it): a page
    that links it with ``id="plotly.js-style-global" class="no-inline-styles"`` needs no inline styles."""
    path = plotly_path()
    if path is None:
        return _FALLBACK_CSS
    found = _PLOTLY_RULES.search(path.read_text(encoding="utf-8"))
    if not found:
        return _FALLBACK_CSS
    rules = []
    for m in _RULE.finditer(found.group(1)):
        selector, body = m.group(1), m.group(2) if m.group(2) is not None else m.group(3)
        # as plotly.js does: "X" is the plot, "Y" the notifier
        selector = selector.replace(",", " ,", 1) if selector.startswith(",") else selector
        selector = selector.replace("X", ".js-plotly-plot .plotly").replace("Y", ".plotly-notifier")
        body = re.sub(r"\\(.)", r"\1", body)  # a JS string's escapes
        rules.append(f"{selector}{{{body}}}")
    return "\n".join(rules) + "\n" if rules else _FALLBACK_CSS


#: Style sheets plotly.js adds at load unless an element with their id is on the page (MapLibre's, for map traces).
_STYLE_ONCE = re.compile(
    r'if\(!document\.getElementById\("([\w-]+)"\)\)\{var \w+=document\.createElement\("style"\)'
)


@functools.cache
def plotly_style_ids() -> tuple[str, ...]:
    """The ids of the style elements plotly.js would insert when it loads (the dashboard draws no map, and its
    Content-Security-Policy refuses inline styles): a page with elements of these ids keeps plotly.js from trying."""
    path = plotly_path()
    return tuple(dict.fromkeys(_STYLE_ONCE.findall(path.read_text(encoding="utf-8")))) if path else ()


def plotly_response() -> FileResponse:
    """plotly.min.js itself (revalidated by its ETag, so a repeat visit gets a 304)."""
    path = plotly_path()
    if path is None:
        raise HTTPException(404, "the charts need Plotly: pip install 'makeitlast[insights]'")
    return FileResponse(path, media_type="text/javascript", headers={"Cache-Control": "no-cache"})
