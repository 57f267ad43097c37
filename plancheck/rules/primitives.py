"""Importing this module registers every check primitive in `registry.PRIMITIVES`."""

from . import counting, nested, quality, structure  # noqa: F401
