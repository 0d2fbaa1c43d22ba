"""Speed of the coach on the 1,626 TWCS dev pairs (``../shared/data/twcs/pairs.jsonl``).

    python3 benchmarks/bench_check.py [--repeat 5] [--data PATH]

Prints replies/second on one core (the engine in-process, including the customer reading and the JSON line that
``check --format jsonl`` writes), on all cores (``check_batch``), for the ``makeitlast check --input ... --format
jsonl`` command end to end, the peak memory, the cost per reply against text length (linearity), and the start-up
time of ``makeitlast check``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "twcs" / "pairs.jsonl"


def _rate(n: int, seconds: float) -> str:
    return f"{n / seconds:,.0f} replies/s ({seconds:.2f} s for {n:,})"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--repeat", type=int, default=5, help="passes over the pairs (more = steadier figures)")
    args = ap.parse_args()
    if not args.data.is_file():
        print(
            f"error: {args.data} not found (put ../shared beside the repository, or pass --data)",
            file=sys.stderr,
        )
        return 2
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    items = [{"id": r["id"], "customer": r["customer"], "reply": r["reply"]} for r in rows] * args.repeat

    import makeitlast
    from makeitlast.engine import get_engine

    engine = get_engine()
    engine.check("warm up", "warm up")
    # The first pass pays for compiling the phrase expressions that texts need (lazily, once per process); the
    # passes after it are the steady rate a long batch runs at.
    passes = []
    for start in range(0, len(items), len(rows)):
        t = time.perf_counter()
        for it in items[start : start + len(rows)]:
            rep = engine.check(it["reply"], it["customer"], id=it["id"])
            json.dumps(rep.to_json_dict())
        passes.append(time.perf_counter() - t)
    print(f"one core, in-process (check + JSON line), first pass (cold): {_rate(len(rows), passes[0])}")
    if len(passes) > 1:
        warm = statistics.median(passes[1:])
        print(
            f"one core, in-process (check + JSON line), later passes (warm, median): {_rate(len(rows), warm)}"
        )

    cores = os.cpu_count() or 1
    t = time.perf_counter()
    n = sum(1 for _ in makeitlast.check_batch(items, workers=cores, chunksize=256))
    allc = time.perf_counter() - t
    print(f"all {cores} cores, check_batch: {_rate(n, allc)}")

    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "pairs.jsonl"
        src.write_text("\n".join(json.dumps(i) for i in items) + "\n", encoding="utf-8")
        for workers in (1, cores):
            t = time.perf_counter()
            proc = subprocess.run(
                [
                    "makeitlast",
                    "check",
                    "--input",
                    str(src),
                    "--format",
                    "jsonl",
                    "--workers",
                    str(workers),
                    "--output",
                    str(Path(d) / "out.jsonl"),
                ],
                capture_output=True,
                text=True,
            )
            dt = time.perf_counter() - t
            if proc.returncode not in (0, 1):
                print(f"CLI failed ({proc.returncode}): {proc.stderr.strip()[:300]}")
                break
            print(f"CLI `check --input --format jsonl --workers {workers}`: {_rate(len(items), dt)}")

    # Linearity: cost per character for growing replies.
    base = rows[0]["reply"] + " " + rows[1]["reply"] + " "
    for size in (1_000, 10_000, 100_000, 1_000_000):
        text = (base * (size // len(base) + 1))[:size]
        t = time.perf_counter()
        engine.check(text, rows[0]["customer"])
        dt = time.perf_counter() - t
        print(f"reply of {size:>9,} chars: {dt * 1000:8.1f} ms ({dt / size * 1e6:.2f} µs/char)")

    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: this process {peak_self:.0f} MiB, largest child {peak_children:.0f} MiB")

    starts = []
    for _ in range(7):
        t = time.perf_counter()
        subprocess.run(
            ["makeitlast", "check", "We're sorry, thanks for flagging it.", "--customer", "It broke."],
            capture_output=True,
        )
        starts.append(time.perf_counter() - t)
    print(
        f"start-up of `makeitlast check` (one reply, median of 7): {statistics.median(starts) * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
