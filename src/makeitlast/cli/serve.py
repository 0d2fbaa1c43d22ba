"""``makeitlast serve``: the web app (Uvicorn), on this machine without logins or for a team with them.

Local mode (the default) listens on 127.0.0.1 only: anyone who could reach the port could read what is typed
there. A ``--host`` other machines can reach needs team mode (``--team``: logins, roles, tokens), and team mode
needs an admin in the database (``makeitlast users add NAME --role admin``) who can manage the rest.
"""

from __future__ import annotations

import ipaddress
import os
import socket

from makeitlast.cli.errors import CliError, say
from makeitlast.engine.config import Settings


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_database(url: str, team: bool) -> None:
    """Create and migrate the database at ``url`` now (a bad URL or an unreachable server is a clear error
    before anything listens), and in team mode make sure someone can log in as admin."""
    from makeitlast.store.accounts import has_admin
    from makeitlast.store.db import DatabaseError, open_db, safe_url

    try:
        db = open_db(url)
    except DatabaseError as e:
        raise CliError(str(e)) from None
    try:
        if team and not has_admin(db):
            raise CliError(
                f"team mode needs an admin, and the database ({safe_url(url)}) has none: run "
                "`makeitlast users add NAME --role admin` first (with the same --database-url)"
            )
    finally:
        db.close()


def run_server(
    host: str,
    port: int,
    settings: Settings,
    workers: int = 1,
    *,
    database_url: str | None = None,
    team: bool = False,
) -> int:
    if not is_loopback(host) and not team:
        # Without logins anyone who can reach the port could read what is typed here: only with team mode.
        raise CliError(
            f"--host {host} can be reached from other machines, so the app needs logins there: add --team "
            "(after `makeitlast users add NAME --role admin`), or listen on this machine only (127.0.0.1, ::1, "
            "localhost)"
        )
    try:
        import uvicorn

        from makeitlast.web.app import create_app
    except ImportError:
        raise CliError("the web app needs FastAPI and Uvicorn: pip install 'makeitlast[web]'") from None
    from makeitlast.store.db import default_url

    url = database_url or default_url()
    check_database(url, team)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as e:
            raise CliError(f"cannot listen on {host}:{port}: {e.strerror or e} (try --port)") from None
    mode = "team mode: log in at /login" if team else "local mode, no logins"
    say(f"coach page on http://{'[' + host + ']' if ':' in host else host}:{port}/ ({mode}; Ctrl-C to stop)")
    if team and not is_loopback(host):
        say(
            "passwords and session cookies cross the network: serve it behind HTTPS (a TLS-terminating proxy)",
            label="note",
            color="1;33",
        )
    if workers > 1:
        # several processes: each builds the app from the settings, database and mode in the environment
        os.environ["MAKEITLAST_SETTINGS"] = settings.cache_key()
        os.environ["MAKEITLAST_DATABASE_URL"] = url
        os.environ["MAKEITLAST_TEAM"] = "1" if team else "0"
        uvicorn.run(
            "makeitlast.web.app:app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
            access_log=False,
        )
    else:
        uvicorn.run(
            create_app(settings, database_url=url, team=team),
            host=host,
            port=port,
            log_level="warning",
            access_log=False,
        )
    return 0
