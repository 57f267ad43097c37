"""Rule sets, check primitives and evaluation."""

from . import quality, structure  # noqa: F401  (importing registers the check primitives)
