"""``makeitlast check`` on one reply: sources of text, exit codes, thresholds, configuration, errors."""

from __future__ import annotations

import json
from pathlib import Path

from cli_samples import CLEAN, CUSTOMER, FIXTURES, WALL
from typer.testing import CliRunner

from makeitlast.cli import app


def _one_line_error(stderr: str) -> str:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert lines[0].startswith("makeitlast: error: ")
    return lines[0]


def test_policy_wall_is_shown_with_its_line_and_exit_1(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", WALL, "--customer", CUSTOMER])
    assert result.exit_code == 1
    out = result.stdout
    assert "D001 error policy-wall" in out
    # The reply line, and carets under exactly "it's our policy".
    lines = out.splitlines()
    i = next(n for n, ln in enumerate(lines) if "│ " + WALL in ln)
    line, marks = lines[i], lines[i + 1]
    start = line.index(WALL) + WALL.index("it's our policy")
    assert marks[start : start + len("it's our policy")] == "^" * len("it's our policy")
    assert marks[start - 1] == " " and marks[start + len("it's our policy") :].strip() == ""
    assert "try:" in out  # the suggestion
    assert "score " in out and "/100" in out
    assert "customer " in out and "anger" in out


def test_meter_shows_the_four_steps(runner: CliRunner) -> None:
    out = runner.invoke(app, ["check", WALL, "--customer", CUSTOMER]).stdout
    meter = next(ln for ln in out.splitlines() if ln.lstrip().startswith("L "))
    for letter in "LAST":
        assert f"{letter} " in meter
    assert any(sym in meter for sym in ("●", "◐", "○", "n/a"))


def test_clean_reply_exits_0_with_only_d001_selected(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", CLEAN, "--customer", CUSTOMER, "--select", "D001"])
    assert result.exit_code == 0, result.output
    assert "No findings." in result.stdout


def test_fail_on_uses_the_configured_severity(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "makeitlast.toml").write_text(
        'select = ["D001"]\n[severity]\nD001 = "advice"\n', encoding="utf-8"
    )
    args = ["check", WALL, "--customer", CUSTOMER]
    relaxed = runner.invoke(app, args)  # advice is under the default threshold (warning)
    assert relaxed.exit_code == 0, relaxed.output
    assert "D001 advice policy-wall" in relaxed.stdout
    assert runner.invoke(app, [*args, "--fail-on", "advice"]).exit_code == 1
    assert runner.invoke(app, [*args, "--fail-on", "ADVICE"]).exit_code == 1


def test_fail_on_error_ignores_warnings_but_not_errors(runner: CliRunner) -> None:
    assert runner.invoke(app, ["check", WALL, "--customer", CUSTOMER, "--fail-on", "error"]).exit_code == 1
    result = runner.invoke(
        app, ["check", CLEAN, "--customer", CUSTOMER, "--select", "D001", "--fail-on", "error"]
    )
    assert result.exit_code == 0


def test_fail_under_the_score(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "makeitlast.toml").write_text('[severity]\nD001 = "advice"\n', encoding="utf-8")
    base = ["check", WALL, "--customer", CUSTOMER, "--select", "D001", "--fail-on", "error"]
    assert runner.invoke(app, [*base, "--fail-under", "0"]).exit_code == 0
    # D001 costs 20 points, so this reply cannot score 100.
    assert runner.invoke(app, [*base, "--fail-under", "100"]).exit_code == 1


def test_reply_from_stdin(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "--customer", CUSTOMER, "--select", "D001"], input=WALL)
    assert result.exit_code == 1
    assert "D001" in result.stdout


def test_reply_and_customer_from_files(runner: CliRunner) -> None:
    result = runner.invoke(
        app,
        [
            "check",
            "--reply-file",
            str(FIXTURES / "reply.txt"),
            "--customer-file",
            str(FIXTURES / "customer.txt"),
            "--select",
            "D001",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    reply = (FIXTURES / "reply.txt").read_text(encoding="utf-8")
    (finding,) = data["findings"]
    span = finding["span"]
    assert finding["code"] == "D001"
    assert reply[span["start"] : span["end"]] == span["text"] == "it's our policy"
    assert data["customer"] is not None


def test_customer_file_from_stdin(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", WALL, "--customer-file", "-", "--format", "json"], input=CUSTOMER)
    assert result.exit_code == 1
    assert json.loads(result.stdout)["customer"] is not None


def test_context_is_accepted(runner: CliRunner) -> None:
    result = runner.invoke(
        app,
        [
            "check",
            WALL,
            "--customer",
            CUSTOMER,
            "--context",
            "I wrote on Monday.",
            "--context",
            "Still nothing.",
        ],
    )
    assert result.exit_code == 1


def test_empty_reply_is_a_usage_error(runner: CliRunner) -> None:
    for args, stdin in ((["check", "   "], None), (["check"], ""), (["check", "--reply-file", "-"], "\n")):
        result = runner.invoke(app, args, input=stdin)
        assert result.exit_code == 2
        assert "empty" in _one_line_error(result.stderr)


def test_unreadable_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--reply-file", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "nope.txt" in _one_line_error(result.stderr)


def test_invalid_utf8_reply_file_names_the_line(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Hello,\nwe can't do that, sorry: caf\u00e9 closed.\n".encode("latin-1"))
    result = runner.invoke(app, ["check", "--reply-file", str(bad)])
    assert result.exit_code == 2
    message = _one_line_error(result.stderr)
    assert "latin1.txt:2:" in message and "UTF-8" in message


def test_unknown_rule_code_in_select_and_ignore(runner: CliRunner) -> None:
    for option in ("--select", "--ignore"):
        result = runner.invoke(app, ["check", WALL, option, "D001,Z999"])
        assert result.exit_code == 2
        message = _one_line_error(result.stderr)
        assert "Z999" in message and "makeitlast rules" in message


def test_select_by_prefix_and_ignore(runner: CliRunner) -> None:
    selected = runner.invoke(
        app, ["check", WALL, "--customer", CUSTOMER, "--select", "d", "--format", "json"]
    )
    assert {f["code"][0] for f in json.loads(selected.stdout)["findings"]} == {"D"}
    ignored = runner.invoke(
        app, ["check", WALL, "--customer", CUSTOMER, "--ignore", "D001", "--format", "json"]
    )
    assert "D001" not in {f["code"] for f in json.loads(ignored.stdout)["findings"]}


def test_unknown_format(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", WALL, "--format", "yaml"])
    assert result.exit_code == 2
    message = _one_line_error(result.stderr)
    assert "yaml" in message and "sarif" in message


def test_config_discovered_from_pyproject(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "support-team"\n\n[tool.makeitlast]\nignore = ["D001"]\n', encoding="utf-8"
    )
    sub = tmp_path / "replies" / "today"
    sub.mkdir(parents=True)
    import os

    os.chdir(sub)  # found in a parent directory too
    found = runner.invoke(app, ["check", WALL, "--customer", CUSTOMER, "--format", "json"])
    assert "D001" not in {f["code"] for f in json.loads(found.stdout)["findings"]}
    bypassed = runner.invoke(app, ["check", WALL, "--customer", CUSTOMER, "--format", "json", "--no-config"])
    assert "D001" in {f["code"] for f in json.loads(bypassed.stdout)["findings"]}


def test_explicit_config_file(runner: CliRunner, tmp_path: Path) -> None:
    cfg = tmp_path / "team.toml"
    cfg.write_text('select = ["D001"]\nfail-on = "error"\n', encoding="utf-8")
    result = runner.invoke(
        app, ["check", CLEAN, "--customer", CUSTOMER, "--config", str(cfg), "--format", "json"]
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["findings"] == []


def test_bad_config(runner: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "makeitlast.toml"
    broken.write_text("select = [D001\n", encoding="utf-8")
    result = runner.invoke(app, ["check", WALL])
    assert result.exit_code == 2
    assert "makeitlast.toml" in _one_line_error(result.stderr)
    broken.write_text('apology = "very"\n', encoding="utf-8")
    result = runner.invoke(app, ["check", WALL])
    assert result.exit_code == 2
    assert "apology" in _one_line_error(result.stderr)
    broken.write_text('select = ["Q1"]\n', encoding="utf-8")
    result = runner.invoke(app, ["check", WALL])
    assert result.exit_code == 2
    assert "Q1" in _one_line_error(result.stderr)
    result = runner.invoke(app, ["check", WALL, "--config", str(tmp_path / "missing.toml")])
    assert result.exit_code == 2
    assert "missing.toml" in _one_line_error(result.stderr)


def test_apology_option(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", WALL, "--customer", CUSTOMER, "--apology", "soft"])
    assert result.exit_code == 1
    assert runner.invoke(app, ["check", WALL, "--apology", "weak"]).exit_code == 2


def test_conflicting_sources_are_usage_errors(runner: CliRunner) -> None:
    cases = [
        ["check", WALL, "--input", str(FIXTURES / "replies.jsonl")],
        ["check", WALL, "--reply-file", str(FIXTURES / "reply.txt")],
        ["check", WALL, "--workers", "2"],
        ["check", WALL, "--skip-bad"],
        ["check", "--reply-file", "-", "--customer-file", "-"],
    ]
    for args in cases:
        result = runner.invoke(app, args, input="text")
        assert result.exit_code == 2, args
        _one_line_error(result.stderr)


def test_output_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["check", WALL, "--customer", CUSTOMER, "-f", "json", "-o", str(out)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == 1
    bad = runner.invoke(app, ["check", WALL, "-o", str(tmp_path / "no" / "such" / "dir.txt")])
    assert bad.exit_code == 2
    assert "dir.txt" in _one_line_error(bad.stderr)


def test_color_always_and_never(runner: CliRunner) -> None:
    colored = runner.invoke(app, ["check", WALL, "--customer", CUSTOMER, "--color", "always"]).stdout
    assert "\x1b[" in colored
    plain = runner.invoke(app, ["check", WALL, "--customer", CUSTOMER, "--color", "never"]).stdout
    assert "\x1b[" not in plain


def test_version(runner: CliRunner) -> None:
    from makeitlast import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.stdout
