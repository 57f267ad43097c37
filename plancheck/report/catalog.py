"""Generate the Markdown rule catalog (docs/rules/*.md) from the shipped rule sets."""

from __future__ import annotations

from pathlib import Path

from ..rules.citations import rule_citations
from ..rules.registry import PRIMITIVES
from ..rules.ruleset import SHIPPED, load_ruleset
from .render import environment


def catalog_text(name: str) -> str:
    ruleset = load_ruleset(name)
    return environment().get_template("catalog.md.j2").render(rs=ruleset, primitives=PRIMITIVES, citations=rule_citations)


def render_catalog(folder: Path) -> list[Path]:
    """Write one catalog file per shipped rule set; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SHIPPED:
        path = folder / f"{name}.md"
        path.write_text(catalog_text(name), encoding="utf-8")
        written.append(path)
    return written
