"""`kiosk check` for the data folder: every file readable, every record against its schema,
no id twice, no record open and closed at once, and the audit trail. Writes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.errors import DataFileError, KioskError
from kiosk.store.live_view import CLOSABLE, MONTH_FILE, REFERENCE_KINDS
from kiosk.store.schema import FIRST_LAYOUT, SCHEMA_VERSION

if TYPE_CHECKING:
    from kiosk.store.live_view import LiveView
    from kiosk.store.record_store import RecordStore

LAYOUT_WORDS = {
    0: "no records yet",
    1: "the first layout (kiosks before issue 22): 'kiosk migrate' or starting the kiosk "
    "converts it",
    2: "layout 2 (journal, tables and month files of one line per record; docs/records.md)",
}


def layout_line(store: RecordStore) -> str:
    """Which layout the folder uses, for `kiosk check`'s report."""
    try:
        layout = store.layout()
    except KioskError as exc:
        return f"data folder {store.data_dir}: layout unknown ({exc})"
    return f"data folder {store.data_dir} uses {LAYOUT_WORDS.get(layout, str(layout))}"


def data_files(store: RecordStore) -> list[Path]:
    """live.json, the journal, the table files live.json names, and the month files."""
    files = [store.live_path] if store.live_path.exists() else []
    try:
        view = store._current()
    except KioskError:
        view = None
    if view is not None and view.journal_path is not None:
        files.append(view.journal_path)
        files.extend(store.data_dir / name for name, _ in view.table_files.values())
    for folder in (store.history_dir, store.audit_dir):
        if folder.is_dir():
            files.extend(sorted(p for p in folder.iterdir() if MONTH_FILE.match(p.name)))
    return files


def check_store(running: RecordStore, verify_audit: bool = True) -> list[str]:
    # Read everything afresh: a file edited by hand (or restored from a backup) is seen even
    # by a process that already holds it in memory.
    store = type(running)(running.data_dir, running.tz, running.kiosk_id)
    store.level_failure = running.level_failure
    problems = _check(store, verify_audit)
    running.skipped.update(store.skipped)
    return problems


def _check(store: RecordStore, verify_audit: bool) -> list[str]:
    if not store.data_dir.is_dir():
        return [f"data folder {store.data_dir} does not exist"]
    try:
        layout = store.layout()
    except DataFileError as exc:
        return [str(exc)]
    if layout == FIRST_LAYOUT:
        return [layout_line(store)]
    if layout not in (0, SCHEMA_VERSION):
        return [layout_line(store)]
    problems: list[str] = []
    try:
        view = store._current()
        for kind in REFERENCE_KINDS:
            try:
                store._table(kind)
            except DataFileError as exc:
                problems.append(str(exc))
    except DataFileError as exc:
        return [str(exc)]
    unreadable = bool(problems)
    if view.journal_path is not None and view.journal_size != view.journal_end:
        problems.append(_cut_short(view.journal_path, "it was never acknowledged"))
    for kind in view.tables:
        store.live(kind)
    for key in view.state_keys():
        store.state(key)  # each value against its check (STATE_VALUES)
    store._note_unplaceable(view)
    for kind in (*CLOSABLE, "audit"):
        for month in store.months(kind):
            path = store.audit_path(month) if kind == "audit" else store.history_path(kind, month)
            try:
                month_file = store._months.read(path, kind)
            except DataFileError as exc:
                problems.append(str(exc))
                unreadable = True
                continue
            if month_file is None:
                continue
            store._note_bad(path, kind, month_file.bad)
            if month_file.size == 0:
                problems.append(f"data file {path} is empty (it was cut short)")
            elif month_file.size != month_file.end:
                meaning = (
                    "the journal still holds what is missing and the next write restores it"
                    if _journal_covers(view, path, store)
                    else "any lines after it are missing"
                )
                problems.append(_cut_short(path, meaning))
            key = "seq" if kind == "audit" else "id"
            for ident in sorted(set(month_file.repeated)):
                problems.append(f"data file {path}: {kind} {key} {ident} appears twice")
    problems.extend(str(bad) for bad in store.skipped.values())
    if store.level_failure:
        problems.append(store.level_failure)
    if not unreadable:
        problems.extend(_open_and_closed(store))
    if verify_audit and not unreadable:
        verdict = store.verify_audit()
        if verdict.problem:
            problems.append(f"audit trail: {verdict.problem}")
    return problems


def _cut_short(path: Path, meaning: str) -> str:
    return (
        f"data file {path} ends with a line cut short (a write stopped by a power cut, or "
        f"damage): {meaning}; the next write removes it, or restore a backup"
    )


def _journal_covers(view: LiveView, path: Path, store: RecordStore) -> bool:
    """Lines of `path` that the journal still holds (a writer killed mid-append): the next
    writer appends them again, so a cut-short tail there is expected."""
    for line in view.lines:
        for kind, month, _ in line.get("close", ()):
            if store.history_path(kind, month) == path:
                return True
        for month, _ in line.get("audit", ()):
            if store.audit_path(month) == path:
                return True
    return False


def _open_and_closed(store: RecordStore) -> list[str]:
    """A record open in live.json and closed in a history month: the closed one counts."""
    problems = []
    for kind in CLOSABLE:
        open_ids = {r["id"] for r in store.live(kind)}
        if not open_ids:
            continue
        for month in store.months(kind):
            for record in store.history(kind, month):
                if record["id"] in open_ids:
                    problems.append(
                        f"{kind} id {record['id']} is open in live.json but closed in "
                        f"{store.history_path(kind, month)}; the closed record counts"
                    )
    return problems
