"""Bar charts as inline SVG, built with ElementTree (as the cards and labels are): drawn by any
browser, printed cleanly, no script, no network.

ElementTree escapes every label. The colours are the chart's meaning, so every colour drawn
has a legend entry (wrapped onto as many rows as the chart's width needs, measured with the
font's own widths, never run off the edge) and each bar a <title> (a tooltip and what a
screen reader says); the colours have at least 3:1 contrast on white. A category label too
wide for its bars goes on two lines.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.domain.text_width import text_width_em, two_lines

SVG_NS = "http://www.w3.org/2000/svg"
FONT_FAMILY = "DejaVu Sans, Arial, Helvetica, sans-serif"  # widths measured as DejaVu Sans
FONT_SIZE = 12
AXIS = "#444444"
SWATCH = 12
LEGEND_ROW = 18


@dataclass(frozen=True)
class Series:
    name: str
    colour: str  # "#rrggbb"
    values: tuple[float, ...]


def _nice_max(value: float, ticks: int = 4) -> float:
    """A round axis top at or above `value` whose `ticks` steps are round too (1, 2, 5...)."""
    if value <= 0:
        return ticks
    step = 1.0
    while True:
        for factor in (1, 2, 5):
            if step * factor * ticks >= value:
                return step * factor * ticks
        step *= 10


def _fmt(value: float) -> str:
    return f"{value:g}"


def _svg(title: str, width: int, height: int) -> ET.Element:
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,  # set by hand, as bag_labels does: the markup goes inline in HTML
            "class": "chart",
            "width": str(width),
            "height": str(height),
            "viewBox": f"0 0 {width} {height}",
            "role": "img",
            "aria-label": title,
        },
    )
    _text(svg, 0, 18, title, bold=True)
    return svg


def _text(
    parent: ET.Element,
    x: float,
    y: float,
    text: str,
    *,
    bold: bool = False,
    anchor: str = "start",
    size: float = FONT_SIZE,
    cls: str = "",
) -> ET.Element:
    attrs = {
        "x": f"{x:.1f}",
        "y": f"{y:.1f}",
        "font-family": FONT_FAMILY,
        "font-size": f"{size:g}",
        "fill": "#111111",
    }
    if bold:
        attrs["font-weight"] = "bold"
    if anchor != "start":
        attrs["text-anchor"] = anchor
    if cls:
        attrs["class"] = cls
    element = ET.SubElement(parent, "text", attrs)
    element.text = text
    return element


def _rect(
    parent: ET.Element,
    x: float,
    y: float,
    w: float,
    h: float,
    fill: str,
    tooltip: str = "",
    cls: str = "",
) -> None:
    attrs = {
        "x": f"{x:.1f}",
        "y": f"{y:.1f}",
        "width": f"{w:.1f}",
        "height": f"{h:.1f}",
        "fill": fill,
    }
    if cls:
        attrs["class"] = cls
    rect = ET.SubElement(parent, "rect", attrs)
    if tooltip:
        ET.SubElement(rect, "title").text = tooltip


def _legend_rows(entries: Sequence[str], width: float) -> list[list[tuple[float, str]]]:
    """Each entry's x, row by row, so that no row is wider than `width`."""
    rows: list[list[tuple[float, str]]] = [[]]
    x = 0.0
    for text in entries:
        needed = SWATCH + 4 + text_width_em(text) * FONT_SIZE
        if rows[-1] and x + needed > width:
            rows.append([])
            x = 0.0
        rows[-1].append((x, text))
        x += needed + 18
    return rows


def _legend(svg: ET.Element, entries: Sequence[tuple[str, str]], top: float, width: float) -> None:
    """Swatch and words for every (text, colour), from `top`, wrapped to `width`."""
    colours = dict(entries)
    for row_number, row in enumerate(_legend_rows([text for text, _ in entries], width)):
        y = top + row_number * LEGEND_ROW
        for x, text in row:
            _rect(svg, x, y, SWATCH, SWATCH, colours[text], cls="swatch")
            _text(svg, x + SWATCH + 4, y + 10, text, cls="legend")


def _legend_height(entries: Sequence[str], width: float) -> int:
    return LEGEND_ROW * len(_legend_rows(entries, width))


def bar_chart(
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    width: int = 720,
    height: int = 260,
    unit: str = "",
) -> str:
    """Grouped vertical bars: one group per category, one bar per series."""
    left, right, top = 44, 12, 34
    legend = [s.name for s in series]
    legend_h = _legend_height(legend, width)
    bottom = 34 + legend_h
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_max(max((v for s in series for v in s.values), default=0))
    group_w = plot_w / max(len(categories), 1)
    bar_w = max(group_w * 0.8 / max(len(series), 1), 1)
    svg = _svg(title, width, height)
    for tick in range(5):  # gridlines and axis labels at 0, 1/4 ... top
        y = top + plot_h - plot_h * tick / 4
        ET.SubElement(
            svg,
            "line",
            {
                "x1": str(left),
                "y1": f"{y:.1f}",
                "x2": str(width - right),
                "y2": f"{y:.1f}",
                "stroke": "#dddddd",
                "stroke-width": "1",
            },
        )
        _text(svg, left - 6, y + 4, _fmt(round(top_value * tick / 4, 1)), anchor="end")
    every = 1 if len(categories) <= 16 else 2
    for g, category in enumerate(categories):
        x0 = left + g * group_w + group_w * 0.1
        for s_index, s in enumerate(series):
            value = s.values[g] if g < len(s.values) else 0
            h = plot_h * value / top_value
            tip = f"{category}: {s.name} {_fmt(value)}{unit}"
            _rect(svg, x0 + s_index * bar_w, top + plot_h - h, bar_w, h, s.colour, tip, "bar")
        if g % every == 0:
            _category_label(
                svg,
                category,
                left + g * group_w + group_w / 2,
                top + plot_h + 16,
                group_w * every - 4,
            )
    ET.SubElement(
        svg,
        "line",
        {
            "x1": str(left),
            "y1": str(top + plot_h),
            "x2": str(width - right),
            "y2": str(top + plot_h),
            "stroke": AXIS,
            "stroke-width": "1",
        },
    )
    _legend(svg, [(s.name, s.colour) for s in series], height - legend_h, width)
    return ET.tostring(svg, encoding="unicode")


def _category_label(svg: ET.Element, text: str, centre: float, y: float, room: float) -> None:
    """A category's name under its bars: on one line, or on two if one is too wide."""
    if text_width_em(text) * FONT_SIZE <= room:
        _text(svg, centre, y, text, anchor="middle")
        return
    lines, size = two_lines(text, room, FONT_SIZE)
    label = _text(svg, centre, y - 5 if len(lines) > 1 else y, "", anchor="middle", size=size)
    label.text = None
    for n, line in enumerate(lines):
        span = ET.SubElement(
            label, "tspan", {"x": f"{centre:.1f}", "dy": "0" if n == 0 else "1.1em"}
        )
        span.text = line


def share_bar(title: str, parts: Sequence[tuple[str, str, int]], width: int = 720) -> str:
    """One horizontal bar split into shares: (label, colour, count) each, with percentages;
    every part is in the legend, a part with nothing in it too."""
    total = sum(count for _, _, count in parts)
    texts = [f"{label}: {count} ({count / total if total else 0:.0%})" for label, _, count in parts]
    legend_h = _legend_height(texts, width)
    bar_y, bar_h = 28, 28
    height = bar_y + bar_h + 12 + legend_h
    svg = _svg(title, width, height)
    x = 0.0
    for (_, colour, count), text in zip(parts, texts, strict=True):
        w = width * count / total if total else 0
        if w > 0:
            _rect(svg, x, bar_y, w, bar_h, colour, text, "bar")
        x += w
    if not total:
        ET.SubElement(
            svg,
            "rect",
            {
                "x": "0",
                "y": str(bar_y),
                "width": str(width),
                "height": str(bar_h),
                "fill": "none",
                "stroke": AXIS,
            },
        )
        _text(svg, 8, bar_y + 18, "none")
    _legend(
        svg, [(t, c) for t, (_, c, _) in zip(texts, parts, strict=True)], bar_y + bar_h + 12, width
    )
    return ET.tostring(svg, encoding="unicode")
