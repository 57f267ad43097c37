"""The registry of check primitives and what each returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from .scope import Evidence, Scope

Level = Literal["met", "partial", "not_met", "not_applicable"]


@dataclass
class Outcome:
    """What one primitive found: its level, supporting or problem evidence, what was missing.

    `not_applicable` means there was nothing to examine (no contact list for the phone check);
    `missing` then holds the reason, in Chinese, and the check earns no points.
    """

    level: Level
    evidence: list[Evidence] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Primitive:
    name: str
    function: Callable[..., Outcome]
    schema: dict[str, Any]
    summary: str


PRIMITIVES: dict[str, Primitive] = {}


def primitive(name: str, summary: str, properties: dict[str, Any], required: list[str] | None = None,
              one_of: list[list[str]] | None = None) -> Callable[[Callable[..., Outcome]], Callable[..., Outcome]]:
    """Register a check primitive under `name` with a JSON Schema for its arguments."""
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    if one_of:
        schema["oneOf"] = [{"required": keys} for keys in one_of]

    def register(function: Callable[..., Outcome]) -> Callable[..., Outcome]:
        PRIMITIVES[name] = Primitive(name, function, schema, summary)
        return function

    return register


def level_from_count(found: int, needed: int) -> Level:
    """met when `found` reaches `needed`, partial when something but not enough was found.

    >>> level_from_count(2, 2), level_from_count(1, 2), level_from_count(0, 2)
    ('met', 'partial', 'not_met')
    """
    if found >= needed:
        return "met"
    return "partial" if found > 0 else "not_met"


def run(name: str, scope: Scope, arguments: dict[str, Any]) -> Outcome:
    return PRIMITIVES[name].function(scope, **arguments)


TERMS = {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}
COUNT = {"type": ["integer", "string"]}
