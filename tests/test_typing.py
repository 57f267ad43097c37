"""The public library face is fully typed: other systems type-check against it (plancheck ships py.typed)."""

from __future__ import annotations

import pytest

from conftest import ROOT


def test_public_modules_are_fully_typed() -> None:
    api = pytest.importorskip("mypy.api", reason="mypy 未安装（pip install -e '.[test]' 会安装）")
    stdout, stderr, status = api.run(["--config-file", str(ROOT / "pyproject.toml"), "--no-incremental"])
    assert status == 0, stdout + stderr
    assert "Success: no issues found in 9 source files" in stdout
