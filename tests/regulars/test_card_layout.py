"""A visitor card lays out inside its edges, whatever the name (issue 27): "Małgorzata
Nowak-Kowalska" touched the card's edge. Measured where a real browser draws each line, with
the fonts installed, not by counting characters. The card's code is printed under its QR,
as the pass's is (typed into the sign-out box it works as a scan does:
test_card_journeys)."""

from __future__ import annotations

import pytest

from kiosk.domain.regular_visitors import RegularVisitor
from kiosk.services.outputs.card_svg import MARGIN, QR_SIDE
from kiosk.services.regulars.visitor_cards import card_svg
from tests.policy.browser import svg_text_boxes
from tests.regulars.card_edges import CODE, assert_inside_card

NAMES = [
    "Ann Lee",
    "Małgorzata Nowak-Kowalska",
    "Maria de los Ángeles Fernández-Castellanos Rodríguez",
    "Wolfeschlegelsteinhausenbergerdorff",
]


def regular(name: str, organisation: str = "") -> RegularVisitor:
    return RegularVisitor(
        id="R-7K2M9QX4HD3T", name=name, visitor_type="supply-staff",
        organisation=organisation, host="", card_hash="x", expires_on="2027-11-25",
        created_at="2026-11-25T08:45:00+00:00", card_issued_at="2026-11-25T08:45:00+00:00",
    )  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_every_line_of_the_card_stays_inside_its_edges(tmp_path, name) -> None:
    svg = card_svg(regular(name, "Teach Together Supply Agency Ltd"), CODE,
                   "Kingsthorpe Village Primary School and Nursery")  # fmt: skip
    boxes = svg_text_boxes(tmp_path, svg)
    shown = " ".join(b["text"] for b in boxes if b["cls"].startswith("card-name"))
    assert shown.replace("- ", "-") == name  # all of it, if on two lines
    assert_inside_card(boxes)


def test_the_code_is_printed_under_the_qr(tmp_path) -> None:
    boxes = svg_text_boxes(tmp_path, card_svg(regular("Ann Lee"), CODE, "School"))
    [code] = [b for b in boxes if b["cls"] == "card-code"]
    assert code["text"] == CODE
    assert code["y"] >= 11 + QR_SIDE - 0.5  # below the QR code
    assert code["x"] + code["width"] <= MARGIN - 1 + QR_SIDE + 0.5  # and no wider
