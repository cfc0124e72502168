"""For tests that edit data files by hand (an attacker, a damaged card): the second layout's
files in the shape tests find easiest to change.

`settle` first: a checkpoint puts every committed change into live.json, the table files and
the month files, and starts an empty journal, so that an edit to those files is the whole
truth (otherwise the journal still holds the newest lines, and readers see them there).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kiosk.store import RecordStore


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
