"""Comparing two drafts: the shipped weak example against a copy with the missing chapters written in."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from conftest import AS_OF, EXAMPLES

import plancheck
from plancheck.cli import main
from plancheck.report.comparison import render_comparison

WEAK = EXAMPLES / "township_weak.docx"


@pytest.fixture(scope="module")
def fixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The weak plan with chapters on aftermath and plan management added, and its contact list retitled
    so that it no longer reads as the 应急通讯录 attachment."""
    document = docx.Document(str(WEAK))
    annex = next(p for p in document.paragraphs if p.text.startswith("附件1"))
    for text, style in [("八、后期处置", "Heading 1"), ("开展灾情核查，建立台账，做好受灾群众生活救助和总结评估。", None),
                        ("九、预案管理", "Heading 1"), ("每年至少组织2次应急演练，形式包括桌面推演和实战演练。", None),
                        ("本预案每3年评估一次。", None), ("本预案印发后20个工作日内报区人民政府备案，并附编制说明。", None)]:
        annex.insert_paragraph_before(text, style)
    annex.text = "附件1 人员名单"
    path = tmp_path_factory.mktemp("drafts") / "柳庄镇预案_修改稿.docx"
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def comparison(fixed: Path) -> plancheck.Comparison:
    return plancheck.compare(WEAK, fixed, "township", as_of=AS_OF)


def test_fixed_new_and_persisting_elements_and_the_score_change(comparison: plancheck.Comparison) -> None:
    assert [c.after.rule.id for c in comparison.fixed] == ["T-19", "T-22", "T-24"]
    assert [(c.after.rule.id, c.before.verdict, c.after.verdict) for c in comparison.new] == [("T-26A", "met", "partial")]
    better = {c.after.rule.id: (c.before.verdict, c.after.verdict) for c in comparison.persisting if c.trend == "better"}
    assert better["T-23"] == ("not_met", "partial")
    assert all(c.trend == "same" for c in comparison.persisting if c.after.rule.id == "T-13")
    assert (comparison.before.score, comparison.after.score, comparison.score_change) == (26.3, 30.0, 3.7)
    assert (comparison.before.gate, comparison.after.gate, comparison.passes) == ("fail", "fail", False)
    assert comparison.unchanged_met == 0
    total = len(comparison.fixed) + len(comparison.new) + len(comparison.persisting) + comparison.unchanged_met
    assert total == sum(1 for f in comparison.after.findings if f.verdict != "not_applicable")


@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
def test_every_format_names_what_changed(comparison: plancheck.Comparison, fmt: str) -> None:
    text = render_comparison(comparison, fmt)
    assert "得分变化" in text and "+3.7" in text and "26.3 → 30.0" in text
    assert "已改好（原稿有差距，新稿不再有）：3 项" in text
    assert "[T-19] 后期处置（救助、恢复、总结）：不符合 → 符合" in text
    assert "[T-26A] 附件：应急通讯录【关键要素】：符合 → 基本符合" in text
    assert "[T-23] 评估和修订：不符合 → 基本符合（有改进）" in text


def test_json_and_exit_codes_follow_the_new_draft(fixed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(WEAK), str(fixed), "-f", "json", "--as-of", "2026-11-29"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [c["rule_id"] for c in data["fixed"]] == ["T-19", "T-22", "T-24"]
    assert data["new"][0] | {"remedy": ""} == {"rule_id": "T-26A", "title": "附件：应急通讯录", "key": True, "before": "met",
                                              "before_label": "符合", "after": "partial", "after_label": "基本符合",
                                              "trend": "worse", "remedy": "", "waived": None}
    assert (data["before"]["gate"], data["after"]["score"], data["score_change"]) == ("fail", 30.0, 3.7)
    out = tmp_path / "比较.html"
    assert main(["compare", str(fixed), str(EXAMPLES / "township_strong.docx"), "-o", str(out), "--as-of", "2026-11-29"]) == 0
    assert "新稿：通过，得分 100.0（+70.0）。比较结果已写入" in capsys.readouterr().out
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_bad_compare_requests_get_chinese_messages(fixed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(WEAK), str(fixed), "-o", str(tmp_path / "比较.docx")]) == 2
    assert "比较结果不能保存为 .docx：可用 .html、.md、.txt、.json，扩展名应与 -f 一致" in capsys.readouterr().err
    assert main(["compare", str(WEAK), str(fixed), "-f", "md", "-o", str(tmp_path / "比较.html")]) == 2
    assert "比较结果不能保存为 .html" in capsys.readouterr().err
    assert main(["compare", str(WEAK), str(tmp_path / "没有.docx")]) == 2
    assert "找不到文件" in capsys.readouterr().err
    draft = tmp_path / "修改稿.md"  # read by its content: a Word file, whatever its name
    draft.write_bytes(fixed.read_bytes())
    assert main(["compare", str(WEAK), str(draft), "-o", str(draft)]) == 2
    assert "报告会覆盖被检查的文件本身" in capsys.readouterr().err
    assert draft.read_bytes() == fixed.read_bytes()
