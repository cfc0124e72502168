"""What screens tell the app: something happened; the app decides which screen comes next.

A screen posts one of these (`self.post_message(...)`); it bubbles from the screen to the
app, whose navigator (kiosk/ui/navigator.py) picks the next screen from its map. Screens
never import each other, only this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual.message import Message

# Only named in annotations: importing the services here would load them all before the
# welcome screen is drawn (see screen_modules in kiosk/ui/navigator.py).
if TYPE_CHECKING:
    from hardware.interface import AlarmReading
    from kiosk.domain.attendance import AttendanceEvent
    from kiosk.domain.records import Staff, Visit
    from kiosk.domain.visitor_form import VisitorDetails
    from kiosk.services.phones.phones_waiting import HeldPhone
    from kiosk.services.regulars.regular_visitors import CardSignIn
    from kiosk.services.visitors.sign_out import SignOutMatch

# --- visitors ------------------------------------------------------------------------------


class SignInChosen(Message):
    """Welcome: the visitor tapped Sign in."""


class SignOutChosen(Message):
    """Welcome: the visitor tapped Sign out."""


class LanguageChosen(Message):
    """Welcome: the visitor chose the language of their screens (a catalogue's code)."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code


class ScanTooLong(Message):
    """A scan (a run of keys with no other key between) went past the most a code can be:
    the rest of it was dropped unread (kiosk/ui/key_gate.py)."""


class CodeScanned(Message):
    """A USB scanner (or a typed pass code) finished a code: a pass, a bag label, or junk."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code


class VisitorDetailsGiven(Message):
    """Sign in: every answer checks out; the phone rules come next (for a regular visitor's
    card, with the card: the host was the only question)."""

    def __init__(self, details: VisitorDetails, card: CardSignIn | None = None) -> None:
        super().__init__()
        self.details = details
        self.card = card


class VisitorSignedIn(Message):
    """Rules: the visitor agreed and the visit is stored; the pass comes next."""

    def __init__(self, visit: Visit) -> None:
        super().__init__()
        self.visit = visit


class VisitorPicked(Message):
    """Sign out: the visitor tapped their name; "is this you?" comes next."""

    def __init__(self, match: SignOutMatch) -> None:
        super().__init__()
        self.match = match


class VisitorSignedOut(Message):
    """The visit is closed (by name, pass or card); goodbye comes next, with `note` under it
    (a stopped card to hand in)."""

    def __init__(self, record: dict[str, Any], note: str = "") -> None:
        super().__init__()
        self.record = record
        self.note = note


class ShowMessage(Message):
    """Back to welcome with a full-screen message over it (declined rules, a used pass)."""

    def __init__(self, title: str, body: str = "", tone: str = "good") -> None:
        super().__init__()
        self.title = title
        self.body = body
        self.tone = tone


# --- staff ---------------------------------------------------------------------------------


class StaffChosen(Message):
    """Welcome: Staff tapped; the PIN pad comes next."""


class StaffLoggedIn(Message):
    """The PIN checked out; the staff menu replaces the PIN pad."""

    def __init__(self, staff: Staff, notices: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.staff = staff
        self.notices = notices  # PIN lockouts since the last login, a weak PIN to change


class StaffTaskChosen(Message):
    """Staff menu: "store-phone", "return-phones", "pupils" or "roll-call"."""

    def __init__(self, task: str, staff: Staff) -> None:
        super().__init__()
        self.task = task
        self.staff = staff


class PhonesChosen(Message):
    """Return phones: the batch is chosen; who collects them comes next. `adult_name`: the
    adult who just collected the pupil early, offered as the one the phones go to."""

    def __init__(self, staff: Staff, phones: Sequence[HeldPhone], adult_name: str = "") -> None:
        super().__init__()
        self.staff = staff
        self.phones = list(phones)
        self.adult_name = adult_name


class StoreOpened(Message):
    """The record is written and the lock opened; the open-store screen replaces the form.

    `door_open` is what staff do while the door is open: the screen that opened the store
    knows whether a phone goes in or phones come out."""

    def __init__(self, title: str, body: str, door_open: str) -> None:
        super().__init__()
        self.title = title
        self.body = body
        self.door_open = door_open


# --- pupils: late arrivals and early collections --------------------------------------------


class LateArrivalChosen(Message):
    """Welcome: Late arrival tapped."""


class CollectPupilChosen(Message):
    """Welcome: Collect a pupil tapped."""


class LateArrivalRecorded(Message):
    """The late arrival is stored; a thank-you (and "hand your phone in") comes next."""

    def __init__(self, event: AttendanceEvent) -> None:
        super().__init__()
        self.event = event


class CollectionRequested(Message):
    """The collection request is stored and the office told; "please wait" comes next."""

    def __init__(self, event: AttendanceEvent) -> None:
        super().__init__()
        self.event = event


class CollectionPicked(Message):
    """Staff's pupils list: a collection waiting was tapped; the handover screen comes next."""

    def __init__(self, staff: Staff, event_id: str) -> None:
        super().__init__()
        self.staff = staff
        self.event_id = event_id


class ArrivalPhoneToStore(Message):
    """Staff: store the phone a late pupil declared (the store form, that pupil chosen)."""

    def __init__(self, staff: Staff, event: AttendanceEvent) -> None:
        super().__init__()
        self.staff = staff
        self.event = event


class StaffSignChosen(Message):
    """Welcome: "I work here" tapped; the staff name search comes next."""


class StaffSigned(Message):
    """A member of staff is signed in or out (by card or by name); the one-line greeting
    comes next, and then welcome by itself."""

    def __init__(self, greeting: str, note: str = "") -> None:
        super().__init__()
        self.greeting = greeting
        self.note = note  # a second line, e.g. why a sign-in is marked "no PIN"


class StaffCardForPhones(Message):
    """The staff PIN pad, locked after wrong PINs: a member of staff scanned their card, so
    they can hand phones back (phones must still go home in a lockout)."""

    def __init__(self, staff: Staff) -> None:
        super().__init__()
        self.staff = staff


# --- the fire roll call --------------------------------------------------------------------


class RollCallChosen(Message):
    """Welcome or the fault screen: Fire roll call tapped and confirmed (no PIN needed)."""


class RollCallPrintAsked(Message):
    """The roll call's Print button: print a fresh list on the school's printer."""


class RollCallClosed(Message):
    """The roll call is done: staff closed the alarm's list with their PIN, or Close was
    tapped on one opened by hand. Back to welcome."""


# --- hardware ------------------------------------------------------------------------------


class DoorChanged(Message):
    """The store's door sensor changed (posted from gpiozero's thread: post_message is
    thread-safe); the app checks the store at once instead of at the next heartbeat."""

    def __init__(self, is_closed: bool) -> None:
        super().__init__()
        self.is_closed = is_closed


class FireAlarmChanged(Message):
    """The fire alarm input's reading changed, once settled (posted from a timer thread):
    the alarm started or ended, or its wiring broke or was mended."""

    def __init__(self, reading: AlarmReading) -> None:
        super().__init__()
        self.reading = reading
