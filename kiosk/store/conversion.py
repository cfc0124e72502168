"""Converting a data folder from the first layout to the second, once, crash-safely.

1. Without the lock: read the old files (readers need no lock) and write the new ones beside
   them under names the old layout never used (tables/, *.jsonl), each flushed.
2. Holding the lock for a moment: check that no old file changed meanwhile (else start
   again), hard-link every old file into layout-1-copy/, start the journal, and replace
   live.json with the new checkpoint. That rename is the switch: before it the folder is in
   the first layout (the new files are ignored, and rewritten by the next try), after it in
   the second. The journal is written only here: another process may have converted the
   folder meanwhile and saved into the journal, which a write without the lock would empty.
3. Remove the old month files (they stay in the copy); a kill before this leaves them for
   `finish_conversion`, run by the next writer.

A record that the old archive crash left open in live.json and closed in history takes
live.json's version; audit entries past the old head (a write that never finished) are dropped.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import kiosk.store.atomic_json as atomic_json
from kiosk.domain.audit_chain import Head, committed
from kiosk.domain.clock import month_key
from kiosk.errors import KioskError
from kiosk.store.atomic_json import (
    Stamp,
    encode,
    fsync_dir,
    make_folder,
    owner_of,
    read_json_file,
    stamp_of,
)
from kiosk.store.file_lock import exclusive_lock
from kiosk.store.live_view import (
    AUDIT_HEAD_KEY,
    CLOSABLE,
    REFERENCE_KINDS,
    journal_header,
    journal_name,
    keyed,
    record_key,
    table_file_name,
)
from kiosk.store.month_files import audit_line, header, history_line
from kiosk.store.schema import FIRST_LAYOUT, META_TABLE, file_version, meta_document

if TYPE_CHECKING:
    from kiosk.store.record_store import RecordStore

COPY_DIR = "layout-1-copy"
OLD_MONTH_FILE = re.compile(r"^[a-z]+-\d{4}-\d{2}\.json(\.bak)?$")
TRIES = 3


@dataclass
class OldFolder:
    """What the first layout held, read without the lock, with each file's stamp."""

    live: dict[str, Any]
    months: dict[Path, dict[str, Any]] = field(default_factory=dict)  # NAME.json, no .bak
    stamps: dict[Path, Stamp | None] = field(default_factory=dict)


def old_files(store: RecordStore) -> list[Path]:
    files = [store.live_path, store.live_path.with_name("live.json.bak")]
    for folder in (store.history_dir, store.audit_dir):
        if folder.is_dir():
            files.extend(sorted(p for p in folder.iterdir() if OLD_MONTH_FILE.match(p.name)))
    return [p for p in files if p.exists()]


def read_old(store: RecordStore) -> OldFolder:
    stamps = {path: stamp_of(path) for path in old_files(store)}
    live = read_json_file(store.live_path)
    if live is None or file_version(store.live_path, live) != FIRST_LAYOUT:
        raise KioskError(f"data folder {store.data_dir} is not in the first layout")
    old = OldFolder(live, stamps=stamps)
    for path in stamps:
        if path.parent != store.data_dir and path.suffix == ".json":
            data = read_json_file(path)
            if data is not None:
                file_version(path, data)
                old.months[path] = data
    return old


@dataclass
class NewFolder:
    files: dict[Path, bytes] = field(default_factory=dict)  # written before the lock
    live: bytes = b""


def plan(store: RecordStore, old: OldFolder) -> NewFolder:
    kiosk = store.kiosk_id
    state: dict[str, Any] = {}
    hot: dict[str, dict[str, Any]] = {}
    references: dict[str, dict[str, Any]] = {}
    closed: dict[str, dict[str, dict[str, Any]]] = {kind: {} for kind in CLOSABLE}
    for table, docs in old.live.items():
        if table == META_TABLE:
            continue
        if table == "state":
            for doc in docs.values():
                if isinstance(doc.get("key"), str):
                    state[doc["key"]] = doc.get("value")
            continue
        if table == "closed":
            for doc in docs.values():
                kind, record = doc.get("kind"), doc.get("record")
                if kind in CLOSABLE and isinstance(record, dict):
                    closed[kind][record_key(record, f"(no id {len(closed[kind])})")] = record
            continue
        target = references if table in REFERENCE_KINDS else hot
        target[table] = keyed(docs)
    new = NewFolder()
    # History: the month files, then live.json's closed records (newer), never a record
    # that live.json still has open (the old archive crash: live.json's version counts).
    by_file: dict[Path, dict[str, Any]] = {}
    entries: list[dict[str, Any]] = []
    for path, data in sorted(old.months.items()):
        if path.parent == store.audit_dir:
            entries.extend(doc for doc in data.get("audit", {}).values())
            continue
        kind = path.name.split("-", 1)[0]
        target = by_file.setdefault(store.history_path(kind, path.name[len(kind) + 1 : -5]), {})
        for n, doc in enumerate(data.get(kind, {}).values()):
            target[record_key(doc, f"(no id {n + 1})")] = (kind, doc)
    for kind, records in closed.items():
        for key, record in records.items():
            try:
                month = month_key(record[CLOSABLE[kind]], store.tz)
            except (KeyError, TypeError, ValueError):
                hot.setdefault("closed", {})[key] = {"kind": kind, "record": record}
                continue
            for held in by_file.values():
                held.pop(key, None)
            by_file.setdefault(store.history_path(kind, month), {})[key] = (kind, record)
    for kind in CLOSABLE:
        open_ids = set(hot.get(kind, {}))
        for held in by_file.values():
            for key in [k for k, (held_kind, _) in held.items() if held_kind == kind]:
                if key in open_ids:
                    del held[key]
    for path, held in by_file.items():
        if held:
            kind = next(iter(held.values()))[0]
            lines = [history_line(0, record) for _, record in held.values()]
            new.files[path] = header(kind, kiosk) + b"".join(lines)
    # Audit: the committed entries (up to live.json's head), by month, as they were.
    head = Head.from_state(state.get(AUDIT_HEAD_KEY))
    kept, _dropped = committed(entries, head)
    kept.sort(key=lambda e: e["seq"] if isinstance(e.get("seq"), int) else 0)
    audit_months: dict[Path, list[bytes]] = {}
    months_of = _entry_months(old, store)
    for entry in kept:
        path = months_of.get(id(entry))
        if path is not None:
            audit_months.setdefault(path, []).append(audit_line(0, entry))
    for path, lines in audit_months.items():
        new.files[path] = header("audit", kiosk) + b"".join(lines)
    if head is None and kept:
        last = kept[-1]
        if isinstance(last.get("seq"), int) and isinstance(last.get("hash"), str):
            state[AUDIT_HEAD_KEY] = {"seq": last["seq"], "hash": last["hash"]}
    # Reference tables and live.json (the journal is started under the lock).
    tables: dict[str, dict[str, Any]] = {}
    for kind, records in references.items():
        name = table_file_name(kind, 0)
        meta = {"1": meta_document(kind, tx=0, kiosk=kiosk)}
        new.files[store.data_dir / name] = encode({META_TABLE: meta, kind: records})
        tables[kind] = {"file": name, "tx": 0}
    live: dict[str, Any] = {
        META_TABLE: {"1": meta_document("live", generation=1, tx=0, kiosk=kiosk)},
        "state": {key: {"value": value} for key, value in state.items()},
        "tables": tables,
        **hot,
    }
    new.live = encode(live)
    return new


def _entry_months(old: OldFolder, store: RecordStore) -> dict[int, Path]:
    """Each audit entry's new month file: the same month as the old file that held it."""
    found: dict[int, Path] = {}
    for path, data in old.months.items():
        if path.parent == store.audit_dir:
            month = path.name[len("audit-") : -len(".json")]
            for entry in data.get("audit", {}).values():
                found[id(entry)] = store.audit_path(month)
    return found


def convert_folder(store: RecordStore) -> bool:
    """Convert `store`'s folder if it is in the first layout; True if it was converted."""
    with store._writing():  # an OSError: one line naming the file and the cause
        store._make_folders()
        for _ in range(TRIES):
            if store.layout() != FIRST_LAYOUT:
                return False
            old = read_old(store)
            new = plan(store, old)
            for path, payload in new.files.items():
                atomic_json.atomic_write_bytes(path, payload, keep_backup=False)
            with exclusive_lock(store.lock_path, store.lock_wait):
                if store.layout() != FIRST_LAYOUT:
                    return False
                now = {path: stamp_of(path) for path in old_files(store)}
                if now != old.stamps:
                    continue  # a writer of the old kiosk changed something: read it again
                _copy_old(store, list(now))
                atomic_json.atomic_write_bytes(
                    store.journal_dir / journal_name(1), journal_header(1), keep_backup=False
                )
                # The switch: live.json becomes the new checkpoint.
                atomic_json.atomic_write_bytes(store.live_path, new.live, keep_backup=False)
                store._view = None
            finish_conversion(store)
            return True
        raise KioskError(
            f"data folder {store.data_dir} kept changing while it was converted; stop the other "
            "kiosk commands and run 'kiosk migrate' again"
        )


def _copy_old(store: RecordStore, files: list[Path]) -> None:
    copy = store.data_dir / COPY_DIR
    if copy.exists():
        shutil.rmtree(copy)  # links left by a try that was killed before the switch
    owner = owner_of(store.live_path)
    for path in files:
        target = copy / path.relative_to(store.data_dir)
        make_folder(target.parent, owner)
        os.link(path, target)
    for folder in {copy, *(p.parent for p in copy.rglob("*") if p.is_file())}:
        fsync_dir(folder)
    fsync_dir(store.data_dir)


def finish_conversion(store: RecordStore) -> None:
    """Remove the first layout's files that the copy holds (step 3; safe to repeat)."""
    with store._writing():
        copy = store.data_dir / COPY_DIR
        if not copy.is_dir():
            return
        touched = set()
        for kept in copy.rglob("*.json*"):
            original = store.data_dir / kept.relative_to(copy)
            if original == store.live_path or not original.exists():
                continue
            if original.samefile(kept):
                original.unlink()
                touched.add(original.parent)
        for folder in touched:
            fsync_dir(folder)
