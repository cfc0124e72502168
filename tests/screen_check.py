"""What a finger and an eye need from a screen, read from what Textual actually draws.

- `targets_problems`: every tappable target (buttons, keyboard keys, list rows (the roll
  call's rows too, drawn by one widget), text boxes)
  at least 3 rows by 6 columns, wholly on screen (not cut by the screen's edge or a scroll
  view) and not covered by another widget (checked at its corners and centre).
- `contrast_problems`: the WCAG contrast of every drawn character against its own cell's
  background: at least 4.5:1 on targets, 7:1 for body text.

Colours come from the compositor's rendered strips (what the terminal is sent), so themes,
tints, transparency and `dim` are all accounted for.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.color import Color as RichColor
from rich.style import Style
from textual.color import Color
from textual.geometry import Region, Spacing
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input

from kiosk.ui.contrast import contrast_ratio
from kiosk.ui.screens.phone_return import PhoneRow
from kiosk.ui.widgets.pin_overlay import PinOverlay
from kiosk.ui.widgets.question import Question
from kiosk.ui.widgets.roll_call_list import RollCallList
from kiosk.ui.widgets.still_there import StillThere
from kiosk.ui.widgets.touch_keyboard import TouchKeyboard

MIN_ROWS, MIN_COLUMNS = 3, 6
BUTTON_CONTRAST = 4.5  # WCAG AA for text on a control
BODY_CONTRAST = 7.0  # WCAG AAA for body text: a foyer's glare, a visitor's reading glasses
OUTLINE_CONTRAST = 3.0  # WCAG non-text contrast: a button's shape against its background

TARGETS: tuple[type[Widget], ...] = (Button, TouchKeyboard, RollCallList, PhoneRow, Input)
# Laid over the whole screen while up: only their own targets can be tapped then.
MODAL_OVERLAYS: tuple[type[Widget], ...] = (Question, StillThere, PinOverlay)


def _rgb(color: RichColor | None, default: tuple[int, int, int]) -> tuple[int, int, int]:
    if color is None or color.is_default:
        return default
    t = color.get_truecolor()
    return (t.red, t.green, t.blue)


@dataclass(frozen=True)
class Cell:
    char: str
    fg: tuple[int, int, int]
    bg: tuple[int, int, int]


def _cell(char: str, style: Style | None) -> Cell:
    style = style or Style()
    fg = _rgb(style.color, (255, 255, 255))
    bg = _rgb(style.bgcolor, (0, 0, 0))
    if style.reverse:
        fg, bg = bg, fg
    if style.dim:  # terminals draw dim text half way to the background
        fg = tuple((f + b) // 2 for f, b in zip(fg, bg, strict=True))  # type: ignore[assignment]
    return Cell(char, fg, bg)


def screen_cells(screen: Screen[object]) -> list[list[Cell]]:
    """Every cell of the screen as drawn: character, foreground and background."""
    rows = []
    for strip in screen._compositor.render_strips():
        row: list[Cell] = []
        for text, style, control in strip:
            if control:
                continue
            for char in text:
                row.extend([_cell(char, style)] * cell_len(char))  # a wide character: 2 cells
        rows.append(row)
    return rows


def is_text(char: str) -> bool:
    """A character that is read, not a border, block or blank."""
    return not char.isspace() and not 0x2500 <= ord(char) <= 0x259F


def _inside(widget: Widget, ancestor: Widget) -> bool:
    return widget is ancestor or ancestor in widget.ancestors


def _modal(screen: Screen[object]) -> Widget | None:
    visible = screen._compositor.visible_widgets
    for widget in screen.query("*"):
        if isinstance(widget, MODAL_OVERLAYS) and widget in visible and widget.display:
            return widget
    return None


@dataclass(frozen=True)
class Target:
    """Something a finger taps: a widget, or one key the on-screen keyboard draws itself."""

    name: str
    region: Region  # the part that looks like the target (less any line border)
    drawn: Region  # all of it, border and all
    widget: Widget  # the widget that draws it (the keyboard, for a key)
    behind: Color  # the background it stands out against


def _widget_targets(screen: Screen[object]) -> list[Widget]:
    visible = screen._compositor.visible_widgets
    modal = _modal(screen)
    found = []
    for widget in screen.query("*"):
        if not isinstance(widget, TARGETS) or widget not in visible:
            continue
        if any(isinstance(a, TARGETS) for a in widget.ancestors):
            continue  # a part of a bigger target
        if modal is not None and not _inside(widget, modal):
            continue
        found.append(widget)
    return found


def visible_targets(screen: Screen[object]) -> list[Target]:
    """Targets a finger could reach now: drawn, and above any overlay that is up."""
    found = []
    for widget in _widget_targets(screen):
        region = tappable_region(widget)
        behind = widget.background_colors[0]
        if isinstance(widget, TouchKeyboard):
            # The keys stand out against the keyboard's own (transparent) background.
            behind = widget.background_colors[1]
            origin = widget.content_region.offset
            for key in widget.placed_keys():
                region = key.region.translate(origin)
                label = f"key #{key.cap.key_id} {key.cap.label!r}"
                found.append(Target(label, region, region, widget, behind))
        elif isinstance(widget, RollCallList):
            # Each person's row is a target of its own; its separator line is not part of it.
            behind = widget.background_colors[1]
            origin = widget.content_region.offset
            for row in widget.placed_rows():
                region, drawn = row.region.translate(origin), row.drawn.translate(origin)
                found.append(Target(f"row #person-{row.key}", region, drawn, widget, behind))
        else:
            found.append(Target(name(widget), region, widget.region, widget, behind))
    return found


def name(widget: Widget) -> str:
    label = str(getattr(widget, "label", None) or "")[:20]
    return f"{type(widget).__name__}#{widget.id or '?'}" + (f" {label!r}" if label else "")


# Borders drawn as lines (a list row's separator) are not part of what a finger sees as the
# target; "tall", "wide", "blank" and similar borders are drawn in the target's own face.
LINE_BORDERS = {"ascii", "dashed", "double", "heavy", "hkey", "round", "solid", "thick", "vkey"}


def tappable_region(widget: Widget) -> Region:
    """The part of a target that looks like the target: its region less any line border."""
    top, right, bottom, left = (
        1 if edge[0] in LINE_BORDERS else 0
        for edge in (
            widget.styles.border_top,
            widget.styles.border_right,
            widget.styles.border_bottom,
            widget.styles.border_left,
        )
    )
    return widget.region.shrink(Spacing(top, right, bottom, left))


def label_problems(screen: Screen[object]) -> list[str]:
    """Every button's and key's words whole on it: none cut short ("Give back and open…")
    or wrapped onto a line of its own."""
    problems = []
    for widget in _widget_targets(screen):
        if isinstance(widget, TouchKeyboard):
            for key in widget.placed_keys():
                if cell_len(key.cap.label) > key.region.width - 2:  # the key's edges
                    problems.append(f"key #{key.cap.key_id} cuts {key.cap.label!r}")
        elif isinstance(widget, Button):
            room = widget.content_region.width
            for line in widget.label.plain.splitlines():
                if cell_len(line) > room and widget.styles.text_overflow != "ellipsis":
                    problems.append(f"{name(widget)} has {cell_len(line)} columns in {room}")
    return problems


def size_problems(screen: Screen[object]) -> list[str]:
    """Targets at least 3 rows by 6 columns."""
    problems = []
    for target in visible_targets(screen):
        region = target.region
        if region.height < MIN_ROWS or region.width < MIN_COLUMNS:
            problems.append(f"{target.name} is {region.width}x{region.height}, under 6x3")
    return problems


def _shown(widget: Widget) -> bool:
    return all(node.display for node in [widget, *widget.ancestors] if isinstance(node, Widget))


def _scrolled_away(widget: Widget) -> bool:
    """Inside a view that scrolls: out of sight there is fine, a finger scrolls to it."""
    return any(
        isinstance(a, Widget) and (a.allow_vertical_scroll or a.allow_horizontal_scroll)
        for a in widget.ancestors
    )


def lost_targets(screen: Screen[object]) -> list[str]:
    """Targets the screen shows (displayed) that were laid out where nobody can see them."""
    visible = screen._compositor.visible_widgets
    modal = _modal(screen)
    problems = []
    for widget in screen.query("*"):
        if not isinstance(widget, TARGETS) or widget in visible or not _shown(widget):
            continue
        if any(isinstance(a, TARGETS) for a in widget.ancestors) or _scrolled_away(widget):
            continue
        if modal is not None and not _inside(widget, modal):
            continue
        problems.append(f"{name(widget)} is not on screen at all")
    return problems


def placement_problems(screen: Screen[object]) -> list[str]:
    """Targets wholly on screen (not cut by its edge or a scroll view) and uncovered."""
    problems = lost_targets(screen)
    screen_region = screen.region
    visible = screen._compositor.visible_widgets
    for target in visible_targets(screen):
        region = target.drawn
        _, clip = visible[target.widget]
        if not (screen_region.contains_region(region) and clip.contains_region(region)):
            problems.append(f"{target.name} is cut off: {region} shows only {clip}")
            continue
        points = {
            "centre": (region.x + region.width // 2, region.y + region.height // 2),
            "top left": (region.x, region.y),
            "top right": (region.right - 1, region.y),
            "bottom left": (region.x, region.bottom - 1),
            "bottom right": (region.right - 1, region.bottom - 1),
        }
        for where, (x, y) in points.items():
            top, _ = screen.get_widget_at(x, y)
            if not _inside(top, target.widget):
                problems.append(f"{target.name}: its {where} is under {name(top)}")
    return problems


def contrast_problems(screen: Screen[object]) -> list[str]:
    """The lowest contrast per widget, where it is under what its kind of text needs."""
    cells = screen_cells(screen)
    worst: dict[Widget, tuple[float, str, float]] = {}
    for y, row in enumerate(cells):
        for x, cell in enumerate(row):
            if not is_text(cell.char):
                continue
            widget, _ = screen.get_widget_at(x, y)
            owner = next((w for w in [widget, *widget.ancestors] if isinstance(w, TARGETS)), None)
            need = BUTTON_CONTRAST if owner is not None else BODY_CONTRAST
            ratio = contrast_ratio(cell.fg, cell.bg)
            if ratio < need:
                key = owner or widget
                if key not in worst or ratio < worst[key][0]:
                    text = "".join(c.char for c in row[max(0, x - 8) : x + 12]).strip()
                    worst[key] = (ratio, text, need)
    return [
        f"{name(w)} text {text!r}: {ratio:.1f}:1, under {need}:1"
        for w, (ratio, text, need) in worst.items()
    ]


def _rgb_of(color: object) -> tuple[int, int, int]:
    rgb = color.rgb  # type: ignore[attr-defined]
    return (rgb[0], rgb[1], rgb[2])


def outline_problems(screen: Screen[object]) -> list[str]:
    """A target must stand out from what is around it: its face or its edge at least 3:1
    against the background behind it (WCAG 2.1, 1.4.11 non-text contrast)."""
    cells = screen_cells(screen)
    problems = []
    for target in visible_targets(screen):
        if isinstance(target.widget, Input):
            continue  # a text box is shown by its border and cursor, and always focused
        behind = _rgb_of(target.behind)
        region = target.drawn
        x, y = region.x + region.width // 2, region.y + region.height // 2
        seen = [cells[y][x].bg]
        for ex, ey in ((x, region.y), (x, region.bottom - 1), (region.x, y), (region.right - 1, y)):
            cell = cells[ey][ex]
            seen += (
                [cell.bg, cell.fg]
                if not is_text(cell.char) and not cell.char.isspace()
                else [cell.bg]
            )
        best = max(contrast_ratio(c, behind) for c in seen)
        if best < OUTLINE_CONTRAST:
            problems.append(f"{target.name} hardly stands out: {best:.1f}:1 against its background")
    return problems


def visible_text(screen: Screen[object]) -> str:
    """The words drawn on the screen, row after row, spaces run together: what a person at
    the kiosk could read (a phrase wrapped over two rows still reads as one)."""
    rows = (
        "".join(text for text, _, control in strip if not control)
        for strip in screen._compositor.render_strips()
    )
    return " ".join(" ".join(rows).split())
