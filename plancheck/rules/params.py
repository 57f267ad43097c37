"""Rule-set parameters checked against their declared type and range before they reach a rule.

A parameter entry may declare `type` (integer / number / string / boolean / list), `minimum` and
`maximum`; without `type`, the type of its default value is used (and integers must not be negative).
"""

from __future__ import annotations

from typing import Any

from ..errors import ParameterError

_NAMES = {"integer": "整数", "number": "数", "string": "文字", "boolean": "是/否（true 或 false）", "list": "列表（如 [甲, 乙]）"}


def declared_type(spec: dict[str, Any]) -> str:
    """The declared type of a parameter, or the type of its default value."""
    if spec.get("type"):
        return str(spec["type"])
    value = spec.get("value")
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, list):
        return "list"
    return "string"


def _range(spec: dict[str, Any], kind: str) -> tuple[float | None, float | None]:
    low = spec.get("minimum", 0 if kind == "integer" and "type" not in spec else None)
    return low, spec.get("maximum")


def validate_param(name: str, spec: dict[str, Any], value: Any, origin: str | None = None) -> Any:
    """`value` converted to the declared type of parameter `name`, or ParameterError with a Chinese message.

    >>> spec = {"value": 1, "type": "integer", "minimum": 0, "maximum": 365}
    >>> validate_param("drills_per_year", spec, 2), validate_param("drills_per_year", spec, 3.0)
    (2, 3)
    >>> validate_param("drills_per_year", spec, "abc")
    Traceback (most recent call last):
    plancheck.errors.ParameterError: 参数 drills_per_year 的值应为整数，而不是 'abc'
    >>> validate_param("plan_max_age_years", {"value": 3, "type": "integer", "minimum": 1, "maximum": 100}, 5000)
    Traceback (most recent call last):
    plancheck.errors.ParameterError: 参数 plan_max_age_years 的值应在 1 至 100 之间，而不是 5000
    """
    kind = declared_type(spec)
    wrong = ParameterError(f"参数 {name} 的值应为{_NAMES.get(kind, kind)}，而不是 {value!r}"[:200], origin)
    if kind in ("integer", "number"):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or value in (float("inf"), float("-inf")):
            raise wrong
        if kind == "integer":
            if isinstance(value, float) and not value.is_integer():
                raise wrong
            value = int(value)
        low, high = _range(spec, kind)
        if (low is not None and value < low) or (high is not None and value > high):
            bounds = (f"在 {low:g} 至 {high:g} 之间" if low is not None and high is not None
                      else f"不小于 {low:g}" if low is not None else f"不大于 {high:g}")
            raise ParameterError(f"参数 {name} 的值应{bounds}，而不是 {value!r}", origin)
        return value
    if kind == "boolean":
        if not isinstance(value, bool):
            raise wrong
        return value
    if kind == "list":
        if not isinstance(value, list) or not all(isinstance(item, (str, int, float)) and not isinstance(item, bool)
                                                   for item in value):
            raise wrong
        return [str(item) for item in value]
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise wrong
    return str(value)
