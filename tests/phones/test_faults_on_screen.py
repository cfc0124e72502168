"""Issue 9.3 and 9.4 at the kiosk: a bad record or a damaged old month never stops it; the
fault shows on the staff screen and the LED; nothing of a record reaches the screen."""

from __future__ import annotations

import errno

import pytest

import kiosk.store.atomic_json as atomic_json
from hardware.interface import LedState
from kiosk.cli.run_command import run_app
from kiosk.services.admin.health_check import startup_blocker
from kiosk.ui.app import FATAL_LINE
from kiosk.ui.screens.staff_menu import StaffMenuScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from tests.admin.seeding import phone, visit
from tests.helpers import STAFF_PIN, log_in, make_app
from tests.store_files import spoil

PUPIL = "Alex Brown"


def spoil_stored_at(context) -> None:
    for record in context.store.live("phones"):
        spoil(context.store, "phones", record["id"], "stored_at", "garbage")


async def test_a_garbage_stored_at_does_not_stop_the_kiosk(context, hardware, staff) -> None:
    phone(context, "2026-11-25T08:40", pupil=PUPIL)
    spoil_stored_at(context)
    assert startup_blocker(context) is None

    app = make_app(context, hardware)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert hardware.led.state is LedState.FAULT
        await log_in(pilot, STAFF_PIN)
        assert isinstance(app.screen, StaffMenuScreen)
        app.store_monitor.update()
        await pilot.pause()
        fault = str(app.screen.query_one("#menu-fault").render())
        assert "Kiosk fault: data file" in fault and "stored_at" in fault
        assert PUPIL not in fault
        for widget in app.screen.query("Static"):
            assert PUPIL not in str(widget.render())


async def test_a_damaged_old_history_month_only_raises_the_fault(context, hardware) -> None:
    visit(context, "2026-10-01T09:00", signed_out="2026-10-01T10:00")
    history = context.store.history_path("visits", "2026-10")
    assert history.exists()  # the signed-out visit went to its month's history as it closed
    history.write_text("{not json")
    visit(context, "2026-11-25T08:30", name="Zoë Lane")  # signing in still works

    assert startup_blocker(context) is None
    app = make_app(context, hardware)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert hardware.led.state is LedState.FAULT
        assert app.store_status is not None
        assert "visits-2026-10.json" in app.store_status.fault


async def test_the_led_shows_a_failed_write_until_a_write_succeeds(
    context, hardware, monkeypatch
) -> None:
    from kiosk.errors import DataWriteError

    visit(context, "2026-11-25T08:30")
    app = make_app(context, hardware)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert hardware.led.state is not LedState.FAULT

        def full(fd: int) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(atomic_json.os, "fsync", full)
        monkeypatch.setattr(atomic_json.os, "fdatasync", full)
        with pytest.raises(DataWriteError), context.store.transaction() as tx:
            tx.set_state("x", 1)
        monkeypatch.undo()
        app.store_monitor.update()
        assert hardware.led.state is LedState.FAULT
        assert "the disk is full" in app.store_status.fault

        with context.store.transaction() as tx:
            tx.set_state("x", 2)
        app.store_monitor.update()
        assert hardware.led.state is not LedState.FAULT


def test_only_an_unreadable_live_file_stops_kiosk_run(context) -> None:
    from argparse import Namespace

    from kiosk.errors import KioskError

    context.store.live_path.write_text("{not json")
    args = Namespace(config=None, data_dir=str(context.store.data_dir))
    with pytest.raises(KioskError, match=r"live\.json is damaged"):
        run_app(args)


async def test_a_crash_never_puts_a_traceback_or_locals_on_screen(context, hardware) -> None:
    app = make_app(context, hardware)

    def explode() -> None:
        pupil_name = PUPIL  # a local, as in the crash the issue saw
        raise RuntimeError(f"cannot show {len(pupil_name)} letters")

    printed: list[object] = []

    class Recording(list):  # what Textual prints on the terminal when it exits
        def append(self, item: object) -> None:
            printed.append(item)
            super().append(item)

    app._exit_renderables = Recording()
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.call_later(explode)
            await pilot.pause()
    rendered = "".join(str(r) for r in printed)
    assert rendered == FATAL_LINE
    assert PUPIL not in rendered and "Traceback" not in rendered
