"""TinyDB, made durable: the store's tables are TinyDB tables, and its whole-file data files
(live.json and the reference table files) are TinyDB databases.

What TinyDB does here: it holds every table the store reads (the open visits and phones, the
state, and staff, regular visitors, pupils and the letters log once asked for) as TinyDB
tables of JSON documents, read through its Table API (iteration, `get` by document id,
`search` with a condition) and changed through the one path its own writes take
(`Table._update_table`); and its Storage interface (read or write a whole database) and JSON
layout (`{table: {document id: document}}`) are those of the files, so TinyDB opens them.

What TinyDB lacks and kiosk.store adds (docs/records.md, "TinyDB, made durable"):

- Durability without rewriting: TinyDB writes the whole database for every change. Here a
  change is first one line of the journal (kiosk.store.line_files), and the TinyDB database
  in memory is written to its file only at a checkpoint, atomically (`AtomicJSONStorage`:
  temp file, flush, rename, flush the folder) rather than over the old file in place.
- One writer across processes (kiosk.store.file_lock) and readers without a lock.
- Record ids as document ids (`RecordTable.document_id_class` is `str`), so a record is
  found by its id without a scan, and each record's schema check (kept beside the table).

TinyDB's Table converts the whole table on every write (`_update_table` rebuilds its dict
twice): fine for the small tables a touchscreen action changes (visits on site, phones held,
staff, regular visitors, state), and `RecordTable.change` makes one such write for all of a
transaction's changes to a table, so an import of 5,000 pupils is one conversion, not 5,000.
No touchscreen action changes the roster (tests/store/test_tinydb_tables.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

import kiosk.store.atomic_json as atomic_json
from kiosk.domain.record_schema import problems as schema_problems
from kiosk.store.atomic_json import Stamp, encode, read_json_and_stamp, stamp_of

Record = dict[str, Any]


class HeldStorage(Storage):
    """A TinyDB storage holding the database in memory: the store's view of live.json and
    the journal. (TinyDB's own MemoryStorage does the same; this one starts from what the
    files held instead of empty.)"""

    def __init__(self, data: dict[str, dict[str, Any]] | None = None) -> None:
        super().__init__()
        self.memory: dict[str, dict[str, Any]] = data if data is not None else {}

    def read(self) -> dict[str, dict[str, Any]]:
        return self.memory

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.memory = data


class AtomicJSONStorage(Storage):
    """A TinyDB storage for a whole-file JSON database that a kill or power cut can never
    leave half-written (TinyDB's JSONStorage rewrites its file in place): written to a temp
    file, flushed, renamed over the old one, and the folder flushed (kiosk.store.atomic_json,
    which also keeps the owner and mode, and names the cause when the card is full or
    read-only). `read` raises DataFileError, naming the file, when it cannot be read."""

    def __init__(self, path: Path, keep_backup: bool = False) -> None:
        super().__init__()
        self.path = path
        self.keep_backup = keep_backup  # NAME.bak: a hard link to the version replaced
        self.stamp: Stamp | None = None  # of the file last read or written

    def read(self) -> dict[str, dict[str, Any]] | None:
        data, self.stamp = read_json_and_stamp(self.path)
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        # By the module's name: the crash tests replace it to kill a write half-way.
        atomic_json.atomic_write_bytes(self.path, encode(data), self.keep_backup)
        self.stamp = stamp_of(self.path)


class RecordTable(Table):
    """A TinyDB table of one kind's records, by record id, with each record's schema check.

    Records that fail their kind's schema stay in the table (and so in its file, untouched)
    but are listed in `bad` (id -> (field, problem)): readers skip them.
    """

    document_id_class = str  # record ids ("V-7K2M...", a pupil's MIS id) are document ids
    default_query_cache_capacity = 0  # results are the caller's to change: never shared

    def __init__(self, storage: Storage, name: str, **kwargs: Any) -> None:
        super().__init__(storage, name, **kwargs)
        self.kind = name
        self.path = Path()  # the file a bad record is named in
        self.tx = 0  # the table holds every change up to this transaction
        self.stamp: Stamp | None = None  # of the table file it was read from, if any
        self.bad: dict[str, tuple[str, str]] = {}
        self.checks = True  # against the kind's schema (the state's values are checked by key)

    def change(self, puts: Mapping[str, Record], drops: Iterable[str] = ()) -> None:
        """Put whole records (by id) and drop others: one TinyDB write for all of them."""
        drops = [key for key in drops if key not in puts]
        if not puts and not drops:
            return

        def updater(table: dict[str, Any]) -> None:
            for key in drops:
                table.pop(key, None)
            table.update(puts)

        self._update_table(updater)  # TinyDB's own write path (a whole-table conversion)
        for key in drops:
            self.bad.pop(key, None)
        self._check(puts)

    def load(
        self, docs: Mapping[str, Record], bad: Mapping[str, tuple[str, str]] | None = None
    ) -> None:
        """Replace the whole table (read from a file); `bad`: its records that fail their
        schema, when already known (else each record is checked now)."""
        self._update_table(lambda table: (table.clear(), table.update(docs)))
        if bad is None:
            self.bad = {}
            self._check(docs)
        else:
            self.bad = dict(bad)

    def _check(self, docs: Mapping[str, Record]) -> None:
        if not self.checks:
            return
        for key, record in docs.items():
            found = schema_problems(self.kind, record)
            if found:
                self.bad[key] = found[0]
            else:
                self.bad.pop(key, None)

    def good(self, cond: Callable[[Mapping[str, Any]], bool] | None = None) -> list[Document]:
        """The records that pass their schema (and `cond`, a TinyDB query or any function of
        a record), as TinyDB documents: the caller's own copies."""
        if cond is None:
            found = self.all()
            return [doc for doc in found if doc.doc_id not in self.bad] if self.bad else found
        if not self.bad:
            return self.search(Condition(cond))
        # A bad record never reaches `cond` (which may read a field it lacks): TinyDB hands a
        # condition the stored document itself, so the bad ones are known by identity.
        held = self.documents()
        bad = {id(held[key]) for key in self.bad if key in held}
        return self.search(Condition(lambda doc: id(doc) not in bad and cond(doc)))

    def documents(self) -> dict[str, Record]:
        """The table as TinyDB keeps it, {id: record}: what its file holds. Read-only."""
        return self.storage.read().get(self.name, {})


class Condition:
    """A store filter for TinyDB's `search`: a TinyDB Query, or any function of a record (the
    services pass plain functions: they never import TinyDB)."""

    def __init__(self, test: Callable[[Mapping[str, Any]], bool]) -> None:
        self.test = test

    def __call__(self, doc: Mapping[str, Any]) -> bool:
        return bool(self.test(doc))

    def __hash__(self) -> int:
        return id(self)

    def is_cacheable(self) -> bool:
        return False


class RecordDB(TinyDB):
    """A TinyDB whose tables are RecordTables, over a database held in memory."""

    table_class = RecordTable
    default_storage_class = HeldStorage

    def table(self, name: str, **kwargs: Any) -> RecordTable:
        table = super().table(name, **kwargs)
        assert isinstance(table, RecordTable)
        return table
