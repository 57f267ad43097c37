"""Rebuild the example plans in examples/ from their text in standards/samples/, and the reports they produce.

    python examples/build.py

The strong township plan uses Word automatic numbering (heading numbers exist only in
numbering.xml) and is also exported to PDF through LibreOffice when it is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "tests")]

from docxgen import write_docx  # noqa: E402

from PIL import Image  # noqa: E402

from plancheck import check  # noqa: E402
from plancheck.report import render  # noqa: E402

# Reports are dated so that re-building them gives the same files.
REPORT_DATE = date(2026, 11, 29)
PLANS = {"township_strong": ("township", True), "township_weak": ("township", False), "village": ("village", False)}
# Bundle files kept as GB18030 text, as many township PCs still save them.
GB18030_TEXT = {"青林镇应急值班值守和信息报送制度"}


def to_pdf(docx_path: Path) -> Path | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(docx_path.parent), str(docx_path)], check=True, capture_output=True, timeout=180)
    return docx_path.with_suffix(".pdf")


def same_package(a: Path, b: Path) -> bool:
    """Two .docx files with identical parts (only zip timestamps differ)."""
    if not b.exists():
        return False
    with zipfile.ZipFile(a) as left, zipfile.ZipFile(b) as right:
        names = left.namelist()
        return names == right.namelist() and all(left.read(n) == right.read(n) for n in names)


def write_example(path: Path, text: str, auto_number: bool = False) -> Path:
    """Write a .docx, keeping the committed file when nothing in it changed (so rebuilds leave git clean)."""
    fresh = write_docx(path.with_suffix(".new.docx"), text, auto_number=auto_number)
    if same_package(fresh, path):
        fresh.unlink()
    else:
        fresh.replace(path)
    return path


def write_reports(report, name: str) -> None:
    for fmt in ("html", "md", "txt", "json"):
        (HERE / "reports" / f"{name}.{fmt}").write_text(render(report, fmt), encoding="utf-8")
    print(f"{name}: {report.gate_label} {report.score} {report.grade}")


def build_bundle(kind: str, plan: str, plan_name: str) -> Path:
    """A township's folder of materials: Word files, a GB18030 text file, the plan; the weak one also
    a scanned PDF without text layer and a damaged Word file."""
    folder = HERE / f"bundle_{kind}"
    folder.mkdir(exist_ok=True)
    for source in sorted((HERE / "bundle_src" / kind).glob("*.txt")):
        text = source.read_text("utf-8")
        if source.stem in GB18030_TEXT:
            (folder / source.name).write_bytes(text.encode("gb18030"))
        else:
            write_example(folder / f"{source.stem}.docx", text)
    if not same_package(HERE / f"{plan}.docx", folder / plan_name):
        shutil.copy(HERE / f"{plan}.docx", folder / plan_name)
    if kind == "weak":
        scan = folder / "2026年值班记录（扫描件）.pdf"
        if not scan.exists():  # Pillow stamps the time into the PDF: write it once
            Image.new("RGB", (600, 800), "white").save(scan, "PDF")
        damaged = (HERE / f"{plan}.docx").read_bytes()
        (folder / "应急物资台账.docx").write_bytes(damaged[: len(damaged) // 3])
    return folder


def main() -> None:
    os.chdir(HERE.parent)
    (HERE / "reports").mkdir(exist_ok=True)
    for name, (standard, auto_number) in PLANS.items():
        text = (HERE.parent / "standards" / "samples" / f"{name}.txt").read_text("utf-8")
        path = write_example(HERE / f"{name}.docx", text, auto_number)
        write_reports(check(path.relative_to(HERE.parent), standard, as_of=REPORT_DATE), name)
    for kind, plan, plan_name in (("strong", "township_strong", "青林镇突发事件综合应急预案.docx"),
                                  ("weak", "township_weak", "柳庄镇突发事件应急预案.docx")):
        folder = build_bundle(kind, plan, plan_name)
        write_reports(check([folder.relative_to(HERE.parent)], "standardization", as_of=REPORT_DATE), f"bundle_{kind}")
    pdf = HERE / "township_strong.pdf"
    if pdf.exists() and pdf.stat().st_mtime >= (HERE / "township_strong.docx").stat().st_mtime:
        print(f"{pdf.name}: up to date")
    else:
        print(f"{pdf.name}: exported" if to_pdf(HERE / "township_strong.docx") else "LibreOffice not installed: PDF not rebuilt")


if __name__ == "__main__":
    main()
