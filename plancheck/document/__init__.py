"""Loading plan documents into the Document model."""

from .loader import document_from_text, load_document
from .model import Block, Document, Location, Notice

__all__ = ["Block", "Document", "Location", "Notice", "document_from_text", "load_document"]
