"""A regular visitor's card: the shared card layout (kiosk/services/outputs/card_svg.py) with
a regular visitor's face: "REGULAR VISITOR", the name, the kind of visitor and organisation,
and the expiry day. Staff cards use the same layout with a face of their own
(kiosk.services.staff.staff_card_svg).
"""

from __future__ import annotations

from pathlib import Path

from kiosk.domain.records import VISITOR_TYPES
from kiosk.domain.regular_visitors import RegularVisitor
from kiosk.services.outputs.card_svg import CardFace, face_svg
from kiosk.services.outputs.new_file import write_new_file


def regular_face(regular: RegularVisitor) -> CardFace:
    kind = VISITOR_TYPES.get(regular.visitor_type, regular.visitor_type)
    return CardFace(
        title=f"Visitor card: {regular.name}",
        kind="REGULAR VISITOR",
        name=regular.name,
        lines=(("card-type", kind), ("card-organisation", regular.organisation)),
        valid_until=regular.expires_on,
        card_id=regular.id,
    )


def card_svg(regular: RegularVisitor, code: str, school_name: str) -> str:
    """One card as an SVG document, to print at 100% and laminate (or put in a sleeve)."""
    return face_svg(regular_face(regular), code, school_name)


def write_card(path: Path, regular: RegularVisitor, code: str, school_name: str,
               force: bool = False) -> None:  # fmt: skip
    """Write the card (owner-only: whoever holds the file can print a working card)."""
    write_new_file(path, card_svg(regular, code, school_name), force=force)
