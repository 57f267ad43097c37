"""Start-up stays light: `plancheck --help` and `import plancheck` load no reader, renderer or validator."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("docx", "pdfplumber", "pypdfium2", "jsonschema", "cn2an", "jinja2", "docxtpl", "starlette", "opencc")


def _loaded_after(code: str) -> list[str]:
    """Top-level packages among HEAVY in sys.modules after running `code` in a fresh interpreter."""
    probe = code + f"\nimport json, sys\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("code", ["import plancheck.cli", "import plancheck",
                                  "from plancheck.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass"])
def test_start_up_imports_no_heavy_library(code: str) -> None:
    assert _loaded_after(code) == []


def test_library_names_resolve_on_first_use() -> None:
    import plancheck
    import plancheck.api
    from plancheck import report
    from plancheck.report import rendering

    assert plancheck.check is plancheck.api.check and plancheck.Report.__name__ == "Report"
    assert report.render is rendering.render and report.render_summary is rendering.render_summary
    with pytest.raises(AttributeError):
        _ = plancheck.no_such_name


def test_a_json_check_with_a_shipped_rule_set_loads_no_validator_nor_other_renderer() -> None:
    """A shipped rule set is validated by the tests, not on every run; Word and Excel writers load only for their formats."""
    code = ("from datetime import date\nfrom plancheck import check\nfrom plancheck.report import render\n"
            "render(check('examples/township_strong.docx', 'township', as_of=date(2026, 11, 29)), 'json')")
    assert "docx" in _loaded_after(code)  # the plan itself was read
    assert not set(_loaded_after(code)) & {"jsonschema", "docxtpl", "pdfplumber", "pypdfium2", "starlette"}
    assert "jsonschema" in _loaded_after(code.replace("'township'", "'standards/township.yaml'"))  # a rule-set file is validated


def test_reading_workers_inherit_the_converters_instead_of_importing_them_per_file(tmp_path: Path) -> None:
    """Each file is read in a worker forked from the caller: what the readers need is imported in the caller first."""
    plan = tmp_path / "预案.pdf"
    plan.write_text("一、总则\n本预案适用于本镇。", encoding="utf-8")  # text named .pdf: read as text, with a notice
    code = f"from plancheck import load_document\nload_document({str(plan)!r})"
    assert {"cn2an", "pypdfium2"} <= set(_loaded_after(code))
