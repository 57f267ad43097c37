"""Shared fixtures: a fixed checking date, LibreOffice discovery, example paths."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
AS_OF = date(2026, 11, 29)
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")


def convert(source: Path, target: str, outdir: Path) -> Path:
    """Convert with LibreOffice (a fresh profile per call) and return the new file."""
    profile = outdir / f"profile-{source.stem}-{target}"
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target,
                    "--outdir", str(outdir), str(source)], check=True, capture_output=True, timeout=180)
    return outdir / f"{source.stem}.{target.split(':')[0]}"
