"""Evidence bundles for the five-aspect standardization: folders, zips, files that cannot be read."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import AS_OF, EXAMPLES

from plancheck import check
from plancheck.bundle import load_bundle
from plancheck.report import render


@pytest.fixture(scope="module")
def strong():
    return check([EXAMPLES / "bundle_strong"], "standardization", as_of=AS_OF)


@pytest.fixture(scope="module")
def weak():
    return check([EXAMPLES / "bundle_weak"], "standardization", as_of=AS_OF)


def test_strong_bundle_scores_by_aspect_out_of_100(strong) -> None:
    assert (strong.gate, strong.score, strong.grade) == ("pass", 100.0, "优秀")
    assert [(a.title, a.weight) for a in strong.aspects] == [("组织体系", 20.0), ("制度机制", 25.0), ("预案管理", 25.0),
                                                             ("应急保障", 15.0), ("宣教活动", 15.0)]
    assert len(strong.documents) == 12 and not strong.incomplete


def test_findings_name_the_file_their_evidence_comes_from(strong) -> None:
    findings = {f.rule.id: f for f in strong.findings}
    roster = findings["S-O2"].evidence
    assert any(e.location.file == "bundle_strong/青林镇应急管理办公室人员名单.docx" for e in roster)
    duty = findings["S-M5"].evidence
    assert {e.location.file for e in duty} == {"bundle_strong/青林镇应急值班值守和信息报送制度.txt"}
    text = render(strong, "txt")
    assert "（文件 青林镇应急值班值守和信息报送制度.txt，一、值班值守制度，第3段）" in text


def test_comprehensive_plan_in_the_bundle_is_checked_with_the_township_rules(strong, weak) -> None:
    good = next(f for f in strong.findings if f.rule.id == "S-P1")
    assert good.verdict == "met"
    assert good.checks[0].outcome.evidence[0].note.startswith("按 township 规则集检查：通过，得分 100.0")
    bad = next(f for f in weak.findings if f.rule.id == "S-P1")
    assert bad.checks[0].outcome.level == "not_met"
    assert "不通过，得分 26.3；不符合的关键要素：T-01、T-06" in bad.checks[0].outcome.evidence[0].note


def test_dated_records_are_counted_per_year_against_parameters(strong) -> None:
    drills = next(f for f in strong.findings if f.rule.id == "S-P5").checks[0].outcome
    assert [e.quote.split(" | ")[0] for e in drills.evidence] == ["2026年5月12日", "2026年9月18日"]
    stricter = check([EXAMPLES / "bundle_strong"], "standardization", as_of=AS_OF, overrides={"drills_per_year": 3})
    finding = next(f for f in stricter.findings if f.rule.id == "S-P5")
    assert finding.verdict == "partial"
    assert finding.checks[0].outcome.missing == ["近12个月内有日期的“演练”记录（有 2 次，要求 3 次）"]
    assert {"what": "参数 drills_per_year", "detail": "1 → 3"} in stricter.ruleset.changes
    later = check([EXAMPLES / "bundle_strong"], "standardization", as_of=AS_OF.replace(year=2028))
    assert next(f for f in later.findings if f.rule.id == "S-P5").checks[0].outcome.level == "not_met"


def test_weak_bundle_says_what_could_not_be_read_and_never_passes(weak) -> None:
    assert weak.gate == "fail" and weak.grade == "不达标" and weak.incomplete
    assert weak.unreadable == [{"path": "bundle_weak/应急物资台账.docx", "message": "文件已损坏：压缩包结构无效，无法作为 Word 文档打开"}]
    scanned = next(d for d in weak.documents if d.source.endswith("扫描件）.pdf"))
    assert scanned.unread_pages == [1]
    text = render(weak, "txt")
    assert "！！部分材料未能完整读取，以下结论不完整" in text and "应急物资台账.docx：文件已损坏" in text
    # each unread file blocks only the elements its name bears on; the rest are judged normally
    assert {u["path"]: u["rules"] for u in weak.unread_files} == {
        "bundle_weak/应急物资台账.docx": ["S-G1"], "bundle_weak/2026年值班记录（扫描件）.pdf": ["S-M1"]}
    assert "（影响 S-M1，这些要素未能检查）" in text
    unchecked = {f.rule.id for f in weak.findings if f.verdict == "not_checked"}
    assert unchecked == {"S-G1", "S-M1"} and {f.verdict for f in weak.findings} >= {"not_met", "partial"}


def test_zip_with_gbk_file_names(tmp_path: Path) -> None:
    archive = tmp_path / "材料.zip"
    class GbkName(zipfile.ZipInfo):
        """Names stored as GBK bytes without the UTF-8 flag, as Chinese Windows zip tools write them."""

        def _encodeFilenameFlags(self):  # noqa: N802  (zipfile's own hook)
            return self.filename.encode("gbk"), self.flag_bits

    with zipfile.ZipFile(archive, "w") as bundle:
        for path in sorted((EXAMPLES / "bundle_strong").iterdir()):
            bundle.writestr(GbkName(path.name), path.read_bytes())
    merged = load_bundle([archive])
    assert merged.unreadable_parts == []
    assert "材料.zip/青林镇突发事件综合应急预案.docx" in [part.source for part in merged.parts]
    report = check([archive], "standardization", as_of=AS_OF)
    assert report.score == 100.0


def test_zip_paths_cannot_escape(tmp_path: Path) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("../../escaped.txt", "一、总则")
        bundle.writestr("ok.txt", "一、总则\n内容。")
    merged = load_bundle([archive])
    assert [part.source for part in merged.parts] == ["evil.zip/ok.txt"]
    assert not (tmp_path.parent / "escaped.txt").exists()


def test_list_of_files_and_unsupported_types(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "bundle_strong" / "2026年演练记录.docx", tmp_path / "演练.docx")
    (tmp_path / "录像.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    (tmp_path / "照片.jpg").write_bytes(b"\xff\xd8\xff")  # a photo cut off after its first bytes
    merged = load_bundle([tmp_path / "演练.docx", tmp_path / "录像.mp4", tmp_path / "照片.jpg"])
    unreadable = merged.unreadable_parts
    assert len(merged.parts) == 1
    assert unreadable == [{"path": str(tmp_path / "录像.mp4"), "message": "不是可检查的文件类型（.mp4），已跳过"},
                          {"path": str(tmp_path / "照片.jpg"), "message": "文件已损坏：无法读取文件内容（UnidentifiedImageError）"}]
    assert not merged.complete
