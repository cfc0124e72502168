"""Staff attendance on the store's second layout (issues 22 and 25): a member of staff on site
is an open record in live.json (a TinyDB table), a signed-out one is a line of its month's
history file, the staff list is a reference table file of its own, and signing in or out
is one journal line and one flush, like a visitor's."""

from __future__ import annotations

import json
import os

import pytest

from kiosk.domain.staff_attendance import KIND
from kiosk.services.staff_attendance.signing import Signed, sign_by_name
from tests.admin.seeding import at
from tests.helpers import STAFF_PIN
from tests.store_files import RecordIdTinyDB, load_month, settle, table_file


def test_staff_on_site_in_live_json_signed_out_in_a_month_file(context, sam) -> None:
    store = context.store
    signed = sign_by_name(context, sam, STAFF_PIN)
    assert isinstance(signed, Signed) and signed.signed_in
    record_id = store.live(KIND)[0]["id"]
    settle(store)
    with RecordIdTinyDB(store.live_path, access_mode="r") as live:
        assert live.table(KIND).get(doc_id=record_id)["name"] == "Sam Patel"
    with RecordIdTinyDB(table_file(store, "staff"), access_mode="r") as staff:
        assert staff.table("staff").get(doc_id=sam.id)["name"] == "Sam Patel"

    at(context, "2026-11-25T16:05:00")
    assert not sign_by_name(context, sam, STAFF_PIN).signed_in
    assert store.live(KIND) == []
    closed = store.find(KIND, record_id)
    assert closed is not None and closed["signed_out_at"]
    month = store.history_path(KIND, "2026-11")
    assert month.name == "staffattendance-2026-11.jsonl"
    held = load_month(month)[KIND]
    assert [r["id"] for r in held.values()] == [record_id]
    settle(store)
    assert not json.loads(store.live_path.read_text()).get(KIND)  # no longer open
    assert store.months(KIND) == ["2026-11"]
    assert store.check() == []


def test_signing_in_and_out_by_name_and_pin_is_two_flushes_each(
    context, sam, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two transactions, one journal line each: the PIN check (its match audited, as at
    # every PIN pad) and then the attendance record. The limit is 2 per action.
    sign_by_name(context, sam, STAFF_PIN)  # the folder's first writes are made
    at(context, "2026-11-25T12:00:00")
    sign_by_name(context, sam, STAFF_PIN)
    settle(context.store)
    flushes: list[int] = []
    real = getattr(os, "fdatasync", os.fsync)
    monkeypatch.setattr(os, "fdatasync", lambda fd: (flushes.append(fd), real(fd))[1])
    monkeypatch.setattr(os, "fsync", lambda fd: (flushes.append(fd), real(fd))[1])
    journal = context.store.journal_path()
    lines = len(journal.read_bytes().splitlines())
    at(context, "2026-11-25T13:00:00")
    assert sign_by_name(context, sam, STAFF_PIN).signed_in
    assert len(flushes) == 2
    at(context, "2026-11-25T16:00:00")
    assert not sign_by_name(context, sam, STAFF_PIN).signed_in
    assert len(flushes) == 4  # the month file is appended unflushed (the journal holds it)
    assert len(journal.read_bytes().splitlines()) == lines + 4
