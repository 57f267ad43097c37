"""Every input format, formats that lie about themselves, and hostile or broken files."""

from __future__ import annotations

import codecs
import io
import shutil
import zipfile
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest
from conftest import AS_OF, convert, needs_libreoffice
from docx.oxml import parse_xml
from docxgen import W, write_docx
from PIL import Image

from plancheck import PlancheckError, check, load_document
from plancheck.document.normalize import for_matching
from plancheck.errors import CorruptFileError, EncryptedFileError, FileTooLargeError, UnsupportedFormatError

LONG = ("镇应急管理办公室负责接收区气象局和区应急管理局发布的预警信息，值班人员收到预警后立即电话叫应包村领导，"
        "包村领导叫应村(社区)负责人，村(社区)负责人按分包区域叫应网格员，确保预警信息在第一时间传达到每一户每一人。")


def test_gb18030_text_with_encoding_recorded(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes("青林镇突发事件综合应急预案\n一、总则\n（一）编制目的\n为了……\n".encode("gb18030"))
    doc = load_document(path)
    assert doc.encoding == "gb18030" and doc.format == "text"
    assert [(h.level, h.number, h.title) for h in doc.headings] == [(1, "一、", "总则"), (2, "（一）", "编制目的")]


def test_utf8_bom_and_markdown_tables(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_bytes(codecs.BOM_UTF8 + "# 附件1 应急通讯录\n\n| 姓名 | 电话 |\n|---|---|\n| 张伟 | 13812345678 |\n".encode())
    doc = load_document(path)
    assert doc.encoding == "utf-8-sig"
    assert doc.tables[0].rows == [["姓名", "电话"], ["张伟", "13812345678"]]
    assert doc.headings[0].title == "应急通讯录"


def _footer_with_page_mark(document) -> None:
    footer = document.sections[0].footer.paragraphs[0]
    footer.add_run("— ")
    footer._p.append(parse_xml(f'<w:fldSimple {W} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer.add_run(" —")
    document.sections[0].header.paragraphs[0].text = "青林镇突发事件综合应急预案（试行）"


@needs_libreoffice
def test_pdf_from_libreoffice_drops_page_marks_and_running_header_and_rejoins_lines(tmp_path: Path) -> None:
    document = docx.Document()
    _footer_with_page_mark(document)
    written = []
    for n, title in enumerate(["总则", "组织体系", "监测预警", "信息报告", "应急处置"], start=1):
        document.add_paragraph(f"{'一二三四五'[n - 1]}、{title}")
        for k in range(6):
            shift, body = (n * 6 + k) * 3, LONG.rstrip("。")  # every paragraph differs, as real text does
            written.append(f"第{n}-{k}段，" + body[shift:] + body[:shift] + "。")
            document.add_paragraph(written[-1])
    document.save(tmp_path / "long.docx")
    pdf = convert(tmp_path / "long.docx", "pdf", tmp_path)
    doc = load_document(pdf)
    assert doc.format == "pdf" and doc.pages >= 3 and doc.complete
    assert [(h.number, h.title) for h in doc.headings] == [("一、", "总则"), ("二、", "组织体系"), ("三、", "监测预警"),
                                                          ("四、", "信息报告"), ("五、", "应急处置")]
    paragraphs = [b for b in doc.blocks if b.kind == "paragraph"]
    assert all("—" not in b.text and "试行" not in b.text for b in paragraphs)
    assert [b.norm for b in paragraphs] == [for_matching(text) for text in written]
    assert doc.headings[-1].location.page == doc.pages


@needs_libreoffice
def test_pdf_tables_come_from_pdfplumber_with_their_cells(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "table.docx", "附件1 应急通讯录\n| 单位 | 姓名 | 电话 |\n| 镇政府 | 刘卫东 | 13602211001 |\n说明文字。")
    doc = load_document(convert(path, "pdf", tmp_path))
    assert doc.tables[0].rows == [["单位", "姓名", "电话"], ["镇政府", "刘卫东", "13602211001"]]
    assert doc.tables[0].location.page == 1
    assert doc.tables[0].location.heading_path == ("附件1应急通讯录",)


@needs_libreoffice
def test_decimal_headings_on_a_pdf_page_with_a_table_stay_headings(tmp_path: Path) -> None:
    text = "\n".join(["白石镇突发事件应急预案", "9 地质灾害专项", "9.1 适用范围", "适用于本镇23处地质灾害隐患点。",
                      "9.2 组织指挥", "由分管副镇长任现场指挥。", "| 工作组 | 组长 | 电话 |",
                      "| 抢险救援组 | 刘卫东 | 13602211001 |", "9.3 分级响应", "分三级响应。"])
    doc = load_document(convert(write_docx(tmp_path / "table_page.docx", text), "pdf", tmp_path))
    assert doc.tables[0].rows == [["工作组", "组长", "电话"], ["抢险救援组", "刘卫东", "13602211001"]]
    # glued to the number ("9.2组织指挥"), 组 and 分 read as measure words of a quantity and the headings were lost
    assert [(h.level, h.label) for h in doc.headings] == [
        (1, "9地质灾害专项"), (2, "9.1适用范围"), (2, "9.2组织指挥"), (2, "9.3分级响应")]


def _add_table(document, rows: list[list[str]]):
    """A bordered table of `rows` added to a python-docx document."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for cells, values in zip(table.rows, rows):
        for cell, value in zip(cells.cells, values):
            cell.text = value
    return table


@needs_libreoffice
def test_pdf_table_cells_wrapped_in_narrow_columns_come_out_whole(tmp_path: Path) -> None:
    header = ["序号", "单位", "职务", "姓名", "手机", "办公电话", "备注", "值守"]
    rows = [header, ["1", "镇政府", "镇长", "陈建华", "13602211088", "022-63211002", "无", "是"],
            ["2", "派出所", "所长", "郑伟", "13602211099", "110", "无", "是"]]
    document = docx.Document()
    document.add_paragraph("附件1 应急通讯录")
    _add_table(document, rows)
    document.add_paragraph("以上电话24小时畅通。")
    document.save(tmp_path / "narrow.docx")
    pdf = convert(tmp_path / "narrow.docx", "pdf", tmp_path)
    assert "13602211088" not in pdfium.PdfDocument(pdf)[0].get_textpage().get_text_range()  # really wrapped
    doc = load_document(pdf)
    assert doc.tables[0].rows == rows
    assert [b.text for b in doc.blocks if b.kind == "paragraph"] == ["以上电话24小时畅通。"]


def _table_docx(path: Path, rows: list[list[str]], *, header_rows: int = 0, merge_first_column: bool = False,
                running_header: str = "") -> Path:
    """A .docx with a caption, one bordered table of `rows` and a closing sentence. The first `header_rows`
    repeat on every page; the first column is merged downwards over all rows but the header, if asked; a row
    with text in its first cell only is merged across (a section row such as 一、综合协调组)."""
    document = docx.Document()
    if running_header:
        document.sections[0].header.paragraphs[0].text = running_header
    document.add_paragraph("附件1 应急工作组通讯录")
    table = _add_table(document, rows)
    for row in table.rows[:header_rows]:
        row._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {W} w:val="true"/>'))
    for index, values in enumerate(rows):
        if index >= header_rows and values[0] and not any(values[1:]):
            table.cell(index, 0).merge(table.cell(index, len(values) - 1)).text = values[0]
    if merge_first_column:
        table.cell(1, 0).merge(table.cell(len(rows) - 1, 0)).text = rows[1][0]
    document.add_paragraph("以上电话24小时畅通。")
    document.save(path)
    return path


def _page_texts(pdf: Path) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    return [document[index].get_textpage().get_text_range() for index in range(len(document))]


@needs_libreoffice
def test_pdf_table_over_page_breaks_is_one_table_with_cut_rows_joined(tmp_path: Path) -> None:
    duty = "负责组织本组人员开展先期处置，及时报告现场情况并协助转移群众，做好物资调配和信息报送。"
    rows = [["序号", "工作组", "职责", "姓名", "手机"]]
    rows += [[str(i), f"第{i}工作组", f"第{i}工作组{duty}", f"张{i}", f"136022{i:05d}"] for i in range(1, 31)]
    pdf = convert(_table_docx(tmp_path / "long.docx", rows, header_rows=1), "pdf", tmp_path)
    pages = _page_texts(pdf)
    assert len(pages) >= 3 and all(text.startswith("序号") for text in pages[1:])  # the header repeats on each page
    # rows really are cut by the breaks: a page starts with the rest of a duty begun on the page before
    cut = [number for number, text in enumerate(pages[1:], start=2) if not text.split("手机", 1)[1].lstrip()[:1].isdigit()]
    assert cut
    doc = load_document(pdf)
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.rows == rows  # no repeated header, no half rows, every phone whole (also where it wrapped in its cell)
    assert table.location.page == 1 and table.row_pages[0] == 1 and table.row_pages[-1] == len(pages)
    assert table.row_pages == sorted(table.row_pages)
    last = len(rows)
    assert table.cell_location(last, 5).page == len(pages) and table.cell_location(last, 5).row == last
    assert [b.text for b in doc.blocks if b.kind == "paragraph"] == ["以上电话24小时畅通。"]
    report = check(pdf, "township", as_of=AS_OF)
    q1 = next(f for f in report.findings if f.rule.id == "Q-1")
    assert not any("1360220" in e.quote for e in q1.evidence if e.note)  # no phone reported as cut or malformed


@needs_libreoffice
def test_pdf_table_rows_under_a_cell_merged_over_a_page_break_stay_rows(tmp_path: Path) -> None:
    rows = [["工作组", "成员单位", "联系人", "手机"]]
    rows += [["抢险救援组", f"第{i}成员单位", f"李{i}", f"135022{i:05d}"] for i in range(1, 61)]
    pdf = convert(_table_docx(tmp_path / "merged.docx", rows, merge_first_column=True), "pdf", tmp_path)
    assert len(_page_texts(pdf)) >= 2
    table = load_document(pdf).tables[0]
    assert len(table.rows) == len(rows)  # a new row on the next page (its merged cell empty there) is not glued on
    assert [row[1:] for row in table.rows] == [row[1:] for row in rows]
    assert table.row_pages[-1] == 2


@needs_libreoffice
def test_pdf_table_with_section_rows_merged_across_keeps_its_columns_over_pages(tmp_path: Path) -> None:
    rows = [["单位", "职务", "姓名", "手机", "办公电话"]]
    for number, group in enumerate(["综合协调组", "抢险救援组", "转移安置组", "医疗救护组"], start=1):
        rows.append([f"{'一二三四'[number - 1]}、{group}", "", "", "", ""])  # a ruling line cut by the merged row
        rows += [[f"第{i}村委会", "主任", f"王{number}{i}", f"1390221{number}{i:03d}", f"022-6321{number}{i:03d}"] for i in range(1, 13)]
    pdf = convert(_table_docx(tmp_path / "sections.docx", rows, header_rows=1), "pdf", tmp_path)
    assert len(_page_texts(pdf)) >= 2
    doc = load_document(pdf)
    assert len(doc.tables) == 1 and doc.tables[0].rows == rows


@needs_libreoffice
def test_pdf_table_drops_every_repeated_header_row_and_a_running_header_on_two_pages(tmp_path: Path) -> None:
    rows = [["序号", "单位", "姓名", "手机"], ["", "填写到科室", "", "11位号码"]]
    rows += [[str(i), f"第{i}村委会", f"赵{i}", f"1380221{i:04d}"] for i in range(1, 46)]
    pdf = convert(_table_docx(tmp_path / "two_headers.docx", rows, header_rows=2, running_header="青林镇突发事件综合应急预案"),
                  "pdf", tmp_path)
    pages = _page_texts(pdf)
    assert len(pages) == 2 and all(text.lstrip().startswith("青林镇突发事件综合应急预案") for text in pages)
    doc = load_document(pdf)
    assert len(doc.tables) == 1 and doc.tables[0].rows == rows
    assert "青林镇突发事件综合应急预案" not in [b.text for b in doc.blocks]


@needs_libreoffice
def test_pdf_two_tables_with_the_same_columns_on_consecutive_pages_stay_two(tmp_path: Path) -> None:
    first = [["工作组", "姓名", "职务", "手机"], ["抢险组", "张三", "组长", "13602211001"], ["转移组", "李四", "组长", "13602211002"]]
    second = [["物资名称", "数量", "存放地点", "保管人"], ["冲锋舟", "2", "镇应急物资库", "王五"], ["救生衣", "50", "镇应急物资库", "王五"]]
    document = docx.Document()
    for index, rows in enumerate((first, second)):
        if index:
            document.add_page_break()
        _add_table(document, rows)
    document.save(tmp_path / "two.docx")
    tables = load_document(convert(tmp_path / "two.docx", "pdf", tmp_path)).tables
    assert [table.rows for table in tables] == [first, second]  # same widths, nothing between, but B has its own header


@needs_libreoffice
def test_pdf_new_row_of_a_group_merged_downwards_is_not_glued_to_the_row_above(tmp_path: Path) -> None:
    rows = [["工作组", "姓名", "手机", "备注"]]
    for group in range(1, 31):  # two members a group, the group's cell merged over both, 备注 for the leader only
        rows += [[f"第{group}组", f"李{group}甲", f"135022{group:03d}01", "组长"], ["", f"李{group}乙", f"135022{group:03d}02", ""]]
    document = docx.Document()
    document.add_paragraph("附件1 应急工作组通讯录")
    table = _add_table(document, rows)
    for index in range(1, len(rows), 2):
        table.cell(index, 0).merge(table.cell(index + 1, 0)).text = rows[index][0]
    document.save(tmp_path / "groups.docx")
    pdf = convert(tmp_path / "groups.docx", "pdf", tmp_path)
    assert len(_page_texts(pdf)) >= 2
    [read] = load_document(pdf).tables
    assert read.rows == rows


@needs_libreoffice
def test_pdf_wrapped_phones_come_out_whole_below_a_character_outside_the_bmp(tmp_path: Path) -> None:
    duty = "负责组织本组人员开展先期处置，及时报告现场情况并协助转移群众。"
    rows = [["序号", "工作组", "职责", "姓名", "手机"]]
    rows += [[str(i), f"第{i}工作组", f"第{i}工作组{duty}", f"张{i}", f"136022{i:05d}"] for i in range(1, 6)]
    document = docx.Document()
    document.add_paragraph("𠮷家村")  # pdfium counts 𠮷 as two characters, Python as one
    document.add_paragraph("附件1 应急通讯录")
    _add_table(document, rows)
    document.save(tmp_path / "astral.docx")
    pdf = convert(tmp_path / "astral.docx", "pdf", tmp_path)
    text = _page_texts(pdf)[0]
    assert "𠮷" in text and "1360220000 1" in text  # pdfium's own space where the number wraps
    assert load_document(pdf).tables[0].rows == rows


@needs_libreoffice
def test_pdf_table_cells_keep_the_spaces_between_numbers_the_document_has(tmp_path: Path) -> None:
    rows = [["单位", "姓名", "电话", "备用电话"], ["派出所", "郑伟", "110 119", "022-63211001 022-63211002"],
            ["镇政府", "王丽", "63211001 63211002", "13602211004 13602211005"]]
    pdf = convert(_table_docx(tmp_path / "spaces.docx", rows), "pdf", tmp_path)
    assert "022-63211001 022-63211002" not in _page_texts(pdf)[0]  # the long cells wrap at their space
    assert load_document(pdf).tables[0].rows == rows


def _image_pdf(path: Path) -> Path:
    Image.new("RGB", (600, 800), "white").save(path, "PDF")
    return path


def test_image_only_pdf_is_a_loud_warning_and_cannot_be_assessed(tmp_path: Path) -> None:
    path = _image_pdf(tmp_path / "scan.pdf")
    doc = load_document(path)
    assert doc.unread_pages == [1] and not doc.complete
    assert doc.warnings[0].message.startswith("未找到文字层：整份文件是扫描图片")
    report = check(path, "township", as_of=AS_OF)
    assert report.gate == "unassessable" and report.score is None and report.failing_keys == []
    assert {f.verdict for f in report.findings} == {"not_checked"}
    assert report.to_dict()["complete"] is False


@needs_libreoffice
def test_pdf_with_one_scanned_page_marks_unmet_rules_not_checked(tmp_path: Path) -> None:
    text_pdf = convert(write_docx(tmp_path / "part.docx", "=青林镇突发事件综合应急预案\n一、总则\n" + LONG), "pdf", tmp_path)
    merged = pdfium.PdfDocument(text_pdf)
    merged.import_pages(pdfium.PdfDocument(_image_pdf(tmp_path / "scan.pdf")))
    merged.save(tmp_path / "mixed.pdf")
    report = check(tmp_path / "mixed.pdf", "township", as_of=AS_OF)
    verdicts = {f.rule.id: f.verdict for f in report.findings}
    assert verdicts["T-01"] == "met"
    assert verdicts["T-07"] == "not_checked"
    assert report.gate == "fail" and report.documents[0].unread_pages == [2]


@needs_libreoffice
def test_legacy_doc_and_wps_are_converted_with_libreoffice(tmp_path: Path) -> None:
    source = write_docx(tmp_path / "legacy.docx", "=青林镇突发事件综合应急预案\n# 总则\n## 编制目的\n为了……\n# 组织体系",
                        auto_number=True)
    doc_path = convert(source, "doc:MS Word 97", tmp_path)
    doc = load_document(doc_path)
    assert doc.format == "doc"
    assert [(h.level, h.number, h.title) for h in doc.headings] == [(1, "一、", "总则"), (2, "（一）", "编制目的"), (1, "二、", "组织体系")]
    assert doc.warnings[0].message.startswith("已通过 LibreOffice 将旧版 Word 文档(.doc)转换为 .docx 后读取")
    wps = tmp_path / "plan.wps"
    shutil.copy(doc_path, wps)
    assert load_document(wps).format == "wps"


def test_missing_libreoffice_gives_install_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(PlancheckError) as caught:
        load_document(path)
    assert "需要 LibreOffice" in caught.value.message and "另存为 .docx" in caught.value.message


def test_extension_that_lies_is_read_by_content(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "real.docx", "一、总则")
    disguised = tmp_path / "plan.doc"
    shutil.copy(path, disguised)
    doc = load_document(disguised)
    assert doc.format == "docx"
    assert doc.warnings[0].message == "扩展名为 .doc，但内容实际是Word 文档(.docx)，已按实际格式读取"
    html = tmp_path / "plan.pdf"
    html.write_text("<!DOCTYPE html><html><body>预案</body></html>", encoding="utf-8")
    with pytest.raises(UnsupportedFormatError, match="网页"):
        load_document(html)


def test_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\x00" * (20 * 1024 * 1024))
    assert path.stat().st_size < 200_000
    with pytest.raises(FileTooLargeError, match="压缩炸弹"):
        load_document(path)


def test_corrupt_encrypted_empty_and_missing_files(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "<w:document")
    with pytest.raises(CorruptFileError, match="文件已损坏"):
        load_document(broken)
    encrypted = tmp_path / "secret.docx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(EncryptedFileError, match="文件已加密"):
        load_document(encrypted)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert [(n.code, n.message) for n in load_document(empty).warnings] == [("empty", "文件为空（0 字节）")]
    with pytest.raises(PlancheckError, match="找不到文件"):
        load_document(tmp_path / "nope.docx")
    truncated = tmp_path / "cut.pdf"
    truncated.write_bytes(b"%PDF-1.7\n1 0 obj")
    with pytest.raises(CorruptFileError, match="无法读取 PDF"):
        load_document(truncated)


def test_size_cap_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("一、总则\n" * 1000, encoding="utf-8")
    with pytest.raises(FileTooLargeError, match="文件过大"):
        load_document(path, max_bytes=1000)


def test_binary_garbage_is_not_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(UnsupportedFormatError, match="二进制"):
        load_document(path)


def test_docx_bytes_in_memory_roundtrip(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    path = tmp_path / "blank.docx"
    path.write_bytes(buffer.getvalue())
    doc = load_document(path)
    assert doc.blocks == [] and [n.code for n in doc.warnings] == ["empty"] and not doc.complete


def test_macro_enabled_word_document_reads_like_a_docx(tmp_path: Path) -> None:
    source = write_docx(tmp_path / "plain.docx", "一、总则\n（一）编制目的\n为了提高应急处置能力，制定本预案。")
    macro = tmp_path / "预案.docm"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(macro, "w", zipfile.ZIP_DEFLATED) as out:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")
                assert b"macroEnabled" in data
            out.writestr(item, data)
    doc = load_document(macro)
    assert doc.format == "docx" and doc.complete
    assert [(h.level, h.label) for h in doc.headings] == [(1, "一、总则"), (2, "（一）编制目的")]


def test_xml_entities_are_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    source = write_docx(tmp_path / "plain.docx", "一、总则\n占位")
    hostile = tmp_path / "xxe.docx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(hostile, "w") as out:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                text = text.replace("?>", f'?><!DOCTYPE w:document [<!ENTITY x SYSTEM "{secret.as_uri()}">]>', 1)
                data = text.replace("占位", "&x;").encode("utf-8")
            out.writestr(item, data)
    try:
        doc = load_document(hostile)
    except CorruptFileError:
        return  # refusing the file is as safe as ignoring the entity
    assert all("TOP-SECRET" not in block.text for block in doc.blocks)


def test_hard_wrapped_text_copied_from_a_pdf_is_rejoined(tmp_path: Path) -> None:
    sentence = ("镇应急管理办公室负责接收区气象局发布的预警信息，值班人员收到预警后立即叫应包村领导，"
                "包村领导叫应村(社区)负责人，确保预警信息在第一时间传达到每一户。")
    wrapped = [sentence[i:i + 24] for i in range(0, len(sentence), 24)]
    text = "\n".join(["一、预警", *wrapped, "— 2 —", "二、信息报告", *wrapped, "", "三、附则", "本预案自印发之日起施行。"])
    path = tmp_path / "copied.txt"
    path.write_bytes(text.encode("gb18030"))
    doc = load_document(path)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "一、预警"), ("paragraph", sentence), ("heading", "二、信息报告"), ("paragraph", sentence),
        ("heading", "三、附则"), ("paragraph", "本预案自印发之日起施行。")]


def test_wrapped_lines_go_on_after_a_full_line_ending_in_a_semicolon_and_before_a_quantity(tmp_path: Path) -> None:
    lines = ["八、预案管理",
             "（一）培训和演练。街道每年组织一次网格员应急培训；",  # a full line: the run-in paragraph goes on
             "每年汛期前组织一次防汛演练，各社区每年至少组织",
             "一次疏散演练。",
             "（二）网格。街道按村民小组包片，全镇划分十二个网格，",
             "每个网格配备 1 名网格长和不少于 2 人的巡查队伍，每",
             "1 名网格员联系二十户，汛期每天巡查一次并上报。"]  # a quantity wrapped to the line start, not a number
    path = tmp_path / "wrapped.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = load_document(path)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "八、预案管理"), ("heading", "（一）培训和演练"),
        ("paragraph", "街道每年组织一次网格员应急培训；每年汛期前组织一次防汛演练，各社区每年至少组织一次疏散演练。"),
        ("heading", "（二）网格"),
        ("paragraph", "街道按村民小组包片，全镇划分十二个网格，每个网格配备 1 名网格长和不少于 2 人的巡查队伍，每"
                      "1 名网格员联系二十户，汛期每天巡查一次并上报。")]


def test_pdf_page_budget_counts_page_tree_nodes_not_bookmarks() -> None:
    from plancheck.document.pdfbudget import _declared_pages

    kids = b" ".join(b"%d 0 R" % n for n in range(10, 3000))
    data = (b"1 0 obj\n<< /Type /Outlines /First 4 0 R /Count 3185 >>\nendobj\n"
            b"2 0 obj\n<< /Kids [" + kids + b"] /Count 507 /Type /Pages >>\nendobj\n")
    assert _declared_pages(data) == 507  # a long plan's 3185 open bookmarks are not pages
