"""Evidence bundles: a township's folder (or zip, or list) of warnings, rosters, ledgers, records and plans.

The files are read one by one and joined into one Document whose top-level (level 0) headings
are the files, so every rule looks across the whole bundle and every quote names its file.
Besides plans' formats a bundle holds Excel workbooks (each sheet a table) and photos (evidence by
file name and date). A file that cannot be read is listed in the report, blocks the elements its
name bears on (see rules.evaluate.bears_on), and the bundle is never a clean pass.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path, PurePosixPath

from .document import Block, Document, Location, Notice, load_document
from .document.loader import MATERIAL_SUFFIX_FORMAT, SUFFIX_FORMAT
from .document.normalize import for_matching
from .document.safezip import extract_all
from .errors import PlancheckError, UnsupportedFormatError
from .outputs import is_own_report, log_internal_error

UTF8_NAMES = 0x800


def _member_name(info: zipfile.ZipInfo) -> str:
    """Zip entry names written by Chinese Windows tools are GBK without the UTF-8 flag."""
    if info.flag_bits & UTF8_NAMES:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _folder_files(folder: Path) -> tuple[list[tuple[Path, str]], list[dict[str, str]]]:
    """Files of a folder, not following symlinks out of it; links that leave it are listed as skipped."""
    found: list[tuple[Path, str]] = []
    skipped: list[dict[str, str]] = []
    root = folder.resolve()
    for directory, subfolders, files in os.walk(folder, followlinks=False):
        subfolders.sort()
        for name in sorted(files + [d for d in subfolders if (Path(directory) / d).is_symlink()]):
            path = Path(directory) / name
            shown = str(path.relative_to(folder.parent))
            if name.startswith((".", "~$")):
                continue
            if path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                    target.relative_to(root)
                except (OSError, ValueError, RuntimeError):
                    skipped.append({"path": shown, "message": "符号链接指向材料文件夹以外（或已失效），已跳过，未检查"})
                    continue
                if target.is_dir():
                    continue  # a link to a folder inside the bundle: its files are walked there
            if path.is_file():
                found.append((path, shown))
    return found, skipped


def _files(paths: Iterable[str | Path], workdir: Path) -> tuple[list[tuple[Path, str]], list[dict[str, str]]]:
    """(real path, name to show) for every file of the bundle, in a stable order, and the members skipped."""
    found: list[tuple[Path, str]] = []
    skipped: list[dict[str, str]] = []
    for given in map(Path, paths):
        if given.is_dir():
            files, passed_over = _folder_files(given)
            found += files
            skipped += passed_over
        elif given.is_file() and given.suffix.lower() == ".zip" and zipfile.is_zipfile(given):
            target = workdir / f"{len(found)}-{given.stem}"
            extracted = extract_all(str(given), target, given.name, _member_name)
            found += [(p, f"{given.name}/{name}") for p, name in sorted(extracted.files, key=lambda item: item[1])
                      if not PurePosixPath(name).name.startswith((".", "~$"))]
            skipped += extracted.skipped
        elif given.exists():
            found.append((given, str(given)))
        else:
            raise PlancheckError("找不到文件或文件夹，请检查路径是否正确", str(given))
    return found, skipped


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
    own_reports: list[str] = []
    with tempfile.TemporaryDirectory(prefix="plancheck-bundle-") as workdir:
        files, skipped = _files(paths, Path(workdir))
        unreadable += skipped
        for path, shown in files:
            if is_own_report(path):  # first: an HTML or JSON report is no unreadable material either
                own_reports.append(shown)
                continue
            if path.suffix.lower() not in SUFFIX_FORMAT | MATERIAL_SUFFIX_FORMAT:
                unreadable.append({"path": shown, "message": f"不是可检查的文件类型（{path.suffix or '无扩展名'}），已跳过"})
                continue
            try:
                parts.append(_renamed(load_document(path, materials=True), shown))
            except PlancheckError as error:
                unreadable.append({"path": shown, "message": error.message})
            except Exception as error:  # noqa: BLE001 - one file's internal error must not lose the bundle
                log = log_internal_error(error)
                unreadable.append({"path": shown, "message": f"内部错误，未能读取（详情见 {log}）"})
    if not parts and not unreadable:
        raise UnsupportedFormatError("材料包中没有找到任何文件" + ("（只有 plancheck 生成的报告）" if own_reports else ""),
                                     ", ".join(map(str, paths)))
    name = Path(paths[0]).name if len(paths) == 1 else "材料包"
    merged = merge(parts, name, unreadable)
    if own_reports:
        merged.warnings.append(Notice("own_report", f"已跳过 plancheck 生成的检查报告（不作为材料）：{'、'.join(own_reports[:10])}"))
    return merged

