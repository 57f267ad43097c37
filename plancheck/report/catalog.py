"""Generate the rule authors' documents from the rule data and the primitive declarations:
docs/rules/*.md (one catalog per shipped rule set), docs/rules/primitives.md (检查方法手册), and the
primitive part of standards/schema/ruleset.schema.json that editors use to autocomplete."""

from __future__ import annotations

import doctest
import json
from pathlib import Path
from typing import Any

from ..resources import data_dir
from ..rules.citations import rule_citations
from ..rules.registry import Primitive, primitives
from ..rules.ruleset import SHIPPED, load_ruleset
from .rendering import environment

SCHEMA_PATH = ("schema", "ruleset.schema.json")


def catalog_text(name: str) -> str:
    ruleset = load_ruleset(name)
    return environment().get_template("catalog.md.j2").render(rs=ruleset, primitives=primitives(), citations=rule_citations)


def _examples(primitive: Primitive) -> list[dict[str, str]]:
    """The doctest examples of a primitive's docstring: the call and what it gives."""
    parsed = doctest.DocTestParser().get_examples(primitive.function.__doc__ or "")
    return [{"source": e.source.strip(), "want": e.want.strip()} for e in parsed]


def handbook_text() -> str:
    """docs/rules/primitives.md: every primitive, what it reads, its options and its examples."""
    table = sorted(primitives().values(), key=lambda p: p.name)
    return environment().get_template("primitives.md.j2").render(
        primitives=[{"p": p, "examples": _examples(p), "doc": (p.function.__doc__ or "").split("\n\n")[0].strip()}
                    for p in table])


def ruleset_schema_text(current: dict[str, Any]) -> str:
    """The rule-set schema with its requirement definition generated from the primitive declarations."""
    schema = dict(current)
    defs = dict(schema["$defs"])
    table = primitives()
    defs["primitives"] = {name: table[name].authoring_schema for name in sorted(table)}
    requirement = dict(defs["requirement"])
    requirement["properties"] = {"label": requirement["properties"]["label"], "within": requirement["properties"]["within"],
                                 **{name: {"$ref": f"#/$defs/primitives/{name}"} for name in sorted(table)}}
    requirement["additionalProperties"] = False
    requirement["description"] = "一项检查：说明（label）、可选的查找范围（within），以及恰好一种检查方法和它的参数"
    defs["requirement"] = requirement
    schema["$defs"] = defs
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def committed_schema_path() -> Path:
    return data_dir("standards").joinpath(*SCHEMA_PATH)


def render_catalog(folder: Path, schema: Path | None = None) -> list[Path]:
    """Write the rule catalogs and the handbook into `folder`, and regenerate `schema` if given; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    if schema is not None:  # first: the rule sets are validated against it when the catalogs load them
        schema.write_text(ruleset_schema_text(json.loads(schema.read_text("utf-8"))), encoding="utf-8")
        written.append(schema)
    for name in SHIPPED:
        path = folder / f"{name}.md"
        path.write_text(catalog_text(name), encoding="utf-8")
        written.append(path)
    handbook = folder / "primitives.md"
    handbook.write_text(handbook_text(), encoding="utf-8")
    written.append(handbook)
    return written
