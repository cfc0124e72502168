"""A QR code as text: two modules per character cell with half blocks, so it comes out square."""

from __future__ import annotations

QUIET_ZONE = 4  # modules of light margin, as the QR standard asks; scanners need it

_CELLS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def qr_lines(text: str) -> list[str]:
    """Dark modules as block characters (draw them dark on light), error correction M."""
    import qrcode  # only the pass screen needs it; keeps it out of the kiosk's cold start
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(text)
    code.make(fit=True)
    matrix: list[list[bool]] = code.get_matrix()
    if len(matrix) % 2:
        matrix.append([False] * len(matrix[0]))
    return [
        "".join(_CELLS[(top, bottom)] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(matrix[0::2], matrix[1::2], strict=True)
    ]
