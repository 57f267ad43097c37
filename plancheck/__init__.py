"""plancheck: check Chinese grassroots emergency plans against local standards.

The public library face (see docs/api.md): `check`, `check_batch`, `load_document` (paths, bytes or
binary file objects with a name), `compare` (two drafts), waivers (`Waiver`, `check(..., waivers=...)`), `Report.to_dict()` following `report_schema()`, and the error
classes of `plancheck.errors`, each with a Chinese message and a stable `code`.
"""

from .api import Checked, check, check_document, load_document
from .batch import check_batch
from .compare import Change, Comparison, compare
from .document import (
           Block,
           Document,
           Location,
           Notice,
           document_from_text,
)
from .errors import PlancheckError
from .findings import Finding
from .inputs import Upload
from .result import SCHEMA_VERSION, Report, report_schema
from .rules.ruleset import Rule, Ruleset, load_ruleset
from .version import __version__
from .waivers import Waiver, WaiverSet

__all__ = ["SCHEMA_VERSION", "Block", "Change", "Checked", "Comparison", "Document", "Finding", "Location", "Notice",
           "PlancheckError", "Report", "Rule", "Ruleset", "Upload", "Waiver", "WaiverSet", "__version__", "check",
           "check_batch", "check_document", "compare", "document_from_text", "load_document", "load_ruleset",
           "report_schema"]
