"""A reviewer's folder tree: folders walked, lock/temp/hidden files skipped and counted, colliding names kept
apart by town, a misfiled village plan warned about, broken and scanned files reported, --jobs 2 equal to
--jobs 1, and --standard auto choosing the rule set per file."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from plancheck import check
from plancheck.batch import check_batch
from plancheck.cli import main
from plancheck.collect import collect
from plancheck.document import document_from_text
from plancheck.kind import detect_kind
from tests.conftest import AS_OF

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TOWNSHIP_TEXT = """南河镇突发事件综合应急预案
一、总则
（一）编制目的和依据
依据《中华人民共和国突发事件应对法》，结合本镇实际，制定本预案。
二、组织体系
镇党委书记任总指挥，镇长任副总指挥，成员单位包括镇应急管理办公室、派出所、卫生院。
"""


def build_tree(root: Path) -> Path:
    """Twelve files as a reviewer receives them: six plans (two sharing a name, a misfiled village plan,
    a broken file, a scanned PDF) and six that are no plans (a Word lock file, hidden, temporary, .xlsx)."""
    tree = root / "材料"
    for town in ("东风镇", "西湖镇", "南河镇"):
        (tree / town).mkdir(parents=True)
    shutil.copy(EXAMPLES / "township_strong.docx", tree / "东风镇" / "综合应急预案.docx")
    shutil.copy(EXAMPLES / "township_weak.docx", tree / "西湖镇" / "综合应急预案.docx")
    shutil.copy(EXAMPLES / "village.docx", tree / "西湖镇" / "东岗村应急工作手册.docx")
    (tree / "南河镇" / "南河镇突发事件综合应急预案.txt").write_text(TOWNSHIP_TEXT, "utf-8")
    (tree / "坏文件.docx").write_bytes(b"PK\x03\x04 not really a zip")
    Image.new("RGB", (600, 800), "white").save(tree / "扫描件.pdf", "PDF")
    (tree / "东风镇" / "~$综合应急预案.docx").write_bytes(b"\x05owner" + b"\0" * 150)
    (tree / "东风镇" / ".备份.docx").write_bytes(b"hidden")
    (tree / "南河镇" / ".~lock.南河镇.docx#").write_text("lock", "utf-8")
    (tree / "西湖镇" / "~WRL0001.tmp").write_bytes(b"temp")
    (tree / "Thumbs.db").write_bytes(b"thumbs")
    (tree / "物资台账.xlsx").write_bytes(b"PK\x03\x04")
    assert sum(1 for path in tree.rglob("*") if path.is_file()) == 12
    return tree


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tree(tmp_path_factory.mktemp("batch"))


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "plancheck", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=600)


@pytest.fixture(scope="module")
def serial(tree: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path_factory.mktemp("serial")
    return run_cli("check", str(tree), "-o", str(out), "-f", "json", "--as-of", AS_OF.isoformat()), out


def test_collect_walks_folders_and_counts_what_it_skips(tree: Path) -> None:
    found = collect([tree])
    assert sorted(path.relative_to(tree).as_posix() for path in found.files) == [
        "东风镇/综合应急预案.docx", "南河镇/南河镇突发事件综合应急预案.txt", "坏文件.docx", "扫描件.pdf",
        "西湖镇/东岗村应急工作手册.docx", "西湖镇/综合应急预案.docx"]
    assert len(found.skipped_hidden) == 5 and [path.name for path in found.skipped_other] == ["物资台账.xlsx"]
    assert found.skipped_message().startswith("已跳过 5 个锁定、临时或隐藏文件")
    assert "1 个不是预案格式的文件（如 物资台账.xlsx）" in found.skipped_message()


def test_folder_batch_reports_names_summary_and_exit_code(serial: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    result, out = serial
    assert result.returncode == 2, result.stderr  # the broken file is an input error; never a clean pass
    assert "Traceback" not in result.stderr
    assert "已跳过 5 个锁定、临时或隐藏文件（如" in result.stderr
    assert {path.name for path in out.iterdir()} == {
        "东风镇_综合应急预案.json", "东岗村应急工作手册.json", "南河镇突发事件综合应急预案.json", "扫描件.json",
        "汇总.json", "西湖镇_综合应急预案.json"}
    rows = {row["name"]: row for row in json.loads((out / "汇总.json").read_text("utf-8"))}
    assert set(rows) == {"东岗村应急工作手册.docx", "东风镇/综合应急预案.docx", "南河镇突发事件综合应急预案.txt",
                         "坏文件.docx", "扫描件.pdf", "西湖镇/综合应急预案.docx"}
    assert rows["坏文件.docx"]["gate"] == "error" and "损坏" in rows["坏文件.docx"]["error"]
    assert rows["扫描件.pdf"]["complete"] is False and rows["扫描件.pdf"]["gate"] == "unassessable" and rows["扫描件.pdf"]["score"] is None
    assert rows["东风镇/综合应急预案.docx"]["report"] == "东风镇_综合应急预案.json"
    assert rows["东风镇/综合应急预案.docx"]["kind"] == "乡镇(街道)预案"
    assert rows["东风镇/综合应急预案.docx"]["notices"] == []
    village = rows["东岗村应急工作手册.docx"]
    assert village["kind"] == "村(社区)预案" and village["standard"] == "township"
    assert village["notices"][0].startswith("注意：本文件看来是村(社区)预案（预案名称“青林镇东岗村”以“村”为单位）")
    assert "提示：注意：本文件看来是村(社区)预案" in result.stdout  # the printed summary shows it too
    report = json.loads((out / "东岗村应急工作手册.json").read_text("utf-8"))
    assert report["kind"]["kind"] == "village" and report["notices"] == village["notices"]
    # not a terminal: one line per finished file, so a long batch is never silent
    progress = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert len(progress) == 6 and progress[-1].startswith("[6/6]")
    assert any("村(社区)预案，按 township 检查）：" in line and "类型不符" in line for line in progress)


def test_jobs_2_gives_the_same_results_as_jobs_1(tree: Path, serial: tuple[subprocess.CompletedProcess[str], Path],
                                                 tmp_path: Path) -> None:
    result, out = serial
    parallel = run_cli("check", str(tree), "-o", str(tmp_path), "-f", "json", "--as-of", AS_OF.isoformat(), "--jobs", "2")
    assert parallel.returncode == result.returncode
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(path.name for path in out.iterdir())
    for path in out.iterdir():
        assert json.loads(path.read_text("utf-8")) == json.loads((tmp_path / path.name).read_text("utf-8")), path.name
    assert result.stdout.replace(str(out), "OUT") == parallel.stdout.replace(str(tmp_path), "OUT")


def test_every_format_renders_the_same_from_a_parallel_batch(tree: Path) -> None:
    """Reports from helpers travel slimmed (plancheck.shipping): each format, and every summary, is unchanged."""
    import io
    import zipfile

    from plancheck.report import render, render_summary
    from plancheck.report.formats import FORMATS, SUMMARY_FORMATS

    files = collect([tree]).files
    serial = list(check_batch(files, "auto", as_of=AS_OF))
    parallel = list(check_batch(files, "auto", as_of=AS_OF, jobs=2))
    assert [item.source for item in parallel] == [item.source for item in serial] == list(files)
    assert sum(item.report is not None for item in parallel) == 5  # all but the broken file
    for one, other in zip(serial, parallel):
        assert (one.error, one.code) == (other.error, other.code)
        if one.report is None:
            continue
        assert len(other.report.document.blocks) == len(one.report.document.blocks)
        for fmt in FORMATS:
            if fmt == "docx":  # the body; the file's properties carry the time it was written
                def body(report):  # type: ignore[no-untyped-def]
                    return zipfile.ZipFile(io.BytesIO(render(report, fmt))).read("word/document.xml")
                assert body(one.report) == body(other.report), one.source
            elif fmt != "xlsx":  # the same cells as csv, in a file dated when written
                assert render(one.report, fmt) == render(other.report, fmt), (one.source, fmt)
    for fmt in SUMMARY_FORMATS:
        if fmt != "xlsx":
            assert (render_summary([(str(i.source), i.report, i.error) for i in serial], fmt)
                    == render_summary([(str(i.source), i.report, i.error) for i in parallel], fmt)), fmt


def test_a_bad_also_rule_set_fails_each_file_alike_on_one_or_two_processes() -> None:
    files = [EXAMPLES / "village.docx", EXAMPLES / "township_weak.docx"]
    serial = list(check_batch(files, "township", also=["不存在的规则集.yaml"], as_of=AS_OF))
    parallel = list(check_batch(files, "township", also=["不存在的规则集.yaml"], as_of=AS_OF, jobs=2))
    assert [(item.report, item.error) for item in parallel] == [(item.report, item.error) for item in serial]
    assert all(item.report is None and item.error.startswith("找不到规则集") for item in parallel)


def test_report_notices_show_in_every_format(tmp_path: Path) -> None:
    for fmt in ("txt", "md", "html"):
        result = run_cli("check", str(EXAMPLES / "village.docx"), "-f", fmt, "--as-of", AS_OF.isoformat())
        assert "本文件看来是村(社区)预案" in result.stdout, fmt
    target = tmp_path / "r.docx"
    assert main(["check", str(EXAMPLES / "village.docx"), "-o", str(target), "--as-of", AS_OF.isoformat()]) == 1
    import docx

    assert any("提示：注意：本文件看来是村(社区)预案" in p.text for p in docx.Document(str(target)).paragraphs)


def test_auto_picks_the_rule_set_per_file_and_says_why(tree: Path) -> None:
    results = {item.source.name: item for item in check_batch(collect([tree]).files, "auto", as_of=AS_OF)}
    village = results["东岗村应急工作手册.docx"].report
    assert village.ruleset.id == "village" and village.notices == ()
    assert village.chosen_because == ("按内容判断为村(社区)预案（预案名称“青林镇东岗村”以“村”为单位），"
                                      "按天津市地方标准选用规则集 village。")
    assert results["综合应急预案.docx"].report.ruleset.id == "township"
    assert results["南河镇突发事件综合应急预案.txt"].report.ruleset.id == "township"
    assert results["坏文件.docx"].report is None
    national = check(EXAMPLES / "village.docx", "auto", jurisdiction="national", as_of=AS_OF)
    assert national.ruleset.id == "gb-village" and "按国家标准选用规则集 gb-village" in national.chosen_because
    assert "选用规则集：按内容判断为村(社区)预案" in run_cli("check", str(EXAMPLES / "village.docx"), "-s", "auto").stdout


def test_kind_from_the_text_when_the_title_says_nothing() -> None:
    village = document_from_text("一、基本情况\n本村共412户。村民委员会负责，网格员逐户通知，村两委审定。\n二、转移路线\n村委会组织。")
    assert detect_kind(village).kind == "village"
    assert "村民委员会" in detect_kind(village).reason
    unclear = document_from_text("一、总则\n为做好应急工作，制定本办法。")
    assert detect_kind(unclear).kind == ""
    chosen = check("一、总则\n为做好应急工作，制定本办法。".encode(), "auto", name="办法.txt").chosen_because
    assert chosen.startswith("未能判断文件类型") and "选用规则集 township" in chosen


def test_folder_of_no_plans_and_bad_jobs_are_clear_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "~$预案.docx").write_bytes(b"lock")
    assert main(["check", str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert "已跳过 1 个锁定、临时或隐藏文件（如 ~$预案.docx）" in error and "没有可检查的预案文件" in error
    assert main(["check", str(EXAMPLES / "village.docx"), str(EXAMPLES / "township_weak.docx"), "--jobs", "-1"]) == 2
    assert "--jobs 应为 0（按处理器核数）或正整数" in capsys.readouterr().err
    assert main(["inspect", str(tmp_path)]) == 2
    assert "这是文件夹，不是文件" in capsys.readouterr().err


def _dies_on_poison(source: Path):  # type: ignore[no-untyped-def]
    """A task whose process dies outright on one file, as a worker killed for memory would."""
    import os

    from plancheck.api import check_one
    if "毒" in Path(source).name:
        os._exit(9)
    return check_one(source, standard="village", as_of=AS_OF)


def test_a_worker_that_dies_costs_only_its_own_file(tmp_path: Path) -> None:
    """The dead helper breaks the pool; the files it took down with it are checked again one by one.
    Equal sizes keep input order: the first two files are queued on the one helper, the caller takes the rest."""
    from plancheck.batch import _in_processes

    names = ["甲村.docx", "毒.docx", "乙村.docx", "丙村.docx"]
    sources = []
    for name in names:
        shutil.copy(EXAMPLES / "village.docx", tmp_path / name)
        sources.append(tmp_path / name)
    results = dict(_in_processes(sources, _dies_on_poison, 2, {}))
    assert sorted(results) == [0, 1, 2, 3]
    assert results[1].report is None and results[1].code == "internal_error" and "检查进程意外退出" in results[1].error
    assert [results[i].report.gate for i in (0, 2, 3)] == ["pass", "pass", "pass"]
