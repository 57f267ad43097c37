"""Load rule sets from YAML: schema validation, lint, parameters and overlays."""

from __future__ import annotations

import copy
import hashlib
import json
import re
from dataclasses import dataclass, field
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import RulesetError
from ..resources import data_dir
from ..safeyaml import load_yaml
from ..scoring import Grading
from .citations import citation_problems
from .concepts import Concept
from .lint import Problem, lint, overlay_problems, param_value, schema_problems
from .params import validate_param

# Rule sets as read from YAML, reused while every file they were read from keeps its content:
# path → ((file, sha256 of its bytes), …), data, changes.
_PARSED: dict[str, tuple[tuple[tuple[Path, str], ...], dict[str, Any], list[dict[str, str]]]] = {}
_READ: ContextVar[list[Path] | None] = ContextVar("rule_set_files_read", default=None)

SHIPPED = {"township": "township.yaml", "village": "village.yaml", "standardization": "standardization.yaml",
           "gb-township": "gb-township.yaml", "gb-village": "gb-village.yaml"}
# What an `include: [{rules_from: …}]` entry may change in a borrowed rule (everything else stays the lender's).
BORROW_OVERRIDES = ("basis", "key", "weight", "remedy")


@dataclass(frozen=True)
class Requirement:
    label: str
    primitive: str
    arguments: dict[str, Any]
    within: list[str] | None = None

    @classmethod
    def parse(cls, data: dict[str, Any]) -> Requirement:
        name = next(key for key in data if key not in ("label", "within"))
        return cls(data["label"], name, data[name] or {}, data.get("within"))

    @classmethod
    def section(cls, label: str, titles: list[str]) -> Requirement:
        """The requirement a rule's `section_required` stands for: a heading titled like its `within`."""
        return cls(label, "section", {"titles": list(titles)})


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    aspect: str
    key: bool
    weight: float
    basis: dict[str, Any]
    require: list[Requirement]
    remedy: str
    within: list[str] | None = None
    applies_if: Requirement | None = None
    partial_at: float = 0.5
    # How the requirements' levels make the verdict: "share" (their average against partial_at) or "worst"
    # (the worst level: a defect check is as bad as the worst defect it found).
    combine: str = "share"
    examples: dict[str, list[str]] = field(default_factory=dict)
    gating: bool = False
    section_required: bool = False
    # Words in a bundle file's name that mark it as this rule's evidence (an unread file blocks only such rules).
    evidence_files: tuple[str, ...] = ()

    @property
    def citation(self) -> str:
        clause = self.basis.get("clause")
        return f"{self.basis['document']} {clause}" if clause else self.basis["document"]


@dataclass
class Ruleset:
    id: str
    title: str
    version: str
    applies_to: str
    sources: list[dict[str, Any]]
    aspects: list[dict[str, str]]
    grading: Grading
    params: dict[str, dict[str, Any]]
    rules: list[Rule]
    path: str
    sha256: str
    description: str = ""
    changes: list[dict[str, str]] = field(default_factory=list)
    jurisdiction: dict[str, str] = field(default_factory=dict)
    also_check: list[str] = field(default_factory=list)  # other rule sets whose verdicts the report lists too

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def aspect_title(self, aspect_id: str) -> str:
        return next((a["title"] for a in self.aspects if a["id"] == aspect_id), aspect_id)


@lru_cache(maxsize=1)
def ruleset_schema() -> dict[str, Any]:
    return json.loads((data_dir("standards") / "schema" / "ruleset.schema.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def fragment_schema() -> dict[str, Any]:
    """An included fragment (e.g. quality.yaml): rules, parameters and optionally grading, nothing else."""
    full = ruleset_schema()
    return {"$defs": full["$defs"], "type": "object", "additionalProperties": False,
            "properties": {key: full["properties"][key] for key in ("params", "rules", "grading", "description", "lexicon")}}


def resolve_path(standard: str | Path) -> Path:
    """A shipped rule-set name (township / village / gb-township / gb-village / standardization) or a path to a YAML file."""
    if str(standard) in SHIPPED:
        return data_dir("standards") / SHIPPED[str(standard)]
    path = Path(standard)
    if not path.is_file():
        names = " / ".join(SHIPPED)
        raise RulesetError(f"找不到规则集：既不是内置规则集（{names}），也不是存在的 YAML 文件", str(standard))
    return path


def _read_yaml(path: Path) -> dict[str, Any]:
    reads = _READ.get()
    if reads is not None:
        reads.append(path)
    try:
        data = load_yaml(path)
    except yaml.YAMLError as error:
        raise RulesetError(f"YAML 格式错误：{error}", str(path)) from error
    except UnicodeDecodeError as error:
        raise RulesetError("规则集文件必须是 UTF-8 编码", str(path)) from error
    if not isinstance(data, dict):
        raise RulesetError("规则集文件的顶层必须是键值对（mapping）", str(path))
    return data


def apply_overlay(base: dict[str, Any], overlay: dict[str, Any], overlay_path: str) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """Apply an overlay (extends / params / weights / disable) to a base rule set; list every change."""
    data = copy.deepcopy(base)
    changes: list[dict[str, str]] = [{"what": "overlay", "detail": overlay_path}]
    rules = {rule["id"]: rule for rule in data["rules"]}
    for key in ("title", "version"):
        if key in overlay:
            changes.append({"what": key, "detail": f"{data.get(key)} → {overlay[key]}"})
            data[key] = overlay[key]
    for name, value in (overlay.get("params") or {}).items():
        if name not in data.get("params", {}):
            raise RulesetError(f"覆盖文件设置了不存在的参数 '{name}'", overlay_path)
        value = validate_param(name, data["params"][name], value, overlay_path)
        changes.append({"what": f"参数 {name}", "detail": f"{data['params'][name]['value']} → {value}"})
        data["params"][name]["value"] = value
    for rule_id, weight in (overlay.get("weights") or {}).items():
        if rule_id not in rules:
            raise RulesetError(f"覆盖文件修改了不存在的规则 {rule_id} 的权重", overlay_path)
        changes.append({"what": f"权重 {rule_id}", "detail": f"{rules[rule_id]['weight']} → {weight}"})
        rules[rule_id]["weight"] = weight
    for rule_id, reason in (overlay.get("disable") or {}).items():
        if rule_id not in rules:
            raise RulesetError(f"覆盖文件停用了不存在的规则 {rule_id}", overlay_path)
        if not str(reason or "").strip():
            raise RulesetError(f"停用规则 {rule_id} 必须写明理由", overlay_path)
        changes.append({"what": f"停用 {rule_id}", "detail": str(reason)})
        data["rules"] = [rule for rule in data["rules"] if rule["id"] != rule_id]
    return data, changes


def _include_fragment(data: dict[str, Any], path: Path, name: str, validate: bool) -> None:
    """Merge a fragment (e.g. quality.yaml): its rules are appended, its params are defaults, its grading a default."""
    fragment = _read_yaml(path.parent / name)
    problems = schema_problems(fragment, fragment_schema(), str(path.parent / name)) if validate else []
    if problems:
        raise RulesetError("被引用的规则片段有错误：\n" + "\n".join(p.text() for p in problems[:20]), name)
    if "grading" in fragment:
        data.setdefault("grading", fragment["grading"])
    data["rules"] = list(data.get("rules") or []) + list(fragment.get("rules") or [])
    data["params"] = (fragment.get("params") or {}) | (data.get("params") or {})
    data["lexicon"] = (fragment.get("lexicon") or {}) | (data.get("lexicon") or {})


def _borrow_rules(data: dict[str, Any], path: Path, entry: dict[str, Any]) -> None:
    """Take the listed rules of another rule set (its own `rules:`, not its fragments), with this set's overrides.

    `{rules_from: township.yaml, only: [T-01, …], override: {T-01: {basis: …}}}`: each borrowed rule keeps the
    lender's requirements, examples and title byte for byte; `override` replaces whole keys among
    BORROW_OVERRIDES (typically `basis`, so each rule set cites its own sources). The lender's params become
    defaults, as a fragment's do.
    """
    name = entry["rules_from"]
    lender = _read_yaml(path.parent / name)
    rules = {rule.get("id"): rule for rule in lender.get("rules") or [] if isinstance(rule, dict)}
    override = entry.get("override") or {}
    for rule_id in list(entry["only"]) + list(override):
        if rule_id not in rules:
            raise RulesetError(f"引用的规则集 {name} 中没有规则 {rule_id}", str(path))
    for rule_id in override:
        if rule_id not in entry["only"]:
            raise RulesetError(f"override 中的规则 {rule_id} 不在 only 列表中", str(path))
    borrowed = [copy.deepcopy(rules[rule_id]) | copy.deepcopy(override.get(rule_id) or {}) for rule_id in entry["only"]]
    data["rules"] = list(data.get("rules") or []) + borrowed
    data["params"] = (lender.get("params") or {}) | (data.get("params") or {})


def _read_ruleset(path: Path, validate: bool, data: dict[str, Any] | None = None) -> dict[str, Any]:
    """A rule-set file (`data`: its content, when already read) with its `include:` entries merged in:
    fragments, and rules borrowed from other rule sets; with `validate`, the entries and fragments are validated."""
    data = _read_yaml(path) if data is None else data
    if validate:
        schema = {"$defs": ruleset_schema()["$defs"], "type": "object",
                  "properties": {"include": ruleset_schema()["properties"]["include"]}}
        problems = schema_problems({"include": data.get("include") or []}, schema, str(path))
        if problems:
            raise RulesetError("include 写法有误：\n" + "\n".join(p.text() for p in problems[:20]), str(path))
    for entry in data.pop("include", []) or []:
        if isinstance(entry, dict):
            _borrow_rules(data, path, entry)
        else:
            _include_fragment(data, path, entry, validate)
    return data


def _read_with_overlay(path: Path, validate: bool) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """A rule set file, or an overlay applied to the rule set it extends (shipped name or relative path); with
    `validate`, its includes and fragments are validated on the way (the whole is validated after)."""
    raw = _read_yaml(path)
    if "extends" not in raw:
        return _read_ruleset(path, validate, raw), []
    problems = overlay_problems(raw, str(path))
    if problems:
        raise RulesetError("覆盖文件有错误：\n" + "\n".join(p.text() for p in problems[:20]), str(path))
    base = str(raw["extends"])
    base_path = resolve_path(base) if base in SHIPPED else resolve_path(path.parent / base)
    return apply_overlay(_read_ruleset(base_path, validate), raw, str(path))


_PARAM_IN_TEXT = re.compile(r"\$([a-z_][a-z0-9_]*)")


def _label(text: str, params: dict[str, dict[str, Any]]) -> str:
    """A label with each $name written as the parameter's value ("不少于 $drills_per_year 次" → "不少于 1 次")."""
    return _PARAM_IN_TEXT.sub(lambda m: str(params[m.group(1)]["value"]) if m.group(1) in params else m.group(0), text)


def _substitute(value: Any, params: dict[str, dict[str, Any]]) -> Any:
    """Replace "$name" argument values by parameter values, and $name inside labels by the value as text."""
    if isinstance(value, dict):
        return {key: _label(item, params) if key in ("label", "remedy") and isinstance(item, str) else _substitute(item, params)
                for key, item in value.items()}
    if isinstance(value, list):
        return [_substitute(item, params) for item in value]
    return param_value(value, params)


def _concepts(value: Any, lexicon: dict[str, list[str]]) -> Any:
    """Each "@name" term becomes a Concept: it reads as its name, and matches any of its variants."""
    if isinstance(value, dict):
        return {key: item if key in ("label", "within") else _concepts(item, lexicon) for key, item in value.items()}
    if isinstance(value, list):
        return [_concepts(item, lexicon) for item in value]
    if isinstance(value, str) and value.startswith("@") and value[1:] in lexicon:
        return Concept(value[1:], lexicon[value[1:]])
    return value


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _shipped(path: Path) -> bool:
    return path.parent == data_dir("standards") and path.name in SHIPPED.values()


def _parsed(path: Path) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """`_read_with_overlay(path)`, parsed once while the content of every file it reads stays the same."""
    cached = _PARSED.get(str(path))
    if cached is None or any(_sha256(file) != digest for file, digest in cached[0]):
        token = _READ.set([])
        try:
            data, changes = _read_with_overlay(path, validate=not _shipped(path))  # the shipped: see load_ruleset
            files = tuple(dict.fromkeys(_READ.get() or []))
        finally:
            _READ.reset(token)
        cached = _PARSED[str(path)] = (tuple((file, _sha256(file)) for file in files), data, changes)
    return copy.deepcopy(cached[1]), copy.deepcopy(cached[2])


def check_problems(data: dict[str, Any], path: str) -> list[Problem]:
    """Schema problems first; semantic lint only on a structurally valid rule set."""
    problems = schema_problems(data, ruleset_schema(), path)
    return problems or lint(data, path)


def load_ruleset(standard: str | Path = "township", *, overrides: dict[str, Any] | None = None) -> Ruleset:
    """Load, validate and prepare a rule set.

    `standard` is a shipped name (township / village / standardization), a rule-set YAML, or an
    overlay YAML with `extends:`. `overrides` sets parameters (the CLI's --set).
    """
    path = resolve_path(standard)
    data, changes = _parsed(path)
    if overrides:
        data, more = apply_overlay(data, {"params": overrides}, "--set")
        changes += more[1:]
    if overrides or not _shipped(path):  # the shipped rule sets are validated by the tests and `rules validate`
        problems = [problem for problem in check_problems(data, str(path)) if problem.severity == "error"]
        if problems:
            raise RulesetError("规则集有错误：\n" + "\n".join(problem.text() for problem in problems[:20]), str(path))
    params = data.get("params", {})
    lexicon = data.get("lexicon") or {}
    grading = Grading.from_data(data["grading"])
    rules = []
    for item in data["rules"]:
        item = _substitute(item, params)
        item["require"] = [_concepts(r, lexicon) for r in item["require"]]
        if item.get("applies_if"):
            item["applies_if"] = _concepts(item["applies_if"], lexicon)
        require = [Requirement.parse(r) for r in item["require"]]
        if item.get("section_required"):
            require.insert(0, Requirement.section(item["section_required"], item["within"]))
        rules.append(Rule(
            id=item["id"], title=item["title"], aspect=item["aspect"], key=item["key"], weight=float(item["weight"]),
            basis=item["basis"], require=require, remedy=item["remedy"].strip(),
            within=item.get("within"), applies_if=Requirement.parse(item["applies_if"]) if item.get("applies_if") else None,
            partial_at=item.get("partial_at", grading.partial_at), combine=item.get("combine", "share"), examples=item.get("examples", {}),
            gating=item["key"] and item["basis"]["kind"] in grading.gate_kinds,
            section_required=bool(item.get("section_required")) or any(r.primitive == "section" for r in require),
            evidence_files=tuple(item.get("evidence_files", ()))))
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()
    return Ruleset(
        id=data["id"], title=data["title"], version=str(data["version"]), applies_to=data["applies_to"],
        sources=data["sources"], aspects=data["aspects"], grading=grading, params=params, rules=rules,
        path=str(path), sha256=digest, description=data.get("description", ""), changes=changes,
        jurisdiction=data.get("jurisdiction") or {}, also_check=list(data.get("also_check") or []))


def validate_file(path: str | Path) -> list[Problem]:
    """Every problem in a rule-set or overlay file, for `plancheck rules validate`: schema, lint, then citations
    checked against the table of known clauses (standards/sources.yaml)."""
    path = Path(path)
    try:
        data, _ = _read_with_overlay(path, validate=True)
    except RulesetError as error:
        return [Problem(str(path), "", "", error.message, "error")]
    problems = check_problems(data, str(path))
    return problems or citation_problems(data, str(path))

