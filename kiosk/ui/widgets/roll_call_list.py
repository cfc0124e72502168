"""The roll call's list: each group's heading, then a row per person, a page at a time.

One widget draws every row (as the on-screen keyboard draws its keys), so the list's first
frame costs about the same for 160 people as for 40 (docs/performance.md): a widget per
person would be mounted, styled and laid out 160 times, and the alarm's list must be up at
once. A finger cannot scroll
a terminal, so the list shows whole rows a page at a time; the screen's buttons turn the
pages ("▼ 12 more below"), and a mouse wheel moves a row at a time.

A row is a target: its blank top line, the name and the line under it (3 rows or more), then
a separator line that is not part of it. Tapping a row ticks the person as found (green);
tapping again unticks. The ticks live here only: nothing is written.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.color import Color
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from kiosk.services.fire.roll_call import Person, RollCall, RollCallGroup
from kiosk.ui.lanyard_colour import lanyard_colour
from kiosk.ui.tap_guard import LeavingScreen

TICK, TICKED = "☐", "☑"
RULE = "─"
INDENT = 4  # the name's text starts after "☐  "; the line under it lines up with the name


@dataclass(frozen=True)
class Entry:
    """A heading (person None) or a person's row, as laid out at a width."""

    group: RollCallGroup
    person: Person | None
    lines: tuple[str, ...]  # the text lines (a row: name lines, then detail lines)

    @property
    def height(self) -> int:
        # A row: a blank line, its text, then the separator.
        return len(self.lines) + 2 if self.person is not None else len(self.lines)


@dataclass(frozen=True)
class PlacedRow:
    """A person's row on the page shown: where a finger taps it (inside the widget)."""

    key: str
    name: str
    region: Region  # the target: blank line, name and details
    drawn: Region  # with its separator line


def _wrapped(text: str, width: int, indent: int) -> list[str]:
    return textwrap.wrap(text, max(8, width - indent), break_on_hyphens=True) or [""]


def layout(roll: RollCall, width: int) -> list[Entry]:
    """Every heading and row of the list at `width`, in order."""
    entries: list[Entry] = []
    for group in roll.groups:
        if group.problem:
            text = f"{group.title}: could not be read: {group.problem}"
            entries.append(Entry(group, None, tuple(_wrapped(text, width, 1))))
            continue
        entries.append(Entry(group, None, (f"{group.title}: {group.count}",)))
        if not group.people and group.on_site and roll.count == 0:
            # Nobody on site at all: say what the kiosk looked at. An empty group beside
            # others is its heading alone, so the people to find stay on the first page.
            note = group.empty_note
            entries.append(Entry(group, None, tuple(_wrapped(note, width, 1))))
        for person in group.people:
            name = _wrapped(person.name, width, INDENT)
            about = _wrapped(f"in at {person.time_in}  ·  {person.about}", width, INDENT)
            entries.append(Entry(group, person, (*name, *about)))
    return entries


@dataclass(frozen=True)
class Page:
    first: int  # the index of its first entry
    entries: tuple[tuple[int, int], ...]  # (entry index, y) of each entry shown
    continued: str  # a heading drawn at the top when the page starts inside a group
    after: int  # the index of the first entry not shown


def page_from(entries: list[Entry], first: int, height: int) -> Page:
    """The whole entries that fit in `height` from `first`; a heading never ends a page."""
    y = 0
    continued = ""
    if 0 < first < len(entries) and entries[first].person is not None:
        continued = f"{entries[first].group.title}, continued"
        y = 1
    shown: list[tuple[int, int]] = []
    index = first
    while index < len(entries) and y + entries[index].height <= height:
        shown.append((index, y))
        y += entries[index].height
        index += 1
    # A heading with none of its rows under it waits for the next page.
    while len(shown) > 1 and index < len(entries) and entries[shown[-1][0]].person is None:
        shown.pop()
        index -= 1
    if not shown and first < len(entries):  # taller than the whole widget: show what fits
        shown, index = [(first, y)], first + 1
    return Page(first, tuple(shown), continued, index)


class RollCallList(Widget):
    DEFAULT_CSS = (Path(__file__).parent / "roll_call_list.tcss").read_text(encoding="utf-8")
    COMPONENT_CLASSES = {
        "roll-call-list--row",
        "roll-call-list--found",
        "roll-call-list--heading",
        "roll-call-list--rule",
        "roll-call-list--problem",
    }

    class Ticked(Message):
        """A person was ticked as found, or unticked."""

        def __init__(self, key: str, found: bool) -> None:
            super().__init__()
            self.key = key
            self.found = found

    class Paged(Message):
        """The page shown changed (a page turned, the size changed)."""

    first: reactive[int] = reactive(0)

    def __init__(self, roll: RollCall, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.roll = roll
        self.found: set[str] = set()
        self._entries: tuple[int, list[Entry]] | None = None
        self._page: tuple[tuple[int, int, int], Page] | None = None
        self._drawn: tuple[tuple[object, ...], list[Strip]] | None = None
        self._down_on = ""
        self._reported: tuple[int, int] | None = None

    # --- what is shown ----------------------------------------------------------------------

    def show(self, roll: RollCall) -> None:
        """A fresher list (the ticks of people still on it stay)."""
        self.roll = roll
        keys = {person.key for _, person in roll.people()}
        self.found &= keys
        self._entries = None
        self.first = min(self.first, max(0, len(self.entries()) - 1))
        self.refresh()

    def entries(self) -> list[Entry]:
        width = self.size.width
        if self._entries is None or self._entries[0] != width:
            self._entries = (width, layout(self.roll, width))
        return self._entries[1]

    def page(self) -> Page:
        key = (self.first, self.size.width, self.size.height)
        if self._page is None or self._page[0] != key:
            self._page = (key, page_from(self.entries(), self.first, self.size.height))
        return self._page[1]

    def people_above(self) -> int:
        return sum(1 for e in self.entries()[: self.page().first] if e.person is not None)

    def people_below(self) -> int:
        return sum(1 for e in self.entries()[self.page().after :] if e.person is not None)

    def placed_rows(self) -> list[PlacedRow]:
        """Every row on the page shown, with its regions inside the widget."""
        width = self.size.width
        placed = []
        for index, y in self.page().entries:
            entry = self.entries()[index]
            if entry.person is None:
                continue
            rows = entry.height - 1
            placed.append(
                PlacedRow(
                    entry.person.key,
                    entry.person.name,
                    Region(0, y, width, rows),
                    Region(0, y, width, rows + 1),
                )
            )
        return placed

    def row_region(self, key: str) -> Region | None:
        """Where the person's row is on the screen, or None while it is not on the page."""
        origin = self.content_region.offset
        for row in self.placed_rows():
            if row.key == key:
                return row.region.translate(origin)
        return None

    def next_page(self) -> None:
        page = self.page()
        if page.after < len(self.entries()):
            self.first = page.after

    def previous_page(self) -> None:
        """Back to the start of the page before (pages counted from the top)."""
        entries, height = self.entries(), self.size.height
        start, previous = 0, 0
        while start < self.first:
            previous = start
            following = page_from(entries, start, height).after
            if following <= start:
                break
            start = following
        self.first = previous

    def watch_first(self) -> None:
        self.refresh()
        self.post_message(self.Paged())

    def on_resize(self) -> None:
        self.post_message(self.Paged())

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return container.height

    # --- drawing ----------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn = None

    def render_line(self, y: int) -> Strip:
        lines = self._lines()
        return lines[y] if 0 <= y < len(lines) else self._blank()

    def _blank(self) -> Strip:
        behind = self.background_colors[1].rich_color
        return Strip([Segment(" " * self.size.width, Style(bgcolor=behind))])

    def _lines(self) -> list[Strip]:
        key = (self.page(), self.size, frozenset(self.found), id(self.roll))
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = (key, self._draw())
        return self._drawn[1]

    def _style(self, name: str) -> tuple[Color, Color]:
        styles = self.get_component_styles(f"roll-call-list--{name}")
        behind = self.background_colors[1]
        face = behind + styles.background
        return face, face + styles.color

    def _text_line(self, text: str, fg: Color, bg: Color, bold: bool = False) -> Strip:
        width = self.size.width
        shown = text if cell_len(text) <= width else text[: max(0, width - 1)] + "…"
        style = Style(color=fg.rich_color, bgcolor=bg.rich_color, bold=bold)
        pad = Style(bgcolor=bg.rich_color)
        return Strip([Segment(shown, style), Segment(" " * (width - cell_len(shown)), pad)])

    def _with_patch(self, line: Strip, colour: Color) -> Strip:
        """The line with a two-cell patch of `colour` under the tick box (the indent)."""
        if self.size.width < INDENT:
            return line
        patch = Strip([Segment("  ", Style(bgcolor=colour.rich_color))])
        return Strip.join([line.crop(0, 1), patch, line.crop(3, self.size.width)])

    def _draw(self) -> list[Strip]:
        page = self.page()
        width = self.size.width
        lines = [self._blank() for _ in range(self.size.height)]
        heading_bg, heading_fg = self._style("heading")
        if page.continued:
            lines[0] = self._text_line(" " + page.continued, heading_fg, heading_bg, bold=True)
        for index, y in page.entries:
            entry = self.entries()[index]
            if entry.person is None:
                bg, fg = self._style("problem" if entry.group.problem else "heading")
                for n, text in enumerate(entry.lines):
                    if y + n < len(lines):
                        lines[y + n] = self._text_line(" " + text, fg, bg, bold=True)
                continue
            found = entry.person.key in self.found
            bg, fg = self._style("found" if found else "row")
            names = len(_wrapped(entry.person.name, width, INDENT))
            rows = [self._text_line("", fg, bg)]
            patch = lanyard_colour(entry.person.colour) if entry.person.colour else None
            for n, text in enumerate(entry.lines):
                prefix = f" {TICKED if found else TICK}  " if n == 0 else " " * INDENT
                line = self._text_line(prefix + text, fg, bg, bold=n < names or found)
                if n == names and patch is not None:
                    line = self._with_patch(line, patch)
                rows.append(line)
            rule_bg, rule_fg = self._style("rule")
            rows.append(
                Strip(
                    [
                        Segment(
                            RULE * width,
                            Style(color=rule_fg.rich_color, bgcolor=rule_bg.rich_color),
                        )
                    ]
                )
            )
            for n, strip in enumerate(rows):
                if y + n < len(lines):
                    lines[y + n] = strip
        return lines

    # --- touch ------------------------------------------------------------------------------

    def _row_under(self, event: events.MouseEvent) -> PlacedRow | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        for row in self.placed_rows():
            if row.region.contains(offset.x, offset.y):
                return row
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        row = self._row_under(event)
        self._down_on = row.key if row else ""

    def on_click(self, event: events.Click) -> None:
        event.stop()
        row = self._row_under(event)
        down_on, self._down_on = self._down_on, ""
        if row is None or (down_on and row.key != down_on):
            return  # between rows, or the finger slid from one row to another
        screen = self.screen
        # The second half of a double tap on the button that opened the list lands on a row:
        # it must not count that person as found.
        if isinstance(screen, LeavingScreen) and not screen.tap_ok(f"person-{row.key}"):
            return
        self.toggle(row.key)

    def toggle(self, key: str) -> None:
        found = key not in self.found
        if found:
            self.found.add(key)
        else:
            self.found.discard(key)
        self.refresh()
        self.post_message(self.Ticked(key, found))

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        if self.page().after < len(self.entries()):
            self.first += 1

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        if self.first > 0:
            self.first -= 1
