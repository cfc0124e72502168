"""Where records live on the SD card, and the only code that opens those files.

    DATA_DIR/live.json                  open records: visitors on site, phones held; staff; state;
                                        and the last few closed records, waiting to be archived
    DATA_DIR/history/visits-YYYY-MM.json  closed visits, by the month they signed in
    DATA_DIR/history/phones-YYYY-MM.json  returned phones, by the month they were stored
    DATA_DIR/audit/audit-YYYY-MM.json   the hash-chained audit trail, by month
    DATA_DIR/.lock                      flock taken by every writer

A write touches the small live file and at most one month's files, so it costs the same
with five years of history as with none. A record that closes (a visitor signs out, a phone
goes home) stays in live.json's `closed` table until ARCHIVE_BATCH of them have gathered;
then they all move to their months' history files in one transaction: history written first,
removed from live second. A record found in both is the same record, read once. Batching
means a sign-out rewrites the small live file only, not a month of history, which is most
of the difference in cost and in SD-card wear. Readers take no lock: every file is replaced
atomically, and they read live before history so a record moving between them is never missed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import tzinfo
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from kiosk.domain.audit_chain import first_broken_entry, make_entry
from kiosk.domain.clock import month_key, parse_iso
from kiosk.errors import DataFileError, KioskError, NotFound
from kiosk.store.atomic_json import (
    AtomicJSONStorage,
    fsync_dir,
    read_json_file,
    remove_stale_temp_files,
)
from kiosk.store.file_lock import exclusive_lock
from kiosk.store.schema import META_TABLE, file_version, meta_document

Record = dict[str, Any]

CLOSABLE = {"visits": "signed_in_at", "phones": "stored_at"}  # kind -> field that dates it
CLOSED = "closed"  # live.json table of closed records waiting to move to history: {kind, record}
ARCHIVE_BATCH = 40
AUDIT_HEAD_KEY = "audit_head"  # state: seq and hash of the newest audit entry
MONTH_FILE = re.compile(r"^(?P<kind>[a-z]+)-(?P<month>\d{4}-\d{2})\.json$")
DIR_MODE = 0o750


def _plain(doc: dict[str, Any]) -> Record:
    return dict(doc)


def _open_db(path: Path, kind: str) -> TinyDB:
    db = TinyDB(path, storage=AtomicJSONStorage)
    data = db.storage.read()
    if data is None:
        db.table(META_TABLE).insert(meta_document(kind))
    else:
        file_version(path, data)
    return db


class RecordStore:
    def __init__(self, data_dir: str | os.PathLike[str], tz: tzinfo) -> None:
        self.data_dir = Path(data_dir)
        self.tz = tz
        self.live_path = self.data_dir / "live.json"
        self.history_dir = self.data_dir / "history"
        self.audit_dir = self.data_dir / "audit"
        self.lock_path = self.data_dir / ".lock"
        self._cleaned = False

    # --- setting up -------------------------------------------------------------------------

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str], tz: tzinfo, create: bool = True) -> RecordStore:
        store = cls(data_dir, tz)
        if not store.data_dir.is_dir():
            if not create:
                raise KioskError(f"data folder {store.data_dir} does not exist")
            try:
                store.data_dir.mkdir(mode=DIR_MODE, parents=True)
            except OSError as exc:
                raise KioskError(
                    f"cannot create data folder {store.data_dir}: {exc.strerror}"
                ) from None
        return store

    def history_path(self, kind: str, month: str) -> Path:
        return self.history_dir / f"{kind}-{month}.json"

    def audit_path(self, month: str) -> Path:
        return self.audit_dir / f"audit-{month}.json"

    # --- writing ----------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Exclusive read-modify-write of the store; written durably when the block ends.

        If the block raises, nothing is written.
        """
        for folder in (self.history_dir, self.audit_dir):
            folder.mkdir(mode=DIR_MODE, exist_ok=True)
        with exclusive_lock(self.lock_path):
            if not self._cleaned:
                for folder in (self.data_dir, self.history_dir, self.audit_dir):
                    remove_stale_temp_files(folder)
                self._cleaned = True
            tx = Transaction(self)
            yield tx
            tx.commit()

    # --- reading without the lock -----------------------------------------------------------

    def _read(self, path: Path) -> dict[str, Any]:
        data = read_json_file(path)
        if data is None:
            return {}
        file_version(path, data)
        return data

    def live(self, kind: str) -> list[Record]:
        """Open records of a kind: visitors on site, phones in the store."""
        return [_plain(d) for d in self._read(self.live_path).get(kind, {}).values()]

    def _live_and_closed(self, kind: str) -> list[Record]:
        data = self._read(self.live_path)
        closed = [d["record"] for d in data.get(CLOSED, {}).values() if d.get("kind") == kind]
        return [*(_plain(d) for d in data.get(kind, {}).values()), *closed]

    def months(self, kind: str) -> list[str]:
        """Months that have a file for this kind ('visits', 'phones' or 'audit'), oldest first."""
        folder = self.audit_dir if kind == "audit" else self.history_dir
        if not folder.is_dir():
            return []
        found = []
        for path in folder.iterdir():
            match = MONTH_FILE.match(path.name)
            if match and match["kind"] == kind:
                found.append(match["month"])
        return sorted(found)

    def history(self, kind: str, month: str) -> list[Record]:
        return [
            _plain(d) for d in self._read(self.history_path(kind, month)).get(kind, {}).values()
        ]

    def records(
        self, kind: str, first_month: str | None = None, last_month: str | None = None
    ) -> list[Record]:
        """Open and closed records of a kind whose opening month is in the range, oldest first."""
        by_id: dict[str, Record] = {}
        for record in self._live_and_closed(kind):  # live first: see the module docstring
            month = month_key(record[CLOSABLE[kind]], self.tz)
            if (first_month is None or month >= first_month) and (
                last_month is None or month <= last_month
            ):
                by_id[record["id"]] = record
        for month in self.months(kind):
            if (first_month is None or month >= first_month) and (
                last_month is None or month <= last_month
            ):
                for record in self.history(kind, month):
                    by_id[record["id"]] = record
        # By the moment, not the text: on the October clock change 01:30+01:00 comes first.
        return sorted(by_id.values(), key=lambda r: (parse_iso(r[CLOSABLE[kind]]), r["id"]))

    def audit_entries(self) -> list[Record]:
        entries: list[Record] = []
        for month in self.months("audit"):
            data = self._read(self.audit_path(month)).get("audit", {})
            entries.extend(_plain(d) for d in data.values())
        return entries

    def find(self, kind: str, record_id: str) -> Record | None:
        """A record by id, open or closed."""
        for record in self._live_and_closed(kind):
            if record["id"] == record_id:
                return record
        for month in reversed(self.months(kind)):
            for record in self.history(kind, month):
                if record["id"] == record_id:
                    return record
        return None

    def state(self, key: str, default: Any = None) -> Any:
        for doc in self._read(self.live_path).get("state", {}).values():
            if doc.get("key") == key:
                return doc.get("value")
        return default

    # --- health -----------------------------------------------------------------------------

    def data_files(self) -> list[Path]:
        files = [self.live_path] if self.live_path.exists() else []
        for folder in (self.history_dir, self.audit_dir):
            if folder.is_dir():
                files.extend(sorted(p for p in folder.iterdir() if MONTH_FILE.match(p.name)))
        return files

    def check(self, verify_audit: bool = True) -> list[str]:
        """One line per problem found in the data folder; empty when healthy. Writes nothing."""
        if not self.data_dir.is_dir():
            return [f"data folder {self.data_dir} does not exist"]
        problems: list[str] = []
        for path in self.data_files():
            try:
                data = self._read(path)
            except DataFileError as exc:
                problems.append(str(exc))
                continue
            seen: set[str] = set()
            for table, docs in data.items():
                if table in (META_TABLE, "state"):
                    continue
                for doc in docs.values():
                    if table == CLOSED:
                        doc = doc.get("record") or {}
                    key = "seq" if table == "audit" else "id"
                    ident = str(doc.get(key, ""))
                    if not ident:
                        problems.append(f"data file {path}: a {table} record has no {key}")
                    elif ident in seen:
                        problems.append(f"data file {path}: {table} {key} {ident} appears twice")
                    seen.add(ident)
        if verify_audit and not problems:
            broken = first_broken_entry(self.audit_entries())
            if broken:
                problems.append(f"audit trail: {broken}")
        return problems


class Transaction:
    """Everything done inside one `RecordStore.transaction()` block."""

    def __init__(self, store: RecordStore) -> None:
        self.store = store
        self._live = _open_db(store.live_path, "live")
        self._month_dbs: dict[Path, TinyDB] = {}
        self._last_audit: Record | None = None
        self._audit_month = ""
        self._audit_loaded = False
        self._doomed: list[Path] = []

    # --- open records -----------------------------------------------------------------------

    def all(self, kind: str) -> list[Record]:
        return [_plain(d) for d in self._live.table(kind).all()]

    def where(self, kind: str, predicate: Callable[[Record], bool]) -> list[Record]:
        return [r for r in self.all(kind) if predicate(r)]

    def get(self, kind: str, record_id: str) -> Record | None:
        doc = self._live.table(kind).get(Query().id == record_id)
        return _plain(doc) if isinstance(doc, dict) else None

    def require(self, kind: str, record_id: str) -> Record:
        record = self.get(kind, record_id)
        if record is None:
            raise NotFound(f"no {kind[:-1]} with id {record_id}")
        return record

    def insert(self, kind: str, record: Record) -> Record:
        if "id" not in record:
            raise ValueError("records need an id")
        self._live.table(kind).insert(record)
        return dict(record)

    def update(self, kind: str, record_id: str, changes: Record) -> Record:
        record = self.require(kind, record_id)
        self._live.table(kind).update(changes, Query().id == record_id)
        record.update(changes)
        return record

    def remove(self, kind: str, record_id: str) -> None:
        self._live.table(kind).remove(Query().id == record_id)

    def close(self, kind: str, record_id: str, changes: Record) -> Record:
        """Apply the final changes; the record leaves the open list and will go to history."""
        record = self.require(kind, record_id)
        record.update(changes)
        self.remove(kind, record_id)
        closed = self._live.table(CLOSED)
        closed.insert({"kind": kind, "record": record})
        if len(closed) >= ARCHIVE_BATCH:
            self.archive()
        return record

    def archive(self) -> int:
        """Move every closed record to its month's history file; how many moved."""
        closed = self._live.table(CLOSED)
        waiting = closed.all()
        by_file: dict[tuple[str, Path], list[Record]] = {}
        for item in waiting:
            kind, record = item["kind"], item["record"]
            month = month_key(record[CLOSABLE[kind]], self.store.tz)
            by_file.setdefault((kind, self.store.history_path(kind, month)), []).append(record)
        for (kind, path), records in by_file.items():
            table = self._month_db(path, kind).table(kind)
            # A crash after the history write but before live's leaves records in both
            # places; archiving them again must not make twins.
            present = {doc["id"] for doc in table.all()}
            table.insert_multiple(r for r in records if r["id"] not in present)
        closed.truncate()
        return len(waiting)

    def _month_db(self, path: Path, kind: str) -> TinyDB:
        if path not in self._month_dbs:
            self._month_dbs[path] = _open_db(path, kind)
        return self._month_dbs[path]

    # --- small settings and counters (PIN lockout, ...) -------------------------------------

    def get_state(self, key: str, default: Any = None) -> Any:
        doc = self._live.table("state").get(Query().key == key)
        return doc.get("value", default) if isinstance(doc, dict) else default

    def set_state(self, key: str, value: Any) -> None:
        self._live.table("state").upsert({"key": key, "value": value}, Query().key == key)

    # --- audit trail ------------------------------------------------------------------------

    def audit(
        self, at: str, actor: str, action: str, record_id: str = "", detail: str = ""
    ) -> Record:
        """Append a hash-chained entry, written with this transaction."""
        if not self._audit_loaded:
            self._last_audit, self._audit_month = self._find_last_audit()
            self._audit_loaded = True
        entry = make_entry(self._last_audit, at, actor, action, record_id, detail)
        # The chain's head is always in the newest file: if the clock was set back, the entry
        # joins that file rather than an older month's.
        month = max(month_key(at, self.store.tz), self._audit_month)
        self._audit_month = month
        self._month_db(self.store.audit_path(month), "audit").table("audit").insert(entry)
        self._last_audit = entry
        # The head, kept in live.json too, lets `kiosk audit verify` notice entries cut off
        # the end of the trail, which the chain alone cannot show.
        self.set_state(AUDIT_HEAD_KEY, {"seq": entry["seq"], "hash": entry["hash"]})
        return entry

    def _find_last_audit(self) -> tuple[Record | None, str]:
        for month in reversed(self.store.months("audit")):
            entries = self._month_db(self.store.audit_path(month), "audit").table("audit").all()
            if entries:
                return _plain(max(entries, key=lambda e: e["seq"])), month
        return None, ""

    # --- retention -------------------------------------------------------------------------

    def delete_month(self, kind: str, month: str) -> None:
        """Delete a whole month's history or audit file (and its .bak) when the block commits.

        Deletion comes after everything else is written, so an audit entry made in the same
        transaction (saying what was purged) is on the card before the data goes.
        """
        if kind == "audit":
            path = self.store.audit_path(month)
        else:
            path = self.store.history_path(kind, month)
        opened = self._month_dbs.get(path)
        if opened is not None and opened.storage.dirty:
            raise ValueError(f"{path.name} was written in this transaction; cannot delete it")
        self._doomed.append(path)

    # --- commit -----------------------------------------------------------------------------

    def commit(self) -> None:
        # History and audit before live: a crash in between leaves a closed record in both
        # places (the same record, read once) rather than in neither.
        for db in self._month_dbs.values():
            db.storage.flush()
        self._live.storage.flush()
        for path in self._doomed:
            for victim in (path, path.with_name(path.name + ".bak")):
                victim.unlink(missing_ok=True)
        if self._doomed:
            fsync_dir(self._doomed[0].parent)
