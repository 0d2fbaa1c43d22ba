"""``makeitlast draft``: text and JSON output, the coach's verdict, and clear errors with exit code 2."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from makeitlast.cli.app import app


def test_draft_text_goes_to_stdout_and_the_verdict_to_stderr(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["draft", "-c", "My order #4471 arrived broken and I want a refund", "--offer", "a full refund"]
    )
    assert result.exit_code == 0, result.output
    assert "sorry" in result.stdout and "full refund" in result.stdout
    assert "score 100" in result.stderr


def test_draft_json_carries_the_schema_1_report(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["draft", "-c", "The app crashes when I open my basket", "--agent", "Sam", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["source"] == "builtin" and data["text"].endswith("– Sam")
    assert data["report"]["schema_version"] == 1 and data["report"]["score"] >= 90
    assert data["report"]["steps"]["apologize"]["status"] == "present"


def test_draft_reads_stdin_and_soft_culture(runner: CliRunner) -> None:
    result = runner.invoke(app, ["draft", "--culture", "soft"], input="My parcel is late again\n")
    assert result.exit_code == 0, result.output
    assert "sorry" not in result.stdout.lower()


def test_draft_bad_input_exits_2_with_a_message(runner: CliRunner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    empty = runner.invoke(app, ["draft", "-c", "   "])
    assert empty.exit_code == 2 and "empty" in empty.stderr
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe broken")
    enc = runner.invoke(app, ["draft", "--customer-file", str(bad)])
    assert enc.exit_code == 2 and "UTF-8" in enc.stderr
    llm = runner.invoke(app, ["draft", "-c", "It broke", "--llm", "not-a-url", "--model", "m"])
    assert llm.exit_code == 2 and "http" in llm.stderr
    half = runner.invoke(app, ["draft", "-c", "It broke", "--model", "m"])
    assert half.exit_code == 2 and "--llm" in half.stderr
    assert "Traceback" not in empty.output + enc.output + llm.output + half.output
