"""Text normalisation done once, at load time, for matching (never for quoting)."""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

# Full-width ASCII block (U+FF01..U+FF5E) maps onto U+0021..U+007E; U+3000 is the ideographic space.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xA0: 0x20}
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
# Spaces next to a Chinese character carry no meaning (PDF exports put them around digits and Latin runs).
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}0-9A-Za-z])|(?<=[0-9A-Za-z])\s+(?=[{_CJK}])")
_SPACES_BY_CJK = re.compile(rf"(?<=[{_CJK}]) +(?=[{_CJK}0-9A-Za-z])|(?<=[0-9A-Za-z]) +(?=[{_CJK}])")
_RUNS_OF_SPACE = re.compile(r"[ \t\r\f\v]+")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def halfwidth(text: str) -> str:
    """Full-width letters, digits, punctuation and spaces to their ASCII forms.

    >>> halfwidth("（１）应急预案：")
    '(1)应急预案:'
    >>> halfwidth("①Ⅰ级")   # circled digits and Roman numerals are kept
    '①Ⅰ级'
    """
    return text.translate(_FULLWIDTH)


# The outline and the readers ask for the same block's forms several times: each text is normalised once.
@lru_cache(maxsize=1 << 15)
def squeeze(text: str) -> str:
    """Half-width forms, no spaces next to Chinese characters, single spaces elsewhere.

    >>> squeeze("总　则  编 制 依 据")
    '总则编制依据'
    >>> squeeze("每年 2 次，DB12/T  1451")
    '每年2次,DB12/T 1451'
    """
    text = _RUNS_OF_SPACE.sub(" ", halfwidth(text)).strip()
    return _SPACE_BETWEEN_CJK.sub("", text)


def unspaced_by_cjk(text: str) -> str:
    r"""Spaces next to Chinese characters removed, line breaks kept (pdfium puts one where the font changes).

    >>> unspaced_by_cjk("附件 1 应急通讯录\r\n2025 年9 月 DB12/T 1451")
    '附件1应急通讯录\r\n2025年9月DB12/T 1451'
    """
    return _SPACES_BY_CJK.sub("", text) if " " in text else text


@lru_cache(maxsize=1 << 15)
def for_matching(text: str) -> str:
    """`squeeze` plus Traditional → Simplified, the form every check matches against.

    >>> for_matching("應急預案 總則")
    '应急预案总则'
    >>> for_matching("应急预案")
    '应急预案'
    """
    squeezed = squeeze(text)
    return _t2s().convert(squeezed) if squeezed else squeezed
