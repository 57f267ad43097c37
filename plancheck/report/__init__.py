"""Rendering reports from the templates/ folder."""

from .render import FORMATS, render, render_inspect, render_summary

__all__ = ["FORMATS", "render", "render_inspect", "render_summary"]
