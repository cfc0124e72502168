"""The card layout regular visitors' and staff cards share: credit-card size (85.6 x 54 mm)
SVG with the school's name, a face (`CardFace`: the kind of card, the holder's name, lines
under it, an expiry day or none), the card's QR code with the code printed under it (to type
if a scanner cannot read it, as on the pass).

Every line is sized from the font's own widths (kiosk/domain/text_width.py) to stay inside
the card's margins; a name too long for one line at a readable size goes on two. The faces
are kiosk/services/regulars/visitor_cards.py's and kiosk/services/staff/staff_card_svg.py's.

The QR code holds the random card code only (e.g. "CARD-7K2M9QX4HD3T8V1WZP4N"): upper-case
letters, digits and "-", QR's compact alphanumeric mode, typed back the same by a USB scanner
on any keyboard layout. The QR drawing is the bag labels' (outputs/qr_svg.py).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date

from kiosk.domain.text_width import fitting_size, two_lines
from kiosk.services.outputs.qr_svg import SVG_NS, qr_path

CARD_WIDTH = 85.6  # mm, ISO/IEC 7810 ID-1
CARD_HEIGHT = 53.98
QR_SIDE = 38.0
MARGIN = 3.0
FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
CODE_FONT = "DejaVu Sans Mono, Courier New, monospace"
MONO_ADVANCE = 0.61  # DejaVu Sans Mono's 0.602 em a character, Courier's 0.6, rounded up
QR_TOP = 11.0
ID_BASELINE = 51.2  # "Card R-...", small, at the foot of the text column


def _text(parent: ET.Element, cls: str, x: float, y: float, size: float, text: str,
          bold: bool = False, fill: str = "#000000", font: str = FONT) -> None:  # fmt: skip
    element = ET.SubElement(
        parent,
        "text",
        {
            "class": cls,
            "x": f"{x:g}",
            "y": f"{y:.2f}",
            "font-family": font,
            "font-size": f"{size:.2f}",
            "fill": fill,
            **({"font-weight": "bold"} if bold else {}),
        },
    )
    element.text = text


def _long_date(day: str) -> str:
    value = date.fromisoformat(day)
    return f"{value.day} {value.strftime('%B %Y')}"


@dataclass(frozen=True)
class CardFace:
    """What one card says beside its QR code: regular visitors' and staff cards share the
    layout."""

    title: str  # the document's title: "Visitor card: Ann Lee"
    kind: str  # above the name, small: "REGULAR VISITOR", "STAFF"
    name: str
    lines: tuple[tuple[str, str], ...]  # (class, text) under the name; empty text is left out
    valid_until: str  # YYYY-MM-DD, or "" for a card with no expiry day
    card_id: str  # the record's id, small at the foot: how the office finds the card


def face_svg(face: CardFace, code: str, school_name: str) -> str:
    """A card with this face and the QR code of `code`, with the code printed under it."""
    svg = ET.Element(
        "svg",
        {
            "width": f"{CARD_WIDTH:g}mm",
            "height": f"{CARD_HEIGHT:g}mm",
            "viewBox": f"0 0 {CARD_WIDTH:g} {CARD_HEIGHT:g}",
            "version": "1.1",
            "xmlns": SVG_NS,  # set by hand: see phones/bag_labels.label_sheet_svg
        },
    )
    ET.SubElement(svg, "title").text = face.title
    # Cutting guide; white inside so the QR code has its quiet zone on any paper.
    ET.SubElement(
        svg,
        "rect",
        {"class": "card-edge", "x": "0.1", "y": "0.1", "width": f"{CARD_WIDTH - 0.2:g}",
         "height": f"{CARD_HEIGHT - 0.2:g}", "rx": "3", "fill": "#ffffff", "stroke": "#999999",
         "stroke-width": "0.2"},
    )  # fmt: skip
    width = CARD_WIDTH - 2 * MARGIN
    _text(svg, "card-school", MARGIN, 7, fitting_size(school_name, width, 3.6, bold=True),
          school_name, bold=True)  # fmt: skip
    path_data, modules = qr_path(code)
    qr_x = MARGIN - 1
    qr = ET.SubElement(
        svg,
        "svg",
        {"class": "qr", "x": f"{qr_x:g}", "y": f"{QR_TOP:g}", "width": f"{QR_SIDE:g}",
         "height": f"{QR_SIDE:g}", "viewBox": f"0 0 {modules:g} {modules:g}"},
    )  # fmt: skip
    ET.SubElement(qr, "rect", {"width": "100%", "height": "100%", "fill": "#ffffff"})
    ET.SubElement(qr, "path", {"d": path_data, "fill": "#000000"})
    # The code under the QR, as the pass prints its code: typed as it stands, it works.
    code_size = min(2.6, QR_SIDE / (MONO_ADVANCE * len(code)))
    _text(svg, "card-code", qr_x, QR_TOP + QR_SIDE + 1 + code_size * 0.8, code_size, code,
          font=CODE_FONT)  # fmt: skip

    x = MARGIN + QR_SIDE + 1
    right = CARD_WIDTH - x - MARGIN
    _text(svg, "card-kind", x, 15, 2.6, face.kind, fill="#444444")
    names, size = two_lines(face.name, right, 4.2, bold=True)
    y = 17.2 + size
    for n, line in enumerate(names):
        _text(svg, f"card-name{'-2' if n else ''}", x, y, size, line, bold=True)
        y += size * 1.25
    y += 5.0 - size * 1.25
    for cls, line in face.lines:
        if line:
            _text(svg, cls, x, y, fitting_size(line, right, 2.8), line)
            y += 4.0
    if face.valid_until:
        y += 0.5
        _text(svg, "card-valid", x, y, 2.4, "Valid until", fill="#333333")
        expiry = _long_date(face.valid_until)
        y += 3.8
        _text(svg, "card-expiry", x, y, fitting_size(expiry, right, 3.2, bold=True), expiry,
              bold=True)  # fmt: skip
    hints = ["Scan at the foyer kiosk", "to sign in and out."]
    if y + 4.7 + 3.1 > ID_BASELINE - 2.7:  # a two-line name: the hint on one line
        hints = [" ".join(hints)]
    for line in hints:
        y += 4.7 if line is hints[0] else 3.1
        _text(svg, "card-hint", x, y, fitting_size(line, right, 2.4), line, fill="#333333")
    _text(svg, "card-id", x, ID_BASELINE, 1.8, f"Card {face.card_id}", fill="#666666")
    ET.indent(svg)
    return ET.tostring(svg, encoding="unicode", xml_declaration=True) + "\n"
