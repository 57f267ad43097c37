"""plancheck: check Chinese grassroots emergency plans against local standards."""

from .api import check, check_batch, check_document
from .document import (
           Block,
           Document,
           Location,
           Notice,
           document_from_text,
           load_document,
)
from .errors import PlancheckError
from .findings import Finding
from .result import Report
from .rules.ruleset import Rule, Ruleset, load_ruleset
from .version import __version__

__all__ = ["Block", "Document", "Finding", "Location", "Notice", "PlancheckError", "Report", "Rule", "Ruleset",
           "__version__", "check", "check_batch", "check_document", "document_from_text", "load_document", "load_ruleset"]
