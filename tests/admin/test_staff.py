"""`kiosk staff`: PINs checked, stored only as hashes, never shown, exported or audited."""

from __future__ import annotations

import json

import pytest

from kiosk.domain.pins import verify_pin
from kiosk.errors import NotFound, ValidationError
from kiosk.services.context import KioskContext
from kiosk.services.staff.staff_accounts import (
    add_staff,
    disable_staff,
    get_staff,
    list_staff,
    set_pin,
)
from tests.conftest import pin_key
from tests.store_files import settle, table_file

PIN = "482619"
NEW_PIN = "739406"


def all_files_text(context: KioskContext) -> str:
    return "".join(p.read_text() for p in context.store.data_dir.rglob("*.json*"))


def test_add_list_pin_disable_from_the_command_line(context: KioskContext, admin) -> None:
    added = admin("staff", "add", "Sam Patel", "--pin-stdin", input=f"{PIN}\n{PIN}\n")
    assert added.returncode == 0, added.stderr
    staff_id = added.stdout.split()[-1]
    assert added.stdout == f"added Sam Patel (staff) with id {staff_id}\n"
    admin_added = admin("staff", "add", "Jo Reed", "--admin", "--pin-stdin", input="915730\n")
    assert admin_added.returncode == 0, admin_added.stderr

    listing = admin("staff", "list")
    assert listing.returncode == 0
    assert listing.stdout.splitlines()[0].split() == [
        "Id", "Name", "Job", "Role", "PIN", "Card", "Status", "MIS-id", "Added",
    ]  # fmt: skip
    assert "Jo Reed" in listing.stdout and "admin" in listing.stdout
    assert f"{staff_id}  Sam Patel" in listing.stdout

    member = get_staff(context, staff_id)
    key = pin_key(context)
    assert verify_pin(PIN, member.pin_hash, key)

    changed = admin("staff", "pin", staff_id.lower(), "--pin-stdin", input=f"{NEW_PIN}\n")
    assert changed.returncode == 0, changed.stderr
    member = get_staff(context, staff_id)
    assert verify_pin(NEW_PIN, member.pin_hash, key) and not verify_pin(PIN, member.pin_hash, key)

    disabled = admin("staff", "disable", staff_id)
    assert disabled.returncode == 0
    assert "disabled Sam Patel" in disabled.stdout
    again = admin("staff", "disable", staff_id)
    assert again.returncode == 0 and "already disabled" in again.stdout
    assert "disabled" in admin("staff", "list").stdout

    actions = [e["action"] for e in context.store.audit_entries()]
    assert actions == ["staff-add", "staff-add", "staff-pin", "staff-disable"]

    # Neither the PINs nor their hashes appear anywhere but the staff record itself.
    outputs = [added, admin_added, listing, changed, disabled, again]
    exports = [admin("export", kind, "--format", fmt) for kind in ("visits", "phones", "audit")
               for fmt in ("csv", "json")]  # fmt: skip
    hashes = [m.pin_hash for m in list_staff(context)]
    shown = "".join(r.stdout + r.stderr for r in outputs + exports)
    audit_text = json.dumps(context.store.audit_entries())
    for secret in [PIN, NEW_PIN, "915730", *hashes, "scrypt-hmac$"]:
        assert secret not in shown
        assert secret not in audit_text
    # Only in the two staff records (the staff table, its previous version, and the journals
    # kept for the last two checkpoints), never in live.json, history or the audit trail.
    settle(context.store)
    assert table_file(context.store, "staff").read_text().count("scrypt-hmac$") == 2
    folder = context.store.data_dir
    elsewhere = [folder / "live.json", *folder.glob("history/*"), *folder.glob("audit/*")]
    assert not [p for p in elsewhere if "scrypt-hmac$" in p.read_text()]


@pytest.mark.parametrize(
    ("pin_input", "message"),
    [
        ("123456\n", "too easy to guess"),
        ("000000\n", "too easy to guess"),
        ("246810\n", "too easy to guess"),
        ("121212\n", "too easy to guess"),
        ("12a4\n", "6 to 8 digits"),
        ("123\n", "6 to 8 digits"),
        ("4826\n", "6 to 8 digits"),
        ("123456789\n", "6 to 8 digits"),
        ("482619\n482691\n", "do not match"),
        ("\n", "no PIN"),
    ],
)
def test_bad_pins_are_refused_in_one_line(context: KioskContext, admin, pin_input, message):
    result = admin("staff", "add", "Sam Patel", "--pin-stdin", input=pin_input)
    assert result.returncode != 0
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert list_staff(context) == []
    assert pin_input.strip().split("\n")[0] not in result.stderr or not pin_input.strip()


def test_without_a_terminal_the_pin_must_come_from_stdin(context: KioskContext, admin) -> None:
    result = admin("staff", "add", "Sam Patel", input="")
    assert result.returncode != 0
    assert "--pin-stdin" in result.stderr
    assert list_staff(context) == []


def test_unknown_ids_and_bad_names(context: KioskContext, admin) -> None:
    for args in (("disable", "S-NOSUCHSTAFF"), ("pin", "S-NOSUCHSTAFF", "--pin-stdin")):
        result = admin("staff", *args, input="482619\n")
        assert result.returncode != 0
        assert result.stderr.strip() == (
            "kiosk: no staff member with id S-NOSUCHSTAFF (see 'kiosk staff list')"
        )
    bad_name = admin("staff", "add", "=cmd|calc", "--pin-stdin", input="482619\n")
    assert bad_name.returncode != 0 and "letters" in bad_name.stderr
    assert context.store.audit_entries() == []


def test_service_refuses_a_second_active_member_with_the_same_name(context: KioskContext):
    first = add_staff(context, "Sam Patel", PIN)
    with pytest.raises(ValidationError):
        add_staff(context, "sam patel", "915730")
    disable_staff(context, first.id)
    second = add_staff(context, "Sam Patel", "915730")  # the old account is disabled: fine
    assert [m.id for m in list_staff(context)] == [second.id, first.id]  # active first
    with pytest.raises(NotFound):
        set_pin(context, "S-NOSUCHSTAFF", "915730")
