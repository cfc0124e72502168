"""bench/ui.py's floor apps do what their rows in the table say, and --cpu-quota says plainly
when it cannot set a quota (the figures themselves are never asserted: they go in the docs)."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Label

from bench.cpu_quota import cpu_quota
from bench.ui_floor import KEYS, KeyGridApp, LabelTapApp, PushPopApp, SmallScreen, floor_for


async def test_label_tap_updates_the_label() -> None:
    app = LabelTapApp()
    async with app.run_test() as pilot:
        await pilot.click("#tap")
        await pilot.pause()
        assert "tapped 1 times" in str(app.query_one("#count", Label).render())


async def test_key_grid_has_40_keys_that_type_into_the_input() -> None:
    app = KeyGridApp()
    async with app.run_test(size=(100, 30)) as pilot:
        assert len(app.query("Grid Button")) == 40
        await pilot.click("#key-0")
        await pilot.click("#key-10")
        await pilot.pause()
        assert app.query_one("#typed", Input).value == KEYS[0] + KEYS[10]


async def test_push_pop_opens_and_closes_a_small_screen() -> None:
    app = PushPopApp()
    async with app.run_test() as pilot:
        await pilot.click("#open")
        await pilot.pause()
        assert isinstance(app.screen, SmallScreen)
        await pilot.click("#back")
        await pilot.pause()
        assert not isinstance(app.screen, SmallScreen)


def test_keys_compare_with_the_key_grid_and_screen_changes_with_push_pop() -> None:
    assert floor_for("sign in: letter key") == "key grid: key"
    assert floor_for("rules: I agree (durable write, QR)") == "screen push/pop"


def test_cpu_quota_says_why_not_without_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.geteuid", lambda: 1000)
    with cpu_quota(0.25) as quota:
        assert isinstance(quota, str) and "root" in quota


def test_cpu_quota_refuses_a_nonsense_fraction() -> None:
    with cpu_quota(0) as quota:
        assert isinstance(quota, str) and "above 0" in quota
