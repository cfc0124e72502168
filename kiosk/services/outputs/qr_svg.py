"""A QR code as SVG path data, from the qrcode package's SVG output (no Pillow): drawn on the
phone bags' labels and on regular visitors' and staff cards."""

from __future__ import annotations

import qrcode
import qrcode.constants
from qrcode.image.svg import SvgPathImage

SVG_NS = "http://www.w3.org/2000/svg"


def qr_path(text: str) -> tuple[str, float]:
    """The QR code of `text` as SVG path data and its side in modules (quiet zone included)."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=10, border=4)
    qr.add_data(text)
    qr.make(fit=True)
    image = qr.make_image(image_factory=SvgPathImage)
    path = image.path
    assert path is not None  # SvgPathImage.process() always sets it
    # box_size 10 draws one module per "mm" unit, so the side in units is the module count.
    return path.get("d", ""), float(image.units(image.pixel_size, text=False))
