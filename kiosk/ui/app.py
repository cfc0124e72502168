"""The touchscreen app: a kiosk that cannot be left, that forgets what was typed when idle.

Where the kiosk goes next is decided by the Navigator (kiosk/ui/navigator.py), the class
this one builds on; this file holds the app's life: hardware, the one heartbeat, idle reset
and leaving.
"""

from __future__ import annotations

import gc
import logging
from functools import partial
from importlib import import_module

from textual import events
from textual.app import App
from textual.driver import Driver
from textual.errors import NoWidget
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer

from hardware.interface import Hardware
from kiosk.domain.languages import ENGLISH
from kiosk.services.admin.store_watch import StoreStatus
from kiosk.services.context import (
    KioskContext,
    checkpoint_due,
    checkpoint_if_due,
    for_touchscreen,
    open_context,
)
from kiosk.services.hardware_setup import build_for
from kiosk.services.languages import load_languages
from kiosk.ui.fire_watch import FireWatch
from kiosk.ui.key_gate import CUT, PASS, KeyGate, already_gated, gated_driver
from kiosk.ui.language import speak, spoken
from kiosk.ui.messages import DoorChanged, ScanTooLong
from kiosk.ui.navigator import Navigator, hide_idle_warning, screen_modules
from kiosk.ui.scanning import ScansCodes
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.store_monitor import StoreMonitor
from kiosk.ui.tap_guard import TapGuard, TapTarget
from kiosk.ui.tap_log import TAP_LOG
from kiosk.ui.terminal_watch import hung_up, leave_for_sure, terminal_fd
from kiosk.ui.theme import KIOSK_THEME, KIOSK_VARIABLE_DEFAULTS
from kiosk.ui.watchdog import start_watchdog
from kiosk.ui.widgets.hardware_strip import HardwareStrip
from kiosk.ui.widgets.still_there import StillThere

log = logging.getLogger("kiosk.ui")
FATAL_LINE = "The kiosk stopped after an error; it restarts by itself. Details are in the journal."

HEARTBEAT_SECONDS = 1.0
# A screen holding typed input says "Still there?" this long before the idle reset.
IDLE_WARNING_SECONDS = 15


_startup_frozen = False


def freeze_startup_objects() -> None:
    """Everything built to start (Textual, our modules, the stylesheet: some 130,000 objects)
    lives as long as the kiosk. Moved out of the garbage collector's sight once welcome is
    drawn and the other screens are imported, the collector's full passes, which otherwise
    stall whatever tap they land on for a quarter of a second on a busy 2-core machine, take
    a tenth of that. Once per process: a
    test run starts hundreds of apps, and freezing again would keep the old ones' garbage."""
    global _startup_frozen
    if not _startup_frozen:
        _startup_frozen = True
        gc.freeze()


class KioskApp(Navigator, inherit_bindings=False):
    # Welcome's own styles too, read with the app's: loaded by the screen instead, they made
    # Textual parse the whole stylesheet a second time before the first frame.
    CSS_PATH = ["app.tcss", "screens/welcome.tcss"]
    ENABLE_COMMAND_PALETTE = False
    ALLOW_SELECT = False
    BINDINGS = []  # nothing a visitor presses quits, suspends or copies
    TITLE = "Foyer Kiosk"
    # Every screen gets -short under 30 rows (80x24: the panel with large text, or a small
    # terminal), -tall from 30: styles that need the height (the demo's door buttons) use it.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    # Published by the StoreMonitor; screens and the simulated-hardware strip watch them.
    store_status: reactive[StoreStatus | None] = reactive(None, init=False)
    hardware_summary: reactive[str] = reactive("", init=False)
    # What became of the roll call's last print (kiosk/ui/fire_watch.py); the roll call shows it.
    roll_call_print: reactive[str] = reactive("", init=False, always_update=True)

    def __init__(
        self,
        context: KioskContext | None = None,
        hardware: Hardware | None = None,
        *,
        heartbeat: bool = True,
    ) -> None:
        """`heartbeat=False`: no timer; tests move their FakeClock and call `heartbeat()`."""
        self.key_gate = KeyGate()  # before Textual's own set-up: it may post messages
        super().__init__()
        self.register_theme(KIOSK_THEME)
        # Set without Textual's theme watcher, whose stylesheet reparse and restyle (nothing is
        # parsed or drawn yet) cost the cold start a tenth of a second on a Pi: the stylesheet
        # is given this theme's variables before its first parse instead. The theme is dark
        # like Textual's default, so the -dark-mode class set in App.__init__ stays right.
        self.set_reactive(App.theme, KIOSK_THEME.name)
        self.stylesheet.set_variables(self.get_css_variables())
        # No arguments: built from KIOSK_CONFIG / KIOSK_DATA_DIR exactly as `kiosk run` does,
        # so `textual run --dev kiosk.app:KioskApp` works.
        self.context = context if context is not None else open_context(create=True)
        for_touchscreen(self.context)
        # The visitor's languages (catalogues read now: a few kilobytes each); English first.
        self.languages = load_languages(self.context.config)
        speak(ENGLISH)
        # Hardware built here is closed here; hardware passed in belongs to the caller.
        self._owns_hardware = hardware is None
        self.hardware: Hardware = hardware if hardware is not None else build_for(self.context)
        self.store_monitor = StoreMonitor(self, self.context, self.hardware)
        self.fire = FireWatch(self, self.context, self.hardware)
        self.tap_guard = TapGuard()
        self.last_activity = self.context.clock.monotonic()
        self._terminal_fd: int | None = None
        self._auto_heartbeat = heartbeat
        self.heartbeat_timer: Timer | None = None
        self._idle_warned = False  # "Still there?" may be up: a key takes it down
        self._bouncing = False  # the finger down now is a bounce: its release goes too

    def get_driver_class(self) -> type[Driver]:
        # Keys past the most a scan can be are dropped in the terminal's input thread, before
        # Textual queues any work for them (kiosk/ui/key_gate.py).
        return gated_driver(super().get_driver_class())

    def check_message_enabled(self, message: Message) -> bool:
        """The same gate for keys that did not come through the terminal (tests, Pilot)."""
        if isinstance(message, events.Key) and not already_gated(message):
            verdict = self.key_gate.admit(message)
            if verdict == CUT:
                self.post_message(ScanTooLong())
            if verdict != PASS:
                return False
        elif isinstance(message, events.MouseDown | events.MouseUp):
            self.key_gate.admit(message)
        return super().check_message_enabled(message)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # The kiosk's own CSS variables, so its styles load under any theme (kiosk/ui/theme.py).
        return dict(KIOSK_VARIABLE_DEFAULTS)

    def on_mount(self) -> None:
        # Found now, while it is a terminal: once hung up it no longer says it is one.
        self._terminal_fd = None if self.is_headless else terminal_fd()
        self.screen_change_signal.subscribe(self, self._screen_changed)
        self.store_monitor.start()
        self.show_welcome()
        self.fire.start()  # an alarm already sounding opens the roll call over welcome
        # systemd: READY=1 and watchdog pings once welcome is drawn (no-op outside systemd).
        self.call_after_refresh(start_watchdog, self)
        # On a later turn than the first frame's: welcome shows before any of it is imported.
        self.call_after_refresh(self.call_later, self.preload_screens, screen_modules())
        if self._auto_heartbeat:
            self.heartbeat_timer = self.set_interval(HEARTBEAT_SECONDS, self.heartbeat)

    def preload_screens(self, modules: tuple[str, ...]) -> None:
        """Import the first of `modules`, then the rest on later turns of the event loop (a
        tap in between is handled in between); then freeze what start-up built."""
        if not modules:
            freeze_startup_objects()
            return
        import_module(modules[0])
        self.call_later(self.preload_screens, modules[1:])

    def on_unmount(self) -> None:
        self.store_monitor.relock()
        if self._owns_hardware:
            self.store_monitor.close()

    def _handle_exception(self, error: Exception) -> None:
        # Whatever broke, the phone store must not stay open behind it.
        self.store_monitor.relock()
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        # Textual's own report is a Rich traceback with every local variable (a pupil's name,
        # a visitor's details) printed on the terminal, which is the foyer screen. The log
        # gets the traceback without locals; the screen gets one calm line.
        log.critical("the kiosk stopped after an unexpected error", exc_info=self._exception)
        self._exit_renderables.append(FATAL_LINE)
        self._close_messages_no_wait()

    # --- the one periodic job ------------------------------------------------------------

    def heartbeat(self) -> None:
        """Once a second (the app's only timer): the terminal, the store and its LED, the idle
        reset, screens that go back to welcome by themselves, then the screen's own refresh
        (the welcome clock, the PIN lockout). Safe with no screen (starting or stopping)."""
        if not self.screen_stack or self.terminal_lost():
            return
        self.store_monitor.update()
        self.checkpoint_when_due()
        if self.reset_if_idle():
            return
        screen = self.kiosk_screen()
        if screen is None:
            return
        if self.shown_long_enough(screen):
            self.return_to_welcome()
            return
        if screen.is_mounted and not screen.leaving:  # not while being replaced
            screen.heartbeat()

    def checkpoint_when_due(self) -> None:
        """The store's checkpoint on a worker thread, never inside a tap (docs/records.md).
        One at a time: a checkpoint slower than a heartbeat is left to finish (a thread
        worker cannot be cancelled, so `exclusive` would only start a second beside it)."""
        if self.checkpoint_running() or not checkpoint_due(self.context):
            return
        self.run_worker(
            partial(checkpoint_if_due, self.context),
            thread=True,
            group="checkpoint",
            exit_on_error=False,
        )

    def checkpoint_running(self) -> bool:
        return any(w.group == "checkpoint" and not w.is_finished for w in self.workers)

    def shown_long_enough(self, screen: KioskScreen) -> bool:
        """A pass or a thank-you that has been up for its time goes back to welcome."""
        seconds = screen.return_after_seconds()
        if seconds is None or screen.shown_at is None:
            return False
        return self.context.clock.monotonic() - screen.shown_at >= seconds

    def terminal_lost(self) -> bool:
        """Leave (relocked) when the terminal has hung up; True when leaving."""
        fd = self._terminal_fd
        if fd is None or not hung_up(fd):
            return False
        log.warning("the terminal has closed: leaving")
        self.store_monitor.relock()
        leave_for_sure()
        self.exit()
        return True

    def reset_if_idle(self) -> bool:
        """Back to welcome, forgetting what was typed, once nobody has touched the screen for
        the configured time. True when it reset.

        A screen holding typed input (HOLDS_INPUT: the sign-in form, the rules, a search)
        shows "Still there?" for the last IDLE_WARNING_SECONDS first, counting down.

        Measured on the monotonic clock: a wall clock stepped back (NTP at boot, a DST
        mistake) must not keep a typed name on screen."""
        screen = self.kiosk_screen()
        if screen is None:
            return False
        if isinstance(screen, WelcomeScreen):
            return self.forget_language_if_idle()
        limit = screen.idle_timeout_seconds()
        if limit is None:
            return False
        idle = self.context.clock.monotonic() - self.last_activity
        left = limit - idle
        if left <= 0:
            self.return_to_welcome()
            return True
        if screen.HOLDS_INPUT and left <= IDLE_WARNING_SECONDS:
            self.warn_idle(screen, round(left))
        else:
            hide_idle_warning(screen)
        return False

    def forget_language_if_idle(self) -> bool:
        """A language chosen on welcome by someone who then walked away: English again for
        the next visitor after the idle time. True when it reset."""
        if spoken().english:
            return False
        idle = self.context.clock.monotonic() - self.last_activity
        if idle < self.context.config.idle_timeout_seconds:
            return False
        self.return_to_welcome()
        return True

    def warn_idle(self, screen: KioskScreen, seconds_left: int) -> None:
        self._idle_warned = True
        found = screen.query(StillThere)
        if found:
            found.first().show(seconds_left)
        else:
            screen.mount(StillThere(seconds_left))

    # --- hardware ------------------------------------------------------------------------

    def on_door_changed(self, message: DoorChanged) -> None:
        self.store_monitor.update()

    def _screen_changed(self, screen: Screen[object]) -> None:
        if self.hardware.simulated and not screen.query(HardwareStrip):
            set_door = self.store_monitor.set_door if self.context.demo else None
            set_alarm = (
                getattr(self.hardware, "set_fire_alarm", None) if self.context.demo else None
            )
            if getattr(self.hardware, "fire_alarm", None) is None:
                set_alarm = None
            screen.mount(HardwareStrip(set_door, set_alarm))
        self.store_monitor.update()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown | events.MouseUp | events.Click):
            self.mark_activity()
            if isinstance(event, events.Key) and self._idle_warned and self.screen_stack:
                self._idle_warned = False
                hide_idle_warning(self.screen)  # a tap on it hides it itself (StillThere)
            if isinstance(event, events.Key) and self._scanned_here(event):
                return
        if (
            isinstance(event, events.MouseDown | events.MouseUp)
            and not event.is_forwarded
            and not self._tap_counts(event)
        ):
            return  # a finger's bounce: no widget sees its press or its release
        await super().on_event(event)

    def _scanned_here(self, event: events.Key) -> bool:
        """A printable key on a screen that reads scans with no box (welcome, the pass, a
        message) goes straight into its scan: no binding takes a printable key and nothing
        there has focus, so Textual's forwarding (a few times the cost of the key itself)
        would end in the same place. A long scan's 256 keys then cost a tap little."""
        if not event.is_printable or self.focused is not None or not self.screen_stack:
            return False
        screen = self.screen
        if not isinstance(screen, ScansCodes):
            return False
        screen.scan.feed(event.character, event.key)  # a printable key never ends a code
        return True

    # --- taps ----------------------------------------------------------------------------

    def _tap_counts(self, event: events.MouseDown | events.MouseUp) -> bool:
        """Judge each tap as it comes in, in the order taps arrived (kiosk/ui/tap_guard.py):
        a refused tap's release is dropped with its press, so no click is made of them."""
        if isinstance(event, events.MouseUp):
            counts = not self._bouncing
            self._bouncing = False
            return counts
        target, repeats = self.tap_target(event.x, event.y)
        arrived = self.tap_guard.arrival(event.time)
        counts = self.tap_guard.allow(arrived, repeats)
        self._bouncing = not counts
        TAP_LOG.debug(
            "received %.3f %d %d %s %s",
            arrived,
            event.x,
            event.y,
            target or "-",
            "taken" if counts else "bounce",
        )
        return counts

    def tap_target(self, x: int, y: int) -> tuple[str, bool]:
        """What a tap at (x, y) lands on (a widget's id, a key's id), and whether that is a
        key tapped again and again on purpose (a letter, a PIN digit)."""
        try:
            widget, _ = self.get_widget_at(x, y)
        except NoWidget:
            return "", False
        if isinstance(widget, TapTarget):  # a TouchButton, the on-screen keyboard
            return widget.tap_target(x, y)
        return widget.id or type(widget).__name__, False
