"""Bad input gets a one-line DocumentError naming the file; good input is normalised."""

import hashlib

import pytest

from graph.errors import DocumentError
from graph.parse import doc_id_for, parse_file, parse_text
from graph.parse.reading import MAX_BYTES

REPORT = "一. 导言\n\n1. 秘书处编写了本报告。\n"


def _error(path) -> str:
    with pytest.raises(DocumentError) as info:
        parse_file(path)
    message = str(info.value)
    assert str(path) in message and "\n" not in message
    return message


def test_missing_file(tmp_path):
    assert "no such file" in _error(tmp_path / "absent.txt")


def test_directory(tmp_path):
    assert "not a regular file" in _error(tmp_path)


def test_binary_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "binary" in _error(path)


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n \xe3\x80\x80\n"])
def test_empty_or_whitespace(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert "empty document" in _error(path)


def test_gbk_file_is_named_as_gbk(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(REPORT.encode("gbk"))
    message = _error(path)
    assert "GBK" in message and "UTF-8" in message


def test_other_invalid_utf8(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Café report".encode("latin-1"))
    assert "not valid UTF-8" in _error(path)


def test_oversized_file_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # sparse: 50 MB on paper, nothing on disk
        f.truncate(50 * 1024 * 1024)
    assert MAX_BYTES < 50 * 1024 * 1024
    assert "over the 20 MB limit" in _error(path)


def test_bom_and_crlf_are_normalised(tmp_path):
    path = tmp_path / "Report 2030 (final).txt"
    data = ("\ufeff" + REPORT).replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(data)
    doc = parse_file(path)
    assert doc.content_hash == hashlib.sha256(data).hexdigest()
    assert doc.source == "Report 2030 (final).txt"
    assert doc.doc_id == "report-2030-final"
    [paragraph] = [p for p in doc.passages if p.kind == "paragraph"]
    assert paragraph.text == "秘书处编写了本报告。"
    assert doc.sections[0].title == "导言"


def test_doc_id_is_stable_slug():
    assert doc_id_for("000_e75f1952de058665.txt") == "000_e75f1952de058665"
    assert doc_id_for("/a/b/年度 报告.md") == "年度-报告"
    assert doc_id_for("x.txt") == doc_id_for("x.txt")


def test_parse_text_rejects_empty():
    with pytest.raises(DocumentError, match=r"memo\.txt: empty document"):
        parse_text(" \n ", "memo.txt")
