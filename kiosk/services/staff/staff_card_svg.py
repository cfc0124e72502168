"""A staff card: the card layout regular visitors share (kiosk.services.outputs.card_svg)
with a staff face: "STAFF", the name, their role, and no expiry day (it works while they
work here)."""

from __future__ import annotations

from pathlib import Path

from kiosk.domain.records import Staff
from kiosk.services.outputs.card_svg import CardFace, face_svg
from kiosk.services.outputs.new_file import write_new_file


def staff_face(member: Staff) -> CardFace:
    return CardFace(
        title=f"Staff card: {member.name}",
        kind="STAFF",
        name=member.name,
        lines=(("card-role", member.role), ("card-valid-while", "Valid while you work here")),
        valid_until="",
        card_id=member.id,
    )


def staff_card_svg(member: Staff, code: str, school_name: str) -> str:
    return face_svg(staff_face(member), code, school_name)


def write_staff_card(
    path: Path, member: Staff, code: str, school_name: str, force: bool = False
) -> None:
    """Write the card (owner-only: whoever holds the file can print a working card)."""
    write_new_file(path, staff_card_svg(member, code, school_name), force=force)
