"""Issue 21.4: phones still go home when the current month's audit file is damaged.

Staff can still log in and return phones. The damaged file is left as it is, and the month's
entries stay in the journal (chained from the last good entry as always), so `kiosk audit
verify` still checks them; the fault shows on the staff screen, the LED and `kiosk check`.
Restoring the file from a backup makes the trail whole again. Defined through the services
and the command line; tests/store_files.py knows where the journal is.
"""

from __future__ import annotations

from dataclasses import replace

from hardware.interface import LedState
from kiosk.services.admin.store_watch import StoreWatch
from kiosk.services.phones.phone_return import return_phones
from kiosk.services.staff.staff_login import log_in
from kiosk.ui.screens.staff_menu import StaffMenuScreen
from tests.conftest import kiosk_cli
from tests.helpers import STAFF_PIN, make_app, put_phone
from tests.helpers import log_in as tap_in
from tests.store_files import edit_journal_audit, journal_audit, load_month, settle

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
    settle(context.store)  # a kiosk in service has checkpointed before (every 256 KB)
    head_before = context.store.audit_head()
    name, saved = damage_this_months_audit(context)
    # A short opening: the store still relocks by itself, without waiting out the shipped 5 s.
    brief = replace(context.config.hardware, unlock_seconds=0.05)
    context.config = replace(context.config, hardware=brief)

    login = log_in(context, STAFF_PIN)
    returned = return_phones(context, hardware, [phone.id], login.staff.id)

    assert login.staff.id == staff.id
    assert [p.id for p in returned] == [phone.id]
    assert context.store.find("phones", phone.id)["returned_at"]
    assert hardware.lock.wait_until_locked(60)  # the opening ends by itself (no time asserted)

    result = verify(context)
    assert result.returncode == 1
    assert name in result.stderr and "cannot be read" in result.stderr
    assert (
        f"the 3 entries kept in the journal (seq {head_before.seq + 1} to "
        f"{head_before.seq + 3}) follow on from seq {head_before.seq}, the last entry written "
        "before them, and are intact"
    ) in result.stderr

    # Put the damaged file back from a backup: the whole trail is intact again.
    context.store.audit_path("2026-11").write_bytes(saved)
    result = verify(context)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"audit trail intact: {head_before.seq + 3} entries")
    actions = [e["action"] for e in context.store.audit_entries()][-3:]
    assert actions == ["staff-login", "phone-returned", "store-opened"]
    # The next write gives the restored file the entries it lacks, and the journal moves on.
    log_in(context, STAFF_PIN)
    settle(context.store)
    in_file = load_month(context.store.audit_path("2026-11"))["audit"].values()
    assert [e["seq"] for e in in_file][-4:] == [head_before.seq + n for n in (1, 2, 3, 4)]
    assert journal_audit(context.store, "2026-11") == []
    assert verify(context).returncode == 0


def test_a_changed_entry_kept_in_the_journal_is_caught(context, staff, hardware) -> None:
    head_before = context.store.audit_head()
    damage_this_months_audit(context)
    log_in(context, STAFF_PIN)
    log_in(context, STAFF_PIN)
    seq = head_before.seq + 1
    assert seq in [e["seq"] for e in journal_audit(context.store, "2026-11")]
    edit_journal_audit(context.store, seq, "detail", "somebody else")  # CRC fixed up too

    result = verify(context)

    assert result.returncode == 1
    assert f"entry seq={seq} was changed" in result.stderr


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
