"""The touchscreen app: a kiosk that cannot be left, that forgets what was typed when idle."""

from __future__ import annotations

import logging

from textual import events
from textual.app import App

from hardware.interface import Hardware
from kiosk.services.context import KioskContext, open_context
from kiosk.ui.hardware_link import HardwareLink, build_for
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.tap_guard import TapGuard
from kiosk.ui.terminal_watch import hung_up, leave_for_sure, terminal_fd
from kiosk.ui.watchdog import start_watchdog

log = logging.getLogger("kiosk.ui")
FATAL_LINE = "The kiosk stopped after an error; it restarts by itself. Details are in the journal."


class KioskApp(App[None], inherit_bindings=False):
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = False
    ALLOW_SELECT = False
    BINDINGS = []  # nothing a visitor presses quits, suspends or copies
    TITLE = "Foyer Kiosk"

    def __init__(
        self, context: KioskContext | None = None, hardware: Hardware | None = None
    ) -> None:
        super().__init__()
        # No arguments: built from KIOSK_CONFIG / KIOSK_DATA_DIR exactly as `kiosk run` does,
        # so `textual run --dev kiosk.app:KioskApp` works.
        self.context = context if context is not None else open_context(create=True)
        # Hardware built here is closed here; hardware passed in belongs to the caller.
        self._owns_hardware = hardware is None
        self.hardware: Hardware = hardware if hardware is not None else build_for(self.context)
        self.hardware_link = HardwareLink(self, self.context, self.hardware)
        self.last_activity = self.context.now()
        self.tap_guard = TapGuard()
        self._terminal_fd: int | None = None

    def on_mount(self) -> None:
        # Found now, while it is a terminal: once hung up it no longer says it is one.
        self._terminal_fd = None if self.is_headless else terminal_fd()
        self.hardware_link.start()  # before welcome, so it gets the simulated-hardware strip
        self.push_screen(WelcomeScreen())
        # systemd: READY=1 and watchdog pings once welcome is drawn (no-op outside systemd).
        self.call_after_refresh(start_watchdog, self)
        self.set_interval(1, self.tick)

    def on_unmount(self) -> None:
        self.hardware_link.relock()
        if self._owns_hardware:
            self.hardware_link.close()

    def _handle_exception(self, error: Exception) -> None:
        # Whatever broke, the phone store must not stay open behind it.
        self.hardware_link.relock()
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        # Textual's own report is a Rich traceback with every local variable (a pupil's name,
        # a visitor's details) printed on the terminal, which is the foyer screen. The log
        # gets the traceback without locals; the screen gets one calm line.
        log.critical("the kiosk stopped after an unexpected error", exc_info=self._exception)
        self._exit_renderables.append(FATAL_LINE)
        self._close_messages_no_wait()

    def tick(self) -> None:
        """Once a second: idle reset, and screens that go back to welcome by themselves."""
        if self.terminal_lost():
            return
        if self.reset_if_idle():
            return
        screen = self.screen
        if isinstance(screen, KioskScreen) and screen.shown_at is not None:
            seconds = screen.return_after_seconds()
            shown_for = (self.context.now() - screen.shown_at).total_seconds()
            if seconds is not None and shown_for >= seconds:
                self.return_to_welcome()

    def terminal_lost(self) -> bool:
        """Leave (relocked) when the terminal has hung up; True when leaving."""
        fd = self._terminal_fd
        if fd is None or not hung_up(fd):
            return False
        log.warning("the terminal has closed: leaving")
        self.hardware_link.relock()
        leave_for_sure()
        self.exit()
        return True

    def reset_if_idle(self) -> bool:
        """Back to welcome, forgetting what was typed, once nobody has touched the screen for
        the configured time. True when it reset."""
        screen = self.screen
        if isinstance(screen, WelcomeScreen) or not getattr(screen, "IDLE_RESET", True):
            return False
        idle = (self.context.now() - self.last_activity).total_seconds()
        if idle < self.context.config.idle_timeout_seconds:
            return False
        self.return_to_welcome()
        return True

    def return_to_welcome(self) -> None:
        """Drop every screen above welcome; what they held (typed names) goes with them.

        Screens kept for reuse (sign in, sign out) clear themselves in `forget()`."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, WelcomeScreen):
            forget = getattr(self.screen, "forget", None)
            if callable(forget):
                forget()
            self.pop_screen()
        self.last_activity = self.context.now()
        if isinstance(self.screen, WelcomeScreen):
            self.screen.forget()

    def show_fault(self, error: BaseException) -> None:
        """A calm full-screen message instead of a traceback; what was stored stays stored."""
        from kiosk.ui.screens.fault import FaultScreen

        log.error("kiosk screen fault: %r", error, exc_info=error)
        self.push_screen(FaultScreen(str(error)))

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown | events.MouseUp | events.Click):
            self.last_activity = self.context.now()
        await super().on_event(event)
