"""Fixtures for staff signing in and out: the CLI on the test's data folder, and a staff
directory with and without PINs."""

from __future__ import annotations

import pytest

from kiosk.domain.records import Staff
from kiosk.services.context import KioskContext
from kiosk.services.staff.staff_accounts import add_staff
from tests.admin.conftest import admin
from tests.helpers import OTHER_PIN, STAFF_PIN

__all__ = ["admin"]  # `admin("staff", "list")`: the CLI on the test's data folder


@pytest.fixture
def sam(context: KioskContext) -> Staff:
    """A teacher with a PIN."""
    return add_staff(context, "Sam Patel", STAFF_PIN, actor="test", role="Teacher")


@pytest.fixture
def jo(context: KioskContext) -> Staff:
    """A colleague with a PIN of her own."""
    return add_staff(context, "Jo Reed", OTHER_PIN, actor="test", role="Teacher")


@pytest.fixture
def dee(context: KioskContext) -> Staff:
    """The site manager: on the staff list, no PIN."""
    return add_staff(context, "Dee Hart", None, actor="test", role="Site manager")
