"""``makeitlast check --fix``: the diff, the report of the fixed text, --write, --unsafe-fixes, batches, usage errors."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from makeitlast.cli import app

REPLY = "It is what it is, delays happen."
CUSTOMER = "My train was 40 minutes late again"
FIXED = "I'm sorry to hear about this. Delays happen. Thank you for your patience. What can I do to make this right?"
WALL = "Sorry, it's our policy. Thanks for asking."
WALL_CUSTOMER = "Why can't I return my blender?"


def _lines(err: str) -> list[str]:
    return [ln for ln in err.splitlines() if ln.strip()]


def test_fix_prints_a_diff_then_the_report_of_the_fixed_text(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", REPLY, "--customer", CUSTOMER, "--fix", "--color", "never"])
    out = result.stdout
    assert out.startswith("--- reply (before)\n+++ reply (fixed)\n@@ -1 +1 @@\n")
    assert f"-{REPLY}\n" in out and f"+{FIXED}\n" in out
    assert "D010 error" not in out  # the fixed text has no brush-off any more
    assert "score " in out
    assert "applied 4 fixes (A001, D010, T001, S003): 5 → 1 findings" in out.splitlines()[-1]
    assert "\x1b[" not in out
    assert result.exit_code == 1  # S001 (a warning) is left on the fixed text


def test_the_exit_status_follows_the_fixed_text(runner: CliRunner) -> None:
    args = ["check", REPLY, "--customer", CUSTOMER, "--select", "D"]
    assert runner.invoke(app, args).exit_code == 1
    fixed = runner.invoke(app, [*args, "--fix"])
    assert fixed.exit_code == 0, fixed.output
    assert "No findings." in fixed.stdout


def test_the_diff_is_coloured_on_request(runner: CliRunner) -> None:
    out = runner.invoke(app, ["check", REPLY, "--customer", CUSTOMER, "--fix", "--color", "always"]).stdout
    assert "\x1b[31m-It is what it is" in out and "\x1b[32m+I'm sorry" in out


def test_unsafe_suggestions_are_listed_and_applied_with_unsafe_fixes(runner: CliRunner) -> None:
    safe = runner.invoke(app, ["check", WALL, "--customer", WALL_CUSTOMER, "--fix", "--color", "never"]).stdout
    assert "D001 error policy-wall" in safe  # still there: its rewrite needs a person
    assert "review it, --unsafe-fixes applies it" in safe
    assert "not applied (" in safe.splitlines()[-1] and "D001" in safe.splitlines()[-1]
    unsafe = runner.invoke(
        app, ["check", WALL, "--customer", WALL_CUSTOMER, "--fix", "--unsafe-fixes", "--color", "never"]
    ).stdout
    assert "+Sorry, we ask for this because …, and here's what I can do: …" in unsafe
    assert "D001 error" not in unsafe


def test_nothing_to_fix(runner: CliRunner) -> None:
    clean = "I'm sorry your blender broke. I've sent a prepaid return label by email. Thanks for telling us."
    result = runner.invoke(app, ["check", clean, "--customer", WALL_CUSTOMER, "--select", "D", "--fix"])
    assert result.exit_code == 0
    assert "---" not in result.stdout and "No findings." in result.stdout
    assert result.stdout.splitlines()[-1] == "nothing to fix"


def test_write_saves_the_fixed_reply_atomically_keeping_permissions(runner: CliRunner, tmp_path: Path) -> None:
    reply = tmp_path / "reply.txt"
    reply.write_text(REPLY + "\n", encoding="utf-8")
    os.chmod(reply, 0o640)
    result = runner.invoke(app, ["check", "-r", str(reply), "-c", CUSTOMER, "--fix", "--write", str(reply)])
    assert reply.read_text(encoding="utf-8") == FIXED + "\n"
    assert stat.S_IMODE(reply.stat().st_mode) == 0o640
    assert f"wrote the fixed reply to {reply}" in result.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no temporary file left behind
    assert result.stdout.startswith(f"--- {reply} (before)")


def test_write_when_nothing_changed_still_writes_and_says_so(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    clean = "I'm sorry your blender broke. I've sent a prepaid return label. Thanks for telling us."
    result = runner.invoke(app, ["check", clean, "-c", WALL_CUSTOMER, "--select", "D", "--fix", "-w", str(out)])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == clean
    assert "nothing to fix: wrote the reply unchanged" in result.stderr


def test_write_to_a_folder_that_does_not_exist_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", REPLY, "-c", CUSTOMER, "--fix", "-w", str(tmp_path / "no" / "x.txt")])
    assert result.exit_code == 2
    assert _lines(result.stderr)[-1].startswith("makeitlast: error: cannot write")


def test_single_reply_json_gets_a_fixed_field(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", REPLY, "--customer", CUSTOMER, "--fix", "--format", "json"])
    data = json.loads(result.stdout)
    assert data["fixed"]["reply"] == FIXED and data["fixed"]["changed"] is True
    assert data["fixed"]["before"] == {"score": 5, "findings": 5}
    assert [a["code"] for a in data["fixed"]["applied"]] == ["A001", "D010", "T001", "S003"]
    assert all(a["safe"] for a in data["fixed"]["applied"])
    # the report is the fixed text's: its spans point into fixed.reply
    for f in data["findings"]:
        if f["span"]:
            assert FIXED[f["span"]["start"] : f["span"]["end"]] == f["span"]["text"]


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_batch_records_get_a_fixed_field(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    src = tmp_path / "in.jsonl"
    rows = [
        {"id": "a", "customer": CUSTOMER, "reply": REPLY},
        {"id": "b", "customer": "Do you ship to Iceland?", "reply": "Yes! 5 to 8 working days. Thanks for asking!"},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = runner.invoke(app, ["check", "--input", str(src), "--fix", "--format", fmt])
    records = (
        [json.loads(x) for x in result.stdout.splitlines()] if fmt == "jsonl" else json.loads(result.stdout)
    )
    assert [r["id"] for r in records] == ["a", "b"]
    assert records[0]["fixed"]["reply"] == FIXED
    assert records[1]["fixed"]["changed"] is False and records[1]["fixed"]["applied"] == []
    assert result.exit_code == 1


def test_batch_fix_keeps_bad_lines_as_error_records(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "customer": CUSTOMER, "reply": REPLY}) + "\n{oops\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--input", str(src), "--fix", "--format", "jsonl", "--skip-bad"])
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert "fixed" in lines[0] and lines[1]["error"]["line"] == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", REPLY, "--unsafe-fixes"], "--unsafe-fixes only applies with --fix"),
        (["check", REPLY, "--write", "out.txt"], "--write FILE writes the fixed reply: add --fix"),
        (["check", REPLY, "--fix", "--format", "sarif"], "--fix needs --format text, json or jsonl"),
        (["check", REPLY, "--fix", "--write", "-"], "--write needs a file path"),
        (["check", "--input", "in.jsonl", "--fix"], "--fix on a batch needs --format json or jsonl"),
        (["check", "--input", "in.jsonl", "--fix", "-f", "sarif"], "--fix on a batch needs --format json or jsonl"),
        (["check", "--input", "in.jsonl", "--fix", "-f", "jsonl", "-w", "x"], "does not apply to a batch"),
    ],
)
def test_usage_errors(runner: CliRunner, tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "in.jsonl").write_text(json.dumps({"reply": REPLY}) + "\n", encoding="utf-8")
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    lines = _lines(result.stderr)
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert result.stdout == ""


def test_plain_check_shows_the_rewrites_and_counts_them(runner: CliRunner) -> None:
    out = runner.invoke(app, ["check", WALL, "--customer", WALL_CUSTOMER, "--color", "never"]).stdout
    assert "↳ fix: “it's our policy.” → “we ask for this because …, and here's what I can do: …”" in out
    assert out.splitlines()[-1] == "4 fixable with --fix --unsafe-fixes"
    mixed = runner.invoke(app, ["check", REPLY, "--customer", CUSTOMER, "--color", "never"]).stdout
    assert mixed.splitlines()[-1] == "4 fixable with --fix, 1 more with --fix --unsafe-fixes"


def test_sarif_results_carry_the_fix(runner: CliRunner) -> None:
    data = json.loads(runner.invoke(app, ["check", REPLY, "--customer", CUSTOMER, "--format", "sarif"]).stdout)
    results = data["runs"][0]["results"]
    d010 = next(r for r in results if r["ruleId"] == "D010")
    change = d010["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert change["deletedRegion"] == {"charOffset": 0, "charLength": len("It is what it is, d")}
    assert change["insertedContent"]["text"] == "D"
    assert d010["fixes"][0]["properties"]["safe"] is True
