"""FakeClock keeps wall time and monotonic time: time passing moves both, setting the clock
moves only the wall time (as NTP or a person would)."""

from __future__ import annotations

from datetime import timedelta

from kiosk.domain.clock import FakeClock, SystemClock


def test_advance_moves_both_clocks_and_setting_moves_only_the_wall() -> None:
    clock = FakeClock("2026-11-25T08:45:00")
    wall, mono = clock.now(), clock.monotonic()
    clock.advance(minutes=5)
    assert (clock.now() - wall, clock.monotonic() - mono) == (timedelta(minutes=5), 300.0)
    clock.step(hours=-1)
    assert clock.now() - wall == timedelta(minutes=-55)
    assert clock.monotonic() - mono == 300.0
    clock.set(wall + timedelta(days=1))
    assert clock.monotonic() - mono == 300.0


def test_the_system_clock_has_a_monotonic_time_that_never_goes_back() -> None:
    clock = SystemClock()
    first = clock.monotonic()
    assert clock.monotonic() >= first
