"""Measure the promise extractor against hand-labelled TWCS agent replies.

Usage (from the repository root, with ``../shared`` beside it)::

    python3 eval/promises.py              # both samples
    python3 eval/promises.py --json

Labels (``eval/promises/*.jsonl``) hold tweet ids and, per reply, the commitments a person found, as the exact
words of the reply, with the words that state when (or null). ``random`` is 150 agent tweets drawn at random
(``random_ids.txt``); ``enriched`` is 110 drawn from tweets with "will", "'ll", "shortly", "follow up" ...
(``enriched_ids.txt``) so that there are enough promises to measure. The text comes from
``../shared/data/twcs/tweets.csv`` (CC BY-NC-SA, not copied here).

A found commitment matches a labelled one when their words overlap; precision and recall are counted per
promise and per reply (has a promise or not); the due time is right when the found due words overlap the
labelled ones (or both have none).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from makeitlast.conversation.promises import extract

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "twcs" / "tweets.csv"
LABELS = ROOT / "eval" / "promises"


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "support": tp + fn,
    }


def _where(text: str, words: str) -> tuple[int, int]:
    at = text.find(words)
    if at < 0:
        at = text.lower().find(words.lower())
    return (at, at + len(words)) if at >= 0 else (-1, -1)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] >= 0 and b[0] >= 0 and a[0] < b[1] and b[0] < a[1]


def evaluate(labels: list[dict[str, Any]], tweets: dict[str, dict[str, str]]) -> dict[str, Any]:
    tp = fp = fn = 0
    rtp = rfp = rfn = 0
    due_right = due_total = 0
    misses: list[str] = []
    extras: list[str] = []
    for lab in labels:
        tweet = tweets[lab["id"]]
        text = tweet["text"]
        try:
            at: datetime | None = datetime.strptime(tweet["created_at"], "%a %b %d %H:%M:%S %z %Y")
        except ValueError:
            at = None
        found = extract(text, at)
        gold = [(_where(text, p["text"]), p.get("due")) for p in lab["promises"]]
        used: set[int] = set()
        for span, due in gold:
            hit = next(
                (
                    i
                    for i, c in enumerate(found)
                    if i not in used and _overlap(span, (c.span.start, c.span.end))
                ),
                None,
            )
            if hit is None:
                fn += 1
                misses.append(f"{lab['id']}: {text[span[0] : span[1]]!r}")
                continue
            tp += 1
            used.add(hit)
            due_total += 1
            c = found[hit]
            if due is None:
                due_right += c.due_text is None
            elif c.due_text is not None:
                d = _where(text, due)
                cd = _where(text, c.due_text)
                due_right += _overlap(d, cd) or c.due_text.lower() == due.lower()
        for i, c in enumerate(found):
            if i not in used:
                fp += 1
                extras.append(f"{lab['id']}: {c.span.text!r}")
        has_gold, has_found = bool(gold), bool(found)
        rtp += has_gold and has_found
        rfp += has_found and not has_gold
        rfn += has_gold and not has_found
    return {
        "replies": len(labels),
        "promises": _prf(tp, fp, fn),
        "replies_with_promises": _prf(rtp, rfp, rfn),
        "due_time_accuracy": round(due_right / due_total, 3) if due_total else None,
        "matched": due_total,
        "missed": misses,
        "extra": extras,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show", action="store_true", help="list the missed and extra commitments")
    args = ap.parse_args(argv)
    if not args.data.is_file():
        print(f"error: {args.data} not found (put ../shared beside the repository)", file=sys.stderr)
        return 2
    with args.data.open(encoding="utf-8", newline="") as fh:
        tweets = {r["tweet_id"]: r for r in csv.DictReader(fh)}
    results: dict[str, Any] = {}
    everything: list[dict[str, Any]] = []
    for path in sorted(LABELS.glob("*.jsonl")):
        labels = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        everything += labels
        results[path.stem] = evaluate(labels, tweets)
    results["all"] = evaluate(everything, tweets)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    for name, r in results.items():
        p, rr = r["promises"], r["replies_with_promises"]
        print(
            f"{name:9} {r['replies']:4} replies  promises P {p['precision']:.3f} R {p['recall']:.3f} "
            f"F1 {p['f1']:.3f} (n={p['support']})  replies P {rr['precision']:.3f} R {rr['recall']:.3f}  "
            f"due right {r['due_time_accuracy']}"
        )
        if args.show and name != "all":
            for m in r["missed"]:
                print("   missed", m)
            for x in r["extra"]:
                print("   extra ", x)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
