"""Late arrivals and early collections at the foyer: the record the kiosk keeps of each.

One record per event, kind "late" or "collection". It stays open (in the live file) for its
school day, while staff may still store the phone a late pupil declared, confirm a
collection's handover or sign a collected pupil back in; close-day (or the kiosk's next
morning) closes it, and it moves to its month's history file like a visit.

The suggested code (kiosk.domain.attendance_codes) is for the office to confirm in the MIS;
it is never shown on the public screen. The record keeps the pupil's name and class as they
were, so the roll call and the export read them even after the pupil leaves the roster.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain.attendance_codes import (
    AFTERNOON,
    LATE_AFTER_CLOSE,
    LATE_BEFORE_CLOSE,
    MEDICAL,
    MORNING,
)
from kiosk.domain.ids import ALPHABET
from kiosk.domain.record_fields import (
    StoredRecord,
    day,
    moment,
    moment_or_empty,
    non_empty_text,
    one_of,
    stored,
)

ATTENDANCE = "attendance"  # the store's kind
ATTENDANCE_PREFIX = "A"
LATE = "late"
COLLECTION = "collection"
KINDS = (LATE, COLLECTION)

# A late pupil's phone: said "no", handed to the office (declared), stored (the phone record
# points back here), marked resolved by staff, or still not stored when the day closed.
PHONE_NONE = ""
PHONE_DECLARED = "declared"
PHONE_STORED = "stored"
PHONE_RESOLVED = "resolved"
PHONE_NOT_STORED = "not-stored"
PHONE_STATES = (PHONE_NONE, PHONE_DECLARED, PHONE_STORED, PHONE_RESOLVED, PHONE_NOT_STORED)

# A collection: asked for at the kiosk, handed over by staff, or not (staff said so, or the
# day closed first). Only a completed collection counts as "left" on the roll call.
REQUESTED = "requested"
COMPLETED = "completed"
NOT_COLLECTED = "not-collected"
COLLECTION_STATES = (REQUESTED, COMPLETED, NOT_COLLECTED)

SLIP_PREFIX = "SLIP-"
SLIP_LENGTH = 16  # 80 random bits, like a visitor's pass


def looks_like_slip(text: str) -> bool:
    text = text.strip().upper()
    return (
        text.startswith(SLIP_PREFIX)
        and len(text) == len(SLIP_PREFIX) + SLIP_LENGTH
        and all(c in ALPHABET for c in text[len(SLIP_PREFIX) :])
    )


def slip_from_typed(text: str) -> str | None:
    """The slip's token from what a scanner or a person typed ("slip 7k2m-9qx4-...": any case,
    spaces and hyphens); None if it cannot be one."""
    squashed = "".join(c for c in text.upper() if not c.isspace() and c != "-")
    if not squashed.startswith(SLIP_PREFIX[:-1]):
        return None
    token = SLIP_PREFIX + squashed.removeprefix(SLIP_PREFIX[:-1])
    return token if looks_like_slip(token) else None


@dataclass
class AttendanceEvent(StoredRecord):
    id: str = stored(rule=non_empty_text, required=True)
    kind: str = stored(rule=one_of(*KINDS), required=True)
    # the roster's id (admission number, MIS id or UPN, as imported)
    pupil_id: str = stored(required=True)
    pupil_name: str = stored(required=True)  # in full, as on the roster then
    class_name: str
    year: str
    at: str = stored(rule=moment, required=True)  # the arrival, or the request
    day: str = stored(rule=day, required=True)  # school-local
    # the session arrived in, or left in
    session: str = stored(rule=one_of(MORNING, AFTERNOON), required=True)
    minutes_late: int  # after the session's register opened (late arrivals)
    reason: str  # the reason as listed, or "Other"
    reason_detail: str  # typed for "Other"
    medical: bool  # the reason is one the school marks as medical
    # for the office to confirm, never on screen
    suggested_code: str = stored(rule=one_of("", LATE_BEFORE_CLOSE, LATE_AFTER_CLOSE, MEDICAL))
    adult_name: str = ""  # who brought them, or who collects them
    relationship: str = ""  # the collecting adult's relationship to the pupil
    came_alone: bool = False  # a late pupil who came on their own
    # late arrivals: the phone
    phone: str = stored(PHONE_NONE, rule=one_of(*PHONE_STATES))
    phone_id: str = ""  # the phone record stored for this arrival
    # when the phone was stored or marked resolved
    phone_closed_at: str = stored("", rule=moment_or_empty)
    phone_closed_by: str = ""  # staff id
    # collections
    status: str = stored("", rule=one_of("", *COLLECTION_STATES))
    will_return: bool = False
    completed_at: str = stored("", rule=moment_or_empty)
    confirmed_by: str = ""  # staff id of who released the child
    released_by: str = ""  # their name, as the staff list had it
    contact_match: str = ""  # kiosk.domain.contact_match: the advice staff saw
    office_release: bool = False  # the pupil was flagged "release only with the office"
    returned_at: str = stored("", rule=moment_or_empty)  # back the same day
    returned_by: str = ""  # staff id, or "slip"
    slip_token: str = ""  # the code shown at the request to sign back in; cleared when used
    closed_at: str = stored("", rule=moment_or_empty)  # the end of its day
