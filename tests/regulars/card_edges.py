"""What the visitor-card and staff-card layout tests both check, where a real browser drew
each line (tests/policy/browser.py's svg_text_boxes): inside the card's edges, no overlap."""

from __future__ import annotations

from kiosk.services.outputs.card_svg import CARD_HEIGHT, CARD_WIDTH, MARGIN

CODE = "CARD-7K2M9QX4HD3T8V1WZP4N"  # a card's code, as long as the kiosk makes them


def overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]
    )  # fmt: skip


def assert_inside_card(boxes: list[dict]) -> None:
    """Every line within the card's margins, top to bottom, and no two lines overlapping."""
    for box in boxes:
        assert box["x"] >= MARGIN - 1.01, box
        assert box["x"] + box["width"] <= CARD_WIDTH - MARGIN + 0.01, box
        assert box["y"] >= 0 and box["y"] + box["height"] <= CARD_HEIGHT, box
    for n, a in enumerate(boxes):
        for b in boxes[n + 1 :]:
            assert not overlap(a, b), (a, b)
