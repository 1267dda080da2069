"""Stage 1: bytes → Document. Text, Markdown, HTML, PDF and e-Gov law XML (root ``Law``, or the e-Gov API's
``DataRoot/ApplData/LawFullText/Law``); anything else is rejected with a clear message naming the file."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from ingest.legal.egov import MEDIA_TYPE as EGOV_MEDIA_TYPE
from ingest.legal.egov import parse_law
from ingest.records import Document
from kg.errors import UnsupportedDocument

MEDIA_TYPES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
    ".xml": EGOV_MEDIA_TYPE,
}

# Japanese government text still turns up in legacy encodings.
_ENCODINGS = ("utf-8-sig", "cp932", "euc_jp", "iso2022_jp")


def load_path(path: Path) -> Document:
    """Read one file from disk into a Document, choosing the reader by extension."""
    media_type = MEDIA_TYPES.get(path.suffix.lower())
    if media_type is None:
        supported = ", ".join(sorted(MEDIA_TYPES))
        raise UnsupportedDocument(f"{path}: unsupported file type {path.suffix or '(none)'!r}", f"use one of {supported}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnsupportedDocument(f"{path}: cannot read file ({exc.strerror})") from None
    return load_bytes(data, path.name, media_type)


def load_bytes(data: bytes, source: str, media_type: str) -> Document:
    """Decode raw bytes of a known media type into a Document."""
    if not data.strip():
        raise UnsupportedDocument(f"{source}: file is empty")
    if media_type == EGOV_MEDIA_TYPE:
        law = parse_law(data, source)
        return Document(source, media_type, law.text, hashlib.sha256(data).hexdigest(), law=law)
    if media_type == "application/pdf":
        text = _pdf_text(data, source)
    else:
        text = _decode(data, source)
        if media_type == "text/html":
            text = _html_text(text)
    if not text.strip():
        raise UnsupportedDocument(f"{source}: no text could be extracted", "is it a scanned PDF without a text layer?")
    return Document(source=source, media_type=media_type, text=text, content_hash=hashlib.sha256(data).hexdigest())


def _decode(data: bytes, source: str) -> str:
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if b"\x00" in data[:4096]:
        raise UnsupportedDocument(f"{source}: looks like a binary file, not text")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnsupportedDocument(f"{source}: cannot detect the text encoding")
    return str(best)


def _html_text(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    title = soup.title.get_text(strip=True) if soup.title else ""
    body = soup.body or soup
    text = body.get_text("\n")
    return f"{title}\n\n{text}" if title and title not in text[:500] else text


def _pdf_text(data: bytes, source: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise UnsupportedDocument(f"{source}: not a readable PDF ({exc})") from None
    return "\n\n".join(pages)
