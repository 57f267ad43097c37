"""Tables of a PDF page from pdfium alone: ruling lines from the page's path objects, cell text by bounds.

Ruling lines are thin path objects (or the four edges of rectangles) at the page level. Lines that touch
form a grid; each grid is a table whose cells are the bands between its lines, a cell spanning the bands
where a line between them is missing (merged cells: the text goes to the first, the rest are empty).
Cell text is whatever pdfium finds inside the cell, its wrapped lines joined again (a phone number wrapped
in a narrow column comes out whole). Text outside the tables is read by bounds too, in top-to-bottom order.
A table that ends a page and goes on at the top of the next with the same columns is one table again
(`join_continued`), and a row the page break cut in two is one row again.
"""

from __future__ import annotations

import ctypes
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

from .lines import Line
from .normalize import unspaced_by_cjk
from .raw import RawBlock

THIN = 4.0          # points: a path this thin in one direction is a ruling line
MIN_LENGTH = 3.0    # points: shorter marks are not rulings
TOLERANCE = 3.0     # points: lines this close are the same line; ends this close touch
MAX_PATHS = 20_000  # per page; beyond this the page is not searched for tables
FAR = 1e5           # beyond any page edge

Interval = tuple[float, float]


@dataclass
class _Line:
    """A snapped ruling line: its coordinate (y for horizontal lines, x for vertical ones) and extent."""
    at: float
    start: float
    end: float

    def covers(self, low: float, high: float) -> bool:
        return self.start - TOLERANCE <= low and high <= self.end + TOLERANCE


def _covered(lines: list[_Line], low: float, high: float) -> bool:
    """Whether one of the pieces of a ruling line (cut where a merged cell crosses it) spans low..high."""
    return any(line.covers(low, high) for line in lines)


@dataclass
class _Grid:
    xs: list[float]          # column boundaries, left to right
    ys: list[float]          # row boundaries, top to bottom (PDF y decreases downwards)
    verticals: dict[float, list[_Line]]    # the pieces of the ruling line at each boundary
    horizontals: dict[float, list[_Line]]

    @property
    def top(self) -> float:
        return self.ys[0]

    def cells(self) -> list[list[tuple[float, float, float, float] | None]]:
        """Row by row, each cell's (left, bottom, right, top), or None where a merged cell covers it."""
        xs, ys = self.xs, self.ys
        rows, columns = len(ys) - 1, len(xs) - 1
        verticals = [self.verticals[x] for x in xs]
        horizontals = [self.horizontals[y] for y in ys]
        taken = [[False] * columns for _ in range(rows)]
        grid: list[list[tuple[float, float, float, float] | None]] = [[None] * columns for _ in range(rows)]
        for i in range(rows):
            upper, lower = ys[i], ys[i + 1]
            for j in range(columns):
                if taken[i][j]:
                    continue
                k = j
                while k + 1 < columns and not _covered(verticals[k + 1], lower, upper):
                    k += 1
                m = i
                while m + 1 < rows and not _covered(horizontals[m + 1], xs[j], xs[k + 1]):
                    m += 1
                for row in range(i, m + 1):
                    taken[row][j:k + 1] = [True] * (k + 1 - j)
                grid[i][j] = (xs[j], ys[m + 1], xs[k + 1], upper)
        return grid


@dataclass
class RuledTable(RawBlock):
    """A table read from ruling lines, with its column edges (left to right): a table continued on the next
    page has the same edges."""

    edges: tuple[float, ...] = ()

    def same_columns(self, other: RuledTable) -> bool:
        """The same column widths, wherever the table sits across the page (mirrored margins move it)."""
        if len(self.edges) != len(other.edges) or not self.edges:
            return False
        shift = other.edges[0] - self.edges[0]
        return all(abs(b - a - shift) <= TOLERANCE for a, b in zip(self.edges, other.edges))

    def take_rows_of(self, part: RuledTable) -> None:
        """Append the rows of `part`, this table's continuation on the next page: the header rows repeated on
        that page and empty rows before them (a row's spacing pushed over the break) are dropped, and a first
        row that is the rest of this table's last row (`_rest_of_row`) joins it.

        >>> table = RuledTable("table", rows=[["姓名", "职务", "电话"], ["张伟", "镇长", "136022"]], page=1,
        ...                    row_pages=[1, 1], edges=(72.0, 150.0, 250.0, 400.0))
        >>> table.take_rows_of(RuledTable("table", rows=[["", "", ""], ["姓名", "职务", "电话"], ["", "", "11006"],
        ...                                              ["李明", "副镇长", "13602211007"]], page=2, edges=(90.0, 168.0, 268.0, 418.0)))
        >>> table.rows, table.row_pages
        ([['姓名', '职务', '电话'], ['张伟', '镇长', '13602211006'], ['李明', '副镇长', '13602211007']], [1, 1, 2])
        """
        rows = list(part.rows)
        header = 0
        while rows and (not any(rows[0]) or (header < len(self.rows) and rows[0] == self.rows[header])):
            header += 1 if any(rows[0]) else 0
            rows.pop(0)
        if rows and self.rows and _rest_of_row(self.rows[-1], rows[0], self.rows[:-1] + rows[1:]):
            self.rows[-1] = [above + below for above, below in zip(self.rows[-1], rows[0])]
            rows = rows[1:]
        self.rows += rows
        self.row_pages += [part.page or 0] * len(rows)


def _rest_of_row(above: list[str], row: list[str], others: list[list[str]]) -> bool:
    """Whether `row`, the first on a page, is the rest of `above`, the last on the page before, cut by the page
    break: its first cell is empty below a filled one, and some other cell that was filled above is empty here
    (its text ended before the break), while something goes on; and no `other` row of the table has its cells
    empty where it has, for a new row looks like its siblings (a cell merged downwards, an optional column left
    blank) and a rest does not.

    >>> _rest_of_row(["转移安置组", "社会事务办主", "周敏", "136022110"], ["", "任", "", "06"], [["综合组", "主任", "王丽", "13602211004"]])
    True
    >>> _rest_of_row(["治安组", "所长", "郑伟", "13602211008"], ["", "副所长", "李强", "13602211018"], [])
    False
    >>> _rest_of_row(["1", "周敏", "13602211006"], ["2", "", "13602211007"], [])
    False
    >>> _rest_of_row(["第2组", "李明", "13502202301", "组长"], ["", "李强", "13502202302", ""], [["", "张伟", "13502202202", ""]])
    False
    """
    if len(above) != len(row) or row[0] or not above[0] or not any(row):
        return False
    shape = [bool(cell) for cell in row]
    return (any(top and not bottom for top, bottom in zip(above[1:], row[1:]))
            and not any([bool(cell) for cell in other] == shape for other in others))


def _labels(row: list[str]) -> bool:
    """A row of column labels: every cell filled, short, without digits.

    >>> _labels(["物资名称", "数量", "存放地点"]), _labels(["沙袋", "3000条", "镇储备库"])
    (True, False)
    """
    return bool(row) and all(cell and len(cell) <= 8 and not any(ch.isdigit() for ch in cell) for cell in row)


def _new_table(table: RuledTable, part: RuledTable) -> bool:
    """Whether `part`, at the top of the next page with `table`'s columns, is a table of its own: both start
    with a row of labels, and not the same ones."""
    first = next((row for row in part.rows if any(row)), None)
    return bool(table.rows) and first is not None and _labels(table.rows[0]) and _labels(first) and first != table.rows[0]


def join_continued(pages: list[list[Line | RawBlock]], numbers: list[int]) -> None:
    """Join, in place, each table that goes on at the top of the next page (same columns, nothing between,
    not headed by labels of its own) to its first part; `numbers` are the pages' numbers (a page between them
    that was not read breaks the run)."""
    open_table: RuledTable | None = None
    for index, items in enumerate(pages):
        first = items[0] if items else None
        if (open_table is not None and isinstance(first, RuledTable) and numbers[index] == numbers[index - 1] + 1
                and open_table.same_columns(first) and not _new_table(open_table, first)):
            open_table.take_rows_of(first)
            del items[0]
            if not items:  # the table fills the page: it may go on again
                continue
        last = items[-1] if items else None
        open_table = last if isinstance(last, RuledTable) else None


def _by_address(function, restype, *argtypes):
    """A pypdfium2.raw function called through a prototype that takes and returns handles as plain integers:
    no pointer object is built per call (a quarter less time walking a page's objects one by one).
    The prototype is of the function's own class, so it keeps the library's calling convention."""
    fast = type(function)(ctypes.cast(function, ctypes.c_void_p).value)
    fast.restype, fast.argtypes = restype, argtypes
    return fast


_HANDLE, _FLOAT = ctypes.c_void_p, ctypes.POINTER(ctypes.c_float)
_count_objects = _by_address(pdfium_c.FPDFPage_CountObjects, ctypes.c_int, _HANDLE)
_get_object = _by_address(pdfium_c.FPDFPage_GetObject, _HANDLE, _HANDLE, ctypes.c_int)
_object_type = _by_address(pdfium_c.FPDFPageObj_GetType, ctypes.c_int, _HANDLE)
_object_bounds = _by_address(pdfium_c.FPDFPageObj_GetBounds, ctypes.c_int, _HANDLE, _FLOAT, _FLOAT, _FLOAT, _FLOAT)
_path_segments = _by_address(pdfium_c.FPDFPath_CountSegments, ctypes.c_int, _HANDLE)


def own_paths(page) -> tuple[list[int], bool]:
    """The page's own (top-level) path objects (their handles), at most MAX_PATHS + 1 of them, and whether it
    draws form XObjects: one walk over the page's objects, the cheap test for ruling lines."""
    raw = ctypes.cast(page.raw, _HANDLE).value
    path, form = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
    paths: list[int] = []
    forms = False
    for index in range(max(_count_objects(raw), 0)):
        obj = _get_object(raw, index)
        kind = _object_type(obj) if obj else None
        if kind == path:
            paths.append(obj)
            if len(paths) > MAX_PATHS:
                break
        elif kind == form:
            forms = True
    return paths, forms


def _segments(paths: list[int]) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """(horizontal (y, x0, x1), vertical (x, y0, y1)) ruling segments of path objects."""
    horizontal: list[tuple[float, float, float]] = []
    vertical: list[tuple[float, float, float]] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for obj in paths:
        if not _object_bounds(obj, left, bottom, right, top):
            continue
        x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
        width, height = x1 - x0, y1 - y0
        if height <= THIN and width >= MIN_LENGTH:
            horizontal.append(((y0 + y1) / 2, x0, x1))
        elif width <= THIN and height >= MIN_LENGTH:
            vertical.append(((x0 + x1) / 2, y0, y1))
        elif width > THIN and height > THIN and 4 <= _path_segments(obj) <= 5:
            horizontal += [(y0, x0, x1), (y1, x0, x1)]
            vertical += [(x0, y0, y1), (x1, y0, y1)]
    return horizontal, vertical


def _snap(segments: list[tuple[float, float, float]]) -> list[_Line]:
    """Segments at nearly the same coordinate are snapped to one; those that overlap or touch join into one line."""
    lines: list[_Line] = []
    group: list[tuple[float, float, float]] = []
    for segment in sorted(segments) + [(float("inf"), 0.0, 0.0)]:
        if group and segment[0] - group[0][0] > TOLERANCE:
            spans: list[Interval] = []
            for start, end in sorted((s[1], s[2]) for s in group):
                if spans and start <= spans[-1][1] + TOLERANCE:
                    spans[-1] = (spans[-1][0], max(spans[-1][1], end))
                else:
                    spans.append((start, end))
            at = sum(s[0] for s in group) / len(group)
            lines += [_Line(at, start, end) for start, end in spans]
            group = []
        group.append(segment)
    return lines


def _grids(horizontals: list[_Line], verticals: list[_Line]) -> list[_Grid]:
    """Groups of touching lines with at least two lines each way, top table first."""
    parent = list(range(len(horizontals) + len(verticals)))

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    order = sorted(range(len(verticals)), key=lambda v: verticals[v].at)
    positions = [verticals[v].at for v in order]
    offset = len(horizontals)
    # each vertical's reach (its extent and tolerance, as `_Line.covers` takes it) and its node
    reach = [(verticals[v].start - TOLERANCE, verticals[v].end + TOLERANCE, offset + v) for v in order]
    for h, horizontal in enumerate(horizontals):  # only the verticals within the horizontal's extent
        first = bisect_left(positions, horizontal.start - TOLERANCE)
        root, at = find(h), horizontal.at
        for low, high, node in reach[first:bisect_right(positions, horizontal.end + TOLERANCE)]:
            if low <= at <= high:
                other = find(node)
                if other != root:
                    parent[other] = root
    groups: dict[int, tuple[list[_Line], list[_Line]]] = {}
    for h, horizontal in enumerate(horizontals):
        groups.setdefault(find(h), ([], []))[0].append(horizontal)
    for v, vertical in enumerate(verticals):
        groups.setdefault(find(len(horizontals) + v), ([], []))[1].append(vertical)
    grids = []
    for hs, vs in groups.values():
        verticals, horizontals = _by_position(vs), _by_position(hs)
        if len(horizontals) >= 2 and len(verticals) >= 2:
            grids.append(_Grid(sorted(verticals), sorted(horizontals, reverse=True), verticals, horizontals))
    return sorted(grids, key=lambda grid: -grid.top)


def _by_position(lines: list[_Line]) -> dict[float, list[_Line]]:
    """Lines by coordinate: one boundary of the grid, however many pieces merged cells cut its line into."""
    positions: dict[float, list[_Line]] = {}
    for line in lines:
        positions.setdefault(line.at, []).append(line)
    return positions


class _Bounded:
    """Text inside boxes of one page, as pdfium gives it.

    One pdfium call per box into a buffer made once per page (each call scans the whole page's characters,
    and asking for the length first would double that). The buffer holds four code units per character:
    a surrogate pair plus the line break pdfium may put before it, so nothing is ever cut."""

    def __init__(self, textpage, text: str) -> None:
        self.raw = textpage.raw
        self.text = text  # the page's whole text, one character per pdfium character index
        self.size = 4 * max(pdfium_c.FPDFText_CountChars(self.raw), 0) + 16
        self.buffer = (ctypes.c_ushort * self.size)()

    def unwrapped(self, cell: str) -> str:
        """`cell` without the spaces pdfium made up where a number wrapped to the next line of a narrow cell
        (`1360220000 1`): a space between digits is dropped when, at that place in the page's text, pdfium
        marks it as generated, not drawn. Spaces the document has (`110 119`) stay."""
        def keep(match: re.Match[str]) -> str:
            left = match.group(1)
            return left if self._generated(left, match.group(2)) else match.group(0)

        return _WRAPPED_NUMBER.sub(keep, cell)

    def _generated(self, left: str, right: str) -> bool:
        needle = f"{left} {right}"
        start = self.text.find(needle)
        while start >= 0:
            at = self._index(start + len(left))
            if pdfium_c.FPDFText_IsGenerated(self.raw, at) == 1 and pdfium_c.FPDFText_GetUnicode(self.raw, at) == 0x20:
                return True
            start = self.text.find(needle, start + 1)
        return False

    def _index(self, offset: int) -> int:
        """pdfium's character index of a place in the page's text: pdfium counts a character outside the Basic
        Multilingual Plane (𠮷, an emoji) as two."""
        return offset + sum(1 for character in self.text[:offset] if ord(character) > 0xFFFF)

    def __call__(self, left: float, bottom: float, right: float, top: float) -> str:
        if right <= left or top <= bottom:
            return ""
        count = pdfium_c.FPDFText_GetBoundedText(self.raw, left, top, right, bottom, self.buffer, self.size)
        if count <= 0:
            return ""
        return ctypes.string_at(self.buffer, 2 * count).decode("utf-16-le", errors="ignore").rstrip("\x00")


def page_items(textpage, text: str, paths: list, number: int) -> list[Line | RawBlock]:
    """Lines outside tables and tables as blocks, top to bottom, or the page's plain lines (`text`, pdfium's
    text of the whole page) when its path objects (`paths`, from `own_paths`) form no table."""
    grids = _grids(*(_snap(segments) for segments in _segments(paths)))
    if not grids:
        return [Line(line, number) for line in text.splitlines()]
    bounded = _Bounded(textpage, text)
    positioned: list[tuple[float, Line | RawBlock]] = []

    def lines(top: float, text: str) -> None:
        positioned.extend((top, Line(_unspaced(line), number)) for line in text.splitlines())

    above = FAR
    for band in _bands(grids):
        band_top, band_bottom = max(g.ys[0] for g in band), min(g.ys[-1] for g in band)
        if above > band_top:
            lines(above, bounded(-FAR, band_top, FAR, above))
        edge = -FAR
        for grid in sorted(band, key=lambda g: g.xs[0]):
            lines(band_top, bounded(edge, band_bottom, grid.xs[0], band_top))
            edge = grid.xs[-1]
            rows = [[_cell_text(bounded, cell) for cell in row] for row in grid.cells()]
            positioned.append((grid.top, RuledTable("table", rows=rows, page=number, edges=tuple(grid.xs),
                                                    row_pages=[number] * len(rows))))
        lines(band_top, bounded(edge, band_bottom, FAR, band_top))
        above = min(above, band_bottom)
    lines(above, bounded(-FAR, -FAR, FAR, above))
    return [item for _, item in sorted(positioned, key=lambda pair: -pair[0])]


_WRAPPED_NUMBER = re.compile(r"([\d-]+) (?=([\d-]+))")  # digits (a phone's `022-` too) on both sides of one space
_LEADING_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*\s+(?=\S)")


def _unspaced(line: str) -> str:
    """A line without the spaces pdfium puts between Chinese and Latin characters, except the one after a
    leading decimal number: glued to its title, `9.2 组织指挥` would read as a quantity (`9.2组`).

    >>> _unspaced("附件 1 应急通讯录"), _unspaced("9.2 组织指挥"), _unspaced("每年 2 次")
    ('附件1应急通讯录', '9.2 组织指挥', '每年2次')
    """
    number = _LEADING_NUMBER.match(line)
    kept = number.group(0) if number else ""
    return kept + unspaced_by_cjk(line[len(kept):])


def _bands(grids: list[_Grid]) -> list[list[_Grid]]:
    """Tables side by side (overlapping in height) share a band; bands top to bottom."""
    bands: list[list[_Grid]] = []
    for grid in grids:  # top table first
        if bands and grid.ys[0] > min(g.ys[-1] for g in bands[-1]):
            bands[-1].append(grid)
        else:
            bands.append([grid])
    return bands


def _cell_text(bounded: _Bounded, cell: tuple[float, float, float, float] | None) -> str:
    if cell is None:
        return ""
    text = unspaced_by_cjk(bounded(*cell).replace("\r\n", "").replace("\n", "")).strip()
    return bounded.unwrapped(text) if " " in text else text
