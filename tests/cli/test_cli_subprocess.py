"""The installed ``makeitlast`` command, run as a real process: exit codes, one-line errors, stdin, streaming."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from cli_samples import CUSTOMER, FIXTURES, WALL


def _run(cmd: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=120, check=False)


def test_policy_wall_exit_1(makeitlast_bin: str) -> None:
    proc = _run([makeitlast_bin, "check", WALL, "--customer", CUSTOMER])
    assert proc.returncode == 1
    assert "D001" in proc.stdout and proc.stderr == ""


def test_clean_exit_0_from_stdin(makeitlast_bin: str) -> None:
    proc = _run(
        [makeitlast_bin, "check", "--select", "D001", "--format", "json"],
        stdin="Thanks for checking! We're open from 10 to 4 on Sundays.",
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["findings"] == []


@pytest.mark.parametrize(
    "args",
    [
        ["check", "  "],
        ["check", WALL, "--bogus-option"],
        ["check", WALL, "--fail-on", "fatal"],
        ["check", WALL, "--select", "X42"],
        ["rule", "X42"],
        ["check", "--input", "does-not-exist.jsonl"],
    ],
    ids=["empty-reply", "unknown-option", "bad-choice", "unknown-select", "unknown-rule", "missing-input"],
)
def test_errors_are_one_line_and_exit_2(makeitlast_bin: str, args: list[str]) -> None:
    proc = _run([makeitlast_bin, *args])
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("makeitlast: error: "), proc.stderr
    assert "Traceback" not in proc.stderr


def test_unknown_rule_says_how_to_list_codes(makeitlast_bin: str) -> None:
    proc = _run([makeitlast_bin, "rule", "X42"])
    assert "X42" in proc.stderr and "makeitlast rules" in proc.stderr


def test_batch_malformed_line(makeitlast_bin: str, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    proc = _run(
        [makeitlast_bin, "check", "--input", str(FIXTURES / "malformed.jsonl"), "-f", "jsonl", "-o", str(out)]
    )
    assert proc.returncode == 2
    assert ":3:" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r.get("id") for r in records[:2]] == ["one", "two"]


def test_python_dash_m(tmp_path: Path) -> None:
    proc = _run([sys.executable, "-m", "makeitlast", "rules", "--format", "json"])
    assert proc.returncode == 0
    assert "D001" in {r["code"] for r in json.loads(proc.stdout)}


def test_results_stream_as_lines_arrive(makeitlast_bin: str) -> None:
    """With one worker, each result is written as soon as its input line has been judged: the next line is only
    sent after the previous result came back (a deadlock guard ends the test if that ever stops holding)."""
    proc = subprocess.Popen(
        [makeitlast_bin, "check", "--input", "-", "--format", "jsonl", "--workers", "1"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    timer = threading.Timer(120, proc.kill)
    timer.start()
    try:
        ids = []
        for i in range(3):
            proc.stdin.write(json.dumps({"id": f"s{i}", "reply": "Rules are rules."}) + "\n")
            proc.stdin.flush()
            ids.append(json.loads(proc.stdout.readline())["id"])
        proc.stdin.close()
        assert proc.wait() == 1
    finally:
        timer.cancel()
        proc.kill()
    assert ids == ["s0", "s1", "s2"]
