"""Loading: text in legacy encodings, HTML, PDF; anything else refused with a message naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.load import load_bytes, load_path
from kg.errors import UnsupportedDocument

JA = "文部科学省は令和4年度に国際共同研究を推進する。"


def _pdf(text: str) -> bytes:
    """A minimal one-page PDF with a text layer (ASCII, Helvetica), built by hand."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.mark.parametrize("encoding", ["utf-8", "cp932", "euc_jp"])
def test_text_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(JA.encode(encoding))
    assert load_path(path).text == JA


def test_html_drops_scripts_keeps_text() -> None:
    html = f"<html><head><title>題名</title><script>alert(1)</script></head><body><p>{JA}</p></body></html>"
    doc = load_bytes(html.encode(), "a.html", "text/html")
    assert JA in doc.text and "alert" not in doc.text


def test_pdf_text_layer() -> None:
    doc = load_bytes(_pdf("International research cooperation FY2022"), "a.pdf", "application/pdf")
    assert "International research cooperation" in doc.text


@pytest.mark.parametrize(
    ("name", "data", "needle"),
    [
        ("a.docx", b"PK\x03\x04", "unsupported file type"),
        ("empty.txt", b"   ", "empty"),
        ("broken.pdf", b"%PDF-1.4 not really", "not a readable PDF"),
    ],
)
def test_bad_files_are_refused_by_name(tmp_path: Path, name: str, data: bytes, needle: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UnsupportedDocument) as info:
        load_path(path)
    assert name in info.value.message and needle in info.value.message
