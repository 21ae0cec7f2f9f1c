"""Hostile PDFs through the real upload route: each trick that makes a PDF act when a reviewer opens it (scripts,
open actions, links, launching programs, other files, attachments) is refused, whatever filter or object stream
hides it, with a Chinese message; a plain scanned PDF is still taken. Under 安徽's rules (证明材料: JPG or PDF)."""
from __future__ import annotations

import base64
import io
import zlib
from pathlib import Path

import httpx
import pytest
from fpdf import FPDF
from support import portal_client
from support.applying import candidate
from support.pictures import pictures

H, P = pictures("hostile"), pictures("portraits")
FONT = Path(__file__).resolve().parents[2] / "functions/apply/forms/fonts/BiyeSerifSC-Regular.ttf"


def stream(dictionary: bytes, body: bytes) -> bytes:
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(body) + body + b"\nendstream"


def lzw(data: bytes) -> bytes:
    """PDF's LZW (EarlyChange 1): 9-bit codes growing to 12, clear-table 256 first, end-of-data 257 last."""
    table, width, codes, word = {bytes([i]): i for i in range(256)}, 9, [(256, 9)], b""
    for byte in data:
        if word + bytes([byte]) in table:
            word += bytes([byte])
            continue
        codes.append((table[word], width))
        table[word + bytes([byte])] = len(table) + 2            # 256 and 257 are taken
        if len(table) + 2 >= (1 << width) and width < 12:   # EarlyChange: one code before the table is full
            width += 1
        word = bytes([byte])
    codes += [(table[word], width), (257, width)]
    bits = "".join(format(code, f"0{w}b") for code, w in codes)
    bits += "0" * (-len(bits) % 8)
    return bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8))


def run_length(data: bytes) -> bytes:
    return b"".join(bytes([len(data[i:i + 128]) - 1]) + data[i:i + 128] for i in range(0, len(data), 128)) + b"\x80"


def png_up(data: bytes, columns: int) -> bytes:
    """Rows with the PNG 'Up' predictor (type 2), as /DecodeParms << /Predictor 12 /Columns n >> says."""
    rows = [data[i:i + columns].ljust(columns, b" ") for i in range(0, len(data), columns)]
    above, out = bytes(columns), b""
    for row in rows:
        out += b"\x02" + bytes((r - a) & 0xFF for r, a in zip(row, above, strict=True))
        above = row
    return out


def object_stream(objects: bytes, filter_: bytes = b"/FlateDecode", encode=zlib.compress, extra: bytes = b"") -> bytes:
    header = b"5 0 "
    body = header + objects
    return stream(b"/Type /ObjStm /N 1 /First %d /Filter %s %s" % (len(header), filter_, extra), encode(body))


ACTION = b"<< /S /JavaScript /JS (app.alert('x')) >>"
TRICKS = {
    "open action, plain": H.pdf(b"<< /S /GoTo /D [3 0 R /Fit] >>", catalog_extra=b"/OpenAction 5 0 R"),
    "additional actions on the page": H.pdf(catalog_extra=b"/AA << /O << /S /URI /URI (http://x.example) >> >>"),
    "link in a Flate object stream": H.pdf(object_stream(b"<< /S /URI /URI (http://evil.example) >>")),
    "launch in ASCIIHex": H.pdf(stream(b"/Filter /ASCIIHexDecode", b"<< /S /Launch /F (x.exe) >>".hex().encode()
                                       + b">")),
    "GoToR in ASCII85": H.pdf(stream(b"/Filter /ASCII85Decode",
                                     base64.a85encode(b"<< /S /GoToR /F (other.pdf) >>") + b"~>")),
    "JavaScript in LZW": H.pdf(stream(b"/Filter /LZWDecode", lzw(ACTION * 3))),
    "embedded files in RunLength": H.pdf(stream(b"/Filter /RunLengthDecode",
                                                run_length(b"<< /Names << /EmbeddedFiles 9 0 R >> >>"))),
    "attachment behind a PNG predictor": H.pdf(object_stream(
        b"<< /Type /Annot /Subtype /FileAttachment /FS 9 0 R >>", b"/FlateDecode",
        lambda b: zlib.compress(png_up(b, 8)), b"/DecodeParms << /Predictor 12 /Columns 8 >>")),
    "name written with #xx escapes": H.pdf(catalog_extra=b"/Names << /J#61vaScript 5 0 R >>"),
    "filters chained and abbreviated": H.pdf(stream(b"/Filter [/AHx /Fl]", zlib.compress(ACTION).hex().encode())),
    "escaped filter name": H.pdf(stream(b"/Filter /Fl#61teDecode", zlib.compress(ACTION))),
}


@pytest.fixture(scope="module")
def me(portal, table):
    with portal_client.serving("photo", "anhui"):
        yield candidate(portal, table, "340100")      # signs in by e-mail: the apply function serves 湖北


def checked(me: httpx.Client, data: bytes) -> dict:
    post = me.post("/api/photo/uploads", json={"kind": "other", "filename": "证明.pdf", "size": len(data)}).json()
    sent = httpx.post(post["url"], data=post["fields"], files={"file": ("证明.pdf", data, "application/pdf")})
    assert sent.status_code in (200, 201, 204), sent.text
    answer = me.post(f"/api/photo/uploads/{post['upload_id']}/check")
    assert answer.status_code == 200, answer.text
    return answer.json()


@pytest.mark.parametrize("trick", TRICKS)
def test_a_pdf_that_acts_when_opened_is_refused_whatever_hides_it(me, trick):
    answer = checked(me, TRICKS[trick])
    assert answer["ok"] is False and answer["status"] == "failed", answer
    message = " ".join(f["message"] for f in answer["findings"])
    assert "不能接受" in message and "审核时打开可能不安全" in message, message


def exported_pdf() -> bytes:
    """A PDF as a library or word processor writes one (fpdf2, which makes our own forms): an embedded CJK font
    subset, a JPEG and a Flate picture, compressed content, and an open action that only says which page to show."""
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("serif", fname=str(FONT))
    pdf.set_font("serif", size=14)
    pdf.cell(text="毕业证书（扫描件） 张三 2026")
    pdf.image(io.BytesIO(P.compliant_jpeg()), x=10, y=30, w=60)
    pdf.image(P.compliant_image(), x=80, y=30, w=60)
    return bytes(pdf.output())


def test_plain_and_exported_pdfs_are_taken(me):
    scan = H.pdf(object_stream(b"<< /Type /Metadata /Producer (Scanner) >>"),
                 stream(b"/Filter /FlateDecode", zlib.compress(b"q 612 0 0 792 0 0 cm /Im1 Do Q")))
    exported = exported_pdf()
    assert b"/OpenAction [" in exported and b"/FontFile2" in exported             # the test's premise
    for pdf in (scan, exported):
        answer = checked(me, pdf)
        assert answer["ok"] is True and answer["status"] == "ok", answer["findings"]
