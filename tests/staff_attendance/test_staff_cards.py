"""Staff cards with the same care as regular visitors' cards: the QR holds a random code only
(read back with a real QR decoder), the kiosk keeps its hash, the code is printed under it;
reissuing replaces the old card, a revoked card or a leaver's signs its holder out only."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.domain.ids import looks_like_card
from kiosk.domain.staff_attendance import BY_CARD, KIND
from kiosk.errors import KioskError
from kiosk.services.regulars.regular_visitors import CardRefused as RegularRefused
from kiosk.services.regulars.regular_visitors import scan_card
from kiosk.services.staff.staff_accounts import disable_staff, get_staff
from kiosk.services.staff.staff_cards import issue_card
from kiosk.services.staff_attendance.signing import (
    REFUSED_CARD,
    CardRefused,
    Signed,
    SignInClosed,
    scan_staff_card,
)
from tests.regulars.qr_reader import read_qr_in_svg

NS = {"svg": "http://www.w3.org/2000/svg"}


def every_data_file(context) -> str:
    found = []
    for folder, _, files in os.walk(context.store.data_dir):
        for name in files:
            found.append(Path(folder, name).read_text(errors="replace"))
    return "\n".join(found)


def test_the_card_from_the_command_holds_only_a_code_the_kiosk_keeps_hashed(
    context, admin, sam, tmp_path
) -> None:
    path = tmp_path / "sam.svg"
    result = admin("staff", "card", sam.id, "--output", str(path))

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"new staff card for Sam Patel ({sam.id})"
    svg = path.read_text()
    (code,) = read_qr_in_svg(svg)  # a real decoder reads exactly one code
    assert looks_like_card(code)  # the random code, and nothing else (no name, no id)
    printed = ET.fromstring(svg).find(".//svg:text[@class='card-code']", NS)
    assert printed is not None and printed.text == code  # to type if a scanner cannot read it
    assert "Sam Patel" in svg and "STAFF" in svg and "Teacher" in svg
    assert oct(path.stat().st_mode & 0o777) == "0o600"  # whoever holds it can print a card
    assert code not in every_data_file(context)  # only its hash is kept
    assert get_staff(context, sam.id).card_hash.startswith("sha256:")
    assert code not in "\n".join(e["detail"] for e in context.store.audit_entries())
    signed = scan_staff_card(context, code)
    assert isinstance(signed, Signed) and signed.signed_in


def test_a_reissued_card_replaces_the_old_one_at_once(context, admin, sam, tmp_path) -> None:
    _, old = issue_card(context, sam.id, actor="test")
    result = admin("staff", "card", sam.id, "--output", str(tmp_path / "new.svg"))

    assert "their old card no longer works" in result.stdout
    (new,) = read_qr_in_svg((tmp_path / "new.svg").read_text())
    assert new != old
    assert scan_staff_card(context, old) is None  # not a staff card any more
    assert isinstance(scan_card(context, old), RegularRefused)  # nor anything else
    assert isinstance(scan_staff_card(context, new), Signed)


def test_a_revoked_card_signs_nobody_in_but_still_signs_its_holder_out(context, admin, sam) -> None:
    _, code = issue_card(context, sam.id, actor="test")
    first = scan_staff_card(context, code)
    assert isinstance(first, Signed) and first.signed_in

    result = admin("staff", "revoke-card", sam.id)
    assert result.returncode == 0 and "revoked Sam Patel's card" in result.stdout

    context.clock.advance(hours=7)
    out = scan_staff_card(context, code)
    assert isinstance(out, Signed) and not out.signed_in  # they were in: now out
    assert out.record.signed_out_by == BY_CARD
    again = scan_staff_card(context, code)
    assert again == CardRefused(REFUSED_CARD["revoked"])  # and never in again
    assert [r["signed_in_by"] for r in context.store.records(KIND)] == [BY_CARD]
    assert "was already revoked" in admin("staff", "revoke-card", sam.id).stdout


def test_a_leavers_card_stops_working_but_signs_them_out_if_they_are_in(context, sam) -> None:
    _, code = issue_card(context, sam.id, actor="test")
    scan_staff_card(context, code)
    disable_staff(context, sam.id, actor="test")  # as `kiosk staff import` marks a leaver

    out = scan_staff_card(context, code)
    assert isinstance(out, Signed) and not out.signed_in
    assert scan_staff_card(context, code) == CardRefused(REFUSED_CARD["left"])
    with pytest.raises(KioskError, match="not active"):
        issue_card(context, sam.id, actor="test")


def test_a_card_during_the_alarm_signs_out_but_not_in(context, sam, dee) -> None:
    _, sams = issue_card(context, sam.id, actor="test")
    _, dees = issue_card(context, dee.id, actor="test")
    scan_staff_card(context, dees)

    assert isinstance(scan_staff_card(context, sams, may_sign_in=False), SignInClosed)
    out = scan_staff_card(context, dees, may_sign_in=False)
    assert isinstance(out, Signed) and not out.signed_in
    assert context.store.live(KIND) == []


def test_revoking_a_card_nobody_has_is_one_clear_line(context, admin, sam, tmp_path) -> None:
    result = admin("staff", "revoke-card", sam.id)
    assert result.returncode != 0
    assert result.stderr.strip() == f"kiosk: Sam Patel ({sam.id}) has no card to revoke"
    missing = admin("staff", "card", "S-NOSUCHSTAFF", "--output", str(tmp_path / "none.svg"))
    assert "no staff member with id S-NOSUCHSTAFF" in missing.stderr


@pytest.mark.parametrize(
    "name, role",
    [("Sam Patel", "Teacher"), ("Maria de los Ángeles Fernández-Castellanos Rodríguez",
                                "Higher level teaching assistant (SEND), Key Stage 2")],
)  # fmt: skip
def test_a_staff_card_lays_out_inside_its_edges(tmp_path, name, role) -> None:
    """The visitor card's layout, measured where a real browser draws each line."""
    from kiosk.domain.records import Staff
    from kiosk.services.staff.staff_card_svg import staff_card_svg
    from tests.policy.browser import svg_text_boxes
    from tests.regulars.card_edges import CODE, assert_inside_card

    member = Staff(id="S-7K2M9QX4HD3T", name=name, pin_hash="", role=role)
    boxes = svg_text_boxes(tmp_path, staff_card_svg(member, CODE, "Kingsthorpe Village Primary"))
    shown = " ".join(b["text"] for b in boxes if b["cls"].startswith("card-name"))
    assert shown.replace("- ", "-") == name
    assert [b["text"] for b in boxes if b["cls"] == "card-code"] == [CODE]
    assert_inside_card(boxes)
