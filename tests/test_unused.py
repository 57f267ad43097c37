"""No dead imports or names: pyflakes' checks (through ruff) over the package, the tests and the benchmarks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def test_no_unused_imports_undefined_names_or_dead_assignments() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff 未安装（pip install -e '.[test]' 会安装）")
    done = subprocess.run([ruff, "check", "--no-cache", "--select", "F", "plancheck", "tests", "benchmarks"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
