"""The frame of every page: the header with its navigation, the signed-in user and the CSRF token.

Which links show depends on who is signed in (team mode) or on nothing (local mode): the request's user and CSRF
token are put in context variables by :class:`makeitlast.web.auth.AuthMiddleware`, so any page built with
:func:`page`, in any router, gets the right header without passing the request along. Everything from a user
(a name, a team) is escaped here; customer and agent text never reaches server-built HTML at all.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from contextvars import ContextVar
from typing import Any, NamedTuple

from fastapi.responses import HTMLResponse

#: The signed-in user (``makeitlast.store.accounts.Account``) in team mode, else ``None``.
current_user: ContextVar[Any] = ContextVar("makeitlast_user", default=None)
#: The CSRF token of the signed-in browser session (``None`` in local mode or with a bearer token).
current_csrf: ContextVar[str | None] = ContextVar("makeitlast_csrf", default=None)
#: Whether the app runs in team mode (logins, roles).
team_mode: ContextVar[bool] = ContextVar("makeitlast_team", default=False)


class Link(NamedTuple):
    href: str
    label: str
    #: The lowest role that may open it.
    role: str = "agent"
    #: Shown in team mode only.
    team_only: bool = False


#: The header's links, in order (routers adding pages may append to it).
NAV: list[Link] = [
    Link("/", "Coach"),
    Link("/insights", "Insights", "lead"),
    Link("/followups", "Follow-ups", "lead"),
    Link("/rules", "Rules"),
    Link("/practice", "Practice"),
    Link("/plan", "Plan"),
    Link("/docs", "API"),
    Link("/admin", "Admin", "admin", team_only=True),
]

_RANK = {"agent": 0, "lead": 1, "admin": 2}


def csrf_field() -> str:
    """A hidden form field with the session's CSRF token (empty in local mode): put it in every POST form."""
    token = current_csrf.get()
    return f"<input type=hidden name=csrf_token value='{html.escape(token, quote=True)}'>" if token else ""


def csrf_meta() -> str:
    """In a signed-in page's ``<head>``: the session's CSRF token, and ``csrf.js``, which adds it as the
    ``X-CSRF-Token`` header to every state-changing ``fetch`` the page's scripts make to this origin."""
    token = current_csrf.get()
    if not token:
        return ""
    return f"<meta name=csrf-token content='{html.escape(token, quote=True)}'><script src=/static/csrf.js></script>"


def _nav(user: Any, team: bool) -> str:
    rank = _RANK.get(getattr(user, "role", ""), -1) if team else 2
    links = "".join(
        f"<a href={html.escape(link.href, quote=True)}>{html.escape(link.label)}</a>"
        for link in NAV
        if rank >= _RANK.get(link.role, 0) and (team or not link.team_only)
    )
    who = ""
    if user is not None:
        team_name = f", {html.escape(user.team)}" if getattr(user, "team", None) else ""
        who = (
            f"<span class=who>{html.escape(user.name)} <small>({html.escape(user.role)}{team_name})</small></span>"
            f"<form class=logout method=post action=/logout>{csrf_field()}<button type=submit>Log out</button></form>"
        )
    return f"<nav>{links}</nav>{who}"


def page(
    title: str,
    body: str,
    script: str | None = None,
    *,
    status_code: int = 200,
    nav: bool = True,
    styles: Sequence[str] = (),
    scripts: Sequence[str] = (),
) -> HTMLResponse:
    """A page of the app: ``body`` is trusted HTML (escape anything from outside before putting it in).

    ``script`` is the page's own script (a file of ``/static/``); ``styles`` and ``scripts`` are URLs of more
    style sheets and scripts, in the head after the app's style sheet and before the page's script (every
    script is deferred, so they run in this order: a library before the page that uses it)."""
    urls = [*scripts, *([f"/static/{script}"] if script else [])]
    tags = "".join(f'<link rel=stylesheet href="{html.escape(u, quote=True)}">' for u in styles)
    tags += "".join(f'<script src="{html.escape(u, quote=True)}" defer></script>' for u in urls)
    meta = csrf_meta()
    header = _nav(current_user.get(), team_mode.get()) if nav else ""
    return HTMLResponse(
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<meta name=viewport content='width=device-width,initial-scale=1'>{meta}"
        f"<title>{html.escape(title)} · makeitlast</title><link rel=stylesheet href=/static/app.css>{tags}"
        f"</head><body><header><a class=brand href=/>makeitlast</a>{header}</header>"
        f"<main>{body}</main></body></html>",
        status_code=status_code,
    )
