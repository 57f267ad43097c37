"""plancheck: check Chinese grassroots emergency plans against local standards."""

from .document import Block, Document, Location, Notice, load_document
from .errors import PlancheckError

__all__ = ["Block", "Document", "Location", "Notice", "PlancheckError", "load_document"]
