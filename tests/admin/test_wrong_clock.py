"""Issue 21.1: a clock that jumps ahead must not empty the books, or the fire list.

The purge deletes a month only after the kiosk has been used on `school_days_before_purge`
school days since the month's newest record, not counting days after a jump of the clock
longer than the retention period. close-day refuses when the clock is before the newest
sign-in or more than a day past the last time the kiosk was seen running.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from hardware import build_hardware
from hardware.interface import LedState
from kiosk.config import RetentionSettings
from kiosk.domain.clock import FakeClock
from kiosk.errors import KioskError
from kiosk.services.admin.close_day import close_day
from kiosk.services.admin.retention import purge
from kiosk.services.admin.store_watch import StoreWatch
from kiosk.services.context import KioskContext
from kiosk.services.staff.staff_accounts import add_staff
from kiosk.services.visitors.sign_out import sign_out_visit
from tests.admin.seeding import at, visit
from tests.admin.test_purge import data_files


def school_days(first: str, last: str) -> list[date]:
    day, end, found = date.fromisoformat(first), date.fromisoformat(last), []
    while day <= end:
        if day.weekday() < 5:
            found.append(day)
        day += timedelta(days=1)
    return found


def pass_to(context: KioskContext, when: str) -> None:
    """Real time passes until `when` (school-local): the wall and monotonic clocks together.
    (`at` sets the wall clock, which the running kiosk sees as a step.)"""
    clock = context.clock
    assert isinstance(clock, FakeClock)
    target = datetime.fromisoformat(when).replace(tzinfo=clock.tz)
    clock.advance((target - clock.now()).total_seconds())


def day_visit(context: KioskContext, day: date) -> None:
    pass_to(context, f"{day}T09:00")
    record = visit(context, f"{day}T09:00")
    pass_to(context, f"{day}T10:00")
    sign_out_visit(context, record["id"], "name")


@pytest.fixture
def watch() -> Iterator[Callable[[KioskContext], StoreWatch]]:
    """The running kiosk's heartbeat on mock pins (its health watch keeps the clock's runs)."""
    built = []

    def start(context: KioskContext) -> StoreWatch:
        hardware = build_hardware(context.config.hardware, "mock")
        built.append(hardware)
        return StoreWatch(context, hardware)

    yield start
    for hardware in built:
        hardware.close()


# --- the purge -------------------------------------------------------------------------------


def test_a_clock_years_ahead_deletes_nothing_says_why_and_shows_a_fault(
    context: KioskContext, admin, watch
) -> None:
    # The reproduction: 95 visits from 7 Sep to 18 Dec 2026, one staff add on 4 Jan.
    days = school_days("2026-09-07", "2026-12-18")
    for n in range(95):
        day = days[n % len(days)]
        visit(context, f"{day}T09:{n // len(days):02d}", signed_out=f"{day}T11:00")
    at(context, "2027-01-04T10:00")
    add_staff(context, "Office Admin", "582914", is_admin=True)
    before = data_files(context)
    wrong = {"KIOSK_FAKE_NOW": "2029-02-01T10:00:00"}

    refused = admin("purge", env=wrong)

    assert refused.returncode == 2, refused.stdout
    assert refused.stderr.startswith(
        "kiosk: purge refused, nothing deleted: the clock says 2029-02-01 10:00, 2 years after "
        "anything the kiosk had seen (2027-01-04 10:00)"
    )
    assert "kiosk purge --force" in refused.stderr and len(refused.stderr.splitlines()) == 1
    assert data_files(context) == before
    dry = admin("purge", "--dry-run", env=wrong)
    assert dry.returncode == 0
    assert "warning: the clock looks wrong: the clock says 2029-02-01 10:00" in dry.stdout
    assert dry.stdout.startswith("visits: would delete 0 visits in 0 month(s); kept for 730")
    for month in ("2026-09", "2026-10", "2026-11", "2026-12"):
        assert f"  held: {month}, past its period, but the clock says 2029-02-01" in dry.stdout
    check = admin("check", env=wrong)
    assert check.returncode == 1
    assert "problem: the clock looks wrong: the clock says 2029-02-01 10:00" in check.stdout

    at(context, "2029-02-01T10:00")  # the kiosk itself, running on that clock
    kiosk = watch(context)
    status = kiosk.update()
    assert status.led is LedState.FAULT
    assert status.fault.startswith("Kiosk fault: the clock looks wrong: the clock says 2029")
    assert len(context.store.records("visits")) == 95

    # An admin who has checked the date can still purge; the fault goes with the doubt.
    forced = admin("purge", "--force", env=wrong)
    assert forced.returncode == 0, forced.stderr
    assert "visits: deleted 95 visits in 4 month(s) (2026-09, 2026-10, 2026-11, 2026-12)" in (
        forced.stdout
    )
    assert "clock looks wrong" not in admin("check", env=wrong).stdout
    assert kiosk.update().led is not LedState.FAULT  # at once, not at the hourly check


def test_days_after_a_jump_do_not_count_however_many(context: KioskContext, watch) -> None:
    # Visits through the autumn, the kiosk running; then its clock is set two years ahead
    # and it carries on for three weeks of school days, sign-ins and all.
    kiosk = watch(context)
    autumn = school_days("2026-09-07", "2026-11-24")
    at(context, "2026-09-07T08:00")
    for day in autumn:
        day_visit(context, day)
        kiosk.update()
    pass_to(context, "2026-11-25T08:00")
    kiosk.update()
    clock = context.clock
    assert isinstance(clock, FakeClock)
    clock.step(days=731)  # 2028-11-25: the wall clock stepped, no time passed
    kiosk.update()
    wrong_days = school_days("2028-11-27", "2028-12-15")
    for day in wrong_days:
        day_visit(context, day)
        kiosk.update()

    with pytest.raises(KioskError, match=r"the clock jumped from 2026-11-25 08:00 to 2028-11-25"):
        purge(context)

    assert len(context.store.records("visits")) == len(autumn) + len(wrong_days)
    assert kiosk.update().led is LedState.FAULT


@pytest.fixture
def thirty_days(context: KioskContext) -> KioskContext:
    context.config = replace(
        context.config, retention=RetentionSettings(30, 30, 30, 365, 365, 10, 2, 2)
    )
    return context


def test_back_from_a_six_week_holiday_the_purge_waits_then_runs(thirty_days, watch) -> None:
    context = thirty_days
    kiosk = watch(context)
    at(context, "2027-06-07T08:00")
    for day in school_days("2027-06-07", "2027-07-16"):
        day_visit(context, day)
        kiosk.update()
    pass_to(context, "2027-07-16T17:00")
    kiosk.update()
    clock = context.clock
    assert isinstance(clock, FakeClock)
    clock.advance(days=47)  # the summer holiday, the kiosk left running: 1 Sep, 17:00
    assert kiosk.update().led is not LedState.FAULT

    for number, day in enumerate(school_days("2027-09-02", "2027-09-15"), start=1):
        day_visit(context, day)
        pass_to(context, f"{day}T22:00")
        kiosk.update()
        plan = purge(context)  # the nightly purge
        if number == 1:  # June had ten school days of use after it before the holiday
            assert plan.kinds["visits"].months == ["2027-06"]
        elif number < 10:
            assert not plan.done
        if number < 10:
            assert [month for month, _ in plan.kinds["visits"].held] == ["2027-07"]
            assert plan.kinds["visits"].held[0][1] == (
                f"the kiosk has been used on {number} of the 10 school days needed after its "
                "newest record (2027-07-16)"
            )
            assert plan.clock_doubt is None
            assert kiosk.update().led is not LedState.FAULT
    assert plan.done
    assert plan.kinds["visits"].months == ["2027-07"] and plan.kinds["visits"].held == []
    assert context.store.months("visits") == ["2027-09"]


def test_a_kiosk_off_longer_than_the_retention_needs_an_admin(thirty_days, admin) -> None:
    # The same holiday with the Pi switched off: nothing shows the clock moved honestly.
    context = thirty_days
    for day in school_days("2027-07-05", "2027-07-16"):
        visit(context, f"{day}T09:00", signed_out=f"{day}T10:00")
    for day in school_days("2027-09-02", "2027-09-16"):
        visit(context, f"{day}T09:00", signed_out=f"{day}T10:00")
    at(context, "2027-09-16T22:00")

    with pytest.raises(KioskError, match=r"the clock jumped from 2027-07-16 10:00 to 2027-09-02"):
        purge(context)
    assert purge(context, force=True).kinds["visits"].months == ["2027-07"]


# --- close-day -------------------------------------------------------------------------------


def test_close_day_refuses_a_clock_before_the_newest_sign_in(context: KioskContext, admin):
    visit(context, "2026-11-25T09:00", name="Sam Kirk")
    before = data_files(context)

    result = admin("close-day", env={"KIOSK_FAKE_NOW": "2026-11-24T18:30:00"})

    assert result.returncode == 2
    assert result.stderr == (
        "kiosk: close-day refused, nobody signed out: the clock says 2026-11-24 18:30, before "
        "the newest sign-in (2026-11-25 09:00). Check the date ('timedatectl'); if it is "
        "right, run 'kiosk close-day --force'\n"
    )
    assert data_files(context) == before


def test_close_day_refuses_a_clock_long_past_the_kiosks_last_run(
    context: KioskContext, admin, watch
):
    kiosk = watch(context)
    sam = visit(context, "2026-11-25T09:00", name="Sam Kirk")
    kiosk.update()
    at(context, "2026-11-25T16:00")
    kiosk.update()  # the kiosk last ran at 16:00; then the Pi rebooted onto a wrong clock
    before = data_files(context)

    result = admin("close-day", env={"KIOSK_FAKE_NOW": "2028-03-01T18:30:00"})

    assert result.returncode == 2
    assert (
        "the clock says 2028-03-01 18:30, more than a day (not counting non-school days) after "
        "the kiosk was last seen in use or running (2026-11-25 16:00)"
    ) in result.stderr
    assert data_files(context) == before
    # The kiosk starting on that clock does not make it right.
    at(context, "2028-03-01T18:00")
    kiosk = watch(context)
    kiosk.update()
    assert admin("close-day", env={"KIOSK_FAKE_NOW": "2028-03-01T18:30:00"}).returncode == 2
    assert context.store.find("visits", sam["id"])["signed_out_at"] == ""


def test_close_day_after_a_weekend_off_still_closes(context: KioskContext, admin, watch) -> None:
    kiosk = watch(context)
    sam = visit(context, "2026-11-27T09:00", name="Sam Kirk")  # a Friday
    at(context, "2026-11-27T16:00")
    kiosk.update()  # switched off at 16:00, before closing time; on again Monday morning

    result = admin("close-day", env={"KIOSK_FAKE_NOW": "2026-11-30T07:50:00"})

    assert result.returncode == 0, result.stderr
    assert context.store.find("visits", sam["id"])["signed_out_by"] == "close-day"


def test_close_day_force_trusts_the_clock(context: KioskContext) -> None:
    sam = visit(context, "2026-11-25T09:00", name="Sam Kirk")
    at(context, "2028-03-01T18:30")
    with pytest.raises(KioskError, match="after the kiosk was last seen in use or running"):
        close_day(context)
    result = close_day(context, force=True)
    assert [v.id for v in result.signed_out] == [sam["id"]]
