"""Sample records for `kiosk demo`: one member of staff with a PIN shown on screen, a few
visitors on site, a few phones in the store, a class list, a regular visitor's card, and a
staff list with a staff card, so a newcomer can try every flow.

Only ever called for a fresh demo data folder; a real install has no default PIN. The demo
PIN is on the weak list: the demo may use it, and `kiosk run` refuses to start on data that
still has it (kiosk.services.staff.pin_health).
"""

from __future__ import annotations

from datetime import timedelta

from kiosk.domain.clock import to_iso
from kiosk.domain.contacts_csv import read_contacts
from kiosk.domain.ids import new_id
from kiosk.domain.records import Phone
from kiosk.domain.roster_csv import read_roster
from kiosk.domain.visitor_form import check_visitor_form
from kiosk.domain.weak_pins import DEMO_PIN
from kiosk.errors import KioskError
from kiosk.services.attendance.contacts import import_contacts
from kiosk.services.context import KioskContext
from kiosk.services.pupils.roster_import import import_roster
from kiosk.services.regulars.regular_visitors import add_regular, record_check, today
from kiosk.services.staff.staff_accounts import add_staff
from kiosk.services.staff.staff_cards import issue_card
from kiosk.services.visitors.rules_file import load_rules
from kiosk.services.visitors.sign_in import sign_in

DEMO_STAFF_NAME = "Demo Teacher"
DEMO_ACTOR = "demo-seed"

DEMO_VISITORS = (
    ("contractor", "Priya Shah", "Brightwell Electrical", "Mr Okafor (site manager)", "AB12 CDE"),
    ("parent-helper", "Tom Walsh", "", "Mrs Green, Year 2", ""),
    ("governor", "Helen Adeyemi", "Board of governors", "Head teacher", ""),
)

DEMO_PHONES = (
    # pupil, class, description, bag, reason, parent only, note
    ("Ava Thompson", "Year 6", "Black iPhone, pink case", "BAG-001", "arrival", False, ""),
    ("Leo Martin", "Year 5", "Blue Samsung, cracked screen", "BAG-002", "arrival", False, ""),
    ("Maya Patel", "Year 6", "White Pixel, no case", "BAG-003", "confiscated", True,
     "Used in class after a warning; parent to collect."),
)  # fmt: skip


def seed_demo(context: KioskContext) -> str:
    """Fill an empty demo store; returns the demo staff member's PIN for the welcome screen."""
    if not context.demo:
        raise KioskError("demo records go only in a demo data folder (kiosk demo)")
    staff = add_staff(context, DEMO_STAFF_NAME, DEMO_PIN, actor=DEMO_ACTOR)
    rules = load_rules(context.config.rules_file)
    for visitor_type, name, organisation, host, car_reg in DEMO_VISITORS:
        details, errors = check_visitor_form(visitor_type, name, organisation, host, car_reg)
        if details is None:  # the samples above are fixed; this is a programming error
            raise ValueError(f"demo visitor {name} is not valid: {errors}")
        sign_in(context, details, rules)
    stored_at = to_iso(context.now() - timedelta(minutes=20), context.config.tz)
    with context.store.transaction() as tx:
        for pupil, klass, description, bag, reason, parent_only, note in DEMO_PHONES:
            phone = Phone(
                id=new_id("P"),
                pupil_name=pupil,
                class_name=klass,
                description=description,
                bag_label=bag,
                reason=reason,
                parent_only=parent_only,
                stored_at=stored_at,
                stored_by=staff.id,
                note=note,
            )
            tx.insert("phones", phone.to_record())
            # Sample phones are put in the records only: seeding never opens the lock.
            tx.audit(stored_at, DEMO_ACTOR, "phone-stored", phone.id, f"demo sample; bag {bag}")
    return DEMO_PIN


# A small class list, as an MIS export would give it: the pupils of the sample phones first.
DEMO_ROSTER = """UPN,Preferred Forename,Preferred Surname,Year,Reg Group
D100001,Ava,Thompson,6,6T
D100002,Leo,Martin,5,5M
D100003,Maya,Patel,6,6T
D100004,Oliver,Nowak,6,6T
D100005,Zoë,Ní Bhriain,5,5M
D100006,Mateo,Nuñez,5,5M
D100007,Amara,Okafor,4,4S
D100008,Freya,McDonald,4,4S
D100009,Ștefan,Popescu,6,6H
D100010,Hana,Yilmaz,6,6H
"""
DEMO_REGULAR = ("Jo Carter", "parent-helper", "", "Mrs Green, Year 2")
# Contacts, as the MIS's contacts export gives them: staff see whether a collecting adult
# matches one (try collecting Ava Thompson as Sarah Thompson, then as someone else).
DEMO_CONTACTS = """UPN,Contact Name,Relationship,Parental Responsibility,Priority
D100001,Sarah Thompson,Mother,Yes,1
D100001,Mark Thompson,Father,Yes,2
D100002,Aisha Martin,Mother,Yes,1
D100003,Raj Patel,Father,Yes,1
D100003,Nani Patel,Grandmother,No,2
"""


def seed_demo_roster_and_regular(context: KioskContext) -> str:
    """A class list for the phone form's pupil picker, and one checked regular visitor;
    returns the regular's card code (printed in the demo's banner: it is not kept)."""
    if not context.demo:
        raise KioskError("demo records go only in a demo data folder (kiosk demo)")
    import_roster(context, read_roster(DEMO_ROSTER), actor=DEMO_ACTOR)
    import_contacts(context, read_contacts(DEMO_CONTACTS), actor=DEMO_ACTOR)
    name, visitor_type, organisation, host = DEMO_REGULAR
    regular, code = add_regular(context, name, visitor_type, organisation, host, actor=DEMO_ACTOR)
    record_check(context, regular.id, today(context), "DT", actor=DEMO_ACTOR)
    return code


# The staff list beside the demo teacher: staff with no PIN sign in and out at the foyer only.
DEMO_DIRECTORY = (
    ("Dee Hart", "Site manager"),
    ("Sam Patel", "Teaching assistant"),
    ("Ruth Osei", "Office manager"),
)


def seed_demo_staff(context: KioskContext) -> tuple[str, str]:
    """A few staff on the staff list (no PIN) and a staff card for the first; returns their
    name and the card's code (printed when the demo starts: it is not kept)."""
    if not context.demo:
        raise KioskError("demo records go only in a demo data folder (kiosk demo)")
    added = [
        add_staff(context, name, None, actor=DEMO_ACTOR, role=role) for name, role in DEMO_DIRECTORY
    ]
    _, code = issue_card(context, added[0].id, actor=DEMO_ACTOR)
    return added[0].name, code
