"""Issue 21.4: phones still go home when the current month's audit file is damaged.

Staff can still log in and return phones. The new entries go to a side file that continues
the chain from the last good entry, so `kiosk audit verify` still checks them; the fault
shows on the staff screen, the LED and `kiosk check`. Defined through the services and the
command line, not the store's files, so a reorganised store can keep these passing.
"""

from __future__ import annotations

import json

from hardware.interface import LedState
from kiosk.services.phones.phone_return import return_phones
from kiosk.services.phones.store_watch import StoreWatch
from kiosk.services.staff.staff_login import log_in
from kiosk.ui.screens.staff_menu import StaffMenuScreen
from tests.conftest import kiosk_cli
from tests.helpers import STAFF_PIN, make_app, put_phone
from tests.helpers import log_in as tap_in

NOW = {"KIOSK_FAKE_NOW": "2026-11-25T10:00:00"}


def damage_this_months_audit(context) -> tuple[str, bytes]:
    """The current month's audit file, overwritten with bytes that are not JSON; returns
    its name and what it held (a backup to restore)."""
    path = context.store.audit_path("2026-11")
    saved = path.read_bytes()
    path.write_text('{"audit": {"1": {"seq": 1, "at": "2026-11-25T08:')
    return path.name, saved


def verify(context, *args: str):
    return kiosk_cli("audit", "verify", "--data-dir", str(context.store.data_dir), *args, env=NOW)


def test_staff_log_in_and_return_phones_with_the_audit_file_damaged(
    context, staff, hardware
) -> None:
    phone = put_phone(context, hardware, staff, "Alex Brown", "BAG-07")
    head_before = context.store.audit_head()
    name, saved = damage_this_months_audit(context)

    login = log_in(context, STAFF_PIN)
    returned = return_phones(context, hardware, [phone.id], login.staff.id)

    assert login.staff.id == staff.id
    assert [p["id"] for p in returned] == [phone.id]
    assert context.store.find("phones", phone.id)["returned_at"]
    assert hardware.lock.wait_until_locked(60)  # the opening ends by itself (no time asserted)

    result = verify(context)
    assert result.returncode == 1
    assert name in result.stderr and "cannot be read" in result.stderr
    assert (
        f"the 3 entries written since (seq {head_before.seq + 1} to {head_before.seq + 3}) "
        f"follow on from seq {head_before.seq}, the last entry written before it, and are intact"
    ) in result.stderr

    # Put the damaged file back from a backup: the whole trail is intact again.
    context.store.audit_path("2026-11").write_bytes(saved)
    result = verify(context)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"audit trail intact: {head_before.seq + 3} entries")
    actions = [e["action"] for e in context.store.audit_entries()][-3:]
    assert actions == ["staff-login", "phone-returned", "store-opened"]


def test_a_changed_side_entry_is_caught(context, staff, hardware) -> None:
    damage_this_months_audit(context)
    log_in(context, STAFF_PIN)
    log_in(context, STAFF_PIN)
    main = context.store.audit_path("2026-11")
    side = [
        p
        for p in context.store.audit_dir.iterdir()
        if "2026-11" in p.name and p != main and not p.name.endswith(".bak")
    ]
    assert len(side) == 1  # the side file, whatever the store calls it
    data = json.loads(side[0].read_text())
    first = next(iter(data["audit"].values()))
    first["detail"] = "somebody else"
    side[0].write_text(json.dumps(data))

    result = verify(context)

    assert result.returncode == 1
    assert f"entry seq={first['seq']} was changed" in result.stderr


def test_the_fault_shows_on_the_led_the_staff_screen_and_check(context, staff, hardware) -> None:
    put_phone(context, hardware, staff, "Alex Brown", "BAG-07")
    name, _ = damage_this_months_audit(context)

    status = StoreWatch(context, hardware).update()
    assert status.led is LedState.FAULT and name in status.fault
    check = kiosk_cli("check", "--data-dir", str(context.store.data_dir), env=NOW)
    assert check.returncode == 1 and name in check.stdout


async def test_the_staff_screen_says_so_after_logging_in(context, staff, hardware) -> None:
    put_phone(context, hardware, staff, "Alex Brown", "BAG-07")
    name, _ = damage_this_months_audit(context)
    app = make_app(context, hardware)
    async with app.run_test(size=(100, 30)) as pilot:
        await tap_in(pilot, STAFF_PIN)
        assert isinstance(app.screen, StaffMenuScreen)
        app.store_monitor.update()
        await pilot.pause()
        fault = str(app.screen.query_one("#menu-fault").render())
        assert "Kiosk fault" in fault and name in fault
