"""The shape of the code: a one-way import graph, and rule-author documents generated from declarations."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from plancheck.report.catalog import committed_schema_path, ruleset_schema_text
from plancheck.rules.registry import primitives

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "plancheck"

# Lower layers never import higher ones (a module may import its own layer or any lower one).
LAYERS = [
    ("errors", "resources", "version", "limits", "saferegex", "safeyaml"),
    ("document", "outputs"),
    ("findings", "scoring", "waivers"),
    ("rules", "bundle", "kind"),
    ("result",),
    ("api", "inputs", "collect", "batch", "shipping", "comparing"),
    ("report",),
    ("cli", "__main__", "__init__", "web", "progress"),
]


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """plancheck modules imported at module level (not under `if TYPE_CHECKING:` nor inside functions)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.parse(path.read_text("utf-8")).body:
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("plancheck"):
                if node.module:  # `from . import x` imports the submodule x, not the package
                    found.add(target)
                found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("plancheck"))
    modules = {_module_name(p) for p in PACKAGE.rglob("*.py")}
    return {name for name in found if name in modules and name != module}


def _graph() -> dict[str, set[str]]:
    return {_module_name(path): _imports(path) for path in PACKAGE.rglob("*.py")}


def _layer(module: str) -> int:
    top = module.split(".")[1] if "." in module else "__init__"
    return next(i for i, names in enumerate(LAYERS) if top in names)


def test_module_imports_form_no_cycle() -> None:
    graph = _graph()
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in graph.get(node, ()):
            assert state.get(target) != 1, "import cycle: " + " → ".join(trail + [node, target])
            if target not in state:
                visit(target, trail + [node])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [])


def test_lower_layers_never_import_higher_ones() -> None:
    upward = [(module, target) for module, targets in _graph().items() for target in targets
              if module != "plancheck" and _layer(target) > _layer(module)]
    assert upward == []


def test_committed_rule_set_schema_is_generated_from_the_primitive_declarations() -> None:
    committed = committed_schema_path().read_text("utf-8")
    assert ruleset_schema_text(json.loads(committed)) == committed, "run: plancheck rules docs --schema"
    defs = json.loads(committed)["$defs"]
    assert set(defs["primitives"]) == set(primitives())
    phrases = defs["primitives"]["phrases"]["properties"]
    assert phrases["at_least"]["description"] and "$ref" in defs["requirement"]["properties"]["phrases"]


def test_every_primitive_option_is_described_in_chinese() -> None:
    for primitive in primitives().values():
        assert primitive.reads in ("scope", "document")
        for name, option in primitive.options.items():
            assert any("\u4e00" <= ch <= "\u9fff" for ch in option["description"]), f"{primitive.name}.{name}"
