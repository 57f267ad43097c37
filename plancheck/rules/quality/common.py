"""Small helpers shared by the detectors."""

from __future__ import annotations

import re

from ...document.model import Block
from ..registry import Outcome
from ..scope import Evidence, Scope, normalized

SENTENCE = re.compile(r"[^。;!?\n]+[。;!?]?")


def problems(found: list[Evidence], missing: str = "") -> Outcome:
    """met when nothing was found; otherwise not_met with the problems as evidence."""
    return Outcome("not_met", found, [missing] if missing else []) if found else Outcome("met")


def sections(scope: Scope, titles: list[str]) -> list[Block]:
    """Blocks of every section whose heading contains one of `titles` (empty when none)."""
    wanted = [normalized(t) for t in titles]
    blocks: list[Block] = []
    for heading in scope.document.headings:
        if any(t in heading.norm for t in wanted):
            blocks.extend(b for b in scope.document.section(heading) if b not in blocks)
    return blocks
