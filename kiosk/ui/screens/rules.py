"""The phone rules, shown large, then I agree / I don't agree.

Agreeing stores the visit with the rules' version and the moment of agreement. Declining
(or Cancel) stores nothing: the typed details are dropped with the sign-in screen, after
asking once ("Discard what you typed?"). Visitor types with
extra agreements (a contractor's asbestos register and site induction) read those below the
rules, and agree to all of them with the one tap. A regular visitor's card comes here
pre-filled, with a line for each document changed since they last agreed.
"""

from __future__ import annotations

from collections.abc import Awaitable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Markdown, Static

from kiosk.domain.agreements import AgreementDocument
from kiosk.domain.rules import PhoneRules
from kiosk.domain.visitor_form import VisitorDetails
from kiosk.errors import NotFound
from kiosk.services.regulars.regular_visitors import CardSignIn, sign_in_regular
from kiosk.services.visitors.rules_file import agreements_for, load_rules
from kiosk.services.visitors.sign_in import next_pass_token, sign_in
from kiosk.ui.messages import ShowMessage, VisitorSignedIn
from kiosk.ui.qr_text import draw_ahead
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.question import DISCARD_QUESTION, Question
from kiosk.ui.widgets.touch_button import TouchButton

AGREE_LABEL = "I agree"
READ_ON_LABEL = "Read on ▼"
DECLINED_TITLE = "Please speak to reception."
DECLINED_BODY = (
    "Everyone in school agrees to the phone rules. "
    "Nothing you typed has been kept. Reception will help you."
)


class RulesScreen(KioskScreen):
    CSS_PATH = "rules.tcss"
    HOLDS_INPUT = True

    def __init__(self) -> None:
        super().__init__()
        self.details: VisitorDetails | None = None
        self.card: CardSignIn | None = None
        self.rules: PhoneRules | None = None
        self.documents: list[AgreementDocument] = []
        self.text = ""  # the wording in the Markdown widget (rebuilt only when it changes)
        # This visitor's pass token, made now so its QR code is drawn while they read.
        self.pass_token = ""
        self.read_to_end = False  # once the end has been on screen, I agree stays available

    def compose(self) -> ComposeResult:
        yield Static("", id="step-title", markup=False)
        yield Static("", id="rules-changed", markup=False)
        with VerticalScroll(id="rules-scroll"):
            yield Markdown("", id="rules-text", open_links=False)
        with Horizontal(id="rules-buttons"):
            yield TouchButton("◀ Back", id="back")
            yield TouchButton("Cancel", id="cancel")
            yield TouchButton("I don't agree", id="decline", variant="error")
            yield TouchButton(READ_ON_LABEL, id="agree")
        yield Question()

    def prepare(self, details: VisitorDetails, card: CardSignIn | None = None) -> None:
        """Ready the kept screen for this visitor, before it is shown. Raises when the rules
        or an agreement cannot be read (the navigator shows the fault instead).

        Read now, not at start-up: the school may have replaced the file, and the version
        stored with the visit must be the wording on screen. The Markdown (some fifty
        widgets) is rebuilt only when that wording changed since it was last shown."""
        config = self.kiosk.context.config
        rules = load_rules(config.rules_file)
        documents = agreements_for(config.agreements, details.visitor_type, config.tz)
        self.details, self.card = details, card
        self.rules, self.documents = rules, documents
        self.pass_token = next_pass_token()
        # Once the rules are drawn, not before: the tap that brought them shows them first.
        self.app.call_after_refresh(draw_ahead, self.pass_token)
        if self.is_mounted:
            self._show()

    def on_mount(self) -> None:
        self.watch(self.query_one("#rules-scroll"), "scroll_y", self._check_read, init=False)
        self._show()

    def _show(self) -> None:
        if self.details is None or self.rules is None:
            return
        title = "Please read our phone rules, then tap I agree"
        if self.card is not None:
            title = f"Welcome back, {self.details.name.split()[0]}. {title}"
        self.query_one("#step-title", Static).update(title)
        changed = self.query_one("#rules-changed", Static)
        changed.update("\n".join(self.card.changed) if self.card else "")
        changed.display = bool(self.card and self.card.changed)
        # One scroll, one I agree: each extra document follows the rules under a rule line.
        text = "\n\n---\n\n".join([self.rules.text, *(d.text for d in self.documents)])
        # Each visitor reads to the end: until then the button reads "Read on".
        self.read_to_end = False
        self._check_read()
        if text != self.text:
            self.text = text
            # Checked once the new wording is laid out, never against the old one's length.
            self.call_later(self._check_after, self.query_one("#rules-text", Markdown).update(text))
        else:
            self.call_after_refresh(self._check_read)
        self.query_one("#rules-scroll", VerticalScroll).scroll_home(animate=False)

    async def _check_after(self, update: Awaitable[object]) -> None:
        await update
        self.call_after_refresh(self._check_read)

    def on_resize(self) -> None:
        self.call_after_refresh(self._check_read)

    def _check_read(self, _scroll_y: float | None = None) -> None:
        """I agree once the end of the text has been on screen (at once when it all fits)."""
        scroll = self.query_one("#rules-scroll", VerticalScroll)
        laid_out = self.query_one("#rules-text", Markdown).size.height > 0
        if not self.read_to_end and laid_out and scroll.scroll_y >= scroll.max_scroll_y:
            self.read_to_end = True
        button = self.query_one("#agree", Button)
        button.label = AGREE_LABEL if self.read_to_end else READ_ON_LABEL
        button.variant = "success" if self.read_to_end else "default"

    def forget(self) -> None:
        """Drop the visitor's details: the screen is kept for the next visitor."""
        self.details = self.card = None
        self.pass_token = ""
        self.read_to_end = False
        self.query_one(Question).close()

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.app.pop_screen()

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.query_one(Question).ask(
            "cancel", DISCARD_QUESTION, yes="Yes, discard", no="No, keep going"
        )

    @on(Button.Pressed, "#decline")
    def decline(self) -> None:
        self.query_one(Question).ask(
            "decline", DISCARD_QUESTION, yes="Yes, I don't agree", no="No, go back"
        )

    def on_question_answered(self, message: Question.Answered) -> None:
        if not message.yes:
            return
        if message.topic == "decline":
            self.tell_app(ShowMessage(DECLINED_TITLE, DECLINED_BODY, tone="refused"))
        else:
            self.kiosk.return_to_welcome()

    @on(Button.Pressed, "#agree")
    def agree(self) -> None:
        if self.rules is None or self.details is None or self.leaving:
            return
        if not self.read_to_end:
            self.query_one("#rules-scroll", VerticalScroll).scroll_page_down(animate=False)
            return
        try:
            if self.card is not None:
                visit = sign_in_regular(
                    self.kiosk.context,
                    self.card.regular_id,
                    self.rules,
                    self.documents,
                    host=self.details.host,
                    pass_token=self.pass_token,
                )
            else:
                visit = sign_in(
                    self.kiosk.context,
                    self.details,
                    self.rules,
                    documents=self.documents,
                    pass_token=self.pass_token,
                )
        except NotFound as refused:  # a card revoked, or its holder signed in, meanwhile
            self.tell_app(ShowMessage(str(refused), tone="refused"))
            return
        except Exception as error:  # e.g. a damaged data file: calm message, nothing half-done
            self.kiosk.show_fault(error)
            return
        self.tell_app(VisitorSignedIn(visit))
