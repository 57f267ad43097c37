"""Loading plan documents into the Document model."""

from .loader import load_document
from .model import Block, Document, Location, Notice

__all__ = ["Block", "Document", "Location", "Notice", "load_document"]
