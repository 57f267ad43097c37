"""Waivers: a recorded decision, with its reason, that a finding is wrong or does not apply — applied before
scoring, shown in every report format, never silently; a bad waiver file gets a Chinese message with its line."""

from __future__ import annotations

import io
import json
import shutil
from datetime import date
from pathlib import Path

import docx
import jsonschema
import pytest
from conftest import AS_OF, EXAMPLES

import plancheck
from plancheck.cli import main
from plancheck.errors import WaiverError
from plancheck.report import render
from plancheck.scoring import score

WEAK = EXAMPLES / "township_weak.docx"


def entry(rule: str, verdict: str = "false_positive", **extra: str) -> dict[str, str]:
    return {"rule": rule, "verdict": verdict, "reason": f"{rule} 经现场核实，工具判断有误", "by": "李评审",
            "date": "2026-11-20", **extra}


@pytest.fixture(scope="module")
def plain() -> plancheck.Report:
    return plancheck.check(WEAK, as_of=AS_OF)


def test_a_false_positive_counts_as_met_and_the_score_and_gate_are_recomputed(plain: plancheck.Report) -> None:
    original = next(f for f in plain.findings if f.rule.id == "T-06")
    assert original.verdict == "not_met" and original.fails_gate
    report = plancheck.check(WEAK, as_of=AS_OF, waivers={"waivers": [entry("T-06")]})
    waived = next(f for f in report.findings if f.rule.id == "T-06")
    assert (waived.verdict, waived.waived.original, waived.waived.waiver.by) == ("met", "not_met", "李评审")
    assert report.score > plain.score
    assert report.scorecard == score(report.findings, report.ruleset.grading, report.ruleset.aspects)
    assert any("T-06" in reason for reason in plain.gate_reasons)
    assert not any("T-06" in reason for reason in report.gate_reasons)
    assert [f.rule.id for f in report.waived] == ["T-06"] and report.waiver_notices == []


def test_not_applicable_takes_the_element_out_of_the_score(plain: plancheck.Report) -> None:
    report = plancheck.check(WEAK, as_of=AS_OF, waivers=[plancheck.Waiver(
        "T-28", "not_applicable", "编制程序材料由区应急管理局另行审查", "王科长", date(2026, 11, 20))])
    assert next(f for f in report.findings if f.rule.id == "T-28").verdict == "not_applicable"
    assert "T-28" in plain.scorecard.credits and "T-28" not in report.scorecard.credits
    weights = sum(f.rule.weight for f in plain.findings if f.verdict != "not_applicable")
    earned = plain.score * weights / 100
    assert report.score == pytest.approx(earned / (weights - report.ruleset.rule("T-28").weight) * 100, abs=0.06)


def test_a_quote_limits_the_waiver_to_findings_whose_evidence_contains_it(plain: plancheck.Report) -> None:
    finding = next(f for f in plain.findings if f.is_gap and f.evidence)
    quote = finding.evidence[0].quote[:6]
    report = plancheck.check(WEAK, as_of=AS_OF, waivers={"waivers": [
        entry(finding.rule.id, quote=quote), entry("T-13", quote="预案中没有的一句话")]})
    assert next(f for f in report.findings if f.rule.id == finding.rule.id).waived.waiver.quote == quote
    assert next(f for f in report.findings if f.rule.id == "T-13").verdict == "not_met"
    assert [(n.code, n.waiver.rule, n.waiver.entry) for n in report.waiver_notices] == [("unmatched", "T-13", 2)]


def test_an_expired_waiver_is_reported_and_not_applied() -> None:
    report = plancheck.check(WEAK, as_of=AS_OF, waivers={"waivers": [entry("T-06", expires="2026-06-30")]})
    assert next(f for f in report.findings if f.rule.id == "T-06").verdict == "not_met"
    assert [(n.code, n.waiver.rule) for n in report.waiver_notices] == [("expired", "T-06")]
    assert report.to_dict()["waivers"]["notices"][0]["expires"] == "2026-06-30"


def test_a_waiver_for_an_element_already_met_matches_nothing(plain: plancheck.Report) -> None:
    met = next(f for f in plain.findings if f.verdict == "met")
    report = plancheck.check(WEAK, as_of=AS_OF, waivers={"waivers": [entry(met.rule.id, "met")]})
    assert report.score == plain.score
    assert [n.code for n in report.waiver_notices] == ["unmatched"]


@pytest.fixture()
def waived_report() -> plancheck.Report:
    return plancheck.check(WEAK, as_of=AS_OF, waivers={"waivers": [
        entry("T-06"), entry("T-28", "not_applicable", reason="由区应急管理局另行审查", expires="2026-12-31"),
        entry("T-22", expires="2026-01-01")]})


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx"])
def test_every_format_shows_each_waived_finding_with_its_reason_author_date_and_the_original_verdict(
        waived_report: plancheck.Report, fmt: str) -> None:
    output = render(waived_report, fmt)
    if fmt == "docx":
        document = docx.Document(io.BytesIO(output))
        output = "\n".join([p.text for p in document.paragraphs] +
                           [c.text for t in document.tables for row in t.rows for c in row.cells])
    assert ("四、豁免记录" if fmt == "docx" else "六、豁免记录") in output and "已采用 2 项豁免" in output
    assert "[T-06] 基本情况和主要风险：不符合 → 符合（工具误报）；理由：T-06 经现场核实，工具判断有误；豁免人：李评审，2026-11-20" in output
    assert "不符合 → 不适用；理由：由区应急管理局另行审查；豁免人：李评审，2026-11-20，有效期至 2026-12-31" in output
    assert "第 3 条豁免（T-22，李评审，2026-11-20）已于 2026-01-01 过期，未采用" in output
    assert "【已豁免，原为不符合】" in output


def test_the_json_records_waivers_and_follows_the_schema(waived_report: plancheck.Report) -> None:
    data = json.loads(render(waived_report, "json"))
    jsonschema.validate(data, plancheck.report_schema())
    assert data["schema_version"] == plancheck.SCHEMA_VERSION == "2.0"
    waived = {f["rule_id"]: f["waived"] for f in data["findings"] if f["waived"]}
    assert set(waived) == {"T-06", "T-28"}
    assert waived["T-06"] | {"reason": ""} == {
        "entry": 1, "rule": "T-06", "quote": None, "verdict": "false_positive", "verdict_label": "误报，按符合计",
        "reason": "", "by": "李评审", "date": "2026-11-20", "expires": None, "original_verdict": "not_met",
        "original_verdict_label": "不符合"}
    assert data["waivers"] | {"notices": []} == {"source": "", "automatic": False, "entries": 3,
                                                "applied": ["T-06", "T-28"], "notices": []}
    plain = plancheck.check(EXAMPLES / "township_strong.docx", as_of=AS_OF).to_dict()
    jsonschema.validate(plain, plancheck.report_schema())
    assert plain["waivers"] is None and all(f["waived"] is None for f in plain["findings"])


def test_a_waiver_file_beside_the_plan_is_picked_up_and_the_report_says_so(tmp_path: Path) -> None:
    plan = tmp_path / "柳庄镇预案.docx"
    shutil.copy(WEAK, plan)
    (tmp_path / "柳庄镇预案.waivers.yaml").write_text(
        "waivers:\n  - rule: T-06\n    verdict: false_positive\n    reason: 基本情况写在附件中\n    by: 李评审\n    date: 2026-11-20\n",
        "utf-8")
    report = plancheck.check(plan, as_of=AS_OF)
    assert report.waivers.automatic and report.waivers.source == str(tmp_path / "柳庄镇预案.waivers.yaml")
    assert [f.rule.id for f in report.waived] == ["T-06"]
    out = tmp_path / "r.txt"
    assert main(["check", str(plan), "-o", str(out), "--as-of", "2026-11-29"]) == 1
    assert "与预案同名，自动采用" in out.read_text("utf-8")
    given = tmp_path / "其他.yaml"
    given.write_text("waivers: []\n", "utf-8")
    assert main(["check", str(plan), "--waivers", str(given), "-o", str(out), "--as-of", "2026-11-29"]) == 1
    text = out.read_text("utf-8")
    assert "已采用 0 项豁免（豁免文件 " + str(given) in text and "自动采用" not in text


@pytest.mark.parametrize("text, message", [
    ("waivers:\n  - rule: T-06\n    verdict: ok\n    reason: 理由充分\n    by: 李\n    date: 2026-11-20\n",
     "第 3 行，第 1 条豁免（T-06）的“豁免结论”应为 not_applicable（不适用）、met（符合）、false_positive（误报，按符合计）之一，而不是 'ok'"),
    ("waivers:\n  - rule: T-06\n    verdict: met\n    by: 李\n    date: 2026-11-20\n", "第 2 行，第 1 条豁免（T-06）缺少“理由”"),
    ("waivers:\n  - rule: T-06\n    verdict: met\n    reason: ''\n    by: 李\n    date: 2026-11-20\n",
     "第 4 行，第 1 条豁免（T-06）的“理由”不能为空，请写明理由"),
    ("waivers:\n  - rule: T-06\n    verdict: met\n    reson: 理由充分\n    by: 李\n    date: 2026-11-20\n",
     "有不认识的项：“reson”（是不是 reason？）"),
    ("waivers:\n  - rule: T-06\n    verdict: met\n    reason: 理由充分\n    by: 李\n    date: 2026/11/20\n",
     "第 6 行，第 1 条豁免（T-06）的“日期”应写成 2026-01-31 的形式，而不是 '2026/11/20'"),
    ("waivers:\n  - rule: T-06\n    verdict: met\n    reason: 理由充分\n    by: 李\n    date: 2026-02-30\n",
     "第 6 行的日期不存在，请核对"),
    ("waivers:\n  - rule: T-6\n    verdict: met\n    reason: 理由充分\n    by: 李\n    date: 2026-11-20\n",
     "第 2 行，第 1 条豁免（T-6）的规则编号 T-6 不在所用规则集中（是不是 T-16？）"),
    ("waivers: [\n", "第 2 行不是有效的 YAML"),
    ("- rule: T-06\n", "应以“waivers:”开头"),
])
def test_a_bad_waiver_file_gets_a_chinese_message_naming_file_line_and_entry(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str) -> None:
    path = tmp_path / "豁免.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(WaiverError, match="豁免文件 .*豁免.yaml：") as error:
        plancheck.check(WEAK, as_of=AS_OF, waivers=path)
    assert message in error.value.message
    assert main(["check", str(WEAK), "--waivers", str(path)]) == 2
    stderr = capsys.readouterr().err
    assert message in stderr and "Traceback" not in stderr


def test_every_problem_of_a_waiver_file_is_reported_at_once() -> None:
    with pytest.raises(WaiverError) as error:
        plancheck.check(WEAK, as_of=AS_OF, waivers={"waivers": [{"rule": "T-06"}, entry("T-99")]})
    assert error.value.message.startswith("豁免有误：第 1 条豁免（T-06）缺少“豁免结论”“理由”“豁免人”“日期”")
    assert error.value.code == "invalid_waivers"
