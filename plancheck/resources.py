"""Locate the shipped `standards/` and `templates/` folders.

In an installed wheel they sit inside the package (`plancheck/standards`); in a
source checkout they are top-level folders beside `plancheck/`.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the folder `name` ("standards" or "templates").

    >>> data_dir("standards").joinpath("township.yaml").is_file()
    True
    """
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"plancheck data folder {name!r} is missing from the installation")
