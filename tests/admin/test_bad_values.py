"""Issue 9.3: a record with a bad value is named by `kiosk check`, skipped and counted by every
reader, and never takes down the roll call, the exports or staff logins."""

from __future__ import annotations

import pytest

from kiosk.services.context import KioskContext
from kiosk.services.staff.staff_accounts import add_staff
from kiosk.services.staff.staff_login import check_pin
from tests.admin.seeding import at, phone, visit
from tests.conftest import MORNING
from tests.store_files import spoil

PUPIL = "Alex Brown"


@pytest.fixture
def spoiled(context: KioskContext) -> tuple[KioskContext, dict[str, str]]:
    bad_visit = visit(context, "2026-11-25T08:30", name="Yan Bad")
    good_visit = visit(context, "2026-11-25T08:35", name="Zoë Lane")
    bad_phone = phone(context, "2026-11-25T08:40", pupil=PUPIL)
    good_phone = phone(context, "2026-11-25T08:41", pupil="Ben Good", bag_label="BAG-08")
    at(context, MORNING)
    # Change one value in otherwise valid JSON, as a bad edit or a bug would.
    spoil(context.store, "visits", bad_visit["id"], "signed_in_at", "yesterday")
    spoil(context.store, "phones", bad_phone["id"], "stored_at", "garbage")
    ids = {"bad_visit": bad_visit["id"], "good_visit": good_visit["id"],
           "bad_phone": bad_phone["id"], "good_phone": good_phone["id"]}  # fmt: skip
    return context, ids


def test_check_names_file_id_and_field(spoiled, admin) -> None:
    context, ids = spoiled
    result = admin("check")
    assert result.returncode == 1
    live = context.store.live_path
    assert (
        f"problem: data file {live}: visits id {ids['bad_visit']}: "
        "field signed_in_at is not a date and time"
    ) in result.stdout.splitlines()
    assert (
        f"problem: data file {live}: phones id {ids['bad_phone']}: "
        "field stored_at is not a date and time"
    ) in result.stdout.splitlines()
    assert PUPIL not in result.stdout  # names the record, not what is in it


@pytest.mark.parametrize(
    "command",
    [
        ("onsite",),
        ("phones",),
        ("phones", "--all"),
        ("export", "visits"),
        ("export", "phones"),
        ("close-day", "--now"),
        ("purge", "--dry-run"),
    ],
)
def test_readers_skip_and_count_bad_records(spoiled, admin, command) -> None:
    _, ids = spoiled
    # That evening: close-day refuses a clock days past the last time the kiosk was in use.
    result = admin(*command, env={"KIOSK_FAKE_NOW": "2026-11-25T18:30:00"})
    assert result.returncode == 0, result.stderr
    assert "unexpected error" not in result.stderr and "Traceback" not in result.stderr
    assert "skipped 1 damaged record(s)" in result.stderr or (
        "skipped 2 damaged record(s)" in result.stderr
    )
    assert ids["bad_visit"] not in result.stdout and ids["bad_phone"] not in result.stdout
    if command[0] == "onsite":
        assert "Zoë Lane" in result.stdout  # the fire roll call still works


def test_ssh_export_keeps_working(spoiled, run_cli) -> None:
    context, _ = spoiled
    env = {"KIOSK_DATA_DIR": str(context.store.data_dir), "SSH_CLIENT": "192.0.2.7 1 22",
           "SSH_ORIGINAL_COMMAND": "onsite"}  # fmt: skip
    result = run_cli("ssh-export", env=env)
    assert result.returncode == 0, result.stderr
    assert "Zoë Lane" in result.stdout and "skipped 1 damaged record(s)" in result.stderr


def test_services_never_crash_on_a_bad_record(spoiled) -> None:
    from kiosk.services.admin.close_day import close_day
    from kiosk.services.fire.roll_call import roll_call
    from kiosk.services.phones.phones_waiting import phones_held

    context, ids = spoiled
    assert [p.visit_id for p in roll_call(context)] == [ids["good_visit"]]
    assert [p.id for p in phones_held(context)] == [ids["good_phone"]]
    close_day(context, include_today=True)
    assert roll_call(context) == []
    assert len(context.store.skipped) == 2


def test_a_staff_pin_hash_that_is_not_text_stops_only_that_login(context: KioskContext) -> None:
    good = add_staff(context, "Mrs Good", "482913")
    bad = add_staff(context, "Mr Broken", "735102")
    spoil(context.store, "staff", bad.id, "pin_hash", 12345)

    assert check_pin(context, "482913").id == good.id
    problems = context.store.check()
    assert any(f"staff id {bad.id}: field pin_hash is not text" in p for p in problems)


def test_a_written_record_must_pass_its_schema(context: KioskContext) -> None:
    with pytest.raises(ValueError, match="signed_in_at"), context.store.transaction() as tx:
        tx.insert("visits", {"id": "V-X", "name": "A B", "signed_in_at": "soon"})
    assert context.store.records("visits") == []


def test_a_sign_out_is_never_before_the_sign_in(context: KioskContext) -> None:
    """Issue 9.4: a clock stepped back clamps the sign-out to the sign-in."""
    from kiosk.services.visitors.sign_out import sign_out_visit

    record = visit(context, "2026-11-25T10:00")
    at(context, "2026-11-25T09:00")  # the clock jumped back an hour
    closed = sign_out_visit(context, record["id"], "name")
    assert closed.signed_out_at == record["signed_in_at"]
