"""Evidence bundles: a township's folder (or zip, or list) of warnings, rosters, ledgers, records and plans.

The files are read one by one and joined into one Document whose top-level (level 0) headings
are the files, so every rule looks across the whole bundle and every quote names its file.
A file that cannot be read is listed in the report, and the bundle is never a clean pass.
"""

from __future__ import annotations

import hashlib
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path, PurePosixPath

from .document import Block, Document, Location, load_document
from .document.loader import SUFFIX_FORMAT
from .document.normalize import for_matching
from .document.safezip import check_zip
from .errors import PlancheckError, UnsupportedFormatError

UTF8_NAMES = 0x800


def _member_name(info: zipfile.ZipInfo) -> str:
    """Zip entry names written by Chinese Windows tools are GBK without the UTF-8 flag."""
    if info.flag_bits & UTF8_NAMES:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _extract(archive_path: Path, target: Path) -> None:
    check_zip(str(archive_path))
    with zipfile.ZipFile(archive_path) as archive:
        for info in archive.infolist():
            name = PurePosixPath(_member_name(info).replace("\\", "/"))
            if info.is_dir() or name.is_absolute() or ".." in name.parts:
                continue
            destination = target.joinpath(*name.parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(archive.read(info))


def _files(paths: Iterable[str | Path], workdir: Path) -> list[tuple[Path, str]]:
    """(real path, name to show) for every file of the bundle, in a stable order."""
    found: list[tuple[Path, str]] = []
    for given in map(Path, paths):
        if given.is_dir():
            found += [(p, str(p.relative_to(given.parent))) for p in sorted(given.rglob("*")) if p.is_file()
                      and not p.name.startswith((".", "~$"))]
        elif given.is_file() and zipfile.is_zipfile(given) and given.suffix.lower() == ".zip":
            target = workdir / given.stem
            _extract(given, target)
            found += [(p, f"{given.name}/{p.relative_to(target)}") for p in sorted(target.rglob("*")) if p.is_file()]
        elif given.exists():
            found.append((given, str(given)))
        else:
            raise PlancheckError("找不到文件或文件夹，请检查路径是否正确", str(given))
    return found


def _renamed(document: Document, shown: str) -> Document:
    blocks = [replace(b, location=replace(b.location, file=shown)) for b in document.blocks]
    return replace(document, source=shown, blocks=blocks)


def merge(parts: list[Document], name: str, unreadable: list[dict[str, str]]) -> Document:
    """One Document over all parts: each part opens with a level-0 heading carrying its file name."""
    blocks: list[Block] = []
    for part in parts:
        stem = Path(part.source).stem
        blocks.append(Block("heading", stem, for_matching(stem), Location(len(blocks) + 1, file=part.source), 0, "", stem))
        for block in part.blocks:
            blocks.append(replace(block, location=replace(block.location, block=len(blocks) + 1)))
    digest = hashlib.sha256("".join(p.sha256 for p in parts).encode()).hexdigest()
    return Document(source=name, format="bundle", sha256=digest, blocks=blocks, title=name, parts=parts,
                    unreadable_parts=unreadable)


def load_bundle(paths: Iterable[str | Path]) -> Document:
    """Read every file of a bundle into one Document; files that fail are listed in its `unreadable_parts`
    with their Chinese reason."""
    paths = list(paths)
    parts: list[Document] = []
    unreadable: list[dict[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="plancheck-bundle-") as workdir:
        for path, shown in _files(paths, Path(workdir)):
            if path.suffix.lower() not in SUFFIX_FORMAT:
                unreadable.append({"path": shown, "message": f"不是可检查的文件类型（{path.suffix or '无扩展名'}），已跳过"})
                continue
            try:
                parts.append(_renamed(load_document(path), shown))
            except PlancheckError as error:
                unreadable.append({"path": shown, "message": error.message})
    if not parts and not unreadable:
        raise UnsupportedFormatError("材料包中没有找到任何文件", ", ".join(map(str, paths)))
    name = Path(paths[0]).name if len(paths) == 1 else "材料包"
    return merge(parts, name, unreadable)

