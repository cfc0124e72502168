"""The touchscreen app: a kiosk that cannot be left, that forgets what was typed when idle."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import App

from kiosk.services.context import KioskContext, open_context
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.watchdog import start_watchdog


class KioskApp(App[None], inherit_bindings=False):
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = False
    ALLOW_SELECT = False
    BINDINGS = []  # nothing a visitor presses quits, suspends or copies
    TITLE = "Foyer Kiosk"

    def __init__(self, context: KioskContext | None = None, hardware: Any = None) -> None:
        super().__init__()
        # No arguments: built from KIOSK_CONFIG / KIOSK_DATA_DIR exactly as `kiosk run` does,
        # so `textual run --dev kiosk.app:KioskApp` works.
        self.context = context if context is not None else open_context(create=True)
        self.hardware = hardware
        self.last_activity = self.context.now()

    def on_mount(self) -> None:
        self.push_screen(WelcomeScreen())
        # systemd: READY=1 and watchdog pings once welcome is drawn (no-op outside systemd).
        self.call_after_refresh(start_watchdog, self)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown | events.MouseUp | events.Click):
            self.last_activity = self.context.now()
        await super().on_event(event)
