"""Importing this module registers every check primitive in `registry.PRIMITIVES`."""

from . import counting, current, nested, quality, specific, structure  # noqa: F401
