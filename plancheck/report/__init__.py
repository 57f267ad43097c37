"""Rendering reports from the templates/ folder."""

from .render import FORMATS, render, render_inspect

__all__ = ["FORMATS", "render", "render_inspect"]
