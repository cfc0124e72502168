"""Where the kiosk goes next: the one place that knows every screen.

Screens post what happened (kiosk/ui/messages.py); the app (which mixes this in) reacts here
by showing the next screen from the map below. To add a screen: write it in
kiosk/ui/screens/, give it a message for what it ends with, and add its entry here, imported
where it is first wanted (see docs/ui-architecture.md).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib import import_module
from pkgutil import iter_modules
from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import App
from textual.screen import Screen

from kiosk.domain.clock import parse_iso
from kiosk.domain.ids import pass_from_typed
from kiosk.errors import KioskError, NotFound, StoreBusy
from kiosk.services.context import KioskContext
from kiosk.ui import messages, screens
from kiosk.ui.scan_buffer import code_kind
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.screens.fault import FaultScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.widgets.still_there import StillThere

if TYPE_CHECKING:
    from kiosk.domain.records import Staff
    from kiosk.domain.visitor_form import VisitorDetails
    from kiosk.services.regulars.regular_visitors import CardSignIn
    from kiosk.ui.screens.message import MessageScreen
    from kiosk.ui.screens.rules import RulesScreen
    from kiosk.ui.screens.sign_out_confirm import ConfirmSignOutScreen
    from kiosk.ui.screens.visitor_pass import PassScreen

log = logging.getLogger("kiosk.ui")

USED_PASS_TITLE = "This pass cannot be used"
BAG_LABEL_MESSAGE = "That is a phone bag label: staff, please tap Staff first."
UNKNOWN_CODE_MESSAGE = "Sorry, that code is not a visitor pass. Tap Sign out to find your name."
BUSY_SECONDS = 6  # how long "busy, try again" stays over the screen


# Only welcome (and the fault screen, which must show even when something else cannot load)
# is imported at start: importing every screen, the rules' Markdown and the services behind
# them before welcome could be drawn made the kiosk's cold start twice a bare Textual app's.
# The rest are imported once welcome is drawn (KioskApp.preload_screens), one module per turn
# of the event loop so a tap in between is not held up, and in any case on first use.
def screen_modules() -> tuple[str, ...]:
    """Every module in kiosk/ui/screens/, the ones to import once welcome is drawn (those
    already loaded cost nothing): found in the folder, so a new screen is never left out."""
    return tuple(f"{screens.__name__}.{found.name}" for found in iter_modules(screens.__path__))


def built_later(module: str, name: str) -> Callable[[], Screen[None]]:
    """A kept screen's builder that imports its module when the screen is first wanted."""

    def build() -> Screen[None]:
        return cast("Callable[[], Screen[None]]", getattr(import_module(module), name))()

    return build


# Screens kept once built: building their seventy-odd widgets on every tap would cost a Pi a
# visible pause (the rules' Markdown alone is some fifty widgets). A kept screen empties
# itself (`forget()`) whenever the kiosk returns to welcome; one that shows a visitor's own
# details is readied with them (`prepare()`) before it is shown. Every other screen is built
# afresh with what it shows.
KEPT_SCREENS: dict[str, Callable[[], Screen[None]]] = {
    "sign-in": built_later("kiosk.ui.screens.sign_in", "SignInScreen"),
    "sign-out": built_later("kiosk.ui.screens.sign_out", "SignOutScreen"),
    "rules": built_later("kiosk.ui.screens.rules", "RulesScreen"),
    "pass": built_later("kiosk.ui.screens.visitor_pass", "PassScreen"),
    "confirm-sign-out": built_later("kiosk.ui.screens.sign_out_confirm", "ConfirmSignOutScreen"),
    "message": built_later("kiosk.ui.screens.message", "MessageScreen"),
}


def staff_task_screen(task: str, staff: Staff) -> Screen[None]:
    """What a staff menu button opens, given the member of staff."""
    if task == "store-phone":
        from kiosk.ui.screens.phone_store import PhoneStoreScreen

        return PhoneStoreScreen(staff)
    if task == "return-phones":
        from kiosk.ui.screens.phone_return import PhoneReturnScreen

        return PhoneReturnScreen(staff)
    if task == "roll-call":
        from kiosk.ui.screens.roll_call import RollCallScreen

        return RollCallScreen()
    raise KeyError(task)


def hide_idle_warning(screen: Screen[object]) -> None:
    """Take "Still there?" off a screen (a kept screen must not show it next time)."""
    for warning in screen.query(StillThere):
        warning.hide()


def fault_summary(error: BaseException) -> str:
    return f"unexpected error ({type(error).__name__}); details are in the journal"


class Navigator(App[None]):
    """KioskApp's base: the handlers of the app-level messages screens post, and the moves
    every screen may ask for (home, a fault). KioskApp adds the app's life around it."""

    SCREENS: ClassVar[dict[str, Callable[[], Screen[None]]]] = KEPT_SCREENS

    context: KioskContext
    last_activity: float  # the clock's monotonic(): when somebody last touched the screen

    def kiosk_screen(self) -> KioskScreen | None:
        """The screen showing, if it is one of ours (Textual's default screen is not)."""
        if not self.screen_stack:
            return None
        screen = self.screen
        return screen if isinstance(screen, KioskScreen) else None

    def mark_activity(self) -> None:
        self.last_activity = self.context.clock.monotonic()

    # --- going back ----------------------------------------------------------------------

    def return_to_welcome(self) -> None:
        """Drop every screen above welcome; what they held (typed names) goes with them.

        Screens kept for reuse (sign in, sign out) clear themselves in `forget()`."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, WelcomeScreen):
            screen = self.kiosk_screen()
            if screen is not None:
                screen.forget()
            hide_idle_warning(self.screen)
            self.pop_screen()
        self.mark_activity()
        if self.screen_stack and isinstance(self.screen, WelcomeScreen):
            self.screen.forget()

    def show_welcome(self) -> None:
        self.push_screen(WelcomeScreen())

    def show_fault(self, error: BaseException) -> None:
        """A calm full-screen message instead of a traceback; what was stored stays stored.

        The store busy for a moment (an admin command saving) is no fault: one calm line over
        the screen, which stays as it was, so the same tap works a moment later."""
        if isinstance(error, StoreBusy):
            log.warning("store busy: a write waited %s s for the data lock", error.waited)
            self.notify(StoreBusy.LINE, severity="warning", timeout=BUSY_SECONDS)
            return
        log.error("kiosk screen fault: %s", type(error).__name__, exc_info=error)
        # Our own errors are one line written for the office; any other exception's text may
        # hold a record's contents (a pupil's name), which the foyer screen must never show.
        detail = str(error) if isinstance(error, KioskError) else fault_summary(error)
        self.push_screen(FaultScreen(detail))

    def show_message(self, title: str, body: str, tone: str) -> None:
        self.return_to_welcome()
        message = cast("MessageScreen", self.get_screen("message"))
        message.prepare(title, body, tone=tone)
        self.push_screen(message)

    # --- visitors ------------------------------------------------------------------------

    def on_sign_in_chosen(self) -> None:
        self.push_screen("sign-in")

    def on_sign_out_chosen(self) -> None:
        self.push_screen("sign-out")

    def on_visitor_details_given(self, message: messages.VisitorDetailsGiven) -> None:
        self.show_rules(message.details, message.card)

    def show_rules(self, details: VisitorDetails, card: CardSignIn | None) -> None:
        """The kept rules screen, readied for this visitor; a calm fault if the rules (or an
        agreement) cannot be read."""
        rules = cast("RulesScreen", self.get_screen("rules"))
        try:
            rules.prepare(details, card)
        except Exception as error:
            self.show_fault(error)
            return
        self.push_screen(rules)

    def on_visitor_signed_in(self, message: messages.VisitorSignedIn) -> None:
        self.return_to_welcome()
        visitor_pass = cast("PassScreen", self.get_screen("pass"))
        visitor_pass.prepare(message.visit)
        self.push_screen(visitor_pass)

    def on_visitor_picked(self, message: messages.VisitorPicked) -> None:
        confirm = cast("ConfirmSignOutScreen", self.get_screen("confirm-sign-out"))
        confirm.prepare(message.match)
        self.push_screen(confirm)

    def on_visitor_signed_out(self, message: messages.VisitorSignedOut) -> None:
        record = message.record
        first_name = record["name"].split()[0]
        at = parse_iso(record["signed_out_at"]).astimezone(self.context.config.tz)
        self.show_message(
            f"Goodbye, {first_name}.", f"Signed out at {at:%H:%M}, thank you.", "good"
        )

    def on_show_message(self, message: messages.ShowMessage) -> None:
        self.show_message(message.title, message.body, message.tone)

    def on_code_scanned(self, message: messages.CodeScanned) -> None:
        """A pass signs its holder out; a regular's card signs them in or out; anything else
        is explained on welcome. A pass's code typed from the text under its QR (any case,
        spaces or hyphens) counts as the pass."""
        from kiosk.services.visitors.sign_out import sign_out_by_pass

        code = pass_from_typed(message.code) or message.code
        kind = code_kind(code, self.context.config.bag_label_prefix)
        if kind == "card":
            self.card_scanned(code)
            return
        if kind != "pass":
            self.return_to_welcome()
            if isinstance(self.screen, WelcomeScreen):
                text = BAG_LABEL_MESSAGE if kind == "bag" else UNKNOWN_CODE_MESSAGE
                self.screen.show_scan_message(text)
            return
        try:
            record = sign_out_by_pass(self.context, code)
        except NotFound as refused:
            self.show_message(USED_PASS_TITLE, f"{refused} Please ask at reception.", "refused")
            return
        except Exception as error:  # the store failed: say so calmly, keep what is stored
            self.show_fault(error)
            return
        self.on_visitor_signed_out(messages.VisitorSignedOut(record))

    def card_scanned(self, code: str) -> None:
        """A regular visitor's card: the rules, pre-filled (the host asked first only when the
        card has none); or signed out at once if they were on site; or one calm line."""
        from kiosk.services.regulars.regular_visitors import CardRefused, CardSignOut, scan_card
        from kiosk.ui.screens.sign_in import SignInScreen

        try:
            result = scan_card(self.context, code)
        except Exception as error:  # the store or the rules file failed: calm fault screen
            self.show_fault(error)
            return
        if isinstance(result, CardRefused):
            self.show_message(result.message, "", "refused")
            return
        if isinstance(result, CardSignOut):
            self.on_visitor_signed_out(messages.VisitorSignedOut(result.visit))
            return
        self.return_to_welcome()
        if result.ask_host:
            self.push_screen("sign-in")
            sign_in = self.screen
            if isinstance(sign_in, SignInScreen):
                sign_in.start_for_card(result)
        else:
            self.show_rules(result.details, result)

    # --- staff ---------------------------------------------------------------------------

    def on_staff_chosen(self) -> None:
        from kiosk.ui.screens.staff_pin import StaffPinScreen

        self.push_screen(StaffPinScreen())

    def on_staff_logged_in(self, message: messages.StaffLoggedIn) -> None:
        from kiosk.ui.screens.staff_menu import StaffMenuScreen

        self.switch_screen(StaffMenuScreen(message.staff, message.notices))

    def on_staff_task_chosen(self, message: messages.StaffTaskChosen) -> None:
        self.push_screen(staff_task_screen(message.task, message.staff))

    def on_phones_chosen(self, message: messages.PhonesChosen) -> None:
        from kiosk.ui.screens.phone_return_to import ReturnToScreen

        self.push_screen(ReturnToScreen(message.staff, message.phones))

    def on_store_opened(self, message: messages.StoreOpened) -> None:
        from kiosk.ui.screens.phone_store_open import StoreOpenScreen

        self.switch_screen(StoreOpenScreen(message.title, message.body, message.door_open))
