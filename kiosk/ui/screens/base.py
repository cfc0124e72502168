"""The screen every kiosk screen derives from: no inherited copy or quit bindings."""

from __future__ import annotations

from typing import cast

from textual import events, on
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from kiosk.domain.languages import Language
from kiosk.ui.kiosk_api import KioskAPI
from kiosk.ui.language import spoken
from kiosk.ui.tap_log import TAP_LOG
from kiosk.ui.widgets.built_only import BuiltOnly


class KioskScreen(BuiltOnly, Screen[None], inherit_bindings=False):
    """A full-screen kiosk page. Tab moves focus for a physical keyboard; nothing else is bound.

    A screen never opens another screen itself: it posts a message from kiosk/ui/messages.py
    saying what happened, and the app's navigator decides what comes next. Going back
    (`self.app.pop_screen()`) and going home (`self.kiosk.return_to_welcome()`) are fine.
    """

    BINDINGS = [
        Binding("tab", "app.focus_next", show=False),
        Binding("shift+tab", "app.focus_previous", show=False),
    ]

    # Screens holding typed personal data set this so the idle reset forgets it.
    HOLDS_INPUT = False
    # False keeps a screen up when nobody touches it (e.g. a fire roll call being read out).
    IDLE_RESET = True
    # Seconds after which a screen goes back to welcome by itself (a pass, a thank-you), or None.
    RETURN_AFTER_SECONDS: float | None = None

    # When the screen last became the one shown, on the kiosk's monotonic clock (auto-return).
    shown_at: float | None = None
    # Set once this screen has told the app it is done: later taps here are ignored until
    # the app has moved on (navigation is a message, handled a moment later).
    leaving = False

    @property
    def kiosk(self) -> KioskAPI:
        return cast("KioskAPI", self.app)

    # The language this screen's words were last shown in (a kept screen's were set when it
    # was built, or last shown): shown again in the visitor's when that differs.
    _words_in: Language | None = None

    # The app stylesheet's rules this screen was last shown with (a kept screen's widgets are
    # styled then, and stay so while those rules are the app's).
    _styled_with: object = None

    @on(events.ScreenResume)
    def _kiosk_screen_shown(self, event: events.ScreenResume) -> None:
        # Textual re-applies every CSS rule to every widget of a screen each time it is pushed.
        # A kept screen (sign in, sign out: ninety-odd widgets) pushed again under the same
        # rules would come out the same, at the cost of a whole-screen restyle on the tap
        # (about a third of "Sign in"). Any change of CSS (a screen's file read for the first
        # time, a theme) makes a new rules list, and then the restyle happens as usual.
        rules = self.app.stylesheet.rules
        if self._styled_with is rules:
            event.refresh_styles = False
        self._styled_with = rules
        self.shown_at = self.kiosk.context.clock.monotonic()
        self.leaving = False
        if self._words_in != spoken():
            self._words_in = spoken()
            self.show_language()

    def show_language(self) -> None:
        """Set this screen's words in the language spoken now (kiosk/ui/language.py). A
        visitor's screen does it for everything it wrote with `_()`; a staff screen has
        nothing to do: it stays English."""

    def tap_ok(self, action: str) -> bool:
        """False once the screen is leaving: a tap that reaches it after it has told the app it
        is done (the app moves on a moment later) does nothing. A finger's bounce never gets
        this far (kiosk/ui/tap_guard.py). TouchButtons ask this themselves; the keyboard's
        Done key and the list rows ask with what the tap would do (`action`, for the demo's
        tap log)."""
        if self.leaving:
            TAP_LOG.debug("ignored %s (the screen is leaving)", action)
            return False
        return True

    def tell_app(self, message: Message) -> None:
        """Say what happened (a message from kiosk/ui/messages.py), once; the app's navigator
        decides which screen comes next."""
        if self.leaving:
            return
        self.leaving = True
        self.post_message(message)

    def return_after_seconds(self) -> float | None:
        return self.RETURN_AFTER_SECONDS

    def idle_timeout_seconds(self) -> float | None:
        """How long untouched before the kiosk goes back to welcome; None: never."""
        return float(self.kiosk.context.config.idle_timeout_seconds) if self.IDLE_RESET else None

    @property
    def holds_screen(self) -> bool:
        """True while nothing may replace this screen (the fire alarm's roll call)."""
        return False

    def heartbeat(self) -> None:
        """Called once a second by the app while this screen shows (a clock, a countdown)."""

    def forget(self) -> None:
        """Called when the kiosk returns to welcome: drop anything typed (kept screens)."""
