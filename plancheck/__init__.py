"""plancheck: check Chinese grassroots emergency plans against local standards."""

__version__ = "0.1.0"

from .api import check, check_document  # noqa: E402
from .document import (  # noqa: E402
           Block,
           Document,
           Location,
           Notice,
           document_from_text,
           load_document,
)
from .errors import PlancheckError  # noqa: E402
from .result import Finding, Report  # noqa: E402
from .rules.ruleset import Rule, Ruleset, load_ruleset  # noqa: E402

__all__ = ["Block", "Document", "Finding", "Location", "Notice", "PlancheckError", "Report", "Rule", "Ruleset",
           "__version__", "check", "check_document", "document_from_text", "load_document", "load_ruleset"]
