"""A closed record goes to its month's history file as it closes (one line appended), and is
found there by every reader; a month file missing lines the journal committed is made good."""

from __future__ import annotations

from dataclasses import replace

from kiosk.services.context import KioskContext
from kiosk.store import RecordStore


def add_visit(context: KioskContext, record_id: str, signed_in_at: str) -> None:
    with context.store.transaction() as tx:
        tx.insert("visits", {"id": record_id, "name": "A B", "signed_in_at": signed_in_at})


def close_visit(context: KioskContext, record_id: str) -> None:
    with context.store.transaction() as tx:
        tx.close("visits", record_id, {"signed_out_at": context.now_iso()})


def test_a_closed_record_is_off_site_at_once_and_in_its_month_file(
    context: KioskContext,
) -> None:
    add_visit(context, "V-OCT", "2026-10-30T09:00:00+00:00")
    add_visit(context, "V-NOV", "2026-11-25T09:00:00+00:00")
    close_visit(context, "V-OCT")
    assert [v["id"] for v in context.store.live("visits")] == ["V-NOV"]
    assert context.store.find("visits", "V-OCT")["signed_out_at"] == "2026-11-25T08:45:00+00:00"
    assert context.store.months("visits") == ["2026-10"]
    assert [v["id"] for v in context.store.history("visits", "2026-10")] == ["V-OCT"]
    lines = context.store.history_path("visits", "2026-10").read_text().splitlines()
    assert len(lines) == 2 and '"_meta"' in lines[0] and '"V-OCT"' in lines[1]
    assert {v["id"] for v in context.store.records("visits")} == {"V-OCT", "V-NOV"}


def test_a_month_file_that_lost_its_last_lines_is_made_good_once(context: KioskContext) -> None:
    add_visit(context, "V-1", "2026-11-25T09:00:00+00:00")
    path = context.store.history_path("visits", "2026-11")
    close_visit(context, "V-1")
    full = path.read_bytes()
    # As if the power went before the appended line reached the card (the journal has it).
    path.write_bytes(full[: full.index(b"\n") + 1] + b'{"tx":3,"rec')
    assert [r["id"] for r in context.store.records("visits")] == ["V-1"]
    problems = context.store.check()
    assert len(problems) == 1 and str(path) in problems[0] and "restores it" in problems[0]
    # The kiosk starts again after the power cut: its first write makes the file good.
    context = replace(context, store=RecordStore(context.store.data_dir, context.config.tz))
    add_visit(context, "V-2", "2026-11-25T10:00:00+00:00")
    assert path.read_bytes() == full
    close_visit(context, "V-2")
    assert [r["id"] for r in context.store.history("visits", "2026-11")] == ["V-1", "V-2"]
    assert context.store.check() == []


def test_records_come_in_time_order_across_the_october_clock_change(
    context: KioskContext,
) -> None:
    # 01:30 BST happens an hour before 01:30 GMT on 2026-10-25, though it sorts after as text.
    add_visit(context, "V-GMT", "2026-10-25T01:30:00+00:00")
    add_visit(context, "V-BST", "2026-10-25T01:30:00+01:00")
    assert [r["id"] for r in context.store.records("visits")] == ["V-BST", "V-GMT"]
