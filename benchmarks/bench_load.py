"""Speed and memory of plancheck against the bare parsers, on the same machine and the same files.

    python benchmarks/bench_load.py [--repeat 5]

Builds, from the example plan: a ~30-page .docx with Word automatic numbering; a ~100-page PDF
exported by LibreOffice whose attachments put a table on about half the pages; and a ~100-page PDF
with text only. Each step runs in a fresh Python process, so peak memory (max RSS) is its own:
  - bare python-docx: open the file and iterate every paragraph's and table cell's text;
  - bare pypdfium2: open the PDF and extract every page's plain text;
  - plancheck.load_document, and plancheck.check (load + every township rule + score).
Prints the median wall time, the max RSS, and both as ratios to the bare parser.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def bare_docx(path: str) -> None:
    import docx

    document = docx.Document(path)
    for paragraph in document.paragraphs:
        _ = paragraph.text
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                _ = cell.text


def bare_pdf(path: str) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    for index in range(len(pdf)):
        pdf[index].get_textpage().get_text_range()
    pdf.close()


def load(path: str) -> None:
    from plancheck import load_document

    load_document(path)


def full_check(path: str) -> None:
    from datetime import date

    from plancheck import check

    check(path, "township", as_of=date(2026, 11, 29))


STEPS = {"bare": None, "load_document": load, "check": full_check}


def child(step: str, path: str, repeat: int) -> None:
    """Run one step `repeat` times in this process; print median seconds and max RSS."""
    function = STEPS[step] or (bare_pdf if path.endswith(".pdf") else bare_docx)
    function(path)  # warm-up: imports and first-touch costs are not what we compare
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function(path)
        times.append(time.perf_counter() - start)
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": statistics.median(times), "rss_mib": rss_mib}))


def build(workdir: Path, name: str, copies: int, tables: bool) -> Path:
    from docxgen import write_docx

    title, *lines = (ROOT / "standards" / "samples" / "township_strong.txt").read_text("utf-8").splitlines()
    body = [line for line in lines if tables or not line.startswith(("|", "附件"))]
    return write_docx(workdir / f"{name}.docx", "\n".join([title] + body * copies), auto_number=True)


def to_pdf(source: Path, workdir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([soffice, f"-env:UserInstallation={(workdir / ('profile-' + source.stem)).as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(workdir), str(source)], check=True, capture_output=True, timeout=900)
    return source.with_suffix(".pdf")


def pages(pdf: Path) -> int:
    import pypdfium2 as pdfium

    return len(pdfium.PdfDocument(str(pdf)))


def run(step: str, path: Path, repeat: int) -> dict:
    output = subprocess.run([sys.executable, __file__, "--child", step, str(path), "--repeat", str(repeat)],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", nargs=2, metavar=("STEP", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.repeat)
        return
    with tempfile.TemporaryDirectory() as workdir:
        work = Path(workdir)
        word = build(work, "plan30", 6, tables=True)
        files = [("docx", word, f"~{pages(to_pdf(word, work))} pages")]
        for name, copies, tables in (("tables100", 18, True), ("text100", 30, False)):
            pdf = to_pdf(build(work, name, copies, tables), work)
            files.append(("pdf" + (" +tables" if tables else " text"), pdf, f"{pages(pdf)} pages"))
        print(f"{'file':<12} {'size':<10} {'step':<15} {'median s':>9} {'max RSS MiB':>12} {'time ×bare':>10} {'RSS ×bare':>9}")
        for kind, path, size in files:
            base = run("bare", path, args.repeat)
            for step in STEPS:
                result = base if step == "bare" else run(step, path, args.repeat)
                print(f"{kind:<12} {size:<10} {step:<15} {result['seconds']:>9.3f} {result['rss_mib']:>12.1f} "
                      f"{result['seconds'] / base['seconds']:>10.2f} {result['rss_mib'] / base['rss_mib']:>9.2f}")


if __name__ == "__main__":
    main()
