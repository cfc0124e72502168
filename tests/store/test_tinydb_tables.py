"""The record store is TinyDB, made durable (issue 22 on the project's "records live in
TinyDB"): live.json and the reference table files are TinyDB databases that TinyDB itself
opens and reads, and every read of an open record or a reference table goes through TinyDB's
Table API. The journal and the month files beneath stay ours (kiosk.store.line_files): they
are what makes a write one appended line with one flush."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB
from tinydb.table import Table

from kiosk.domain.rules import make_rules
from kiosk.domain.visitor_form import VisitorDetails
from kiosk.services.context import KioskContext, for_touchscreen
from kiosk.services.phones.phone_store import check_phone_form, store_phone
from kiosk.services.visitors.sign_in import sign_in
from kiosk.services.visitors.sign_out import sign_out_visit
from kiosk.store import RecordStore
from kiosk.store.tinydb_tables import RecordTable
from tests.policy.term_data import STAFF_ID, QuietHardware, load_roster, primary_roster
from tests.store_files import RecordIdTinyDB, settle, table_file

RULES = make_rules("Phones in the foyer only.", "tinydb")
VISITOR = VisitorDetails("visitor", "Tiny Visitor", "Tiny Ltd", "Mrs Khan", "")


@pytest.fixture
def school(context: KioskContext, tmp_path: Path) -> KioskContext:
    folder = tmp_path / "school"
    folder.mkdir()
    school = replace(context, store=RecordStore.open(folder, context.config.tz))
    load_roster(school, size=210)
    return for_touchscreen(school)


@pytest.fixture
def tinydb_reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the TinyDB tables read through TinyDB's Table (every Table read goes
    through `_read_table`)."""
    names: list[str] = []
    real = Table._read_table

    def counted(self: Table) -> Any:
        names.append(self.name)
        return real(self)

    monkeypatch.setattr(Table, "_read_table", counted)
    yield names


def test_tinydb_opens_live_json_and_a_table_file_read_only_and_finds_the_records(
    school: KioskContext,
) -> None:
    visit = sign_in(school, VISITOR, RULES)
    store = school.store
    settle(store)  # a checkpoint: live.json and the table files hold everything
    before = {path: path.read_bytes() for path in (store.live_path, table_file(store, "pupils"))}

    with RecordIdTinyDB(store.live_path, access_mode="r") as live:
        assert {"_meta", "state", "tables", "visits"} <= live.tables()
        found = live.table("visits").get(doc_id=visit.id)
        assert found is not None and found["name"] == "Tiny Visitor"
        assert found.doc_id == visit.id
        assert live.table("state").get(doc_id="audit_head") is not None

    pupil = primary_roster(size=210)[7]
    with RecordIdTinyDB(table_file(store, "pupils"), access_mode="r") as pupils:
        assert len(pupils.table("pupils")) == 210
        assert pupils.table("pupils").get(doc_id=pupil.id)["class_name"] == pupil.class_name
    # Stock TinyDB (numeric document ids) opens the file too and counts its records.
    with TinyDB(table_file(store, "pupils"), access_mode="r") as stock:
        assert len(stock.table("pupils")) == 210

    after = {path: path.read_bytes() for path in before}
    assert after == before  # read-only: TinyDB wrote nothing


def test_reads_of_open_records_and_reference_tables_go_through_tinydb(
    school: KioskContext, tinydb_reads: list[str]
) -> None:
    store = school.store
    visit = sign_in(school, VISITOR, RULES)
    assert isinstance(store._table("visits"), RecordTable)
    assert isinstance(store._table("pupils"), Table)

    tinydb_reads.clear()
    assert [v["id"] for v in store.live("visits")] == [visit.id]
    assert store.get_live("visits", visit.id)["name"] == "Tiny Visitor"
    assert store.count("pupils") == 210
    pupil = primary_roster(size=210)[3]
    assert store.get_live("pupils", pupil.id)["class_name"] == pupil.class_name
    assert {"visits", "pupils"} <= set(tinydb_reads)

    tinydb_reads.clear()
    with store.transaction() as tx:
        assert [v["id"] for v in tx.where("visits", lambda v: v["name"].startswith("Tiny"))] == [
            visit.id
        ]
        assert tx.get("pupils", pupil.id)["class_name"] == pupil.class_name
    assert {"visits", "pupils"} <= set(tinydb_reads)


def test_a_changed_record_is_read_back_from_tinydb_and_not_shared_with_the_caller(
    school: KioskContext,
) -> None:
    store = school.store
    visit = sign_in(school, VISITOR, RULES)
    handed = store.get_live("visits", visit.id)
    handed["name"] = "Changed By Caller"
    assert store.get_live("visits", visit.id)["name"] == "Tiny Visitor"
    listed = store.live("visits")[0]
    listed["name"] = "Changed Again"
    assert store.live("visits")[0]["name"] == "Tiny Visitor"
    sign_out_visit(school, visit.id, "name")
    assert store.live("visits") == []
    assert store.find("visits", visit.id)["signed_out_at"]


def test_no_touchscreen_action_changes_the_roster_table(
    school: KioskContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    # TinyDB converts a whole table at each write: fine for the small tables a tap changes,
    # never for the roster.
    changed: list[str] = []
    real = RecordTable.change

    def counted(self: RecordTable, *args: Any, **kwargs: Any) -> None:
        if args and (args[0] or (len(args) > 1 and args[1])):
            changed.append(self.name)
        real(self, *args, **kwargs)

    monkeypatch.setattr(RecordTable, "change", counted)
    pupil = primary_roster(size=210)[0]
    form = check_phone_form(
        pupil.name, pupil.class_name, "black phone", "BAG-0001", "confiscated", False,
        pupil_id=pupil.id,
    )  # fmt: skip
    visit = sign_in(school, VISITOR, RULES)
    sign_out_visit(school, visit.id, "name")
    store_phone(school, QuietHardware(), form, STAFF_ID)
    assert "visits" in changed and "phones" in changed
    assert "pupils" not in changed
