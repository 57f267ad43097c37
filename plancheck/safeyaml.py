"""Reading rule-set YAML (user files) under budgets: a regular file of bounded size, and a document
whose aliases do not expand past a node budget (the "billion laughs" anchor bomb)."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import yaml

from .errors import PlancheckError, RulesetError

MAX_YAML_BYTES = 4 * 1024 * 1024
MAX_EXPANDED_NODES = 1_000_000
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML was built with it


def _expanded(node: yaml.Node, memo: dict[int, int]) -> int:
    """Nodes `node` stands for once every alias is expanded (shared nodes counted each time they are used)."""
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = 1  # a recursive structure counts once per visit
    if isinstance(node, yaml.SequenceNode):
        total = 1 + sum(_expanded(child, memo) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        total = 1 + sum(_expanded(k, memo) + _expanded(v, memo) for k, v in node.value)
    else:
        total = 1
    memo[key] = min(total, MAX_EXPANDED_NODES + 1)
    return memo[key]


def load_yaml(path: Path) -> Any:
    """`yaml.safe_load` of a rule-set file, refusing devices, huge files and alias bombs with a RulesetError."""
    return load_yaml_node(path)[0]


def load_yaml_node(path: Path, what: str = "规则集文件",
                   error: type[PlancheckError] = RulesetError) -> tuple[Any, yaml.Node | None]:
    """A user YAML file (`what` names it in messages) as data and as its node tree, whose marks give line
    numbers; devices, huge files and alias bombs are refused with `error`."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise error(f"{what}必须是普通文件（不能是设备、管道或文件夹）", str(path))
        with open(path, "rb") as handle:
            data = handle.read(MAX_YAML_BYTES + 1)
    except OSError as problem:
        raise error(f"无法读取{what}（{problem.strerror or problem}）", str(path)) from problem
    if len(data) > MAX_YAML_BYTES:
        raise error(f"{what}过大：超过 {MAX_YAML_BYTES // (1024 * 1024)} MB", str(path))
    return load_yaml_text(data.decode("utf-8"), str(path), what, error)  # UnicodeDecodeError: the caller's


def load_yaml_text(text: str, name: str, what: str = "规则集文件",
                   error: type[PlancheckError] = RulesetError) -> tuple[Any, yaml.Node | None]:
    """YAML text (an upload named `name`) as data and node tree, refusing alias bombs with `error`."""
    loader = LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        if _expanded(node, {}) > MAX_EXPANDED_NODES:
            raise error(f"{what}中的锚点/别名（& 与 *）展开后过大，疑似“YAML 炸弹”，已拒绝读取", name)
        return loader.construct_document(node), node
    finally:
        loader.dispose()
