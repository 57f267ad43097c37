"""Content-quality detectors (Q-1 … Q-8): what reviewers flag beyond mere presence.

Each detector is a check primitive that is met when it finds nothing wrong; otherwise its
evidence lists every problem with a quote, a location and a note saying what is wrong.
"""

from . import contacts, copied, crossref, dated, groups, hollow, residue, superseded, vague  # noqa: F401  (register primitives)
