"""The month files: closed records (history/KIND-YYYY-MM.jsonl) and the audit trail
(audit/audit-YYYY-MM.jsonl), one JSON line per entry after a `_meta` header line.

Lines are only ever appended, each tagged with the transaction (`tx`) that wrote it, so a
process keeps what it has read and reads only what grew, and a writer knows how far a file
has got: `bring_level` appends whatever the journal committed that a file lacks (its writer
was killed, or the power went, before it appended them).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import kiosk.store.line_files as line_files
from kiosk.errors import DataFileError
from kiosk.store.atomic_json import Stamp, stamp_from
from kiosk.store.line_files import Entry, plain_line, read_lines
from kiosk.store.live_view import first_problem
from kiosk.store.schema import file_version, meta_document

Record = dict[str, Any]


@dataclass
class MonthFile:
    path: Path
    kind: str  # "visits", "phones" or "audit"
    inode: int = 0
    end: int = 0  # just past the last good line
    size: int = 0
    last_tx: int = 0
    items: list[Record] = field(default_factory=list)  # good records or entries, in order
    every: list[Record] = field(default_factory=list)  # good and bad, in the file's order
    bad: list[tuple[Record, tuple[str, str]]] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)  # ids found twice
    _ids: set[str] = field(default_factory=set)

    def take(self, entries: Iterable[Entry], first: bool) -> None:
        for n, line in enumerate(entries):
            if first and n == 0:
                if "_meta" not in line:
                    raise DataFileError(
                        self.path, "is damaged (no _meta header line)", DataFileError.FROM_BACKUP
                    )
                file_version(self.path, line)
                continue
            if "_meta" in line:
                continue
            tx, value = line.get("tx"), line.get("entry" if self.kind == "audit" else "record")
            if not isinstance(tx, int) or not isinstance(value, dict):
                raise DataFileError(
                    self.path, "is damaged (a line holds no record)", DataFileError.FROM_BACKUP
                )
            self.last_tx = max(self.last_tx, tx)
            self.every.append(value)
            problem = first_problem(self.kind, value)
            if problem is not None:
                self.bad.append((value, problem))
                continue
            key = str(value.get("seq" if self.kind == "audit" else "id"))
            if key in self._ids:
                self.repeated.append(key)
            self._ids.add(key)
            self.items.append(value)


class MonthFiles:
    """What this process has read of each month file, kept while the file only grows."""

    def __init__(self) -> None:
        self._files: dict[Path, MonthFile] = {}
        # Files found damaged, with their stamp then: one restored (or changed) is read again.
        self._damaged: dict[Path, tuple[Stamp, DataFileError]] = {}

    def read(self, path: Path, kind: str) -> MonthFile | None:
        try:
            info = os.stat(path)
        except FileNotFoundError:
            self._files.pop(path, None)
            return None
        damaged = self._damaged.get(path)
        if damaged is not None:
            if damaged[0] == stamp_from(info):
                raise damaged[1]  # unchanged since: not read again at every write
            del self._damaged[path]
        try:
            return self._read(path, kind, info)
        except DataFileError as exc:
            self._files.pop(path, None)
            self._damaged[path] = (stamp_from(info), exc)
            raise

    def _read(self, path: Path, kind: str, info: os.stat_result) -> MonthFile | None:
        cached = self._files.get(path)
        if cached is not None and cached.inode == info.st_ino and info.st_size >= cached.end:
            if info.st_size != cached.size:
                found = read_lines(path, cached.end)
                if found is None:
                    self._files.pop(path, None)
                    return None
                cached.take(found.entries, first=False)
                cached.end, cached.size = found.end, found.size
            return cached
        self._files.pop(path, None)
        found = read_lines(path)
        if found is None:
            return None
        month = MonthFile(path, kind, inode=found.inode, end=found.end, size=found.size)
        if found.size and not found.entries:
            # Header and first lines go in one write: a file without a whole header line
            # was not left by a kill.
            raise DataFileError(path, "is damaged (no header line)", DataFileError.FROM_BACKUP)
        month.take(found.entries, first=True)
        self._files[path] = month
        return month

    def appended(self, path: Path, kind: str, lines: list[tuple[int, Record]], end: int) -> None:
        """What this process just appended (records already checked when written): the next
        read need not read it back."""
        cached = self._files.get(path)
        if cached is None:
            return
        for tx, value in lines:
            cached.last_tx = max(cached.last_tx, tx)
            cached.every.append(value)
            cached.items.append(value)
            key = str(value.get("seq" if kind == "audit" else "id"))
            if key in cached._ids:
                cached.repeated.append(key)
            cached._ids.add(key)
        cached.end = cached.size = end

    def still_damaged(self, path: Path) -> bool:
        """Found damaged, and not changed since (a restored file is read again)."""
        damaged = self._damaged.get(path)
        if damaged is None:
            return False
        try:
            info = os.stat(path)
        except FileNotFoundError:
            return False
        return damaged[0] == stamp_from(info)

    def forget(self, path: Path) -> None:
        self._files.pop(path, None)
        self._damaged.pop(path, None)


def header(kind: str, kiosk: str) -> bytes:
    return plain_line({"_meta": meta_document(kind, kiosk=kiosk)})


def history_line(tx: int, record: Record) -> bytes:
    return plain_line({"tx": tx, "record": record})


def audit_line(tx: int, entry: Record) -> bytes:
    return plain_line({"tx": tx, "entry": entry})


@dataclass
class Planned:
    kind: str
    lines: list[tuple[int, bytes, Record]] = field(default_factory=list)


def bring_level(
    files: MonthFiles,
    lines: Iterable[Entry],
    history_path: Callable[[str, str], Path],
    audit_path: Callable[[str], Path],
    kiosk: str,
) -> tuple[set[Path], dict[Path, DataFileError]]:
    """Append to each month file the committed lines it lacks; delete dropped months.

    Returns the files the lines are for, and those that could not be read (damaged: left as
    they are, their lines stay in the journal). The caller holds the store lock."""
    plan: dict[Path, Planned] = {}
    dropped: dict[Path, int] = {}
    for line in lines:
        tx = int(line.get("tx", 0))
        for kind, month, record in line.get("close", ()):
            planned = plan.setdefault(history_path(kind, month), Planned(kind))
            planned.lines.append((tx, history_line(tx, record), record))
        for month, entry in line.get("audit", ()):
            planned = plan.setdefault(audit_path(month), Planned("audit"))
            planned.lines.append((tx, audit_line(tx, entry), entry))
        for kind, month in line.get("drop", ()):
            path = audit_path(month) if kind == "audit" else history_path(kind, month)
            dropped[path] = max(tx, dropped.get(path, 0))
    failed: dict[Path, DataFileError] = {}
    for path, planned in plan.items():
        after = dropped.get(path, 0)
        try:
            current = files.read(path, planned.kind)
        except DataFileError as exc:
            failed[path] = exc
            continue
        last = current.last_tx if current is not None else 0
        new = [(tx, data, value) for tx, data, value in planned.lines if tx > max(last, after)]
        if not new:
            continue
        body = b"".join(data for _, data, _ in new)
        if current is None or current.end == 0:  # new, or only a cut-short header
            line_files.append(path, header(planned.kind, kiosk) + body, at=0)
        else:
            end = line_files.append(path, body, at=current.end)
            files.appended(path, planned.kind, [(tx, value) for tx, _, value in new], end)
    for path in dropped:
        for victim in (path, path.with_name(path.name + ".bak")):
            victim.unlink(missing_ok=True)
        files.forget(path)
    return set(plan), failed
