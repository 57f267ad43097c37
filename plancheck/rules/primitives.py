"""Importing this module registers every check primitive in `registry.PRIMITIVES`."""

from . import counting, current, nested, quality, structure  # noqa: F401
