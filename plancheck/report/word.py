"""Word (.docx) reports: templates/report.docx filled by docxtpl (imported only when a Word report is asked for)."""

from __future__ import annotations

import io
from datetime import datetime, timezone
from typing import Any

import docxtpl
import jinja2

from ..resources import data_dir
from .formats import FORMATS
from .rendering import environment


class _WordTemplate(docxtpl.DocxTemplate):
    """docxtpl renders the document properties with the body's autoescaping environment, but python-docx
    escapes property text itself, so a title `A&B` would read `A&amp;B`: properties render unescaped."""

    def render_properties(self, context: dict[str, Any], jinja_env: jinja2.Environment | None = None) -> None:
        super().render_properties(context, environment())


def render_docx(context: dict[str, Any]) -> bytes:
    """Fill templates/report.docx with docxtpl (body and document properties); the autoescaping environment
    keeps document text valid XML. The file is dated now."""
    template = _WordTemplate(str(data_dir("templates") / FORMATS["docx"].report_template))
    template.render(context, environment(html=True))
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    template.docx.core_properties.created = template.docx.core_properties.modified = now
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()
