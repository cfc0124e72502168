"""The phone rules, shown large, then I agree / I don't agree.

Agreeing stores the visit with the rules' version and the moment of agreement. Declining
(or Cancel) stores nothing: the typed details are dropped with the sign-in screen, after
asking once ("Discard what you typed?"). Visitor types with
extra agreements (a contractor's asbestos register and site induction) read those below the
rules, and agree to all of them with the one tap. A regular visitor's card comes here
pre-filled, with a line for each document changed since they last agreed.

In the visitor's language: the screen's words from the catalogue, the rules and documents
from the school's translations (rules.pl.md), and the English, with a line saying so, where
the school has none.

The screen is kept from one visitor to the next, so "has the end been shown" is measured only
once this visitor's own text is laid out and scrolled home, never against the last one's
layout; and the visit records only the documents whose end this visitor had on screen.
"""

from __future__ import annotations

import asyncio
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Markdown, Static

from kiosk.domain.agreements import AgreementDocument, in_sentence
from kiosk.domain.clock import local_day
from kiosk.domain.languages import N_
from kiosk.domain.rules import PhoneRules
from kiosk.domain.visitor_form import VisitorDetails
from kiosk.errors import NotFound
from kiosk.services.regulars.regular_visitors import CardSignIn, sign_in_regular
from kiosk.services.visitors.rules_file import (
    RULES_TITLE,
    agreements_for,
    load_rules,
    rules_document,
)
from kiosk.services.visitors.sign_in import next_pass_token, sign_in
from kiosk.ui.language import _, day_in_words, spoken
from kiosk.ui.messages import ShowMessage, VisitorSignedIn
from kiosk.ui.qr_text import draw_ahead
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.question import DISCARD_QUESTION, Question
from kiosk.ui.widgets.touch_button import TouchButton

# The visitor's words, translated where they are shown (kiosk/ui/language.py).
AGREE_LABEL = N_("I agree")
READ_ON_LABEL = N_("Read on ▼")
RULE_LINE = "---\n\n"
DECLINED_TITLE = N_("Please speak to reception.")
DECLINED_BODY = N_(
    "Everyone in school agrees to the phone rules. "
    "Nothing you typed has been kept. Reception will help you."
)
NOT_TRANSLATED = N_("Our phone rules are not yet in your language, so they are in English below.")
PARTLY_TRANSLATED = N_("Part of what follows is not yet in your language, so it is in English.")


def change_line(document: AgreementDocument, today: date) -> str:
    """ "Our site induction changed on 3 March", in the visitor's language."""
    title = _(RULES_TITLE) if document.title == RULES_TITLE else document.title
    if document.changed_on is None:
        return _("Our {document} changed since your last visit").format(document=in_sentence(title))
    return _("Our {document} changed on {day}").format(
        document=in_sentence(title), day=day_in_words(document.changed_on, today)
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
        # The wording in each Markdown widget, the rules first (rebuilt only when it changes).
        self.texts: list[str] = []
        # This visitor's pass token, made now so its QR code is drawn while they read.
        self.pass_token = ""
        # Which of this visitor's texts (0: the rules, then each document) have had their end
        # on screen. Only those are agreed to; I agree waits for all of them.
        self.shown: set[int] = set()
        # False while this visitor's text is laid out and scrolled home: the layout on screen
        # then is the previous visitor's, and what it shows says nothing about this one.
        self.measuring = False
        self.showing = 0  # counts visitors shown: a layout readied for an earlier one is ignored
        self.laying_out = asyncio.Lock()

    @property
    def read_to_end(self) -> bool:
        """The end of every text this visitor agrees to has been on screen."""
        return bool(self.texts) and self.shown >= set(range(len(self.texts)))

    def compose(self) -> ComposeResult:
        yield Static("", id="step-title", markup=False)
        yield Static("", id="rules-changed", markup=False)
        with VerticalScroll(id="rules-scroll"):
            yield Markdown("", id="rules-text", open_links=False)
        with Horizontal(id="rules-buttons"):
            yield TouchButton(_("◀ Back"), id="back")
            yield TouchButton(_("Cancel"), id="cancel")
            yield TouchButton(_("I don't agree"), id="decline", variant="error")
            yield TouchButton(_(READ_ON_LABEL), id="agree")
        yield Question()

    def show_language(self) -> None:
        """The buttons in the visitor's language (the rest is set for each visitor)."""
        self.query_one("#back", Button).label = _("◀ Back")
        self.query_one("#cancel", Button).label = _("Cancel")
        self.query_one("#decline", Button).label = _("I don't agree")
        self._show_button()

    def prepare(self, details: VisitorDetails, card: CardSignIn | None = None) -> None:
        """Ready the kept screen for this visitor, before it is shown. Raises when the rules
        or an agreement cannot be read (the navigator shows the fault instead).

        Read now, not at start-up: the school may have replaced the file, and the version
        stored with the visit must be the wording on screen. The Markdown (some fifty
        widgets) is rebuilt only when that wording changed since it was last shown."""
        config = self.kiosk.context.config
        language = spoken().code
        rules = load_rules(config.rules_file, language)
        documents = agreements_for(config.agreements, details.visitor_type, config.tz, language)
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
        title = _("Please read our phone rules, then tap I agree")
        if self.card is not None:
            welcome = _("Welcome back, {name}.").format(name=self.details.name.split()[0])
            title = f"{welcome} {title}"
        self.query_one("#step-title", Static).update(title)
        notes = self.notes()
        changed = self.query_one("#rules-changed", Static)
        changed.update("\n".join(notes))
        changed.display = bool(notes)
        # Each visitor reads to the end of their own text: until then the button reads
        # "Read on", whatever the previous visitor read.
        self.showing += 1
        self.measuring = False
        self.shown = set()
        self._show_button()
        # Each extra document under a rule line, drawn as the rules' own Markdown draws one.
        self.texts = texts = [self.rules.text, *(f"{RULE_LINE}{d.text}" for d in self.documents)]
        widgets = list(self.query_one("#rules-scroll").query_children(Markdown))
        built = len(widgets) >= len(texts) and all(
            w.source == text for w, text in zip(widgets, texts, strict=False)
        )
        if built and not self.laying_out.locked():
            self._scroll_home(self.showing, widgets)  # the usual case: at once, as before
        else:
            self.call_later(self._lay_out, self.showing, texts)

    def notes(self) -> list[str]:
        """The lines above the rules: what is not in the visitor's language, then each
        document changed since a regular visitor last agreed."""
        assert self.rules is not None
        lines = []
        if not spoken().english:
            languages = [self.rules.language, *(d.language for d in self.documents)]
            if self.rules.language != spoken().code:
                lines.append(_(NOT_TRANSLATED))
            elif any(language != spoken().code for language in languages):
                lines.append(_(PARTLY_TRANSLATED))
        if self.card is not None and self.card.changed_names:
            context = self.kiosk.context
            today = local_day(context.now(), context.config.tz)
            shown = [rules_document(self.rules, context.config.tz), *self.documents]
            lines += [change_line(d, today) for d in shown if d.name in self.card.changed_names]
        return lines

    def _text_widgets(self) -> list[Markdown]:
        """The Markdown of this visitor's texts, the rules first."""
        return [w for w in self.query_one("#rules-scroll").query_children(Markdown) if w.display]

    async def _lay_out(self, showing: int, texts: list[str]) -> None:
        """Put this visitor's texts on screen (one scroll, one I agree: each document follows
        the rules under a rule line), scrolled home; measure once that is laid out."""
        async with self.laying_out:  # one visitor's text at a time, in the order they came
            if showing != self.showing:  # another visitor came meanwhile: theirs follows
                return
            scroll = self.query_one("#rules-scroll", VerticalScroll)
            widgets = list(scroll.query_children(Markdown))
            if len(widgets) < len(texts):
                added = [
                    Markdown("", classes="agreement-text", open_links=False)
                    for _ in range(len(texts) - len(widgets))
                ]
                await scroll.mount_all(added)
                widgets += added
            for widget, text in zip(widgets, texts, strict=False):
                if widget.source != text:
                    await widget.update(text)
            if showing == self.showing:
                self._scroll_home(showing, widgets)

    def _scroll_home(self, showing: int, widgets: list[Markdown]) -> None:
        """This visitor's texts shown from the top; measured once that is laid out."""
        # A document not in this visitor's text is hidden, not dropped: the next
        # contractor's comes back without being built again.
        for index, widget in enumerate(widgets):
            widget.display = index < len(self.texts)
        self.query_one("#rules-scroll").scroll_home(animate=False, immediate=True)
        self.call_after_refresh(self._start_measuring, showing)

    def _start_measuring(self, showing: int) -> None:
        if showing == self.showing:
            self.measuring = True
            self._check_read()

    def on_resize(self) -> None:
        self.call_after_refresh(self._check_read)

    def _check_read(self, _scroll_y: float | None = None) -> None:
        """Note each text whose end is on screen (all of them at once when they fit)."""
        if self.measuring:
            scroll = self.query_one("#rules-scroll", VerticalScroll)
            at_end = scroll.scroll_y >= scroll.max_scroll_y
            window_bottom = scroll.scroll_y + scroll.scrollable_content_region.height
            for index, widget in enumerate(self._text_widgets()):
                if at_end or widget.virtual_region.bottom <= window_bottom:
                    self.shown.add(index)
        self._show_button()

    def _show_button(self) -> None:
        button = self.query_one("#agree", Button)
        button.label = _(AGREE_LABEL) if self.read_to_end else _(READ_ON_LABEL)
        button.variant = "success" if self.read_to_end else "default"

    def shown_documents(self) -> list[AgreementDocument]:
        """The extra documents whose end this visitor has had on screen."""
        return [d for index, d in enumerate(self.documents, start=1) if index in self.shown]

    def forget(self) -> None:
        """Drop the visitor's details: the screen is kept for the next visitor."""
        self.details = self.card = None
        self.pass_token = ""
        self.shown = set()
        self.measuring = False
        self.query_one(Question).close()

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.app.pop_screen()

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.query_one(Question).ask(
            "cancel", _(DISCARD_QUESTION), yes=_("Yes, discard"), no=_("No, keep going")
        )

    @on(Button.Pressed, "#decline")
    def decline(self) -> None:
        self.query_one(Question).ask(
            "decline", _(DISCARD_QUESTION), yes=_("Yes, I don't agree"), no=_("No, go back")
        )

    def on_question_answered(self, message: Question.Answered) -> None:
        if not message.yes:
            return
        if message.topic == "decline":
            self.tell_app(ShowMessage(_(DECLINED_TITLE), _(DECLINED_BODY), tone="refused"))
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
                    self.shown_documents(),
                    host=self.details.host,
                    pass_token=self.pass_token,
                    language=spoken().code,
                )
            else:
                visit = sign_in(
                    self.kiosk.context,
                    self.details,
                    self.rules,
                    documents=self.shown_documents(),
                    pass_token=self.pass_token,
                    language=spoken().code,
                )
        except NotFound as refused:  # a card revoked, or its holder signed in, meanwhile
            self.tell_app(ShowMessage(_(str(refused)), tone="refused"))
            return
        except Exception as error:  # e.g. a damaged data file: calm message, nothing half-done
            self.kiosk.show_fault(error)
            return
        self.tell_app(VisitorSignedIn(visit))
