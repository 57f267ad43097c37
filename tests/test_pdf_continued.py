"""Joining PDF tables continued over pages (`pdf_tables.join_continued`), on any sequence of page items."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from plancheck.document.lines import Line
from plancheck.document.pdf_tables import RuledTable, join_continued

CELLS = st.sampled_from(["", "", "姓名", "手机", "张伟", "13602211001", "1360221", "1001", "镇长", "负责转移群众"])
EDGES = st.sampled_from([(72.0, 150.0, 250.0, 400.0), (90.0, 168.0, 268.0, 418.0), (72.0, 200.0, 400.0)])


@st.composite
def tables(draw, page: int) -> RuledTable:
    edges = draw(EDGES)
    rows = draw(st.lists(st.lists(CELLS, min_size=len(edges) - 1, max_size=len(edges) - 1), min_size=1, max_size=5))
    return RuledTable("table", rows=rows, page=page, row_pages=[page] * len(rows), edges=edges)


@st.composite
def documents(draw) -> tuple[list[list], list[int]]:
    numbers = sorted(draw(st.sets(st.integers(1, 8), min_size=1, max_size=6)))
    pages = []
    for number in numbers:
        items = draw(st.lists(st.one_of(tables(number), st.just(Line("正文。", number))), max_size=3))
        pages.append(items)
    return pages, numbers


@settings(max_examples=300, deadline=None)
@given(documents())
def test_joined_tables_keep_a_page_for_every_row_and_lose_no_text_but_repeats(document) -> None:
    pages, numbers = document
    before = [item for items in pages for item in items]
    texts = sorted(cell for item in before if isinstance(item, RuledTable) for row in item.rows for cell in row if cell)
    join_continued(pages, numbers)
    after = [item for items in pages for item in items]
    assert [item for item in after if isinstance(item, Line)] == [item for item in before if isinstance(item, Line)]
    for table in (item for item in after if isinstance(item, RuledTable)):
        assert len(table.row_pages) == len(table.rows)
        assert table.row_pages == sorted(table.row_pages) and set(table.row_pages) <= set(numbers)
        assert len({len(row) for row in table.rows}) <= 1  # rows of one table have its columns
    joined = "".join(cell for item in after if isinstance(item, RuledTable) for row in item.rows for cell in row)
    assert all(text in joined for text in texts if text not in ("姓名", "手机"))  # only repeated header rows are dropped
