"""The official review sheet (评审表): Word (read back through LibreOffice and python-docx), Excel and CSV."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import docx
import openpyxl
import pytest
from conftest import AS_OF, EXAMPLES, convert, needs_libreoffice
from docx.shared import Cm
from docxgen import write_docx

from plancheck import check
from plancheck.report import render

# A village plan of our own with decimal chapter numbers and numbered attachments, so the opinions
# must cite “第3章 3.2节” and “附件2”.
PLAN = """=红旗村突发事件应急预案
# 1 总则
## 1.1 编制目的
为做好红旗村突发事件应对工作，制定本预案。
## 1.2 适用范围
本预案适用于红旗村范围内自然灾害、事故灾难等突发事件的先期处置。
# 3 监测预警
## 3.1 风险隐患
本村主要风险为汛期内涝和冬季燃气泄漏。
## 3.2 预警发布
村委会接到镇政府预警后，通过大喇叭、微信群和入户敲门通知村民。
# 附件2 应急物资清单
| 名称 | 数量 | 存放地点 | 保管人 | 电话 |
| 编织袋 | 500条 | 村委会仓库 | 李明 | 13902211002 |
"""


@pytest.fixture(scope="module")
def village(tmp_path_factory: pytest.TempPathFactory):
    path = write_docx(tmp_path_factory.mktemp("sheet") / "红旗村预案.docx", PLAN)
    return check(path, "village", as_of=AS_OF)


@pytest.fixture(scope="module")
def weak():
    return check(EXAMPLES / "township_weak.docx", "township", as_of=AS_OF)


@needs_libreoffice
def test_word_sheet_text_through_libreoffice(weak, tmp_path: Path) -> None:
    sheet = tmp_path / "评审表.docx"
    sheet.write_bytes(render(weak, "docx"))
    text = convert(sheet, "txt:Text", tmp_path).read_text("utf-8-sig")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines[0] == "突发事件应急预案评审表"
    header = lines[lines.index("预案名称"):lines.index("一、逐项评审")]
    assert header[:4] == ["预案名称", "柳庄镇突发事件应急预案", "乡镇(街道)/村(社区)", "柳庄镇"]
    assert "规则集" in header and "2026-11-29" in header and "不通过，得分 26.3 / 100（不合格）" in header
    assert lines[lines.index("一、逐项评审") + 1:][:5] == ["序号", "要素（★为关键要素）", "评审内容/依据", "评审结果", "评审意见"]
    key_rows = [line for line in lines if line.startswith("★")]
    assert "★预案类型明确（综合/总体或专项应急预案）" in key_rows and "★24小时值班和值班电话" in key_rows
    assert "编制目的和依据" in lines and "★编制目的和依据" not in lines  # not a key element
    # opinions: one point a line, with the location, and a quote cited once only
    assert "适用范围：符合" not in text
    assert "写明适用于本镇(街道)行政区域：符合，见第一章 （二）“适用范围”「本预案适用于河东镇人民政府辖区内各类突发事件的应对工作。」。" in lines
    assert "写明本地重点的突发事件类型（只写四大类事件不算）：未见相关内容（在「（二）适用范围」中未找到灾种）。" in lines
    assert "实行24小时值班：未见相关内容（在全文中未找到24小时值班）。" in lines
    conclusion = lines[lines.index("二、总体评审结论") + 1]
    assert conclusion.startswith("不通过。不符合的关键要素：★预案类型明确（综合/总体或专项应急预案）（不符合）、")
    assert "★不照搬其他地方或上级预案（不符合）" in conclusion
    revisions = lines[lines.index("三、修改意见汇总（关键要素在前，按可增加的分数从高到低）") + 1:lines.index("四、评审人签字")]
    assert revisions[0].startswith("1. ★") and len(revisions) == len(weak.gaps)
    first_plain = next(i for i, line in enumerate(revisions) if not line.split(" ", 1)[1].startswith("★"))
    assert all(not line.split(" ", 1)[1].startswith("★") for line in revisions[first_plain:])
    assert lines.count("评审人（签字）：____________　　日期：______年____月____日") == 2


def test_word_sheet_is_a4_with_proper_properties(weak) -> None:
    before = datetime.now(timezone.utc) - timedelta(minutes=1)
    document = docx.Document(io.BytesIO(render(weak, "docx")))
    section = document.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.05) and abs(section.page_height - Cm(29.7)) < Cm(0.05)
    props = document.core_properties
    assert props.title == "柳庄镇突发事件应急预案评审表"
    assert props.author == "plancheck 0.1.0" and "python-docx" not in (props.comments + props.author)
    assert props.language == "zh-CN" and props.created.replace(tzinfo=timezone.utc) >= before
    table = document.tables[1]
    assert [c.text for c in table.rows[0].cells] == ["序号", "要素（★为关键要素）", "评审内容/依据", "评审结果", "评审意见"]
    assert len(table.rows) == 1 + len(weak.findings)
    assert table.rows[1].cells[3].text == "不符合" and table.rows[2].cells[3].text == "基本符合"


def test_word_sheet_properties_keep_ampersands_and_angle_brackets_as_typed() -> None:
    """python-docx escapes property text itself; the title must not read `&amp;`."""
    plan = "东湖街道A&B<试行>突发事件综合应急预案\n一、总则\n为做好本街道应急工作，制定本预案。\n".encode()
    report = check(plan, "township", name="东湖.txt", as_of=AS_OF)
    props = docx.Document(io.BytesIO(render(report, "docx"))).core_properties
    assert props.title == "东湖街道A&B<试行>突发事件综合应急预案评审表"


def test_opinions_cite_chapters_sections_and_attachments(village) -> None:
    book = openpyxl.load_workbook(io.BytesIO(render(village, "xlsx")))
    rows = list(book["评审表"].iter_rows(values_only=True))
    opinions = "\n".join(row[4] for row in rows if isinstance(row[0], int))
    assert "第3章 3.2节“预警发布”「村委会接到镇政府预警后，通过大喇叭、微信群和入户敲门通知村民。」" in opinions
    assert "见附件2“应急物资清单” 表1「名称 | 数量 | 存放地点 | 保管人 | 电话」" in opinions
    assert ("乡镇(街道)/村(社区)", "红旗村") == rows[2][:2]


def test_excel_sheet_layout_and_content(weak) -> None:
    book = openpyxl.load_workbook(io.BytesIO(render(weak, "xlsx")))
    ws = book["评审表"]
    rows = list(ws.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row[0] == "序号")
    assert ws.freeze_panes == f"A{header + 2}"
    assert rows[header] == ("序号", "要素（★为关键要素）", "评审内容/依据", "评审结果", "评审意见")
    body = [row for row in rows[header + 1:] if isinstance(row[0], int)]
    assert len(body) == len(weak.findings) and body[0][1] == "★预案类型明确（综合/总体或专项应急预案）"
    assert body[0][3] == "不符合" and ws.cell(header + 2, 4).fill.fgColor.rgb.endswith("FFC7CE")
    assert ws.cell(header + 2, 5).alignment.wrap_text and ws.column_dimensions["E"].width >= 60
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    labels = [row[0] for row in rows]
    conclusion = rows[labels.index("总体评审结论")][1]
    assert conclusion.startswith("不通过。不符合的关键要素：★预案类型明确")
    assert sum(1 for row in rows if row[1] and str(row[1]).startswith("评审人（签字）")) == 2
    assert book.properties.title == "柳庄镇突发事件应急预案评审表" and book.properties.language == "zh-CN"
    assert book.properties.creator == "plancheck 0.1.0"


def test_csv_sheet_is_the_element_table_with_a_bom(weak) -> None:
    data = render(weak, "csv")
    assert data.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["序号", "要素（★为关键要素）", "评审内容/依据", "评审结果", "评审意见"]
    assert len(rows) == 1 + len(weak.findings) and rows[1][:2] == ["1", "★预案类型明确（综合/总体或专项应急预案）"]


def test_bundle_sheet_is_titled_for_materials() -> None:
    bundle = check([EXAMPLES / "bundle_strong"], "standardization", as_of=AS_OF)
    book = openpyxl.load_workbook(io.BytesIO(render(bundle, "xlsx")))
    rows = list(book["评审表"].iter_rows(values_only=True))
    assert rows[0][0] == "乡镇(街道)应急管理标准化材料评审表"
    assert rows[1][0] == "评审对象" and f"（材料包，共 {len(bundle.documents)} 个文件）" in rows[1][1]
    assert rows[2][1] == "青林镇"
