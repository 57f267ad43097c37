"""The command line on a clerk's Windows PC: any console encoding, and -o only where a format can be written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT


def _run(args: list[str], tmp_path: Path, encoding: str) -> tuple[int, bytes, bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    with out.open("wb") as stdout, err.open("wb") as stderr:  # redirected, as `plancheck … > out.txt`
        code = subprocess.run([sys.executable, "-m", "plancheck", *args], stdout=stdout, stderr=stderr, env=env,
                              cwd=ROOT, timeout=300).returncode
    return code, out.read_bytes(), err.read_bytes()


@pytest.mark.parametrize("encoding", ["cp936", "ascii"])
def test_output_never_crashes_whatever_the_console_encoding(tmp_path: Path, encoding: str) -> None:
    code, out, err = _run(["check", str(EXAMPLES / "township_weak.docx"), "--as-of", "2026-11-29"], tmp_path, encoding)
    assert code == 1, err.decode(encoding, "replace")  # 不通过, not a crash
    text = out.decode(encoding)  # valid in the console's encoding
    assert b"Traceback" not in err and "UnicodeEncodeError" not in text
    if encoding == "cp936":
        assert "不通过" in text and "修改建议" in text


@pytest.mark.parametrize(("args", "shown"), [(["-o", "报告.pdf"], ".pdf"), (["-f", "html", "-o", "r.docx"], ".docx")])
def test_output_suffix_must_be_one_the_format_writes(tmp_path: Path, args: list[str], shown: str) -> None:
    args = [a if a.startswith("-") or a in ("html",) else str(tmp_path / a) for a in args]
    code, _, err = _run(["check", str(EXAMPLES / "township_weak.docx"), *args], tmp_path, "utf-8")
    assert code == 2 and shown in err.decode("utf-8") and "扩展名" in err.decode("utf-8")
    assert not any(p.suffix in (".pdf", ".docx") for p in tmp_path.iterdir())
