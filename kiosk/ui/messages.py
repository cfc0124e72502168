"""What screens tell the app: something happened; the app decides which screen comes next.

A screen posts one of these (`self.post_message(...)`); it bubbles from the screen to the
app, whose navigator (kiosk/ui/navigator.py) picks the next screen from its map. Screens
never import each other, only this module. A message with values is a dataclass (Textual's
Message initialises itself in __post_init__ for this), so its fields are declared once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

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


@dataclass
class LanguageChosen(Message):
    """Welcome: the visitor chose the language of their screens (a catalogue's code)."""

    code: str


class ScanTooLong(Message):
    """A scan (a run of keys with no other key between) went past the most a code can be:
    the rest of it was dropped unread (kiosk/ui/key_gate.py)."""


@dataclass
class CodeScanned(Message):
    """A USB scanner (or a typed pass code) finished a code: a pass, a bag label, or junk."""

    code: str


@dataclass
class VisitorDetailsGiven(Message):
    """Sign in: every answer checks out; the phone rules come next (for a regular visitor's
    card, with the card: the host was the only question)."""

    details: VisitorDetails
    card: CardSignIn | None = None


@dataclass
class VisitorSignedIn(Message):
    """Rules: the visitor agreed and the visit is stored; the pass comes next."""

    visit: Visit


@dataclass
class VisitorPicked(Message):
    """Sign out: the visitor tapped their name; "is this you?" comes next."""

    match: SignOutMatch


@dataclass
class VisitorSignedOut(Message):
    """The visit is closed (by name, pass or card); goodbye comes next, with `note` under it
    (a stopped card to hand in)."""

    visit: Visit
    note: str = ""


@dataclass
class ShowMessage(Message):
    """Back to welcome with a full-screen message over it (declined rules, a used pass)."""

    title: str
    body: str = ""
    tone: str = "good"


# --- staff ---------------------------------------------------------------------------------


class StaffChosen(Message):
    """Welcome: Staff tapped; the PIN pad comes next."""


@dataclass
class StaffLoggedIn(Message):
    """The PIN checked out; the staff menu replaces the PIN pad."""

    staff: Staff
    notices: tuple[str, ...] = ()  # PIN lockouts since the last login, a weak PIN to change


@dataclass
class StaffTaskChosen(Message):
    """Staff menu: "store-phone", "return-phones", "pupils" or "roll-call"."""

    task: str
    staff: Staff


@dataclass
class PhonesChosen(Message):
    """Return phones: the batch is chosen; who collects them comes next. `adult_name`: the
    adult who just collected the pupil early, offered as the one the phones go to."""

    staff: Staff
    phones: Sequence[HeldPhone]
    adult_name: str = ""


@dataclass
class StoreOpened(Message):
    """The record is written and the lock opened; the open-store screen replaces the form.

    `door_open` is what staff do while the door is open: the screen that opened the store
    knows whether a phone goes in or phones come out."""

    title: str
    body: str
    door_open: str


# --- pupils: late arrivals and early collections --------------------------------------------


class LateArrivalChosen(Message):
    """Welcome: Late arrival tapped."""


class CollectPupilChosen(Message):
    """Welcome: Collect a pupil tapped."""


@dataclass
class LateArrivalRecorded(Message):
    """The late arrival is stored; a thank-you (and "hand your phone in") comes next."""

    event: AttendanceEvent


@dataclass
class CollectionRequested(Message):
    """The collection request is stored and the office told; "please wait" comes next."""

    event: AttendanceEvent


@dataclass
class CollectionPicked(Message):
    """Staff's pupils list: a collection waiting was tapped; the handover screen comes next."""

    staff: Staff
    event_id: str


@dataclass
class ArrivalPhoneToStore(Message):
    """Staff: store the phone a late pupil declared (the store form, that pupil chosen)."""

    staff: Staff
    event: AttendanceEvent


class StaffSignChosen(Message):
    """Welcome: "I work here" tapped; the staff name search comes next."""


@dataclass
class StaffSigned(Message):
    """A member of staff is signed in or out (by card or by name); the one-line greeting
    comes next, and then welcome by itself."""

    greeting: str
    note: str = ""  # a second line, e.g. why a sign-in is marked "no PIN"


@dataclass
class StaffCardForPhones(Message):
    """The staff PIN pad, locked after wrong PINs: a member of staff scanned their card, so
    they can hand phones back (phones must still go home in a lockout)."""

    staff: Staff


# --- the fire roll call --------------------------------------------------------------------


class RollCallChosen(Message):
    """Welcome or the fault screen: Fire roll call tapped and confirmed (no PIN needed)."""


class RollCallPrintAsked(Message):
    """The roll call's Print button: print a fresh list on the school's printer."""


class RollCallClosed(Message):
    """The roll call is done: staff closed the alarm's list with their PIN, or Close was
    tapped on one opened by hand. Back to welcome."""


# --- hardware ------------------------------------------------------------------------------


@dataclass
class DoorChanged(Message):
    """The store's door sensor changed (posted from gpiozero's thread: post_message is
    thread-safe); the app checks the store at once instead of at the next heartbeat."""

    is_closed: bool


@dataclass
class FireAlarmChanged(Message):
    """The fire alarm input's reading changed, once settled (posted from a timer thread):
    the alarm started or ended, or its wiring broke or was mended."""

    reading: AlarmReading
