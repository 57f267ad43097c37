"""Rebuild the example plans in examples/ from their text in examples/src/, and the reports they produce.

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
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "tests")]

from docxgen import write_docx  # noqa: E402

from plancheck import check  # noqa: E402
from plancheck.report import render  # noqa: E402

# Reports are dated so that re-building them gives the same files.
REPORT_DATE = date(2026, 11, 29)
PLANS = {"township_strong": ("township", True), "township_weak": ("township", False), "village": ("village", False)}


def to_pdf(docx_path: Path) -> Path | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(docx_path.parent), str(docx_path)], check=True, capture_output=True, timeout=180)
    return docx_path.with_suffix(".pdf")


def main() -> None:
    os.chdir(HERE.parent)
    reports = HERE / "reports"
    reports.mkdir(exist_ok=True)
    for name, (standard, auto_number) in PLANS.items():
        path = write_docx(HERE / f"{name}.docx", (HERE / "src" / f"{name}.txt").read_text("utf-8"), auto_number=auto_number)
        report = check(path.relative_to(HERE.parent), standard, as_of=REPORT_DATE)
        for fmt in ("html", "md", "txt", "json"):
            (reports / f"{name}.{fmt}").write_text(render(report, fmt), encoding="utf-8")
        print(f"{path.name}: {report.gate_label} {report.score} {report.grade}")
    pdf = to_pdf(HERE / "township_strong.docx")
    print(f"{pdf.name}: exported" if pdf else "LibreOffice not installed: PDF not rebuilt")


if __name__ == "__main__":
    main()
