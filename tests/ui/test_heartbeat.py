"""The app's one cadence: a heartbeat that tests drive with the fake clock, safe with no
screen, idle measured on the monotonic clock, door events posted from gpiozero's thread, and
one touch button that never takes focus and drops the second half of a double tap."""

from __future__ import annotations

import threading
from datetime import timedelta

from textual.widgets import Button

from hardware import build_hardware
from kiosk.ui.screens.sign_in import SignInScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.widgets.touch_button import TouchButton
from tests.helpers import SIZE, beat, make_app, tap, tap_text


async def test_a_wall_clock_stepped_back_does_not_keep_a_typed_name_on_screen(app, context):
    timeout = context.config.idle_timeout_seconds
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        await tap_text(pilot, "Sam Kaur")
        # NTP (or a person) sets the wall clock back an hour; real time goes on.
        context.clock.set(context.clock.now() - timedelta(hours=1))
        await beat(pilot, timeout - 1)
        assert isinstance(app.screen, SignInScreen)
        await beat(pilot, 1)
        assert isinstance(app.screen, WelcomeScreen)
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        assert app.screen.query_one("#name").value == ""


async def test_the_heartbeat_is_safe_with_no_screen(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert not app.screen_stack  # the app has left: no screen at all
    app.heartbeat()  # a late tick must not raise ScreenStackError


async def test_tests_drive_the_one_heartbeat_and_no_screen_runs_a_timer(app, context):
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#staff")
        assert app.heartbeat_timer is None
        ours = [
            t
            for node in app.walk_children(with_self=True)
            for t in node._timers
            if getattr(t._callback, "__module__", "").startswith("kiosk")
        ]
        assert ours == [], "periodic work belongs to the app's heartbeat"
    assert make_app(context).heartbeat_timer is None


async def test_a_door_event_from_another_thread_reaches_the_app(context):
    hardware = build_hardware(context.config.hardware, mode="mock")
    app = make_app(context, hardware)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.store_status is not None and app.store_status.door_closed is True
        # gpiozero reports from its own thread: the app hears it without a heartbeat.
        opener = threading.Thread(target=hardware.set_door_closed, args=(False,))
        opener.start()
        opener.join()
        for _ in range(50):
            await pilot.pause()
            if app.store_status.door_closed is False:
                break
        assert app.store_status.door_closed is False
        assert "Door: OPEN" in app.hardware_summary
    hardware.close()


async def test_every_button_is_a_touch_button_that_never_takes_focus(app):
    # The double tap itself: test_a_double_tap_on_* in tests/visitors/test_kiosk_behaviour.py.
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for step in ("#sign-in", "#type-visitor"):
            buttons = list(app.screen.query(Button))
            assert buttons
            assert all(isinstance(b, TouchButton) and not b.can_focus for b in buttons)
            await tap(pilot, step)


async def test_the_store_checkpoints_from_the_heartbeat_never_inside_a_tap(
    app, context, monkeypatch
) -> None:
    """Issue 22: each touchscreen write is one journal line and one flush; when the journal
    has grown past its limit, the next heartbeat checkpoints on a worker thread."""
    import kiosk.store.record_store as record_store
    from kiosk.services.visitors.sign_in import sign_in
    from tests.admin.seeding import RULES
    from tests.store.test_flat_writes import VISITOR

    monkeypatch.setattr(record_store, "JOURNAL_LIMIT", 2000)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        sign_in(app.context, VISITOR, RULES)  # the folder's first write
        journal = context.store.journal_path()
        for _ in range(9):  # past the limit: no tap checkpoints
            sign_in(app.context, VISITOR, RULES)
        assert context.store.journal_path() == journal
        assert context.store.checkpoint_due()
        await beat(pilot, 1)
        await app.workers.wait_for_complete()
        assert context.store.journal_path() != journal, "the heartbeat made the checkpoint"
        assert not context.store.checkpoint_due()
        assert len(context.store.live("visits")) == 10


async def test_a_damaged_live_file_does_not_stop_the_heartbeat(app, context) -> None:
    """The heartbeat asks whether a checkpoint is due: a live.json damaged on the card makes
    that question fail, which must leave the kiosk running (the store monitor shows the
    fault), not stop it with "The kiosk stopped after an error"."""
    from kiosk.services.visitors.sign_in import sign_in
    from tests.admin.seeding import RULES
    from tests.store.test_flat_writes import VISITOR

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        sign_in(app.context, VISITOR, RULES)
        context.store.live_path.write_text("{not json")
        await beat(pilot, 1)
        await app.workers.wait_for_complete()
        assert app._exception is None
        assert isinstance(app.screen, WelcomeScreen)


async def test_a_slow_checkpoint_is_not_started_again_by_the_next_heartbeat(
    app, context, monkeypatch
) -> None:
    """A checkpoint that takes longer than a heartbeat (a slow SD card) is still running at
    the next beat: that beat starts no second one beside it (a thread worker cannot be
    cancelled, so `exclusive` alone would leave two writing at once)."""
    entered = threading.Event()
    release = threading.Event()
    started: list[int] = []

    def slow_checkpoint() -> None:
        started.append(1)
        entered.set()
        release.wait(10)

    monkeypatch.setattr(context.store, "checkpoint_due", lambda: True)
    monkeypatch.setattr(context.store, "checkpoint", slow_checkpoint)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await beat(pilot, 1)
        assert entered.wait(10), "the heartbeat started a checkpoint"
        await beat(pilot, 1)
        await beat(pilot, 1)
        release.set()
        await app.workers.wait_for_complete()
        assert len(started) == 1
