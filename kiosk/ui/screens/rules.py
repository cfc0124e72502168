"""The phone rules, shown large, then I agree / I don't agree.

Agreeing stores the visit with the rules' version and the moment of agreement. Declining
stores nothing: the typed details are dropped with the sign-in screen.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Markdown, Static

from kiosk.domain.rules import PhoneRules
from kiosk.domain.visitor_form import VisitorDetails
from kiosk.services.rules_file import load_rules
from kiosk.services.sign_in import sign_in
from kiosk.ui.screens.base import KioskScreen

DECLINED_TITLE = "Please speak to reception."
DECLINED_BODY = (
    "Everyone in school agrees to the phone rules. "
    "Nothing you typed has been kept. Reception will help you."
)


class RulesScreen(KioskScreen):
    CSS_PATH = "rules.tcss"
    HOLDS_INPUT = True

    def __init__(self, details: VisitorDetails) -> None:
        super().__init__()
        self.details = details
        self.rules: PhoneRules | None = None

    def compose(self) -> ComposeResult:
        yield Static("Please read our phone rules, then tap I agree", id="step-title")
        with VerticalScroll(id="rules-scroll"):
            yield Markdown("", id="rules-text", open_links=False)
        with Horizontal(id="rules-buttons"):
            yield Button("◀ Back", id="back")
            yield Button("I don't agree", id="decline", variant="error")
            yield Button("I agree", id="agree", variant="success")

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False
        try:
            # Read now, not at start-up: the school may have replaced the file, and the version
            # stored with the visit must be the wording on screen.
            self.rules = load_rules(self.kiosk.context.config.rules_file)
        except Exception as error:
            self.kiosk.show_fault(error)
            return
        self.query_one("#rules-text", Markdown).update(self.rules.text)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        action = event.button.id or ""
        if not self.tap_ok(action):
            return
        if action == "back":
            self.app.pop_screen()
        elif action == "decline":
            self.decline()
        elif action == "agree":
            self.agree()

    def decline(self) -> None:
        from kiosk.ui.screens.message import MessageScreen

        self.kiosk.return_to_welcome()
        self.app.push_screen(MessageScreen(DECLINED_TITLE, DECLINED_BODY, tone="refused"))

    def agree(self) -> None:
        from kiosk.ui.screens.visitor_pass import PassScreen

        if self.rules is None:
            return
        try:
            visit = sign_in(self.kiosk.context, self.details, self.rules)
        except Exception as error:  # e.g. a damaged data file: calm message, nothing half-done
            self.kiosk.show_fault(error)
            return
        self.kiosk.return_to_welcome()
        self.app.push_screen(PassScreen(visit))
