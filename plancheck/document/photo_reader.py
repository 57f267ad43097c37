"""Photos of evidence bundles (.jpg, .jpeg, .png): evidence by file name and date, their text not read.

A photo becomes one figure block whose caption names the file and the day it was taken, so the
checks that count dated records (a drill, a training) or look for 照片 see it like any other line.
The day comes from the photo's EXIF DateTimeOriginal, else from a date in the file name.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PIL import Image

from .model import Notice
from .raw import RawBlock

_EXIF_IFD, _DATE_TIME_ORIGINAL, _DATE_TIME = 0x8769, 0x9003, 0x0132
_EXIF_DATE = re.compile(r"^(\d{4}):(\d{2}):(\d{2})")
_NAME_DATE = re.compile(r"(?<!\d)(20\d{2})[-_.年]?(\d{1,2})[-_.月]?(\d{1,2})(?!\d)")


def _day(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def date_in_name(name: str) -> date | None:
    """A date written in a file name (20250512, 2025-05-12, 2025年5月12日).

    >>> date_in_name("20250512防汛演练.jpg"), date_in_name("演练2025-5-12.png"), date_in_name("演练1.jpg")
    (datetime.date(2025, 5, 12), datetime.date(2025, 5, 12), None)
    """
    found = _NAME_DATE.search(name)
    return _day(*found.groups()) if found else None


def taken(path: str) -> date | None:
    """The day a photo was taken: EXIF DateTimeOriginal (or DateTime), else a date in its file name."""
    with Image.open(path) as image:
        exif = image.getexif()
        stamp = exif.get_ifd(_EXIF_IFD).get(_DATE_TIME_ORIGINAL) or exif.get(_DATE_TIME)
    found = _EXIF_DATE.match(str(stamp or ""))
    return (_day(*found.groups()) if found else None) or date_in_name(Path(path).name)


def read_photo(path: str) -> tuple[list[RawBlock], list[Notice]]:
    """One figure block captioned with the file name and the day taken, and a notice that its text is not read."""
    day = taken(path)
    when = f"（拍摄于{day.year}年{day.month}月{day.day}日）" if day else "（拍摄日期不详）"
    notice = Notice("photo", "照片按文件名和拍摄日期计为证据，图中的文字未识别（尚不支持文字识别）")
    return [RawBlock("figure", f"照片：{Path(path).name}{when}")], [notice]
