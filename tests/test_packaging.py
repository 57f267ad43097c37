"""The installed wheel carries the rule sets and the report templates."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT


def test_wheel_contains_standards_and_templates(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    wheel = next(tmp_path.glob("plancheck-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("plancheck/standards/township.yaml", "plancheck/standards/village.yaml",
                     "plancheck/standards/standardization.yaml", "plancheck/standards/quality.yaml",
                     "plancheck/standards/superseded.yaml", "plancheck/standards/schema/ruleset.schema.json",
                     "plancheck/standards/schema/report.schema.json", "plancheck/standards/samples/township_strong.txt",
                     "plancheck/templates/report.html.j2", "plancheck/templates/report.docx", "plancheck/templates/_macros.j2"):
        assert required in names, required
    assert not any(name.startswith(("tests/", "examples/")) for name in names)
