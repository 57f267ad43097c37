"""`plancheck rules validate`: every lint fires on a rule set built to trigger it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from plancheck.errors import RulesetError
from plancheck.rules.ruleset import load_ruleset, validate_file

BASE = {
    "id": "demo", "title": "示例", "version": "1", "applies_to": "township_plan",
    "sources": [{"id": "DB12/T 1451—2025", "title": "导则"}],
    "aspects": [{"id": "org", "title": "组织体系"}],
    "grading": {"bands": [{"grade": "合格", "min": 60}, {"grade": "不合格", "min": 0}]},
    "params": {"drills": {"value": 1, "title": "演练次数", "source": "应对法", "kind": "I"}},
}


def rule(**changes) -> dict:
    base = {"id": "T-07", "title": "指挥机构", "aspect": "org", "key": True, "weight": 5,
            "basis": {"document": "编制参考", "clause": "4.2", "kind": "C"},
            "require": [{"label": "有总指挥", "phrases": {"any_of": ["总指挥"]}}], "remedy": "写明总指挥。"}
    return base | changes


def problems(tmp_path: Path, *rules: dict) -> list[str]:
    path = tmp_path / "demo.yaml"
    path.write_text(yaml.safe_dump(BASE | {"rules": list(rules)}, allow_unicode=True), encoding="utf-8")
    return [problem.text() for problem in validate_file(path)]


def test_clean_rule_set_has_no_problems(tmp_path: Path) -> None:
    assert problems(tmp_path, rule()) == []


def test_duplicate_ids(tmp_path: Path) -> None:
    assert any("规则 T-07，键 id：规则编号重复" in p for p in problems(tmp_path, rule(), rule()))


def test_unknown_primitive_names_the_rule_and_key(tmp_path: Path) -> None:
    found = problems(tmp_path, rule(require=[{"label": "x", "phrase": {"any_of": ["总指挥"]}}]))
    assert any("规则 T-07，键 require[0]：未知的键：phrase（是不是 phrases？）" in p for p in found)


def test_regex_that_does_not_compile(tmp_path: Path) -> None:
    found = problems(tmp_path, rule(require=[{"label": "x", "pattern": {"regex": "(总指挥"}}]))
    assert any("键 require[0].pattern.regex：正则表达式无法编译" in p for p in found)


def test_word_boundary_is_warned(tmp_path: Path) -> None:
    found = problems(tmp_path, rule(require=[{"label": "x", "pattern": {"regex": "\\b总指挥"}}]))
    assert any("[提示]" in p and "不要使用 \\b" in p for p in found)


def test_empty_phrase_list(tmp_path: Path) -> None:
    found = problems(tmp_path, rule(require=[{"label": "x", "phrases": {"any_of": []}}]))
    assert any("键 require[0].phrases.any_of：列表不能为空" in p for p in found)


def test_unknown_aspect(tmp_path: Path) -> None:
    assert any("未声明的方面“organisation”" in p for p in problems(tmp_path, rule(aspect="organisation")))


def test_inference_based_key_rule_cannot_fail_the_gate_alone(tmp_path: Path) -> None:
    found = problems(tmp_path, rule(basis={"document": "本项目推定", "kind": "I"}))
    assert any("规则 T-07，键 key：依据可信度为 I" in p and "key: false" in p for p in found)
    assert problems(tmp_path, rule(key=False, basis={"document": "本项目推定", "kind": "I"})) == []


def test_undefined_parameter_and_bad_arguments(tmp_path: Path) -> None:
    found = problems(tmp_path, rule(require=[{"label": "x", "number": {"regex": "(\\d)次", "at_least": "$drill"}}]))
    assert any("引用了未定义的参数 $drill" in p for p in found)
    found = problems(tmp_path, rule(require=[{"label": "y", "phrases": {"any_of": ["a"], "all_of": ["b"]}}]))
    assert any("键 require[0].phrases：参数应为以下之一：any_of / all_of / of+at_least" in p for p in found)


def test_schema_errors_are_chinese_and_located(tmp_path: Path) -> None:
    broken = rule()
    del broken["remedy"]
    found = problems(tmp_path, broken | {"colour": "red"})
    assert any("规则 T-07" in p and "缺少必填项：remedy" in p for p in found)
    assert any("未知的键：colour" in p for p in found)


def test_loading_an_invalid_rule_set_raises_with_all_problems(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(yaml.safe_dump(BASE | {"rules": [rule(), rule(aspect="x")]}, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RulesetError) as caught:
        load_ruleset(path)
    assert "规则编号重复" in caught.value.message and "未声明的方面“x”" in caught.value.message


def test_yaml_syntax_error_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: [unclosed", encoding="utf-8")
    assert "YAML 格式错误" in validate_file(path)[0].text()


@pytest.mark.parametrize("name", ["township", "village", "standardization"])
def test_shipped_rule_sets_are_clean(name: str) -> None:
    ruleset = load_ruleset(name)
    assert validate_file(ruleset.path) == []


def test_within_on_a_whole_document_primitive_is_rejected(tmp_path: Path) -> None:
    found = problems(tmp_path, rule(require=[{"label": "x", "within": ["附件"], "attachment": {"titles": ["通讯录"]}}]))
    assert any("键 require[0].within：检查方法“attachment”总是查看全文，不能用 within 限定范围" in p for p in found)


def test_overlay_typo_names_the_nearest_key(tmp_path: Path) -> None:
    from plancheck.rules.ruleset import validate_file

    overlay = tmp_path / "区要求.yaml"
    overlay.write_text("extends: township\nwieghts: {T-22: 4}\n", encoding="utf-8")
    assert any("未知的键：wieghts（是不是 weights？）" in p.text() for p in validate_file(overlay))


def test_included_fragment_is_validated_as_a_fragment() -> None:
    from plancheck.resources import data_dir
    from plancheck.rules.ruleset import fragment_schema
    from plancheck.rules.lint import schema_problems
    import yaml

    fragment = yaml.safe_load((data_dir("standards") / "quality.yaml").read_text("utf-8"))
    assert schema_problems(fragment, fragment_schema(), "quality.yaml") == []
    fragment["wieghts"] = {}
    assert [p.message for p in schema_problems(fragment, fragment_schema(), "quality.yaml")] == ["未知的键：wieghts"]
