"""Where the kiosk goes next: the one place that knows every screen.

Screens post what happened (kiosk/ui/messages.py); the app (which mixes this in) reacts here
by showing the next screen from the map below. To add a screen: write it in
kiosk/ui/screens/, give it a message for what it ends with, and add its entry here, imported
where it is first wanted (see docs/ui-architecture.md).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from importlib import import_module
from pkgutil import iter_modules
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual.app import App
from textual.screen import Screen

from kiosk.domain.clock import parse_iso
from kiosk.domain.ids import looks_like_pass, pass_from_typed
from kiosk.domain.languages import ENGLISH, N_, Language
from kiosk.errors import KioskError, NotFound, StoreBusy
from kiosk.services.context import KioskContext
from kiosk.services.languages import Languages
from kiosk.ui import messages, screens
from kiosk.ui.language import _, speak
from kiosk.ui.scan_buffer import code_kind
from kiosk.ui.scanning import ScansCodes
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.screens.fault import FaultScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.widgets.still_there import StillThere

if TYPE_CHECKING:
    from kiosk.domain.records import Staff
    from kiosk.domain.visitor_form import VisitorDetails
    from kiosk.services.fire.roll_call import RollCall
    from kiosk.services.regulars.regular_visitors import CardSignIn
    from kiosk.ui.fire_watch import FireWatch
    from kiosk.ui.screens.message import MessageScreen
    from kiosk.ui.screens.rules import RulesScreen
    from kiosk.ui.screens.sign_out_confirm import ConfirmSignOutScreen
    from kiosk.ui.screens.visitor_pass import PassScreen
    from kiosk.ui.store_monitor import StoreMonitor

log = logging.getLogger("kiosk.ui")

# The visitor's words, translated where they are shown (kiosk/ui/language.py).
USED_PASS_TITLE = N_("This pass cannot be used")
ALARM_SIGN_IN_TITLE = N_("The fire alarm is sounding: signing in is closed.")
ALARM_SIGN_IN_BODY = N_(
    "Please leave the building by the nearest exit and go to the assembly point. "
    "Staff will sign you in when it is safe."
)
# Staff screens and staff messages stay in English (issue 28).
ALARM_STAFF_BODY = (
    "Please go to the assembly point. A staff card still signs you out if you are leaving."
)
BAG_LABEL_MESSAGE = N_("That is a phone bag label: staff, please tap Staff first.")
UNKNOWN_CODE_MESSAGE = N_("Sorry, that code is not a visitor pass. Tap Sign out to find your name.")
# The pupils' journeys are English only, like the staff screens.
PHONE_HAND_IN = "Please hand your phone to the office now, then go to your class."
GO_TO_CLASS = "Please go to your class."
BUSY_SECONDS = 6  # how long "busy, try again" stays over the screen
SCAN_TOO_LONG_MESSAGE = N_(
    "Sorry, that was far too long to be one of our codes, so nothing was done. Please try again."
)
ASK_AT_RECEPTION = N_("Please ask at reception.")


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
    "late-arrival": built_later("kiosk.ui.screens.late_arrival", "LateArrivalScreen"),
    "collect-pupil": built_later("kiosk.ui.screens.collect_pupil", "CollectPupilScreen"),
    "staff-sign": built_later("kiosk.ui.screens.staff_sign", "StaffSignScreen"),
}


def staff_task_screen(task: str, staff: Staff) -> Screen[None]:
    """What a staff menu button opens, given the member of staff."""
    if task == "store-phone":
        from kiosk.ui.screens.phone_store import PhoneStoreScreen

        return PhoneStoreScreen(staff)
    if task == "return-phones":
        from kiosk.ui.screens.phone_return import PhoneReturnScreen

        return PhoneReturnScreen(staff)
    if task == "pupils":
        from kiosk.ui.screens.pupils_desk import PupilsDeskScreen

        return PupilsDeskScreen(staff)
    raise KeyError(task)  # the roll call is opened by Navigator.open_roll_call


Handler = TypeVar("Handler", bound=Callable[..., Any])


def unless_held(handler: Handler) -> Handler:
    """For a handler that would change the screen: nothing, while the screen showing must
    stay (the fire alarm's roll call): a late message from a journey the alarm dropped
    (a sign-in stored just before it) must not take the list off the screen."""

    @functools.wraps(handler)
    def guarded(self: Navigator, *args: Any) -> Any:
        if self.screen_held():
            log.info("%s ignored: the fire alarm's roll call is showing", handler.__name__)
            return None
        return handler(self, *args)

    return cast("Handler", guarded)


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
    languages: Languages  # offered on welcome, English first
    last_activity: float  # the clock's monotonic(): when somebody last touched the screen
    fire: FireWatch  # the alarm input, alarm mode, the roll call's log and printer
    store_monitor: StoreMonitor  # the lock, door and LED

    def kiosk_screen(self) -> KioskScreen | None:
        """The screen showing, if it is one of ours (Textual's default screen is not)."""
        if not self.screen_stack:
            return None
        screen = self.screen
        return screen if isinstance(screen, KioskScreen) else None

    def mark_activity(self) -> None:
        self.last_activity = self.context.clock.monotonic()

    def screen_held(self) -> bool:
        """The screen showing may not be replaced (the fire alarm's roll call)."""
        screen = self.kiosk_screen()
        return screen is not None and screen.holds_screen

    # --- going back ----------------------------------------------------------------------

    def return_to_welcome(self, *, keep_language: bool = False) -> None:
        """Drop every screen above welcome; what they held (typed names) goes with them, and
        the next visitor starts in English. `keep_language`: the navigator goes on with this
        visitor (their pass, a message for them), in the language they chose.

        Screens kept for reuse (sign in, sign out) clear themselves in `forget()`."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, WelcomeScreen):
            screen = self.kiosk_screen()
            if screen is not None:
                screen.forget()
            hide_idle_warning(self.screen)
            self.pop_screen()
        self.mark_activity()
        if not keep_language:
            speak(ENGLISH)  # the language was this visitor's: the next one starts in English
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
            self.notify(_(StoreBusy.LINE), severity="warning", timeout=BUSY_SECONDS)
            return
        log.error("kiosk screen fault: %s", type(error).__name__, exc_info=error)
        if self.screen_held():
            return  # the alarm's roll call stays; the fault is in the journal
        # Our own errors are one line written for the office; any other exception's text may
        # hold a record's contents (a pupil's name), which the foyer screen must never show.
        detail = str(error) if isinstance(error, KioskError) else fault_summary(error)
        self.push_screen(FaultScreen(detail))

    # --- the visitor's language ----------------------------------------------------------

    def on_language_chosen(self, message: messages.LanguageChosen) -> None:
        self.speak_language(self.languages.by_code(message.code))

    def speak_language(self, language: Language) -> None:
        """The visitor's screens in `language` from now until the kiosk is back at welcome;
        welcome shows it at once, a kept screen when it is next shown."""
        speak(language)
        screen = self.kiosk_screen()
        if isinstance(screen, WelcomeScreen):
            screen.show_language()

    @unless_held
    def show_message(self, title: str, body: str, tone: str) -> None:
        """A message for the visitor, in their language until it has gone."""
        self.return_to_welcome(keep_language=True)
        message = cast("MessageScreen", self.get_screen("message"))
        message.prepare(title, body, tone=tone)
        self.push_screen(message)

    # --- visitors ------------------------------------------------------------------------

    def _push_unless_alarm(self, screen: str, title: str, body: str) -> None:
        """Open the named screen for someone signing in; while the fire alarm sounds, the
        message (`title`, `body`) that signing in waits for the all-clear instead."""
        if self.fire.alarm_on:
            self.show_message(title, body, "refused")
        else:
            self.push_screen(screen)

    @unless_held
    def on_sign_in_chosen(self) -> None:
        self._push_unless_alarm("sign-in", _(ALARM_SIGN_IN_TITLE), _(ALARM_SIGN_IN_BODY))

    @unless_held
    def on_sign_out_chosen(self) -> None:
        self.push_screen("sign-out")

    @unless_held
    def on_visitor_details_given(self, message: messages.VisitorDetailsGiven) -> None:
        if self.fire.alarm_on:  # the alarm came while they typed: nothing is stored
            self.show_message(_(ALARM_SIGN_IN_TITLE), _(ALARM_SIGN_IN_BODY), "refused")
            return
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

    @unless_held
    def on_visitor_signed_in(self, message: messages.VisitorSignedIn) -> None:
        self.return_to_welcome(keep_language=True)  # the pass is in the visitor's language
        visitor_pass = cast("PassScreen", self.get_screen("pass"))
        visitor_pass.prepare(message.visit)
        self.push_screen(visitor_pass)

    @unless_held
    def on_visitor_picked(self, message: messages.VisitorPicked) -> None:
        confirm = cast("ConfirmSignOutScreen", self.get_screen("confirm-sign-out"))
        confirm.prepare(message.match)
        self.push_screen(confirm)

    @unless_held
    def on_visitor_signed_out(self, message: messages.VisitorSignedOut) -> None:
        visit = message.visit
        first_name = visit.name.split()[0]
        at = parse_iso(visit.signed_out_at).astimezone(self.context.config.tz)
        # A card stopped while its holder was in: its note asks for the card back as well.
        lanyard = (
            _("Please hand your lanyard back too.")
            if message.note
            else _("Please hand your lanyard back at reception.")
        )
        signed_out = _("Signed out at {time}, thank you.").format(time=f"{at:%H:%M}")
        body = " ".join(filter(None, [signed_out, _(message.note), lanyard]))
        self.show_message(_("Goodbye, {name}.").format(name=first_name), body, "good")

    @unless_held
    def on_show_message(self, message: messages.ShowMessage) -> None:
        self.show_message(message.title, message.body, message.tone)

    @unless_held
    def on_code_scanned(self, message: messages.CodeScanned) -> None:
        """A pass signs its holder out; a regular's card signs them in or out; anything else
        is explained on welcome. A pass's code typed from the text under its QR (any case,
        spaces or hyphens) counts as the pass."""
        from kiosk.services.visitors.sign_out import sign_out_by_pass

        # A scanner reads the QR, which holds the whole token (PASS-...); a person types the
        # code printed under it (7K2M-9QX4-...): the record says which.
        by = "qr" if looks_like_pass(message.code) else "code"
        code = pass_from_typed(message.code) or message.code
        kind = code_kind(code, self.context.config.bag_label_prefix)
        if kind == "card":
            self.card_scanned(code)
            return
        if kind == "slip":
            self.slip_scanned(message.code)
            return
        if kind != "pass":
            self.return_to_welcome(keep_language=True)
            if isinstance(self.screen, WelcomeScreen):
                text = BAG_LABEL_MESSAGE if kind == "bag" else UNKNOWN_CODE_MESSAGE
                self.screen.show_scan_message(_(text))
            return
        try:
            visit = sign_out_by_pass(self.context, code, by=by)
        except NotFound as refused:
            body = f"{_(str(refused))} {_(ASK_AT_RECEPTION)}"
            self.show_message(_(USED_PASS_TITLE), body, "refused")
            return
        except Exception as error:  # the store failed: say so calmly, keep what is stored
            self.show_fault(error)
            return
        self.on_visitor_signed_out(messages.VisitorSignedOut(visit))

    @unless_held
    def on_scan_too_long(self, message: messages.ScanTooLong) -> None:
        """A scan cut short (kiosk/ui/key_gate.py): where scans are read with no box (welcome,
        the pass, a message), what was kept of it is forgotten and welcome says so calmly. In
        a box, the box holds what fitted; its Enter was dropped, so nothing is submitted."""
        if isinstance(self.screen, ScansCodes):
            self.screen.scan.clear()
            self.return_to_welcome(keep_language=True)
            if isinstance(self.screen, WelcomeScreen):
                self.screen.show_scan_message(_(SCAN_TOO_LONG_MESSAGE))

    def card_scanned(self, code: str) -> None:
        """A staff card signs its holder in or out, with a one-line greeting. A regular
        visitor's card: the rules, pre-filled (the host asked first only when the card has
        none); or signed out at once if they were on site; or one calm line."""
        from kiosk.services.regulars.regular_visitors import CardRefused, CardSignOut, scan_card
        from kiosk.ui.screens.sign_in import SignInScreen

        if self.staff_card_scanned(code):
            return
        try:
            result = scan_card(self.context, code)
        except Exception as error:  # the store or the rules file failed: calm fault screen
            self.show_fault(error)
            return
        if isinstance(result, CardRefused):
            self.show_message(_(result.message), "", "refused")
            return
        if isinstance(result, CardSignOut):
            self.on_visitor_signed_out(messages.VisitorSignedOut(result.visit, result.hand_in))
            return
        if self.fire.alarm_on:  # signing out still works; signing in waits for the all-clear
            self.show_message(_(ALARM_SIGN_IN_TITLE), _(ALARM_SIGN_IN_BODY), "refused")
            return
        self.return_to_welcome(keep_language=True)  # a card scanned after choosing a language
        if result.ask_host:
            self.push_screen("sign-in")
            sign_in = self.screen
            if isinstance(sign_in, SignInScreen):
                sign_in.start_for_card(result)
        else:
            self.show_rules(result.details, result)

    # --- pupils: late arrivals and early collections ---------------------------------------

    @unless_held
    def on_late_arrival_chosen(self) -> None:
        # The pupils' screens are English only (welcome keeps these buttons in English).
        self._push_unless_alarm("late-arrival", ALARM_SIGN_IN_TITLE, ALARM_SIGN_IN_BODY)

    @unless_held
    def on_collect_pupil_chosen(self) -> None:
        self._push_unless_alarm("collect-pupil", ALARM_SIGN_IN_TITLE, ALARM_SIGN_IN_BODY)

    @unless_held
    def on_late_arrival_recorded(self, message: messages.LateArrivalRecorded) -> None:
        event = message.event
        first = event.pupil_name.split()[0] if event.pupil_name else ""
        at = parse_iso(event.at).astimezone(self.context.config.tz)
        body = PHONE_HAND_IN if event.phone == "declared" else GO_TO_CLASS
        self.show_message(f"Thank you, {first}. You arrived at {at:%H:%M}.", body, "good")

    @unless_held
    def on_collection_requested(self, message: messages.CollectionRequested) -> None:
        from kiosk.ui.screens.collection_wait import CollectionWaitScreen

        self.return_to_welcome()
        self.push_screen(CollectionWaitScreen(message.event))

    def slip_scanned(self, code: str) -> None:
        """A collected pupil back today: the slip signs them in once."""
        from kiosk.services.attendance.early_collection import sign_back_in_by_slip

        try:
            event = sign_back_in_by_slip(self.context, code)
        except NotFound as refused:
            self.show_message(str(refused), "", "refused")
            return
        except Exception as error:
            self.show_fault(error)
            return
        first = event.pupil_name.split()[0] if event.pupil_name else ""
        self.show_message(f"Welcome back, {first}.", GO_TO_CLASS, "good")

    def staff_card_scanned(self, code: str) -> bool:
        """A staff card: signed in or out, no tap (during the alarm, out only). False when the
        code is not a staff card."""
        from kiosk.services.staff_attendance.signing import CardRefused, Signed, scan_staff_card

        try:
            result = scan_staff_card(self.context, code, may_sign_in=not self.fire.alarm_on)
        except Exception as error:  # the store failed: calm fault screen, nothing half-done
            self.show_fault(error)
            return True
        if result is None:
            return False
        self.speak_language(ENGLISH)  # a member of staff: their messages are English only
        if isinstance(result, Signed):
            self.show_message(result.greeting(self.context.config.tz), "", "good")
        elif isinstance(result, CardRefused):
            self.show_message(result.message, "", "refused")
        else:  # the alarm: signing in waits for the all-clear
            self.show_message(ALARM_SIGN_IN_TITLE, ALARM_STAFF_BODY, "refused")
        return True

    # --- staff ---------------------------------------------------------------------------

    @unless_held
    def on_staff_sign_chosen(self) -> None:
        self.speak_language(ENGLISH)  # the staff screens are English only
        self._push_unless_alarm("staff-sign", ALARM_SIGN_IN_TITLE, ALARM_STAFF_BODY)

    @unless_held
    def on_staff_signed(self, message: messages.StaffSigned) -> None:
        self.show_message(message.greeting, message.note, "good")

    @unless_held
    def on_staff_card_for_phones(self, message: messages.StaffCardForPhones) -> None:
        self.switch_screen(staff_task_screen("return-phones", message.staff))

    @unless_held
    def on_staff_chosen(self) -> None:
        from kiosk.ui.screens.staff_pin import StaffPinScreen

        self.speak_language(ENGLISH)  # the staff screens are English only
        self.push_screen(StaffPinScreen())

    @unless_held
    def on_staff_logged_in(self, message: messages.StaffLoggedIn) -> None:
        from kiosk.services.attendance.attendance_events import staff_notices
        from kiosk.services.fire.fire_log import openings_notice, take_unseen_openings
        from kiosk.services.visitors.reception_checks import supply_staff_to_check
        from kiosk.ui.screens.staff_menu import StaffMenuScreen

        notices = message.notices
        try:  # roll calls opened without a PIN since staff were last told
            told = openings_notice(self.context, take_unseen_openings(self.context))
        except KioskError as exc:
            log.error("roll call notices not read: %s", exc)
            told = ""
        try:  # supply staff for reception to check: never on the visitor's own pass
            check = supply_staff_to_check(self.context)
        except KioskError as exc:
            log.error("supply staff notice not read: %s", exc)
            check = ""
        notices = (*notices, *(notice for notice in (told, check) if notice))
        try:  # collections waiting at the office window, phones declared on arrival
            notices = (*staff_notices(self.context), *notices)
        except KioskError as exc:
            log.error("pupil notices not read: %s", exc)
        self.switch_screen(StaffMenuScreen(message.staff, notices))

    @unless_held
    def on_staff_task_chosen(self, message: messages.StaffTaskChosen) -> None:
        if message.task == "roll-call":
            self.open_roll_call("staff", actor=f"staff:{message.staff.id}")
            return
        self.push_screen(staff_task_screen(message.task, message.staff))

    @unless_held
    def on_phones_chosen(self, message: messages.PhonesChosen) -> None:
        from kiosk.ui.screens.phone_return_to import ReturnToScreen

        self.push_screen(ReturnToScreen(message.staff, message.phones, message.adult_name))

    @unless_held
    def on_collection_picked(self, message: messages.CollectionPicked) -> None:
        from kiosk.ui.screens.collection_handover import HandoverScreen

        self.push_screen(HandoverScreen(message.staff, message.event_id))

    @unless_held
    def on_arrival_phone_to_store(self, message: messages.ArrivalPhoneToStore) -> None:
        from kiosk.ui.screens.phone_store import PhoneStoreScreen

        self.push_screen(PhoneStoreScreen(message.staff, arrival=message.event))

    @unless_held
    def on_store_opened(self, message: messages.StoreOpened) -> None:
        from kiosk.ui.screens.phone_store_open import StoreOpenScreen

        self.switch_screen(StoreOpenScreen(message.title, message.body, message.door_open))

    # --- the fire roll call --------------------------------------------------------------

    def on_roll_call_chosen(self) -> None:
        if not self.screen_held():
            self.open_roll_call("hand")

    def on_fire_alarm_changed(self, message: messages.FireAlarmChanged) -> None:
        if self.fire.changed(message.reading) == "started":
            self.open_roll_call("alarm")
        self.store_monitor.update()  # the LED and the strip follow at once

    def open_roll_call(self, how: str, actor: str = "") -> None:
        """Show the roll call (`how`: "hand", "alarm" or "staff") and log its start once it is
        drawn. The alarm drops any half-finished journey (nothing of it is stored) and takes
        over a roll call already showing, ticks and all."""
        from kiosk.services.fire.roll_call import make_roll_call
        from kiosk.ui.screens.roll_call import RollCallScreen

        roll = make_roll_call(self.context)
        showing = self.screen
        if how == "alarm" and isinstance(showing, RollCallScreen) and not showing.closed:
            self.fire.closed(showing.event_id, "kiosk", "the fire alarm started")
            showing.become_alarm(roll)
            screen = showing
        else:
            if how != "staff":
                self.return_to_welcome()
            screen = RollCallScreen(roll, how, printer=bool(self.fire.printer))
            self.push_screen(screen)
        self.call_after_refresh(self._roll_call_shown, screen, how, roll, actor)

    def _roll_call_shown(self, screen: Any, how: str, roll: RollCall, actor: str) -> None:
        screen.event_id = self.fire.started(how, roll, actor)

    def on_roll_call_print_asked(self) -> None:
        from kiosk.ui.screens.roll_call import RollCallScreen

        screen = self.screen
        self.fire.print_list(screen.event_id if isinstance(screen, RollCallScreen) else "")

    def on_roll_call_closed(self) -> None:
        from kiosk.ui.screens.roll_call import RollCallScreen

        screen = self.screen
        if isinstance(screen, RollCallScreen):
            screen.close_reason = "closed by hand"  # logged as it goes (forget())
        self.return_to_welcome()
