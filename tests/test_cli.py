"""The command line as a clerk or a reviewer uses it: exit codes, Chinese messages, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, ROOT

from plancheck.cli import main


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "plancheck", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_check_writes_report_and_exit_code_follows_gate(tmp_path: Path) -> None:
    strong = run("check", str(EXAMPLES / "township_strong.docx"), "-o", str(tmp_path / "r.html"), "--as-of", "2026-11-29")
    assert strong.returncode == 0, strong.stderr
    assert "township_strong.docx：通过，得分 100.0，等级 优秀。报告已写入" in strong.stdout
    assert (tmp_path / "r.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    weak = run("check", str(EXAMPLES / "township_weak.docx"), "--format", "json", "--as-of", "2026-11-29")
    assert weak.returncode == 1
    assert json.loads(weak.stdout)["gate_label"] == "不通过"


def test_several_files_into_a_folder(tmp_path: Path) -> None:
    code = main(["check", str(EXAMPLES / "township_strong.docx"), str(EXAMPLES / "township_weak.docx"),
                 "-o", str(tmp_path), "-f", "md", "--as-of", "2026-11-29"])
    assert code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["township_strong.md", "township_weak.md", "汇总.md"]


@pytest.mark.parametrize("args, message", [
    (["check", "没有这个文件.docx"], "错误：没有这个文件.docx：找不到文件，请检查路径是否正确"),
    (["check", "examples/township_strong.docx", "--standard", "county"], "错误：county：找不到规则集"),
    (["check", "examples/township_strong.docx", "--set", "drills"], "--set 应写成 参数名=值"),
    (["check", "examples/township_strong.docx", "--set", "no_such=1"], "覆盖文件设置了不存在的参数 'no_such'"),
    (["check", "examples/township_strong.docx", "--as-of", "昨天"], "日期应写成 2026-01-31 的形式"),
    (["rules", "show", "T-99"], "错误：找不到规则 'T-99'"),
    (["frobnicate"], "命令用法有误"),
])
def test_bad_input_gets_chinese_message_exit_2_and_no_traceback(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_unreadable_file_exits_2_with_reason(tmp_path: Path) -> None:
    bad = tmp_path / "预案.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    result = run("check", str(bad))
    assert result.returncode == 2 and "文件已损坏" in result.stderr and "Traceback" not in result.stderr


def test_inspect_shows_outline_tables_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", str(EXAMPLES / "township_strong.docx")]) == 0
    text = capsys.readouterr().out
    assert "  一、总则　〔1级，第4段〕" in text and "表1（附件1应急通讯录，表1）：11 行" in text
    assert main(["inspect", str(EXAMPLES / "township_strong.pdf"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["outline"][0] == {"level": 1, "number": "一、", "title": "总则", "location": {
        "block": 4, "heading_path": [], "page": 1, "paragraph": None, "table": None, "row": None, "column": None,
        "file": str(EXAMPLES / "township_strong.pdf")}}
    assert data["pages"] == 6 and data["warnings"] == [] and data["complete"] is True


def test_rules_test_names_a_missing_partial_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A rule whose checks can give 基本符合 needs a partial example; a yes-or-no rule (S-M7) does not."""
    text = (ROOT / "standards" / "standardization.yaml").read_text("utf-8")
    partial = next(line for line in text.splitlines() if line.startswith("      partial: [\"青林镇突发事件信息报送制度"))
    (tmp_path / "rules.yaml").write_text(text.replace(partial + "\n", ""), "utf-8")
    assert main(["rules", "test", "--standard", str(tmp_path / "rules.yaml")]) == 1
    out = capsys.readouterr().out
    assert "失败 standardization S-M2：缺少应为基本符合的示例" in out and "1 failed" in out


def test_rules_list_validate_test_and_docs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list", "--standard", "village"]) == 0
    assert "  V-05    关键  权重   6  预警接收和叫应到户　〔应对法 第65条，C〕" in capsys.readouterr().out
    assert main(["rules", "validate"]) == 0
    assert "校验 5 个规则集：0 个错误，0 个提示" in capsys.readouterr().out
    assert main(["rules", "test"]) == 0
    assert "全部示例通过" in capsys.readouterr().out
    assert main(["rules", "docs", "-o", str(tmp_path)]) == 0
    township = (tmp_path / "township.md").read_text("utf-8")
    assert "| T-07 | 应急指挥机构及总指挥 | 组织体系 | 是 | 6.0 | 编制参考(乡镇) 4.2 | 确认 | 原文确认 |" in township
    standardization = (tmp_path / "standardization.md").read_text("utf-8")
    assert "- 证据材料：材料包中文件名含 领导小组、委员会、指挥部、组成人员、应急机构 的文件可能是本项的证据" in standardization


def test_committed_rule_catalog_matches_the_rule_sets(tmp_path: Path) -> None:
    assert main(["rules", "docs", "-o", str(tmp_path)]) == 0
    for generated in tmp_path.iterdir():
        assert generated.read_text("utf-8") == (ROOT / "docs" / "rules" / generated.name).read_text("utf-8"), generated.name


def test_catalog_lists_every_catalog_id() -> None:
    text = "".join((ROOT / "docs" / "rules" / f"{n}.md").read_text("utf-8") for n in ("township", "village", "standardization"))
    ids = [f"T-{n:02d}" for n in range(1, 26)] + [f"T-26{c}" for c in "ABCDEF"] + ["T-27", "T-28"]
    ids += [f"Q-{n}" for n in range(1, 9)] + [f"V-{n:02d}" for n in range(1, 14)]
    ids += ["S-O1", "S-O2", "S-O3", "S-O4", "S-O5", "S-M1", "S-M2", "S-M3", "S-M4", "S-M5", "S-M6", "S-M7",
            "S-P1", "S-P2", "S-P3", "S-P4", "S-P5", "S-P6", "S-G1", "S-G2", "S-G3", "S-G4", "S-E1", "S-E2", "S-E3", "S-E4", "S-E5"]
    for rule_id in ids:
        assert f"### {rule_id} " in text, rule_id


def test_overlay_raises_drills_and_turns_a_met_rule_into_a_gap(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    overlay = tmp_path / "binhe.yaml"
    overlay.write_text(yaml.safe_dump({
        "extends": "township", "title": "滨河区乡镇预案检查（加严）",
        "params": {"drills_per_year": 3}, "weights": {"T-22": 4},
        "disable": {"T-28": "编制程序材料由区应急管理局另行审查"}}, allow_unicode=True), encoding="utf-8")
    assert main(["check", str(EXAMPLES / "township_strong.docx"), "--standard", str(overlay), "-f", "json",
                 "--as-of", "2026-11-29"]) == 0
    data = json.loads(capsys.readouterr().out)
    drills = next(f for f in data["findings"] if f["rule_id"] == "T-22")
    assert (drills["verdict"], drills["weight"]) == ("partial", 4)
    assert drills["checks"][1]["evidence"][0]["note"] == "写明的数值为 2，低于要求的 3"
    assert "T-28" not in [f["rule_id"] for f in data["findings"]]
    assert data["ruleset"]["changes"] == [
        {"what": "overlay", "detail": str(overlay)}, {"what": "title", "detail": "乡镇(街道)突发事件综合应急预案检查 → 滨河区乡镇预案检查（加严）"},
        {"what": "参数 drills_per_year", "detail": "1 → 3"}, {"what": "权重 T-22", "detail": "2 → 4"},
        {"what": "停用 T-28", "detail": "编制程序材料由区应急管理局另行审查"}]
    assert data["ruleset"]["params"]["drills_per_year"] == 3


def test_overlay_must_give_a_reason_to_disable(tmp_path: Path) -> None:
    overlay = tmp_path / "bad.yaml"
    overlay.write_text("extends: township\ndisable:\n  T-28: ''\n", encoding="utf-8")
    result = run("check", "examples/township_strong.docx", "--standard", str(overlay))
    assert result.returncode == 2 and "停用规则 T-28 必须写明理由" in result.stderr


def test_set_parameter_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(EXAMPLES / "township_strong.docx"), "--set", "drills_per_year=3", "-f", "txt",
                 "--as-of", "2026-11-29"]) == 0
    text = capsys.readouterr().out
    assert "本地调整：参数 drills_per_year：1 → 3" in text and "[T-22] 演练频次和形式 —— 基本符合" in text


def test_standardization_bundle_from_the_command_line(tmp_path: Path) -> None:
    result = run("check", "examples/bundle_weak", "--standard", "standardization", "-o", str(tmp_path / "b.txt"),
                 "--as-of", "2026-11-29")
    assert result.returncode == 1
    assert "bundle_weak：不通过，得分 2.0，等级 不达标" in result.stdout  # only S-M1 and S-G1 blocked by unread files


def test_batch_writes_every_report_and_a_summary_and_survives_a_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "坏文件.docx"
    broken.write_bytes(b"PK\x03\x04junk")
    out = tmp_path / "out"
    result = run("check", "examples/township_strong.docx", "examples/township_strong.pdf", "examples/township_weak.docx",
                 str(broken), "-o", str(out), "-f", "md", "--as-of", "2026-11-29")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["township_strong.md", "township_strong_pdf.md", "township_weak.md", "汇总.md"]
    summary = (out / "汇总.md").read_text("utf-8")
    assert "| 3 | township_weak.docx | 柳庄镇突发事件应急预案 | 柳庄镇 | 不通过 | 26.3 | 不合格 | T-01 预案类型明确" in summary
    assert "| 4 | 坏文件.docx |  |  | 无法读取 | — |  |  | 文件已损坏：压缩包结构无效，无法作为 Word 文档打开 |" in summary
    assert "共 4 份：通过 2 份，基本通过 0 份，不通过 1 份，无法评定 0 份，无法读取 1 份。" in result.stdout


def test_single_file_into_an_existing_folder(tmp_path: Path) -> None:
    assert main(["check", str(EXAMPLES / "village.docx"), "--standard", "village", "-o", str(tmp_path),
                 "--as-of", "2026-11-29"]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["village.txt"]
    assert main(["check", str(EXAMPLES / "village.docx"), "--standard", "village", "-o", f"{tmp_path}/new/",
                 "-f", "html", "--as-of", "2026-11-29"]) == 0
    assert (tmp_path / "new" / "village.html").read_text("utf-8").startswith("<!DOCTYPE html>")


def test_report_file_gets_the_ordinary_file_mode(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    target = tmp_path / "报告.txt"
    assert main(["check", "examples/township_strong.docx", "-o", str(target)]) == 0
    assert target.stat().st_mode & 0o777 == plain.stat().st_mode & 0o777


def test_rules_show_prints_concepts_as_the_rule_files_write_them(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "show", "T-19"]) == 0
    out = capsys.readouterr().out
    assert "id: T-19" in out and "- '@灾情核查'" in out and "内部错误" not in out
