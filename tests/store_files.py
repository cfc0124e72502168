"""For tests that edit data files by hand (an attacker, a damaged card): the second layout's
files in the shape tests find easiest to change.

`settle` first: a checkpoint puts every committed change into live.json, the table files and
the month files, and starts an empty journal, so that an edit to those files is the whole
truth (otherwise the journal still holds the newest lines, and readers see them there).
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from kiosk.store import RecordStore


class ByRecordId(Table):
    """TinyDB's own Table, with the store's record ids as document ids (TinyDB's default is
    numbers): how to open live.json or a table file with TinyDB and get records by id."""

    document_id_class = str


class RecordIdTinyDB(TinyDB):
    """`RecordIdTinyDB(path, access_mode="r")`: a data file opened by TinyDB itself."""

    table_class = ByRecordId


def settle(store: RecordStore) -> None:
    store.checkpoint()


def load_month(path: Path) -> dict[str, Any]:
    """A month file as {"_meta": header, KIND: {"1": first record or entry, ...}}."""
    lines = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    header = lines[0]["_meta"]
    kind = header["kind"]
    field = "entry" if kind == "audit" else "record"
    return {"_meta": header, kind: {str(n): line[field] for n, line in enumerate(lines[1:], 1)}}


def save_month(path: Path, data: dict[str, Any]) -> None:
    """Write back what `load_month` gave (after the test changed it), one line each."""
    header = data["_meta"]
    kind = header["kind"]
    field = "entry" if kind == "audit" else "record"
    lines = [json.dumps({"_meta": header})]
    lines += [json.dumps({"tx": 0, field: value}) for value in data[kind].values()]
    path.write_text("".join(line + "\n" for line in lines))


def load_live(store: RecordStore) -> dict[str, Any]:
    return json.loads(store.live_path.read_text())


def save_live(store: RecordStore, data: dict[str, Any]) -> None:
    store.live_path.write_text(json.dumps(data))


def table_file(store: RecordStore, kind: str) -> Path:
    """The file live.json names for a reference table (staff, regulars, pupils, letters)."""
    return store.data_dir / load_live(store)["tables"][kind]["file"]


def spoil(store: RecordStore, kind: str, record_id: str, field: str, value: Any) -> Path:
    """Set one field of one record by hand, in whichever file holds it; returns that file."""
    settle(store)
    live = load_live(store)
    if kind in live.get("tables", {}):
        path = table_file(store, kind)
        data = json.loads(path.read_text())
        data[kind][record_id][field] = value
        path.write_text(json.dumps(data))
        return path
    if record_id in live.get(kind, {}):
        live[kind][record_id][field] = value
        save_live(store, live)
        return store.live_path
    for month_path in sorted(store.history_dir.glob(f"{kind}-*.jsonl")):
        data = load_month(month_path)
        for record in data[kind].values():
            if record.get("id") == record_id:
                record[field] = value
                save_month(month_path, data)
                return month_path
    raise KeyError(f"no {kind} record {record_id}")


def plant(store: RecordStore, kind: str, doc: dict[str, Any]) -> Path:
    """Add a record by hand (as a bad edit or a bug would) to whichever file holds its kind:
    a reference table's file, or live.json for open records. Returns that file."""
    settle(store)
    live = load_live(store)
    if kind in live.get("tables", {}):
        path = table_file(store, kind)
        data = json.loads(path.read_text())
        data.setdefault(kind, {})[str(doc.get("id", "no-id"))] = doc
        path.write_text(json.dumps(data))
        return path
    live.setdefault(kind, {})[str(doc.get("id", "no-id"))] = doc
    save_live(store, live)
    return store.live_path


def set_state(store: RecordStore, key: str, value: Any) -> Path:
    """Set a state value by hand in live.json; returns live.json's path."""
    settle(store)
    live = load_live(store)
    live.setdefault("state", {})[key] = {"value": value}
    save_live(store, live)
    return store.live_path


def journal_file(store: RecordStore) -> Path:
    path = store.journal_path()
    assert path is not None, "nothing was written yet"
    return path


def _journal_line(value: dict[str, Any]) -> str:
    payload = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return f"{zlib.crc32(payload.encode()):08x} {payload}\n"


def append_journal(store: RecordStore, line: dict[str, Any]) -> Path:
    """Commit a transaction line by hand, CRC and all (as a bug, or someone who knows the
    format, would): `line` without its tx, which is the next one."""
    path = journal_file(store)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(_journal_line({"tx": store.last_tx() + 1, **line}))
    return path


def journal_audit(store: RecordStore, month: str) -> list[dict[str, Any]]:
    """The month's audit entries the journal holds, in order."""
    entries = []
    for line in journal_file(store).read_text().splitlines()[1:]:
        for entry_month, entry in json.loads(line[9:]).get("audit", ()):
            if entry_month == month:
                entries.append(entry)
    return entries


def edit_journal_audit(store: RecordStore, seq: int, field: str, value: Any) -> Path:
    """Change one field of the audit entry `seq` in the journal, fixing up the line's CRC
    (someone who knows the format): only the chain's hashes can tell."""
    path = journal_file(store)
    header, *lines = path.read_text().splitlines()
    out = [header + "\n"]
    for line in lines:
        value_ = json.loads(line[9:])
        for _, entry in value_.get("audit", ()):
            if entry.get("seq") == seq:
                entry[field] = value
        out.append(_journal_line(value_))
    path.write_text("".join(out))
    return path
