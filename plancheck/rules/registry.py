"""The registry of check primitives: what each is called, what options it takes, and what it reads.

A primitive declares its options as JSON Schema fragments with Chinese descriptions (built with
`terms`, `count`, `text`, `regex`, `ratio`) and whether it reads its rule's scope (`reads="scope"`)
or always the whole document (`reads="document"`). Lint, the rule-set JSON Schema that editors use,
and the rule authors' handbook (docs/rules/primitives.md) all come from these declarations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from ..findings import Level, Outcome
from .scope import Scope

Reads = Literal["scope", "document"]
# Whether a primitive can judge a requirement 基本符合 (partial): always, never, or depending on its options.
Graded = bool | Callable[[dict[str, Any]], bool]
PARAM_REFERENCE = {"type": "string", "pattern": "^\\$[a-z_][a-z0-9_]*$", "description": "规则集参数，如 $drills_per_year"}


def terms(description: str) -> dict[str, Any]:
    """A non-empty list of words or phrases."""
    return {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}, "description": description}


def count(description: str) -> dict[str, Any]:
    """A whole number, zero or more."""
    return {"type": "integer", "minimum": 0, "description": description}


def ratio(description: str) -> dict[str, Any]:
    """A non-negative number (a density or share)."""
    return {"type": "number", "minimum": 0, "description": description}


def flag(description: str) -> dict[str, Any]:
    """Yes or no."""
    return {"type": "boolean", "description": description}


def text(description: str) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "description": description}


def regex(description: str) -> dict[str, Any]:
    """A regular expression over normalised text (half-width punctuation, Simplified characters)."""
    return {"type": "string", "minLength": 1, "format": "regex", "description": description}


@dataclass(frozen=True)
class Primitive:
    name: str
    function: Callable[..., Outcome]
    summary: str
    options: dict[str, dict[str, Any]]
    required: tuple[str, ...]
    one_of: tuple[tuple[str, ...], ...]
    reads: Reads
    partial: Graded = True

    def can_be_partial(self, arguments: dict[str, Any]) -> bool:
        """Whether a requirement with these (substituted) options can be judged partial."""
        return self.partial(arguments) if callable(self.partial) else self.partial

    @property
    def schema(self) -> dict[str, Any]:
        """JSON Schema of the option values after parameters are substituted (what lint validates)."""
        schema: dict[str, Any] = {"type": "object", "properties": self.options, "additionalProperties": False}
        if self.required:
            schema["required"] = list(self.required)
        if self.one_of:
            schema["oneOf"] = [{"required": list(keys)} for keys in self.one_of]
        return schema

    @property
    def authoring_schema(self) -> dict[str, Any]:
        """The same, as a rule author writes it: any option may also be a $parameter reference."""
        options = {name: {"anyOf": [option, PARAM_REFERENCE], "description": option["description"]}
                   for name, option in self.options.items()}
        schema = self.schema | {"properties": options, "description": self.summary}
        return schema


PRIMITIVES: dict[str, Primitive] = {}


def primitives() -> dict[str, Primitive]:
    """Every registered primitive (importing the modules that define them on first use)."""
    from . import primitives as _modules  # noqa: F401  (registers; a function-level import keeps the module graph acyclic)

    return PRIMITIVES


def primitive(name: str, summary: str, *, options: dict[str, dict[str, Any]], required: tuple[str, ...] = (),
              one_of: tuple[tuple[str, ...], ...] = (), reads: Reads = "scope", partial: Graded = True
              ) -> Callable[[Callable[..., Outcome]], Callable[..., Outcome]]:
    """Register a check primitive under `name`, with its declared options, what it reads and whether it
    can return partial (`partial`: False for a yes-or-no check, or a function of the options)."""
    def register(function: Callable[..., Outcome]) -> Callable[..., Outcome]:
        PRIMITIVES[name] = Primitive(name, function, summary, options, tuple(required), tuple(map(tuple, one_of)), reads,
                                     partial)
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


def counted(option: str) -> Callable[[dict[str, Any]], bool]:
    """`partial` of a primitive judged by `level_from_count` against its option `option` (default 1):
    partial is possible only when two or more are needed.

    >>> counted("at_least")({"at_least": 2}), counted("at_least")({})
    (True, False)
    """
    return lambda arguments: int(arguments.get(option, 1)) >= 2


def run(name: str, scope: Scope, arguments: dict[str, Any]) -> Outcome:
    return primitives()[name].function(scope, **arguments)
