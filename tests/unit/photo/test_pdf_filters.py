"""checks/pdf_filters.py: each standard filter decodes as the PDF reference says, and a bomb is stopped."""
from __future__ import annotations

import zlib

import hostile as H
import pytest

from functions.photo.checks.pdf import pdf_problems
from functions.photo.checks.pdf_filters import MAX_DECODED, TooMuchToRead, decoded_streams


def stream(dictionary: bytes, body: bytes) -> bytes:
    return b"1 0 obj\n<< " + dictionary + b" >>\nstream\n" + body + b"\nendstream\nendobj\n"


@pytest.mark.parametrize("dictionary, body, expected", [
    # The PDF reference's own LZW example (ISO 32000-1, 7.4.4.2): 45 45 45 45 45 65 45 45 45 66.
    (b"/Filter /LZWDecode", bytes.fromhex("800B6050220C0C8501"), b"-----A---B"),
    (b"/Filter /ASCIIHexDecode", b"48 65 6C6C 6f>", b"Hello"),
    (b"/Filter /A85", b"87cURD]i,\"Ebo80~>", b"Hello World!"),     # Adobe's encoding, written by hand
    (b"/Filter /RunLengthDecode", b"\x01ab\xfdc\x80", b"abcccc"),
    (b"/Filter [/AHx /FlateDecode]", zlib.compress(b"inner").hex().encode() + b">", b"inner"),
    (b"/DecodeParms << /Predictor 2 /Columns 3 >> /Filter /FlateDecode", zlib.compress(b"\x01\x01\x01"),
     b"\x01\x02\x03"),
])
def test_each_filter_decodes_as_the_reference_says(dictionary, body, expected):
    assert list(decoded_streams(stream(dictionary, body))) == [expected]


def test_a_stream_bomb_is_refused_not_skipped():
    bomb = zlib.compress(b"\0" * (MAX_DECODED + 1024), 9)
    with pytest.raises(TooMuchToRead):
        list(decoded_streams(stream(b"/Filter /FlateDecode", bomb)))
    problems = pdf_problems(H.pdf(b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(bomb) + bomb
                                  + b"\nendstream"))
    assert any("过大" in p for p in problems)


def test_image_pixels_are_not_parsed_for_objects():
    pixels = stream(b"/Subtype /Image /Filter /FlateDecode", zlib.compress(b"/JavaScript" * 10))
    assert list(decoded_streams(pixels)) == []
