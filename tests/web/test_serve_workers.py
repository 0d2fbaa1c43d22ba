"""``makeitlast serve --workers 2`` for real: two processes on one port, both answering, all stopped by SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

psutil = pytest.importorskip("psutil")

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SO_REUSEPORT workers: Linux")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_two_workers_share_the_port_and_stop_together(tmp_path) -> None:  # type: ignore[no-untyped-def]
    port = _free_port()
    env = {**os.environ, "MAKEITLAST_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}"}
    server = subprocess.Popen(
        [sys.executable, "-m", "makeitlast", "serve", "--port", str(port), "--workers", "2", "--no-config"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        listeners: set[int] = set()
        while len(listeners) < 2 and time.monotonic() < deadline:
            time.sleep(0.3)
            listeners = {
                c.pid
                for c in psutil.net_connections("tcp")
                if c.laddr and c.laddr.port == port and c.status == psutil.CONN_LISTEN and c.pid
            }
        assert len(listeners) == 2, f"processes listening on the port: {listeners}"
        body = {"reply": "It's our policy.", "customer": "My order #4471 arrived broken"}
        for _ in range(20):  # new connections: the kernel spreads them over the two sockets
            with httpx.Client(timeout=10) as client:
                r = client.post(f"http://127.0.0.1:{port}/api/v1/check", json=body)
            assert r.status_code == 200 and any(f["code"] == "D001" for f in r.json()["findings"])
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
    time.sleep(0.5)
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))  # nothing listens any more: every worker is gone
