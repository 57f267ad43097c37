"""The batch summary made for triage: HTML counts, titles, element names and matrix; XLSX and CSV
contents with a formula-injection file name; --summary-format choices and errors."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES

from plancheck.cli import main

HOSTILE = '=HYPERLINK("evil.example","点我").docx'


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three plans (one under a formula-like name) and a broken file, checked into a folder with Word sheets."""
    folder = tmp_path_factory.mktemp("batch")
    inputs = folder / "in"
    inputs.mkdir()
    shutil.copy(EXAMPLES / "township_strong.docx", inputs / "青林镇.docx")
    shutil.copy(EXAMPLES / "township_weak.docx", inputs / HOSTILE)
    (inputs / "坏文件.docx").write_bytes(b"PK\x03\x04 not a Word file")
    out = folder / "out"
    code = main(["check", str(inputs / "青林镇.docx"), str(inputs / HOSTILE), str(inputs / "坏文件.docx"),
                 "-f", "docx", "-o", f"{out}/", "--as-of", "2026-11-29"])
    assert code == 2  # a file could not be read
    for fmt in ("html", "csv"):
        assert main(["check", str(inputs / "青林镇.docx"), str(inputs / HOSTILE), str(inputs / "坏文件.docx"),
                     "-o", f"{out}/{fmt}/", "--summary-format", fmt, "--as-of", "2026-11-29"]) == 2
    return out


def test_word_reports_bring_an_excel_summary(batch: Path, capsys) -> None:
    assert sorted(p.name for p in batch.iterdir() if p.is_file()) == sorted(
        ["青林镇.docx", "=HYPERLINK(_evil.example_,_点我_).docx", "汇总.xlsx"])


def test_excel_summary_rows_counts_and_matrix(batch: Path) -> None:
    book = openpyxl.load_workbook(batch / "汇总.xlsx")
    assert book.sheetnames == ["汇总", "要素矩阵"]
    rows = list(book["汇总"].iter_rows(values_only=True))
    assert rows[1][1] == "共 3 份：通过 1 份，基本通过 0 份，不通过 1 份，无法评定 0 份，无法读取 1 份。"
    header = rows.index(next(r for r in rows if r[0] == "序号"))
    assert rows[header][:5] == ("序号", "文件", "预案名称", "乡镇(街道)/村(社区)", "结论")
    table = {r[1]: r for r in rows[header + 1:]}
    hostile = table["'" + HOSTILE]  # neutralised: Excel shows the text, never runs it
    assert hostile[2:7] == ("柳庄镇突发事件应急预案", "柳庄镇", "不通过", 26.3, "不合格")
    assert "T-13 24小时值班和值班电话" in hostile[7]
    assert table["青林镇.docx"][3:5] == ("青林镇", "通过")
    assert table["坏文件.docx"][4] == "无法读取"
    assert book["汇总"].freeze_panes == f"A{header + 2}"
    matrix = list(book["要素矩阵"].iter_rows(values_only=True))
    assert matrix[0] == ("要素（★为关键要素）", "1. 青林镇", "2. 柳庄镇")
    assert ("★T-13 24小时值班和值班电话", "符合", "不符合") in matrix
    assert book["要素矩阵"].cell(2, 3).fill.fgColor.rgb.endswith("FFC7CE")  # T-01 不符合 in red
    assert book["要素矩阵"].page_setup.orientation == "landscape"


def test_csv_summary_has_a_bom_and_neutralised_cells(batch: Path) -> None:
    data = (batch / "csv" / "汇总.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows[0][:5] == ["序号", "文件", "预案名称", "乡镇(街道)/村(社区)", "结论"]
    assert rows[2][1] == "'" + HOSTILE and rows[2][4] == "不通过"
    assert [row[4] for row in rows[1:]] == ["通过", "不通过", "无法读取"]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_html_summary_counts_titles_names_and_matrix(batch: Path) -> None:
    html = (batch / "html" / "汇总.html").read_text("utf-8")
    counts = dict(re.findall(r'data-count="(\w+)">[^<]*<strong>(\d+)</strong>', html))
    assert counts == {"pass": "1", "conditional": "0", "fail": "1", "unassessable": "0", "error": "1"}
    assert "<td>柳庄镇突发事件应急预案</td><td>柳庄镇</td>" in html
    assert '<span class="element">T-26B 附件：主要风险清单</span>' in html
    assert 'class="gate fail" data-sort="1">不通过</td>' in html
    matrix = html[html.index('<table id="matrix"'):]
    assert '<th title="青林镇.docx">1. 青林镇</th>' in matrix
    assert re.search(r"★T-13 24小时值班和值班电话</th>\s*<td class=\"v met\">符合</td><td class=\"v not_met\">不符合</td>", matrix)
    assert "<script>" in html and "data-sortable" in html and "localeCompare" in html  # inline: works from disk


@pytest.mark.parametrize(("argv", "message"), [
    (["--summary-format", "docx"], "无法生成 docx 格式的汇总表：--summary-format 可用 html、md、txt、json、xlsx、csv"),
    (["--summary-format", "xlsx"], "xlsx 汇总表是文件，请用 -o 指定保存的文件夹"),
])
def test_summary_formats_that_cannot_be_made_are_refused_in_chinese(argv: list[str], message: str, capsys) -> None:
    assert main(["check", str(EXAMPLES / "township_strong.docx"), str(EXAMPLES / "village.docx"), *argv]) == 2
    assert message in capsys.readouterr().err


def test_a_summary_asked_for_one_plan_is_written_next_to_its_report(tmp_path: Path, capsys) -> None:
    assert main(["check", str(EXAMPLES / "township_strong.docx"), "-o", str(tmp_path / "r.html"),
                 "--summary-format", "csv", "--as-of", "2026-11-29"]) == 0
    assert f"汇总表（csv）已写入 {tmp_path / '汇总.csv'}" in capsys.readouterr().out
    rows = list(csv.reader((tmp_path / "汇总.csv").read_text("utf-8-sig").splitlines()))
    assert rows[1][1:5] == ["township_strong.docx", "天津市滨河区青林镇突发事件综合应急预案", "青林镇", "通过"]


def test_an_unassessable_plan_has_no_score_in_the_sheet_and_the_summary(monkeypatch) -> None:
    """The gate another change adds for inputs that cannot be assessed (score None, 无法评定)."""
    import dataclasses
    import io

    from plancheck import check
    from plancheck.findings import GATE_LABELS
    from plancheck.report import render
    from plancheck.report.rendering import render_summary

    monkeypatch.setitem(GATE_LABELS, "unassessable", "无法评定")
    report = check(EXAMPLES / "township_weak.docx", "township")
    blank = dataclasses.replace(report, scorecard=dataclasses.replace(
        report.scorecard, score=None, grade="", gate="unassessable", gate_reasons=["文件没有文字层，无法评定"]))
    sheet = list(openpyxl.load_workbook(io.BytesIO(render(blank, "xlsx")))["评审表"].iter_rows(values_only=True))
    assert ("自动评定", "无法评定") == sheet[5][:2]
    assert next(row[1] for row in sheet if row[0] == "总体评审结论") == "无法评定。文件没有文字层，无法评定。"
    items = [("扫描件.pdf", blank, ""), ("weak.docx", report, "")]
    html = render_summary(items, "html")
    assert re.search(r'data-count="unassessable">无法评定 <strong>1</strong>', html)
    assert '<td class="num" data-sort="-1">—</td>' in html
    assert "共 2 份：通过 0 份，基本通过 0 份，不通过 1 份，无法评定 1 份，无法读取 0 份。" in render_summary(items, "txt")
    rows = list(openpyxl.load_workbook(io.BytesIO(render_summary(items, "xlsx")))["汇总"].iter_rows(values_only=True))
    assert next(row for row in rows if row[1] == "扫描件.pdf")[4:6] == ("无法评定", None)


def test_a_mixed_auto_batch_names_every_rule_set_in_the_summary_header(tmp_path: Path) -> None:
    """Under --standard auto a township and a village plan use two rule sets; the header names both."""
    out = tmp_path / "out"
    main(["check", str(EXAMPLES / "township_strong.docx"), str(EXAMPLES / "village.docx"), "-s", "auto",
          "-o", f"{out}/", "--summary-format", "txt", "--as-of", "2026-11-29"])
    header = (out / "汇总.txt").read_text("utf-8").splitlines()[0]
    assert re.search(r"规则集 township \S+、village \S+", header), header
