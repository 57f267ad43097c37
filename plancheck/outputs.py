"""Writing results safely: never over an input, never into an input folder unless asked, atomically;
text escaped for the format it lands in; internal errors logged rather than shown as tracebacks.
"""

from __future__ import annotations

import datetime
import io
import os
import re
import sys
import urllib.parse
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from .errors import OutputError, PlancheckError

# ---- escaping ---------------------------------------------------------------------------------------

# ESC sequences (CSI … final byte, OSC … BEL/ST, other two-byte escapes), then lone C0/C1 controls
# (tab and newline kept), DEL, and bidirectional overrides that reorder what a reader sees.
_ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[@-Z\\-_])"
                              r"|\x9b[0-?]*[ -/]*[@-~]|\x9d[^\x07\x9c]*[\x07\x9c]?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """Text safe for a terminal: escape sequences and control characters removed (tab, newline kept).

    >>> strip_controls("电话\\x1b[2J：\\x1b]0;pwned\\x07123\\r\\n")
    '电话：123\\n'
    """
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text.replace("\r\n", "\n")))


# Characters that open Markdown or HTML markup, or end a table cell; `_` only where it could emphasise
# (not inside words such as township_strong), `#` and `+`/`-` lists only at a line start.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*{}\[\]<>|~!]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])|^[#+-]", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """Plan text or a file name inside Markdown: markup characters and table pipes escaped, line breaks
    made spaces (a table row is one line), controls removed.

    >>> print(escape_markdown("[x](javascript:alert(1)) <img onerror=x> a|b township_strong _em_"))
    \\[x\\](javascript:alert(1)) \\<img onerror=x\\> a\\|b township_strong \\_em\\_
    """
    text = strip_controls(text).replace("\n", " ")
    return _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(0), text)


_CODES = frozenset({"verdict", "level", "gate", "kind", "aspect", "primitive", "code", "format", "schema_version", "sha256"})


def escape_tree(value: Any, escape) -> Any:
    """`escape` applied to every string inside dicts and lists (keys, and code values templates compare, untouched)."""
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, dict):
        return {key: item if key in _CODES and isinstance(item, str) else escape_tree(item, escape)
                for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [escape_tree(item, escape) for item in value]
    return value


def safe_href(name: str) -> str:
    """A relative link to a report file: percent-encoded and starting with ./ so no scheme (javascript:) survives.

    >>> safe_href("javascript:alert(7).html")
    './javascript%3Aalert%287%29.html'
    """
    return "./" + urllib.parse.quote(strip_controls(name).lstrip("/"), safe="/")


_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u202a-\u202e\u2066-\u2069]')


def safe_stem(stem: str) -> str:
    """A report file stem safe on every file system and in every report link.

    >>> safe_stem("javascript:alert(7)"), safe_stem("..")
    ('javascript_alert(7)', '_')
    """
    cleaned = _UNSAFE_NAME.sub("_", stem).strip(" .") or "_"
    return cleaned[:120]


@contextmanager
def sanitized_terminal() -> Iterator[None]:
    """While active, everything written to stdout/stderr has control sequences removed."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Sanitizing(sys.stdout), _Sanitizing(sys.stderr)
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        sys.stdout, sys.stderr = saved


def unsanitized(stream: TextIO) -> TextIO:
    """The terminal behind a sanitized stream, for a progress bar that must draw with control sequences
    (and prints only text it has cleaned itself)."""
    return stream._target if isinstance(stream, _Sanitizing) else stream


class _Sanitizing(io.TextIOBase):
    def __init__(self, target: TextIO) -> None:
        self._target = target

    def write(self, text: str) -> int:
        self._target.write(strip_controls(text))
        return len(text)

    def flush(self) -> None:
        self._target.flush()

    def isatty(self) -> bool:
        return self._target.isatty()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._target, "encoding", "utf-8")


# ---- where reports may go -----------------------------------------------------------------------------

def _same(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def _inside(target: Path, folder: Path) -> bool:
    try:
        target.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def guard_outputs(targets: Iterable[Path], inputs: Iterable[str | Path], allow_inside: bool = False) -> None:
    """Refuse report paths that are an input file, or that lie inside an input folder (a bundle), unless
    `allow_inside`. Raises OutputError naming the path and what to do instead."""
    inputs = [Path(p) for p in inputs]
    for target in targets:
        for source in inputs:
            if source.is_dir():
                if not allow_inside and _inside(target, source):
                    raise OutputError(f"报告不能保存在被检查的文件夹 {source} 内（下次检查会把它当作材料读入）。"
                                      "请换一个保存位置；确需保存在此处时加 --allow-inside", str(target))
            elif _same(target, source):
                raise OutputError("报告会覆盖被检查的文件本身，已停止。请换一个文件名，例如在原名后加“_检查报告”", str(target))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_PLAIN_FILE_MODE = 0o666 & ~_umask()  # what open() would give a new file


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write through a temporary file in the same folder and rename it over `path` (never a half-written report)."""
    import tempfile  # here, not at the top: `plancheck --help` imports this module and writes nothing

    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, _PLAIN_FILE_MODE)  # mkstemp makes 0600; a report is an ordinary file
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


# ---- our own reports are not evidence ------------------------------------------------------------

# "检查报告": a plan's 应急预案检查报告 or a bundle's 标准化建设材料检查报告; "评审表": the review sheet
_REPORT_MARKS = (("检查报告", "校验码"), ("评审表", "校验码"), ("批量检查汇总", "规则集"), ('"tool"', '"plancheck"'))


def is_own_report(path: Path) -> bool:
    """A report or batch summary written by plancheck (html, md, txt, json or Word)."""
    import zipfile

    try:
        with open(path, "rb") as handle:
            head = handle.read(65536)
        if head.startswith(b"PK\x03\x04"):
            from .document.safezip import open_zip  # entry count capped before listing

            with open_zip(str(path)) as archive:
                info = archive.getinfo("word/document.xml")
                if info.file_size > 4 * 1024 * 1024:
                    return False
                with archive.open(info) as member:
                    head = member.read(4 * 1024 * 1024)
        text = head.decode("utf-8", errors="ignore")
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError, NotImplementedError, PlancheckError):
        return False  # not readable as a report: the reader decides what it is
    return any(all(mark in text for mark in marks) for marks in _REPORT_MARKS)


# ---- internal errors ---------------------------------------------------------------------------------

def log_internal_error(error: BaseException, argv: Iterable[str] | None = None) -> Path | None:
    """Write the traceback and the command to a log file in the temp folder; its path, or None if unwritable."""
    import tempfile
    import traceback

    from .version import __version__

    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        handle, name = tempfile.mkstemp(prefix=f"plancheck-error-{stamp}-", suffix=".log")
        with os.fdopen(handle, "w", encoding="utf-8") as log:
            log.write(f"plancheck {__version__}  python {sys.version.split()[0]}  {sys.platform}\n")
            log.write(f"argv: {list(argv) if argv is not None else sys.argv}\n\n")
            log.write("".join(traceback.format_exception(type(error), error, error.__traceback__)))
        return Path(name)
    except OSError:
        return None
