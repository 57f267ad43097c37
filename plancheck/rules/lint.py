"""Lint rule sets the way Semgrep lints its own rules: every problem names file, rule and key."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..resources import data_dir
from ..scoring import DEFAULT_GATE_KINDS
from .registry import primitives

if TYPE_CHECKING:  # jsonschema is imported where a rule set is validated: checking with a shipped one needs none
    import jsonschema


@dataclass(frozen=True)
class Problem:
    file: str
    rule: str
    key: str
    message: str
    severity: str = "error"

    def text(self) -> str:
        where = "，".join(part for part in (f"规则 {self.rule}" if self.rule else "", f"键 {self.key}" if self.key else "") if part)
        level = "错误" if self.severity == "error" else "提示"
        return f"[{level}] {self.file}{('：' + where) if where else ''}：{self.message}"


def _path(error: jsonschema.ValidationError) -> str:
    """The key an error is at, inside its rule when it is in one: require[0].phrases.any_of.

    >>> from jsonschema import ValidationError
    >>> _path(ValidationError("x", path=["rules", 3, "require", 0, "phrases"]))
    'require[0].phrases'
    """
    parts = list(error.absolute_path)
    if len(parts) >= 2 and parts[0] == "rules" and isinstance(parts[1], int):
        parts = parts[2:]
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f"{'.' if text else ''}{part}"
    return text


def _chinese(error: jsonschema.ValidationError) -> str:
    """A Chinese reading of the commonest schema errors."""
    if error.validator == "anyOf" and error.context:  # a value or a $parameter: explain the value's own error
        return _chinese(min(error.context, key=lambda e: e.relative_schema_path[0]))
    validator, value = error.validator, error.validator_value
    if validator == "oneOf" and all("required" in option for option in value):
        return "参数应为以下之一：" + " / ".join("+".join(option["required"]) for option in value)
    if validator == "required":
        missing = [name for name in value if isinstance(error.instance, dict) and name not in error.instance]
        return f"缺少必填项：{'、'.join(missing)}"
    if validator == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(known))
        return "未知的键：" + "、".join(f"{key}{_suggestion(key, known)}" for key in extra)
    if validator == "minLength":
        return "不能为空"
    if validator == "minItems":
        return "列表不能为空" if value == 1 else f"列表至少需要 {value} 项"
    if validator == "enum":
        return f"取值 {error.instance!r} 无效，应为：{' / '.join(map(str, value))}"
    if validator == "type":
        return f"类型不对：{error.instance!r} 应为 {value}"
    if validator == "pattern":
        return f"格式不对：{error.instance!r} 不符合 {value}"
    if validator in ("minimum", "exclusiveMinimum", "maximum"):
        return f"数值超出范围：{error.instance!r}"
    return error.message


def _suggestion(key: str, known: list[str]) -> str:
    """'（是不是 weights？）' when a known key is close to the unknown one.

    >>> _suggestion("wieghts", ["params", "weights", "disable"]), _suggestion("zzz", ["params"])
    ('（是不是 weights？）', '')
    """
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return f"（是不是 {close[0]}？）" if close else ""


@lru_cache(maxsize=1)
def _overlay_schema() -> dict[str, Any]:
    return json.loads((data_dir("standards") / "schema" / "overlay.schema.json").read_text("utf-8"))


def overlay_problems(data: dict[str, Any], file: str) -> list[Problem]:
    """Problems of an overlay file (extends / title / version / params / weights / disable)."""
    return schema_problems(data, _overlay_schema(), file)


def _rule_id(data: dict[str, Any], error: jsonschema.ValidationError) -> str:
    parts = list(error.absolute_path)
    if len(parts) >= 2 and parts[0] == "rules" and isinstance(parts[1], int):
        rules = data.get("rules") or []
        if parts[1] < len(rules) and isinstance(rules[parts[1]], dict):
            return str(rules[parts[1]].get("id", f"#{parts[1] + 1}"))
    return ""


def schema_problems(data: dict[str, Any], schema: dict[str, Any], file: str) -> list[Problem]:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema)
    return [Problem(file, _rule_id(data, error), _path(error), _chinese(error))
            for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))]


def _requirements(rule: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for index, requirement in enumerate(rule.get("require", [])):
        yield f"require[{index}]", requirement
    if rule.get("applies_if"):
        yield "applies_if", rule["applies_if"]


def param_value(value: Any, params: dict[str, Any]) -> Any:
    """The parameter a "$name" argument refers to, or the argument itself.

    >>> param_value("$drills", {"drills": {"value": 2}}), param_value("每年", {})
    (2, '每年')
    """
    if isinstance(value, str) and value.startswith("$") and value[1:] in params:
        return params[value[1:]]["value"]
    return value


def _check_requirement(rule_id: str, key: str, requirement: dict[str, Any], params: dict[str, Any], file: str) -> Iterator[Problem]:
    names = [name for name in requirement if name not in ("label", "within")]
    if len(names) != 1:
        yield Problem(file, rule_id, key, f"每项检查必须恰好使用一种检查方法，现在是：{'、'.join(names) or '无'}")
        return
    name = names[0]
    primitive = primitives()[name]  # the schema has already rejected unknown primitives
    arguments = requirement[name] or {}
    for value in arguments.values():
        if isinstance(value, str) and value.startswith("$") and value[1:] not in params:
            yield Problem(file, rule_id, f"{key}.{name}", f"引用了未定义的参数 {value}")
    concrete = {key: param_value(value, params) for key, value in arguments.items()}
    if requirement.get("within") and primitive.reads == "document":
        yield Problem(file, rule_id, f"{key}.within", f"检查方法“{name}”总是查看全文，不能用 within 限定范围")
    from jsonschema import Draft202012Validator

    for error in Draft202012Validator(primitive.schema).iter_errors(concrete):
        yield Problem(file, rule_id, f"{key}.{name}{('.' + _path(error)) if _path(error) else ''}", _chinese(error))
    regex = arguments.get("regex")
    if isinstance(regex, str):
        try:
            re.compile(regex)
        except re.error as error:
            yield Problem(file, rule_id, f"{key}.{name}.regex", f"正则表达式无法编译：{error}")
        if "\\b" in regex:
            yield Problem(file, rule_id, f"{key}.{name}.regex", "中文文本中没有单词边界，不要使用 \\b", "warning")


def lint(data: dict[str, Any], file: str) -> list[Problem]:
    """Semantic problems of a schema-valid rule set."""
    problems: list[Problem] = []
    aspects = {aspect["id"] for aspect in data["aspects"]}
    params = data.get("params", {})
    lexicon = data.get("lexicon") or {}
    gate_kinds = data["grading"].get("gate_kinds", DEFAULT_GATE_KINDS)
    seen: set[str] = set()
    for rule in data["rules"]:
        rule_id = rule["id"]
        if rule_id in seen:
            problems.append(Problem(file, rule_id, "id", "规则编号重复"))
        seen.add(rule_id)
        if rule["aspect"] not in aspects:
            problems.append(Problem(file, rule_id, "aspect", f"未声明的方面“{rule['aspect']}”，已声明：{'、'.join(sorted(aspects))}"))
        if rule["key"] and rule["basis"]["kind"] not in gate_kinds:
            problems.append(Problem(file, rule_id, "key", f"依据可信度为 {rule['basis']['kind']}（推定或外地做法），"
                                                          "不能单独决定预案不通过：请改为 key: false"))
        if rule.get("section_required") and not rule.get("within"):
            problems.append(Problem(file, rule_id, "section_required", "section_required 需要同时写 within（章节标题字样）"))
        for key, requirement in _requirements(rule):
            problems.extend(_check_requirement(rule_id, key, requirement, params, file))
            for name in _concept_names(requirement):
                if name not in lexicon:
                    close = difflib.get_close_matches(name, list(lexicon), n=1, cutoff=0.5)
                    hint = f"（是不是 @{close[0]}？）" if close else "（请在 standards/lexicon.yaml 中添加，或用 include 引用 lexicon.yaml）"
                    problems.append(Problem(file, rule_id, key, f"引用了词表中没有的概念 @{name}{hint}"))
    return problems


def _concept_names(value: Any) -> Iterator[str]:
    """Every "@name" term used in a requirement's arguments."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in ("label", "within"):
                yield from _concept_names(item)
    elif isinstance(value, list):
        for item in value:
            yield from _concept_names(item)
    elif isinstance(value, str) and value.startswith("@") and len(value) > 1:
        yield value[1:]
