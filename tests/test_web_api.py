"""The HTTP API and the page's server side, through Starlette's test client (the checks run in real worker processes)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile

import jsonschema
import pytest
from PIL import Image
from conftest import EXAMPLES, ROOT

pytest.importorskip("starlette", reason="the web extra is not installed (pip install -e '.[web]')")
pytest.importorskip("httpx", reason="httpx is needed by Starlette's test client")

from starlette.testclient import TestClient  # noqa: E402

from plancheck import report_schema  # noqa: E402
from plancheck.web import Settings, create_app  # noqa: E402
from plancheck.web.openapi import ERROR_CODES  # noqa: E402

AS_OF = {"as_of": "2026-11-29"}
STRONG = (EXAMPLES / "township_strong.docx").read_bytes()
WEAK = (EXAMPLES / "township_weak.docx").read_bytes()
LOCAL = "http://127.0.0.1:8000"


@pytest.fixture(scope="module")
def uploads_dir(tmp_path_factory: pytest.TempPathFactory):
    """The workers' temporary folder, watched for leftovers (set before the worker processes start)."""
    folder = tmp_path_factory.mktemp("worker-tmp")
    mp = pytest.MonkeyPatch()
    mp.setenv("TMPDIR", str(folder))
    yield folder
    mp.undo()


@pytest.fixture(scope="module")
def client(uploads_dir):
    with TestClient(create_app(Settings(workers=2, max_files=8, max_upload_bytes=3 * 1024 * 1024)),
                    base_url=LOCAL) as test_client:
        yield test_client


def _files(*items: tuple[str, bytes]) -> list[tuple[str, tuple[str, bytes]]]:
    return [("files", (name, data)) for name, data in items]


def test_rulesets_lists_the_shipped_sets_with_parameters(client: TestClient) -> None:
    data = client.get("/api/v1/rulesets").json()
    names = {r["name"]: r for r in data["rulesets"]}
    assert {"township", "village", "standardization"} <= set(names)
    assert names["township"]["applies_to"] == "township_plan" and names["township"]["rules"] > 20
    assert "drills_per_year" in names["township"]["params"]


def test_check_returns_the_report_json_named_as_uploaded(client: TestClient) -> None:
    response = client.post("/api/v1/check", files=_files(("青林镇预案.docx", STRONG)), data={"standard": "township", **AS_OF})
    assert response.status_code == 200, response.text
    report = response.json()
    jsonschema.validate(report, report_schema())
    assert (report["gate_label"], report["score"]) == ("通过", 100.0)
    assert report["documents"][0]["path"] == "青林镇预案.docx"
    locations = [e["location"] for f in report["findings"] for e in f["evidence"]]
    assert locations and {loc["file"] for loc in locations} == {"青林镇预案.docx"}
    assert "/tmp" not in response.text and "plancheck-upload" not in response.text


def test_automatic_standard_and_weak_plan(client: TestClient) -> None:
    report = client.post("/api/v1/check", files=_files(("weak.docx", WEAK)), data=AS_OF).json()
    assert (report["ruleset"]["id"], report["gate_label"]) == ("township", "不通过")
    village = client.post("/api/v1/check", files=_files(("村预案.docx", (EXAMPLES / "village.docx").read_bytes())),
                          data=AS_OF).json()
    assert village["ruleset"]["id"] == "village"


def test_several_files_and_a_zip_give_a_batch_in_order(client: TestClient) -> None:
    batch = client.post("/api/v1/check", files=_files(("a.docx", WEAK), ("b.docx", STRONG)), data=AS_OF).json()
    assert batch["kind"] == "batch"
    assert [(i["file"], i["report"]["gate_label"]) for i in batch["items"]] == [("a.docx", "不通过"), ("b.docx", "通过")]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("预案/强.docx", STRONG)
        archive.writestr("说明.xlsx", b"x")
    zipped = client.post("/api/v1/check", files=_files(("plans.zip", buffer.getvalue())), data=AS_OF).json()
    assert [(i["file"], i.get("report", {}).get("gate_label"), i.get("skipped", False)) for i in zipped["items"]] == [
        ("plans.zip/预案/强.docx", "通过", False), ("plans.zip/说明.xlsx", None, True)]


def test_bundle_of_uploaded_files(client: TestClient) -> None:
    chosen = sorted((EXAMPLES / "bundle_strong").iterdir())[:6]
    files = _files(*[(p.name, p.read_bytes()) for p in chosen])
    report = client.post("/api/v1/check", files=files, data={"standard": "standardization", **AS_OF}).json()
    assert report["ruleset"]["id"] == "standardization"
    assert {d["path"] for d in report["documents"]} | {u["path"] for u in report["unreadable"]} == {p.name for p in chosen}


def test_other_formats_for_one_plan(client: TestClient) -> None:
    response = client.post("/api/v1/check", files=_files(("weak.docx", WEAK)), data={"format": "docx", **AS_OF})
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert "attachment" in response.headers["content-disposition"]
    html = client.post("/api/v1/check", files=_files(("weak.docx", WEAK)), data={"format": "html", **AS_OF})
    assert "不通过" in html.text and html.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(("files", "data", "status", "code"), [
    ([], {}, 400, "no_files"),
    (_files(("x.docx", WEAK)), {"standard": "../../etc/passwd"}, 400, "bad_request"),
    (_files(("x.docx", WEAK)), {"as_of": "明天"}, 400, "bad_request"),
    (_files(("x.docx", WEAK)), {"params": "[1]"}, 400, "bad_request"),
    (_files(*[(f"{i}.txt", b"x") for i in range(9)]), {}, 413, "too_many_files"),
    (_files(("big.txt", b"x" * (3 * 1024 * 1024 + 100_000))), {}, 413, "upload_too_large"),
    (_files(("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00")), {"standard": "township"}, 415, "unsupported_format"),
])
def test_errors_are_json_with_a_stable_code_and_a_chinese_message(client: TestClient, files, data, status, code) -> None:
    response = client.post("/api/v1/check", files=files or {"other": ("", b"")}, data=data)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code and error["code"] in ERROR_CODES
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error["message"])


def test_a_corrupt_file_names_the_upload_not_a_server_path(client: TestClient) -> None:
    response = client.post("/api/v1/check", files=_files(("坏文件.docx", b"PK\x03\x04broken")), data={"standard": "township"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["file"] == "坏文件.docx" and "损坏" in error["message"] and "/tmp" not in response.text


def test_a_bad_parameter_is_the_requests_error(client: TestClient) -> None:
    response = client.post("/api/v1/check", files=_files(("x.docx", WEAK)),
                           data={"standard": "township", "params": json.dumps({"no_such_param": 2})})
    assert response.status_code == 400 and response.json()["error"]["code"] in ("invalid_ruleset", "invalid_parameter")


def test_uploads_are_not_kept(client: TestClient, uploads_dir) -> None:
    client.post("/api/v1/check", files=_files(("a.docx", WEAK)), data=AS_OF)
    assert not list(uploads_dir.glob("plancheck-*"))


def test_openapi_and_schema_are_served(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/check", "/api/v1/rulesets"} <= set(spec["paths"])
    assert spec["components"]["schemas"]["Report"]["properties"]["schema_version"] == report_schema()["properties"]["schema_version"]
    assert client.get("/api/v1/schema/report.json").json() == report_schema()


def test_page_shows_the_report_and_downloads(client: TestClient) -> None:
    page = client.get("/")
    assert "把预案文件拖到这里" in page.text and 'name="standard"' in page.text
    result = client.post("/check", files=_files(("weak.docx", WEAK)), data=AS_OF)
    assert result.status_code == 200
    assert 'id="gate">不通过' in result.text and "最先要改的" in result.text and "下载Word 评审表" in result.text
    error = client.post("/check", files=_files(("坏.docx", b"PK\x03\x04broken")))
    assert error.status_code == 422 and "无法检查" in error.text and "损坏" in error.text


def test_security_headers_and_host_check(client: TestClient) -> None:
    page = client.get("/")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400
    assert client.get("/api/v1/nothing").json()["error"]["code"] == "not_found"


def test_binding_beyond_loopback_needs_a_token() -> None:
    with pytest.raises(ValueError, match="访问令牌"):
        create_app(Settings(host="0.0.0.0"))
    run = subprocess.run([sys.executable, "-m", "plancheck", "serve", "--host", "0.0.0.0", "--no-browser"],
                         capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=60,
                         env={"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"})
    assert run.returncode == 2 and "访问令牌" in run.stderr


def test_token_protects_every_route() -> None:
    token = "s3cret-token"
    with TestClient(create_app(Settings(host="0.0.0.0", token=token, workers=1)), base_url="http://10.0.0.5:8000") as c:
        assert c.get("/api/v1/rulesets").status_code == 401
        assert c.get("/api/v1/rulesets").json()["error"]["code"] == "unauthorized"
        assert c.get("/api/v1/rulesets", headers={"authorization": f"Bearer {token}"}).status_code == 200
        assert c.get("/api/v1/rulesets", headers={"authorization": "Bearer wrong-token"}).status_code == 401
        entry = c.get(f"/?token={token}", follow_redirects=False)
        assert entry.status_code == 303 and "httponly" in entry.headers["set-cookie"].lower()
        assert c.get("/").status_code == 200  # the cookie now carries the token


def test_an_uploaded_waiver_file_is_applied_and_a_bad_one_is_the_requests_error(client: TestClient) -> None:
    waivers = (EXAMPLES / "township_weak_waivers.yaml").read_bytes()
    report = client.post("/api/v1/check", files=[*_files(("weak.docx", WEAK)), ("waivers", ("豁免.yaml", waivers))],
                         data={"standard": "township", **AS_OF}).json()
    jsonschema.validate(report, report_schema())
    assert (report["score"], report["waivers"]["source"], report["waivers"]["applied"]) == (30.2, "豁免.yaml", ["T-06", "T-28"])
    assert [d["path"] for d in report["documents"]] == ["weak.docx"]
    bad = client.post("/api/v1/check", files=_files(("weak.docx", WEAK)),
                      data={"standard": "township", "waivers": "waivers:\n  - rule: T-06\n    verdict: met\n"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_waivers"
    assert "第 2 行，第 1 条豁免（T-06）缺少“理由”“豁免人”“日期”" in bad.json()["error"]["message"]
    unknown = client.post("/api/v1/check", files=_files(("weak.docx", WEAK)), data={"standard": "township", "waivers":
                          "waivers:\n  - {rule: T-99, verdict: met, reason: 已符合, by: 李, date: 2026-11-20}\n"})
    assert unknown.status_code == 400 and "T-99 不在所用规则集中" in unknown.json()["error"]["message"]
def test_excel_review_sheet_from_the_api(client: TestClient) -> None:
    import openpyxl

    response = client.post("/api/v1/check", files=_files(("weak.docx", WEAK)), data={"format": "xlsx", **AS_OF})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book["评审表"].iter_rows(values_only=True))
    assert rows[1] == ("预案名称", "柳庄镇突发事件应急预案", None, None, None)
    assert any(row[1] == "★24小时值班和值班电话" and row[3] == "不符合" for row in rows)


def test_pages_offer_the_excel_sheet_and_the_summary_as_xlsx_and_csv(client: TestClient) -> None:
    import base64
    import re

    single = client.post("/check", files=_files(("weak.docx", WEAK)), data=AS_OF).text
    assert 'data-format="xlsx">下载Excel 评审表</a>' in single and 'data-format="docx">下载Word 评审表</a>' in single
    page = client.post("/check", files=_files(("a.docx", WEAK), ("b.docx", STRONG)), data=AS_OF).text
    links = {fmt: data for data, fmt in re.findall(r'href="data:[^;]+;base64,([^"]+)" download="汇总\.(\w+)"', page)}
    assert set(links) == {"html", "xlsx", "csv"}
    rows = base64.b64decode(links["csv"]).decode("utf-8-sig").splitlines()
    assert rows[1].startswith("1,a.docx,柳庄镇突发事件应急预案,柳庄镇,不通过")
    assert '<script src="/static/summary.js" defer></script>' in page and "<script>" not in page  # CSP: no inline code
    script = client.get("/static/summary.js")
    assert script.status_code == 200 and "data-filter-text" in script.text
    assert "script-src 'self'" in script.headers["content-security-policy"]


def test_page_and_api_for_a_scan_that_cannot_be_assessed(client: TestClient) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (600, 800), "white").save(buffer, "PDF")
    page = client.post("/check", files=_files(("扫描件.pdf", buffer.getvalue())), data={"standard": "township", **AS_OF})
    assert page.status_code == 200
    assert 'id="gate">无法评定' in page.text and "不计分（无法评定）" in page.text and "最先要改的" not in page.text
    assert "无法评定：文件共 1 页，都没有文字层" in page.text and "结论规则：任一关键要素不符合" in page.text
    report = client.post("/api/v1/check", files=_files(("扫描件.pdf", buffer.getvalue())),
                         data={"standard": "township", **AS_OF}).json()
    assert (report["gate"], report["score"], report["grade"]) == ("unassessable", None, None)
