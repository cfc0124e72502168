"""Storing and returning phones through the services, on the real hardware layer (MockFactory).

The lock pin's whole history is compared, so an extra or missing pulse fails the test.
"""

from __future__ import annotations

import pytest

from kiosk.domain.bag_label_code import bag_label_at_end
from kiosk.errors import NotFound, ValidationError
from kiosk.services.phones import store_opening
from kiosk.services.phones.phone_return import return_phones
from kiosk.services.phones.phone_store import check_phone_form, store_phone
from kiosk.services.phones.phones_waiting import find_by_label, phones_held, phones_waiting
from tests.helpers import lock_history


def details(name="Ava Thompson", bag="bag-001", parent_only=False, reason="arrival"):
    return check_phone_form(name, "Year 6", "Black iPhone, pink case", bag, reason, parent_only)


def stored(context, hardware, staff, **kwargs):
    phone = store_phone(context, hardware, details(**kwargs), staff.id)
    hardware.lock.lock()  # the pulse ends (gpiozero's thread would do this after 5 s)
    return phone


def test_store_writes_record_and_audit_then_pulses_once(context, hardware, staff):
    assert lock_history(hardware) == [False]
    phone = store_phone(context, hardware, details(), staff.id)
    assert lock_history(hardware) == [False, True]
    record = context.store.find("phones", phone.id)
    assert record["pupil_name"] == "Ava Thompson"
    assert record["bag_label"] == "BAG-001"
    assert record["stored_by"] == staff.id and record["stored_at"]
    entries = context.store.audit_entries()
    opened = [e for e in entries if e["action"] == "store-opened"]
    assert [(e["record_id"], e["actor"]) for e in opened] == [(phone.id, f"staff:{staff.id}")]
    assert "Ava" not in str(entries)  # the audit trail outlives phone records: no pupil names
    hardware.lock.lock()
    assert lock_history(hardware) == [False, True, False]


def test_the_record_is_written_before_the_lock_opens(context, hardware, staff, monkeypatch):
    seen = {}
    real_unlock = hardware.lock.unlock

    def unlock(seconds=None):
        seen["phones"] = len(context.store.live("phones"))
        seen["audit"] = [e["action"] for e in context.store.audit_entries()]
        seen["seconds"] = seconds
        real_unlock(seconds)

    monkeypatch.setattr(hardware.lock, "unlock", unlock)
    store_phone(context, hardware, details(), staff.id)
    assert seen["phones"] == 1 and "store-opened" in seen["audit"]
    assert seen["seconds"] == context.config.hardware.unlock_seconds


def test_a_failed_write_never_opens_the_lock(context, hardware, staff):
    stored(context, hardware, staff)
    with pytest.raises(ValidationError, match="already holds a phone"):
        store_phone(context, hardware, details(name="Leo Martin"), staff.id)
    assert lock_history(hardware) == [False, True, False]
    assert len(context.store.live("phones")) == 1


def test_a_lock_that_fails_is_audited(context, hardware, staff, monkeypatch):
    def broken(seconds=None):
        raise OSError("relay not answering")

    monkeypatch.setattr(hardware.lock, "unlock", broken)
    with pytest.raises(store_opening.StoreDidNotOpen):
        store_phone(context, hardware, details(), staff.id)
    actions = [e["action"] for e in context.store.audit_entries()]
    assert actions[-2:] == ["store-opened", "store-open-failed"]


@pytest.mark.parametrize(
    ("field", "args"),
    [
        ("pupil-name", ("", "5B", "Nokia", "BAG-1", "arrival", False)),
        ("class-name", ("Sam Lee", " ", "Nokia", "BAG-1", "arrival", False)),
        ("description", ("Sam Lee", "5B", "", "BAG-1", "arrival", False)),
        ("bag-label", ("Sam Lee", "5B", "Nokia", "", "arrival", False)),
        ("reason", ("Sam Lee", "5B", "Nokia", "BAG-1", "", False)),
    ],
)
def test_form_names_the_field_to_fix(field, args):
    with pytest.raises(ValidationError) as caught:
        check_phone_form(*args)
    assert caught.value.field == field


def test_scanned_label_is_recognised_at_the_end_of_typed_text():
    assert bag_label_at_end("BAG-007", "BAG") == "BAG-007"
    assert bag_label_at_end("Year 6bag-012", "BAG") == "BAG-012"
    assert bag_label_at_end("Year 6", "BAG") is None
    assert bag_label_at_end("Year 6locker-012", "LOCKER") == "LOCKER-012"
    assert bag_label_at_end("Year 6bag-012", "LOCKER") is None


def test_return_to_pupil_closes_the_record_with_one_pulse(context, hardware, staff, clock):
    phone = stored(context, hardware, staff)
    clock.advance(hours=7)
    return_phones(context, hardware, [phone.id], staff.id)
    assert lock_history(hardware) == [False, True, False, True]
    record = context.store.find("phones", phone.id)
    assert record["returned_to"] == "pupil" and record["returned_by"] == staff.id
    assert record["returned_at"] > record["stored_at"]
    assert phones_held(context) == []


def test_parent_only_phone_is_refused_without_an_adult(context, hardware, staff):
    phone = stored(context, hardware, staff, parent_only=True)
    with pytest.raises(ValidationError, match="only to a parent or carer"):
        return_phones(context, hardware, [phone.id], staff.id)
    with pytest.raises(ValidationError):
        return_phones(context, hardware, [phone.id], staff.id, adult_name="  ")
    assert lock_history(hardware) == [False, True, False]
    assert [p.id for p in phones_held(context)] == [phone.id]
    return_phones(context, hardware, [phone.id], staff.id, adult_name="Dana Thompson")
    assert context.store.find("phones", phone.id)["returned_to"] == "Dana Thompson"
    assert lock_history(hardware) == [False, True, False, True]


def test_batch_return_is_one_pulse_and_one_opening(context, hardware, staff):
    ids = [
        stored(context, hardware, staff, name=name, bag=f"BAG-00{n}").id
        for n, name in enumerate(("Ava Thompson", "Leo Martin", "Maya Patel"), start=1)
    ]
    before = lock_history(hardware)
    return_phones(context, hardware, ids, staff.id, adult_name="Sam Carer")
    assert lock_history(hardware) == [*before, True]
    opened = [e for e in context.store.audit_entries() if e["action"] == "store-opened"]
    assert opened[-1]["record_id"] == ",".join(ids)
    returned = [e for e in context.store.audit_entries() if e["action"] == "phone-returned"]
    assert sorted(e["record_id"] for e in returned) == sorted(ids)


def test_returning_a_returned_phone_opens_nothing(context, hardware, staff):
    phone = stored(context, hardware, staff)
    return_phones(context, hardware, [phone.id], staff.id)
    hardware.lock.lock()
    before = lock_history(hardware)
    with pytest.raises(NotFound):
        return_phones(context, hardware, [phone.id], staff.id)
    assert lock_history(hardware) == before


def test_find_by_label_and_waiting_after_return_time(context, hardware, staff, clock):
    phone = stored(context, hardware, staff, bag="BAG-042")
    assert find_by_label(context, " bag-042 ").id == phone.id
    assert find_by_label(context, "BAG-043") is None
    assert phones_waiting(context) == 0  # 08:45: not yet time to go home
    clock.advance(hours=6, minutes=30)  # 15:15, the configured return time
    assert phones_waiting(context) == 1
