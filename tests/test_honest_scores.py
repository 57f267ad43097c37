"""Honest scores: inputs that cannot be assessed, bundles whose unread files block only what they bear on,
spreadsheets and photos as evidence, bundle reports worded for materials, and the gate rule on every report."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from conftest import AS_OF, EXAMPLES
from PIL import Image

from plancheck import check, report_schema
from plancheck.cli import main
from plancheck.report import render
from plancheck.rules.ruleset import load_ruleset

GATE_RULE = "结论规则：任一关键要素不符合（或未能检查）即为不通过，不论总分"


def _scan(path: Path, pages: int = 2) -> Path:
    """An image-only PDF, as a scanner makes it: pages of pictures, no text layer."""
    images = [Image.new("RGB", (600, 800), "white") for _ in range(pages)]
    images[0].save(path, "PDF", save_all=True, append_images=images[1:])
    return path


def _photo(path: Path, taken: str | None) -> Path:
    image = Image.new("RGB", (64, 48), "green")
    exif = Image.Exif()
    if taken:
        exif.get_ifd(0x8769)[0x9003] = taken  # DateTimeOriginal
    image.save(path, exif=exif)
    return path


def _ledger(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "物资台账"
    sheet.append(["柳林镇应急物资储备台账"])
    sheet.append(["更新日期：2026年10月8日"])
    sheet.append(["名称", "数量", "存放地点", "管理人"])
    for row in (["救生衣", 200, "镇储备库", "赵刚"], ["帐篷", 30, "镇储备库", "赵刚"], ["发电机", 2.0, "镇储备库", "钱进"]):
        sheet.append(row)
    issued = workbook.create_sheet("发放记录")
    issued.append(["日期", "物资", "数量"])
    issued.append([datetime(2026, 7, 1), "救生衣", 20])
    workbook.save(path)
    return path


@pytest.fixture(scope="module")
def scanned(tmp_path_factory) -> Path:
    return _scan(tmp_path_factory.mktemp("scan") / "扫描的预案.pdf")


def test_fully_scanned_pdf_cannot_be_assessed(scanned: Path) -> None:
    report = check(scanned, "township", as_of=AS_OF)
    assert (report.gate, report.gate_label, report.score, report.grade) == ("unassessable", "无法评定", None, None)
    assert report.failing_keys == [] and report.gaps == []
    data = report.to_dict()
    jsonschema.validate(data, report_schema())
    assert data["score"] is None and data["grade"] is None and data["gate_reasons"] == []
    assert data["unassessable"] == {"cause": "no_text_layer", "chars": 0, "min_chars": 30, "pages": 2}
    text = render(report, "txt")
    lines = text.splitlines()
    assert lines[2].startswith("无法评定：文件共 2 页，都没有文字层（扫描件或图片），读不到文字，因此不计分")
    assert "请提供带文字层的 PDF 或 Word 原件" in lines[2]
    assert "得分：不计分（无法评定）" in text and GATE_RULE in text
    for fmt in ("txt", "md", "html"):
        shown = render(report, fmt)
        assert "关键要素 T-" not in shown and "需要修改的要素" not in shown and "0.0" not in shown, fmt
        assert "无法评定：文件共 2 页" in shown


def test_cli_exit_code_for_an_unassessable_input(scanned: Path, tmp_path: Path, capsys) -> None:
    assert main(["check", str(scanned), "-o", str(tmp_path / "r.json"), "--as-of", "2026-11-29"]) == 1
    assert "扫描的预案.pdf：无法评定。报告已写入" in capsys.readouterr().out
    assert json.loads((tmp_path / "r.json").read_text("utf-8"))["gate"] == "unassessable"


@pytest.mark.parametrize("content, cause, line", [
    (b"", "empty", "无法评定：文件中没有可读取的文字"),
    ("一、总则\n见附件。".encode(), "little_text", "无法评定：只读到 8 个字（至少需要 30 个字才能评定）"),
])
def test_empty_or_nearly_empty_text_cannot_be_assessed(tmp_path: Path, content: bytes, cause: str, line: str) -> None:
    path = tmp_path / "预案.txt"
    path.write_bytes(content)
    report = check(path, "village", as_of=AS_OF)
    assert report.gate == "unassessable" and report.score is None
    assert report.unassessable.cause == cause
    assert {f.verdict for f in report.findings} == {"not_checked"}
    assert render(report, "txt").splitlines()[2].startswith(line)


def test_threshold_comes_from_the_rule_set(tmp_path: Path) -> None:
    path = tmp_path / "预案.txt"
    path.write_text("一、总则\n见附件。", encoding="utf-8")
    village = load_ruleset("village")
    assert village.grading.assess_min_chars == 30  # standards/plan-grading.yaml
    lenient = replace(village, grading=replace(village.grading, assess_min_chars=5))
    judged = check(path, lenient, as_of=AS_OF)
    assert judged.gate == "fail" and judged.score is not None and judged.unassessable is None


@pytest.mark.parametrize("name, message", [
    ("物资台账.xlsx", "不是预案的文件格式：这是 Excel 表格"),
    ("演练.jpg", "不是预案的文件格式：这是一张图片"),
])
def test_spreadsheet_or_photo_given_as_a_plan(tmp_path: Path, capsys, name: str, message: str) -> None:
    path = _ledger(tmp_path / name) if name.endswith(".xlsx") else _photo(tmp_path / name, None)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and "--standard standardization" in err and "Traceback" not in err


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bundle") / "柳林镇材料"
    folder.mkdir()
    _scan(folder / "值班表.pdf", pages=1)
    _ledger(folder / "物资台账.xlsx")
    _photo(folder / "防汛演练1.jpg", "2026:05:12 09:30:00")
    _photo(folder / "防汛演练2.jpg", "2026:09:18 15:00:00")
    (folder / "工作制度.txt").write_text(
        "柳林镇应急管理工作制度汇编\n一、信息报送制度\n建立信息报送台账，接报后30分钟内报告。\n二、物资管理制度\n"
        "三、档案管理制度\n四、应急处置制度\n建立预警叫应机制，包村干部按分包区域叫应村(社区)负责人。\n", encoding="utf-8")
    return check([folder], "standardization", as_of=AS_OF)


def test_scanned_member_blocks_only_the_elements_it_bears_on(bundle) -> None:
    verdicts = {f.rule.id: f.verdict for f in bundle.findings}
    assert [rule for rule, verdict in verdicts.items() if verdict == "not_checked"] == ["S-M1"]
    duty = next(f for f in bundle.findings if f.rule.id == "S-M1")
    assert duty.notes == ["材料「柳林镇材料/值班表.pdf」未能完整读取，本项的证据可能在其中，未能检查"]
    assert (verdicts["S-M3"], verdicts["S-M5"], verdicts["S-G1"], verdicts["S-O1"]) == ("met", "met", "met", "not_met")
    assert bundle.unread_files == [{"path": "柳林镇材料/值班表.pdf", "rules": ["S-M1"],
                                    "message": "未找到文字层：整份文件是扫描图片，没有可读取的文字。这些页的内容无法检查，"
                                               "请提供由 Word/WPS 直接导出的 PDF 或原始 .docx 文件"}]
    assert bundle.gate == "fail" and bundle.score == 17.0  # S-M3 4 + S-M5 4 + S-G1 5 met, S-M2 3 and S-P5 5 half
    text = render(bundle, "txt")
    top = text[:text.index("一、内容质量问题")]
    assert "柳林镇材料/值班表.pdf：未找到文字层" in top and "（影响 S-M1，这些要素未能检查）" in top


def test_spreadsheet_sheets_are_tables_under_their_names(bundle) -> None:
    ledger = next(d for d in bundle.documents if d.format == "xlsx")
    assert [h.title for h in ledger.headings] == ["物资台账", "发放记录"]
    assert ledger.tables[0].rows[0] == ["名称", "数量", "存放地点", "管理人"]
    assert ledger.tables[0].rows[3] == ["发电机", "2", "镇储备库", "钱进"]
    assert ledger.tables[1].rows[1] == ["2026年7月1日", "救生衣", "20"]
    stock = next(f for f in bundle.findings if f.rule.id == "S-G1")
    assert [(e.quote, e.location.file) for e in stock.evidence] == [
        ("名称 | 数量 | 存放地点 | 管理人", "柳林镇材料/物资台账.xlsx"), ("更新日期：2026年10月8日", "柳林镇材料/物资台账.xlsx")]


def test_drill_photos_count_by_their_dates(bundle) -> None:
    drills = next(f for f in bundle.findings if f.rule.id == "S-P5")
    assert [e.quote for e in drills.checks[0].outcome.evidence] == ["照片：防汛演练1.jpg（拍摄于2026年5月12日）",
                                                            "照片：防汛演练2.jpg（拍摄于2026年9月18日）"]
    assert drills.checks[0].outcome.level == "met"
    photos = [d for d in bundle.documents if d.format == "image"]
    assert len(photos) == 2 and all(d.complete for d in photos)
    assert photos[0].warnings[0].message == "照片按文件名和拍摄日期计为证据，图中的文字未识别（尚不支持文字识别）"


def test_photo_without_exif_takes_the_date_in_its_name(tmp_path: Path) -> None:
    from plancheck.document import load_document

    photo = load_document(_photo(tmp_path / "20250603消防培训.png", None), materials=True)
    assert photo.blocks[0].text == "照片：20250603消防培训.png（拍摄于2025年6月3日）"
    undated = load_document(_photo(tmp_path / "宣传栏.jpg", None), materials=True)
    assert undated.blocks[0].text == "照片：宣传栏.jpg（拍摄日期不详）"


def test_bundle_report_is_titled_for_materials_and_lists_each_file_once(bundle) -> None:
    names = ["值班表.pdf", "工作制度.txt", "物资台账.xlsx", "防汛演练1.jpg", "防汛演练2.jpg"]
    text = render(bundle, "txt")
    assert text.startswith("标准化建设材料检查报告（") and "应急预案检查报告" not in text
    assert "材料清单（共 5 个文件）：" in text
    listed = re.findall(r"^  \d\. 柳林镇材料/(\S+?)：(.+)$", text, re.MULTILINE)
    assert [name for name, _ in listed] == names
    assert dict(listed)["物资台账.xlsx"] == "Excel 表格；已完整读取"
    assert dict(listed)["值班表.pdf"] == "PDF，1 页；未能完整读取"
    assert dict(listed)["防汛演练1.jpg"] == "照片"
    assert "       · 照片按文件名和拍摄日期计为证据，图中的文字未识别（尚不支持文字识别）" in text
    assert "文件：" not in text and "五、文件读取情况" not in text
    markdown = render(bundle, "md")
    assert markdown.startswith("# 标准化建设材料检查报告：") and "## 材料清单（共 5 个文件）" in markdown
    assert all(markdown.count(f"`柳林镇材料/{name}`") == 1 for name in names)
    html = render(bundle, "html")
    assert "<title>标准化建设材料检查报告 — " in html and "<h1>标准化建设材料检查报告</h1>" in html
    assert html.count("<td>柳林镇材料/物资台账.xlsx</td>") == 1
    data = bundle.to_dict()
    jsonschema.validate(data, report_schema())
    assert data["bundle"] is True and {d["format"] for d in data["documents"]} == {"pdf", "text", "xlsx", "image"}


def test_every_report_states_the_gate_rule_on_its_first_screen() -> None:
    weak = check(EXAMPLES / "township_weak.docx", "township", as_of=AS_OF)
    for fmt in ("txt", "md", "html"):
        shown = render(weak, fmt)
        head = shown[:shown.index("一、内容质量问题")]
        assert GATE_RULE in head and "得分只反映整体完整程度" in head, fmt
    assert "总分低于" not in render(weak, "txt")
    plan = render(weak, "txt")
    assert plan.startswith("应急预案检查报告（") and "材料清单" not in plan
