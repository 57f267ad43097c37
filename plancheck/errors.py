"""Errors raised to users. Every message is Chinese and says what to do next."""

from __future__ import annotations


class PlancheckError(Exception):
    """Base of every error plancheck reports to a user (CLI exit code 2)."""

    def __init__(self, message: str, path: str | None = None) -> None:
        self.message = message
        self.path = path
        super().__init__(f"{path}：{message}" if path else message)


class UnsupportedFormatError(PlancheckError):
    """The file is not a format plancheck reads (不支持的文件格式)."""


class CorruptFileError(PlancheckError):
    """The file claims a format but cannot be parsed (文件已损坏)."""


class EncryptedFileError(PlancheckError):
    """The file is password protected (文件已加密)."""


class FileTooLargeError(PlancheckError):
    """The file or its unpacked content exceeds a configured cap (文件过大)."""


class ConverterMissingError(PlancheckError):
    """LibreOffice is needed for .doc/.wps but is not installed."""


class ConversionError(PlancheckError):
    """LibreOffice failed or timed out converting a legacy file."""


class RulesetError(PlancheckError):
    """A rule set file is invalid; the message names file, rule id and key."""
