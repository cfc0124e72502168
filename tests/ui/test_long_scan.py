"""Issue 20.5: input that cannot wedge the kiosk.

A scan is at most MAX_SCAN characters: the rest of it is dropped before Textual handles it
(so 100,000 characters cost the screen no more than 256), with one calm line on the welcome
screen, and the next tap is answered. Finding a code at the end of what was typed into a box
looks at a fixed number of places, however long the run of keys."""

from __future__ import annotations

from textual import events

from kiosk.domain import ids
from kiosk.ui import scan_buffer
from kiosk.ui.key_gate import CUT, DROP, MAX_SCAN, PASS, KeyGate
from kiosk.ui.navigator import SCAN_TOO_LONG_MESSAGE
from kiosk.ui.screens.sign_in import SignInScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from tests.helpers import SIZE, make_app, tap, tap_text, type_keys

LONG = 100_000


def key(character: str) -> events.Key:
    return events.Key(character if character.isalnum() else "x", character)


ENTER = events.Key("enter", "\r")


def test_the_gate_lets_256_through_then_drops_the_rest_and_its_enter() -> None:
    gate = KeyGate()
    verdicts = [gate.admit(key("7")) for _ in range(MAX_SCAN + 3)]
    assert verdicts == [PASS] * MAX_SCAN + [CUT, DROP, DROP]
    assert gate.admit(ENTER) == DROP  # the Enter of a cut scan: no half code is acted on
    assert [gate.admit(key("7")) for _ in range(5)] == [PASS] * 5  # the next scan starts afresh
    assert gate.admit(ENTER) == PASS


def test_any_other_key_or_a_tap_ends_a_run() -> None:
    gate = KeyGate()
    for _ in range(MAX_SCAN):
        gate.admit(key("a"))
    assert gate.admit(events.Key("backspace", None)) == PASS
    assert gate.admit(key("a")) == PASS
    for _ in range(MAX_SCAN):
        gate.admit(key("a"))
    gate.admit(events.MouseDown(None, 1, 1, 0, 0, 1, False, False, False))
    assert gate.admit(key("a")) == PASS


async def test_a_100000_character_scan_is_cut_with_a_calm_line_and_the_next_tap_works(
    context,
) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        welcome = app.screen
        assert isinstance(welcome, WelcomeScreen)
        fed: list[str] = []
        feed = welcome.scan.feed
        welcome.scan.feed = lambda c, k: (fed.append(k), feed(c, k))[1]  # type: ignore[method-assign]
        await type_keys(pilot, "PASS-" + "7" * (LONG - 5), then_enter=True)
        await pilot.pause()
        assert len(fed) == MAX_SCAN  # the rest never reached the screen (nor its Enter)
        assert app.screen is welcome
        assert str(welcome.query_one("#scan-message").render()) == SCAN_TOO_LONG_MESSAGE
        await tap(pilot, "#sign-in")
        assert isinstance(app.screen, SignInScreen)


async def test_a_long_run_typed_into_a_box_is_cut_and_not_submitted(context) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#type-visitor")
        await tap_text(pilot, "Sam")
        await type_keys(pilot, "a" * 5_000, then_enter=True)
        screen = app.screen
        assert isinstance(screen, SignInScreen) and screen.step == "name"  # Enter dropped
        assert len(screen.input("name").value) <= 60
        await type_keys(pilot, "", then_enter=True)  # a real Enter afterwards still works
        assert screen.step == "organisation"


def test_finding_a_code_at_the_end_looks_at_a_fixed_number_of_places(monkeypatch) -> None:
    looked: list[str] = []
    real = ids.looks_like_pass

    def counting(text: str) -> bool:
        looked.append(text)
        return real(text)

    monkeypatch.setattr(scan_buffer, "looks_like_pass", counting)
    code = "PASS-" + "7" * 16
    places = []
    for length in (64, 10_000, 100_000):
        looked.clear()
        typed = "x" * length + "  " + code
        assert scan_buffer.code_at_end(typed, "BAG") == (length, code)
        places.append(len(looked))
    assert places[0] == places[1] == places[2] <= 10  # a fixed few, not one per key
    assert scan_buffer.code_at_end("Bag-It Ltd", "BAG") is None
    assert scan_buffer.code_at_end("abc BAG-0042", "BAG") == (3, "BAG-0042")
    assert scan_buffer.code_at_end("card-" + "a" * 20, "BAG") == (0, "card-" + "a" * 20)


def test_the_terminal_driver_drops_the_rest_in_its_input_thread() -> None:
    """On a real terminal the gate runs before Textual queues anything for the app: what it
    hands on is marked, so the app's own gate does not count it twice."""
    from kiosk.ui.key_gate import already_gated, gated_driver
    from kiosk.ui.messages import ScanTooLong

    class Recording:
        def __init__(self) -> None:
            self.sent: list[object] = []

        def process_message(self, message: object) -> None:
            self.sent.append(message)

    driver = gated_driver(Recording)()  # type: ignore[arg-type]
    for _ in range(LONG):
        driver.process_message(key("7"))
    driver.process_message(ENTER)
    driver.process_message(key("7"))
    sent = driver.sent
    assert len(sent) == MAX_SCAN + 2
    assert isinstance(sent[MAX_SCAN], ScanTooLong)
    assert all(already_gated(m) for m in sent)
