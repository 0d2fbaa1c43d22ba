"""Rule documentation generated from the rules' own docstrings and examples.

The same text serves ``makeitlast rule CODE``, the docs site (``makeitlast docs --out DIR`` writes one Markdown page
per rule plus an index) and the web app's rules page, so there is one source of truth: the rule's file.
"""

from __future__ import annotations

from pathlib import Path

from makeitlast.engine.registry import DOC_SECTIONS, Rule, all_rules


def rule_markdown(rule: type[Rule]) -> str:
    docs = rule.docs()
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        f"*{docs.get('summary') or rule.summary}*",
        "",
        f"- Step: **{rule.step.value}**",
        f"- Severity: **{rule.severity.value}**",
        f"- Scope: {rule.scope}",
        f"- Score weight: {rule.weight} points per finding",
        "",
    ]
    for section in DOC_SECTIONS:
        body = docs.get(section, "")
        if not body:
            continue
        lines.append(f"## {section}")
        lines.append("")
        if section in ("Example", "Instead"):
            lines.extend(f"> {ln}" if ln.strip() else ">" for ln in body.splitlines())
        else:
            lines.append(body)
        lines.append("")
    for title, examples in (("Flagged", rule.bad), ("Not flagged", rule.good)):
        if not examples:
            continue
        lines.append(f"## {title}")
        lines.append("")
        for ex in examples:
            if ex.customer:
                lines.append(f"- Customer: “{ex.customer}”  ")
                lines.append(f"  Reply: “{ex.reply}”")
            else:
                lines.append(f"- Reply: “{ex.reply}”")
        lines.append("")
    lines.append(f"Configure: `select`/`ignore` with `{rule.code}` or a prefix such as `{rule.code[0]}`.")
    return "\n".join(lines).rstrip() + "\n"


def index_markdown() -> str:
    lines = [
        "# Rules",
        "",
        "| code | name | step | severity | weight | summary |",
        "|---|---|---|---|---|---|",
    ]
    for r in all_rules():
        lines.append(
            f"| [{r.code}]({r.code}.md) | {r.name} | {r.step.value} | {r.severity.value} | {r.weight} | {r.summary} |"
        )
    return "\n".join(lines) + "\n"


def write_docs(out_dir: Path) -> list[Path]:
    """Write ``index.md`` and one page per rule into ``out_dir``; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [out_dir / "index.md"]
    written[0].write_text(index_markdown(), encoding="utf-8")
    for r in all_rules():
        p = out_dir / f"{r.code}.md"
        p.write_text(rule_markdown(r), encoding="utf-8")
        written.append(p)
    return written
