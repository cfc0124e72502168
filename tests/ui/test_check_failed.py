"""A PIN or card check that fails on its worker thread: our own refusals are said as they
are; any other error is said calmly on screen and reaches the journal with its traceback
(those workers run with exit_on_error=False, so nothing else would report it)."""

from __future__ import annotations

import logging

import pytest

from kiosk.errors import KioskError
from kiosk.ui.check_failed import check_failed_text
from kiosk.ui.screens.staff_pin import StaffPinScreen
from tests.helpers import SIZE, STAFF_PIN, enter_pin, make_app, tap
from tests.screen_check import visible_text


def test_a_refusal_is_said_and_not_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR):
        assert check_failed_text(KioskError("Wrong PIN."), "fallback") == "Wrong PIN."
    assert caplog.records == []


def test_a_fault_is_logged_with_its_traceback(caplog: pytest.LogCaptureFixture) -> None:
    error = ValueError("Alex Brown")
    with caplog.at_level(logging.ERROR):
        assert check_failed_text(error, "It could not be checked.") == "It could not be checked."
    [record] = caplog.records
    assert record.levelno == logging.ERROR and record.exc_info is not None
    assert record.exc_info[1] is error


async def test_a_pin_check_that_breaks_reaches_the_journal(
    context, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("Alex Brown")

    monkeypatch.setattr("kiosk.ui.screens.staff_pin.log_in", broken)
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#staff")
        with caplog.at_level(logging.ERROR, logger="kiosk.ui"):
            await enter_pin(pilot, STAFF_PIN)
        assert isinstance(app.screen, StaffPinScreen)
        shown = visible_text(app.screen)
        assert "The PIN could not be checked." in shown and "Alex Brown" not in shown
    assert [type(r.exc_info[1]) for r in caplog.records if r.exc_info] == [RuntimeError]
