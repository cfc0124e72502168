"""The pass's QR code as drawn in the terminal: exactly the code's modules, with a quiet zone."""

from __future__ import annotations

import qrcode
from qrcode.constants import ERROR_CORRECT_M

from kiosk.domain.ids import new_pass_token
from kiosk.ui.qr_text import QUIET_ZONE, qr_lines
from kiosk.ui.scan_buffer import ScanBuffer, code_kind


def modules_from_text(lines: list[str]) -> list[list[bool]]:
    rows: list[list[bool]] = []
    for line in lines:
        rows.append([c in "▀█" for c in line])
        rows.append([c in "▄█" for c in line])
    return rows


def test_the_drawing_holds_every_module_of_the_code():
    for _ in range(20):
        token = new_pass_token()
        code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
        code.add_data(token)
        code.make(fit=True)
        expected = code.get_matrix()
        drawn = modules_from_text(qr_lines(token))
        assert drawn[: len(expected)] == expected
        assert all(not any(row) for row in drawn[len(expected) :])  # padding row is light


def test_the_code_has_a_quiet_zone_and_fits_the_smallest_screen():
    lines = qr_lines("PASS-0000000000000001")
    assert len(lines[0]) <= 40 and len(lines) <= 18  # beside the details at 80x24
    assert lines[0].strip() == "" and lines[-1].strip() == ""
    assert all(line[:QUIET_ZONE].strip() == "" for line in lines)
    assert all(line[-QUIET_ZONE:].strip() == "" for line in lines)


def test_a_scanner_code_is_collected_until_enter():
    buffer = ScanBuffer()
    for character in "PASS-0000000000000001":
        assert buffer.feed(character, character) is None
    assert buffer.feed(None, "ctrl+a") is None  # not printable: ignored
    assert buffer.feed(None, "enter") == "PASS-0000000000000001"
    assert buffer.feed(None, "enter") is None  # nothing left over
    assert code_kind("pass-0000000000000001", "BAG") == "pass"
    assert code_kind("BAG-12", "BAG") == "bag"
    assert code_kind("LOCKER-12", "LOCKER") == "bag"
    assert code_kind("BAG-12", "LOCKER") == "unknown"
    assert code_kind("PASS-1", "BAG") == "unknown"
