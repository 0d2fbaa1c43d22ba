"""``makeitlast check --input``: JSONL and CSV batches, order, bad lines, --skip-bad, formats."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from cli_samples import FIXTURES
from typer.testing import CliRunner

from makeitlast.cli import app

JSONL = FIXTURES / "replies.jsonl"
CSV = FIXTURES / "replies.csv"
MALFORMED = FIXTURES / "malformed.jsonl"


def _jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _ids(path: Path) -> list[str]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as f:
            return [row["id"] for row in csv.DictReader(f)]
    return [
        str(json.loads(line)["id"]) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def _codes(record: dict[str, Any]) -> list[str]:
    return [f["code"] for f in record["findings"]]


@pytest.mark.parametrize("path", [JSONL, CSV], ids=["jsonl", "csv"])
def test_batch_results_come_in_input_order(runner: CliRunner, path: Path) -> None:
    result = runner.invoke(app, ["check", "--input", str(path), "--format", "jsonl"])
    assert result.exit_code == 1, result.output  # two policy walls
    records = _jsonl(result.stdout)
    assert [r["id"] for r in records] == _ids(path)
    by_id = {r["id"]: r for r in records}
    assert "D001" in _codes(by_id["wall"]) and "D001" in _codes(by_id["4"])
    assert "D001" not in _codes(by_id["fixed"]) and "D001" not in _codes(by_id["question"])
    assert by_id["4"]["customer"] is None  # no customer message: judged on its own
    assert all(r["schema_version"] == 1 for r in records)


def test_csv_context_and_multiline_reply(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "--input", str(CSV), "--format", "jsonl", "--select", "D001"])
    fixed = next(r for r in _jsonl(result.stdout) if r["id"] == "fixed")
    assert fixed["findings"] == []


def test_input_format_override_and_sniffing(runner: CliRunner, tmp_path: Path) -> None:
    unnamed = tmp_path / "replies.txt"
    unnamed.write_bytes(CSV.read_bytes())
    sniffed = runner.invoke(app, ["check", "--input", str(unnamed), "--format", "jsonl"])
    assert [r["id"] for r in _jsonl(sniffed.stdout)] == _ids(CSV)
    odd = tmp_path / "replies.csv"
    odd.write_bytes(JSONL.read_bytes())
    forced = runner.invoke(
        app, ["check", "--input", str(odd), "--input-format", "jsonl", "--format", "jsonl"]
    )
    assert [r["id"] for r in _jsonl(forced.stdout)] == _ids(JSONL)


def test_batch_from_stdin(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["check", "--input", "-", "--format", "jsonl"], input=JSONL.read_text(encoding="utf-8")
    )
    assert result.exit_code == 1
    assert [r["id"] for r in _jsonl(result.stdout)] == _ids(JSONL)


def test_rows_without_an_id_are_named_by_their_line(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "noid.jsonl"
    src.write_text('\n{"reply": "Rules are rules."}\n', encoding="utf-8")
    result = runner.invoke(app, ["check", "--input", str(src), "--format", "jsonl"])
    assert [r["id"] for r in _jsonl(result.stdout)] == ["line-2"]


def test_malformed_line_stops_with_exit_2_and_keeps_earlier_results(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "--input", str(MALFORMED), "--format", "jsonl"])
    assert result.exit_code == 2
    assert "malformed.jsonl:3:" in result.stderr and "malformed JSON" in result.stderr
    assert "--skip-bad" in result.stderr and "Traceback" not in result.stderr
    records = _jsonl(result.stdout)
    assert [r.get("id") for r in records[:2]] == ["one", "two"]
    assert records[2]["error"]["line"] == 3 and "score" not in records[2]
    assert len(records) == 3  # nothing after the bad line


def test_malformed_line_keeps_json_output_valid(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["check", "--input", str(MALFORMED), "--format", "json", "-o", str(out)])
    assert result.exit_code == 2
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [r.get("id") for r in data[:2]] == ["one", "two"]
    assert data[-1]["error"]["line"] == 3


def test_skip_bad_goes_on_and_exit_reflects_findings_only(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "--input", str(MALFORMED), "--format", "jsonl", "--skip-bad"])
    assert result.exit_code == 1  # "two" is a policy wall
    records = _jsonl(result.stdout)
    assert [r.get("id") for r in records] == ["one", "two", None, "four"]
    assert "malformed.jsonl:3:" in result.stderr
    assert "skipped 1 bad input line" in result.stderr


def test_skip_bad_exit_0_when_nothing_fails(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "mixed.jsonl"
    src.write_text(
        '{"id": "a", "reply": "Yes, we are open on Sundays from 10 to 4. Thanks for checking!"}\n'
        "not json at all\n"
        '{"id": "b", "reply": ""}\n'
        '{"id": "c", "reply": "We ship to Iceland, usually within a week."}\n',
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["check", "--input", str(src), "--select", "D001", "--skip-bad", "-f", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    assert "mixed.jsonl:2:" in result.stderr and "mixed.jsonl:3:" in result.stderr
    assert "skipped 2 bad input lines" in result.stderr
    assert [r.get("id") for r in _jsonl(result.stdout)] == ["a", None, "b", "c"]


def test_empty_reply_row_names_its_line(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "empty.jsonl"
    src.write_text('{"id": "a", "reply": "Rules are rules."}\n{"id": "b", "reply": "  "}\n', encoding="utf-8")
    result = runner.invoke(app, ["check", "--input", str(src), "-f", "jsonl"])
    assert result.exit_code == 2
    assert "empty.jsonl:2:" in result.stderr and "empty" in result.stderr
    assert _jsonl(result.stdout)[0]["id"] == "a"


def test_invalid_utf8_line_names_its_line(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "latin.jsonl"
    src.write_bytes(
        b'{"id": "a", "reply": "Thanks for your patience, the refund is on its way."}\n'
        b'{"id": "b", "reply": "Caf\xe9 closed"}\n'
        b'{"id": "c", "reply": "Rules are rules."}\n'
    )
    stopped = runner.invoke(app, ["check", "--input", str(src), "-f", "jsonl"])
    assert stopped.exit_code == 2
    assert "latin.jsonl:2:" in stopped.stderr and "UTF-8" in stopped.stderr
    skipped = runner.invoke(app, ["check", "--input", str(src), "-f", "jsonl", "--skip-bad"])
    assert [r.get("id") for r in _jsonl(skipped.stdout)] == ["a", None, "c"]


def test_csv_row_with_missing_columns(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "short.csv"
    src.write_text(
        'id,customer,context,reply\nx,"Where is my parcel?",,"Rules are rules."\ny,only two\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check", "--input", str(src), "-f", "jsonl"])
    assert result.exit_code == 2
    assert "short.csv:3:" in result.stderr and "columns" in result.stderr
    assert _jsonl(result.stdout)[0]["id"] == "x"


def test_csv_without_a_reply_column(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "noreply.csv"
    src.write_text("id,customer,answer\n1,hi,hello\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--input", str(src)])
    assert result.exit_code == 2
    assert "reply" in result.stderr and "Traceback" not in result.stderr


def test_csv_bad_context_cell(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "ctx.csv"
    src.write_text('id,customer,context,reply\n1,hi,not a list,"Rules are rules."\n', encoding="utf-8")
    result = runner.invoke(app, ["check", "--input", str(src)])
    assert result.exit_code == 2
    assert "ctx.csv:2:" in result.stderr and "context" in result.stderr


def test_missing_input_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--input", str(tmp_path / "gone.jsonl")])
    assert result.exit_code == 2
    assert "gone.jsonl" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "sarif"])
def test_every_format_on_a_batch(runner: CliRunner, fmt: str) -> None:
    result = runner.invoke(app, ["check", "--input", str(MALFORMED), "--skip-bad", "--format", fmt])
    assert result.exit_code == 1
    out = result.stdout
    if fmt == "json":
        data = json.loads(out)
        assert [r.get("id") for r in data] == ["one", "two", None, "four"]
    elif fmt == "jsonl":
        assert len(_jsonl(out)) == 4
    elif fmt == "sarif":
        sarif = json.loads(out)
        run = sarif["runs"][0]
        assert sarif["version"] == "2.1.0"
        assert any(
            r["ruleId"] == "D001"
            and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "two"
            for r in run["results"]
        )
        (note,) = run["invocations"][0]["toolExecutionNotifications"]
        assert note["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    else:
        assert "one" in out and "four" in out and "D001" in out
        assert "3 replies judged" in out and "1 input line not judged" in out


def test_batch_with_a_process_pool(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "--input", str(JSONL), "--format", "jsonl", "--workers", "2"])
    assert result.exit_code == 1
    assert [r["id"] for r in _jsonl(result.stdout)] == _ids(JSONL)
