"""The log scan itself finds what it must: a real ID number (not a masked one or a number that fails the check
digit), and a remembered secret as a whole word."""
from __future__ import annotations

from support.log_scan import leaks

LINES = ["INFO biye: signed in 420***********1234",                     # masked: fine
         "WARNING biye: lookup IDNO#420100199204257479 failed",        # a real one (valid check digit)
         "INFO moto: 123456789012345678 bytes",                       # 18 digits with a wrong check digit
         "INFO biye: token=abcDEF123_-xyz issued",
         "INFO biye: K7QXK7QX is not the answer K7QX",
         "WARNING biye: K7QX for 420100199204257479"]


def test_real_id_numbers_and_remembered_secrets_are_found_and_masked():
    found = leaks(LINES, {"abcDEF123_-xyz", "K7QX"})
    assert [(n, what) for n, what, _ in found] == [(2, "ID number"), (4, "secret"), (5, "secret"),
                                                   (6, "ID number and secret")]
    assert found[3][2] == "WARNING biye: **** for 420***************"
    assert all("420100199204257479" not in line and "abcDEF123_-xyz" not in line for _, _, line in found)
    assert found[2][2].endswith("the answer ****") and "K7QXK7QX" in found[2][2]


def test_a_presigned_urls_own_parameters_are_not_taken_for_a_captcha_answer():
    line = ("INFO httpx: HTTP Request: GET http://127.0.0.1:4566/uploads/a.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            "&X-Amz-Credential=local%2F20261204%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=ab12")
    assert leaks([line], {"HMAC"}) == []
    assert leaks([line + " answer HMAC"], {"HMAC"})[0][1] == "secret"
