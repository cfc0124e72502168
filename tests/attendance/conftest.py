"""Fixtures for late arrivals and collections: a small roster with contacts, the CLI bound to
the test's folder, and a staff member (PIN from tests.helpers)."""

from __future__ import annotations

from collections.abc import Callable
from subprocess import CompletedProcess
from typing import Any

import pytest

from kiosk.domain.contacts_csv import read_contacts
from kiosk.domain.roster_csv import read_roster
from kiosk.services.attendance.contacts import import_contacts
from kiosk.services.context import KioskContext
from kiosk.services.pupils.roster_import import import_roster
from kiosk.services.staff.staff_accounts import add_staff
from tests.conftest import kiosk_cli
from tests.helpers import STAFF_PIN

Admin = Callable[..., CompletedProcess[str]]

ROSTER = """Adno,Preferred Forename,Preferred Surname,Year,Reg Group
001001,Amy,Smith-Jones,Year 4,4B
001002,Zoë,O'Neill,Year 2,2A
001003,Amy,Small,Year 6,6C
001004,Mary-Jane,Watson,Year 5,5W
001005,Tom,Hill,Reception,RH
"""
CONTACTS = """Adno,Contact Name,Relationship,Parental Responsibility,Priority
001001,Jane Smith-Jones,Mother,Yes,1
001001,Peter Smith-Jones,Father,Yes,2
001001,Rita Patel,Childminder,No,3
001002,Sean O'Neill,Father,Y,1
"""


def seed_roster(context: KioskContext, contacts: bool = True) -> None:
    import_roster(context, read_roster(ROSTER))
    if contacts:
        import_contacts(context, read_contacts(CONTACTS))


@pytest.fixture
def school(context: KioskContext) -> KioskContext:
    """The test's context with the roster and the contacts in, and one member of staff."""
    seed_roster(context)
    add_staff(context, "Mrs Patel", STAFF_PIN)
    return context


@pytest.fixture
def admin(context: KioskContext) -> Admin:
    def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Any:
        return kiosk_cli(*args, "--data-dir", str(context.store.data_dir), env=env, input=input)

    return run
