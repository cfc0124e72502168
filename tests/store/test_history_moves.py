"""Closed records gather in live.json and move to their month's history file in batches."""

from __future__ import annotations

from kiosk.domain.clock import FakeClock
from kiosk.services.context import KioskContext
from kiosk.store.record_store import ARCHIVE_BATCH


def add_visit(context: KioskContext, record_id: str, signed_in_at: str) -> None:
    with context.store.transaction() as tx:
        tx.insert("visits", {"id": record_id, "name": "A B", "signed_in_at": signed_in_at})


def close_visit(context: KioskContext, record_id: str) -> None:
    with context.store.transaction() as tx:
        tx.close("visits", record_id, {"signed_out_at": context.now_iso()})


def test_a_closed_record_is_off_site_at_once_and_archived_by_month(
    context: KioskContext, clock: FakeClock
) -> None:
    add_visit(context, "V-OCT", "2026-10-30T09:00:00+00:00")
    add_visit(context, "V-NOV", "2026-11-25T09:00:00+00:00")
    close_visit(context, "V-OCT")
    assert [v["id"] for v in context.store.live("visits")] == ["V-NOV"]
    assert context.store.find("visits", "V-OCT")["signed_out_at"] == "2026-11-25T08:45:00+00:00"
    assert context.store.months("visits") == []

    for n in range(ARCHIVE_BATCH - 1):
        add_visit(context, f"V-{n:03}", "2026-11-25T09:00:00+00:00")
        close_visit(context, f"V-{n:03}")

    assert context.store.months("visits") == ["2026-10", "2026-11"]
    assert [v["id"] for v in context.store.history("visits", "2026-10")] == ["V-OCT"]
    # The record closed by the batch's last transaction waits for the next batch: only
    # closings already committed to live.json move (see test_archive_crash.py).
    assert len(context.store.history("visits", "2026-11")) == ARCHIVE_BATCH - 2
    assert [v["id"] for v in context.store.history("visits", "2026-11")][-1] == f"V-{37:03}"
    assert {v["id"] for v in context.store.records("visits")} == (
        {"V-OCT", "V-NOV"} | {f"V-{n:03}" for n in range(ARCHIVE_BATCH - 1)}
    )


def test_archiving_twice_after_a_crash_makes_no_twins(context: KioskContext) -> None:
    add_visit(context, "V-1", "2026-11-25T09:00:00+00:00")
    close_visit(context, "V-1")
    live_before_archive = context.store.live_path.read_bytes()
    with context.store.transaction() as tx:
        assert tx.archive() == 1
    # As if the kiosk died after writing history but before live.json lost the record.
    context.store.live_path.write_bytes(live_before_archive)
    assert [r["id"] for r in context.store.records("visits")] == ["V-1"]
    with context.store.transaction() as tx:
        tx.archive()
    assert [r["id"] for r in context.store.history("visits", "2026-11")] == ["V-1"]
    assert context.store.check() == []


def test_records_come_in_time_order_across_the_october_clock_change(
    context: KioskContext,
) -> None:
    # 01:30 BST happens an hour before 01:30 GMT on 2026-10-25, though it sorts after as text.
    add_visit(context, "V-GMT", "2026-10-25T01:30:00+00:00")
    add_visit(context, "V-BST", "2026-10-25T01:30:00+01:00")
    assert [r["id"] for r in context.store.records("visits")] == ["V-BST", "V-GMT"]
