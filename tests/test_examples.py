"""The bundled example plans, end to end: verdicts, evidence at its location, score explanation, every format."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import AS_OF, EXAMPLES, ROOT

from plancheck import check, load_document
from plancheck.report import render

SCHEMA = json.loads((ROOT / "standards" / "schema" / "report.schema.json").read_text("utf-8"))
CASES = [("township_strong.docx", "township"), ("township_strong.pdf", "township"),
         ("township_weak.docx", "township"), ("village.docx", "village")]


@pytest.fixture(scope="module")
def reports() -> dict:
    return {name: check(EXAMPLES / name, standard, as_of=AS_OF) for name, standard in CASES}


def test_gates_scores_and_grades(reports: dict) -> None:
    summary = {name: (r.gate_label, r.score, r.grade) for name, r in reports.items()}
    assert summary == {"township_strong.docx": ("通过", 100.0, "优秀"), "township_strong.pdf": ("通过", 100.0, "优秀"),
                       "township_weak.docx": ("不通过", 26.3, "不合格"), "village.docx": ("通过", 100.0, "优秀")}


def test_weak_plan_names_its_missing_key_elements_with_remedies(reports: dict) -> None:
    weak = reports["township_weak.docx"]
    failing_keys = sorted(f.rule.id for f in weak.findings if f.rule.key and f.verdict == "not_met")
    # Hollow sections (a heading with one generic sentence) are 基本符合 since issue 10, not 不符合.
    assert failing_keys == ["Q-1", "Q-3", "T-01", "T-06", "T-11", "T-13", "T-26B", "T-26C", "T-26D"]
    assert "关键要素 T-11「风险监测力量和任务」不符合" in weak.gate_reasons
    text = render(weak, "txt")
    assert "修改建议：在“组织体系”中写明应急指挥部的组成：总指挥由镇党委书记或镇长" in text
    assert "缺：设有“基本情况/风险分析”章节（在全文中未找到：基本情况、区域概况、风险分析、主要风险、风险描述、镇情、概况）" in text


def _block_at(document, location):
    return next(b for b in document.blocks if b.location.block == location.block)


@pytest.mark.parametrize("name", [name for name, _ in CASES])
def test_every_quote_occurs_in_the_document_at_its_location(reports: dict, name: str) -> None:
    document = load_document(EXAMPLES / name)
    quotes = 0
    for finding in reports[name].findings:
        for evidence in finding.evidence:
            block = _block_at(document, evidence.location)
            assert block.location.heading_path == evidence.location.heading_path
            if evidence.location.row:
                assert evidence.quote in " | ".join(block.rows[evidence.location.row - 1])
            else:
                assert evidence.quote in block.text or evidence.quote == block.label
            quotes += 1
    assert quotes > 30


def test_score_explanation_adds_up(reports: dict) -> None:
    for report in reports.values():
        credits = [report.scorecard.credit_of(f) for f in report.findings if f.verdict != "not_applicable"]
        assert abs(sum(c.contribution for c in credits) - report.score) < 0.05
        assert sum(c.contribution + c.gain for c in credits) == pytest.approx(100)
    weak = reports["township_weak.docx"]
    gains = [weak.scorecard.credit_of(f).gain for f in weak.gaps]
    assert gains == sorted(gains, reverse=True) and round(gains[0], 2) == 3.7
    assert "（修改后可加 3.70 分）" in render(weak, "txt")


@pytest.mark.parametrize("name", [name for name, _ in CASES])
def test_json_follows_the_published_schema(reports: dict, name: str) -> None:
    data = json.loads(render(reports[name], "json"))
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(data)
    assert data["documents"][0]["sha256"] == load_document(EXAMPLES / name).sha256
    assert len(data["ruleset"]["sha256"]) == 64


def test_every_format_renders_the_findings(reports: dict) -> None:
    weak = reports["township_weak.docx"]
    html, markdown, text = render(weak, "html"), render(weak, "md"), render(weak, "txt")
    for output in (html, markdown, text):
        assert "不通过" in output and "26.3" in output and "T-26B" in output
        assert "号码“1390221100”无法拨通：手机号应为11位，这里是10位" in output
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html and "Noto Sans CJK SC" in html and "@media print" in html
    assert "<script" not in html and "http" not in html.split("</style>")[0]
    assert markdown.startswith("# 应急预案检查报告") and "| T-06 | 基本情况和主要风险 | 是 | 5.0 | 不符合 |" in markdown
    assert text.index("一、内容质量问题") < text.index("二、需要修改的要素")


def test_html_escapes_document_text(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("青林镇应急预案\n一、总则\n值班电话：1381234567<script>alert(1)</script>", encoding="utf-8")
    html = render(check(plan, "township", as_of=AS_OF), "html")
    assert "<script>" not in html
    assert "值班电话：1381234567&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_weak_plan_shows_every_kind_of_defect_and_strong_plan_none(reports: dict) -> None:
    weak = {f.rule.id: f for f in reports["township_weak.docx"].findings}
    for rule_id in ("Q-1", "Q-2", "Q-3", "Q-4", "Q-5", "Q-6", "Q-7", "Q-8"):
        assert weak[rule_id].verdict == "not_met", rule_id
    for name in ("township_strong.docx", "township_strong.pdf", "village.docx"):
        quality = [f for f in reports[name].findings if f.rule.aspect == "quality"]
        assert [f.rule.id for f in quality if f.verdict not in ("met", "not_applicable")] == [], name
        assert all(not e.note for f in quality for e in f.evidence)


def test_committed_example_reports_are_current(reports: dict) -> None:
    for name in ("township_strong", "township_weak", "village"):
        committed = json.loads((EXAMPLES / "reports" / f"{name}.json").read_text("utf-8"))
        fresh = json.loads(render(reports[f"{name}.docx"], "json"))
        assert (committed["score"], committed["gate"]) == (fresh["score"], fresh["gate"]), name
        assert [f["verdict"] for f in committed["findings"]] == [f["verdict"] for f in fresh["findings"]], name


def test_word_review_sheet_for_reviewers(reports: dict, tmp_path: Path) -> None:
    import docx

    path = tmp_path / "weak.docx"
    path.write_bytes(render(reports["township_weak.docx"], "docx"))
    document = docx.Document(str(path))
    header = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert header["预案名称"] == "柳庄镇突发事件应急预案" and header["自动评定"] == "不通过，得分 26.3 / 100（不合格）"
    rows = [[cell.text for cell in row.cells] for row in document.tables[1].rows]
    assert rows[0] == ["序号", "要素（★为关键要素）", "评审内容/依据", "评审结果", "评审意见"]
    contacts = next(row for row in rows if row[1] == "★通讯录和联系电话真实有效")
    assert contacts[3] == "不符合" and "附件1“应急通讯录” 表1第2行「1390221100」：号码“1390221100”无法拨通" in contacts[4]
    assert contacts[4].splitlines()[-1].startswith("建议：逐一拨打核对通讯录")
    risks = next(row for row in rows if row[1] == "★基本情况和主要风险")
    assert risks[3] == "不符合" and "设有“基本情况/风险分析”章节：未见相关内容" in risks[4]
    assert "{{" not in "".join(p.text for p in document.paragraphs)


def test_word_report_survives_markup_characters_in_the_document(tmp_path: Path) -> None:
    import docx

    plan = tmp_path / "plan.txt"
    plan.write_text("青林镇应急预案\n一、总则\n值班电话：1381234567 <A&B>", encoding="utf-8")
    out = tmp_path / "r.docx"
    out.write_bytes(render(check(plan, "township", as_of=AS_OF), "docx"))
    cells = "".join(cell.text for table in docx.Document(str(out)).tables for row in table.rows for cell in row.cells)
    assert "值班电话：1381234567 <A&B>" in cells
