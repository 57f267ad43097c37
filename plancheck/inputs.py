"""Inputs given as bytes or binary file objects (uploads), read as if they were files of the name given.

The readers work on files, so the content is written into a private temporary folder (created
readable by its owner only, removed when the check is done) under the caller's file name; every
name plancheck reports afterwards (`Document.source`, `Location.file`, a bundle's unreadable parts)
is the caller's name, never the temporary path.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, Union

from .document import Document
from .document.loader import DEFAULT_MAX_BYTES
from .errors import FileTooLargeError

__all__ = ["Upload", "Source", "as_upload", "materialized", "renamed"]


@dataclass(frozen=True)
class Upload:
    """A file's content and the name to report it by (e.g. the name the user uploaded it under).

    >>> Upload("预案.docx", b"...").name
    '预案.docx'
    """

    name: str
    data: bytes


Source = Union[str, Path, Upload, bytes, bytearray, memoryview, BinaryIO]
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


def _is_binary_file(source: object) -> bool:
    return hasattr(source, "read") and not isinstance(source, (str, Path))


def as_upload(source: Source, name: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Upload | None:
    """An `Upload` for bytes, a binary file object or an Upload; None for a path (read where it is).

    >>> import io
    >>> as_upload(io.BytesIO(b"abc"), name="a.txt")
    Upload(name='a.txt', data=b'abc')
    >>> as_upload("plan.docx") is None
    True
    """
    if isinstance(source, Upload):
        upload = source
    elif isinstance(source, (bytes, bytearray, memoryview)) or _is_binary_file(source):
        if not name:
            raise TypeError("reading bytes or a file object needs name= (the file name to report, e.g. '预案.docx')")
        if isinstance(source, (bytes, bytearray, memoryview)):
            data = bytes(source)
        else:
            data = source.read(max_bytes + 1)  # type: ignore[union-attr]
            if not isinstance(data, bytes):
                raise TypeError("the file object must be opened in binary mode ('rb')")
        upload = Upload(name, data)
    else:
        return None
    if len(upload.data) > max_bytes:
        raise FileTooLargeError(f"文件过大：超过上限 {max_bytes // (1024 * 1024)} MB", upload.name)
    return upload


def safe_name(name: str) -> str:
    """The last part of a caller's file name, usable as a file name on any system.

    >>> safe_name("材料/预案.docx"), safe_name("..\\\\..\\\\a<b>.txt"), safe_name("")
    ('预案.docx', 'a_b_.txt', 'upload')
    """
    base = re.split(r"[/\\]", name)[-1]
    base = _UNSAFE.sub("_", base).strip(" .")
    return base[:200] or "upload"


@contextmanager
def materialized(sources: Sequence[Source], name: str | None = None, *,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[tuple[list[str | Path], dict[str, str]]]:
    """The sources as paths to read, and the names to report for the temporary ones.

    Paths are passed through unchanged; uploads are written into a private temporary folder
    (one subfolder each, so equal names do not collide) that is removed on exit.
    """
    uploads = [as_upload(source, name, max_bytes=max_bytes) for source in sources]
    if not any(uploads):
        yield [source for source in sources], {}  # type: ignore[misc]
        return
    with tempfile.TemporaryDirectory(prefix="plancheck-upload-") as folder:  # mkdtemp: mode 0700
        paths: list[str | Path] = []
        names: dict[str, str] = {}
        for index, (source, upload) in enumerate(zip(sources, uploads)):
            if upload is None:
                paths.append(source)  # type: ignore[arg-type]
                continue
            target = Path(folder) / str(index) / safe_name(upload.name)
            target.parent.mkdir()
            target.write_bytes(upload.data)
            paths.append(target)
            names[str(target)] = upload.name
        yield paths, names


def renamed(document: Document, names: Mapping[str, str]) -> Document:
    """The document with every temporary path replaced by the caller's name."""
    if not names:
        return document

    def name(value: str | None) -> str | None:
        return names.get(value, value) if value is not None else None

    blocks = [block if block.location.file not in names else
              replace(block, location=replace(block.location, file=name(block.location.file)))
              for block in document.blocks]
    return replace(document, source=name(document.source) or document.source, blocks=blocks,
                   parts=[renamed(part, names) for part in document.parts],
                   unreadable_parts=[{**item, "path": name(item.get("path")) or ""} for item in document.unreadable_parts])
