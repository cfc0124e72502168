"""Bar charts as inline SVG: drawn by any browser, printed cleanly, no script, no network.

Pure string building. Every label is escaped. The colours are the chart's meaning, so each
series also has a text legend and each bar a <title> (a tooltip and what a screen reader
says); the colours have at least 3:1 contrast on white.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

FONT = "font-family:sans-serif;font-size:12px"
AXIS = "#444444"


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


def bar_chart(
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    width: int = 720,
    height: int = 260,
    unit: str = "",
) -> str:
    """Grouped vertical bars: one group per category, one bar per series."""
    left, right, top, bottom = 44, 12, 34, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_max(max((v for s in series for v in s.values), default=0))
    group_w = plot_w / max(len(categories), 1)
    bar_w = max(group_w * 0.8 / max(len(series), 1), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}">',
        f'<text x="{left}" y="18" style="{FONT};font-weight:bold">{escape(title)}</text>',
    ]
    for tick in range(5):  # gridlines and axis labels at 0, 1/4 ... top
        value = top_value * tick / 4
        y = top + plot_h - plot_h * tick / 4
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            f'stroke="#dddddd" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" style="{FONT}">'
            f"{_fmt(round(value, 1))}</text>"
        )
    for g, category in enumerate(categories):
        x0 = left + g * group_w + group_w * 0.1
        for s_index, s in enumerate(series):
            value = s.values[g] if g < len(s.values) else 0
            h = plot_h * value / top_value
            x = x0 + s_index * bar_w
            y = top + plot_h - h
            parts.append(
                f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" fill="{s.colour}"><title>{escape(category)}: '
                f"{escape(s.name)} {_fmt(value)}{escape(unit)}</title></rect>"
            )
        if len(categories) <= 16 or g % 2 == 0:
            cx = left + g * group_w + group_w / 2
            parts.append(
                f'<text x="{cx:.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
                f'style="{FONT}">{escape(category)}</text>'
            )
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
        f'stroke="{AXIS}" stroke-width="1"/>'
    )
    x = left
    for s in series:  # legend
        parts.append(
            f'<rect x="{x}" y="{height - 16}" width="12" height="12" fill="{s.colour}"/>'
            f'<text x="{x + 16}" y="{height - 6}" style="{FONT}">{escape(s.name)}</text>'
        )
        x += 24 + 7 * len(s.name)
    parts.append("</svg>")
    return "".join(parts)


def share_bar(title: str, parts_: Sequence[tuple[str, str, int]], width: int = 720) -> str:
    """One horizontal bar split into shares: (label, colour, count) each, with percentages."""
    total = sum(count for _, _, count in parts_)
    height, left, bar_y, bar_h = 92, 10, 28, 28
    plot_w = width - 2 * left
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}">',
        f'<text x="{left}" y="18" style="{FONT};font-weight:bold">{escape(title)}</text>',
    ]
    x = float(left)
    legend_x = left
    for label, colour, count in parts_:
        share = count / total if total else 0
        w = plot_w * share
        text = f"{label}: {count} ({share:.0%})"
        if w > 0:
            out.append(
                f'<rect class="bar" x="{x:.1f}" y="{bar_y}" width="{w:.1f}" height="{bar_h}" '
                f'fill="{colour}"><title>{escape(text)}</title></rect>'
            )
        x += w
        out.append(
            f'<rect x="{legend_x}" y="{height - 22}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{legend_x + 16}" y="{height - 12}" style="{FONT}">{escape(text)}</text>'
        )
        legend_x += 30 + 7 * len(text)
    if not total:
        out.append(
            f'<rect x="{left}" y="{bar_y}" width="{plot_w}" height="{bar_h}" fill="none" '
            f'stroke="{AXIS}"/><text x="{left + 8}" y="{bar_y + 18}" style="{FONT}">none</text>'
        )
    out.append("</svg>")
    return "".join(out)
