"""WordprocessingML names shared by the .docx reader and its numbering engine."""

from __future__ import annotations

from functools import lru_cache

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
V_NS = "urn:schemas-microsoft-com:vml"


@lru_cache(maxsize=None)  # a few dozen tag names, asked for on every element read
def w(tag: str) -> str:
    """Clark name of a w: element, e.g. w("p") → '{…/main}p'."""
    return f"{{{W_NS}}}{tag}"


def first_child(element, child: str):
    """The first w:`child` element directly below `element` (what `element.find` returns, without
    ElementPath's per-call cost), or None."""
    return next(element.iterchildren(w(child)), None)


def w_val(element, child: str, default: str | None = None) -> str | None:
    """The w:val attribute of `element/w:child`, or `default` when absent."""
    if element is None:
        return default
    found = first_child(element, child)
    if found is None:
        return default
    return found.get(w("val"), default)


def is_on(element, child: str) -> bool:
    """A WordprocessingML toggle (w:b, w:i …): present and not switched off."""
    found = first_child(element, child) if element is not None else None
    return found is not None and found.get(w("val"), "true") not in ("0", "false", "off")
