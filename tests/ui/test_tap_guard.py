"""The tap guard's rule on its own: a bounce is a tap that moves things on arriving less than
BOUNCE_SECONDS after the last one taken; keys tapped again and again are never refused."""

from __future__ import annotations

from kiosk.ui.tap_guard import BOUNCE_SECONDS, TapGuard


def test_a_bounce_is_refused_and_a_brisk_deliberate_tap_is_not():
    guard = TapGuard()
    assert guard.allow(10.0, repeats=False)  # Next
    assert not guard.allow(10.1, repeats=False)  # its bounce, on whatever came up
    assert guard.allow(10.3, repeats=False)  # the next step's button, tapped briskly
    assert not guard.allow(10.3 + BOUNCE_SECONDS - 0.01, repeats=False)
    assert guard.allow(10.3 + BOUNCE_SECONDS, repeats=False)


def test_keys_tapped_again_and_again_are_never_refused_and_start_no_window():
    guard = TapGuard()
    assert guard.allow(10.0, repeats=False)
    assert guard.allow(10.05, repeats=True)  # a letter, or a PIN digit, however quick
    assert guard.allow(10.06, repeats=True)
    assert guard.allow(20.0, repeats=True)
    assert guard.allow(20.05, repeats=False)  # letters before it leave Next free


def test_a_refused_tap_does_not_move_the_window_on():
    guard = TapGuard()
    assert guard.allow(10.0, repeats=False)
    assert not guard.allow(10.2, repeats=False)
    assert guard.allow(10.3, repeats=False)  # 0.3 s after the tap taken, not 0.1 after


def test_arrival_is_the_input_stamp_unless_a_test_clock_is_given():
    assert TapGuard().arrival(12.5) == 12.5
    assert TapGuard(now=lambda: 99.0).arrival(12.5) == 99.0


def test_seconds_zero_takes_every_tap():
    guard = TapGuard(0)
    assert guard.allow(10.0, repeats=False) and guard.allow(10.0, repeats=False)
