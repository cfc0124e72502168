"""An on-screen keyboard for one finger: letters, shift, space, hyphen, apostrophe, full
stop, backspace and a Done key (Next, Search: whatever moves the screen on); digits when the
field needs them. Going back is the screen's own Back button, never a key.

Accents: the accent key shows the accented forms of the letter just typed (é è ê … after
an e); tapping it puts them in place of the top letter row, and tapping one replaces the
letter with it (Zoe -> Zoë, Lukasz -> Łukasz). Keys never take focus, so the text box keeps
it and a physical keyboard works alongside.

The keyboard is one widget that draws its keys (kiosk/ui/widgets/keyboard_layout.py says
where each is): as 57 widgets, showing it, Shift and every step change made Textual lay out,
message and paint each key, which was most of a form step's time on a Pi.
"""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.color import Color
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input

from kiosk.domain.accented_letters import accented_forms
from kiosk.ui.language import _
from kiosk.ui.tap_log import TAP_LOG
from kiosk.ui.widgets.keyboard_layout import (
    DELETE_LABEL,
    KEY_ROWS,
    SHIFT_LABEL,
    SPACE_LABEL,
    KeyboardState,
    KeyCap,
    PlacedKey,
    key_at,
    key_id,
    keyboard_rows,
    place_keys,
)

__all__ = ["ACCENT_HINT", "KeyCap", "TouchKeyboard", "accent_label", "key_id", "keyboard_words"]

ACCENT_HINT = "á é ü"  # the accent key's label when the letter before the cursor has none


def keyboard_words() -> tuple[str, str, str]:
    """Shift's, Delete's and Space's words in the visitor's language (for `words`)."""
    return (_("⇧ Shift"), _("⌫ Delete"), _("Space"))


def accent_label(letter: str) -> str:
    """The accent key's label after this letter: its first accented forms, or the hint."""
    forms = accented_forms(letter)
    return " ".join(forms[:3]) + (" …" if len(forms) > 3 else "") if forms else ACCENT_HINT


class KeyLook:
    """The colours of one key as drawn: its face, its text and its outline."""

    __slots__ = ("face", "outline", "text")

    def __init__(self, face: Color, text: Color, outline: Color) -> None:
        self.face, self.text, self.outline = face, text, outline


class TouchKeyboard(Widget):
    DEFAULT_CSS = Path(__file__).with_suffix(".tcss").read_text(encoding="utf-8")
    COMPONENT_CLASSES = {
        "touch-keyboard--key",
        "touch-keyboard--done",
        "touch-keyboard--lit",
        "touch-keyboard--pressed",
        "touch-keyboard--outline",
        "touch-keyboard--done-outline",
    }

    class Typed(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Erase(Message):
        pass

    class Done(Message):
        pass

    shifted: reactive[bool] = reactive(False)
    caps_only: reactive[bool] = reactive(False)
    # The digits add a row: the only change that alters the keyboard's height.
    show_digits: reactive[bool] = reactive(False, layout=True)
    done_label: reactive[str] = reactive("Done")
    # Shift's, Delete's and Space's words: English unless a visitor's screen says otherwise.
    words: reactive[tuple[str, str, str]] = reactive((SHIFT_LABEL, DELETE_LABEL, SPACE_LABEL))
    # The accented forms shown in place of the top letter row ("" = letters as usual).
    accents_showing: reactive[str] = reactive("")
    accent_key_label: reactive[str] = reactive(ACCENT_HINT)
    # The key under a finger that is down, drawn pressed ("" = none).
    pressed: reactive[str] = reactive("")

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._placed: tuple[tuple[KeyboardState, int], list[PlacedKey]] | None = None
        self._drawn: tuple[tuple[KeyboardState, int, str], list[Strip]] | None = None
        self._down_on = ""  # the key a finger went down on: a tap counts only there

    # --- what is shown ----------------------------------------------------------------------

    @property
    def upper(self) -> bool:
        return self.shifted or self.caps_only

    def state(self) -> KeyboardState:
        return KeyboardState(
            upper=self.upper,
            shifted=self.shifted,
            show_digits=self.show_digits,
            accents=self.accents_showing,
            accent_label=self.accent_key_label,
            done_label=self.done_label,
            words=self.words,
        )

    def placed_keys(self) -> list[PlacedKey]:
        """Every key shown, with its region inside the keyboard."""
        key = (self.state(), self.size.width)
        if self._placed is None or self._placed[0] != key:
            self._placed = (key, place_keys(keyboard_rows(key[0]), key[1]))
        return self._placed[1]

    def shown_keys(self) -> list[KeyCap]:
        return [placed.cap for placed in self.placed_keys()]

    def key_region(self, wanted: str) -> Region | None:
        """Where the key with this id is on the screen, or None while it is not shown.

        None also while a row has come or gone but the screen is not laid out again yet:
        the keys are not where they will be drawn (a tap aimed at Y would land on H).
        """
        if self.size.height != self._rows_height():
            return None
        origin = self.content_region.offset
        for placed in self.placed_keys():
            if placed.cap.key_id == wanted:
                return placed.region.translate(origin)
        return None

    def _rows_height(self) -> int:
        """The height the rows shown need (the digit row adds three)."""
        return KEY_ROWS * len(keyboard_rows(self.state()))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._rows_height()

    # --- drawing ----------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn = None  # a theme or stylesheet change recolours every key

    def render_line(self, y: int) -> Strip:
        lines = self._lines()
        return lines[y] if 0 <= y < len(lines) else Strip.blank(self.size.width)

    def _lines(self) -> list[Strip]:
        key = (self.state(), self.size.width, self.pressed)
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = (key, self._draw())
        return self._drawn[1]

    def _looks(self) -> dict[str, KeyLook]:
        def background(name: str) -> Color:
            return self.get_component_styles(f"touch-keyboard--{name}").background

        text = self.get_component_styles("touch-keyboard--key").color
        outline = self.get_component_styles("touch-keyboard--outline").color
        done_outline = self.get_component_styles("touch-keyboard--done-outline").color
        looks = {
            "plain": KeyLook(background("key"), text, outline),
            "done": KeyLook(background("done"), text, done_outline),
        }
        for state in ("lit", "pressed"):
            face = background(state)  # light faces take dark text
            looks[state] = KeyLook(face, face + face.get_contrast_text(0.9), outline)
        return looks

    def _draw(self) -> list[Strip]:
        placed = self.placed_keys()
        behind = self.background_colors[1]
        looks = self._looks()
        lines: list[list[Segment]] = [[] for _ in range(max(p.region.bottom for p in placed))]
        for key in placed:
            cap = key.cap
            look = looks["pressed" if cap.key_id == self.pressed else "lit" if cap.on else cap.kind]
            for row, segments in enumerate(_key_lines(cap.label, key.region.width, look, behind)):
                lines[key.region.y + row].extend(segments)
        return [Strip(line).adjust_cell_length(self.size.width) for line in lines]

    # --- touch ------------------------------------------------------------------------------

    def _key_under(self, event: events.MouseEvent) -> KeyCap | None:
        offset = event.get_content_offset(self)
        return None if offset is None else key_at(self.placed_keys(), offset.x, offset.y)

    def tap_target(self, x: int, y: int) -> tuple[str, bool]:
        """For the app's tap guard: the key at (x, y) on the screen, and whether it is one
        tapped again and again on purpose (kiosk/ui/widgets/keyboard_layout.KeyCap.repeats)."""
        origin = self.content_region.offset
        cap = key_at(self.placed_keys(), x - origin.x, y - origin.y)
        return (cap.key_id, cap.repeats) if cap else (self.id or "keyboard", False)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        cap = self._key_under(event)
        self._down_on = self.pressed = cap.key_id if cap else ""

    def on_mouse_up(self) -> None:
        self.pressed = ""

    def on_leave(self) -> None:
        self.pressed = ""

    def on_click(self, event: events.Click) -> None:
        event.stop()
        cap = self._key_under(event)
        down_on, self._down_on = self._down_on, ""
        if cap is None or (down_on and cap.key_id != down_on):
            return  # the finger slid off the key it went down on
        TAP_LOG.debug("key %s", cap.key_id)
        self.press(cap.value)

    # --- what a key does --------------------------------------------------------------------

    def reset(self) -> None:
        """As for a new visitor: the letters, not the last one's accents or shift."""
        self.accents_showing = ""
        self.shifted = False
        self.accent_key_label = accent_label("")
        self.pressed = ""

    def _letter_before_cursor(self, erased: int = 0) -> str:
        """The character before the text box's cursor (after `erased` pending deletes)."""
        box = self.screen.focused
        if not isinstance(box, Input):
            return ""
        before = box.value[: max(0, box.cursor_position - erased)]
        return before[-1:]

    def press(self, value: str) -> None:
        """A key's value tapped: type it, or do what the key is for."""
        if value == "accents":
            self.toggle_accents()
            return
        if self.accents_showing:
            self.accents_showing = ""
            if len(value) == 1 and value in accented_forms(self._letter_before_cursor()):
                # An accented form replaces the letter it was offered for.
                self.post_message(self.Erase())
                self.post_message(self.Typed(value))
                self.accent_key_label = accent_label("")
                return
        if value == "shift":
            self.shifted = not self.shifted
        elif value == "backspace":
            self.post_message(self.Erase())
            self.accent_key_label = accent_label(self._letter_before_cursor(erased=1))
        elif value == "done":
            self.post_message(self.Done())
        else:
            typed = value.upper() if self.upper else value
            if self.shifted and typed.isalpha():
                # One capital per Shift, at once: a letter tapped before the screen has seen
                # this one must not come out a capital too. The screen turns Shift on again
                # at the start of the next word (KeyboardFormScreen._auto_shift).
                self.shifted = False
            self.post_message(self.Typed(typed))
            self.accent_key_label = accent_label(typed)

    def toggle_accents(self) -> None:
        """Show the accented forms of the letter before the cursor, or hide them again."""
        if self.accents_showing:
            self.accents_showing = ""
        else:
            self.accents_showing = accented_forms(self._letter_before_cursor())


def _key_lines(label: str, width: int, look: KeyLook, behind: Color) -> list[list[Segment]]:
    """A key's three lines, drawn as Textual draws a `tall` border: thin outline lines at
    its edges, the label bold and centred on its face."""
    face = look.face.rich_color
    if width < 3:
        return [[Segment(" " * width, Style(bgcolor=face))] for _ in range(KEY_ROWS)]
    inner = width - 2
    edge = Style(color=look.outline.rich_color, bgcolor=face)
    left = Segment("▊", Style(color=behind.rich_color, bgcolor=look.outline.rich_color))
    right = Segment("▎", Style(color=look.outline.rich_color, bgcolor=behind.rich_color))
    text = _fit(label, inner)
    pad = inner - cell_len(text)
    blank = Style(bgcolor=face)
    middle = [
        Segment(" " * (pad // 2), blank),
        Segment(text, Style(color=look.text.rich_color, bgcolor=face, bold=True)),
        Segment(" " * (pad - pad // 2), blank),
    ]
    middle = [segment for segment in middle if segment.text]
    return [
        [left, Segment("▔" * inner, edge), right],
        [left, *middle, right],
        [left, Segment("▁" * inner, edge), right],
    ]


def _fit(label: str, width: int) -> str:
    """The label, or as many of its words as fit (as Textual wraps a label to its first
    line); cut mid-word only when even the first word is too long."""
    if cell_len(label) <= width:
        return label
    words = label.split(" ")
    for count in range(len(words) - 1, 0, -1):
        shorter = " ".join(words[:count])
        if cell_len(shorter) <= width:
            return shorter
    return set_cell_size(label, width)
