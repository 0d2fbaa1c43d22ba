from __future__ import annotations

from pathlib import Path

from makeitlast.docs import index_markdown, rule_markdown, write_docs
from makeitlast.engine.registry import all_rules, get_rule


def test_rule_page_comes_from_the_docstring() -> None:
    page = rule_markdown(get_rule("D001"))
    assert page.startswith("# D001 policy-wall")
    assert "## Why it matters" in page and "There's no hope for you" in page
    assert "## Flagged" in page and "Rules are rules" in page


def test_write_docs_has_a_page_per_rule(tmp_path: Path) -> None:
    files = write_docs(tmp_path / "site")
    assert {p.name for p in files} == {"index.md"} | {f"{r.code}.md" for r in all_rules()}
    for r in all_rules():
        assert f"[{r.code}]({r.code}.md)" in index_markdown()
