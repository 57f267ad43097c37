"""plancheck: check Chinese grassroots emergency plans against local standards.

The public library face (see docs/api.md): `check`, `check_batch`, `load_document` (paths, bytes or
binary file objects with a name), `compare` (two drafts), waivers (`Waiver`, `check(..., waivers=...)`),
`Report.to_dict()` following `report_schema()`, and the error classes of `plancheck.errors`, each with a
Chinese message and a stable `code`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .version import __version__

if TYPE_CHECKING:
    from .api import Checked, check, check_document, load_document
    from .batch import check_batch
    from .comparing import Change, Comparison, compare
    from .document import Block, Document, Location, Notice, document_from_text
    from .errors import PlancheckError
    from .findings import Finding
    from .inputs import Upload
    from .result import SCHEMA_VERSION, Report, report_schema
    from .rules.ruleset import Rule, Ruleset, load_ruleset
    from .waivers import Waiver, WaiverSet

# Imported on first use, so `import plancheck` (and `plancheck --help`) stays fast: name → module.
_LAZY = {**dict.fromkeys(("Checked", "check", "check_document", "load_document"), ".api"),
         "check_batch": ".batch",
         **dict.fromkeys(("Change", "Comparison", "compare"), ".comparing"),
         **dict.fromkeys(("Block", "Document", "Location", "Notice", "document_from_text"), ".document"),
         "PlancheckError": ".errors", "Finding": ".findings", "Upload": ".inputs",
         **dict.fromkeys(("SCHEMA_VERSION", "Report", "report_schema"), ".result"),
         **dict.fromkeys(("Rule", "Ruleset", "load_ruleset"), ".rules.ruleset"),
         **dict.fromkeys(("Waiver", "WaiverSet"), ".waivers")}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'plancheck' has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


__all__ = ["SCHEMA_VERSION", "Block", "Change", "Checked", "Comparison", "Document", "Finding", "Location", "Notice",
           "PlancheckError", "Report", "Rule", "Ruleset", "Upload", "Waiver", "WaiverSet", "__version__", "check",
           "check_batch", "check_document", "compare", "document_from_text", "load_document", "load_ruleset",
           "report_schema"]
