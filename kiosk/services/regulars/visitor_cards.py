"""A regular visitor's card: credit-card size (85.6 x 54 mm) SVG with the school's name, the
holder's name, their card's QR code and its expiry day.

The QR code holds the random card code only (e.g. "CARD-7K2M9QX4HD3T8V1WZP4N"): upper-case
letters, digits and "-", QR's compact alphanumeric mode, typed back the same by a USB scanner
on any keyboard layout. The QR drawing is the bag labels' (qrcode's SVG path, no Pillow).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from kiosk.domain.records import VISITOR_TYPES
from kiosk.domain.regular_visitors import RegularVisitor
from kiosk.services.admin.export_records import write_new_file
from kiosk.services.phones.bag_labels import SVG_NS, fitting_font_size, qr_path

CARD_WIDTH = 85.6  # mm, ISO/IEC 7810 ID-1
CARD_HEIGHT = 53.98
QR_SIDE = 38.0
MARGIN = 3.0
FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"


def _text(parent: ET.Element, cls: str, x: float, y: float, size: float, text: str,
          bold: bool = False, fill: str = "#000000") -> None:  # fmt: skip
    element = ET.SubElement(
        parent,
        "text",
        {
            "class": cls,
            "x": f"{x:g}",
            "y": f"{y:g}",
            "font-family": FONT,
            "font-size": f"{size:.2f}",
            "fill": fill,
            **({"font-weight": "bold"} if bold else {}),
        },
    )
    element.text = text


def _long_date(day: str) -> str:
    value = date.fromisoformat(day)
    return f"{value.day} {value.strftime('%B %Y')}"


def card_svg(regular: RegularVisitor, code: str, school_name: str) -> str:
    """One card as an SVG document, to print at 100% and laminate (or put in a sleeve)."""
    svg = ET.Element(
        "svg",
        {
            "width": f"{CARD_WIDTH:g}mm",
            "height": f"{CARD_HEIGHT:g}mm",
            "viewBox": f"0 0 {CARD_WIDTH:g} {CARD_HEIGHT:g}",
            "version": "1.1",
            "xmlns": SVG_NS,  # set by hand: see bag_labels.label_sheet_svg
        },
    )
    ET.SubElement(svg, "title").text = f"Visitor card: {regular.name}"
    # Cutting guide; white inside so the QR code has its quiet zone on any paper.
    ET.SubElement(
        svg,
        "rect",
        {"class": "card-edge", "x": "0.1", "y": "0.1", "width": f"{CARD_WIDTH - 0.2:g}",
         "height": f"{CARD_HEIGHT - 0.2:g}", "rx": "3", "fill": "#ffffff", "stroke": "#999999",
         "stroke-width": "0.2"},
    )  # fmt: skip
    width = CARD_WIDTH - 2 * MARGIN
    _text(svg, "card-school", MARGIN, 7, fitting_font_size(school_name, width, 3.6, 0.55),
          school_name, bold=True)  # fmt: skip
    path_data, modules = qr_path(code)
    qr = ET.SubElement(
        svg,
        "svg",
        {"class": "qr", "x": f"{MARGIN - 1:g}", "y": "11", "width": f"{QR_SIDE:g}",
         "height": f"{QR_SIDE:g}", "viewBox": f"0 0 {modules:g} {modules:g}"},
    )  # fmt: skip
    ET.SubElement(qr, "rect", {"width": "100%", "height": "100%", "fill": "#ffffff"})
    ET.SubElement(qr, "path", {"d": path_data, "fill": "#000000"})
    x = MARGIN + QR_SIDE + 1
    right = CARD_WIDTH - x - MARGIN
    _text(svg, "card-kind", x, 15, 2.6, "REGULAR VISITOR", fill="#444444")
    _text(svg, "card-name", x, 22, fitting_font_size(regular.name, right, 4.2, 0.6),
          regular.name, bold=True)  # fmt: skip
    kind = VISITOR_TYPES.get(regular.visitor_type, regular.visitor_type)
    for y, line, cls in (
        (27.5, kind, "card-type"),
        (31.5, regular.organisation, "card-organisation"),
    ):
        if line:
            _text(svg, cls, x, y, fitting_font_size(line, right, 2.8, 0.55), line)
    _text(svg, "card-valid", x, 36, 2.4, "Valid until", fill="#333333")
    expiry = _long_date(regular.expires_on)
    _text(svg, "card-expiry", x, 39.8, fitting_font_size(expiry, right, 3.2, 0.65), expiry,
          bold=True)  # fmt: skip
    for y, line in ((44.5, "Scan at the foyer kiosk"), (47.6, "to sign in and out.")):
        _text(svg, "card-hint", x, y, 2.4, line, fill="#333333")
    _text(svg, "card-id", x, 51.2, 1.8, f"Card {regular.id}", fill="#666666")
    ET.indent(svg)
    return ET.tostring(svg, encoding="unicode", xml_declaration=True) + "\n"


def write_card(path: Path, regular: RegularVisitor, code: str, school_name: str,
               force: bool = False) -> None:  # fmt: skip
    """Write the card (owner-only: whoever holds the file can print a working card)."""
    write_new_file(path, card_svg(regular, code, school_name), force=force)
