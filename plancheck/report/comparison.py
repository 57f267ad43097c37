"""Render a comparison of two drafts: JSON from `Comparison.to_dict()`, html / md / txt from templates/compare.*.j2."""

from __future__ import annotations

import json

from ..comparing import Comparison
from .rendering import _escaped, environment



def render_comparison(comparison: Comparison, fmt: str) -> str:
    """The comparison as html, md, txt or json text; plan text escaped for the format."""
    data = comparison.to_dict()
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2)
    return environment(fmt == "html").get_template(f"compare.{fmt}.j2").render(c=_escaped(data, fmt))
