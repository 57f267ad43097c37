"""Command line: `plancheck check|compare|inspect|serve|rules …`. Exit 0 gate passed, 1 gate failed or input could not be
assessed (无法评定: a scan without text layer, an empty file), 2 usage or input error,
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
from .outputs import guard_outputs, log_internal_error, sanitized_terminal, write_atomic
from .report.formats import COMPARE_FORMATS, FORMATS, SUMMARY_FORMATS, format_for_path
from .web import command as serve_command

if TYPE_CHECKING:
    from .api import Checked

# Everything else (the readers, rule sets, renderers, YAML) is imported where a command needs it,
# so `plancheck --help` does not load them.

EXIT_PASS, EXIT_GATE_FAILED, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
# How `plancheck rules test` names the verdict each kind of rule example must get.
EXAMPLE_VERDICTS = {"pass": "符合", "partial": "基本符合", "fail": "不符合"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"命令用法有误：{message}\n运行 plancheck -h 查看帮助。\n")
        raise SystemExit(EXIT_INPUT)


def _param(text: str) -> tuple[str, Any]:
    import yaml

    if "=" not in text:
        raise argparse.ArgumentTypeError(f"--set 应写成 参数名=值，例如 drills_per_year=2，而不是 {text!r}")
    name, value = text.split("=", 1)
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
    checking.add_argument("files", nargs="+", metavar="FILE", help="预案文件或文件夹（逐层查找 .docx .doc .wps .pdf .txt .md，"
                          "跳过 ~$ 锁定文件、临时文件和隐藏文件）；standardization 时一个文件夹是一个材料包")
    checking.add_argument("--standard", "-s", default="township", help="township / village（天津市地方标准 DB12/T 1451/1452）；gb-township / gb-village（国家标准 GB/T 46793.2/.3，天津以外用）；"
                               "standardization；auto（按每份文件的内容判断是乡镇(街道)还是村(社区)预案）；或规则集、覆盖文件路径")
    checking.add_argument("--jurisdiction", metavar="tianjin|national",
                          help="与 --standard auto 一起用：tianjin 选天津市地方标准（默认），national 选国家标准 GB/T 46793")
    checking.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="同时检查的进程数，默认 1；0 为按处理器核数")
    checking.add_argument("--scheduler", metavar="tcp://主机:端口", help="在 Dask 集群上检查（需安装 plancheck[dask]），见 docs/scale.md")
    checking.add_argument("--format", "-f", choices=FORMATS, help="报告格式（docx、xlsx 为正式评审表，csv 为评审表的表格部分），默认按 -o 的扩展名，否则为 txt")
    checking.add_argument("--output", "-o", help="报告写到此文件（多个输入时为文件夹）")
    checking.add_argument("--summary-format", metavar="格式",
                          help=f"汇总表格式：{'、'.join(SUMMARY_FORMATS)}；默认随报告格式（Word 评审表配 xlsx 汇总表）")
    checking.add_argument("--set", dest="params", type=_param, action="append", default=[], metavar="参数=值",
                          help="临时修改规则集参数，如 --set drills_per_year=2")
    checking.add_argument("--as-of", type=_date, help="以该日期为检查日期（计算预案年限），默认今天")
    also = checking.add_mutually_exclusive_group()
    also.add_argument("--also", action="append", metavar="规则集",
                      help="同时按这个规则集核对，报告另列其结论（可写多次）；默认按规则集的设定（天津规则集同时核对国家标准）")
    also.add_argument("--no-also", dest="also", action="store_const", const=[], help="只按 --standard 的规则集检查，不另列其他标准的结论")
    checking.add_argument("--waivers", metavar="FILE", help="豁免文件（YAML）：认定不适用、已符合或工具误报的要素及理由；"
                                                           "不写时自动采用预案旁的 <预案文件名>.waivers.yaml")
    checking.add_argument("--allow-inside", action="store_true", help="允许把报告保存在被检查的文件夹内（默认拒绝，以免下次被当作材料读入）")

    comparing = commands.add_parser("compare", help="比较同一预案的两稿：哪些已改好、哪些新出现、哪些仍未改好，得分和结论的变化")
    comparing.add_argument("old", metavar="OLD", help="原稿")
    comparing.add_argument("new", metavar="NEW", help="新稿（退出码按新稿的结论：通过或基本通过为 0，否则为 1）")
    comparing.add_argument("--standard", "-s", default="township", help="规则集，同 check")
    comparing.add_argument("--format", "-f", choices=COMPARE_FORMATS, help="比较结果的格式，默认按 -o 的扩展名，否则为 txt")
    comparing.add_argument("--output", "-o", help="比较结果写到此文件")
    comparing.add_argument("--as-of", type=_date, help="以该日期为检查日期，默认今天")

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
    testing = rule_commands.add_parser("test", help="运行规则旁的示例（每条规则应有符合、不符合的示例；能评为基本符合的规则还应有基本符合的示例）")
    testing.add_argument("--standard", "-s", action="append", help="默认测试全部内置规则集")
    docs = rule_commands.add_parser("docs", help="由规则集生成 Markdown 规则目录")
    docs.add_argument("--output", "-o", default="docs/rules", help="输出文件夹，默认 docs/rules")
    docs.add_argument("--schema", action="store_true", help="同时按检查方法的声明重新生成 standards/schema/ruleset.schema.json")
    return parser


def _write(content: str | bytes, path: Path) -> None:
    write_atomic(path, content)


def _inputs(args: argparse.Namespace) -> tuple[Any, list[str | Path]]:
    """The rule set (loaded once, or "auto") and the files to check: folders walked for plans, lock,
    temporary and hidden files skipped with one line saying so. A bundle rule set takes the inputs as given."""
    from .api import BUNDLE, load_standard
    from .collect import collect
    from .kind import AUTO, jurisdictions

    if args.jurisdiction is not None and args.jurisdiction not in jurisdictions():
        raise PlancheckError(f"--jurisdiction 只能是 {' 或 '.join(jurisdictions())}，而不是 {args.jurisdiction!r}")
    overrides = dict(args.params) or None
    standard = AUTO if args.standard == AUTO else load_standard(args.standard, overrides)
    if standard != AUTO and standard.applies_to == BUNDLE:
        return standard, list(args.files)
    found = collect(args.files)
    if found.skipped_message():
        sys.stderr.write(found.skipped_message() + "\n")
    if not found.files:
        raise PlancheckError("没有可检查的预案文件：" + "、".join(args.files))
    return standard, list(found.files)


def _run_checks(args: argparse.Namespace, standard: Any, files: list[str | Path]) -> list[Checked]:
    """Every input checked by the library, with progress on stderr; a file that cannot be read is reported,
    not fatal to the batch."""
    from .batch import check_batch
    from .progress import progress

    with progress(len(files)) as done:
        return list(check_batch(files, standard, as_of=args.as_of, overrides=dict(args.params) or None,
                                jurisdiction=args.jurisdiction, jobs=args.jobs, scheduler=args.scheduler, on_done=done,
                                also=args.also, waivers=args.waivers))


def _asked_summary_format(args: argparse.Namespace) -> str | None:
    """The summary format asked for with --summary-format, checked before any file is read."""
    chosen = args.summary_format
    if chosen is None:
        return None
    if chosen not in SUMMARY_FORMATS:
        raise PlancheckError(f"无法生成 {chosen} 格式的汇总表：--summary-format 可用 {'、'.join(SUMMARY_FORMATS)}")
    if FORMATS[chosen].binary and not args.output:
        raise PlancheckError(f"{chosen} 汇总表是文件，请用 -o 指定保存的文件夹，例如 -o 报告/")
    return chosen


def _summary_target(output: Path, into_folder: bool, summary_format: str) -> Path:
    return (output if into_folder else output.parent) / f"汇总{FORMATS[summary_format].suffix}"


def _targets(checked: list[Checked], names: list[str], fmt: str, output: Path, into_folder: bool,
             summary_format: str | None) -> list[Path]:
    """Every file a check with -o would write: the reports and the summary (if any)."""
    summary = [_summary_target(output, into_folder, summary_format)] if summary_format else []
    if not into_folder:
        return [output] + summary
    targets = [output / f"{name}{FORMATS[fmt].suffix}" for item, name in zip(checked, names) if item.report is not None]
    return targets + summary


def _save_reports(checked: list[Checked], names: list[str], fmt: str, output: Path, into_folder: bool) -> None:
    from .report import render

    for item, name in zip(checked, names):
        if item.report is not None:
            target = output / f"{name}{FORMATS[fmt].suffix}" if into_folder else output
            _write(render(item.report, fmt), target)
            scored = f"，得分 {item.report.score}，等级 {item.report.grade}" if item.report.score is not None else ""
            print(f"{item.source.name}：{item.report.gate_label}{scored}。报告已写入 {target}")


def _summarise(checked: list[Checked], names: list[str], fmt: str, output: Path | None, into_folder: bool,
               summary_format: str, asked: bool) -> None:
    """Print the batch summary; with -o also save it in the summary format. A summary format asked for
    without -o is printed instead (text formats; binary ones were refused before checking)."""
    from .collect import shown_names
    from .report import render_summary

    report_of = (lambda name: f"{name}{FORMATS[fmt].suffix}") if into_folder else (lambda name: output.name if output else "")
    items = [(shown, item.report, item.error or report_of(name))
             for item, name, shown in zip(checked, names, shown_names([item.source for item in checked]))]
    if output:
        if len(checked) > 1:
            sys.stdout.write(render_summary(items, "txt"))
        target = _summary_target(output, into_folder, summary_format)
        _write(render_summary(items, summary_format), target)
        print(f"汇总表（{summary_format}）已写入 {target}")
        return
    sys.stdout.write(render_summary(items, summary_format if asked else "txt"))
    if not asked:
        print("（使用 -o 文件夹 可保存每份报告和汇总表）")


def _check(args: argparse.Namespace) -> int:
    from .api import INTERNAL_ERROR
    from .collect import report_names
    from .report import render

    output = Path(args.output) if args.output else None
    asked_summary = _asked_summary_format(args)
    standard, files = _inputs(args)
    checked = _run_checks(args, standard, files)
    single = len(checked) == 1
    into_folder = bool(output) and (not single or output.is_dir() or args.output.endswith(("/", "\\")))
    fmt = args.format or format_for_path(None if into_folder else output)
    if output and not into_folder and output.suffix and output.suffix.lower() not in FORMATS[fmt].suffixes:
        known = "、".join(f.suffix for f in FORMATS.values())
        raise PlancheckError(f"无法生成扩展名为 {output.suffix} 的{'报告' if args.format is None else f' {fmt} 报告'}："
                             f"-o 的扩展名应与格式一致（可用 {known}）")
    if FORMATS[fmt].binary and not output:
        raise PlancheckError(f"{fmt} 报告是文件，请用 -o 指定保存位置，例如 -o 报告{FORMATS[fmt].suffix}")
    summary_format = asked_summary or FORMATS[fmt].summary_format
    wants_summary = not single or asked_summary is not None
    names = report_names([item.source for item in checked])
    if output:
        guard_outputs(_targets(checked, names, fmt, output, into_folder, summary_format if wants_summary else None),
                      args.files, args.allow_inside)
        _save_reports(checked, names, fmt, output, into_folder)
    elif single and checked[0].report is not None:
        sys.stdout.write(render(checked[0].report, fmt))
    if wants_summary:
        _summarise(checked, names, fmt, output, into_folder, summary_format, asked_summary is not None)
    if any(item.report is None and item.error.startswith(INTERNAL_ERROR) for item in checked):
        return EXIT_INTERNAL
    if any(item.report is None for item in checked):
        return EXIT_INPUT
    failed = any(item.report.gate in ("fail", "unassessable") for item in checked if item.report)
    return EXIT_GATE_FAILED if failed else EXIT_PASS


def _compare(args: argparse.Namespace) -> int:
    """Both drafts checked by the library; exit 0 when the new draft passes the gate, 1 otherwise."""
    from .comparing import compare
    from .report.comparison import render_comparison

    output = Path(args.output) if args.output else None
    fmt = args.format or format_for_path(output)
    if fmt not in COMPARE_FORMATS or (output and output.suffix and output.suffix.lower() not in FORMATS[fmt].suffixes):
        raise PlancheckError(f"比较结果不能保存为 {output.suffix if output else fmt}：可用 "
                             + "、".join(FORMATS[name].suffix for name in COMPARE_FORMATS) + "，扩展名应与 -f 一致")
    if output:
        guard_outputs([output], [args.old, args.new])
    comparison = compare(args.old, args.new, args.standard, as_of=args.as_of)
    text = render_comparison(comparison, fmt)
    if output:
        _write(text, output)
        print(f"新稿：{comparison.after.gate_label}，得分 {comparison.after.score}（{comparison.score_change:+.1f}）。"
              f"比较结果已写入 {output}")
    else:
        sys.stdout.write(text)
    return EXIT_PASS if comparison.passes else EXIT_GATE_FAILED


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
        from .rules.concepts import Concept

        class Dumper(yaml.SafeDumper):
            """Concepts printed as the rule files write them: `@name`."""

        Dumper.add_representer(Concept, lambda dumper, concept: dumper.represent_str(f"@{concept}"))
        rule = load_ruleset(args.standard).rule(args.rule_id)
        print(yaml.dump({"id": rule.id, "title": rule.title, "key": rule.key, "weight": rule.weight,
                         "basis": rule.basis, "within": rule.within,
                         "require": [{"label": r.label, r.primitive: r.arguments} for r in rule.require],
                         "remedy": rule.remedy}, Dumper=Dumper, allow_unicode=True, sort_keys=False))
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
                    print(f"失败 {ruleset.id} {result.rule_id}：示例应为{EXAMPLE_VERDICTS[result.expected]}，"
                          f"实际为 {result.verdict}：{result.text[:40]!r}")
            for rule_id, kind in missing_examples(ruleset):
                failed += 1
                print(f"失败 {ruleset.id} {rule_id}：缺少应为{EXAMPLE_VERDICTS[kind]}的示例")
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
        if args.command == "compare":
            return _compare(args)
        if args.command == "serve":
            return serve_command.run(args)
        if args.command == "inspect":
            from .document import load_document
            from .report import render_inspect

            sys.stdout.write(render_inspect(load_document(args.file, materials=True), args.format))
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
