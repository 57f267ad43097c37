"""Which files a command line names: folders walked recursively for plan files, Office lock files,
temporary and hidden files skipped (and counted), and report file names that stay apart when two
plans share a name (the town's folder goes in front: 东风镇_综合应急预案).
"""

from __future__ import annotations

import fnmatch
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .outputs import is_own_report, safe_stem

PLAN_SUFFIXES = (".docx", ".doc", ".wps", ".pdf", ".txt", ".md")
# Word/WPS lock files (~$名称.docx, .~名称.docx), editors' temporary files, and folder thumbnails.
_NOT_PLANS = ("~$*", ".~*", "*.tmp", "Thumbs.db", "desktop.ini", ".DS_Store")


def is_lock_or_hidden(name: str) -> bool:
    """A lock, temporary or hidden file (or folder) a plan folder collects, never a plan.

    >>> [is_lock_or_hidden(n) for n in ("~$综合应急预案.docx", ".~lock.预案.docx#", "Thumbs.db", ".git", "预案.docx")]
    [True, True, True, True, False]
    """
    return name.startswith(".") or any(fnmatch.fnmatchcase(name, pattern) for pattern in _NOT_PLANS)


@dataclass
class Collected:
    """The files to check, in command-line order (folders in sorted order), and what was left out."""

    files: list[Path] = field(default_factory=list)
    skipped_hidden: list[Path] = field(default_factory=list)  # lock, temporary and hidden files
    skipped_other: list[Path] = field(default_factory=list)  # files in folders that are not plans (.xlsx, .jpg, reports)

    def skipped_message(self) -> str:
        """One Chinese line saying how many files were left out and why ("" when none)."""
        parts = []
        if self.skipped_hidden:
            parts.append(f"{len(self.skipped_hidden)} 个锁定、临时或隐藏文件（如 {self.skipped_hidden[0].name}）")
        if self.skipped_other:
            parts.append(f"{len(self.skipped_other)} 个不是预案格式的文件（如 {self.skipped_other[0].name}）")
        if not parts:
            return ""
        return f"已跳过 {'和'.join(parts)}；只检查 {' '.join(PLAN_SUFFIXES)} 文件。"


def collect(inputs: Sequence[str | Path]) -> Collected:
    """The plan files named by `inputs`: files as given (lock and temporary files skipped), folders walked.

    A path that does not exist is kept, so the check reports it like any unreadable file.
    """
    found = Collected()
    for given in map(Path, inputs):
        if given.is_dir():
            _walk(given, found)
        elif is_lock_or_hidden(given.name) and given.name not in (".", ".."):
            found.skipped_hidden.append(given)
        else:
            found.files.append(given)
    return found


def _walk(folder: Path, found: Collected) -> None:
    for root, folders, names in os.walk(folder):
        hidden = sorted(name for name in folders if is_lock_or_hidden(name))
        found.skipped_hidden.extend(Path(root) / name for name in hidden)
        folders[:] = sorted(name for name in folders if name not in hidden)
        for name in sorted(names):
            path = Path(root) / name
            if is_lock_or_hidden(name):
                found.skipped_hidden.append(path)
            elif path.suffix.lower() not in PLAN_SUFFIXES or is_own_report(path):
                found.skipped_other.append(path)
            else:
                found.files.append(path)


def report_names(sources: Sequence[Path]) -> list[str]:
    """File stems for per-file reports. Plans sharing a stem in different folders get their folder's name
    in front; in one folder the later ones get their extension, then a counter.

    >>> report_names([Path("东风镇/综合应急预案.docx"), Path("西湖镇/综合应急预案.docx"), Path("x.txt")])
    ['东风镇_综合应急预案', '西湖镇_综合应急预案', 'x']
    >>> report_names([Path("a/plan.docx"), Path("a/plan.pdf"), Path("a/plan.pdf")])
    ['plan', 'plan_pdf', 'plan_pdf_2']
    """
    folders: dict[str, set[str]] = {}
    for source in sources:
        folders.setdefault(safe_stem(source.stem), set()).add(_folder(source))
    names: list[str] = []
    for source in sources:
        stem = safe_stem(source.stem)
        name = safe_stem(f"{_folder(source)}_{stem}") if len(folders[stem]) > 1 else stem
        if name in names:
            name = f"{name}_{safe_stem(source.suffix.lstrip('.'))}"
        unique, count = name, 1
        while unique in names:
            count += 1
            unique = f"{name}_{count}"
        names.append(unique)
    return names


def shown_names(sources: Sequence[Path]) -> list[str]:
    """File names for a summary: the name alone, or with its folder where two files share a name.

    >>> shown_names([Path("东风镇/综合应急预案.docx"), Path("西湖镇/综合应急预案.docx"), Path("a/x.txt")])
    ['东风镇/综合应急预案.docx', '西湖镇/综合应急预案.docx', 'x.txt']
    """
    counts = Counter(source.name for source in sources)
    return [f"{_folder(source)}/{source.name}" if counts[source.name] > 1 else source.name for source in sources]


def _folder(source: Path) -> str:
    return source.absolute().parent.name or "_"
