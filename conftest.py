"""Make `scope_of` available to the doctests that document each check primitive."""

from datetime import date

import pytest

from plancheck.document import document_from_text
from plancheck.rules.scope import Scope, resolve


def scope_of(text: str, as_of: str | None = None) -> Scope:
    """The whole-document scope of a small plan given as text."""
    return resolve(document_from_text(text), None, date.fromisoformat(as_of) if as_of else None)


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace: dict) -> None:
    doctest_namespace["scope_of"] = scope_of
