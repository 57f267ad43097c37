"""Progress of a batch on stderr: a rich progress bar on a terminal, one line per finished file otherwise
(a log, a pipe, a CI job), so a long batch is never silent."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .api import Checked
from .outputs import strip_controls, unsanitized


def line(item: Checked, number: int, total: int) -> str:
    """What one finished file says.

    >>> from pathlib import Path
    >>> line(Checked(Path("坏.docx"), None, "文件已损坏"), 2, 12)
    '[2/12] 错误：坏.docx：文件已损坏'
    """
    if item.report is None:
        return f"[{number}/{total}] 错误：{item.source}：{item.error}"
    report = item.report
    kind = f"（{report.kind.label}，按 {report.ruleset.id} 检查）" if report.kind else ""
    warning = "；类型不符，见报告中的提示" if report.notices else ""
    return f"[{number}/{total}] {item.source}{kind}：{report.gate_label}，得分 {report.score}{warning}"


@contextmanager
def progress(total: int) -> Iterator[Callable[[Checked], None]]:
    """A callback to give each finished file; for a single file only an error is shown (its report is the output)."""
    count = 0
    if total < 2:
        def error_only(item: Checked) -> None:
            if item.report is None:
                sys.stderr.write(f"错误：{item.source}：{item.error}\n")

        yield error_only
        return
    stream = unsanitized(sys.stderr)
    if not stream.isatty():
        def report_line(item: Checked) -> None:
            nonlocal count
            count += 1
            sys.stderr.write(line(item, count, total) + "\n")
            sys.stderr.flush()

        yield report_line
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.text import Text

    console = Console(file=stream, stderr=True)
    with Progress(TextColumn("检查中"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console,
                  transient=True) as bar:
        task = bar.add_task("", total=total)

        def advance(item: Checked) -> None:
            nonlocal count
            count += 1
            bar.console.print(Text(strip_controls(line(item, count, total))))
            bar.advance(task)

        yield advance
