"""``makeitlast serve``: the web app (Uvicorn), on this machine without logins or for a team with them.

Local mode (the default) listens on 127.0.0.1 only: anyone who could reach the port could read what is typed
there. A ``--host`` other machines can reach needs team mode (``--team``: logins, roles, tokens), and team mode
needs an admin in the database (``makeitlast users add NAME --role admin``) who can manage the rest.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys

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
        if hasattr(socket, "SO_REUSEPORT") and sys.platform.startswith("linux"):
            _reuseport_workers(host, port, workers)
        else:
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
        sock = _listen(host, port, reuse_port=False)
        try:
            uvicorn.run(
                create_app(settings, database_url=url, team=team),
                host=host,
                port=port,
                fd=sock.fileno(),
                log_level="warning",
                access_log=False,
            )
        finally:
            sock.close()
    return 0


def _listen(host: str, port: int, *, reuse_port: bool) -> socket.socket:
    """The listening socket. ``TCP_NODELAY`` is set on it, and accepted connections inherit it (Linux): without
    it a response written in two parts (headers, body) waited for the client's delayed ACK, 40 ms per request
    under keep-alive load (``benchmarks/bench_web.py``: p50 44 ms, 1,100 requests/s, against 29 ms and 2,050)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _worker(host: str, port: int) -> None:
    """One server process with its own listening socket on the shared port (``SO_REUSEPORT``)."""
    import uvicorn

    sock = _listen(host, port, reuse_port=True)
    config = uvicorn.Config(
        "makeitlast.web.app:app_from_env", factory=True, log_level="warning", access_log=False
    )
    uvicorn.Server(config).run(sockets=[sock])


def _reuseport_workers(host: str, port: int, workers: int) -> None:
    """Run ``workers`` server processes, each with its own socket on the same port, so that Linux spreads the
    connections evenly over them. (Uvicorn's own ``workers`` share one socket: whichever process wakes first
    accepts, and under load one process ended up with most of the keep-alive connections: p50 42 ms against
    26 ms when even, measured with ``benchmarks/bench_web.py``.) Ctrl-C or SIGTERM stops them all; if one dies,
    the others are stopped too and the command exits."""
    import multiprocessing
    import signal

    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_worker, args=(host, port), daemon=True) for _ in range(workers)]
    for p in procs:
        p.start()

    def stop(*_args: object) -> None:
        for p in procs:
            if p.is_alive():
                p.terminate()

    previous = signal.signal(signal.SIGTERM, lambda *_: stop())
    try:
        while all(p.is_alive() for p in procs):
            procs[0].join(timeout=0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop()
        for p in procs:
            p.join(timeout=10)
        signal.signal(signal.SIGTERM, previous)
