"""Signing out: scan the pass, type the code printed under its QR, or type the first letters
of a name and tap it.

Matches show only first name, surname initial and time in, and only after two letters:
the public screen never lists who is on site. While a code is being typed the screen says so
(a name never has digits), rather than that no one has that name.
"""

from __future__ import annotations

import re

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Static

from kiosk.domain.ids import (
    CARD_PREFIX,
    PASS_PREFIX,
    looks_like_card,
    looks_like_pass,
    pass_from_typed,
)
from kiosk.domain.languages import N_
from kiosk.services.visitors.sign_out import MIN_SEARCH, SignOutMatch, find_on_site
from kiosk.ui.language import _
from kiosk.ui.messages import CodeScanned, VisitorPicked
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.kiosk_input import KioskInput
from kiosk.ui.widgets.touch_button import TouchButton
from kiosk.ui.widgets.touch_keyboard import TouchKeyboard, keyboard_words

# In the visitor's language (kiosk/ui/language.py).
PROMPT = N_("[b]Signing out:[/b] scan your pass, or type your name or the code under its QR")
TYPE_MORE = N_("Type at least two letters of your first name or surname.")
NO_MATCH = N_("No one signed in by that name. Check the spelling, or ask at reception.")
PICK = N_("Tap your name.")
TOO_MANY = N_("Several people match: please type more of your name.")
CODE_PARTIAL = N_("The code under your pass's QR: type all 16 letters and digits, then Search.")
CODE_READY = N_("A whole pass code: tap Search to sign out with it.")
# The code's first group and its hyphen, as printed: "7K2M-" (a name may not have a digit).
CODE_START = re.compile(r"[0-9A-Za-z]{4}-")
MATCHES_PER_ROW = 3
ROOMY_HEIGHT = 30  # below this only one row of names fits above the keyboard


def typing_a_code(typed: str) -> bool:
    """The code under a pass's QR, part typed: a digit, or its first group and hyphen."""
    text = typed.strip()
    return any(c.isdigit() for c in text) or CODE_START.match(text) is not None


class SignOutScreen(KioskScreen):
    CSS_PATH = "sign_out.tcss"
    HOLDS_INPUT = True

    def __init__(self) -> None:
        super().__init__()
        self.matches: list[SignOutMatch] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="search-step"):
            yield Static(_(PROMPT), id="step-prompt")
            # Back beside the box, not above it: at 80x24 a top bar would push the names
            # under the keyboard.
            with Horizontal(id="search-row"):
                yield TouchButton(_("◀ Back"), id="back", pressed_look=False)
                yield KioskInput(id="search")
            yield Static(_(TYPE_MORE), id="search-message", classes="message")
            yield Grid(id="matches")
            yield TouchKeyboard(id="keyboard")

    def show_language(self) -> None:
        self.query_one("#step-prompt", Static).update(_(PROMPT))
        self.query_one("#back", Button).label = _("◀ Back")
        self.query_one("#search-message", Static).update(_(TYPE_MORE))
        keyboard = self.query_one(TouchKeyboard)
        keyboard.done_label = _("Search")
        keyboard.words = keyboard_words()

    def on_mount(self) -> None:
        keyboard = self.query_one(TouchKeyboard)
        keyboard.done_label = _("Search")
        keyboard.words = keyboard_words()
        keyboard.show_digits = True  # the code printed under the pass's QR has digits
        self.query_one("#search", KioskInput).focus()

    def forget(self) -> None:
        """Empty the search and the names shown: the screen is kept for the next visitor."""
        self.query_one("#search", KioskInput).value = ""
        self.query_one("#search-message", Static).update(_(TYPE_MORE))
        self.matches = []
        self.query_one(TouchKeyboard).reset()
        self.query_one("#matches", Grid).remove_children()

    async def show_matches(self, typed: str) -> None:
        matches: list[SignOutMatch] = []
        if typed.strip().upper().startswith((PASS_PREFIX, CARD_PREFIX)):
            message = ""  # a scanner is typing a code: no name search on it (but on "Pascale")
        elif pass_from_typed(typed):
            message = CODE_READY
        elif typing_a_code(typed):
            message = CODE_PARTIAL
        elif len(typed.strip()) < MIN_SEARCH:
            message = TYPE_MORE
        else:
            try:
                matches = find_on_site(self.kiosk.context, typed)
            except Exception as error:
                self.kiosk.show_fault(error)
                return
            room = MATCHES_PER_ROW * (2 if self.app.size.height >= ROOMY_HEIGHT else 1)
            message = PICK if matches else NO_MATCH
            if len(matches) > room:
                matches, message = [], TOO_MANY
        self.query_one("#search-message", Static).update(_(message) if message else "")
        if [m.visit_id for m in matches] == [m.visit_id for m in self.matches]:
            return
        self.matches = matches
        grid = self.query_one("#matches", Grid)
        await grid.remove_children()
        await grid.mount_all(
            TouchButton(
                f"{m.short_name}\n" + _("in at {time}").format(time=m.time_in),
                id=f"match-{n}",
                classes="match",
                pressed_look=False,
            )
            for n, m in enumerate(matches)
        )

    def confirm(self, match: SignOutMatch) -> None:
        self.tell_app(VisitorPicked(match))

    # --- events -----------------------------------------------------------------------------

    async def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        await self.show_matches(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit(event.value)

    def submit(self, typed: str) -> None:
        if looks_like_pass(typed) or looks_like_card(typed):  # a pass or a regular's card
            self.post_message(CodeScanned(typed))
        elif len(self.matches) == 1:
            self.confirm(self.matches[0])
        elif not self.matches and pass_from_typed(typed):  # the code under the pass's QR
            self.post_message(CodeScanned(typed))

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.kiosk.return_to_welcome()

    @on(Button.Pressed, ".match")
    def _match_tapped(self, event: Button.Pressed) -> None:
        index = int((event.button.id or "").removeprefix("match-"))
        if index < len(self.matches):
            self.confirm(self.matches[index])

    def on_touch_keyboard_typed(self, message: TouchKeyboard.Typed) -> None:
        self.query_one("#search", KioskInput).insert_text_at_cursor(message.text)

    def on_touch_keyboard_erase(self) -> None:
        self.query_one("#search", KioskInput).action_delete_left()

    def on_touch_keyboard_done(self) -> None:
        if self.tap_ok("done"):
            self.submit(self.query_one("#search", KioskInput).value)
