"""``makeitlast insights`` and ``makeitlast followups`` from the command line."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from typer.testing import CliRunner

from makeitlast.cli import app, run

EXPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "exports"


def test_insights_writes_the_report_and_says_where(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["insights", str(EXPORTS / "zendesk.json"), "--out", "rep", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "replies judged" in result.stdout and "report.html" in result.stdout
    summary = json.loads((tmp_path / "rep" / "summary.json").read_text(encoding="utf-8"))
    assert summary["conversations"] >= 1 and summary["replies"] >= 1
    page = (tmp_path / "rep" / "report.html").read_text(encoding="utf-8")
    assert 'data-chart="steps"' in page


def test_every_format_is_detected(tmp_path: Path) -> None:
    for name in ("twcs.csv", "zendesk.json", "intercom.json", "freshdesk.json", "generic.jsonl"):
        assert run(["insights", str(EXPORTS / name), "--out", str(tmp_path / name), "--workers", "1"]) == 0, (
            name
        )


def test_unknown_format_names_the_expected_fields(tmp_path: Path, capsys: object) -> None:
    odd = tmp_path / "odd.json"
    odd.write_text('{"foo": 1, "bar": [2]}\n', encoding="utf-8")
    proc = subprocess.run(
        ["makeitlast", "insights", str(odd), "--out", str(tmp_path / "o")], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "tweet_id" in proc.stderr and "conversation_parts" in proc.stderr


def test_bad_record_is_named_and_skip_bad_goes_on(tmp_path: Path) -> None:
    src = str(EXPORTS / "twcs_broken_timestamp.csv")
    stop = subprocess.run(
        ["makeitlast", "insights", src, "--out", str(tmp_path / "a")], capture_output=True, text=True
    )
    assert stop.returncode == 2
    assert "twcs_broken_timestamp.csv:" in stop.stderr and "broken timestamp" in stop.stderr
    assert "Traceback" not in stop.stderr
    go = subprocess.run(
        ["makeitlast", "insights", src, "--out", str(tmp_path / "b"), "--skip-bad"],
        capture_output=True,
        text=True,
    )
    assert go.returncode == 0, go.stderr
    assert "(skipped)" in go.stderr
    assert (tmp_path / "b" / "report.html").is_file()


def test_missing_file_and_bad_map_are_usage_errors(runner: CliRunner) -> None:
    assert run(["insights", "nope.csv"]) == 2
    assert run(["insights", str(EXPORTS / "generic_mapped.csv"), "--map", "text"]) == 2


def test_followups_lists_open_promises_soonest_first(runner: CliRunner) -> None:
    result = runner.invoke(app, ["followups", str(EXPORTS / "twcs.csv"), "--format", "json", "--all"])
    assert result.exit_code == 0, result.output
    promises = json.loads(result.stdout)
    assert promises, (
        "the fixture's agents promise things ('we'll rebook you on the first flight out tomorrow')"
    )
    assert {"state", "due", "text", "author", "conversation_id"} <= set(promises[0])
    dues = [p["due"] for p in promises if p["due"]]
    assert dues == sorted(dues)
    table = runner.invoke(app, ["followups", str(EXPORTS / "twcs.csv"), "--now", "2030-01-01T00:00:00+00:00"])
    assert table.exit_code == 0
    assert "broken" in table.stdout or "No open or broken" in table.stdout
