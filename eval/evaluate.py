"""Measure the coach against the hand-labelled sample of real TWCS replies.

Usage (from the repository root, with ``../shared`` beside it)::

    python3 eval/evaluate.py                       # tables on the terminal
    python3 eval/evaluate.py --json                # the same figures as JSON
    python3 eval/evaluate.py --data PATH/pairs.jsonl --labels 'eval/labels/*.jsonl'

Labels (``eval/labels/*.jsonl``) hold only ids and labels, made by hand following ``docs/annotation.md``; the text
comes from ``../shared/data/twcs/pairs.jsonl`` (CC BY-NC-SA, not copied here). The script prints precision, recall
and F1 for every step status, every customer signal and every don't, the anger error, the false-alarm rate of the
don'ts, the Spearman correlation of the score with the 1-5 rating, two keyword baselines, and a second check on the
``twcs_actions`` human "Apologize" labels.
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import makeitlast
from makeitlast.model import STEPS, WANTS, Report

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "twcs" / "pairs.jsonl"
DEFAULT_ACTIONS = (
    ROOT.parent / "shared" / "data" / "twcs_actions" / "labeled__twcs-AmazonHelp-100-outbound.csv"
)

# Bare keyword baselines (what the issue calls "a bare keyword list").
_KW_APOLOGY = re.compile(r"\b(sorry|apologi[sz]e|apologies)\b", re.I)
_KW_THANKS = re.compile(r"\b(thanks?|thank you|appreciate)\b", re.I)


def prf(pairs: Iterable[tuple[bool, bool]]) -> dict[str, float | int]:
    tp = fp = fn = tn = 0
    for gold, pred in pairs:
        if gold and pred:
            tp += 1
        elif pred:
            fp += 1
        elif gold:
            fn += 1
        else:
            tn += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f, 3),
        "support": tp + fn,
        "n": tp + fp + fn + tn,
    }


def _ranks(xs: list[float]) -> list[float]:
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    ranks = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(a: list[float], b: list[float]) -> float:
    ra, rb = _ranks(a), _ranks(b)
    n = len(a)
    ma, mb = sum(ra) / n, sum(rb) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb, strict=True))
    va = sum((x - ma) ** 2 for x in ra) ** 0.5
    vb = sum((y - mb) ** 2 for y in rb) ** 0.5
    return cov / (va * vb) if va and vb else 0.0


def load(data: Path, label_glob: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    if not data.is_file():
        sys.exit(f"error: data not found: {data} (put ../shared beside the repository, or pass --data)")
    labels: dict[str, dict[str, Any]] = {}
    files = sorted(glob.glob(label_glob))
    if not files:
        sys.exit(f"error: no label files match {label_glob!r}")
    for f in files:
        for n, line in enumerate(Path(f).read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as e:
                    sys.exit(f"error: {f}:{n}: {e}")
                labels[row["id"]] = row
    pairs = {}
    for line in data.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["id"] in labels:
            pairs[row["id"]] = row
    missing = set(labels) - set(pairs)
    if missing:
        print(f"warning: {len(missing)} labelled ids not in the data", file=sys.stderr)
    return [(pairs[i], labels[i]) for i in labels if i in pairs]


def evaluate(rows: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Any]:
    reports: list[Report] = [
        makeitlast.check(p["reply"], customer=p["customer"], id=p["id"]) for p, _ in rows
    ]
    out: dict[str, Any] = {"n": len(rows), "steps": {}, "customer": {}, "donts": {}, "baselines": {}}
    for step in STEPS:
        gold = [lab[step.value] for _, lab in rows]
        pred = [r.steps[step].status.value for r in reports]
        res: dict[str, Any] = {
            status: prf((g == status, p == status) for g, p in zip(gold, pred, strict=True))
            for status in ("present", "weak", "missing")
        }
        res["any"] = prf((g != "missing", p != "missing") for g, p in zip(gold, pred, strict=True))
        res["accuracy"] = round(sum(g == p for g, p in zip(gold, pred, strict=True)) / len(rows), 3)
        out["steps"][step.value] = res
    # customer reading
    cust = out["customer"]
    wants_pairs = []
    for w in WANTS:
        pairs = [
            (w in lab["wants"], w in r.customer.wants)
            for (_, lab), r in zip(rows, reports, strict=True)
            if r.customer
        ]
        cust[f"wants.{w}"] = prf(pairs)
        wants_pairs.extend(pairs)
    cust["wants.micro"] = prf(wants_pairs)
    for sig in ("abusive", "repeat_contact", "bad_experience"):
        cust[sig] = prf(
            (bool(lab[sig]), bool(getattr(r.customer, sig)))
            for (_, lab), r in zip(rows, reports, strict=True)
            if r.customer
        )
    errs = [
        abs(lab["anger"] - r.customer.anger) for (_, lab), r in zip(rows, reports, strict=True) if r.customer
    ]
    cust["anger"] = {
        "mae": round(sum(errs) / len(errs), 3),
        "exact": round(sum(e == 0 for e in errs) / len(errs), 3),
    }
    # don'ts
    codes = sorted(
        {c for _, lab in rows for c in lab["donts"]}
        | {f.code for r in reports for f in r.findings if f.code.startswith("D")}
    )
    for code in codes:
        out["donts"][code] = prf(
            (code in lab["donts"], any(f.code == code for f in r.findings))
            for (_, lab), r in zip(rows, reports, strict=True)
        )
    clean = [(lab, r) for (_, lab), r in zip(rows, reports, strict=True) if not lab["donts"]]
    fired = [lab["id"] for lab, r in clean if any(f.code.startswith("D") for f in r.findings)]
    out["donts_false_alarm_rate"] = {
        "rate": round(len(fired) / max(1, len(clean)), 4),
        "fired": len(fired),
        "clean": len(clean),
        "ids": fired,
    }
    out["score_spearman"] = round(
        spearman([float(r.score) for r in reports], [float(lab["rating"]) for _, lab in rows]), 3
    )
    out["baselines"]["keyword_apology_any"] = prf(
        (lab["apologize"] != "missing", bool(_KW_APOLOGY.search(p["reply"]))) for p, lab in rows
    )
    out["baselines"]["keyword_thanks_any"] = prf(
        (lab["thank"] != "missing", bool(_KW_THANKS.search(p["reply"]))) for p, lab in rows
    )
    return out


def actions_check(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    pairs = []
    for row in rows:
        r = makeitlast.check(row["text"])
        pairs.append(
            (
                row.get("Apologize", "") not in ("", "0", "0.0"),
                r.steps[makeitlast.Step.APOLOGIZE].status.value != "missing",
            )
        )
    return prf(pairs)


def agreement(first: dict[str, dict[str, Any]], second_path: Path) -> dict[str, Any] | None:
    """How far two people labelling the same pairs agree (the ceiling the coach can be held to)."""
    if not second_path.is_file():
        return None
    second = [json.loads(x) for x in second_path.read_text(encoding="utf-8").splitlines() if x.strip()]
    both = [(first[s["id"]], s) for s in second if s["id"] in first]
    if not both:
        return None
    out: dict[str, Any] = {"n": len(both)}
    for step in STEPS:
        out[f"{step.value}.present"] = prf(
            (a[step.value] == "present", b[step.value] == "present") for a, b in both
        )
        out[f"{step.value}.any"] = prf(
            (a[step.value] != "missing", b[step.value] != "missing") for a, b in both
        )
    out["wants.micro"] = prf(
        (w in a["wants"], w in b["wants"])
        for a, b in both
        for w in WANTS
        if w in a["wants"] or w in b["wants"]
    )
    for sig in ("repeat_contact", "bad_experience"):
        out[sig] = prf((bool(a[sig]), bool(b[sig])) for a, b in both)
    out["anger_mae"] = round(sum(abs(a["anger"] - b["anger"]) for a, b in both) / len(both), 3)
    out["rating_spearman"] = round(
        spearman([a["rating"] for a, _ in both], [b["rating"] for _, b in both]), 3
    )
    return out


def _table(title: str, rows: dict[str, Any]) -> None:
    print(f"\n{title}")
    print(f"  {'label':28} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}")
    for name, m in rows.items():
        if isinstance(m, dict) and "f1" in m:
            print(f"  {name:28} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} {m['support']:8d}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--labels", default=str(ROOT / "eval" / "labels" / "*.jsonl"))
    ap.add_argument("--actions", type=Path, default=DEFAULT_ACTIONS)
    ap.add_argument(
        "--second",
        type=Path,
        default=ROOT / "eval" / "agreement" / "second-annotator.jsonl",
        help="a second person's labels of some of the same pairs (inter-annotator agreement)",
    )
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    rows = load(args.data, args.labels)
    res = evaluate(rows)
    res["twcs_actions_apologize"] = actions_check(args.actions)
    res["agreement"] = agreement({lab["id"]: lab for _, lab in rows}, args.second)
    if args.json:
        print(json.dumps(res, indent=2))
        return 0
    print(f"{res['n']} hand-labelled pairs")
    for step, m in res["steps"].items():
        _table(
            f"step {step} (status accuracy {m['accuracy']})", {k: v for k, v in m.items() if k != "accuracy"}
        )
    _table("customer reading", res["customer"])
    print(f"  anger: MAE {res['customer']['anger']['mae']}  exact {res['customer']['anger']['exact']}")
    _table("don'ts", res["donts"])
    fa = res["donts_false_alarm_rate"]
    print(f"  false alarms: {fa['fired']}/{fa['clean']} clean replies = {fa['rate']:.2%} {fa['ids'][:10]}")
    _table("baselines (bare keyword lists)", res["baselines"])
    if res["twcs_actions_apologize"]:
        _table(
            "second check: twcs_actions AmazonHelp 'Apologize' (human labels)",
            {"apologize.any": res["twcs_actions_apologize"]},
        )
    print(f"\nscore vs 1-5 rating: Spearman {res['score_spearman']}")
    agree = res["agreement"]
    if agree:
        _table(f"two annotators on the same {agree['n']} pairs (the first as gold)", agree)
        print(f"  anger MAE {agree['anger_mae']}  rating Spearman {agree['rating_spearman']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
