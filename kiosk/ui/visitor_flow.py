"""Where the visitor screens lead: a scanned code, a finished sign-out, a fault."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.domain.clock import parse_iso
from kiosk.errors import NotFound
from kiosk.services.regular_visitors import CardRefused, CardSignIn, CardSignOut, scan_card
from kiosk.services.sign_out import sign_out_by_pass
from kiosk.ui.scan_buffer import code_kind

if TYPE_CHECKING:
    from kiosk.ui.app import KioskApp

USED_PASS_TITLE = "This pass cannot be used"
BAG_LABEL_MESSAGE = "That is a phone bag label: staff, please tap Staff first."
UNKNOWN_CODE_MESSAGE = "Sorry, that code is not a visitor pass. Tap Sign out to find your name."


def open_reusable_screen(app: KioskApp, name: str) -> None:
    """Push the sign-in or sign-out screen, built on first use and kept afterwards.

    Building their seventy-odd widgets on every tap would cost a Pi a visible pause; a kept
    screen empties itself (`forget()`) whenever the kiosk returns to welcome.
    """
    if not app.is_screen_installed(name):
        if name == "sign-in":
            from kiosk.ui.screens.sign_in import SignInScreen

            app.install_screen(SignInScreen(), name)
        else:
            from kiosk.ui.screens.sign_out import SignOutScreen

            app.install_screen(SignOutScreen(), name)
    app.push_screen(name)


def handle_scanned_code(app: KioskApp, code: str) -> None:
    """A code typed by the USB scanner: a pass signs its holder out; anything else is explained."""
    from kiosk.ui.screens.message import MessageScreen
    from kiosk.ui.screens.welcome import WelcomeScreen

    kind = code_kind(code)
    if kind == "card":
        handle_card(app, code)
        return
    if kind != "pass":
        app.return_to_welcome()
        welcome = app.screen
        if isinstance(welcome, WelcomeScreen):
            text = BAG_LABEL_MESSAGE if kind == "bag" else UNKNOWN_CODE_MESSAGE
            welcome.query_one("#scan-message").update(text)  # type: ignore[attr-defined]
        return
    try:
        record = sign_out_by_pass(app.context, code)
    except NotFound as refused:
        app.return_to_welcome()
        app.push_screen(
            MessageScreen(USED_PASS_TITLE, f"{refused} Please ask at reception.", tone="refused")
        )
        return
    except Exception as error:  # the store failed: say so calmly, keep what is stored
        app.show_fault(error)
        return
    show_signed_out(app, record)


def handle_card(app: KioskApp, code: str) -> None:
    """A regular visitor's card: the rules (pre-filled; the host asked only when the card has
    none), or signed out at once if they were on site, or one calm line."""
    from kiosk.ui.screens.message import MessageScreen
    from kiosk.ui.screens.rules import RulesScreen

    try:
        result = scan_card(app.context, code)
    except Exception as error:  # the store or the rules file failed: calm fault screen
        app.show_fault(error)
        return
    app.return_to_welcome()
    if isinstance(result, CardRefused):
        app.push_screen(MessageScreen(result.message, tone="refused"))
    elif isinstance(result, CardSignOut):
        show_signed_out(app, result.visit)
    elif isinstance(result, CardSignIn) and result.ask_host:
        open_reusable_screen(app, "sign-in")
        app.screen.start_for_card(result)  # type: ignore[attr-defined]
    else:
        app.push_screen(RulesScreen(result.details, card=result))


def show_signed_out(app: KioskApp, record: dict[str, Any]) -> None:
    from kiosk.ui.screens.message import MessageScreen

    first_name = record["name"].split()[0]
    at = parse_iso(record["signed_out_at"]).astimezone(app.context.config.tz).strftime("%H:%M")
    app.return_to_welcome()
    app.push_screen(
        MessageScreen(f"Goodbye, {first_name}.", f"Signed out at {at}, thank you.", tone="good")
    )
