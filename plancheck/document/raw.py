"""What a format reader hands to the outline builder: blocks before heading detection."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass
class RawBlock:
    """A paragraph, table or figure as read, with the hints a reader could see.

    `style_level` is a Word heading style or outline level (1-based); `auto_number`
    is a number that exists only through Word automatic numbering. `row_pages` is each table row's page
    where the reader knows it (a PDF table goes on over pages).
    """

    kind: Literal["paragraph", "table", "figure"]
    text: str = ""
    page: int | None = None
    paragraph: int | None = None
    style_level: int | None = None
    auto_number: str = ""
    bold: bool = False
    toc: bool = False
    rows: list[list[str]] = field(default_factory=list)
    row_pages: list[int] = field(default_factory=list)
