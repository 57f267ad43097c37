"""Errors raised to users. Every message is Chinese and says what to do next.

Each class has a stable `code` (for JSON output, logs and callers that branch on the kind of
failure); the Chinese message may be reworded, the code may not.
"""

from __future__ import annotations


class PlancheckError(Exception):
    """Base of every error plancheck reports to a user (CLI exit code 2)."""

    code = "error"

    def __init__(self, message: str, path: str | None = None) -> None:
        self.message = message
        self.path = path
        super().__init__(f"{path}：{message}" if path else message)

    def __reduce__(self) -> tuple[type[PlancheckError], tuple[str, str | None]]:  # survives pickling (errors cross from the reading worker process)
        return (type(self), (self.message, self.path))


class UnsupportedFormatError(PlancheckError):
    """The file is not a format plancheck reads (不支持的文件格式)."""

    code = "unsupported_format"


class CorruptFileError(PlancheckError):
    """The file claims a format but cannot be parsed (文件已损坏)."""

    code = "corrupt_file"


class EncryptedFileError(PlancheckError):
    """The file is password protected (文件已加密)."""

    code = "encrypted_file"


class FileTooLargeError(PlancheckError):
    """The file or its unpacked content exceeds a configured cap (文件过大)."""

    code = "too_large"


class ReadTimeoutError(FileTooLargeError):
    """Reading the file took longer than the per-document time limit (读取超时)."""

    code = "read_timeout"


class ConverterMissingError(PlancheckError):
    """LibreOffice is needed for .doc/.wps but is not installed."""

    code = "converter_missing"


class ConversionError(PlancheckError):
    """LibreOffice failed or timed out converting a legacy file."""

    code = "conversion_failed"


class RulesetError(PlancheckError):
    """A rule set file is invalid; the message names file, rule id and key."""

    code = "invalid_ruleset"


class ParameterError(RulesetError):
    """A rule-set parameter has a value of the wrong type or outside its range."""

    code = "invalid_parameter"


class PatternTimeoutError(RulesetError):
    """A regular expression of a rule set ran longer than its time limit (catastrophic backtracking)."""

    code = "pattern_timeout"


class WaiverError(PlancheckError):
    """A waiver file is invalid: the message names the line and entry (豁免文件有误)."""

    code = "invalid_waivers"


class OutputError(PlancheckError):
    """A report would overwrite an input or land where it must not (输出位置不安全)."""

    code = "unsafe_output"
