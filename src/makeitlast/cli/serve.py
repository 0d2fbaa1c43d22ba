"""``makeitlast serve``: the web app on this machine (Uvicorn)."""

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


def run_server(host: str, port: int, settings: Settings, workers: int = 1) -> int:
    if not is_loopback(host):
        # Without logins anyone who can reach the port could read what is typed here: only this machine may.
        raise CliError(
            f"--host {host}: the app has no logins yet, so it only listens on this machine (127.0.0.1, ::1, "
            "localhost); put it behind an authenticating proxy on this machine to share it"
        )
    try:
        import uvicorn

        from makeitlast.web.app import create_app
    except ImportError:
        raise CliError("the web app needs FastAPI and Uvicorn: pip install 'makeitlast[web]'") from None
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as e:
            raise CliError(f"cannot listen on {host}:{port}: {e.strerror or e} (try --port)") from None
    say(f"coach page on http://{'[' + host + ']' if ':' in host else host}:{port}/ (Ctrl-C to stop)")
    if workers > 1:
        # several processes: each builds the app from the settings in the environment
        os.environ["MAKEITLAST_SETTINGS"] = settings.cache_key()
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
        uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", access_log=False)
    return 0
