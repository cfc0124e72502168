"""The kiosk's colours: Textual's dark theme, made readable in a bright foyer.

Measured with the WCAG relative-luminance formula (tests/screen_check.py reads the colours
the screens actually draw): text on buttons at least 4.5:1, body text at least 7:1, and
every button's face or outline at least 3:1 against what is behind it. Textual's own
dark theme gives 3.8:1 for white on its blue (Sign in), 4.1:1 for its blue headings and
1.1:1 for a plain button (Staff) against the screen.
"""

from __future__ import annotations

from textual.theme import Theme

# The kiosk's own CSS variables, defined for every theme (KioskApp.get_theme_variable_defaults).
KIOSK_VARIABLE_DEFAULTS = {
    # The edge of a plain button or key: 4:1 against the background, so a quiet button
    # (Staff, Back, a key) is still seen as a button.
    "kiosk-outline": "#7A7A7A",
}

KIOSK_THEME = Theme(
    name="kiosk",
    dark=True,
    # Darker blue and red than textual-dark, so their near-white text reads at 5:1 or more.
    primary="#0058A8",
    secondary="#004578",
    accent="#FFA62B",
    warning="#FFA62B",
    error="#A8304E",
    success="#4EBF71",
    # Near-white: Textual draws [dim] hints at 66% of it, which must still read at 7:1.
    foreground="#F0F0F0",
    background="#121212",
    surface="#1E1E1E",
    panel="#24292F",
    variables={
        # Quieter text is still body text: 60% of white on black is only 6.6:1.
        "text-muted": "auto 80%",
        # Messages and coloured text: Textual tints white only 66% towards the colour.
        "text-error": "#FF9BAE",
        "text-primary": "#8CC8FF",
        "text-warning": "#FFC978",
        "text-success": "#9BE3B0",
        "foreground-muted": "#BDBDBD",
        # Headings in the rules: a light blue that reads at 9:1 on the background.
        "markdown-h1-color": "#8CC8FF",
        "markdown-h2-color": "#8CC8FF",
        "markdown-h3-color": "#8CC8FF",
        "input-cursor-foreground": "#121212",
    },
)
