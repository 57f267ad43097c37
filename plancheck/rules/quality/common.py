"""Small helpers shared by the detectors."""

from __future__ import annotations

import re

from ...findings import Evidence, Outcome
from ...document.model import Block
from ..scope import Scope, headings_titled, sections_of

SENTENCE = re.compile(r"[^。;!?\n]+[。;!?]?")


def problems(found: list[Evidence], missing: str = "") -> Outcome:
    """met when nothing was found; otherwise not_met with the problems as evidence."""
    return Outcome("not_met", found, [missing] if missing else []) if found else Outcome("met")


def graded(found: list[tuple[Evidence, bool]], not_met_at: int = 1, many: int = 0) -> Outcome:
    """met when nothing was found; not_met when at least `not_met_at` problems were found and one of them
    is severe (the flag beside each), or when `many` (if given) were found whatever they are; otherwise
    partial (an unfinished entry, or one lapse in a worked plan).

    >>> e = Evidence("略。", None, "只写了“略”")
    >>> graded([]).level, graded([(e, False)]).level, graded([(e, True)]).level, graded([(e, True)], not_met_at=2).level
    ('met', 'partial', 'not_met', 'partial')
    """
    if not found:
        return Outcome("met")
    severe = any(flag for _, flag in found)
    bad = (severe and len(found) >= int(not_met_at)) or (int(many) > 0 and len(found) >= int(many))
    return Outcome("not_met" if bad else "partial", [e for e, _ in found])


def sections(scope: Scope, titles: list[str]) -> list[Block]:
    """Blocks of every section whose heading contains one of `titles` (empty when none)."""
    return sections_of(scope.document, headings_titled(scope.document, titles))


def nothing_to_check(reason: str) -> Outcome:
    """Not applicable: there is nothing to examine, and `reason` says so (never a free 符合)."""
    return Outcome("not_applicable", missing=[reason])
