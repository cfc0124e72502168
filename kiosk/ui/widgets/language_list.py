"""The list of languages, laid over welcome when the kiosk offers more than one beside
English: a button for each, named in itself ("Polski", "Română"), and one to go back.

With one language beside English welcome needs no list (its button switches at once), so
this is built then but never opened.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button

from kiosk.domain.languages import Language
from kiosk.ui.language import _
from kiosk.ui.widgets.screen_overlay import ScreenOverlay
from kiosk.ui.widgets.touch_button import TouchButton


class LanguageList(ScreenOverlay):
    DEFAULT_CSS = """
    LanguageList #language-box {
        width: 72;
        max-width: 100%;
        height: auto;
        padding: 0 1;
        border: thick $primary;
        background: $surface;
    }
    LanguageList #language-choices {
        grid-size: 3;
        grid-gutter: 0 1;
        grid-rows: 3;
        height: auto;
    }
    LanguageList #language-choices Button {
        width: 1fr;
    }
    LanguageList #language-back-row {
        height: auto;
        align-horizontal: center;
    }
    LanguageList #language-back {
        width: 22;
    }
    """

    class Chosen(Message):
        """A language was tapped (its catalogue's code)."""

        def __init__(self, code: str) -> None:
            super().__init__()
            self.code = code

    def __init__(self, languages: Sequence[Language]) -> None:
        super().__init__(id="language-list")
        self.languages = tuple(languages)

    def compose(self) -> ComposeResult:
        with Vertical(id="language-box"):
            with Grid(id="language-choices"):
                for language in self.languages:
                    yield TouchButton(
                        language.name,
                        id=f"language-{language.code}",
                        classes="language-choice",
                        pressed_look=False,
                    )
            with Horizontal(id="language-back-row"):
                yield TouchButton("", id="language-back", variant="primary")

    def open(self) -> None:
        self.query_one("#language-back", Button).label = _("◀ Back")
        self.display = True

    def close(self) -> None:
        self.display = False

    @on(Button.Pressed, "#language-back")
    def _back(self, event: Button.Pressed) -> None:
        event.stop()
        self.close()

    @on(Button.Pressed, ".language-choice")
    def _chosen(self, event: Button.Pressed) -> None:
        event.stop()
        self.close()
        self.post_message(self.Chosen((event.button.id or "").removeprefix("language-")))
