"""What live.json and the journal say together: open records, reference tables and state.

A `LiveView` is built from live.json (the checkpoint) and then the journal's lines applied in
order. Its tables are TinyDB tables (kiosk.store.tinydb_tables) in one TinyDB database held
in memory: the open records and the state as live.json holds them, and each reference table
once asked for. Every change in a line is a whole record or a whole value, keyed by the
record's id (TinyDB's document id here), so applying a line twice (once in the checkpoint,
once from the journal) leaves the same result; lines at or before the tx a table was written
at are skipped for that table anyway.

The view keeps what it has read: a reader or writer in a long-running process (the kiosk)
asks `catch_up`, which reads only the journal's new lines. Reference tables (pupils, staff,
regulars, letters) are read from their own files only when first asked for, so a sign-in
never reads the roster.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.domain.clock import MONTH_KEY
from kiosk.domain.record_schema import CLOSED, closable_kinds
from kiosk.domain.record_schema import problems as schema_problems
from kiosk.errors import DataFileError
from kiosk.store.atomic_json import Stamp
from kiosk.store.line_files import Entry, journal_line, read_lines
from kiosk.store.schema import meta_document
from kiosk.store.tinydb_tables import RecordDB, RecordTable

Record = dict[str, Any]
Problems = dict[str, tuple[str, str]]  # record id -> (field, problem)
# Reads a reference table's file: its records by id, the file's stamp, the records that fail
# their schema (checked once per file read, not at every view built on it)
Loader = Callable[[str, str], tuple[dict[str, Record], Stamp | None, Problems]]

# Tables in files of their own, rewritten only when they change (by an admin command, or
# now and then at a checkpoint): never part of what a touchscreen action writes.
REFERENCE_KINDS = ("staff", "regulars", "pupils", "contacts", "letters")
# kind -> the field that dates it (visits, phones, staff attendance): the record schemas say
# (`dated_by`). Their open records are tables in live.json; closed, they go to month files.
CLOSABLE = closable_kinds()
STATE_TABLE = "state"  # live.json's table of small values by key: {"value": ...}
AUDIT_HEAD_KEY = "audit_head"  # state: seq and hash of the newest audit entry
NOT_TABLES = frozenset({"_meta", STATE_TABLE, "tables"})  # live.json's keys that are no kind
MONTH_KINDS = (*CLOSABLE, "audit")  # the kinds a month file holds
ITEM_KINDS = {"ops": "change", "audit": "audit", "drop": "drop"}  # how check names an item
CHANGES = {"put": 3, "del": 3, "set": 3, "unset": 2}  # a change -> its length in a line


def record_key(record: Any, fallback: str) -> str:
    ident = record.get("id") if isinstance(record, dict) else None
    return ident if isinstance(ident, str) and ident else fallback


def first_problem(kind: str, record: Any) -> tuple[str, str] | None:
    found = schema_problems(kind, record)
    return found[0] if found else None


def keyed(docs: dict[str, Any]) -> dict[str, Record]:
    """A file's table by record id (TinyDB's document id here), whatever its keys were (a
    hand edit, or the first layout's numbers)."""
    return {record_key(doc, f"(no id {n + 1})"): doc for n, doc in enumerate(docs.values())}


@dataclass
class Closed:
    kind: str
    month: str
    record: Record
    tx: int


@dataclass
class Audited:
    month: str
    entry: Record
    tx: int


@dataclass
class BadItem:
    """A change, closed record or audit entry in a journal line that cannot be placed (valid
    JSON with a wrong shape: a bug, or a hand edit that fixed up the CRC). Readers skip it and
    `kiosk check` names it; the journal is kept, not rotated, while it holds one."""

    path: Path
    kind: str
    doc: Any  # what the label is taken from
    field: str
    problem: str


def closed_problem(item: Any) -> tuple[str, Any, tuple[str, str] | None]:
    """A journal line's closed item [kind, month, record]: the kind, the record, and what is
    wrong with its shape (None when it can be placed). A record failing its kind's schema can
    be placed: it is kept like any record, and skipped by readers."""
    if not isinstance(item, list) or len(item) != 3:
        return CLOSED, item, ("", "is not a kind, a month and a record")
    kind, month, record = item
    found = schema_problems(CLOSED, {"kind": kind, "record": record})
    if found:
        return CLOSED, {"kind": kind, "record": record}, found[0]
    if not isinstance(month, str) or not MONTH_KEY.match(month):
        return CLOSED, {"kind": kind, "record": record}, ("month", "is not a month")
    return kind, record, None


def audit_problem(item: Any) -> tuple[str, str] | None:
    """A journal line's audit item [month, entry]; the entry's fields are checked by
    `kiosk audit verify`, with the chain."""
    if not isinstance(item, list) or len(item) != 2 or not isinstance(item[1], dict):
        return ("", "is not a month and an audit entry")
    if not isinstance(item[0], str) or not MONTH_KEY.match(item[0]):
        return ("month", "is not a month")
    return None


def drop_problem(item: Any) -> tuple[str, str] | None:
    """A journal line's dropped month [kind, month] (retention): it names a file to delete."""
    if not (isinstance(item, list) and len(item) == 2 and item[0] in MONTH_KINDS):
        return ("", "is not a kind of month file and a month")
    if not isinstance(item[1], str) or not MONTH_KEY.match(item[1]):
        return ("month", "is not a month")
    return None


def change_problem(op: Any) -> tuple[str, str] | None:
    if not isinstance(op, list) or not op or CHANGES.get(op[0]) != len(op):
        return ("", "is not a change the kiosk makes")
    if not isinstance(op[1], str) or not op[1] or (op[0] in ("put", "del") and op[1] in NOT_TABLES):
        return ("", "does not name a kind of record")
    return None


@dataclass
class LiveView:
    live_path: Path
    journal_path: Path | None
    stamp: Stamp | None  # live.json's, when read
    generation: int = 0
    base_tx: int = 0  # live.json holds every change up to this transaction
    last_tx: int = 0
    kiosk: str = ""
    # The TinyDB database in memory: its tables are the hot ones, "state", and the reference
    # tables loaded so far (listed in `tables`).
    db: RecordDB = field(default_factory=RecordDB, repr=False, compare=False)
    tables: dict[str, RecordTable] = field(default_factory=dict)  # hot ones, loaded references
    table_files: dict[str, tuple[str, int]] = field(default_factory=dict)  # kind -> (file, tx)
    state_tx: int = 0
    pending: dict[str, list[tuple[int, list[Any]]]] = field(default_factory=dict)
    closed: dict[str, dict[str, Closed]] = field(default_factory=dict)  # kind -> id -> Closed
    audited: list[Audited] = field(default_factory=list)
    lines: list[Entry] = field(default_factory=list)  # the journal's transactions, in order
    journal_end: int = 0  # just past the last good line
    journal_size: int = 0
    journal_inode: int = 0
    reference_tx: dict[str, int] = field(default_factory=dict)  # kind -> last tx changing it
    state_from: dict[str, Path] = field(default_factory=dict)  # key -> the file that set it
    unplaceable: list[BadItem] = field(default_factory=list)

    # --- building ---------------------------------------------------------------------------

    @classmethod
    def empty(cls, live_path: Path) -> LiveView:
        return cls(live_path, None, None)

    def hot_table(self, kind: str) -> RecordTable:
        table = self.tables.get(kind)
        if table is None:
            table = self.tables[kind] = self._new_table(kind, self.live_path, self.base_tx)
        return table

    def _new_table(self, kind: str, path: Path, tx: int) -> RecordTable:
        table = self.db.table(kind)
        table.path, table.tx = path, tx
        return table

    @property
    def state(self) -> RecordTable:
        """The state: a TinyDB table of {"value": ...} by key, as live.json holds it (each
        value is checked when read: RecordStore.state)."""
        table = self.db.table(STATE_TABLE)
        table.checks = False
        return table

    def state_keys(self) -> list[str]:
        return list(self.state.documents())

    def state_value(self, key: str, missing: Any = None) -> Any:
        doc = self.state.get(doc_id=key)
        return doc.get("value") if doc is not None else missing

    def table(self, kind: str, load: Loader | None = None) -> RecordTable:
        """A kind's table; a reference table is read from its file (with `load`: its records
        by id, and the file's stamp) when first asked for, and then given the journal's
        changes made since that file, in one TinyDB write."""
        table = self.tables.get(kind)
        if table is not None:
            return table
        if kind in NOT_TABLES:
            # live.json's own tables: as a kind of record, a checkpoint would write over them
            raise ValueError(f"{kind} is not a kind of record")
        if kind not in REFERENCE_KINDS:
            return self.hot_table(kind)
        name, tx = self.table_files.get(kind, ("", 0))
        folder = self.live_path.parent
        table = self._new_table(kind, folder / (name or f"tables/{kind}.json"), tx)
        if name and load is not None:
            docs, table.stamp, bad = load(kind, name)
            table.load(docs, bad)
        ops = [op for line_tx, op in self.pending.pop(kind, []) if line_tx > tx]
        table.change(*_final_changes(ops))
        self.tables[kind] = table
        return table

    def reload(self, kind: str) -> None:
        """Read a reference table's file again when next asked for (it changed on disk),
        then the journal's changes to it since."""
        self.tables.pop(kind, None)
        self.db.drop_table(kind)
        self.pending[kind] = [
            (line["tx"], op)
            for line in self.lines
            for op in line.get("ops", ())
            if op[0] in ("put", "del") and op[1] == kind
        ]

    def apply(self, line: Entry) -> None:
        """One committed transaction (a journal line), in order. Items that cannot be placed
        are set aside in `unplaceable` (BadItem), never applied."""
        tx = line.get("tx", 0)
        if not isinstance(tx, int) or isinstance(tx, bool):
            tx = 0
        line = self._placeable(line, tx)
        self.lines.append(line)
        self.last_tx = max(self.last_tx, tx)
        by_kind: dict[str, list[list[Any]]] = {}
        for op in line.get("ops", ()):
            if op[0] in ("set", "unset"):
                by_kind.setdefault(STATE_TABLE, []).append(
                    ["put", STATE_TABLE, {"id": op[1], "value": op[2]}]
                    if op[0] == "set"
                    else ["del", STATE_TABLE, op[1]]
                )
                if tx > self.state_tx:
                    self.state_from[op[1]] = self.journal_path or self.live_path
                continue
            kind = op[1]
            if kind in REFERENCE_KINDS:
                self.reference_tx[kind] = tx
                if kind not in self.tables:
                    self.pending.setdefault(kind, []).append((tx, op))
                    continue
            by_kind.setdefault(kind, []).append(op)
        for kind, month, record in line.get("close", ()):
            key = record_key(record, "")
            # A closed record leaves its table after the line's own changes to it.
            by_kind.setdefault(kind, []).append(["del", kind, key])
            self.closed.setdefault(kind, {})[key] = Closed(kind, month, record, tx)
        for kind, ops in by_kind.items():
            puts, drops = _final_changes(ops)
            if kind == STATE_TABLE:
                if tx > self.state_tx:
                    self.state.change({k: {"value": v["value"]} for k, v in puts.items()}, drops)
                continue
            table = self.table(kind)
            if tx > table.tx:
                table.change(puts, drops)  # one TinyDB write per table per line
        for month, entry in line.get("audit", ()):
            self.audited.append(Audited(month, entry, tx))

    def _placeable(self, line: Entry, tx: int) -> Entry:
        """The line with only the items that can be placed (and its tx as a number)."""
        where = self.journal_path or self.live_path
        placed: Entry = {"tx": tx}
        if "kiosk" in line:
            placed["kiosk"] = line["kiosk"]
        checks = {"ops": change_problem, "audit": audit_problem, "drop": drop_problem}
        for key in ("ops", "close", "audit", "drop"):
            items = line.get(key, [])
            if not isinstance(items, list):
                self.unplaceable.append(BadItem(where, key, None, "", "is not a list"))
                continue
            good = []
            for item in items:
                if key == "close":
                    kind, doc, problem = closed_problem(item)
                else:
                    kind, doc, problem = ITEM_KINDS[key], item, checks[key](item)
                    if key == "audit" and isinstance(item, list) and len(item) == 2:
                        doc = item[1]
                if problem is None:
                    good.append(item)
                else:
                    self.unplaceable.append(BadItem(where, kind, doc, *problem))
            if good:
                placed[key] = good
        return placed

    def read_journal(self, start: int) -> bool:
        """Apply the journal's lines from byte `start`; False if the journal is gone (a
        checkpoint replaced it: the caller reads live.json again)."""
        assert self.journal_path is not None
        found = read_lines(self.journal_path, start, checked=True)
        if found is None:
            return False
        if start and found.inode != self.journal_inode:
            return False
        if start == 0 and (not found.entries or "_meta" not in found.entries[0]):
            raise DataFileError(
                self.journal_path, "is damaged (no header line)", DataFileError.FROM_BACKUP
            )
        for entry in found.entries:
            if "_meta" in entry:
                continue
            self.apply(entry)
        self.journal_end, self.journal_size, self.journal_inode = found.end, found.size, found.inode
        return True

    # --- reading ----------------------------------------------------------------------------

    def stale_references(self) -> list[str]:
        """Reference tables changed since their file was written."""
        return [
            kind
            for kind, tx in self.reference_tx.items()
            if tx > self.table_files.get(kind, ("", 0))[1]
        ]

    def closed_in(self, kind: str) -> list[Closed]:
        return list(self.closed.get(kind, {}).values())


def _final_changes(ops: Iterable[list[Any]]) -> tuple[dict[str, Record], list[str]]:
    """What a run of put and del changes leaves: the records put (by id), the ids dropped."""
    final: dict[str, Record | None] = {}
    for op in ops:
        if op[0] == "put":
            final[record_key(op[2], "")] = op[2]
        elif op[0] == "del":
            final[op[2]] = None
    puts = {key: record for key, record in final.items() if record is not None}
    return puts, [key for key, record in final.items() if record is None]


def view_from_live(live_path: Path, data: dict[str, Any], stamp: Any) -> LiveView:
    """A view of live.json alone (the caller applies the journal)."""
    meta = next(iter((data.get("_meta") or {}).values()), {})
    generation = meta.get("generation")
    base_tx = meta.get("tx", 0)
    if not isinstance(generation, int) or not isinstance(base_tx, int):
        raise DataFileError(live_path, "is damaged (no generation)")
    view = LiveView(
        live_path,
        live_path.parent / "journal" / journal_name(generation),
        stamp,
        generation=generation,
        base_tx=base_tx,
        last_tx=base_tx,
        kiosk=str(meta.get("kiosk", "")),
        state_tx=base_tx,
    )
    for kind, doc in (data.get("tables") or {}).items():
        name, tx = doc.get("file"), doc.get("tx", 0)
        if not isinstance(name, str) or not isinstance(tx, int):
            raise DataFileError(live_path, f"is damaged (table {kind} has no file)")
        view.table_files[kind] = (name, tx)
    view.state.load(data.get(STATE_TABLE) or {})
    for kind, docs in data.items():
        if kind not in NOT_TABLES:
            view.hot_table(kind).load(keyed(docs))
    return view


def journal_name(generation: int) -> str:
    return f"journal-{generation:06d}.jsonl"


def table_file_name(kind: str, tx: int) -> str:
    """A reference table's file, as live.json names it (relative to the data folder)."""
    return f"tables/{kind}-{tx:08d}.json"


def journal_header(generation: int) -> bytes:
    return journal_line({"_meta": meta_document("journal", generation=generation)})


# history/KIND-YYYY-MM.jsonl and audit/audit-YYYY-MM.jsonl
MONTH_FILE = re.compile(r"^(?P<kind>[a-z]+)-(?P<month>\d{4}-\d{2})\.jsonl$")
