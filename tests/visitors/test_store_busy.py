"""Issue 22: while an admin command holds the data lock, the kiosk's write waits a bounded
time and then says "busy, try again" in one calm line; the screen stays as it was and the
same tap works once the lock is free. Never a frozen screen, never the fault screen."""

from __future__ import annotations

import fcntl
import os

import pytest

from kiosk.errors import StoreBusy
from kiosk.ui.screens.fault import FaultScreen
from kiosk.ui.screens.rules import RulesScreen
from kiosk.ui.screens.visitor_pass import PassScreen
from tests.helpers import SIZE, read_rules_to_end, tap, tap_sign_in


def hold_lock(path) -> int:
    """Another process's writer, as `kiosk pupils import` would be: its own open file."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o640)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


@pytest.mark.parametrize("language", ["en", "pl"])
async def test_a_sign_in_while_the_store_is_busy_says_try_again(app, context, language) -> None:
    async with app.run_test(size=SIZE) as pilot:
        if language == "pl":
            await tap(pilot, "#language")  # the line is for the visitor: in their language
        await tap_sign_in(pilot, "contractor", ["Kim Busy", "Acme Lifts", "Mrs Patel", "AB12 CDE"])
        assert isinstance(app.screen, RulesScreen)
        await read_rules_to_end(pilot)  # as a visitor does
        app.context.store.lock_wait = 0  # the bound reached at once (no waiting in tests)
        holder = hold_lock(app.context.store.lock_path)
        try:
            await tap(pilot, "#agree")
            await pilot.pause()
            assert isinstance(app.screen, RulesScreen), "the screen stays as it was"
            assert not isinstance(app.screen, FaultScreen)
            shown = [n.message for n in app._notifications]
            assert shown == [
                {
                    "en": StoreBusy.LINE,
                    "pl": "Kiosk jest przez chwilę zajęty: nic nie zostało zapisane. "
                    "Spróbuj ponownie.",
                }[language]
            ]
            assert context.store.live("visits") == []  # nothing half-saved
        finally:
            os.close(holder)  # the command finishes
        await tap(pilot, "#agree")  # the same tap, a moment later
        await pilot.pause()
        assert isinstance(app.screen, PassScreen)
        assert [v["name"] for v in context.store.live("visits")] == ["Kim Busy"]


def test_the_kiosk_waits_a_bounded_time_and_commands_longer(context) -> None:
    from kiosk.services.context import for_touchscreen
    from kiosk.store.file_lock import COMMAND_WAIT, KIOSK_WAIT

    assert context.store.lock_wait == COMMAND_WAIT
    assert for_touchscreen(context).store.lock_wait == KIOSK_WAIT < COMMAND_WAIT
