"""Reading a card's QR code back with a real decoder (ZBar, through pyzbar), without Pillow.

The card draws its QR code as one SVG path of unit squares ("M4,4H5V5H4z..."); this paints
those squares into a greyscale bitmap, as a printer and a scanner's camera would see it, and
hands the bitmap to ZBar. Tests that need it skip, saying why, when ZBar is not installed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

NS = {"svg": "http://www.w3.org/2000/svg"}
SQUARE = re.compile(r"M(\d+),(\d+)H(\d+)V(\d+)H\d+z")
PIXELS_PER_MODULE = 6


def decoder():
    """pyzbar's decode, or skip: it needs the libzbar0 Debian package."""
    try:
        from pyzbar.pyzbar import decode
    except ImportError as exc:  # pyzbar missing, or libzbar0 missing (raised as ImportError)
        pytest.skip(
            "a real QR decoder is needed: pip install pyzbar (test extra) and "
            f"apt-get install libzbar0 ({exc})"
        )
    return decode


def read_qr_in_svg(svg_text: str) -> list[str]:
    """Every QR code found in the SVG's first QR drawing, decoded by ZBar."""
    decode = decoder()
    root = ET.fromstring(svg_text.encode())
    qr = root.find(".//svg:svg[@class='qr']", NS)
    assert qr is not None, "no QR drawing in the SVG"
    modules = round(float(qr.get("viewBox", "").split()[2]))
    path = qr.find("svg:path", NS)
    assert path is not None
    side = modules * PIXELS_PER_MODULE
    bitmap = bytearray(b"\xff" * side * side)
    for x1, y1, x2, y2 in SQUARE.findall(path.get("d", "")):
        for y in range(int(y1) * PIXELS_PER_MODULE, int(y2) * PIXELS_PER_MODULE):
            start = y * side
            bitmap[start + int(x1) * PIXELS_PER_MODULE : start + int(x2) * PIXELS_PER_MODULE] = (
                b"\x00" * ((int(x2) - int(x1)) * PIXELS_PER_MODULE)
            )
    return [found.data.decode("ascii") for found in decode((bytes(bitmap), side, side))]
