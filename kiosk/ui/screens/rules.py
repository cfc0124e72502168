"""The phone rules, shown large, then I agree / I don't agree.

Agreeing stores the visit with the rules' version and the moment of agreement. Declining
stores nothing: the typed details are dropped with the sign-in screen.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Markdown, Static

from kiosk.domain.rules import PhoneRules
from kiosk.domain.visitor_form import VisitorDetails
from kiosk.services.rules_file import load_rules
from kiosk.services.sign_in import sign_in
from kiosk.ui.messages import ShowMessage, VisitorSignedIn
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.touch_button import TouchButton

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
            yield TouchButton("◀ Back", id="back")
            yield TouchButton("I don't agree", id="decline", variant="error")
            yield TouchButton("I agree", id="agree", variant="success")

    def on_mount(self) -> None:
        try:
            # Read now, not at start-up: the school may have replaced the file, and the version
            # stored with the visit must be the wording on screen.
            self.rules = load_rules(self.kiosk.context.config.rules_file)
        except Exception as error:
            self.kiosk.show_fault(error)
            return
        self.query_one("#rules-text", Markdown).update(self.rules.text)

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.app.pop_screen()

    @on(Button.Pressed, "#decline")
    def decline(self) -> None:
        self.tell_app(ShowMessage(DECLINED_TITLE, DECLINED_BODY, tone="refused"))

    @on(Button.Pressed, "#agree")
    def agree(self) -> None:
        if self.rules is None or self.leaving:
            return
        try:
            visit = sign_in(self.kiosk.context, self.details, self.rules)
        except Exception as error:  # e.g. a damaged data file: calm message, nothing half-done
            self.kiosk.show_fault(error)
            return
        self.tell_app(VisitorSignedIn(visit))
