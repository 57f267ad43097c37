"""Every registered check primitive documents a passing and a failing example, and behaves on real .docx files."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
from docxgen import write_docx

from plancheck import load_document
from plancheck.rules.registry import PRIMITIVES
from plancheck.rules.scope import resolve
from plancheck.rules.structure import attachment, table


@pytest.mark.parametrize("name", sorted(PRIMITIVES))
def test_primitive_docstring_shows_pass_and_fail(name: str) -> None:
    primitive = PRIMITIVES[name]
    examples = doctest.DocTestParser().get_examples(primitive.function.__doc__ or "")
    assert len(examples) >= 2, f"{name}: docstring needs a passing and a failing example"
    assert primitive.summary and primitive.schema["type"] == "object"


def test_attachment_and_table_on_a_word_file(tmp_path: Path) -> None:
    real = load_document(write_docx(tmp_path / "real.docx", """
# 应急保障
通讯方式详见附件1。
附件1
应急通讯录
| 单位 | 职务 | 姓名 | 手机 |
| 镇政府 | 镇长 | 陈建华 | 13602211002 |
"""))
    scope = resolve(real, None)
    found = attachment(scope, titles=["通讯录"])
    assert found.level == "met" and found.evidence[0].quote == "附件1"
    assert table(scope, columns=["单位", "职务", "姓名", "手机|电话"]).level == "met"
    mention_only = load_document(write_docx(tmp_path / "mention.docx", "# 应急保障\n通讯方式详见附件1应急通讯录。\n附件1 应急物资清单\n物资另行造册。"))
    missing = attachment(resolve(mention_only, None), titles=["通讯录"])
    assert missing.level == "not_met"
    assert missing.evidence[0].note == "只在正文中提到，文件中没有该附件"
    assert missing.evidence[0].location.heading_path == ("应急保障",)
