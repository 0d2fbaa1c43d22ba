"""What ``makeitlast check --fix`` does to real replies and to the rules' own ``bad`` examples.

    python3 benchmarks/measure_fix.py [--data PATH] [--json]

For each set (the 1,626 TWCS dev pairs in ``../shared/data/twcs/pairs.jsonl`` when they are there, and every rule's
``bad`` examples) and each mode (safe fixes only, as ``--fix``; and ``--fix --unsafe-fixes``) it prints: how many
replies had an applicable safe fix, how many were changed, how many came out with fewer findings, with the same
number or more (both should be 0: a rewrite is only kept when it leaves fewer findings), the findings and mean score
before and after, which rules' fixes were applied, and the time per reply. Without ``../shared`` the TWCS set is
skipped, and the output says so.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "twcs" / "pairs.jsonl"

Row = tuple[str, str | None, list[str]]  # reply, customer, context


def rule_examples() -> list[Row]:
    from makeitlast.engine.registry import all_rules

    return [(ex.reply, ex.customer, list(ex.context)) for r in all_rules() if r.scope == "reply" for ex in r.bad]


def twcs(path: Path) -> list[Row]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(r["reply"], r.get("customer"), []) for r in rows]


def measure(rows: Iterable[Row], *, unsafe: bool) -> dict[str, Any]:
    from makeitlast.compose.fix import fix

    n = with_safe = changed = improved = same = worse = 0
    before_findings = after_findings = 0
    before_score = after_score = 0
    applied: Counter[str] = Counter()
    start = time.perf_counter()
    for reply, customer, context in rows:
        result = fix(reply, customer, context, unsafe=unsafe)
        n += 1
        b, a = len(result.before.findings), len(result.after.findings)
        with_safe += any(f.fix is not None and f.fix.safe for f in result.before.findings)
        before_findings += b
        after_findings += a
        before_score += result.before.score
        after_score += result.after.score
        if result.changed:
            changed += 1
            improved += a < b
            same += a == b
            applied.update(f.code for f in result.applied)
        worse += a > b
    seconds = time.perf_counter() - start
    return {
        "replies": n,
        "with_applicable_safe_fix": with_safe,
        "changed": changed,
        "improved": improved,
        "changed_but_not_fewer": same,
        "worse": worse,
        "findings_before": before_findings,
        "findings_after": after_findings,
        "mean_score_before": round(before_score / n, 1) if n else 0.0,
        "mean_score_after": round(after_score / n, 1) if n else 0.0,
        "fixes_applied": dict(applied.most_common()),
        "ms_per_reply": round(1000 * seconds / n, 2) if n else 0.0,
    }


def _print(name: str, mode: str, m: dict[str, Any]) -> None:
    print(f"{name}, {mode}:")
    print(f"  replies                       {m['replies']:>6,}")
    print(f"  with an applicable safe fix   {m['with_applicable_safe_fix']:>6,}")
    print(f"  changed (a fix applied)       {m['changed']:>6,}")
    print(f"  fewer findings                {m['improved']:>6,}")
    print(f"  changed, not fewer            {m['changed_but_not_fewer']:>6,}")
    print(f"  more findings (worse)         {m['worse']:>6,}")
    print(f"  findings before → after       {m['findings_before']:,} → {m['findings_after']:,}")
    print(f"  mean score before → after     {m['mean_score_before']} → {m['mean_score_after']}")
    fixes = ", ".join(f"{code} {k}" for code, k in m["fixes_applied"].items()) or "none"
    print(f"  fixes applied                 {fixes}")
    print(f"  time                          {m['ms_per_reply']} ms per reply")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the TWCS pairs (JSON Lines)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = ap.parse_args()

    import makeitlast

    makeitlast.check("warm up", "warm up")
    sets: dict[str, list[Row]] = {}
    missing = None
    if args.data.is_file():
        sets["TWCS dev pairs"] = twcs(args.data)
    else:
        missing = f"{args.data} not found: the TWCS figures are skipped (put ../shared beside the repository)"
    sets["rules' bad examples"] = rule_examples()

    out: dict[str, Any] = {"twcs_missing": missing, "sets": {}}
    for name, rows in sets.items():
        out["sets"][name] = {mode: measure(rows, unsafe=mode == "unsafe") for mode in ("safe", "unsafe")}
    if args.json:
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        if missing:
            print(f"NOTE: {missing}\n")
        for name, modes in out["sets"].items():
            _print(name, "--fix (safe fixes)", modes["safe"])
            _print(name, "--fix --unsafe-fixes", modes["unsafe"])
            print()
    bad = sum(m["worse"] + m["changed_but_not_fewer"] for modes in out["sets"].values() for m in modes.values())
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
