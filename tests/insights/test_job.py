"""The insights job end to end on exports: the files it writes, one process = many = a Dask cluster, bad input."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from makeitlast.conversation.readers import ExportError
from makeitlast.insights.job import run

EXPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "exports"


def _scaled(tmp: Path, copies: int) -> Path:
    """The TWCS fixture ``copies`` times over, every tweet id and reply link shifted per copy."""
    with (EXPORTS / "twcs.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    top = max(int(r["tweet_id"]) for r in rows) + 1

    def shift(v: str, off: int) -> str:
        return ",".join(str(int(float(x)) + off) for x in v.split(",") if x)

    out = tmp / "twcs-scaled.csv"
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        for k in range(copies):
            for r in rows:
                w.writerow(
                    {
                        **r,
                        "tweet_id": str(int(r["tweet_id"]) + k * top),
                        "response_tweet_id": shift(r["response_tweet_id"], k * top),
                        "in_response_to_tweet_id": shift(r["in_response_to_tweet_id"], k * top),
                    }
                )
    return out


def _files(out: Path) -> tuple[str, dict]:  # type: ignore[type-arg]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    summary.pop("inputs")
    return (out / "replies.jsonl").read_text(encoding="utf-8"), summary


def test_writes_report_summary_and_one_row_per_reply(tmp_path: Path) -> None:
    result = run([EXPORTS / "twcs.csv"], tmp_path / "out", workers=1)
    out = tmp_path / "out"
    assert {p.name for p in out.iterdir()} == {"report.html", "summary.json", "replies.jsonl", "promises.jsonl"}
    rows = [json.loads(line) for line in (out / "replies.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == result.summary["replies"] > 0
    first = rows[0]
    assert first["schema_version"] == 1
    assert first["conversation_id"].startswith("twcs-")
    assert {"score", "steps", "findings", "customer", "agent", "time", "response_seconds"} <= set(first)
    assert result.summary["conversations"] >= 2


def test_many_processes_and_a_dask_cluster_give_the_same_files(tmp_path: Path) -> None:
    src = _scaled(tmp_path, 30)
    run([src], tmp_path / "one", workers=1, chunk=7)
    run([src], tmp_path / "two", workers=2, chunk=7)
    one = _files(tmp_path / "one")
    assert one[1]["conversations"] >= 60
    assert _files(tmp_path / "two") == one

    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        run([src], tmp_path / "dask", scheduler=client, chunk=7)
    assert _files(tmp_path / "dask") == one


def test_a_bad_record_stops_the_job_and_keeps_the_earlier_report(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run([EXPORTS / "twcs.csv"], out, workers=1)
    before = (out / "summary.json").read_bytes()
    with pytest.raises(ExportError, match=r"twcs_broken_timestamp\.csv:\d+: broken timestamp"):
        run([EXPORTS / "twcs_broken_timestamp.csv"], out, workers=1)
    assert (out / "summary.json").read_bytes() == before  # the earlier report is untouched
    assert not list(out.glob(".*.part"))


def test_skip_bad_reports_the_record_and_processes_the_rest(tmp_path: Path) -> None:
    seen = []
    result = run(
        [EXPORTS / "twcs_broken_timestamp.csv"],
        tmp_path / "out",
        workers=1,
        skip_bad=True,
        on_bad=seen.append,
    )
    assert len(seen) == 1 and "broken timestamp" in seen[0].message
    assert result.summary["skipped_records"][0]["where"] == seen[0].where
    assert result.summary["replies"] >= 1


def test_an_empty_export_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n")
    with pytest.raises(ExportError, match="no conversations"):
        run([empty], tmp_path / "out", workers=1)
