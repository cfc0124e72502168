"""A reader that looks at a new data folder just as its first write lands: it found no
live.json, and by the time it looked for records written without one, the writer had written
live.json and its first records. That is a folder being started, not a lost live.json: the
reader reads again instead of failing (`kiosk onsite` beside a kiosk's first start, and the
concurrency test under load, met this)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kiosk.errors import DataFileError
from kiosk.store import RecordStore, record_store

TZ = ZoneInfo("Europe/London")
VISIT = {"id": "V-1", "name": "Sam Kirk", "signed_in_at": "2026-11-25T09:00:00+00:00"}


def first_read_before_live_json(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader's first look at live.json happens before the writer made it."""
    real = record_store.read_json_and_stamp
    calls = {"n": 0}

    def read(path: Path) -> tuple[Any, Any]:
        calls["n"] += 1
        return (None, None) if calls["n"] == 1 else real(path)

    monkeypatch.setattr(record_store, "read_json_and_stamp", read)


def test_a_reader_that_missed_live_json_by_a_moment_reads_again(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = RecordStore(data_dir, TZ)
    with writer.transaction() as tx:
        tx.insert("visits", dict(VISIT))
    first_read_before_live_json(monkeypatch)
    assert [r["id"] for r in RecordStore(data_dir, TZ).live("visits")] == ["V-1"]


def test_a_live_json_really_gone_is_still_named(data_dir: Path) -> None:
    writer = RecordStore(data_dir, TZ)
    with writer.transaction() as tx:
        tx.insert("visits", dict(VISIT))
    (data_dir / "live.json").unlink()
    with pytest.raises(DataFileError, match="is missing"):
        RecordStore(data_dir, TZ).live("visits")
