"""Refuse zip containers (.docx) that would inflate into something dangerous."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from ..errors import CorruptFileError, FileTooLargeError


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int = 5_000
    max_total_bytes: int = 300 * 1024 * 1024
    max_ratio: float = 200.0
    ratio_floor_bytes: int = 1024 * 1024  # small entries may compress very well legitimately


def check_zip(path: str, limits: ZipLimits = ZipLimits()) -> None:
    """Inspect declared sizes before anything is inflated.

    Python's zipfile never inflates past an entry's declared size, so declared sizes bound
    the real cost. Raises FileTooLargeError for a zip bomb, CorruptFileError for a bad zip.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise CorruptFileError(f"文件已损坏：无法作为 Word 文档(.docx)打开（{error}）", path) from error
    if len(entries) > limits.max_entries:
        raise FileTooLargeError(f"文件过大：压缩包内有 {len(entries)} 个条目，超过上限 {limits.max_entries}", path)
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_total_bytes:
        raise FileTooLargeError(
            f"文件过大：解压后约 {total // (1024 * 1024)} MB，超过上限 {limits.max_total_bytes // (1024 * 1024)} MB", path)
    for entry in entries:
        if entry.file_size > limits.ratio_floor_bytes and entry.file_size > limits.max_ratio * max(entry.compress_size, 1):
            raise FileTooLargeError(
                f"文件异常：条目 {entry.filename} 的压缩比超过 {limits.max_ratio:.0f} 倍，疑似“压缩炸弹”，已拒绝读取", path)
