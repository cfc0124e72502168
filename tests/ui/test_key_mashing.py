"""Nothing a visitor presses leaves the kiosk: every ctrl, alt and function key, escape, and
raw terminal escape sequences, on every visitor screen."""

from __future__ import annotations

import string

import pytest
from textual import events
from textual._xterm_parser import XTermParser

from kiosk.domain.visitor_form import VisitorDetails
from kiosk.services.visitors.rules_file import load_rules
from kiosk.services.visitors.sign_in import sign_in
from kiosk.ui.screens.base import KioskScreen
from tests.helpers import SIZE, tap, tap_agree, tap_sign_in

KEYS = (
    [f"ctrl+{c}" for c in string.ascii_lowercase]
    + [f"alt+{c}" for c in string.ascii_lowercase]
    + [f"f{n}" for n in range(1, 13)]
    + ["escape", "ctrl+backslash", "ctrl+shift+c", "ctrl+shift+v", "super+c", "ctrl+space"]
)

RAW_SEQUENCES = [
    "\x03",  # ctrl+c as the terminal sends it
    "\x1a",  # ctrl+z (suspend)
    "\x1c",  # ctrl+\ (quit signal key)
    "\x11",  # ctrl+q
    "\x1b",  # a lone escape
    "\x1b\x1b",
    "\x1bOP",  # F1
    "\x1b[24~",  # F12
    "\x1b[1;5A",  # ctrl+up
    "\x1b[27;5;9~",  # ctrl+tab (xterm modifyOtherKeys)
    "\x1b[200~pasted text\x1b[201~",  # bracketed paste
    "\x1b]52;c;aGVsbG8=\x07",  # OSC 52 clipboard write
    "\x1b[?1049l",  # leave alternate screen
    "\x1b[999999999999999999999m",
    "\x1bP+q544e\x1b\\",  # DCS request
    "\x1b[M",  # truncated X10 mouse report
]


async def reach_welcome(pilot, context) -> None:
    pass


async def reach_sign_in_type(pilot, context) -> None:
    await tap(pilot, "#sign-in")


async def reach_sign_in_name(pilot, context) -> None:
    await tap(pilot, "#sign-in")
    await tap(pilot, "#type-visitor")


async def reach_rules(pilot, context) -> None:
    await tap_sign_in(pilot, "governor", ["Ann Lee", "Head", ""])


async def reach_pass(pilot, context) -> None:
    await reach_rules(pilot, context)
    await tap_agree(pilot)


async def reach_declined(pilot, context) -> None:
    await reach_rules(pilot, context)
    await tap(pilot, "#decline")
    await tap(pilot, "#question-yes")  # "Discard what you typed?"


async def reach_sign_out(pilot, context) -> None:
    await tap(pilot, "#sign-out")


async def reach_confirm(pilot, context) -> None:
    details = VisitorDetails("visitor", "Sam Kaur", "Acme", "Mrs Patel", "")
    sign_in(context, details, load_rules(context.config.rules_file))
    await tap(pilot, "#sign-out")
    await pilot.press("s", "a")
    await tap(pilot, "#match-0")


async def reach_fault(pilot, context) -> None:
    pilot.app.show_fault(RuntimeError("test fault"))


SCREENS = {
    "welcome": reach_welcome,
    "sign-in-type": reach_sign_in_type,
    "sign-in-name": reach_sign_in_name,
    "rules": reach_rules,
    "pass": reach_pass,
    "declined": reach_declined,
    "sign-out": reach_sign_out,
    "confirm": reach_confirm,
    "fault": reach_fault,
}


def raw_events(sequence: str) -> list:
    parser = XTermParser()
    return [*parser.feed(sequence), *parser.feed("")]


@pytest.mark.parametrize("screen_name", list(SCREENS))
async def test_no_key_leaves_the_kiosk(app, context, screen_name):
    async with app.run_test(size=SIZE) as pilot:
        await SCREENS[screen_name](pilot, context)
        await pilot.pause()
        assert isinstance(app.screen, KioskScreen)
        # Posted to the app as the terminal driver posts them (what Pilot.press does, without
        # its idle wait after every key), then checked once per batch.
        for key in KEYS:
            app.post_message(events.Key(key, None))
        await pilot.pause()
        assert app.is_running, f"a ctrl/alt/function key stopped the app on {screen_name}"
        assert isinstance(app.screen, KioskScreen), screen_name
        for sequence in RAW_SEQUENCES:
            for event in raw_events(sequence):
                app.post_message(event)
        await pilot.pause()
        assert app.is_running, f"a raw escape sequence stopped the app on {screen_name}"
        assert isinstance(app.screen, KioskScreen), screen_name
        assert app.return_code is None
    assert app.return_code is None


FORBIDDEN_ACTIONS = ("quit", "suspend", "copy", "cut", "paste", "palette", "screenshot")


@pytest.mark.parametrize("screen_name", list(SCREENS))
async def test_no_binding_on_any_widget_quits_copies_or_suspends(app, context, screen_name):
    """Widget-level bindings count too (Input's own include ctrl+c copy and ctrl+v paste)."""
    async with app.run_test(size=SIZE) as pilot:
        await SCREENS[screen_name](pilot, context)
        await pilot.pause()
        nodes = [app, app.screen, *app.screen.walk_children()]
        found = [
            (type(node).__name__, key, binding.action)
            for node in nodes
            for key, bindings in node._bindings.key_to_bindings.items()
            for binding in bindings
            if any(word in binding.action for word in FORBIDDEN_ACTIONS)
        ]
        assert found == []
    assert app.ENABLE_COMMAND_PALETTE is False
    assert app.ALLOW_SELECT is False
