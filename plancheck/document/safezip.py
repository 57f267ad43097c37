"""Zip containers (.docx and bundle zips) opened under budgets.

Nothing a zip declares is trusted: the entry count and central-directory size are read from the
end record and capped before Python's zipfile lists a single entry, and every member is inflated
in chunks while its real bytes are counted against a per-part, per-member and total budget.
"""

from __future__ import annotations

import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..errors import CorruptFileError, EncryptedFileError, FileTooLargeError, PlancheckError
from ..limits import LIMITS, Limits, mb

_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_CHUNK = 1024 * 1024
_XML_SUFFIXES = (".xml", ".rels", ".vml")


@dataclass(frozen=True)
class ZipLimits:
    """Kept for callers of the old API; the budgets now live in plancheck.limits.Limits."""

    max_entries: int = LIMITS.max_zip_entries
    max_total_bytes: int = LIMITS.max_inflated_bytes


def _directory_size(path: str) -> tuple[int, int]:
    """(entries, central-directory bytes) from the end-of-central-directory record, without listing."""
    with open(path, "rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        tail_start = max(0, size - (65535 + 22 + 20))
        handle.seek(tail_start)
        tail = handle.read()
        at = tail.rfind(_EOCD)
        if at < 0 or len(tail) - at < 22:
            raise CorruptFileError("文件已损坏：找不到压缩包目录（文件可能不完整）", path)
        entries, directory = struct.unpack("<HI", tail[at + 10: at + 16])
        locator = at - 20
        if (entries == 0xFFFF or directory == 0xFFFFFFFF) and locator >= 0 and tail[locator:locator + 4] == _ZIP64_LOCATOR:
            (offset,) = struct.unpack("<Q", tail[locator + 8: locator + 16])
            if offset < size:
                handle.seek(offset)
                record = handle.read(56)
                if record[:4] == b"PK\x06\x06" and len(record) == 56:
                    entries, directory = struct.unpack("<QQ", record[32:48])
    return entries, directory


def _refuse_big_directory(path: str, limits: Limits) -> None:
    entries, directory = _directory_size(path)
    if entries > limits.max_zip_entries:
        raise FileTooLargeError(f"文件过大：压缩包内有 {entries} 个条目，超过上限 {limits.max_zip_entries}", path)
    if directory > limits.max_central_directory_bytes:
        raise FileTooLargeError(f"文件过大：压缩包目录有 {mb(directory)}，超过上限 {mb(limits.max_central_directory_bytes)}", path)


def open_zip(path: str, limits: Limits = LIMITS) -> zipfile.ZipFile:
    """A ZipFile, opened only after the end record shows a bounded directory."""
    _refuse_big_directory(path, limits)
    try:
        archive = zipfile.ZipFile(path)
    except PlancheckError:
        raise
    except Exception as error:  # noqa: BLE001 - zipfile raises many kinds on damaged input
        raise CorruptFileError(f"文件已损坏：压缩包结构无效（{type(error).__name__}）", path) from error
    if len(archive.infolist()) > limits.max_zip_entries:
        archive.close()
        raise FileTooLargeError(f"文件过大：压缩包内条目超过上限 {limits.max_zip_entries}", path)
    return archive


@dataclass
class Budget:
    limits: Limits = LIMITS
    total: int = 0

    def member_cap(self, name: str) -> int:
        cap = self.limits.max_xml_part_bytes if name.lower().endswith(_XML_SUFFIXES) else self.limits.max_member_bytes
        return cap


def _member_chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget, path: str) -> Iterator[bytes]:
    """A member's bytes in chunks, refused as soon as its real size passes a budget."""
    if info.flag_bits & 0x1:
        raise EncryptedFileError(f"文件已加密：压缩包成员 {info.filename} 设有密码", path)
    cap = budget.member_cap(info.filename)
    seen = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                seen += len(chunk)
                budget.total += len(chunk)
                if seen > budget.limits.ratio_floor_bytes and seen > budget.limits.max_ratio * max(info.compress_size, 1):
                    raise FileTooLargeError(f"文件异常：条目 {info.filename} 的压缩比超过 {budget.limits.max_ratio:.0f} 倍，"
                                            "疑似“压缩炸弹”，已拒绝读取", path)
                if seen > cap:
                    kind = "XML 部件" if cap == budget.limits.max_xml_part_bytes else "成员"
                    raise FileTooLargeError(f"文件过大：{kind} {info.filename} 解压后超过 {mb(cap)}，已拒绝读取", path)
                if budget.total > budget.limits.max_inflated_bytes:
                    raise FileTooLargeError(
                        f"文件异常：解压后内容超过 {mb(budget.limits.max_inflated_bytes)}，疑似“压缩炸弹”，已拒绝读取", path)
                yield chunk
    except PlancheckError:
        raise
    except (RuntimeError, NotImplementedError) as error:
        if "encrypted" in str(error).lower() or "password" in str(error).lower():
            raise EncryptedFileError(f"文件已加密：压缩包成员 {info.filename} 设有密码", path) from error
        raise CorruptFileError(f"文件已损坏：压缩包成员 {info.filename} 无法解压（{type(error).__name__}）", path) from error
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, struct.error) as error:
        raise CorruptFileError(f"文件已损坏：压缩包成员 {info.filename} 的数据已损坏，无法解压", path) from error


def check_zip(path: str, limits: Limits | ZipLimits = LIMITS) -> None:
    """Inflate every member of a .docx with a byte budget (nothing kept), so a bomb, an encrypted or a
    broken member is refused before python-docx reads the package.

    Raises FileTooLargeError, EncryptedFileError or CorruptFileError with a Chinese message.
    """
    if isinstance(limits, ZipLimits):
        limits = Limits(max_zip_entries=limits.max_entries, max_inflated_bytes=limits.max_total_bytes)
    budget = Budget(limits)
    with open_zip(path, limits) as archive:
        for info in archive.infolist():
            for _ in _member_chunks(archive, info, budget, path):
                pass


def read_member(archive: zipfile.ZipFile, name: str, path: str, limits: Limits = LIMITS) -> bytes | None:
    """One member's bytes under the budget, or None when absent."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    return b"".join(_member_chunks(archive, info, Budget(limits), path))


@dataclass
class Extracted:
    files: list[tuple[Path, str]] = field(default_factory=list)   # (written file, name inside the zip)
    skipped: list[dict[str, str]] = field(default_factory=list)   # {"path", "message"} for every member not extracted


def _safe_parts(name: str) -> tuple[str, ...] | None:
    """The path parts of a member name, or None when it would leave the target folder."""
    name = name.replace("\\", "/")
    posix = PurePosixPath(name)
    if posix.is_absolute() or ".." in posix.parts or (len(name) > 1 and name[1] == ":"):
        return None
    parts = tuple(part for part in posix.parts if part not in ("", "."))
    return parts or None


def extract_all(path: str, target: Path, display: str, member_name=lambda info: info.filename,
                limits: Limits = LIMITS) -> Extracted:
    """Extract a bundle zip under budgets. Members that are unsafe, encrypted or broken are skipped and
    listed with a Chinese reason; a bomb (a budget passed) refuses the whole zip."""
    result = Extracted()
    budget = Budget(limits)
    with open_zip(path, limits) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            try:
                name = member_name(info)
            except Exception:  # noqa: BLE001 - an undecodable name is still listed
                name = info.filename
            shown = f"{display}/{name}"
            parts = _safe_parts(name)
            if parts is None:
                result.skipped.append({"path": shown, "message": "压缩包成员的路径指向压缩包以外（含 .. 或绝对路径），已跳过，未检查"})
                continue
            if stat.S_ISLNK(info.external_attr >> 16):
                result.skipped.append({"path": shown, "message": "压缩包成员是符号链接，已跳过，未检查"})
                continue
            destination = target.joinpath(*parts)
            try:
                destination.parent.mkdir(parents=True, exist_ok=True)
                with open(destination, "wb") as handle:
                    for chunk in _member_chunks(archive, info, budget, path):
                        handle.write(chunk)
            except FileTooLargeError:
                raise
            except PlancheckError as error:
                destination.unlink(missing_ok=True)
                result.skipped.append({"path": shown, "message": error.message})
                continue
            except OSError as error:
                result.skipped.append({"path": shown, "message": f"无法解压到临时文件夹（{error.strerror or error}），已跳过，未检查"})
                continue
            result.files.append((destination, "/".join(parts)))
    return result
