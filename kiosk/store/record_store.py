"""Where records live on the SD card, and the only code that opens those files.

    DATA_DIR/live.json                  open records: visitors on site, phones held; staff; state
                                        (with the audit head); and the last few closed records,
                                        waiting to be archived
    DATA_DIR/history/visits-YYYY-MM.json  closed visits, by the month they signed in
    DATA_DIR/history/phones-YYYY-MM.json  returned phones, by the month they were stored
    DATA_DIR/history/staffattendance-YYYY-MM.json  staff signed out, by the month they signed in
    DATA_DIR/audit/audit-YYYY-MM.json   the hash-chained audit trail, by month
    DATA_DIR/audit/audit-YYYY-MM.side.json  the month's newer entries, while its file could not
                                        be read (see "A damaged audit file" below)
    DATA_DIR/.lock                      flock taken by every writer

A write touches the small live file and at most one month's files, so it costs the same
with five years of history as with none. docs/records.md explains the protocol; in short:

- live.json is written last in every transaction and is the commit point. What it says is
  what was acknowledged.
- A record that closes (a visitor signs out, a phone goes home) stays in live.json's `closed`
  table until ARCHIVE_BATCH of them have gathered. Then the ones already committed there
  (never the one closing now) are copied to their months' history files, and removed from
  live.json in the same transaction's final write. A crash in between leaves the same record,
  closed, in both places; never open in one and closed in the other.
- If both places hold a record anyway (a data folder written by an older kiosk), live.json's
  version is the newer acknowledged one and wins; `kiosk check` names the record.
- Audit entries go to their month file before live.json, and live.json's `audit_head` says
  which entries are committed: entries past the head were left by a write that never
  finished, describe things that did not happen, are ignored by readers and dropped by the
  next writer. So records and the audit entries describing them commit together.
- Every record is checked against its kind's schema (kiosk.domain.record_schema) when read.
  A bad one is skipped and counted (`skipped`), never handed to the caller.

Readers take no lock: every file is replaced atomically, and they read live before history
so a record moving between them is never missed.

A damaged audit file: when the month an entry belongs in has a file that cannot be read, the
entry goes to that month's side file instead, chained from live.json's head (the last entry
committed before the damage), and so does every later entry of that month, even once the
file is restored: a month's entries are its file's, then its side file's. The damaged file
is never written, so it can be restored from a backup; until then `kiosk audit verify`
checks the side file's entries from the head on (kiosk.domain.audit_chain.verify_sections).
Logging in and handing phones back never wait for a backup.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from kiosk.domain.audit_chain import (
    GENESIS_ACTION,
    GENESIS_HASH,
    Head,
    Section,
    TrailVerdict,
    committed,
    make_entry,
    verify_trail,
)
from kiosk.domain.clock import month_key, parse_iso
from kiosk.domain.record_schema import CLOSED, closable_kinds, closed_record, record_label
from kiosk.domain.record_schema import problems as schema_problems
from kiosk.errors import DataFileError, DataWriteError, KioskError, NotFound
from kiosk.store.atomic_json import (
    AtomicJSONStorage,
    fsync_dir,
    keep_owner,
    owner_of,
    read_json_file,
    remove_stale_temp_files,
    write_cause,
)
from kiosk.store.file_lock import exclusive_lock
from kiosk.store.schema import META_TABLE, file_version, meta_document

Record = dict[str, Any]

# kind -> the field that dates it (visits, phones, staff attendance): the record schema says
CLOSABLE = closable_kinds()
# CLOSED: the live.json table of closed records waiting to move to history: {kind, record}
ARCHIVE_BATCH = 40
AUDIT_HEAD_KEY = "audit_head"  # state: seq and hash of the newest audit entry
MONTH_FILE = re.compile(r"^(?P<kind>[a-z]+)-(?P<month>\d{4}-\d{2})\.json$")
SIDE_FILE = re.compile(r"^audit-(?P<month>\d{4}-\d{2})\.side\.json$")
DIR_MODE = 0o750
LIVE_KINDS = ("visits", "phones", "staff", "staffattendance")
NOTHING_COMMITTED = Head(0, GENESIS_HASH)


def _plain(doc: dict[str, Any]) -> Record:
    return dict(doc)


@dataclass(frozen=True)
class BadRecord:
    """A record that failed its schema: which file, which record, which field."""

    path: Path
    kind: str
    label: str  # "id V-123", "seq 4" or "(no id)"
    field: str
    problem: str

    def __str__(self) -> str:
        where = f"field {self.field} " if self.field else ""
        return f"data file {self.path}: {self.kind} {self.label}: {where}{self.problem}"


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
        # Records skipped because they failed their schema, found by any read so far.
        self.skipped: dict[tuple[str, str, str], BadRecord] = {}
        # Why the last write failed (disk full, read-only...); None once a write succeeds.
        self.write_failure: str | None = None

    # --- setting up -------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        data_dir: str | os.PathLike[str],
        tz: tzinfo,
        create: bool = True,
        start_trail: bool = False,
    ) -> RecordStore:
        """The store in `data_dir`; `create` makes a missing folder. With `start_trail`
        (kiosk run, demo), a folder never written to gets its genesis audit entry now."""
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
        if start_trail and not store.live_path.exists() and not store.months("audit"):
            with store.transaction() as tx:
                tx.start_trail()
        return store

    def history_path(self, kind: str, month: str) -> Path:
        return self.history_dir / f"{kind}-{month}.json"

    def audit_path(self, month: str) -> Path:
        return self.audit_dir / f"audit-{month}.json"

    def audit_side_path(self, month: str) -> Path:
        """Where a month's entries go while its audit file cannot be read (module docstring)."""
        return self.audit_dir / f"audit-{month}.side.json"

    def audit_files(self, month: str) -> list[Path]:
        """A month's audit files in the order their entries were written."""
        side = self.audit_side_path(month)
        return [self.audit_path(month), *([side] if side.exists() else [])]

    # --- writing ----------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Exclusive read-modify-write of the store; written durably when the block ends.

        If the block raises, nothing is written. A write that fails raises DataWriteError
        (one line: the file and the cause) and is remembered in `write_failure` until a
        later write succeeds.
        """
        with ExitStack() as stack:
            with self._writing():
                owner = owner_of(self.live_path)
                for folder in (self.history_dir, self.audit_dir):
                    if not folder.is_dir():
                        folder.mkdir(mode=DIR_MODE, exist_ok=True)
                        keep_owner(folder, owner)
                fresh_lock = not self.lock_path.exists()
                stack.enter_context(exclusive_lock(self.lock_path))
                if fresh_lock:
                    keep_owner(self.lock_path, owner)
                if not self._cleaned:
                    for folder in (self.data_dir, self.history_dir, self.audit_dir):
                        remove_stale_temp_files(folder)
                    self._cleaned = True
            tx = Transaction(self)
            yield tx
            with self._writing():
                tx.commit()
        self.write_failure = None

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """OSError while writing -> DataWriteError, and remember it for the health check."""
        try:
            yield
        except DataWriteError as exc:
            self.write_failure = str(exc)
            raise
        except OSError as exc:
            error = DataWriteError(exc.filename or self.data_dir, write_cause(exc))
            self.write_failure = str(error)
            raise error from None

    # --- reading without the lock -----------------------------------------------------------

    def _read(self, path: Path) -> dict[str, Any]:
        data = read_json_file(path)
        if data is None:
            return {}
        file_version(path, data)
        return data

    def valid(self, path: Path, kind: str, docs: Iterable[Any]) -> list[Record]:
        """The records that pass their kind's schema; the others are counted in `skipped`."""
        good = []
        for doc in docs:
            bad = _bad_record(path, kind, doc)
            if bad is None:
                good.append(_plain(doc))
            else:
                self.skipped.setdefault((str(path), kind, bad.label), bad)
        return good

    def _closed_in(self, data: dict[str, Any], kind: str) -> list[Record]:
        items = self.valid(self.live_path, CLOSED, data.get(CLOSED, {}).values())
        records = (record for k, record in map(closed_record, items) if k == kind)
        return self.valid(self.live_path, kind, records)

    def live(self, kind: str) -> list[Record]:
        """Open records of a kind: visitors on site, phones in the store."""
        return self.valid(self.live_path, kind, self._read(self.live_path).get(kind, {}).values())

    def _live_and_closed(self, kind: str) -> list[Record]:
        data = self._read(self.live_path)
        return [
            *self.valid(self.live_path, kind, data.get(kind, {}).values()),
            *self._closed_in(data, kind),
        ]

    def months(self, kind: str) -> list[str]:
        """Months that have a file for this kind (a closable kind, or 'audit'), oldest first."""
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
        path = self.history_path(kind, month)
        return self.valid(path, kind, self._read(path).get(kind, {}).values())

    def records(
        self, kind: str, first_month: str | None = None, last_month: str | None = None
    ) -> list[Record]:
        """Open and closed records of a kind whose opening month is in the range, oldest first."""

        def wanted(month: str) -> bool:
            return (first_month is None or month >= first_month) and (
                last_month is None or month <= last_month
            )

        # Read live first (see the module docstring), but let its version win: live.json is
        # written last, so it holds the newest acknowledged version of a record.
        from_live = {
            r["id"]: r for r in self._live_and_closed(kind) if wanted(self._month_of(kind, r))
        }
        by_id: dict[str, Record] = {}
        for month in self.months(kind):
            if wanted(month):
                for record in self.history(kind, month):
                    by_id[record["id"]] = record
        by_id.update(from_live)
        # By the moment, not the text: on the October clock change 01:30+01:00 comes first.
        return sorted(by_id.values(), key=lambda r: (parse_iso(r[CLOSABLE[kind]]), r["id"]))

    def _month_of(self, kind: str, record: Record) -> str:
        return month_key(record[CLOSABLE[kind]], self.tz)

    def audit_head(self) -> Head | None:
        """live.json's head; NOTHING_COMMITTED before live.json was first written (any entry
        on disk then was left by a first transaction that never finished)."""
        if not self.live_path.exists():
            return NOTHING_COMMITTED
        return Head.from_state(self.state(AUDIT_HEAD_KEY))

    def raw_audit(self) -> tuple[Head | None, list[Record]]:
        """The head, then every entry in the month files as stored (unchecked), oldest first.
        A file that cannot be read raises DataFileError."""
        head = self.audit_head()  # head first: entries read after it are never older
        entries: list[Record] = []
        for month in self.months("audit"):
            for path in self.audit_files(month):
                entries.extend(_plain(d) for d in self._read(path).get("audit", {}).values())
        return head, entries

    def raw_audit_sections(self) -> tuple[Head | None, list[Section]]:
        """As `raw_audit`, file by file: a file that cannot be read is a section saying why,
        and the files after it are still read (for `kiosk audit verify`)."""
        head = self.audit_head()
        sections = []
        for month in self.months("audit"):
            main, *side = self.audit_files(month)
            for path in (main, *side):
                side_of = str(main) if path != main else ""
                try:
                    data = self._read(path).get("audit", {})
                except DataFileError as exc:
                    sections.append(Section(str(path), [], exc.problem, side_of))
                    continue
                sections.append(
                    Section(str(path), [_plain(d) for d in data.values()], None, side_of)
                )
        return head, sections

    def audit_month(self, month: str) -> list[Record]:
        """A month's audit entries that pass their schema (committed or not), in file order."""
        entries: list[Record] = []
        for path in self.audit_files(month):
            entries.extend(self.valid(path, "audit", self._read(path).get("audit", {}).values()))
        return entries

    def audit_entries(self) -> list[Record]:
        """The committed audit entries (up to the head) that pass their schema, oldest first."""
        head = self.audit_head()
        entries: list[Record] = []
        for month in self.months("audit"):
            entries.extend(self.audit_month(month))
        return committed(entries, head)[0]

    def verify_audit(self) -> TrailVerdict:
        """The audit check shared by `kiosk audit verify` and `kiosk check`."""
        head, entries = self.raw_audit()
        return verify_trail(entries, head)

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
        """A state value; `default` when absent or when it fails its check (then counted)."""
        for doc in self._read(self.live_path).get("state", {}).values():
            if isinstance(doc, dict) and doc.get("key") == key:
                good = self.valid(self.live_path, "state", [doc])
                return good[0]["value"] if good else default
        return default

    # --- health -----------------------------------------------------------------------------

    def data_files(self) -> list[Path]:
        files = [self.live_path] if self.live_path.exists() else []
        for folder in (self.history_dir, self.audit_dir):
            if folder.is_dir():
                files.extend(
                    sorted(
                        p
                        for p in folder.iterdir()
                        if MONTH_FILE.match(p.name) or SIDE_FILE.match(p.name)
                    )
                )
        return files

    def check(self, verify_audit: bool = True) -> list[str]:
        """One line per problem found in the data folder; empty when healthy. Writes nothing."""
        if not self.data_dir.is_dir():
            return [f"data folder {self.data_dir} does not exist"]
        problems: list[str] = []
        unreadable = False
        for path in self.data_files():
            try:
                data = self._read(path)
            except DataFileError as exc:
                problems.append(str(exc))
                unreadable = True
                continue
            problems.extend(self._check_file(path, data))
        if not unreadable:
            problems.extend(self._check_both_places())
        if verify_audit and not unreadable:
            verdict = self.verify_audit()
            if verdict.problem:
                problems.append(f"audit trail: {verdict.problem}")
        return problems

    def _check_file(self, path: Path, data: dict[str, Any]) -> list[str]:
        problems: list[str] = []
        seen: set[str] = set()
        for table, docs in data.items():
            if table == META_TABLE:
                continue
            if not isinstance(docs, dict):
                problems.append(f"data file {path}: {table} is not a table of records")
                continue
            for doc in docs.values():
                kind = table
                if table == CLOSED:
                    bad = _bad_record(path, CLOSED, doc)
                    if bad is not None:
                        problems.append(str(bad))
                        continue
                    kind, doc = closed_record(doc)
                key = "seq" if table == "audit" else "id"
                ident = str(doc.get(key, "")) if isinstance(doc, dict) else ""
                if table != "state":  # state entries go by key, and are checked as below
                    if not ident:
                        problems.append(f"data file {path}: a {table} record has no {key}")
                    elif ident in seen:
                        problems.append(f"data file {path}: {table} {key} {ident} appears twice")
                    seen.add(ident)
                bad = _bad_record(path, kind, doc)
                if bad is not None:
                    problems.append(str(bad))
        return problems

    def _check_both_places(self) -> list[str]:
        """Records whose live.json and history versions differ: live.json's counts."""
        problems = []
        for kind in CLOSABLE:
            live = {r["id"]: r for r in self._live_and_closed(kind)}
            for month in self.months(kind):
                for record in self.history(kind, month):
                    mine = live.get(record["id"])
                    if mine is None or mine == record:
                        continue
                    still_open = mine in self.live(kind)
                    how = "open in live.json but closed" if still_open else "different"
                    problems.append(
                        f"{kind} id {record['id']} is {how} in "
                        f"{self.history_path(kind, month)} (left by a crash in an older kiosk); "
                        "live.json's version counts and replaces it when the record is archived"
                    )
        return problems


class Transaction:
    """Everything done inside one `RecordStore.transaction()` block."""

    def __init__(self, store: RecordStore) -> None:
        self.store = store
        self._fresh = not store.live_path.exists()
        self._live = _open_db(store.live_path, "live")
        self._month_dbs: dict[Path, TinyDB] = {}
        self._last_audit: Head | None = None
        self._audit_month = ""
        self._audit_loaded = False
        self._side_months: set[str] = set()  # months whose entries go to the side file
        self._doomed: list[Path] = []
        self._closed_here: set[tuple[str, str]] = set()

    # --- open records -----------------------------------------------------------------------

    def all(self, kind: str) -> list[Record]:
        """The open records of a kind that pass their schema (bad ones stay, untouched)."""
        return self.store.valid(self.store.live_path, kind, self._live.table(kind).all())

    def where(self, kind: str, predicate: Callable[[Record], bool]) -> list[Record]:
        return [r for r in self.all(kind) if predicate(r)]

    def get(self, kind: str, record_id: str) -> Record | None:
        doc = self._live.table(kind).get(Query().id == record_id)
        if not isinstance(doc, dict):
            return None
        good = self.store.valid(self.store.live_path, kind, [doc])
        return good[0] if good else None

    def require(self, kind: str, record_id: str) -> Record:
        record = self.get(kind, record_id)
        if record is None:
            raise NotFound(f"no {kind[:-1]} with id {record_id}")
        return record

    def insert(self, kind: str, record: Record) -> Record:
        if "id" not in record:
            raise ValueError("records need an id")
        self._must_be_valid(kind, record)
        self._live.table(kind).insert(record)
        return dict(record)

    def update(self, kind: str, record_id: str, changes: Record) -> Record:
        record = self.require(kind, record_id)
        record.update(changes)
        self._must_be_valid(kind, record)
        self._live.table(kind).update(changes, Query().id == record_id)
        return record

    @staticmethod
    def _must_be_valid(kind: str, record: Record) -> None:
        # A record written now that readers would skip later would be lost: refuse it now.
        found = schema_problems(kind, record)
        if found:
            field, problem = found[0]
            raise ValueError(f"{kind} record {record.get('id')!r}: field {field} {problem}")

    def remove(self, kind: str, record_id: str) -> None:
        self._live.table(kind).remove(Query().id == record_id)

    def close(self, kind: str, record_id: str, changes: Record) -> Record:
        """Apply the final changes; the record leaves the open list and will go to history."""
        record = self.require(kind, record_id)
        record.update(changes)
        self._must_be_valid(kind, record)
        self.remove(kind, record_id)
        closed = self._live.table(CLOSED)
        closed.insert({"kind": kind, "record": record})
        self._closed_here.add((kind, record_id))
        if len(closed) >= ARCHIVE_BATCH:
            self.archive()
        return record

    def archive(self) -> int:
        """Move closed records to their months' history files; how many moved.

        Only records whose closing is already on disk in live.json move: never one closed in
        this transaction, which would otherwise reach history (written first) while a crash
        leaves it open in live.json. A history copy of a record is replaced, never kept over
        the newer one (a data folder from an older kiosk can hold an older version there).
        """
        closed = self._live.table(CLOSED)
        by_file: dict[tuple[str, Path], list[Record]] = {}
        moving: list[int] = []
        for item in closed.all():
            kind, record = str(item.get("kind", "")), item.get("record")
            if kind not in CLOSABLE or (kind, str(_get_id(record))) in self._closed_here:
                continue
            if not self.store.valid(self.store.live_path, kind, [record]):
                continue  # a bad record stays where `kiosk check` names it
            month = month_key(record[CLOSABLE[kind]], self.store.tz)
            by_file.setdefault((kind, self.store.history_path(kind, month)), []).append(record)
            moving.append(item.doc_id)
        for (kind, path), records in by_file.items():
            table = self._month_db(path, kind).table(kind)
            ids = {r["id"] for r in records}
            table.remove(Query().id.one_of(ids))
            table.insert_multiple(records)
        closed.remove(doc_ids=moving)
        return len(moving)

    def _month_db(self, path: Path, kind: str) -> TinyDB:
        if path not in self._month_dbs:
            self._month_dbs[path] = _open_db(path, kind)
        return self._month_dbs[path]

    # --- small settings and counters (PIN lockout, ...) -------------------------------------

    def get_state(self, key: str, default: Any = None) -> Any:
        """As `RecordStore.state`: a value that fails its check reads as `default` (and is
        replaced by the next `set_state` of its key: a counter must keep counting)."""
        doc = self._live.table("state").get(Query().key == key)
        if not isinstance(doc, dict) or not self.store.valid(self.store.live_path, "state", [doc]):
            return default
        return doc.get("value", default)

    def set_state(self, key: str, value: Any) -> None:
        self._live.table("state").upsert({"key": key, "value": value}, Query().key == key)

    # --- audit trail ------------------------------------------------------------------------

    def audit(
        self, at: str, actor: str, action: str, record_id: str = "", detail: str = ""
    ) -> Record:
        """Append a hash-chained entry, written with this transaction.

        The entry reaches its month file before live.json, but counts only once live.json's
        head names it (the commit point; see the module docstring).
        """
        if not self._audit_loaded:
            self._last_audit, self._audit_month = self._find_last_audit()
            self._audit_loaded = True
        last = self._last_audit
        prev = {"seq": last.seq, "hash": last.hash} if last and last.seq > 0 else None
        entry = make_entry(prev, at, actor, action, record_id, detail)
        # The chain's head is always in the newest file: if the clock was set back, the entry
        # joins that file rather than an older month's.
        month = max(month_key(at, self.store.tz), self._audit_month)
        self._audit_month = month
        if month in self._side_months or self.store.audit_side_path(month).exists():
            path = self.store.audit_side_path(month)
        else:
            path = self.store.audit_path(month)
        self._month_db(path, "audit").table("audit").insert(entry)
        self._last_audit = Head(entry["seq"], entry["hash"])
        self.set_state(AUDIT_HEAD_KEY, {"seq": entry["seq"], "hash": entry["hash"]})
        return entry

    def start_trail(self, at: str | None = None) -> Record | None:
        """The genesis entry of a new data folder: the trail's fixed start. None if it has one."""
        if Head.from_state(self.get_state(AUDIT_HEAD_KEY)) or self.store.months("audit"):
            return None
        moment = at or datetime.now(self.store.tz).isoformat(timespec="seconds")
        return self.audit(moment, "kiosk", GENESIS_ACTION, "", "data folder created")

    def _find_last_audit(self) -> tuple[Head | None, str]:
        """The entry to chain from, and its month.

        Entries past the head were left by a transaction that never committed: they are
        removed here, so the new entry takes their place in the chain.
        """
        head = Head.from_state(self.get_state(AUDIT_HEAD_KEY))
        if self._fresh:
            head = NOTHING_COMMITTED  # entries on disk are a first write that never finished
        newest_month = ""
        for month in reversed(self.store.months("audit")):
            try:
                tables = [
                    self._month_db(path, "audit").table("audit")
                    for path in reversed(self.store.audit_files(month))
                ]
            except DataFileError:
                if head is None or newest_month:
                    raise  # a trail without a head, or an older month: nothing to chain from
                # The month's file cannot be read: its entries go to the side file from now
                # on, chained from the head (module docstring). The file is left as it is.
                self._side_months.add(month)
                side = self._month_db(self.store.audit_side_path(month), "audit").table("audit")
                self._drop_uncommitted(side, head)
                return head, month
            newest_month = newest_month or month
            for table in tables:  # the side file first: it holds the month's newest entries
                entries = table.all()
                if head is None:  # a trail from before heads were kept: its newest entry
                    seqs = [e for e in entries if isinstance(e.get("seq"), int)]
                    if seqs:
                        last = max(seqs, key=lambda e: e["seq"])
                        return Head(last["seq"], str(last.get("hash", ""))), month
                    continue
                self._drop_uncommitted(table, head)
                if any(e.get("seq") == head.seq for e in entries):
                    return head, month
        # The head's entry is gone (damaged or cut): still chain from the head, so the gap
        # shows in `kiosk audit verify` instead of being papered over.
        return head, newest_month

    @staticmethod
    def _drop_uncommitted(table: Any, head: Head) -> None:
        """Entries past the head were left by a transaction that never committed."""
        entries = table.all()
        if any(_after(e, head) for e in entries):
            table.remove(doc_ids=[e.doc_id for e in entries if _after(e, head)])

    # --- retention -------------------------------------------------------------------------

    def delete_month(self, kind: str, month: str) -> None:
        """Delete a whole month's history or audit file (and its .bak) when the block commits.

        Deletion comes after everything else is written, so an audit entry made in the same
        transaction (saying what was purged) is on the card before the data goes.
        """
        if kind == "audit":
            paths = [self.store.audit_path(month), self.store.audit_side_path(month)]
        else:
            paths = [self.store.history_path(kind, month)]
        for path in paths:
            opened = self._month_dbs.get(path)
            if opened is not None and opened.storage.dirty:
                raise ValueError(f"{path.name} was written in this transaction; cannot delete it")
            self._doomed.append(path)

    # --- commit -----------------------------------------------------------------------------

    def commit(self) -> None:
        # History and audit before live: live.json is the commit point. A crash in between
        # leaves copies of records already closed in live.json (the same record, read once)
        # and audit entries past the head (ignored), never a change nobody acknowledged.
        for db in self._month_dbs.values():
            db.storage.flush()
        self._live.storage.flush()
        for path in self._doomed:
            for victim in (path, path.with_name(path.name + ".bak")):
                victim.unlink(missing_ok=True)
        if self._doomed:
            fsync_dir(self._doomed[0].parent)


def _bad_record(path: Path, kind: str, doc: Any) -> BadRecord | None:
    found = schema_problems(kind, doc)
    if not found:
        return None
    field, problem = found[0]
    return BadRecord(path, kind, record_label(kind, doc), field, problem)


def _after(entry: dict[str, Any], head: Head) -> bool:
    return isinstance(entry.get("seq"), int) and entry["seq"] > head.seq


def _get_id(record: Any) -> Any:
    return record.get("id") if isinstance(record, dict) else None
