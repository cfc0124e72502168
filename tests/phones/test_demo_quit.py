"""`kiosk demo` (never `kiosk run`) stops on Ctrl+Q, says so, and names its data folder first."""

from __future__ import annotations

import argparse
from dataclasses import replace

import pytest

import kiosk.cli.run_command as run_command
from kiosk.services.demo_seed import seed_demo
from kiosk.ui.demo_app import DEMO_QUIT_KEY, DemoKioskApp


async def test_ctrl_q_stops_the_demo_and_its_banner_says_so(context):
    demo = replace(context, demo=True)
    seed_demo(demo)
    app = DemoKioskApp(demo, heartbeat=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Ctrl+Q" in str(app.screen.query_one("#demo-banner").render())
        await pilot.press(DEMO_QUIT_KEY)
        await pilot.pause()
        assert app._exit is True or not app.is_running


async def test_ctrl_q_does_nothing_on_the_real_kiosk(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(DEMO_QUIT_KEY)
        await pilot.pause()
        assert app.is_running and not app._exit
        assert not app.screen.query("#demo-banner")


def test_the_demo_prints_its_data_folder_before_the_app_starts_and_at_exit(
    tmp_path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    folder = tmp_path / "demo"
    printed_before: list[str] = []

    def fake_run_app(context, *, demo: bool = False) -> int:
        assert demo is True  # the demo's app, with its quit key
        printed_before.append(capsys.readouterr().out)
        return 0

    monkeypatch.setattr(run_command, "_run_app", fake_run_app)
    args = argparse.Namespace(config=None, data_dir=str(folder))
    assert run_command.run_demo(args) == 0
    assert str(folder) in printed_before[0] and "Ctrl+Q" in printed_before[0]
    assert "a regular visitor's card (Jo Carter): type CARD-" in printed_before[0]
    assert str(folder) in capsys.readouterr().out
