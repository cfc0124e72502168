"""Issue 22: what a touchscreen action writes does not grow with the school. A sign-in, a
sign-out and a confiscated phone stored write the same bytes, with the same number of
flushes, with 210 pupils on the roster as with 5,000. Bytes: what the process handed to
write() during the action, by any route (Linux's /proc/self/io); flushes: calls of fsync and
fdatasync. No time is measured."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.domain.rules import make_rules
from kiosk.domain.visitor_form import VisitorDetails
from kiosk.services.context import KioskContext, for_touchscreen
from kiosk.services.phones.phone_store import check_phone_form, store_phone
from kiosk.services.visitors.sign_in import sign_in
from kiosk.services.visitors.sign_out import sign_out_visit
from kiosk.store import RecordStore
from tests.policy.term_data import STAFF_ID, QuietHardware, load_roster, primary_roster

RULES = make_rules("Phones in the foyer only.", "flat")
VISITOR = VisitorDetails("visitor", "Flat Visitor", "Flat Ltd", "Mrs Khan", "")


IO = Path("/proc/self/io")


def written_bytes() -> int:
    for line in IO.read_text().splitlines():
        if line.startswith("wchar:"):
            return int(line.split()[1])
    raise AssertionError("no wchar in /proc/self/io")


class Counted:
    """Bytes written and flushes (fsync, fdatasync) while it is active."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.flushes = 0
        real_fsync = os.fsync
        real_fdatasync = getattr(os, "fdatasync", os.fsync)

        def fsync(fd: int) -> None:
            self.flushes += 1
            real_fsync(fd)

        def fdatasync(fd: int) -> None:
            self.flushes += 1
            real_fdatasync(fd)

        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "fdatasync", fdatasync)

    def measure(self, action: Callable[[], object]) -> tuple[int, int]:
        flushes_before = self.flushes
        bytes_before = written_bytes()
        action()
        return written_bytes() - bytes_before, self.flushes - flushes_before


def school(context: KioskContext, folder: Path, pupils: int) -> KioskContext:
    folder.mkdir()
    school = replace(context, store=RecordStore.open(folder, context.config.tz))
    load_roster(school, size=pupils)  # `kiosk pupils import`, as the office runs it
    settle = getattr(school.store, "checkpoint", None)
    if settle is not None:
        settle()  # both folders start from a fresh checkpoint
    return for_touchscreen(school)


def touchscreen_day(
    context: KioskContext, monkeypatch: pytest.MonkeyPatch
) -> dict[str, tuple[int, int]]:
    counted = Counted(monkeypatch)
    pupil = primary_roster(size=210)[0]  # the same pupil and class on both rosters
    form = check_phone_form(
        pupil.name, pupil.class_name, "black phone", "BAG-0001", "confiscated", False,
        pupil_id=pupil.id,
    )  # fmt: skip
    visits: list[str] = []
    written = {
        "sign-in": counted.measure(lambda: visits.append(sign_in(context, VISITOR, RULES).id)),
        "sign-out": counted.measure(lambda: sign_out_visit(context, visits[0], "name")),
        "phone stored": counted.measure(
            lambda: store_phone(context, QuietHardware(), form, STAFF_ID)
        ),
    }
    monkeypatch.undo()
    return written


@pytest.mark.skipif(not IO.exists(), reason="counts bytes with Linux's /proc/self/io")
def test_a_touchscreen_write_is_the_same_with_210_and_5000_pupils(
    context: KioskContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    primary = touchscreen_day(school(context, tmp_path / "primary", 210), monkeypatch)
    secondary = touchscreen_day(school(context, tmp_path / "big", 5000), monkeypatch)
    print(f"bytes and flushes per action: {primary}")
    assert primary == secondary, f"210 pupils: {primary}; 5,000 pupils: {secondary}"
    for action, (written, flushes) in primary.items():
        assert 0 < written <= 16 * 1024, f"{action} wrote {written} bytes"
        assert flushes == 1, f"{action} flushed {flushes} times"  # the journal line only
