"""The built-in drafter on every customer message of the dev data: does the coach accept its own drafts, and how fast.

    python3 benchmarks/bench_draft.py [--data PATH] [--offer TEXT] [--culture soft] [--show N] [--json]

For each customer message of ``../shared/data/twcs/pairs.jsonl`` (1,626) it writes a draft with
:func:`makeitlast.compose.draft.draft` and prints: how many drafts score at least 90, how many carry a finding of
severity warning or error (both targets: all and none), the score distribution, the findings that did appear, the
distinct drafts, and drafts per second on one core (the draft includes the coach's check of it). ``--show N``
prints the first N failures (or N examples when there are none). Without ``../shared`` it says so and exits 0.

It also redrafts the 20 reviewed real complaints of ``eval/drafts/reviewed-twcs.jsonl`` (ids into the dev data and
the draft a person read and accepted) and reports any whose draft changed: a change needs a new review.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "twcs" / "pairs.jsonl"
REVIEWED = ROOT / "eval" / "drafts" / "reviewed-twcs.jsonl"
BAR = 90


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--offer", default=None, help="the same offer for every message")
    ap.add_argument("--culture", choices=("standard", "soft"), default=None)
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not args.data.is_file():
        print(f"no dev data at {args.data}: nothing to measure (see ../shared/data/README.md)")
        return 0

    from makeitlast.compose.draft import draft

    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_id = {r["id"]: r["customer"] for r in rows}
    customers = [c for c in by_id.values() if c and c.strip()]
    draft(customers[0])  # warm: compile the rules' patterns
    t0 = time.perf_counter()
    results = [draft(c, offer=args.offer, culture=args.culture) for c in customers]
    elapsed = time.perf_counter() - t0

    scores = [d.report.score for d in results]
    serious = [
        (c, d)
        for c, d in zip(customers, results, strict=False)
        if any(f.severity.value in ("warning", "error") for f in d.report.findings)
    ]
    low = [(c, d) for c, d in zip(customers, results, strict=False) if d.report.score < BAR]
    codes = Counter(f.code for d in results for f in d.report.findings)
    figures: dict[str, Any] = {
        "drafts": len(results),
        f"score_at_least_{BAR}": sum(s >= BAR for s in scores),
        "with_warning_or_error": len(serious),
        "score_min": min(scores),
        "score_mean": round(statistics.mean(scores), 2),
        "findings": dict(codes.most_common()),
        "distinct_drafts": len({d.text for d in results}),
        "drafts_per_second": round(len(results) / elapsed),
    }
    reviewed = [json.loads(line) for line in REVIEWED.read_text(encoding="utf-8").splitlines() if line.strip()]
    changed = [r["id"] for r in reviewed if draft(by_id[r["id"]], seed=r["seed"]).text != r["draft"]]
    figures["reviewed_changed"] = changed
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for k, v in figures.items():
            print(f"{k:>24}: {v}")
    failures = {id(d): (c, d) for c, d in low + serious}
    shown = (
        list(failures.values())[: args.show]
        if failures
        else list(zip(customers, results, strict=False))[: args.show]
    )
    for c, d in shown:
        found = ", ".join(f"{f.code}({f.severity.value})" for f in d.report.findings) or "-"
        steps = " ".join(f"{k.value[0].upper()}:{v.status.value}" for k, v in d.report.steps.items())
        print(f"\n[{d.report.score}] {found} {steps}\n  customer: {c[:200]!r}\n  draft:    {d.text!r}")
    return 0 if not low and not serious and not changed else 1


if __name__ == "__main__":
    sys.exit(main())
