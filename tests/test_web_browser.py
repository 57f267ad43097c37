"""The page, driven in headless Chromium (Debian's `chromium`, through Playwright's Python package; no browser download)."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import EXAMPLES
from webserver import free_port, running_server

pytest.importorskip("uvicorn", reason="the web extra is not installed (pip install -e '.[web]')")
playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright's Python package is not installed")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
HOSTILE = ("一、总则\n（一）编制目的\n为应对突发事件<script>window.__pwned = 1; alert('x')</script>制定本预案。\n"
           "<img src=x onerror=\"window.__pwned = 2\">联系电话：<a href=\"javascript:window.__pwned=3\">点我</a>\n")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    from plancheck.web import Settings

    with running_server(Settings(port=free_port(), workers=2, max_files=5)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True, locale="zh-CN")
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(server + "/")
    yield page
    context.close()


def _check(page, *files, standard: str = "township") -> None:
    page.set_input_files("#files", [str(f) for f in files])
    page.select_option("#standard", standard)
    page.click("text=更多选项")
    page.fill("#as_of", "2026-11-29")
    with page.expect_navigation(timeout=180_000):
        page.click("#submit")


@pytest.mark.parametrize(("name", "gate"), [("township_strong.docx", "通过"), ("township_weak.docx", "不通过")])
def test_upload_shows_the_gate_and_downloads_every_format(page, tmp_path, name: str, gate: str) -> None:
    _check(page, EXAMPLES / name)
    assert page.inner_text("#gate") == gate
    assert page.is_visible("text=应急预案检查报告")
    if gate == "不通过":
        assert "最先要改的" in page.inner_text("main")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366  # no sideways scrolling at 1366×768
    saved = {}
    for fmt in ("docx", "xlsx", "html", "json"):
        with page.expect_download() as info:
            page.click(f"a.download[data-format={fmt}]")
        path = tmp_path / info.value.suggested_filename
        info.value.save_as(path)
        saved[fmt] = path
    assert saved["docx"].read_bytes()[:2] == b"PK" and saved["docx"].name.endswith("-检查报告.docx")
    assert saved["xlsx"].read_bytes()[:2] == b"PK" and saved["xlsx"].name.endswith("-检查报告.xlsx")
    assert f">{gate}<" in saved["html"].read_text("utf-8")
    assert json.loads(saved["json"].read_text("utf-8"))["gate_label"] == gate


def test_drag_and_drop_then_batch_summary(page, tmp_path) -> None:
    payload = [{"name": n, "data": list((EXAMPLES / n).read_bytes())} for n in ("township_weak.docx", "township_strong.docx")]
    transfer = page.evaluate_handle("""(items) => {
        const transfer = new DataTransfer();
        for (const item of items) transfer.items.add(new File([new Uint8Array(item.data)], item.name));
        return transfer; }""", payload)
    page.dispatch_event("#drop", "drop", {"dataTransfer": transfer})
    assert page.locator("#chosen li").count() == 2
    with page.expect_navigation(timeout=180_000):
        page.click("#submit")
    rows = page.locator("#summary tr")
    assert rows.count() == 3
    assert [rows.nth(i).locator("td").nth(2).inner_text() for i in (1, 2)] == ["不通过", "通过"]
    score = page.locator("#summary th", has_text="得分")
    score.click()
    score.click()  # descending: the passing plan first, sorted by the page's script under the server's CSP
    assert [rows.nth(i).locator("td").nth(2).inner_text() for i in (1, 2)] == ["通过", "不通过"]
    page.fill("[data-filter-text=summary]", "weak")
    assert page.locator("#summary tbody tr:visible").count() == 1
    assert page.inner_text("[data-filter-count=summary]") == "1"
    saved = {}
    for fmt in ("summary", "summary-xlsx", "summary-csv"):
        with page.expect_download() as info:
            page.click(f"a.download[data-format={fmt}]")
        saved[fmt] = tmp_path / info.value.suggested_filename
        info.value.save_as(saved[fmt])
    assert [p.name for p in saved.values()] == ["汇总.html", "汇总.xlsx", "汇总.csv"]
    assert saved["summary-csv"].read_bytes()[:3] == b"\xef\xbb\xbf"
    # the saved summary works when opened from disk: inline script sorts and filters, the matrix is there
    page.goto(saved["summary"].as_uri())
    assert page.inner_text("[data-count=fail] strong") == "1" and page.inner_text("[data-count=pass] strong") == "1"
    page.locator("#summary th", has_text="结论").click()
    assert page.locator("#summary tbody tr").first.get_attribute("data-gate") == "fail"
    page.select_option("[data-filter-gate=summary]", "pass")
    assert page.locator("#summary tbody tr:visible").count() == 1
    assert page.locator("#matrix tbody tr").count() > 30
    gate_cell = page.locator("#summary td.gate").first
    assert gate_cell.evaluate("cell => cell.scrollHeight <= 2 * parseFloat(getComputedStyle(cell).lineHeight)")


def test_a_broken_file_shows_the_chinese_error(page, tmp_path) -> None:
    broken = tmp_path / "损坏的预案.docx"
    broken.write_bytes(b"PK\x03\x04 this is not a real Word file")
    _check(page, broken)
    assert "无法检查" in page.inner_text("#error")
    assert "损坏" in page.inner_text("#error") and "损坏的预案.docx" in page.inner_text("#error")


def test_a_plan_with_script_executes_nothing(page, tmp_path, browser) -> None:
    hostile = tmp_path / "<img src=x onerror=alert(1)>预案.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    _check(page, hostile)
    assert page.evaluate("window.__pwned") is None and page.dialogs == []
    assert page.inner_text(".verdict .file") == hostile.name  # shown as text
    with page.expect_download() as info:
        page.click("a.download[data-format=html]")
    report = tmp_path / "report.html"
    info.value.save_as(report)
    viewer = page.context.new_page()
    viewer.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    viewer.goto(report.as_uri())
    assert viewer.evaluate("window.__pwned") is None and page.dialogs == []


def test_printing_hides_the_controls(page) -> None:
    _check(page, EXAMPLES / "township_weak.docx")
    page.emulate_media(media="print")
    assert not page.is_visible("nav.actions") and page.is_visible("#gate")
