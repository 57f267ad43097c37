"""Command line: `plancheck check|inspect|rules …`. Exit 0 gate passed, 1 gate failed, 2 usage or input error,
3 internal error (details in a log file in the temp folder, never a traceback on screen)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from .version import __version__
from .errors import PlancheckError
from .outputs import guard_outputs, log_internal_error, safe_stem, sanitized_terminal, write_atomic
from .report.formats import FORMATS, format_for_path
from .web import command as serve_command

if TYPE_CHECKING:
    from .api import Checked

# Everything else (the readers, rule sets, renderers, YAML) is imported where a command needs it,
# so `plancheck --help` does not load them.

EXIT_PASS, EXIT_GATE_FAILED, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"命令用法有误：{message}\n运行 plancheck -h 查看帮助。\n")
        raise SystemExit(EXIT_INPUT)


def _param(text: str) -> tuple[str, Any]:
    if "=" not in text:
        raise argparse.ArgumentTypeError(f"--set 应写成 参数名=值，例如 drills_per_year=2，而不是 {text!r}")
    name, value = text.split("=", 1)
    import yaml

    try:
        return name.strip(), yaml.safe_load(value)
    except yaml.YAMLError:
        return name.strip(), value  # not YAML: kept as text, and the parameter's type check says what is wrong


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"日期应写成 2026-01-31 的形式，而不是 {text!r}") from error


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="plancheck", description="检查乡镇(街道)、村(社区)突发事件应急预案，给出中文差距报告。")
    parser.add_argument("--version", action="version", version=f"plancheck {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    checking = commands.add_parser("check", help="检查预案文件（或标准化材料包）并生成报告")
    checking.add_argument("files", nargs="+", metavar="FILE", help="预案文件：.docx .doc .wps .pdf .txt .md")
    checking.add_argument("--standard", "-s", default="township", help="township / village（天津市地方标准 DB12/T 1451/1452）；gb-township / gb-village（国家标准 GB/T 46793.2/.3，天津以外用）；"
                               "standardization；或规则集、覆盖文件路径")
    checking.add_argument("--format", "-f", choices=FORMATS, help="报告格式（docx 为 Word 报告），默认按 -o 的扩展名，否则为 txt")
    checking.add_argument("--output", "-o", help="报告写到此文件（多个输入时为文件夹）")
    checking.add_argument("--set", dest="params", type=_param, action="append", default=[], metavar="参数=值",
                          help="临时修改规则集参数，如 --set drills_per_year=2")
    checking.add_argument("--as-of", type=_date, help="以该日期为检查日期（计算预案年限），默认今天")
    checking.add_argument("--allow-inside", action="store_true", help="允许把报告保存在被检查的文件夹内（默认拒绝，以免下次被当作材料读入）")

    inspecting = commands.add_parser("inspect", help="显示文件是如何被读取的：目录层级、表格、页面、警告")
    inspecting.add_argument("file", metavar="FILE")
    inspecting.add_argument("--format", "-f", choices=("txt", "json"), default="txt")

    serve_command.add_arguments(commands.add_parser("serve", help="启动网页：在浏览器中上传预案、查看和下载报告（不熟悉命令行时用这个）"))

    rules = commands.add_parser("rules", help="查看、校验、测试规则集并生成规则目录")
    rule_commands = rules.add_subparsers(dest="rules_command", required=True, parser_class=_Parser)
    listing = rule_commands.add_parser("list", help="列出规则")
    listing.add_argument("--standard", "-s", default="township")
    showing = rule_commands.add_parser("show", help="显示一条规则")
    showing.add_argument("rule_id")
    showing.add_argument("--standard", "-s", default="township")
    validating = rule_commands.add_parser("validate", help="校验规则集文件")
    validating.add_argument("paths", nargs="*", help="默认校验全部内置规则集")
    testing = rule_commands.add_parser("test", help="运行规则旁的示例（每条规则至少一个应通过、一个应不通过）")
    testing.add_argument("--standard", "-s", action="append", help="默认测试全部内置规则集")
    docs = rule_commands.add_parser("docs", help="由规则集生成 Markdown 规则目录")
    docs.add_argument("--output", "-o", default="docs/rules", help="输出文件夹，默认 docs/rules")
    docs.add_argument("--schema", action="store_true", help="同时按检查方法的声明重新生成 standards/schema/ruleset.schema.json")
    return parser


def _write(content: str | bytes, path: Path) -> None:
    write_atomic(path, content)


def _report_names(sources: list[Path]) -> list[str]:
    """File stems for per-file reports, kept apart when two inputs share a stem (plan.docx, plan.pdf).

    >>> _report_names([Path("a/plan.docx"), Path("plan.pdf"), Path("b/plan.docx"), Path("x.txt")])
    ['plan', 'plan_pdf', 'plan_docx', 'x']
    """
    names: list[str] = []
    for source in sources:
        stem = safe_stem(source.stem)
        name = stem if stem not in names else f"{stem}_{safe_stem(source.suffix.lstrip('.'))}"
        while name in names:
            name += "_"
        names.append(name)
    return names


def _run_checks(args: argparse.Namespace) -> list[Checked]:
    """Every input checked by the library; a file that cannot be read is reported, not fatal to the batch."""
    from .api import check_batch

    checked = []
    for item in check_batch(args.files, args.standard, as_of=args.as_of, overrides=dict(args.params) or None):
        if item.report is None:
            sys.stderr.write(f"错误：{item.source}：{item.error}\n")
        checked.append(item)
    return checked


def _targets(checked: list[Checked], names: list[str], fmt: str, output: Path, into_folder: bool) -> list[Path]:
    """Every file a check with -o would write: the reports and, for a batch, the summary."""
    if not into_folder:
        return [output]
    summary = FORMATS[FORMATS[fmt].summary_format].suffix
    targets = [output / f"{name}{FORMATS[fmt].suffix}" for item, name in zip(checked, names) if item.report is not None]
    return targets + ([output / f"汇总{summary}"] if len(checked) > 1 else [])


def _save_reports(checked: list[Checked], names: list[str], fmt: str, output: Path, into_folder: bool) -> None:
    from .report import render

    for item, name in zip(checked, names):
        if item.report is not None:
            target = output / f"{name}{FORMATS[fmt].suffix}" if into_folder else output
            _write(render(item.report, fmt), target)
            print(f"{item.source.name}：{item.report.gate_label}，得分 {item.report.score}，等级 {item.report.grade}。"
                  f"报告已写入 {target}")


def _summarise(checked: list[Checked], names: list[str], fmt: str, output: Path | None) -> None:
    """Print the batch summary; with -o also save it in the format's summary format."""
    from .report import render_summary

    summary_format = FORMATS[fmt].summary_format
    items = [(item.source.name, item.report, item.error or (f"{name}{FORMATS[fmt].suffix}" if output else ""))
             for item, name in zip(checked, names)]
    sys.stdout.write(render_summary(items, "txt"))
    if output:
        target = output / f"汇总{FORMATS[summary_format].suffix}"
        _write(render_summary(items, summary_format), target)
        print(f"汇总表已写入 {target}")
    else:
        print("（使用 -o 文件夹 可保存每份报告和汇总表）")


def _check(args: argparse.Namespace) -> int:
    from .api import INTERNAL_ERROR
    from .report import render

    output = Path(args.output) if args.output else None
    checked = _run_checks(args)
    single = len(checked) == 1
    into_folder = bool(output) and (not single or output.is_dir() or args.output.endswith(("/", "\\")))
    fmt = args.format or format_for_path(None if into_folder else output)
    if output and not into_folder and output.suffix and output.suffix.lower() not in FORMATS[fmt].suffixes:
        known = "、".join(f.suffix for f in FORMATS.values())
        raise PlancheckError(f"无法生成扩展名为 {output.suffix} 的{'报告' if args.format is None else f' {fmt} 报告'}："
                             f"-o 的扩展名应与格式一致（可用 {known}）")
    if FORMATS[fmt].binary and not output:
        raise PlancheckError("Word 报告是文件，请用 -o 指定保存位置，例如 -o 报告.docx")
    names = _report_names([item.source for item in checked])
    if output:
        guard_outputs(_targets(checked, names, fmt, output, into_folder), args.files, args.allow_inside)
        _save_reports(checked, names, fmt, output, into_folder)
    elif single and checked[0].report is not None:
        sys.stdout.write(render(checked[0].report, fmt))
    if not single:
        _summarise(checked, names, fmt, output)
    if any(item.report is None and item.error.startswith(INTERNAL_ERROR) for item in checked):
        return EXIT_INTERNAL
    if any(item.report is None for item in checked):
        return EXIT_INPUT
    return EXIT_GATE_FAILED if any(item.report.gate == "fail" for item in checked if item.report) else EXIT_PASS


def _rules(args: argparse.Namespace) -> int:
    import yaml

    from .report.catalog import committed_schema_path, render_catalog
    from .resources import data_dir
    from .rules.ruleset import SHIPPED, load_ruleset, validate_file
    from .rules.selftest import missing_examples, run_examples

    command = args.rules_command
    if command == "list":
        ruleset = load_ruleset(args.standard)
        print(f"{ruleset.title}（{ruleset.id} {ruleset.version}），共 {len(ruleset.rules)} 条规则")
        for rule in ruleset.rules:
            mark = "关键" if rule.key else "一般"
            print(f"  {rule.id:<7} {mark}  权重{rule.weight:>4g}  {rule.title}　〔{rule.citation}，{rule.basis['kind']}〕")
        return EXIT_PASS
    if command == "show":
        rule = load_ruleset(args.standard).rule(args.rule_id)
        print(yaml.safe_dump({"id": rule.id, "title": rule.title, "key": rule.key, "weight": rule.weight,
                              "basis": rule.basis, "within": rule.within,
                              "require": [{"label": r.label, r.primitive: r.arguments} for r in rule.require],
                              "remedy": rule.remedy}, allow_unicode=True, sort_keys=False))
        return EXIT_PASS
    if command == "validate":
        paths = args.paths or [str(data_dir("standards") / name) for name in SHIPPED.values()]
        problems = [problem for path in paths for problem in validate_file(path)]
        for problem in problems:
            print(problem.text())
        errors = sum(1 for problem in problems if problem.severity == "error")
        print(f"校验 {len(paths)} 个规则集：{errors} 个错误，{len(problems) - errors} 个提示")
        return EXIT_INPUT if errors else EXIT_PASS
    if command == "test":
        failed = 0
        for name in args.standard or list(SHIPPED):
            ruleset = load_ruleset(name)
            results = run_examples(ruleset)
            for result in results:
                if not result.ok:
                    failed += 1
                    expected = {"pass": "符合", "partial": "基本符合", "fail": "不符合"}[result.expected]
                    print(f"失败 {ruleset.id} {result.rule_id}：示例应为{expected}，实际为 {result.verdict}：{result.text[:40]!r}")
            for rule_id in missing_examples(ruleset):
                failed += 1
                print(f"失败 {ruleset.id} {rule_id}：缺少应通过或应不通过的示例")
            print(f"{ruleset.id}：{len(results)} 个示例")
        print(f"{failed} failed" if failed else "全部示例通过")
        return EXIT_GATE_FAILED if failed else EXIT_PASS
    written = render_catalog(Path(args.output), committed_schema_path() if args.schema else None)
    for path in written:
        print(f"已生成 {path}")
    return EXIT_PASS


def _tolerant_output() -> None:
    """Whatever the console's encoding (a Chinese Windows code page, a redirected file), output never
    fails: a character the encoding lacks is written as '?' instead of stopping with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Terminal output has control sequences stripped; an unexpected error is logged
    to a file in the temp folder and reported in one Chinese line with exit code 3."""
    _tolerant_output()
    with sanitized_terminal():
        try:
            return _main(argv)
        except Exception as error:  # noqa: BLE001 - the internal-error boundary
            log = log_internal_error(error, argv)
            where = f"详细信息已写入 {log}，请将该文件发给维护人员" if log else "（无法写入日志文件）"
            sys.stderr.write(f"内部错误：plancheck 出现意外问题（{type(error).__name__}），本次检查未完成。{where}。\n")
            return EXIT_INTERNAL


def _main(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "serve":
            return serve_command.run(args)
        if args.command == "inspect":
            from .document import load_document
            from .report import render_inspect

            sys.stdout.write(render_inspect(load_document(args.file), args.format))
            return EXIT_PASS
        return _rules(args)
    except PlancheckError as error:
        sys.stderr.write(f"错误：{error}\n")
        return EXIT_INPUT
    except KeyError as error:
        sys.stderr.write(f"错误：找不到规则 {error}\n")
        return EXIT_INPUT
    except OSError as error:
        sys.stderr.write(f"错误：无法读写文件：{error.filename or ''}（{error.strerror}）\n")
        return EXIT_INPUT


if __name__ == "__main__":
    raise SystemExit(main())
