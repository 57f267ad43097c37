"""What kind of file a document is — a township plan, a village plan or standardization material — read
from its content with the vocabulary in standards/kinds.yaml, and which shipped rule set fits it.

The title decides when it can (its last document-type word, then the last unit word of the plan's
name); otherwise the counts of unit and structure words in the text, when one kind clearly dominates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .document.model import Document
from .document.normalize import for_matching
from .errors import PlancheckError
from .resources import data_dir
from .safeyaml import load_yaml

AUTO = "auto"
DEFAULT_JURISDICTION = "tianjin"
_BOOK_TITLE = re.compile(r"《([^《》]{2,80})》")
_SEPARATORS = re.compile(r"[=\s]+")


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    """standards/kinds.yaml, with every word normalised as documents are."""
    data = load_yaml(data_dir("standards") / "kinds.yaml")
    for spec in data["kinds"].values():
        for key in ("name_words", "units", "structure"):
            spec[key] = [for_matching(word) for word in spec.get(key, [])]
    for key in ("plan_words", "material_words", "name_ends"):
        data[key] = [for_matching(word) for word in data[key]]
    return data


def jurisdictions() -> dict[str, str]:
    """The jurisdictions `--jurisdiction` accepts, with their Chinese names."""
    return dict(vocabulary()["jurisdictions"])


@dataclass(frozen=True)
class Kind:
    """A detected kind ("" when undecided), its Chinese label and the evidence, as one Chinese phrase."""

    kind: str
    label: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "label": self.label, "reason": self.reason}


def _last(text: str, words: list[str]) -> tuple[int, str]:
    """The word of `words` that ends last in `text` (the longer on a tie) and where it ends; (-1, "") if none."""
    found = [(text.rfind(word) + len(word), len(word), word) for word in words if word in text]
    return max(found)[::2] if found else (-1, "")


def _title_line(document: Document) -> str:
    first = next((block.norm for block in document.blocks if block.norm.strip()), "")
    title = for_matching(document.title) or first[:80]
    quoted = _BOOK_TITLE.search(title)
    return quoted.group(1) if quoted else title


def _from_title(document: Document) -> Kind | None:
    data, title = vocabulary(), _title_line(document)
    plan_at, plan_word = _last(title, data["plan_words"])
    material_at, material_word = _last(title, data["material_words"])
    if material_at > plan_at:
        spec = data["kinds"]["standardization"]
        return Kind("standardization", spec["label"], f"标题“{title.strip('= ')[:40]}”是{material_word}，不是预案")
    if plan_at < 0:
        return None
    ends = [title.find(word) for word in data["name_ends"] if word in title]
    name = title[:min(ends)] if ends else title
    best = max(((*_last(name, spec["name_words"]), kind) for kind, spec in data["kinds"].items()), default=(-1, "", ""))
    at, word, kind = best
    if at < 0:
        return None
    shown = next(part for part in reversed(_SEPARATORS.split(name)) if word in part)
    return Kind(kind, data["kinds"][kind]["label"], f"预案名称“{shown[-20:]}”以“{word}”为单位")


def _from_text(document: Document) -> Kind | None:
    data = vocabulary()
    text = "".join(block.norm for block in document.text_blocks())
    hits = {kind: {word: text.count(word) for word in spec["units"] + spec["structure"] if word in text}
            for kind, spec in data["kinds"].items() if spec.get("units")}
    totals = {kind: sum(found.values()) for kind, found in hits.items()}
    kind, top = max(totals.items(), key=lambda item: item[1])
    others = max((count for other, count in totals.items() if other != kind), default=0)
    if top < data["min_hits"] or top < data["dominance"] * others:
        return None
    words = "、".join(sorted(hits[kind], key=hits[kind].get, reverse=True)[:3])
    return Kind(kind, data["kinds"][kind]["label"], f"正文多用“{words}”等{data['kinds'][kind]['label'].removesuffix('预案')}用语")


def detect_kind(document: Document) -> Kind:
    """The kind of file `document` is, and why.

    >>> from plancheck.document import load_document
    >>> detect_kind(load_document("examples/village.docx"))
    Kind(kind='village', label='村(社区)预案', reason='预案名称“青林镇东岗村”以“村”为单位')
    >>> detect_kind(load_document("examples/township_strong.docx")).kind
    'township'
    """
    found = _from_title(document) or _from_text(document)
    return found or Kind("", "类型不明的文件", "标题和正文都不足以判断是乡镇(街道)还是村(社区)预案")


def plan_standards(jurisdiction: str) -> list[str]:
    """The plan rule sets `auto` may choose in a jurisdiction (not the bundle's: it is rarely chosen).

    >>> plan_standards("national")
    ['gb-township', 'gb-village']
    """
    kinds = vocabulary()["kinds"]
    _known(jurisdiction)
    return [spec["standards"][jurisdiction] for spec in kinds.values() if spec["applies_to"].endswith("_plan")]


def _known(jurisdiction: str) -> None:
    if jurisdiction not in jurisdictions():
        raise PlancheckError(f"不认识的适用地区“{jurisdiction}”：可选 {'、'.join(jurisdictions())}")


def kind_of_ruleset(applies_to: str) -> str:
    """The kind a rule set is written for ("" for a custom target).

    >>> kind_of_ruleset("village_plan")
    'village'
    """
    return next((kind for kind, spec in vocabulary()["kinds"].items() if spec["applies_to"] == applies_to), "")


def standard_for(kind: Kind, jurisdiction: str) -> tuple[str, str]:
    """The shipped rule set for a detected kind in a jurisdiction, and one Chinese sentence saying why.

    >>> standard_for(Kind("village", "村(社区)预案", "标题含“村”"), "national")[0]
    'gb-village'
    """
    data = vocabulary()
    _known(jurisdiction)
    chosen = kind.kind or data["fallback"]
    standard = data["kinds"][chosen]["standards"][jurisdiction]
    area = data["jurisdictions"][jurisdiction]
    if kind.kind:
        why = f"按内容判断为{kind.label}（{kind.reason}），按{area}选用规则集 {standard}。"
    else:
        why = f"未能判断文件类型（{kind.reason}），按{data['kinds'][chosen]['label']}和{area}选用规则集 {standard}，如不合适请用 --standard 指定。"
    return standard, why


def mismatch(kind: Kind, applies_to: str, ruleset_title: str) -> str:
    """A warning when the detected kind differs from what the chosen rule set is for; "" otherwise."""
    expected = kind_of_ruleset(applies_to)
    if not kind.kind or not expected or kind.kind == expected:
        return ""
    return (f"注意：本文件看来是{kind.label}（{kind.reason}），却按“{ruleset_title}”检查，结论可能不适用；"
            f"如放错了类别，请改用 --standard auto 或相应规则集重新检查。")
