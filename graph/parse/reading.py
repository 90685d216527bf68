"""Reading a document file safely: size cap, binary and encoding checks, newline normalisation."""

from __future__ import annotations

import hashlib
from pathlib import Path

from graph.errors import DocumentError

MAX_BYTES = 20 * 1024 * 1024  # real reports are < 1 MB; anything this large is not a report


def document_text(text: str, name: str) -> str:
    """`text` without a UTF-8 BOM, CRLF / CR turned into LF; DocumentError naming `name` when it is empty."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(name, "empty document (no text)")
    return text


def read_document(path: str | Path) -> tuple[str, str]:
    """(text, sha256 of the bytes) of a UTF-8 text file; DocumentError naming the file otherwise."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise DocumentError(name, "no such file")
    if not path.is_file():
        raise DocumentError(name, "not a regular file")
    size = path.stat().st_size  # checked before reading, so a huge file is never loaded
    if size > MAX_BYTES:
        raise DocumentError(name, f"file is {size / 2**20:.0f} MB, over the {MAX_BYTES // 2**20} MB limit")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(name, f"cannot read file: {exc.strerror or exc}") from exc
    return decode_document(data, name), hashlib.sha256(data).hexdigest()


def decode_document(data: bytes, name: str) -> str:
    """UTF-8 text of `data` with newlines normalised; DocumentError for binary, non-UTF-8 or empty input."""
    if b"\x00" in data:
        raise DocumentError(name, "binary file (contains NUL bytes), not a text document")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(name, _encoding_problem(data, exc)) from None
    return document_text(text, name)


def _encoding_problem(data: bytes, exc: UnicodeDecodeError) -> str:
    """Say what the bytes look like, so the user knows how to convert them."""
    try:
        guess = data.decode("gb18030")
    except UnicodeDecodeError:
        guess = ""
    if sum("\u4e00" <= ch <= "\u9fff" for ch in guess) >= max(1, len(guess) // 10):
        return "not UTF-8: looks like GBK/GB18030-encoded Chinese; convert it to UTF-8 (e.g. iconv -f GBK -t UTF-8)"
    return f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); convert it to UTF-8"
