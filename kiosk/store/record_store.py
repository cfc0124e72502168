"""Where records live on the SD card, and the only code that opens those files: TinyDB,
made durable (the tables are TinyDB tables, kiosk.store.tinydb_tables; live.json and the
table files are TinyDB databases).

    DATA_DIR/live.json                    the checkpoint: open records (visitors on site,
                                          phones held), state (with the audit head), and
                                          which file holds each reference table
    DATA_DIR/journal/journal-G.jsonl      every transaction since live.json, one line each:
                                          the commit point
    DATA_DIR/tables/KIND-N.json           reference tables: staff, regulars, pupils, contacts,
                                          letters
    DATA_DIR/history/KIND-YYYY-MM.jsonl   closed records (visits, phones, staff attendance,
                                          pupils' attendance: the closable kinds), appended,
                                          by month
    DATA_DIR/audit/audit-YYYY-MM.jsonl    the hash-chained audit trail, appended, by month
    DATA_DIR/.lock                        flock taken by every writer

docs/records.md has the map and the protocol; in short: a transaction is one journal line,
written with one flush (the commit point); its closed records and audit entries are then
appended to their month files (unflushed: the journal holds them until the next checkpoint,
and the next writer restores any a crash lost); now and then a checkpoint rewrites live.json
and starts a new journal. What a touchscreen action writes does not grow with the roster,
the cards, the staff list or the history.

Readers take no lock: they read live.json, the table files it names and the journal (a
cut-short last line is no transaction), and the month files, which only grow. A process keeps
what it has read and reads only what grew.

Every record is checked against its kind's schema (kiosk.domain.record_schema) when read. A
bad one is skipped and counted (`skipped`), never handed to the caller, and kept in its file;
so is a state value that fails its check, and a journal item that cannot be placed.

A damaged month file (the current month's audit file, say) stops nothing: it is never
written, its lines stay in the journal (which is not rotated until the file is readable
again), readers and `kiosk audit verify` (`raw_audit_sections`) take them from there, and
`level_failure` names the file for the health check. A restored file gets the lines it lacks
at the next write.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

import kiosk.store.line_files as line_files
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
from kiosk.domain.record_schema import STATE, record_label
from kiosk.domain.record_schema import problems as schema_problems
from kiosk.errors import DataFileError, DataWriteError, KioskError, NotFound
from kiosk.store.atomic_json import (
    DIR_MODE,
    Stamp,
    fsync_dir,
    keep_owner,
    make_folder,
    owner_of,
    read_json_and_stamp,
    remove_stale_temp_files,
    stamp_of,
    write_cause,
)
from kiosk.store.file_lock import COMMAND_WAIT, exclusive_lock
from kiosk.store.live_view import (
    AUDIT_HEAD_KEY,
    CLOSABLE,
    MONTH_FILE,
    REFERENCE_KINDS,
    STATE_TABLE,
    BadItem,
    LiveView,
    Problems,
    journal_header,
    journal_name,
    keyed,
    table_file_name,
    view_from_live,
)
from kiosk.store.month_files import MonthFiles, bring_level
from kiosk.store.schema import FIRST_LAYOUT, META_TABLE, file_version, meta_document
from kiosk.store.tinydb_tables import AtomicJSONStorage, HeldStorage, RecordTable

Record = dict[str, Any]

NOTHING_COMMITTED = Head(0, GENESIS_HASH)
JOURNAL_LIMIT = 256 * 1024  # a checkpoint starts a new journal past this size
READ_TRIES = 8  # a reader that finds a named file gone (a checkpoint in between) starts again
FOLDERS = ("journal", "tables", "history", "audit")


_ABSENT = object()


def _plain(doc: dict[str, Any]) -> Record:
    """A plain dict (TinyDB hands out Documents, already copies)."""
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


class FirstLayout(KioskError):
    """The folder is in the first layout: `kiosk migrate` (or starting the kiosk) converts it."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            f"data folder {data_dir} uses the first layout (kiosks before this version); "
            "run 'kiosk migrate' (or start the kiosk, which converts it) and try again"
        )


class RecordStore:
    def __init__(self, data_dir: str | os.PathLike[str], tz: tzinfo, kiosk_id: str = "") -> None:
        self.data_dir = Path(data_dir)
        self.tz = tz
        self.kiosk_id = kiosk_id
        self.live_path = self.data_dir / "live.json"
        self.journal_dir = self.data_dir / "journal"
        self.tables_dir = self.data_dir / "tables"
        self.history_dir = self.data_dir / "history"
        self.audit_dir = self.data_dir / "audit"
        self.lock_path = self.data_dir / ".lock"
        # How long a write waits for another writer: the kiosk sets KIOSK_WAIT.
        self.lock_wait = COMMAND_WAIT
        # The touchscreen leaves reference-table rewrites to the next checkpoint; a command
        # that changes one rewrites it before it returns (it pays for its own change).
        self.rewrite_own_references = True
        # A command checkpoints when its write takes the journal past JOURNAL_LIMIT; the
        # touchscreen never does it inside a tap (each tap: one flush), but from its
        # once-a-second heartbeat, on a worker thread (`checkpoint_due`).
        self.checkpoint_inline = True
        self._cleaned = False
        self._view: LiveView | None = None
        self._months = MonthFiles()
        # The last reference table file read: name -> (records by id, stamp, bad records)
        self._table_files: dict[str, tuple[dict[str, Record], Stamp | None, Problems]] = {}
        self._mutex = threading.RLock()
        self._level_tx = -1  # month files are known to hold every line up to this tx
        # Month files that could not be brought level (damaged): path -> why. The journal
        # keeps their lines (and is not rotated) until each is readable again.
        self._unlevel: dict[Path, str] = {}
        # Records skipped because they failed their schema, found by any read so far.
        self.skipped: dict[tuple[str, str, str], BadRecord] = {}
        # Why the last write failed (disk full, read-only...); None once a write succeeds.
        self.write_failure: str | None = None
        # A month file that could not be brought level with the journal (damaged): named by
        # the health check; the journal keeps its lines meanwhile.
        self.level_failure: str | None = None

    # --- setting up -------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        data_dir: str | os.PathLike[str],
        tz: tzinfo,
        create: bool = True,
        start_trail: bool = False,
        convert: bool = False,
        kiosk_id: str = "",
    ) -> RecordStore:
        """The store in `data_dir`; `create` makes a missing folder. With `start_trail`
        (kiosk run, demo), a folder never written to gets its genesis audit entry now. A
        folder in the first layout is converted with `convert`, else refused."""
        store = cls(data_dir, tz, kiosk_id)
        if not store.data_dir.is_dir():
            if not create:
                raise KioskError(f"data folder {store.data_dir} does not exist")
            try:
                store.data_dir.mkdir(mode=DIR_MODE, parents=True)
            except OSError as exc:
                raise KioskError(
                    f"cannot create data folder {store.data_dir}: {exc.strerror}"
                ) from None
        if store.layout() == FIRST_LAYOUT:
            if not convert:
                raise FirstLayout(store.data_dir)
            from kiosk.store.conversion import convert_folder

            convert_folder(store)
        if start_trail and not store.live_path.exists() and not store.months("audit"):
            with store.transaction() as tx:
                tx.start_trail()
        return store

    def layout(self) -> int:
        """0 for a folder never written to, 1 for the first layout, 2 for this one."""
        data, _ = read_json_and_stamp(self.live_path)
        if data is None:
            return 0
        return file_version(self.live_path, data)

    def history_path(self, kind: str, month: str) -> Path:
        return self.history_dir / f"{kind}-{month}.jsonl"

    def audit_path(self, month: str) -> Path:
        return self.audit_dir / f"audit-{month}.jsonl"

    def journal_path(self) -> Path | None:
        return self._current().journal_path

    # --- the view: live.json and the journal, kept between calls ----------------------------

    def _current(self) -> LiveView:
        with self._mutex:
            view = self._view
            if (
                view is not None
                and stamp_of(self.live_path) == view.stamp
                and (view.journal_path is None or self._journal_grew(view))
                and not self._next_journal_started(view)
            ):
                return view
            self._view = self._read_view()
            return self._view

    def _next_journal_started(self, view: LiveView) -> bool:
        """A checkpoint stopped between starting the next journal and writing live.json (a
        kill, a full card): live.json is unchanged, but other writers now write there."""
        return (self.journal_dir / journal_name(view.generation + 1)).exists()

    def _journal_grew(self, view: LiveView) -> bool:
        """Apply the journal's new lines; False if the view must be read again."""
        assert view.journal_path is not None
        try:
            info = os.stat(view.journal_path)
        except FileNotFoundError:
            return False
        if info.st_ino != view.journal_inode:
            return False
        if info.st_size == view.journal_size:
            return True
        return view.read_journal(view.journal_end)

    def _read_view(self) -> LiveView:
        for _ in range(READ_TRIES):
            data, stamp = read_json_and_stamp(self.live_path)
            if data is None:
                if self._records_without_live():
                    if self.live_path.exists():
                        # A new folder's first write made live.json between our two looks:
                        # read again rather than call it lost.
                        continue
                    # Records were written here: never start afresh over them.
                    raise DataFileError(self.live_path, "is missing (the journal is there)")
                return LiveView.empty(self.live_path)
            if file_version(self.live_path, data) == FIRST_LAYOUT:
                raise FirstLayout(self.data_dir)
            view = view_from_live(self.live_path, data, stamp)
            if view.read_journal(0) and self._read_later_journals(view):
                return view
            if stamp_of(self.live_path) == stamp:
                assert view.journal_path is not None
                raise DataFileError(
                    view.journal_path,
                    "is missing (live.json names it)",
                    "restore the data folder from a backup (docs/backup-restore.md)",
                )
        raise DataFileError(self.live_path, "kept changing while it was read")

    def _records_without_live(self) -> bool:
        """A folder whose live.json is gone but that holds committed records. (A first write
        killed before its live.json leaves only an empty journal: that is a new folder.)"""
        header = len(journal_header(1))
        journals = self.journal_dir.glob("journal-*.jsonl") if self.journal_dir.is_dir() else []
        if any(path.stat().st_size > header for path in journals):
            return True
        return any(
            folder.is_dir() and any(MONTH_FILE.match(name) for name in os.listdir(folder))
            for folder in (self.history_dir, self.audit_dir)
        )

    def _read_later_journals(self, view: LiveView) -> bool:
        """Journals after the one live.json names: none, unless a checkpoint is being made
        (a new, empty journal) or live.json was restored from its .bak (the previous
        checkpoint), when they hold everything committed since. False if one vanished."""
        while True:
            later = self.journal_dir / journal_name(view.generation + 1)
            if not later.exists():
                return True
            view.generation += 1
            view.journal_path = later
            if not view.read_journal(0):
                return False

    def _load_table(self, kind: str, name: str) -> tuple[dict[str, Record], Stamp | None, Problems]:
        """A reference table file (a TinyDB database, read through AtomicJSONStorage): its
        records by id, its stamp, and those that fail their schema."""
        cached = self._table_files.get(name)
        path = self.data_dir / name
        if cached is None or cached[1] != stamp_of(path):
            storage = AtomicJSONStorage(path)
            data = storage.read()
            if data is None:
                raise DataFileError(
                    path,
                    "is missing (live.json names it)",
                    "restore the data folder from a backup (docs/backup-restore.md)",
                )
            file_version(path, data)
            checked = RecordTable(HeldStorage(data), kind)
            checked.load(keyed(data.get(kind, {})))
            cached = (checked.documents(), storage.stamp, checked.bad)
            self._table_files = {name: cached}  # written once: keep the newest only
        return cached

    def _table(self, kind: str) -> RecordTable:
        """A kind's table in the current view (read with retries: a checkpoint may delete a
        table file between reading live.json and reading the file)."""
        for _ in range(READ_TRIES):
            view = self._current()
            try:
                with self._mutex:
                    loaded = view.tables.get(kind)
                    # A table file is written once, but may be restored or edited by hand
                    # while the kiosk runs: then it is read again.
                    if loaded is not None and loaded.stamp not in (None, stamp_of(loaded.path)):
                        view.reload(kind)
                    return view.table(kind, self._load_table)
            except DataFileError:
                if stamp_of(self.live_path) == view.stamp:
                    raise
                continue
        raise DataFileError(self.live_path, "kept changing while it was read")

    # --- writing ----------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Exclusive read-modify-write of the store; committed durably when the block ends.

        If the block raises, nothing is written. A write that fails raises DataWriteError
        (one line: the file and the cause) and is remembered in `write_failure` until a
        later write succeeds. Waiting longer than `lock_wait` for another writer raises
        StoreBusy (nothing was saved; try again).
        """
        with ExitStack() as stack, self._mutex:
            with self._writing():
                owner = self._make_folders()
                fresh_lock = not self.lock_path.exists()
                stack.enter_context(exclusive_lock(self.lock_path, self.lock_wait))
                if fresh_lock:
                    keep_owner(self.lock_path, owner)
                if not self._cleaned:
                    for folder in (self.data_dir, *(self.data_dir / f for f in FOLDERS)):
                        remove_stale_temp_files(folder)
                    from kiosk.store.conversion import finish_conversion

                    finish_conversion(self)  # a conversion killed after its switch
                    self._cleaned = True
                view = self._current()
                self._catch_up(view)
            tx = Transaction(self, view)
            yield tx
            with self._writing():
                tx.commit()
        self.write_failure = tx.late_failure

    def _make_folders(self) -> tuple[int, int]:
        """The layout's folders, with the owner live.json has (the kiosk user's, when root
        writes); returns that owner."""
        owner = owner_of(self.live_path)
        for folder in (self.journal_dir, self.tables_dir, self.history_dir, self.audit_dir):
            make_folder(folder, owner)
        return owner

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

    def _catch_up(self, view: LiveView) -> None:
        """Holding the lock: cut a torn journal tail, and bring the month files level with
        what the journal committed (a writer killed after its commit, or a power cut)."""
        if view.journal_path is not None and view.journal_size != view.journal_end:
            view.journal_size = line_files.append(view.journal_path, b"", at=view.journal_end)
        behind: list[dict[str, Any]] = []
        for line in reversed(view.lines):  # the newest first: usually none is behind
            if line.get("tx", 0) <= self._level_tx:
                break
            behind.append(line)
        behind.reverse()
        if any(not self._months.still_damaged(path) for path in self._unlevel):
            behind = view.lines  # a damaged month file was restored: it gets its lines now
        if behind:
            self._bring_level(view, behind)

    def _bring_level(self, view: LiveView, lines: list[dict[str, Any]]) -> bool:
        """Append the lines' closed records and audit entries to their month files. A damaged
        month file is left as it is: the journal keeps its lines (readers see them there), the
        health check names the file, and the transaction itself stands. False if one was."""
        planned, failed = bring_level(
            self._months, lines, self.history_path, self.audit_path, self._kiosk(view)
        )
        for path in planned:
            if path in failed:
                self._unlevel[path] = str(failed[path])
            else:
                self._unlevel.pop(path, None)
        self.level_failure = "; ".join(self._unlevel.values()) or None
        self._level_tx = max(self._level_tx, view.last_tx)
        return not failed

    def _kiosk(self, view: LiveView) -> str:
        return self.kiosk_id or view.kiosk

    def _start_folder(self, view: LiveView) -> LiveView:
        """The first write to a new folder: journal 1 and a live.json naming it."""
        journal = self.journal_dir / journal_name(1)
        line_files.create_empty(journal, journal_header(1))
        fsync_dir(self.journal_dir)
        fresh = LiveView(self.live_path, journal, None, generation=1, kiosk=self.kiosk_id)
        self._write_live(fresh)
        fresh.read_journal(0)
        return fresh

    def _write_live(self, view: LiveView) -> None:
        """live.json: the view's TinyDB database (the open records' tables and the state),
        with the meta table and the reference tables' files, through AtomicJSONStorage."""
        data: dict[str, Any] = {
            META_TABLE: {
                "1": meta_document(
                    "live", generation=view.generation, tx=view.last_tx, kiosk=self._kiosk(view)
                )
            },
            STATE_TABLE: view.state.documents(),
            "tables": {k: {"file": n, "tx": t} for k, (n, t) in sorted(view.table_files.items())},
        }
        for kind, table in view.tables.items():
            if kind not in REFERENCE_KINDS:
                data[kind] = table.documents()
        storage = AtomicJSONStorage(self.live_path, keep_backup=True)
        storage.write(data)
        view.stamp = storage.stamp
        view.base_tx = view.state_tx = view.last_tx
        for kind, table in view.tables.items():
            if kind not in REFERENCE_KINDS:
                table.tx = view.last_tx

    def _write_tables(self, view: LiveView, kinds: Iterable[str]) -> None:
        for kind in kinds:
            table = view.table(kind, self._load_table)
            name = table_file_name(kind, view.last_tx)
            meta = {"1": meta_document(kind, tx=view.last_tx, kiosk=self._kiosk(view))}
            storage = AtomicJSONStorage(self.data_dir / name)
            storage.write({META_TABLE: meta, kind: table.documents()})  # a TinyDB database
            view.table_files[kind] = (name, view.last_tx)
            table.tx = view.last_tx
            table.path = storage.path
            table.stamp = storage.stamp

    def _checkpoint(self, view: LiveView, rotate: bool, kinds: Iterable[str] = ()) -> None:
        """Write changed reference tables and live.json; with `rotate`, start a new journal
        (only once every month file holds what the old one committed)."""
        kinds = set(kinds)
        old_journal = view.journal_path
        if rotate:
            # The journal is the only copy of lines a damaged month file lacks, and of items
            # that cannot be placed: it is kept until they can be.
            if not self._bring_level(view, view.lines) or view.unplaceable:
                rotate = False
            kinds |= set(view.stale_references())
        self._write_tables(view, sorted(kinds))
        if rotate:
            targets = _month_targets(view, self.history_path, self.audit_path)
            for path in targets:
                line_files.flush_file(path)
            for folder in {p.parent for p in targets} | {self.tables_dir}:
                fsync_dir(folder)
            generation = view.generation + 1
            journal = self.journal_dir / journal_name(generation)
            line_files.create_empty(journal, journal_header(generation))
            fsync_dir(self.journal_dir)
            view.generation, view.journal_path = generation, journal
            view.lines, view.audited, view.closed = [], [], {}
            view.pending, view.reference_tx = {}, {}
        elif kinds:
            fsync_dir(self.tables_dir)
        self._write_live(view)
        if rotate:
            view.journal_end = view.journal_size = len(journal_header(view.generation))
            view.journal_inode = os.stat(view.journal_path).st_ino  # type: ignore[arg-type]
            # The journal before the old one goes; the old one stays with live.json.bak, so
            # that restoring the .bak loses nothing (it and this journal are read after it).
            for path in self.journal_dir.glob("journal-*.jsonl"):
                if path != old_journal and path != view.journal_path:
                    path.unlink(missing_ok=True)
        self._remove_old_tables(view)

    def _remove_old_tables(self, view: LiveView) -> None:
        """Table files two versions old: the previous one stays as the last good copy."""
        if not self.tables_dir.is_dir():
            return
        for kind in REFERENCE_KINDS:
            files = sorted(self.tables_dir.glob(f"{kind}-*.json"))
            current = view.table_files.get(kind, ("", 0))[0]
            keep = {current}
            older = [p for p in files if f"tables/{p.name}" < current]
            if older:
                keep.add(f"tables/{older[-1].name}")
            for path in files:
                if f"tables/{path.name}" not in keep:
                    path.unlink(missing_ok=True)

    def forget_removed(self) -> None:
        """After retention removed records from a reference table: two checkpoints, so that
        neither the journals nor the table files kept for recovery (docs/records.md) still
        hold them."""
        self.checkpoint()
        self.checkpoint()
        with self.transaction():  # the lock, and a view that names the current table files
            current = {name for name, _ in self._current().table_files.values()}
            for path in self.tables_dir.glob("*.json"):
                if f"tables/{path.name}" not in current:
                    path.unlink(missing_ok=True)
            fsync_dir(self.tables_dir)

    def checkpoint_due(self) -> bool:
        """The journal has passed JOURNAL_LIMIT (or a reference table changed at the
        touchscreen waits for its file): time for `checkpoint`."""
        view = self._current()
        if self._unlevel or view.unplaceable:
            return False  # the journal cannot be rotated: the next write tries again
        return view.journal_size > JOURNAL_LIMIT

    def checkpoint(self) -> None:
        """Write live.json and every changed table now, and start a new journal (tests,
        `kiosk migrate` and the admin commands that rewrite much)."""
        with self.transaction() as tx:
            tx.force_checkpoint()

    # --- reading without the lock -----------------------------------------------------------

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

    def _good(self, table: RecordTable) -> list[Record]:
        """The table's records that pass their schema, read through TinyDB (the others are
        counted in `skipped`)."""
        self._note_bad_keys(table, table.bad)
        return [_plain(r) for r in table.good()]

    def _note_bad_keys(self, table: RecordTable, keys: Iterable[str]) -> None:
        held = table.documents()
        for key in keys:
            field, problem = table.bad[key]
            label = record_label(table.kind, held.get(key))
            bad = BadRecord(table.path, table.kind, label, field, problem)
            self.skipped.setdefault((str(table.path), table.kind, label), bad)

    def live(self, kind: str) -> list[Record]:
        """Open records of a kind (visitors on site, phones in the store), or a reference
        table's records (staff, regulars, pupils, letters); for "state", each state value as
        {"key", "value"} (the shape its check reads; values that fail it are counted in
        `skipped`, not handed out)."""
        if kind == STATE_TABLE:
            view = self._current()
            with self._mutex:
                held = [(doc.doc_id, doc.get("value")) for doc in view.state.all()]
            found: list[Record] = []
            for key, value in held:
                where = view.state_from.get(key, self.live_path)
                found.extend(self.valid(where, STATE, [{"key": key, "value": value}]))
            return found
        with self._mutex:
            return self._good(self._table(kind))

    def get_live(self, kind: str, record_id: str) -> Record | None:
        """One open or reference record by id, without copying the whole table."""
        with self._mutex:
            table = self._table(kind)
            if record_id in table.bad:
                self._note_bad_keys(table, [record_id])
                return None
            record = table.get(doc_id=record_id)
            return _plain(record) if record is not None else None

    def count(self, kind: str) -> int:
        """How many records a kind's table holds (good or not), without copying them."""
        with self._mutex:
            return len(self._table(kind))

    def table_version(self, kind: str) -> tuple[int, int]:
        """Changes when the kind's records may have changed: for caches (the pupil index)."""
        with self._mutex:
            view = self._current()
            return view.generation, view.reference_tx.get(
                kind, view.table_files.get(kind, ("", 0))[1]
            )

    def last_tx(self) -> int:
        """The newest committed transaction's number: unchanged means nothing was written."""
        return self._current().last_tx

    def months(self, kind: str) -> list[str]:
        """Months that have records for this kind (a closable kind, or 'audit'), oldest
        first: a month file, or closed records or entries still only in the journal."""
        folder = self.audit_dir if kind == "audit" else self.history_dir
        found: set[str] = set()
        if folder.is_dir():
            for name in os.listdir(folder):
                match = MONTH_FILE.match(name)
                if match and match["kind"] == kind:
                    found.add(match["month"])
        view = self._current()
        self._note_unplaceable(view)
        if kind == "audit":
            found.update(a.month for a in view.audited)
        else:
            found.update(c.month for c in view.closed_in(kind))
        return sorted(found)

    def _note_unplaceable(self, view: LiveView) -> None:
        """Journal items that cannot be placed (a closed record of no known kind...): every
        reader of closed records and audit entries counts them as skipped."""
        for item in view.unplaceable:
            self._note_item(item)

    def _note_item(self, item: BadItem) -> None:
        label = record_label(item.kind, item.doc)
        bad = BadRecord(item.path, item.kind, label, item.field, item.problem)
        self.skipped.setdefault((str(item.path), item.kind, f"{label} {item.field}"), bad)

    def history(self, kind: str, month: str) -> list[Record]:
        view = self._current()
        path = self.history_path(kind, month)
        with self._mutex:
            month_file = self._months.read(path, kind)
        records: dict[str, Record] = {}
        if month_file is not None:
            self._note_bad(month_file.path, kind, month_file.bad)
            records = {r["id"]: r for r in month_file.items}
        for closed in view.closed_in(kind):
            if closed.month == month and closed.record.get("id") not in records:
                good = self.valid(view.journal_path or self.live_path, kind, [closed.record])
                if good:
                    records[good[0]["id"]] = good[0]
        return [_plain(r) for r in records.values()]

    def _note_bad(self, path: Path, kind: str, bad: list[tuple[Record, tuple[str, str]]]) -> None:
        for record, (field, problem) in bad:
            label = record_label(kind, record)
            self.skipped.setdefault(
                (str(path), kind, label), BadRecord(path, kind, label, field, problem)
            )

    def records(
        self, kind: str, first_month: str | None = None, last_month: str | None = None
    ) -> list[Record]:
        """Open and closed records of a kind whose opening month is in the range, oldest first."""

        # Open records first: a record closed since is then found closed in history (a
        # closed record is final, so the closed version wins).
        open_now = [
            r
            for r in self.live(kind)
            if _in_range(self._month_of(kind, r), first_month, last_month)
        ]
        by_id: dict[str, Record] = {}
        for month in self.months(kind):
            if _in_range(month, first_month, last_month):
                for record in self.history(kind, month):
                    by_id[record["id"]] = record
        for record in open_now:
            by_id.setdefault(record["id"], record)
        # By the moment, not the text: on the October clock change 01:30+01:00 comes first.
        return sorted(by_id.values(), key=lambda r: (parse_iso(r[CLOSABLE[kind]]), r["id"]))

    def each(
        self, kind: str, first_month: str | None = None, last_month: str | None = None
    ) -> Iterator[Record]:
        """Like `records`, in no particular order and without copies: for counting and
        filtering (the phone rule's count runs at every phone stored). Read-only: a caller
        must not change what it yields."""

        view = self._current()
        files = []
        for month in self.months(kind):
            if not _in_range(month, first_month, last_month):
                continue
            with self._mutex:
                month_file = self._months.read(self.history_path(kind, month), kind)
            if month_file is not None:
                self._note_bad(month_file.path, kind, month_file.bad)
                files.append(month_file)

        def in_files(record_id: Any) -> bool:
            return any(record_id in f._ids for f in files)

        for month_file in files:
            yield from month_file.items  # ids are unique in a month file (kiosk check)
        for closed in view.closed_in(kind):
            record_id = closed.record.get("id")
            fresh = _in_range(closed.month, first_month, last_month) and not in_files(record_id)
            if fresh and self.valid(self.live_path, kind, [closed.record]):
                yield closed.record
        with self._mutex:
            table = self._table(kind)
            self._good(table)
            open_now = table.good()
        for record in open_now:
            month = self._month_of(kind, record)
            if _in_range(month, first_month, last_month) and not in_files(record["id"]):
                yield record

    def _month_of(self, kind: str, record: Record) -> str:
        return month_key(record[CLOSABLE[kind]], self.tz)

    def audit_head(self) -> Head | None:
        """The head kept in the state; NOTHING_COMMITTED before anything was written."""
        view = self._current()
        if view.journal_path is None:
            return NOTHING_COMMITTED
        return Head.from_state(self._state_value(view, AUDIT_HEAD_KEY, None))

    def audit_month(self, month: str) -> list[Record]:
        """A month's audit entries that pass their schema (committed or not), in file order,
        then those still only in the journal. A file that cannot be read raises."""
        return self.valid(self.audit_path(month), "audit", self._audit_month_as_stored(month))

    def _audit_month_as_stored(self, month: str) -> list[Record]:
        """One month's audit entries as stored (unchecked), with those still only in the
        journal."""
        view = self._current()
        with self._mutex:
            month_file = self._months.read(self.audit_path(month), "audit")
        # In the file's order (a reordered file must show as one), then any entries the
        # journal holds that the file does not have yet.
        entries: list[Record] = []
        if month_file is not None:
            entries = list(month_file.every)
        seqs = {e.get("seq") for e in entries}
        for audited in view.audited:
            if audited.month == month and audited.entry.get("seq") not in seqs:
                entries.append(audited.entry)
        return [_plain(e) for e in entries]

    def raw_audit(self) -> tuple[Head | None, list[Record]]:
        """The head, then every entry in the month files as stored (unchecked), oldest first."""
        head = self.audit_head()  # head first: entries read after it are never older
        entries: list[Record] = []
        for month in self.months("audit"):
            entries.extend(self._audit_month_as_stored(month))
        return head, entries

    def raw_audit_sections(self) -> tuple[Head | None, list[Section]]:
        """As `raw_audit`, file by file (for `kiosk audit verify`): a month file that cannot
        be read is a section saying why, followed by the month's entries the journal still
        holds (kept there until the file is readable again), and later months are still read.
        """
        head = self.audit_head()
        view = self._current()
        sections: list[Section] = []
        for month in self.months("audit"):
            path = self.audit_path(month)
            try:
                sections.append(Section(str(path), self._audit_month_as_stored(month)))
                continue
            except DataFileError as exc:
                sections.append(Section(str(path), [], exc.problem))
            held = [_plain(a.entry) for a in view.audited if a.month == month]
            if held:
                journal = str(view.journal_path)
                sections.append(Section(journal, held, None, str(path), "kept in the journal"))
        return head, sections

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
        """A record by id, open or closed (the closed version if both: closing is final)."""
        view = self._current()
        self._note_unplaceable(view)
        closed = view.closed.get(kind, {}).get(record_id)
        if closed is not None and self.valid(self.live_path, kind, [closed.record]):
            return _plain(closed.record)
        found = self.get_live(kind, record_id)
        if found is not None:
            return found
        for month in reversed(self.months(kind)):
            for record in self.history(kind, month):
                if record["id"] == record_id:
                    return record
        return None

    def state(self, key: str, default: Any = None) -> Any:
        """A state value; `default` when absent or when it fails its check (then counted)."""
        return self._state_value(self._current(), key, default)

    def _state_value(self, view: LiveView, key: str, default: Any) -> Any:
        value = view.state_value(key, _ABSENT)
        if value is _ABSENT:
            return default
        path = view.state_from.get(key, self.live_path)
        if not self.valid(path, STATE, [{"key": key, "value": value}]):
            return default
        return value

    # --- health -----------------------------------------------------------------------------

    def data_files(self) -> list[Path]:
        from kiosk.store.store_check import data_files

        return data_files(self)

    def check(self, verify_audit: bool = True) -> list[str]:
        """One line per problem found in the data folder; empty when healthy. Writes nothing."""
        from kiosk.store.store_check import check_store

        return check_store(self, verify_audit)


class Transaction:
    """Everything done inside one `RecordStore.transaction()` block, kept in memory until it
    commits as one journal line."""

    def __init__(self, store: RecordStore, view: LiveView) -> None:
        self.store = store
        self._view = view
        self._ops: list[list[Any]] = []
        self._closes: list[list[Any]] = []
        self._audits: list[list[Any]] = []
        self._drops: list[list[str]] = []
        self._changed: dict[str, dict[str, Record | None]] = {}  # kind -> id -> new or None
        self._state: dict[str, Any] = {}
        self._references: set[str] = set()
        self._force = False
        # Set when the transaction committed but a step after its commit point failed.
        self.late_failure: str | None = None

    # --- records ----------------------------------------------------------------------------

    def _table(self, kind: str) -> RecordTable:
        return self._view.table(kind, self.store._load_table)

    def all(self, kind: str) -> list[Record]:
        """The records of a kind that pass their schema (bad ones stay, untouched)."""
        table = self._table(kind)
        changed = self._changed.get(kind, {})
        found = [r for r in self.store._good(table) if r.get("id") not in changed]
        found.extend(_plain(r) for r in changed.values() if r is not None)
        return found

    def where(self, kind: str, predicate: Callable[[Record], bool]) -> list[Record]:
        """As `all`, only those `predicate` accepts (a TinyDB search of the table)."""
        table = self._table(kind)
        changed = self._changed.get(kind, {})
        self.store._note_bad_keys(table, table.bad)
        found = [_plain(r) for r in table.good(predicate) if r.get("id") not in changed]
        found.extend(_plain(r) for r in changed.values() if r is not None and predicate(r))
        return found

    def get(self, kind: str, record_id: str) -> Record | None:
        changed = self._changed.get(kind, {})
        if record_id in changed:
            record = changed[record_id]
            return _plain(record) if record is not None else None
        table = self._table(kind)
        if record_id in table.bad:
            self.store._note_bad_keys(table, [record_id])  # count it as skipped
            return None
        record = table.get(doc_id=record_id)
        return _plain(record) if record is not None else None

    def require(self, kind: str, record_id: str) -> Record:
        record = self.get(kind, record_id)
        if record is None:
            raise NotFound(f"no {kind[:-1]} with id {record_id}")
        return record

    def _put(self, kind: str, record: Record) -> None:
        self._changed.setdefault(kind, {})[record["id"]] = record
        self._ops.append(["put", kind, record])
        if kind in REFERENCE_KINDS:
            self._references.add(kind)

    def insert(self, kind: str, record: Record) -> Record:
        if "id" not in record:
            raise ValueError("records need an id")
        record = dict(record)
        if self.store.kiosk_id:
            record.setdefault("kiosk", self.store.kiosk_id)
        self._must_be_valid(kind, record)
        self._put(kind, record)
        return dict(record)

    def insert_many(self, kind: str, records: Iterable[Record]) -> int:
        """Insert or replace many records (a roster import): one op each, one line."""
        count = 0
        for record in records:
            self.insert(kind, record)
            count += 1
        return count

    def update(self, kind: str, record_id: str, changes: Record) -> Record:
        record = self.require(kind, record_id)
        record.update(changes)
        self._must_be_valid(kind, record)
        self._put(kind, record)
        return dict(record)

    @staticmethod
    def _must_be_valid(kind: str, record: Record) -> None:
        # A record written now that readers would skip later would be lost: refuse it now.
        found = schema_problems(kind, record)
        if found:
            field, problem = found[0]
            raise ValueError(f"{kind} record {record.get('id')!r}: field {field} {problem}")

    def remove(self, kind: str, record_id: str) -> None:
        self._changed.setdefault(kind, {})[record_id] = None
        self._ops.append(["del", kind, record_id])
        if kind in REFERENCE_KINDS:
            self._references.add(kind)

    def close(self, kind: str, record_id: str, changes: Record) -> Record:
        """Apply the final changes; the record leaves the open list for its month's history."""
        record = self.require(kind, record_id)
        record.update(changes)
        self._must_be_valid(kind, record)
        self._changed.setdefault(kind, {})[record_id] = None
        month = month_key(record[CLOSABLE[kind]], self.store.tz)
        self._closes.append([kind, month, record])
        return dict(record)

    # --- small settings and counters (PIN lockout, ...) -------------------------------------

    def get_state(self, key: str, default: Any = None) -> Any:
        """As `RecordStore.state`: a value that fails its check reads as `default` (and is
        replaced by the next `set_state` of its key: a counter must keep counting)."""
        if key in self._state:
            return self._state[key]
        return self.store._state_value(self._view, key, default)

    def set_state(self, key: str, value: Any) -> None:
        self._state[key] = value
        self._ops.append(["set", key, value])

    # --- audit trail ------------------------------------------------------------------------

    def audit(
        self, at: str, actor: str, action: str, record_id: str = "", detail: str = ""
    ) -> Record:
        """Append a hash-chained entry, committed with this transaction's records."""
        last = Head.from_state(self.get_state(AUDIT_HEAD_KEY))
        if last is None:
            last = self._newest_entry()
        prev = {"seq": last.seq, "hash": last.hash} if last and last.seq > 0 else None
        entry = make_entry(prev, at, actor, action, record_id, detail)
        # The chain's head is always in the newest file: if the clock was set back, the entry
        # joins that file rather than an older month's.
        month = max([month_key(at, self.store.tz), *self._audit_months()])
        self._audits.append([month, entry])
        self.set_state(AUDIT_HEAD_KEY, {"seq": entry["seq"], "hash": entry["hash"]})
        return entry

    def _audit_months(self) -> list[str]:
        months = [m for m, _ in self._audits]
        newest = self.store.months("audit")
        return months + newest[-1:]

    def _newest_entry(self) -> Head | None:
        """A trail from before heads were kept: chain from its newest entry."""
        entries = self.store.raw_audit()[1]
        seqs = [e for e in entries if isinstance(e.get("seq"), int)]
        if not seqs:
            return None
        last = max(seqs, key=lambda e: e["seq"])
        return Head(last["seq"], str(last.get("hash", "")))

    def start_trail(self, at: str | None = None) -> Record | None:
        """The genesis entry of a new data folder: the trail's fixed start. None if it has one."""
        if Head.from_state(self.get_state(AUDIT_HEAD_KEY)) or self.store.months("audit"):
            return None
        moment = at or datetime.now(self.store.tz).isoformat(timespec="seconds")
        return self.audit(moment, "kiosk", GENESIS_ACTION, "", "data folder created")

    # --- retention -------------------------------------------------------------------------

    def delete_month(self, kind: str, month: str) -> None:
        """Delete a whole month's history or audit file when the block commits.

        Deletion comes after everything else is written (and a checkpoint), so an audit
        entry made in the same transaction (saying what was purged) is on the card before
        the data goes.
        """
        if any(m == month and (k == kind) for k, m, _ in self._closes) or (
            kind == "audit" and any(m == month for m, _ in self._audits)
        ):
            path = (
                self.store.audit_path(month)
                if kind == "audit"
                else self.store.history_path(kind, month)
            )
            raise ValueError(f"{path.name} was written in this transaction; cannot delete it")
        self._drops.append([kind, month])

    def force_checkpoint(self) -> None:
        self._force = True

    # --- commit -----------------------------------------------------------------------------

    def commit(self) -> None:
        store, view = self.store, self._view
        if not (self._ops or self._closes or self._audits or self._drops or self._force):
            return
        if view.journal_path is None:
            view = self._view = store._start_folder(view)
            store._view = view
        if self._ops or self._closes or self._audits or self._drops:
            line: dict[str, Any] = {"tx": view.last_tx + 1, "kiosk": store._kiosk(view)}
            for key, value in (
                ("ops", self._ops), ("close", self._closes),
                ("audit", self._audits), ("drop", self._drops),
            ):  # fmt: skip
                if value:
                    line[key] = value
            data = line_files.journal_line(line)
            assert view.journal_path is not None
            # The commit point: one write and one flush.
            end = line_files.append(view.journal_path, data, at=view.journal_end, sync=True)
            view.apply(line)
            view.journal_end = view.journal_size = end
            try:
                self._after_commit(view, [line])
            except (DataFileError, DataWriteError, OSError) as exc:
                # Committed all the same (the journal holds it, and the next writer brings
                # the other files level): not "nothing was saved", but a fault to show.
                store._view = None  # read afresh: the checkpoint may have stopped half-way
                self.late_failure = _late_failure(exc)
            return
        self._after_commit(view, [])

    def _after_commit(self, view: LiveView, lines: list[dict[str, Any]]) -> None:
        """The month files, then a checkpoint when one is due."""
        store = self.store
        if lines:
            store._bring_level(view, lines)
        full = store.checkpoint_inline and view.journal_size > JOURNAL_LIMIT
        rotate = self._force or bool(self._drops) or full
        own = self._references if store.rewrite_own_references else set()
        if rotate or own:
            store._checkpoint(view, rotate, own)


def _in_range(month: str, first: str | None, last: str | None) -> bool:
    """`month` ("YYYY-MM") is within first..last, either end open when None."""
    return (first is None or month >= first) and (last is None or month <= last)


def _late_failure(exc: Exception) -> str:
    if isinstance(exc, DataWriteError):
        path, cause = exc.path, exc.cause
    elif isinstance(exc, DataFileError):
        path, cause = exc.path, exc.problem
    else:
        path, cause = str(getattr(exc, "filename", "") or "a data file"), write_cause(exc)
    return (
        f"cannot write data file {path}: {cause}; the last change was saved (in the "
        "journal) and the next write tries this again"
    )


def _month_targets(
    view: LiveView, history_path: Callable[[str, str], Path], audit_path: Callable[[str], Path]
) -> set[Path]:
    targets: set[Path] = set()
    for line in view.lines:
        for kind, month, _ in line.get("close", ()):
            targets.add(history_path(kind, month))
        for month, _ in line.get("audit", ()):
            targets.add(audit_path(month))
    return {p for p in targets if p.exists()}


def _bad_record(path: Path, kind: str, doc: Any) -> BadRecord | None:
    found = schema_problems(kind, doc)
    if not found:
        return None
    field, problem = found[0]
    return BadRecord(path, kind, record_label(kind, doc), field, problem)


__all__ = ["RecordStore", "Transaction"]
