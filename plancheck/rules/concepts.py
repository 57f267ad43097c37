"""Concepts from the rule data's lexicon: a term that reads as its name and matches any of its variants."""

from __future__ import annotations


class Concept(str):
    """A term written "@name" in a rule: it prints as `name` (in labels and 未找到 lists) and
    matches the name or any of the `variants` listed for it in standards/lexicon.yaml.

    >>> c = Concept("孕妇", ["孕产妇"]); str(c), c.variants
    ('孕妇', ('孕妇', '孕产妇'))
    """

    variants: tuple[str, ...]

    def __new__(cls, name: str, variants: list[str] | tuple[str, ...] = ()) -> Concept:
        concept = super().__new__(cls, name)
        concept.variants = tuple(dict.fromkeys([name, *variants]))
        return concept

    def __reduce__(self):
        return (Concept, (str(self), self.variants))


def variants(term: str) -> tuple[str, ...]:
    """The strings a term matches: a Concept's variants, or the literal term itself."""
    return getattr(term, "variants", (term,))
