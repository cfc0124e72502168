"""Fast taps, checked without a clock: every screen of a visitor's sign-in and sign-out is
built once and reused (no widgets built on a later visitor's taps), a kept screen is not
restyled when shown again, the pass's QR code is drawn off the app's thread while the rules
are read, and a kept screen shows nothing of the visitor before."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from textual.widget import Widget

from kiosk.ui import qr_text
from kiosk.ui.screens.message import MessageScreen
from kiosk.ui.screens.rules import RulesScreen
from kiosk.ui.screens.sign_in import SignInScreen
from kiosk.ui.screens.sign_out import SignOutScreen
from kiosk.ui.screens.sign_out_confirm import ConfirmSignOutScreen
from kiosk.ui.screens.visitor_pass import PassScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from tests.helpers import SIZE, beat, tap, tap_agree, tap_sign_in, tap_text


@contextmanager
def widgets_built(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Widget]]:
    """Every widget constructed inside the block."""
    built: list[Widget] = []
    original = Widget.__init__

    def counting(self: Widget, *args: object, **kwargs: object) -> None:
        built.append(self)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(Widget, "__init__", counting)
        yield built


async def visit(pilot, name: str) -> dict[str, object]:
    """One visitor's whole journey by taps; the screens it passed through, by step."""
    app = pilot.app
    seen: dict[str, object] = {}
    await tap_sign_in(pilot, "parent-helper", [name, "Year 2", ""])
    seen["rules"] = app.screen
    await pilot.pause()
    await tap_agree(pilot)
    seen["pass"] = app.screen
    await tap(pilot, "#pass-done")
    await tap(pilot, "#sign-out")
    seen["sign-out"] = app.screen
    await tap_text(pilot, name[:3])
    await pilot.pause()
    await tap(pilot, "#match-0")
    seen["confirm"] = app.screen
    await tap(pilot, "#confirm")
    seen["message"] = app.screen
    await tap(pilot, "#ok")
    assert isinstance(app.screen, WelcomeScreen)
    return seen


async def test_a_second_visitor_reuses_every_screen_and_builds_no_widget(app, monkeypatch):
    async with app.run_test(size=SIZE) as pilot:
        first = await visit(pilot, "Amelia Harper")
        with widgets_built(monkeypatch) as built:
            second = await visit(pilot, "Bilal Khan")
    kinds = {
        "rules": RulesScreen,
        "pass": PassScreen,
        "sign-out": SignOutScreen,
        "confirm": ConfirmSignOutScreen,
        "message": MessageScreen,
    }
    for step, kind in kinds.items():
        assert isinstance(second[step], kind)
        assert second[step] is first[step], f"{step}: a new screen was built"
    # Only the sign-out matches (one button per name found) are built per visitor.
    assert [type(w).__name__ for w in built] == ["TouchButton"]


@contextmanager
def restyled_nodes(app, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Every widget the stylesheet restyles inside the block."""
    restyled: list[object] = []
    stylesheet = type(app.stylesheet)
    original = stylesheet.update_nodes

    def counting(self, nodes, animate=False):
        nodes = list(nodes)
        restyled.extend(nodes)
        return original(self, nodes, animate=animate)

    with monkeypatch.context() as patch:
        patch.setattr(stylesheet, "update_nodes", counting)
        yield restyled


async def test_a_kept_screen_shown_again_is_not_restyled(app, monkeypatch):
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#sign-in")
        await tap(pilot, "#cancel")
        with restyled_nodes(app, monkeypatch) as restyled:
            await tap(pilot, "#sign-in")
        assert isinstance(app.screen, SignInScreen)
        sign_in_widgets = set(app.screen.walk_children(with_self=True))
        # Textual's push restyles the whole screen (ninety-odd widgets); a kept one is not.
        assert len(sign_in_widgets & set(restyled)) < 5


@pytest.mark.parametrize("button", ["#sign-in", "#sign-out", "#staff"])
async def test_a_tap_that_changes_screen_leaves_the_screen_behind_as_it_was(
    app, monkeypatch, button
):
    async with app.run_test(size=SIZE) as pilot:
        for first_time in ("#sign-in", "#sign-out", "#staff"):  # each screen's CSS read once
            await tap(pilot, first_time)
            app.return_to_welcome()
            await pilot.pause()
        welcome = app.screen
        assert isinstance(welcome, WelcomeScreen)
        with restyled_nodes(app, monkeypatch) as restyled:
            await tap(pilot, button)
        assert app.screen is not welcome
        # A pressed look on the button left behind is never seen (the next screen is drawn
        # in its frame) and restyles and relays out welcome, on the tap and 0.2 s later.
        assert not set(welcome.walk_children(with_self=True)) & set(restyled)
        assert not welcome.query_one(button).has_class("-active")


async def test_welcome_is_not_laid_out_again_when_nothing_on_it_changed(app, monkeypatch):
    async with app.run_test(size=SIZE) as pilot:
        await beat(pilot)
        welcome = app.screen
        assert isinstance(welcome, WelcomeScreen)
        layouts: list[object] = []
        original = type(welcome)._refresh_layout

        def counting(self, *args, **kwargs):
            layouts.append(self)
            return original(self, *args, **kwargs)

        monkeypatch.setattr(type(welcome), "_refresh_layout", counting)
        # Seconds pass within the same minute: the clock reads the same, so does everything
        # (the heartbeat sets the clock and, from the store's status, the notice each time).
        for _ in range(5):
            await beat(pilot, 1)
        assert welcome not in layouts


async def test_the_pass_qr_is_drawn_off_the_app_thread_while_the_rules_are_read(
    app, context, monkeypatch
):
    threads: list[str] = []
    original = qr_text.draw

    def recording(text: str) -> list[str]:
        threads.append(threading.current_thread().name)
        return original(text)

    monkeypatch.setattr(qr_text, "draw", recording)
    # Drawings asked for by earlier tests in this process (the tokens are fixed, and a test
    # that stops at the rules never collects its drawing) must not stand in for this one's.
    monkeypatch.setattr(qr_text, "_ahead", type(qr_text._ahead)())
    async with app.run_test(size=SIZE) as pilot:
        await tap_sign_in(pilot, "parent-helper", ["Amelia Harper", "Year 2", ""])
        await pilot.pause()
        await tap_agree(pilot)
        assert isinstance(app.screen, PassScreen)
        [visit] = context.store.live("visits")
        qr = app.screen.query_one("#pass-qr")
        assert qr.token == visit["pass_token"]
        assert str(qr.render()).strip()  # drawn
    assert threads and threading.main_thread().name not in threads


async def test_kept_screens_show_nothing_of_the_last_visitor(app, context):
    async with app.run_test(size=SIZE) as pilot:
        await tap_sign_in(pilot, "parent-helper", ["Amelia Harper", "Year 2", ""])
        await tap_agree(pilot)
        first_token = context.store.live("visits")[0]["pass_token"]
        await tap(pilot, "#pass-done")
        passes = app.get_screen("pass")
        for field in ("#pass-name", "#pass-host", "#pass-code", "#pass-qr"):
            assert str(passes.query_one(field).render()).strip() == "", field
        rules = app.get_screen("rules")
        assert isinstance(rules, RulesScreen) and rules.details is None

        await tap_sign_in(pilot, "parent-helper", ["Bilal Khan", "Year 4", ""])
        await tap_agree(pilot)
        assert "Bilal Khan" in str(app.screen.query_one("#pass-name").render())
        tokens = {v["pass_token"] for v in context.store.live("visits")}
        assert len(tokens) == 2 and first_token in tokens  # a fresh token per visitor
        assert app.screen.query_one("#pass-qr").token != first_token
