"""Speed and memory of ``makeitlast insights`` on the TWCS threads scaled up.

    python3 benchmarks/bench_insights.py [--copies 200] [--data PATH] [--workers 1,2]

Writes ``--copies`` re-identified copies of ``../shared/data/twcs/tweets.csv`` (3,754 tweets: every tweet id and
reply link shifted by a per-copy offset, so each copy is a new set of threads) to a temporary CSV, then runs
``makeitlast insights`` on it once per worker count and prints messages/second, wall time and the peak memory of
the job (the largest process: the parent or a worker). A smaller copy count is run first to show that memory
stays flat as the input grows.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "twcs" / "tweets.csv"


def scale(src: Path, dst: Path, copies: int) -> int:
    with src.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    top = max(int(r["tweet_id"]) for r in rows) + 1

    def shift(value: str, offset: int) -> str:
        if not value:
            return value
        return ",".join(str(int(float(v)) + offset) for v in value.split(",") if v)

    n = 0
    with dst.open("w", encoding="utf-8", newline="") as out:
        w = csv.DictWriter(out, fieldnames=list(rows[0]))
        w.writeheader()
        for k in range(copies):
            off = k * top
            for r in rows:
                w.writerow(
                    {
                        **r,
                        "tweet_id": str(int(r["tweet_id"]) + off),
                        "response_tweet_id": shift(r["response_tweet_id"], off),
                        "in_response_to_tweet_id": shift(r["in_response_to_tweet_id"], off),
                        "author_id": r["author_id"] if r["inbound"] == "False" else f"{r['author_id']}-{k}",
                    }
                )
                n += 1
    return n


def run(path: Path, out: Path, workers: int) -> tuple[float, float]:
    """Wall seconds and peak memory (MiB) of one ``insights`` run in a child process."""
    cmd = [
        sys.executable,
        "-c",
        "import resource,sys;from makeitlast.cli import run;code=run(sys.argv[1:]);"
        "print('peak', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
        " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr);sys.exit(code)",
        "insights",
        str(path),
        "--out",
        str(out),
        "--workers",
        str(workers),
        "--no-progress",
        "--skip-bad",  # the TWCS sample has one empty row (tweet 3398)
    ]
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    dt = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"insights failed ({proc.returncode}): {proc.stderr[-500:]}")
    peak = [ln for ln in proc.stderr.splitlines() if ln.startswith("peak")][-1].split()
    return dt, max(int(peak[1]), int(peak[2])) / 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--copies", type=int, default=200)
    ap.add_argument("--workers", default=f"1,{os.cpu_count() or 1}")
    args = ap.parse_args()
    if not args.data.is_file():
        print(
            f"error: {args.data} not found (put ../shared beside the repository, or pass --data)",
            file=sys.stderr,
        )
        return 2
    counts = sorted({max(1, args.copies // 10), args.copies})
    with tempfile.TemporaryDirectory() as d:
        for copies in counts:
            src = Path(d) / f"twcs-x{copies}.csv"
            n = scale(args.data, src, copies)
            size = src.stat().st_size / 2**20
            for workers in sorted({int(w) for w in args.workers.split(",")}):
                dt, peak = run(src, Path(d) / f"out-{copies}-{workers}", workers)
                print(
                    f"{copies:4}x TWCS: {n:>9,} messages ({size:,.0f} MiB), {workers} worker(s): "
                    f"{n / dt:>8,.0f} messages/s, {dt:7.1f} s, peak memory {peak:,.0f} MiB"
                )
            src.unlink()
    print(f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
