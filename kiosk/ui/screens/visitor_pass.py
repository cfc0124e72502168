"""The visitor's pass: who, when, whom they are visiting, the phone reminder, the lanyard to
take (a patch of its colour beside the words, for a visitor who reads little English; the
words stay, for one who cannot tell the colours apart), and a QR code holding the
single-use sign-out token (no personal data), with the same code printed under it to type at
sign-out. A regular visitor signs out with their card, so their pass says so and shows no
QR. It stays until Done or `pass_display_seconds`, counting down on screen; "Keep showing"
starts the count again (a parent still looking for their phone)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from kiosk.domain.clock import parse_iso
from kiosk.domain.ids import pass_code_text
from kiosk.domain.languages import N_
from kiosk.domain.lanyards import LanyardSettings
from kiosk.domain.records import Visit
from kiosk.ui.language import _
from kiosk.ui.lanyard_colour import lanyard_colour
from kiosk.ui.scanning import ScansCodes
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.show_text import show_text
from kiosk.ui.widgets.pass_qr import PassQR
from kiosk.ui.widgets.touch_button import TouchButton

# In the visitor's language (kiosk/ui/language.py). The lanyard's words are the school's own
# ([lanyards] in kiosk.toml): a catalogue translates them when it has them (the shipped
# wording is in the catalogues), else they show as the school wrote them.
PHONE_REMINDER = N_("Phones: foyer or outside only")
PHOTO_HINT = N_("Take a photo of this code. When you leave, hold it to the scanner to sign out.")
CARD_HINT = N_("When you leave, scan your visitor card to sign out.")
# Read by no code: it is here so that `make catalogues` (Babel reads only the code) puts the
# shipped lanyard wording of data/kiosk.toml in the catalogues, where `_()` finds it at run time.
SHIPPED_LANYARD_WORDING = (
    N_("Please take a GREEN lanyard: you may move around school unescorted"),
    N_("Please take a RED lanyard: you will be escorted"),
)


def lanyard_name(visit: Visit, lanyards: LanyardSettings) -> str:
    """The colour the visit was told to take (stored with it), or today's for its kind."""
    if visit.lanyard:
        return visit.lanyard
    return lanyards.escorted_colour if visit.escorted else lanyards.unescorted_colour


class PassScreen(ScansCodes, KioskScreen):
    CSS_PATH = "visitor_pass.tcss"
    # The pass has its own time (the countdown); the idle reset must not cut it short.
    IDLE_RESET = False

    def __init__(self) -> None:
        super().__init__()
        self.visit: Visit | None = None

    def return_after_seconds(self) -> float:
        return self.kiosk.context.config.pass_display_seconds

    def compose(self) -> ComposeResult:
        with Horizontal(id="pass-body"):
            with Vertical(id="pass-details"):
                yield Static(_("You are signed in"), id="pass-title")
                yield Static("", id="pass-name", markup=False)
                yield Static("", id="pass-time")
                yield Static("", id="pass-host", markup=False)
                yield Static(_(PHONE_REMINDER), id="pass-reminder")
                with Horizontal(id="lanyard-row"):
                    yield Static("", id="lanyard-patch")
                    yield Static("", id="pass-lanyard", markup=False)
                yield Static(_(PHOTO_HINT), id="pass-hint")
                yield Static("", id="pass-countdown")
                with Horizontal(id="pass-buttons"):
                    yield TouchButton(
                        _("Done"), id="pass-done", variant="primary", pressed_look=False
                    )
                    yield TouchButton(_("Keep showing"), id="pass-keep")
            with Vertical(id="pass-code-column"):
                yield PassQR(id="pass-qr")
                yield Static("", id="pass-code", markup=False)

    def show_language(self) -> None:
        show_text(self.query_one("#pass-title", Static), _("You are signed in"))
        show_text(self.query_one("#pass-reminder", Static), _(PHONE_REMINDER))
        self.query_one("#pass-done", Button).label = _("Done")
        self.query_one("#pass-keep", Button).label = _("Keep showing")
        self._show()

    def prepare(self, visit: Visit) -> None:
        """Show this visit's pass (the screen is kept: its widgets are built once)."""
        self.visit = visit
        if self.is_mounted:
            self._show()

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        visit = self.visit
        if visit is None:
            return
        tz = self.kiosk.context.config.tz
        time_in = parse_iso(visit.signed_in_at).astimezone(tz).strftime("%H:%M")
        self.query_one("#pass-name", Static).update(visit.name)
        self.query_one("#pass-time", Static).update(_("In at {time}").format(time=time_in))
        self.query_one("#pass-host", Static).update(_("Visiting: {host}").format(host=visit.host))
        lanyards = self.kiosk.context.config.lanyards
        lanyard = self.query_one("#pass-lanyard", Static)
        lanyard.update(_(lanyards.wording(visit.escorted)))
        lanyard.set_classes("escorted" if visit.escorted else "unescorted")
        colour = lanyard_colour(lanyard_name(visit, lanyards))
        patch = self.query_one("#lanyard-patch", Static)
        patch.display = colour is not None
        if colour is not None:
            patch.styles.background = colour
        regular = bool(visit.regular_id)
        show_text(self.query_one("#pass-hint", Static), _(CARD_HINT if regular else PHOTO_HINT))
        self.query_one("#pass-code-column").display = not regular
        self.query_one(PassQR).show("" if regular else visit.pass_token)
        code = "" if regular else _("Code: {code}").format(code=pass_code_text(visit.pass_token))
        self.query_one("#pass-code", Static).update(code)
        self.heartbeat()

    def forget(self) -> None:
        """The next visitor must not find this one's name or code (nor half a scanned code)."""
        self.scan.clear()
        self.visit = None
        for field in ("#pass-name", "#pass-host", "#pass-code"):
            self.query_one(field, Static).update("")
        self.query_one(PassQR).show("")

    def seconds_left(self) -> int:
        clock = self.kiosk.context.clock
        shown_at = clock.monotonic() if self.shown_at is None else self.shown_at
        return max(0, round(self.return_after_seconds() - (clock.monotonic() - shown_at)))

    def heartbeat(self) -> None:
        self.query_one("#pass-countdown", Static).update(
            _("This pass closes in {seconds} s").format(seconds=self.seconds_left())
        )

    @on(Button.Pressed, "#pass-done")
    def _done(self) -> None:
        self.kiosk.return_to_welcome()

    @on(Button.Pressed, "#pass-keep")
    def _keep_showing(self) -> None:
        self.shown_at = self.kiosk.context.clock.monotonic()
        self.heartbeat()
