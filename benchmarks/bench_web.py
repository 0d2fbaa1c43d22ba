"""Load on ``POST /api/v1/check`` from a second process on loopback.

    python3 benchmarks/bench_web.py [--clients 50] [--seconds 30] [--data PATH]

Starts ``makeitlast serve`` on a free 127.0.0.1 port (its own process), then runs ``--clients`` concurrent
keep-alive clients (asyncio + httpx) for ``--seconds``, each posting real reply/customer pairs from
``../shared/data/twcs/pairs.jsonl`` (or built-in samples when it is absent). Prints requests/s, p50/p90/p99
latency and errors; then the same with 1 MB bodies, which must all be refused with 413. Every request goes to
127.0.0.1 only, and the run stops by itself.

The load comes from ``wrk`` (Debian's package, a C load generator: ``--client wrk``, the default when it is
installed) or from the minimal asyncio client below (``--client python``). On a 2-core machine the load generator
shares the cores with the server, so its own cost shows in the latency: the Python client costs about a core.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
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


#: wrk's request generator: cycle through the bodies in the file named by $BENCH_BODIES, one JSON per line.
_WRK_LUA = """
local bodies = {}
for line in io.lines(os.getenv("BENCH_BODIES")) do bodies[#bodies + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, bodies[(i % #bodies) + 1])
end
"""
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    return float(m.group(1)) * _UNITS[m.group(2)] if m else float("nan")


def _wrk(url: str, bodies: list[bytes], clients: int, seconds: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "bodies.jsonl"
        data.write_bytes(b"\n".join(bodies) + b"\n")
        script = Path(tmp) / "post.lua"
        script.write_text(_WRK_LUA)
        done = subprocess.run(
            ["wrk", "-t1", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--latency", "-s", str(script), url],
            capture_output=True,
            text=True,
            env={**os.environ, "BENCH_BODIES": str(data)},
            check=True,
        )
    out = done.stdout
    pct = {p: _ms(v) for p, v in re.findall(r"^\s+(\d+)%\s+(\S+)$", out, re.M)}
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    non2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = sum(int(x) for x in sock.groups()) if sock else 0
    return {
        "requests": total,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "p50": pct.get("50", float("nan")),
        "p90": pct.get("90", float("nan")),
        "p99": pct.get("99", float("nan")),
        "codes": {"2xx": total - non2xx, "non-2xx": non2xx},
        "errors": errors,
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument(
        "--client",
        choices=("wrk", "python"),
        default="wrk" if shutil.which("wrk") else "python",
        help="the load generator (default: wrk when installed)",
    )
    args = ap.parse_args()

    def load(url: str, bodies: list[bytes], clients: int, seconds: float) -> dict[str, Any]:
        if args.client == "wrk":
            return _wrk(url, bodies, clients, seconds)
        return asyncio.run(_load(url, bodies, clients, seconds))

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
        # every worker process warms up on its own (about 2 s to compile the phrase expressions): wait for the
        # slowest, or the load's keep-alive connections would all land on the first one ready
        time.sleep(float(os.environ.get("BENCH_WARMUP_SECONDS", "8")))
        asyncio.run(_load(url, bodies[:200], 4, 2))
        r = load(url, bodies, args.clients, args.seconds)
        print(
            f"[{args.client}] POST /api/v1/check, {args.clients} clients, {args.seconds:.0f} s: {r['rps']:,.0f} requests/s, "
            f"p50 {r['p50']:.1f} ms, p90 {r['p90']:.1f} ms, p99 {r['p99']:.1f} ms, status {r['codes']}, "
            f"errors {r['errors']}"
        )
        big = [json.dumps({"reply": "x" * 1_000_000, "customer": "hello"}).encode()]
        r = load(url, big, args.clients, min(10.0, args.seconds))
        print(
            f"[{args.client}] 1 MB bodies, {args.clients} clients: {r['rps']:,.0f} requests/s, p50 {r['p50']:.1f} ms, "
            f"p99 {r['p99']:.1f} ms, status {r['codes']}, errors {r['errors']}"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
