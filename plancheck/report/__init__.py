"""Rendering reports from the templates/ folder."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .formats import FORMATS

if TYPE_CHECKING:
    from .rendering import render, render_inspect, render_summary

__all__ = ["FORMATS", "render", "render_inspect", "render_summary"]


def __getattr__(name: str) -> Any:
    """The renderers (Jinja, docxtpl) are imported on first use, so the format table alone stays light."""
    if name not in __all__:
        raise AttributeError(f"module 'plancheck.report' has no attribute {name!r}")
    from . import rendering

    return getattr(rendering, name)
