"""A screen popped while it is still being built must not take the kiosk down.

Textual still sends such a screen (and the hardware strip on it) its Mount event, but mounts
none of its children; an on_mount that looked for them raised NoMatches and stopped the app
(seen once in a full test run, as `#hardware-state` missing from the strip).
"""

from __future__ import annotations

from kiosk.services.staff.staff_accounts import list_staff
from kiosk.ui.screens.phone_return import PhoneReturnScreen
from kiosk.ui.screens.roll_call import RollCallScreen
from kiosk.ui.screens.staff_menu import StaffMenuScreen
from kiosk.ui.screens.staff_pin import StaffPinScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from tests.helpers import make_app, tap


async def test_screens_pushed_and_popped_at_once_leave_the_kiosk_running(context, hardware, staff):
    app = make_app(context, hardware)  # simulated hardware: every screen gets the strip
    member = list_staff(context)[0]
    builders = (
        StaffPinScreen,
        lambda: StaffMenuScreen(member),
        lambda: PhoneReturnScreen(member),
        RollCallScreen,
    )
    async with app.run_test(size=(100, 30)) as pilot:
        for round_ in range(24):
            app.push_screen(builders[round_ % len(builders)]())
            for _ in range(round_ % 3):  # popped at different moments of its building
                await pilot.pause(0)
            app.pop_screen()
        await pilot.pause()
        assert app.is_running and app._exception is None
        assert isinstance(app.screen, WelcomeScreen)
        await tap(pilot, "#sign-in")  # and it still answers a tap
        assert app.screen.query("#type-visitor")
