"""Load on ``POST /api/v1/check`` from a second process on loopback.

    python3 benchmarks/bench_web.py [--clients 50] [--seconds 30] [--data PATH]

Starts ``makeitlast serve`` on a free 127.0.0.1 port (its own process), then runs ``--clients`` concurrent
keep-alive clients (asyncio + httpx) for ``--seconds``, each posting real reply/customer pairs from
``../shared/data/twcs/pairs.jsonl`` (or built-in samples when it is absent). Prints requests/s, p50/p90/p99
latency and errors; then the same with 1 MB bodies, which must all be refused with 413. Every request goes to
127.0.0.1 only, and the run stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "twcs" / "pairs.jsonl"
SAMPLES = [
    {
        "reply": "It's our policy, nothing I can do.",
        "customer": "My order #4471 arrived broken, I want a refund",
    },
    {
        "reply": "So sorry about the delay! Your refund went out today. Thanks for your patience.",
        "customer": "Where is my refund?",
    },
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p / 100 * len(xs)))] * 1000 if xs else float("nan")


async def _client(
    host: str, port: int, path: str, bodies: list[bytes], k: int, step: int, stop: float, out: dict[str, Any]
) -> None:
    """One keep-alive HTTP/1.1 connection posting bodies until ``stop`` (a minimal client: the load generator
    shares the 2 cores with the server, so it must cost little)."""
    reader, writer = await asyncio.open_connection(host, port)
    i = k
    try:
        while time.perf_counter() < stop:
            body = bodies[i % len(bodies)]
            i += step
            head = (
                f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n"
            ).encode()
            t = time.perf_counter()
            writer.write(head + body)
            await writer.drain()
            status_line = await reader.readline()
            if not status_line:
                out["errors"] += 1
                return
            length = 0
            close = False
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("latin-1").partition(":")
                if name.lower() == "content-length":
                    length = int(value.strip())
                elif name.lower() == "connection" and "close" in value.lower():
                    close = True
            await reader.readexactly(length)
            out["latencies"].append(time.perf_counter() - t)
            code = int(status_line.split()[1])
            out["codes"][code] = out["codes"].get(code, 0) + 1
            if close:
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
    except (ConnectionError, asyncio.IncompleteReadError):
        out["errors"] += 1
    finally:
        writer.close()


async def _load(url: str, bodies: list[bytes], clients: int, seconds: float) -> dict[str, Any]:
    u = httpx.URL(url)
    out: dict[str, Any] = {"latencies": [], "codes": {}, "errors": 0}
    started = time.perf_counter()
    stop = started + seconds
    await asyncio.gather(
        *(_client(u.host, u.port or 80, u.path, bodies, k, clients, stop, out) for k in range(clients))
    )
    took = time.perf_counter() - started
    lat = out["latencies"]
    return {
        "requests": len(lat),
        "rps": len(lat) / took,
        "p50": _pct(lat, 50),
        "p90": _pct(lat, 90),
        "p99": _pct(lat, 99),
        "mean": statistics.mean(lat) * 1000 if lat else float("nan"),
        "codes": out["codes"],
        "errors": out["errors"],
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = ap.parse_args()
    if args.data.is_file():
        rows = [json.loads(x) for x in args.data.read_text(encoding="utf-8").splitlines() if x.strip()]
        items = [{"reply": r["reply"], "customer": r["customer"]} for r in rows]
        print(f"{len(items):,} real pairs from {args.data}")
    else:
        items = SAMPLES
        print(f"{args.data} not found: using {len(items)} built-in samples")
    bodies = [json.dumps(it).encode() for it in items]
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "makeitlast", "serve", "--port", str(port), "--no-config"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    url = f"http://127.0.0.1:{port}/api/v1/check"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/api/v1/rules", timeout=1)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.1)
        asyncio.run(_load(url, bodies[:200], 4, 2))  # warm-up: the first texts compile the phrase expressions
        r = asyncio.run(_load(url, bodies, args.clients, args.seconds))
        print(
            f"POST /api/v1/check, {args.clients} clients, {args.seconds:.0f} s: {r['rps']:,.0f} requests/s, "
            f"p50 {r['p50']:.1f} ms, p90 {r['p90']:.1f} ms, p99 {r['p99']:.1f} ms, status {r['codes']}, "
            f"errors {r['errors']}"
        )
        big = [json.dumps({"reply": "x" * 1_000_000, "customer": "hello"}).encode()]
        r = asyncio.run(_load(url, big, args.clients, min(10.0, args.seconds)))
        print(
            f"1 MB bodies, {args.clients} clients: {r['rps']:,.0f} requests/s, p50 {r['p50']:.1f} ms, "
            f"p99 {r['p99']:.1f} ms, status {r['codes']}, errors {r['errors']}"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
