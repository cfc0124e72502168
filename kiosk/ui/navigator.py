"""Where the kiosk goes next: the one place that knows every screen.

Screens post what happened (kiosk/ui/messages.py); the app (which mixes this in) reacts here
by showing the next screen from the map below. To add a screen: write it in
kiosk/ui/screens/, give it a message for what it ends with, and add its entry here (see
docs/ui-architecture.md).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import ClassVar

from textual.app import App
from textual.screen import Screen

from kiosk.domain.clock import parse_iso
from kiosk.domain.ids import pass_from_typed
from kiosk.domain.visitor_form import VisitorDetails
from kiosk.errors import KioskError, NotFound
from kiosk.services.context import KioskContext
from kiosk.services.regular_visitors import CardRefused, CardSignIn, CardSignOut, scan_card
from kiosk.services.sign_out import sign_out_by_pass
from kiosk.ui import messages
from kiosk.ui.scan_buffer import code_kind
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.screens.fault import FaultScreen
from kiosk.ui.screens.message import MessageScreen
from kiosk.ui.screens.phone_return import PhoneReturnScreen
from kiosk.ui.screens.phone_return_to import ReturnToScreen
from kiosk.ui.screens.phone_store import PhoneStoreScreen
from kiosk.ui.screens.phone_store_open import StoreOpenScreen
from kiosk.ui.screens.roll_call import RollCallScreen
from kiosk.ui.screens.rules import RulesScreen
from kiosk.ui.screens.sign_in import SignInScreen
from kiosk.ui.screens.sign_out import SignOutScreen
from kiosk.ui.screens.sign_out_confirm import ConfirmSignOutScreen
from kiosk.ui.screens.staff_menu import StaffMenuScreen
from kiosk.ui.screens.staff_pin import StaffPinScreen
from kiosk.ui.screens.visitor_pass import PassScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.widgets.still_there import StillThere

log = logging.getLogger("kiosk.ui")

USED_PASS_TITLE = "This pass cannot be used"
BAG_LABEL_MESSAGE = "That is a phone bag label: staff, please tap Staff first."
UNKNOWN_CODE_MESSAGE = "Sorry, that code is not a visitor pass. Tap Sign out to find your name."

# Screens kept once built: building their seventy-odd widgets on every tap would cost a Pi a
# visible pause (the rules' Markdown alone is some fifty widgets). A kept screen empties
# itself (`forget()`) whenever the kiosk returns to welcome; one that shows a visitor's own
# details is readied with them (`prepare()`) before it is shown. Every other screen is built
# afresh with what it shows.
KEPT_SCREENS: dict[str, Callable[[], Screen[None]]] = {
    "sign-in": SignInScreen,
    "sign-out": SignOutScreen,
    "rules": RulesScreen,
    "pass": PassScreen,
    "confirm-sign-out": ConfirmSignOutScreen,
    "message": MessageScreen,
}
# What a staff menu button opens, given the member of staff.
STAFF_TASKS = {
    "store-phone": PhoneStoreScreen,
    "return-phones": PhoneReturnScreen,
    "roll-call": lambda staff: RollCallScreen(),
}


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
        """A calm full-screen message instead of a traceback; what was stored stays stored."""
        log.error("kiosk screen fault: %s", type(error).__name__, exc_info=error)
        # Our own errors are one line written for the office; any other exception's text may
        # hold a record's contents (a pupil's name), which the foyer screen must never show.
        detail = str(error) if isinstance(error, KioskError) else fault_summary(error)
        self.push_screen(FaultScreen(detail))

    def show_message(self, title: str, body: str, tone: str) -> None:
        self.return_to_welcome()
        message = self.get_screen("message")
        assert isinstance(message, MessageScreen)
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
        rules = self.get_screen("rules")
        assert isinstance(rules, RulesScreen)
        try:
            rules.prepare(details, card)
        except Exception as error:
            self.show_fault(error)
            return
        self.push_screen(rules)

    def on_visitor_signed_in(self, message: messages.VisitorSignedIn) -> None:
        self.return_to_welcome()
        visitor_pass = self.get_screen("pass")
        assert isinstance(visitor_pass, PassScreen)
        visitor_pass.prepare(message.visit)
        self.push_screen(visitor_pass)

    def on_visitor_picked(self, message: messages.VisitorPicked) -> None:
        confirm = self.get_screen("confirm-sign-out")
        assert isinstance(confirm, ConfirmSignOutScreen)
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
        self.push_screen(StaffPinScreen())

    def on_staff_logged_in(self, message: messages.StaffLoggedIn) -> None:
        self.switch_screen(StaffMenuScreen(message.staff, message.notices))

    def on_staff_task_chosen(self, message: messages.StaffTaskChosen) -> None:
        self.push_screen(STAFF_TASKS[message.task](message.staff))

    def on_phones_chosen(self, message: messages.PhonesChosen) -> None:
        self.push_screen(ReturnToScreen(message.staff, message.phones))

    def on_store_opened(self, message: messages.StoreOpened) -> None:
        self.switch_screen(StoreOpenScreen(message.title, message.body, message.door_open))
