"""Waivers: a reviewer's or the township's recorded decision that a finding is wrong or does not apply.

A waiver file (YAML, `standards/schema/waivers.schema.json`) lists entries with a rule id, an optional
quote, the verdict to record and who decided it, when and why. `apply_waivers` runs after evaluation and
before scoring: the findings it returns carry `waived` (the waiver and the original verdict), so the
score is recomputed from them and every report shows what was waived.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml

from .errors import WaiverError
from .findings import Finding, Verdict
from .resources import data_dir
from .safeyaml import MAX_YAML_BYTES, load_yaml_node, load_yaml_text

if TYPE_CHECKING:  # imported where a waiver file is validated
    import jsonschema

WaiverVerdict = Literal["not_applicable", "met", "false_positive"]
WAIVER_LABELS: dict[str, str] = {"not_applicable": "不适用", "met": "符合", "false_positive": "误报，按符合计"}
FIELD_LABELS = {"rule": "规则编号", "quote": "引文", "verdict": "豁免结论", "reason": "理由", "by": "豁免人",
                "date": "日期", "expires": "有效期至", "waivers": "豁免列表"}
SUFFIX = ".waivers.yaml"
WHAT = "豁免文件"


@dataclass(frozen=True)
class Waiver:
    """One entry of a waiver file; `entry` is its position there (from 1), `line` its line (0 if not from a file)."""

    rule: str
    verdict: WaiverVerdict
    reason: str
    by: str
    date: date
    quote: str = ""
    expires: date | None = None
    entry: int = 0
    line: int = 0

    @property
    def new_verdict(self) -> Verdict:
        """The verdict a waived finding gets: a false positive counts as met."""
        return "not_applicable" if self.verdict == "not_applicable" else "met"

    def matches(self, finding: Finding) -> bool:
        """Applies to `finding`: same rule, the quote (if any) in its evidence, and a verdict it would change
        (met and false_positive waive only gaps; not_applicable anything not already not applicable).

        >>> from types import SimpleNamespace as NS
        >>> w = Waiver("T-06", "false_positive", "工具误报", "李评审", date(2026, 11, 1), quote="每年")
        >>> f = NS(rule=NS(id="T-06"), verdict="not_met", is_gap=True, evidence=[NS(quote="每年组织一次演练")])
        >>> w.matches(f), w.matches(NS(rule=NS(id="T-06"), verdict="met", is_gap=False, evidence=f.evidence))
        (True, False)
        """
        if finding.rule.id != self.rule or (self.quote and not any(self.quote in e.quote for e in finding.evidence)):
            return False
        return finding.verdict != "not_applicable" if self.verdict == "not_applicable" else finding.is_gap

    def to_dict(self) -> dict[str, Any]:
        return {"entry": self.entry, "rule": self.rule, "quote": self.quote or None, "verdict": self.verdict,
                "verdict_label": WAIVER_LABELS[self.verdict], "reason": self.reason, "by": self.by,
                "date": self.date.isoformat(), "expires": self.expires.isoformat() if self.expires else None}


@dataclass(frozen=True)
class Waived:
    """How a finding was waived: the waiver, and the verdict the checks gave before it."""

    waiver: Waiver
    original: Verdict


@dataclass(frozen=True)
class WaiverSet:
    """The waivers of one check and where they came from (`automatic`: found beside the plan)."""

    waivers: tuple[Waiver, ...]
    source: str = ""
    automatic: bool = False


@dataclass(frozen=True)
class WaiverNotice:
    """A waiver that was not applied: `expired` (past `expires`) or `unmatched` (no finding it changes)."""

    code: Literal["expired", "unmatched"]
    waiver: Waiver

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, **self.waiver.to_dict()}


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    """The validator of standards/schema/waivers.schema.json, built once (jsonschema imported only then)."""
    import jsonschema

    schema = json.loads((data_dir("standards") / "schema" / "waivers.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


def beside(plan: str | Path) -> Path:
    """Where a plan's own waiver file would be: `<plan stem>.waivers.yaml` in its folder.

    >>> beside("材料/青林镇预案.docx").as_posix()
    '材料/青林镇预案.waivers.yaml'
    """
    plan = Path(plan)
    return plan.with_name(plan.stem + SUFFIX)


def load_waivers(spec: str | Path | Mapping[str, Any] | Sequence[Waiver] | WaiverSet, rule_ids: Collection[str], *,
                 automatic: bool = False) -> WaiverSet:
    """Waivers from a YAML file, its parsed data or Waiver objects, each rule id checked against `rule_ids`.

    >>> data = {"waivers": [{"rule": "T-28", "verdict": "not_applicable", "reason": "由区应急局另行审查",
    ...                      "by": "王科长", "date": "2026-11-20"}]}
    >>> load_waivers(data, {"T-28"}).waivers[0].new_verdict
    'not_applicable'
    >>> try:
    ...     load_waivers({"waivers": [{"rule": "T-28", "verdict": "ok"}]}, {"T-28"})
    ... except WaiverError as error:
    ...     print(error.message)
    豁免有误：第 1 条豁免（T-28）缺少“理由”“豁免人”“日期”；第 1 条豁免（T-28）的“豁免结论”应为 not_applicable（不适用）、met（符合）、false_positive（误报，按符合计）之一，而不是 'ok'
    """
    if isinstance(spec, WaiverSet):
        waivers, source, automatic = spec.waivers, spec.source, spec.automatic or automatic
    elif isinstance(spec, (str, Path)):
        waivers, source = _read(Path(spec)), str(spec)
    elif isinstance(spec, Mapping):
        waivers, source = _parse(spec, None, None), ""
    else:
        waivers, source = tuple(spec), ""
    unknown = [_unknown(w, rule_ids) for w in waivers if w.rule not in rule_ids]
    if unknown:
        raise _failure(unknown, source)
    return WaiverSet(waivers, source, automatic)


def _unknown(waiver: Waiver, rule_ids: Collection[str]) -> str:
    close = difflib.get_close_matches(waiver.rule, list(rule_ids), n=1)
    hint = f"（是不是 {close[0]}？）" if close else "（plancheck rules list 可列出全部规则）"
    return f"{_where(waiver.entry, waiver.line, waiver.rule)}的规则编号 {waiver.rule} 不在所用规则集中{hint}"


def _failure(problems: list[str], source: str) -> WaiverError:
    """One error for every problem found, naming the waiver file (a batch reports it under each plan)."""
    return WaiverError((f"豁免文件 {source}：" if source else "豁免有误：") + "；".join(problems))


def _read(path: Path) -> tuple[Waiver, ...]:
    if not path.exists():
        raise _failure(["找不到这个文件，请核对路径"], str(path))
    return _read_yaml(lambda: load_yaml_node(path, WHAT, WaiverError), lambda: path.read_text("utf-8"), str(path))


def read_waivers(data: bytes, name: str) -> WaiverSet:
    """An uploaded waiver file (its bytes and file name), validated; rule ids are checked when it is applied."""
    if len(data) > MAX_YAML_BYTES:
        raise _failure([f"文件过大：超过 {MAX_YAML_BYTES // (1024 * 1024)} MB"], name)
    return WaiverSet(_read_yaml(lambda: load_yaml_text(data.decode("utf-8"), name, WHAT, WaiverError),
                                lambda: data.decode("utf-8"), name), name)


def _read_yaml(load: Callable[[], tuple[Any, yaml.Node | None]], text: Callable[[], str], name: str) -> tuple[Waiver, ...]:
    """Parse with `load`, turning every YAML problem into a WaiverError naming the file and line."""
    try:
        data, node = load()
    except WaiverError as error:
        raise _failure([error.message], name) from None
    except UnicodeDecodeError as error:
        raise _failure(["应以 UTF-8 编码保存"], name) from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f"第 {mark.line + 1} 行" if mark else ""
        raise _failure([f"{line}不是有效的 YAML（{getattr(error, 'problem', None) or error}）"], name) from error
    except ValueError as error:  # a date YAML recognises but the calendar lacks (2026-02-30)
        where = _impossible_date(yaml.compose(text(), Loader=yaml.SafeLoader))
        raise _failure([f"{where}的日期不存在，请核对"], name) from error
    return _parse(data, node, name)


def _impossible_date(node: yaml.Node) -> str:
    """Where the first timestamp the calendar lacks stands: '第 n 行'."""
    stack = [node]
    while stack:
        current = stack.pop(0)
        if isinstance(current, yaml.ScalarNode) and current.tag == "tag:yaml.org,2002:timestamp":
            try:
                date.fromisoformat(current.value)
            except ValueError:
                return f"第 {current.start_mark.line + 1} 行"
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            stack.extend(value for _, value in current.value)
    return "文件中"


def _plain(value: Any) -> Any:
    """YAML reads 2026-11-20 as a date: back to text, so the schema sees what was written."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _parse(data: Any, node: yaml.Node | None, path: str | None) -> tuple[Waiver, ...]:
    """Validated Waiver objects, or one WaiverError listing every problem with its line and entry."""
    data = _plain(data)
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.path)))
    problems = list(dict.fromkeys(_message(error, data, node) for error in errors))  # `required` errs once per key
    waivers = []
    if not problems:
        for index, item in enumerate(data["waivers"], 1):
            where = _where(index, _line(node, ["waivers", index - 1]), item["rule"])
            try:
                dates = {key: date.fromisoformat(item[key]) for key in ("date", "expires") if key in item}
            except ValueError:
                problems.append(f"{where}的日期不存在（如 2 月 30 日），请核对")
                continue
            waivers.append(Waiver(item["rule"], item["verdict"], item["reason"].strip(), item["by"], dates["date"],
                                  item.get("quote", ""), dates.get("expires"), index, _line(node, ["waivers", index - 1])))
    if problems:
        raise _failure(problems, path or "")
    return tuple(waivers)


def _line(node: yaml.Node | None, path: Sequence[Any]) -> int:
    """The line (from 1) of the deepest node along `path` that exists; 0 without a node tree."""
    if node is None:
        return 0
    for step in path:
        if isinstance(node, yaml.MappingNode):
            child = next((value for key, value in node.value if key.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            child = node.value[step]
        else:
            child = None
        if child is None:
            break
        node = child
    return node.start_mark.line + 1


def _where(entry: int, line: int, rule: Any = None) -> str:
    at = f"第 {line} 行，" if line else ""
    named = f"（{rule}）" if isinstance(rule, str) and rule else ""
    return f"{at}第 {entry} 条豁免{named}" if entry else (f"第 {line} 行" if line else "文件")


def _message(error: jsonschema.ValidationError, data: Any, node: yaml.Node | None) -> str:
    """A schema error in Chinese, naming the line and the entry."""
    path = list(error.path)
    entry = path[1] + 1 if len(path) > 1 and path[0] == "waivers" and isinstance(path[1], int) else 0
    item = data["waivers"][entry - 1] if entry else None
    where = _where(entry, _line(node, path), item.get("rule") if isinstance(item, dict) else None)
    name = FIELD_LABELS.get(str(path[-1]), str(path[-1])) if path and not isinstance(path[-1], int) else ""
    if error.validator == "required":
        missing = [key for key in error.validator_value if key not in error.instance]
        return f"{where}缺少" + "".join(f"“{FIELD_LABELS[key]}”" for key in missing)
    if error.validator == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        extra = [key for key in error.instance if key not in known]
        hints = [f"“{key}”" + (f"（是不是 {close[0]}？）" if (close := difflib.get_close_matches(str(key), known, n=1)) else "")
                 for key in extra]
        return f"{where}有不认识的项：{'、'.join(hints)}；可用的项：{'、'.join(known)}"
    if error.validator == "enum":
        options = "、".join(f"{key}（{WAIVER_LABELS[key]}）" for key in error.validator_value)
        return f"{where}的“{name}”应为 {options}之一，而不是 {error.instance!r}"
    if error.validator == "pattern":
        return f"{where}的“{name}”应写成 2026-01-31 的形式，而不是 {error.instance!r}"
    if error.validator == "minLength":
        return f"{where}的“{name}”不能为空" + ("，请写明理由" if path[-1] == "reason" else "")
    if error.validator == "type" and not path:
        return "应以“waivers:”开头，下面逐条列出豁免"
    if error.validator == "type":
        kind = {"string": "文字", "array": "列表（每条以“- ”开头）", "object": "“键: 值”形式的一条豁免"}
        return f"{where}的“{name or '内容'}”应为{kind.get(str(error.validator_value), error.validator_value)}"
    return f"{where}：{error.message}"


def apply_waivers(findings: Sequence[Finding], waivers: WaiverSet | None,
                  as_of: date) -> tuple[list[Finding], list[WaiverNotice]]:
    """Findings with each matching, unexpired waiver applied (first matching entry wins), and notices for the
    waivers that were expired (not applied) or matched no finding. Scoring then reads the returned findings."""
    if not waivers:
        return list(findings), []
    notices = [WaiverNotice("expired", w) for w in waivers.waivers if w.expires and w.expires < as_of]
    active = [w for w in waivers.waivers if not (w.expires and w.expires < as_of)]
    result = []
    for finding in findings:
        waiver = next((w for w in active if w.matches(finding)), None)
        result.append(finding if waiver is None else
                      replace(finding, verdict=waiver.new_verdict, waived=Waived(waiver, finding.verdict)))
    notices += [WaiverNotice("unmatched", w) for w in active if not any(w.matches(f) for f in findings)]
    return result, sorted(notices, key=lambda n: n.waiver.entry)
